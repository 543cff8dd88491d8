/* lay_paginate.c — items onto pages of the text block's height.
 *
 * Greedy with keeps: items are stacked until one does not fit; the page then ends at the
 * last place a break is allowed (not after an item marked keep_next: a heading, a
 * paragraph's first line or last-but-one line, a table's header …). Only when a page holds no
 * allowed break at all is the break forced where the overflow happens. Spaces are dropped at
 * the top of a page; a table that continues on a new page gets "续表" and its header row
 * again (items marked repeat_only are placed only there).
 *
 * Figures float (the usual rule): a figure — with its caption, its notes and a heading kept
 * with it — that does not fit on the rest of a page, where moving it whole would leave more
 * than a third of the page empty, waits for the top of the next page while the text after it
 * fills this one; figures keep their order among themselves.
 *
 * The colophon (版记 / 报尾), always the last item, is anchored to the bottom of the text block
 * of the last page (GB/T 9704 7.4.1: its last rule on the block's bottom edge). When it does
 * not fit under the last page's content, it goes to a page of its own, at the bottom.
 */
#include <math.h>
#include <stdlib.h>

#include "layout.h"

#define EPS 0.01

static dossier_status place(lay_doc *d, size_t item, double top)
{
    lay_placed *pl = LAY_PUSH(d, placed);
    if (!pl)
        return d->status;
    pl->item = item;
    pl->top = top;
    return DOSSIER_OK;
}

static lay_page *new_page(lay_doc *d)
{
    lay_page *pg = LAY_PUSH(d, pages);
    if (pg)
        pg->first = d->n_placed;
    return pg;
}

/* Places the colophon (item k) at the foot of the last page, or of a new one. */
static dossier_status place_at_foot(lay_doc *d, size_t k, double top, double cap)
{
    double bottom = top - cap, low = top;
    if (d->n_pages) {
        const lay_page *pg = &d->pages[d->n_pages - 1];
        for (size_t i = pg->first; i < pg->first + pg->n; i++)
            low = fmin(low, d->placed[i].top - d->items[d->placed[i].item].height);
    }
    if (!d->n_pages || low - d->items[k].height < bottom - EPS) {
        if (!new_page(d))
            return d->status;
    }
    /* A colophon taller than the text block (a very long 抄送 list) starts at its top. */
    if (place(d, k, fmin(top, bottom + d->items[k].height)) != DOSSIER_OK)
        return d->status;
    lay_page *pg = &d->pages[d->n_pages - 1];
    pg->n = d->n_placed - pg->first;
    return DOSSIER_OK;
}

/* The keep chain that starts at item j: j and every item held to it by keep_next; its end
 * (exclusive) and height. */
static size_t chain_end(const lay_doc *d, size_t j, size_t n, double *h)
{
    size_t k = j;
    *h = 0;
    while (k < n) {
        *h += d->items[k].repeat_only ? 0 : d->items[k].height;
        if (!d->items[k++].keep_next)
            break;
    }
    return k;
}

static bool has_chart(const lay_doc *d, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (d->items[k].kind == LAY_IT_CHART)
            return true;
    return false;
}

/* Places items [a, b) from y down (skipping those placed elsewhere); returns the new y. */
static double place_run(lay_doc *d, size_t a, size_t b, double y, const bool *skip)
{
    for (size_t k = a; k < b && d->status == DOSSIER_OK; k++) {
        if (d->items[k].repeat_only || skip[k])
            continue;
        if (place(d, k, y) != DOSSIER_OK)
            break;
        y -= d->items[k].height;
    }
    return y;
}

