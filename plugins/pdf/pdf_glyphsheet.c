/* pdf_glyphsheet.c — the glyph sheet, a diagnostic page set printed instead of the brief when
 * `[pdf] glyph_sheet = true`: every character the brief sets, in every face that sets it,
 * one per cell of a grid, through the same pipeline as the brief (fontconfig lookup, glyph
 * map, hb-subset, libharu embedding). A blank cell is a glyph lost on the way; the
 * glyph-coverage test (tests/pdf) renders the sheet and checks every cell for ink.
 *
 * Each face starts on a new page; cells are two ems square so that text extraction sees one
 * word per character (pdftotext -bbox gives each cell's box). Characters without ink by
 * nature (spaces, separators, controls) are left out.
 */
#include "pdf.h"

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

static HPDF_Page new_page(pdf_doc *d)
{
    HPDF_Page page = HPDF_AddPage(d->pdf);
    if (page) {
        HPDF_Page_SetWidth(page, (HPDF_REAL)d->st.page_w);
        HPDF_Page_SetHeight(page, (HPDF_REAL)d->st.page_h);
    }
    return page;
}

dossier_status pdf_glyphsheet_render(pdf_doc *d)
{
    const pdf_fonts *fs = &d->fonts;
    size_t cols = (size_t)(d->st.text_w / SHEET_CELL);
    size_t rows = (size_t)(d->st.text_h / SHEET_CELL);
    if (cols == 0 || rows == 0)
        return pdf_fail(d, DOSSIER_ERR_CONFIG, "the text block is too small for a glyph sheet");
    double left = d->st.margin_binding;
    double top = d->st.page_h - d->st.margin_top;
    size_t pages = 0;
    for (size_t k = 0; k < fs->n_faces; k++) {
        const pdf_face *f = &fs->faces[k];
        if (!f->hfont)
            continue;
        HPDF_Page page = NULL;
        size_t cell = 0;
        hb_codepoint_t cp = HB_SET_VALUE_INVALID;
        while (hb_set_next(f->used, &cp)) {
            if (inkless(cp))
                continue;
            if (cell % (cols * rows) == 0) {
                if (page)
                    HPDF_Page_EndText(page);
                page = new_page(d);
                if (!page)
                    return pdf_check_hpdf(d, "adding a page");
                pages++;
                HPDF_Page_BeginText(page);
                HPDF_Page_SetFontAndSize(page, f->hfont, (HPDF_REAL)SHEET_SIZE);
            }
            size_t at = cell % (cols * rows);
            double x = left + (double)(at % cols) * SHEET_CELL + (SHEET_CELL - SHEET_SIZE) / 2;
            double y = top - (double)(at / cols + 1) * SHEET_CELL + (SHEET_CELL - SHEET_SIZE) / 2 +
                       SHEET_SIZE * 0.15;
            char buf[8] = {0};
            pdf_utf8_encode(cp, buf);
            HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, buf);
            cell++;
        }
        if (page)
            HPDF_Page_EndText(page);
        dossier_status s = pdf_check_hpdf(d, "drawing the glyph sheet");
        if (s != DOSSIER_OK)
            return s;
    }
    if (!pages && !new_page(d)) /* a PDF needs a page; a profile without text has no glyphs */
        return pdf_check_hpdf(d, "adding a page");
    return DOSSIER_OK;
}
