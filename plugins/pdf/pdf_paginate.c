/* pdf_paginate.c — items onto pages of the text block's height.
 *
 * Greedy with keeps: items are stacked until one does not fit; the page then ends at the
 * last place a break is allowed (not after an item marked keep_next: a heading, a
 * paragraph's first line or last-but-one line, a table's header …). Only when a page holds no
 * allowed break at all is the break forced where the overflow happens. Spaces are dropped at
 * the top of a page; a table that continues on a new page gets its header row again.
 */
#include "pdf.h"

#define EPS 0.01

static dossier_status place(pdf_doc *d, size_t item, double top)
{
    pdf_placed *pl = PDF_PUSH(d, placed);
    if (!pl)
        return d->status;
    pl->item = item;
    pl->top = top;
    return DOSSIER_OK;
}

dossier_status pdf_paginate(pdf_doc *d)
{
    const double cap = d->st.text_h;
    const double top = d->st.page_h - d->st.margin_top;
    size_t i = 0;
    while (i < d->n_items) {
        while (i < d->n_items && d->items[i].kind == PDF_IT_SPACE)
            i++;
        if (i >= d->n_items)
            break;
        pdf_page *pg = PDF_PUSH(d, pages);
        if (!pg)
            return d->status;
        pg->first = d->n_placed;

        /* A table continued from the previous page: its header again. */
        double used = 0;
        size_t header_first = 0, header_n = 0;
        const pdf_item *it = &d->items[i];
        if (it->kind == PDF_IT_ROW && !it->header)
            header_n = pdf_table_header_items(d->tables[it->ref], &header_first);
        for (size_t k = 0; k < header_n; k++) {
            if (place(d, header_first + k, top - used) != DOSSIER_OK)
                return d->status;
            used += d->items[header_first + k].height;
        }

        size_t j = i, last_ok = SIZE_MAX;
        while (j < d->n_items) {
            if (j > i && !d->items[j - 1].keep_next)
                last_ok = j;
            if (j > i && used + d->items[j].height > cap + EPS)
                break;
            used += d->items[j].height;
            j++;
        }
        size_t end = j < d->n_items && last_ok != SIZE_MAX ? last_ok : j;
        double y = top;
        for (size_t k = 0; k < header_n; k++)
            y -= d->items[header_first + k].height;
        for (size_t k = i; k < end; k++) {
            if (place(d, k, y) != DOSSIER_OK)
                return d->status;
            y -= d->items[k].height;
        }
        pg = &d->pages[d->n_pages - 1];
        pg->n = d->n_placed - pg->first;
        i = end;
    }
    return DOSSIER_OK;
}
