/* lay_glyphsheet.c — the glyph sheet, a diagnostic set of pages printed instead of the brief
 * when `glyph_sheet = true`: every character the brief sets, in every face that sets it,
 * one per cell of a grid, through the same pipeline as the brief (fontconfig lookup, glyph
 * map, hb-subset, the backend's embedding). A blank cell is a glyph lost on the way; the
 * glyph-coverage test (tests/pdf) renders the sheet and checks every cell for ink.
 *
 * Each face starts on a new page; cells are two ems square so that text extraction sees one
 * word per character (pdftotext -bbox gives each cell's box). Characters without ink by
 * nature (spaces, separators, controls) are left out.
 */
#include "layout.h"

#define SHEET_SIZE 12.0 /* glyph size, pt */
#define SHEET_CELL 24.0 /* cell pitch, pt */

static bool inkless(uint32_t cp)
{
    switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR:
    case HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR:
    case HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR:
    case HB_UNICODE_GENERAL_CATEGORY_CONTROL:
    case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
        return true;
    default:
        return false;
    }
}

static lay_dl *new_page(lay_doc *d)
{
    lay_page *pg = LAY_PUSH(d, pages);
    if (!pg)
        return NULL;
    lay_dl_init(&pg->dl);
    return &pg->dl;
}

dossier_status lay_glyphsheet(lay_doc *d)
{
    const lay_fonts *fs = &d->fonts;
    size_t cols = (size_t)(d->st.text_w / SHEET_CELL);
    size_t rows = (size_t)(d->st.text_h / SHEET_CELL);
    if (cols == 0 || rows == 0)
        return lay_fail(d, DOSSIER_ERR_CONFIG, "the text block is too small for a glyph sheet");
    double left = d->st.margin_binding;
    double top = d->st.page_h - d->st.margin_top;
    for (size_t k = 0; k < fs->n_faces; k++) {
        const lay_face *f = &fs->faces[k];
        lay_dl *dl = NULL;
        size_t cell = 0;
        hb_codepoint_t cp = HB_SET_VALUE_INVALID;
        while (hb_set_next(f->used, &cp)) {
            if (inkless(cp))
                continue;
            if (cell % (cols * rows) == 0 && !(dl = new_page(d)))
                return d->status;
            size_t at = cell % (cols * rows);
            double x = left + (double)(at % cols) * SHEET_CELL + (SHEET_CELL - SHEET_SIZE) / 2;
            double y = top - (double)(at / cols + 1) * SHEET_CELL + (SHEET_CELL - SHEET_SIZE) / 2 +
                       SHEET_SIZE * 0.15;
            lay_dl_glyph g = {.cp = cp};
            lay_fonts_glyph_of(f, cp, &g.gid, &g.width);
            g.adv = (float)(g.width * SHEET_SIZE / 1000.0);
            lay_dl_text(dl, (uint8_t)k, SHEET_SIZE, x, y, 0, true, &g, 1);
            cell++;
        }
    }
    if (!d->n_pages && !new_page(d)) /* a document needs a page; a profile without text has
                                        no glyphs */
        return d->status;
    for (size_t p = 0; p < d->n_pages; p++)
        if (d->pages[p].dl.failed)
            return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    return DOSSIER_OK;
}