dossier_status lay_paginate(lay_doc *d)
{
    const double cap = d->st.text_h;
    const double top = d->st.page_h - d->st.margin_top;
    size_t n = d->n_items;
    bool colophon = n && d->items[n - 1].kind == LAY_IT_COLOPHON;
    if (colophon)
        n--;
    /* Figures float: a figure (with its caption, notes and the heading kept with it) that
     * does not fit on the rest of a page that would be left more than a third empty waits
     * for the top of the next page while the text after it fills this one. skip marks the
     * items of a waiting figure; pending[] the waiting figures' chains, in order. */
    bool *skip = calloc(n ? n : 1, sizeof *skip);
    size_t *pend_a = calloc(n ? n : 1, sizeof *pend_a), *pend_b = calloc(n ? n : 1, sizeof *pend_b);
    if (!skip || !pend_a || !pend_b) {
        free(skip);
        free(pend_a);
        free(pend_b);
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    size_t n_pend = 0, first_pend = 0;
    size_t i = 0;
    while ((i < n || first_pend < n_pend) && d->status == DOSSIER_OK) {
        while (i < n && (d->items[i].kind == LAY_IT_SPACE || d->items[i].repeat_only || skip[i]))
            i++;
        if (i >= n && first_pend >= n_pend)
            break;
        lay_page *pg = new_page(d);
        if (!pg)
            break;
        double y = top;

        /* Waiting figures first, in order, as many as fit (the first always). */
        while (first_pend < n_pend) {
            double h = 0;
            for (size_t k = pend_a[first_pend]; k < pend_b[first_pend]; k++)
                h += d->items[k].height;
            if (y < top - EPS && top - y + h > cap + EPS)
                break;
            for (size_t k = pend_a[first_pend]; k < pend_b[first_pend]; k++)
                skip[k] = false;
            y = place_run(d, pend_a[first_pend], pend_b[first_pend], y, skip);
            first_pend++;
        }
        bool waiting = first_pend < n_pend; /* later figures keep their order */

        /* A table continued from the previous page: 续表 and its header again. */
        size_t header_first = 0, header_n = 0;
        const lay_item *it = i < n ? &d->items[i] : NULL;
        if (it && it->kind == LAY_IT_ROW && !it->header)
            header_n = lay_table_header_items(d->tables[it->ref], &header_first);
        for (size_t k = 0; k < header_n; k++) {
            if (place(d, header_first + k, y) != DOSSIER_OK)
                break;
            y -= d->items[header_first + k].height;
        }

        double used = top - y, trail = 0; /* trail: spaces since the last item with ink */
        size_t j = i, last_ok = SIZE_MAX;
        while (j < n) {
            if (skip[j]) {
                j++;
                continue;
            }
            bool chain_start = j == i || !d->items[j - 1].keep_next;
            if (chain_start) {
                double h;
                size_t e = chain_end(d, j, n, &h);
                /* A figure that must wait: it does not fit and would leave more than a
                 * third of the page empty (the space just before it prints nothing and goes
                 * with the page break), or an earlier figure is waiting. */
                if (has_chart(d, j, e) && e < n &&
                    (waiting || (used + h > cap + EPS && cap - (used - trail) > cap / 3))) {
                    pend_a[n_pend] = j;
                    pend_b[n_pend++] = e;
                    for (size_t k = j; k < e; k++)
                        skip[k] = true;
                    waiting = true;
                    if (j > i && !d->items[j - 1].keep_next)
                        last_ok = j;
                    j = e;
                    continue;
                }
            }
            if (j > i && !d->items[j - 1].keep_next)
                last_ok = j;
            double h = d->items[j].repeat_only ? 0 : d->items[j].height;
            if (j > i && used + h > cap + EPS)
                break;
            used += h;
            trail = d->items[j].kind == LAY_IT_SPACE ? trail + h : 0;
            j++;
        }
        size_t end = j < n && last_ok != SIZE_MAX ? last_ok : j;
        /* Figures deferred past the break come back into the flow. */
        for (size_t q = first_pend; q < n_pend; q++)
            if (pend_a[q] >= end) {
                for (size_t k = pend_a[q]; k < pend_b[q]; k++)
                    skip[k] = false;
                n_pend = q;
                break;
            }
        place_run(d, i, end, y, skip);
        pg = &d->pages[d->n_pages - 1];
        pg->n = d->n_placed - pg->first;
        i = end;
    }
    free(skip);
    free(pend_a);
    free(pend_b);
    if (d->status != DOSSIER_OK)
        return d->status;
    return colophon ? place_at_foot(d, n, top, cap) : DOSSIER_OK;
}
