/* lay_doc.c — the layout's driver: the stages of layout.h in order, from the brief to one
 * display list per page, and the release of everything the lay_doc holds.
 */
#include <stdlib.h>

#include "layout.h"

dossier_status lay_doc_layout(lay_doc *d, bool glyph_sheet)
{
    dossier_status s = d->brief ? lay_style_resolve(d)
                                : lay_fail(d, DOSSIER_ERR_UNSUPPORTED,
                                           "this host hands no brief to plugins (it is older "
                                           "than plugin ABI 1.1)");
    if (s == DOSSIER_OK)
        s = lay_fonts_open(d);
    if (s == DOSSIER_OK)
        s = lay_content_build(d);
    if (s == DOSSIER_OK)
        s = lay_content_register_text(d);
    d->sheet = glyph_sheet;
    if (s == DOSSIER_OK && glyph_sheet)
        return lay_glyphsheet(d);
    if (s == DOSSIER_OK)
        s = lay_layout_blocks(d);
    if (s == DOSSIER_OK)
        s = lay_paginate(d);
    return s;
}

const lay_dl *lay_page_dl(lay_doc *d, size_t p, const char *format)
{
    dossier_status s = d->sheet ? DOSSIER_OK : lay_draw_page(d, p);
    if (s == DOSSIER_OK)
        s = lay_dump_page(d, p, format);
    return s == DOSSIER_OK ? &d->pages[p].dl : NULL;
}

void lay_page_done(lay_doc *d, size_t p)
{
    lay_dl_free(&d->pages[p].dl);
}

void lay_doc_free(lay_doc *d)
{
    lay_fonts_close(&d->fonts);
    for (size_t i = 0; i < d->n_tables; i++)
        lay_table_free(d->tables[i]);
    for (size_t i = 0; i < d->n_charts; i++)
        lay_chart_free(d->charts[i]);
    for (size_t i = 0; i < d->n_pages; i++)
        lay_dl_free(&d->pages[i].dl);
    lay_masthead_free(d->masthead);
    lay_colophon_free(d->colophon);
    free(d->tables);
    free(d->charts);
    free(d->blocks);
    free(d->anchors);
    free(d->glyphs);
    free(d->lines);
    free(d->items);
    free(d->placed);
    free(d->pages);
    lay_arena_free(&d->arena);
}
