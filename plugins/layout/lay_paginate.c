/* lay_paginate.c — items onto pages of the text block's height.
 *
 * Greedy with keeps: items are stacked until one does not fit; the page then ends at the
 * last place a break is allowed (not after an item marked keep_next: a heading, a
 * paragraph's first line or last-but-one line, a table's header …). Only when a page holds no
 * allowed break at all is the break forced where the overflow happens. Spaces are dropped at
 * the top of a page; a table that continues on a new page gets "续表" and its header row
 * again (items marked repeat_only are placed only there).
 *
 * The colophon (版记 / 报尾), always the last item, is anchored to the bottom of the text block
 * of the last page (GB/T 9704 7.4.1: its last rule on the block's bottom edge). When it does
 * not fit under the last page's content, it goes to a page of its own, at the bottom.
 */
#include <math.h>

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

dossier_status lay_paginate(lay_doc *d)
{
    const double cap = d->st.text_h;
    const double top = d->st.page_h - d->st.margin_top;
    size_t n = d->n_items;
    bool colophon = n && d->items[n - 1].kind == LAY_IT_COLOPHON;
    if (colophon)
        n--;
    size_t i = 0;
    while (i < n) {
        while (i < n && (d->items[i].kind == LAY_IT_SPACE || d->items[i].repeat_only))
            i++;
        if (i >= n)
            break;
        lay_page *pg = new_page(d);
        if (!pg)
            return d->status;

        /* A table continued from the previous page: its header again. */
        double used = 0;
        size_t header_first = 0, header_n = 0;
        const lay_item *it = &d->items[i];
        if (it->kind == LAY_IT_ROW && !it->header)
            header_n = lay_table_header_items(d->tables[it->ref], &header_first);
        for (size_t k = 0; k < header_n; k++) {
            if (place(d, header_first + k, top - used) != DOSSIER_OK)
                return d->status;
            used += d->items[header_first + k].height;
        }

        size_t j = i, last_ok = SIZE_MAX;
        while (j < n) {
            if (j > i && !d->items[j - 1].keep_next)
                last_ok = j;
            double h = d->items[j].repeat_only ? 0 : d->items[j].height;
            if (j > i && used + h > cap + EPS)
                break;
            used += h;
            j++;
        }
        size_t end = j < n && last_ok != SIZE_MAX ? last_ok : j;
        double y = top;
        for (size_t k = 0; k < header_n; k++)
            y -= d->items[header_first + k].height;
        for (size_t k = i; k < end; k++) {
            if (d->items[k].repeat_only)
                continue;
            if (place(d, k, y) != DOSSIER_OK)
                return d->status;
            y -= d->items[k].height;
        }
        pg = &d->pages[d->n_pages - 1];
        pg->n = d->n_placed - pg->first;
        i = end;
    }
    return colophon ? place_at_foot(d, n, top, cap) : DOSSIER_OK;
}
