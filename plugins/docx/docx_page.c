/* docx_page.c — the page after GB/T 9704-2012: A4, margins 37 mm top, 35 mm bottom, 28 mm
 * left, 26 mm right (a text block of 156 × 225 mm); a document grid of 22 lines of 28
 * characters of 16 pt (w:docGrid linesAndChars; with [docx] grid = false, lines only); page
 * numbers "— N —" in 宋体 14 pt about 7 mm under the text block, odd pages at the right and even
 * pages at the left, one character in from the edge (two footers, w:evenAndOddHeaders). Also
 * word/settings.xml. */
#include "docx.h"

/* 225 mm / 22 lines = 579.8 twips; Word and WPS templates of GB/T 9704 round down to 579 */
#define LINE_PITCH 579
/* footer distance: the number's line (14 pt and its leading, about 6 mm) ends 22 mm above
 * the page's bottom edge, so that it starts 7 mm under the text block (35 mm − 7 mm) */
#define FOOTER_DIST 1247

void docx_sectpr(const docx_doc *d, dossier_buf *b)
{
    /* character pitch: 156 mm / 28 = 315.86 twips; w:charSpace is its difference from the
     * body size in 1/4096 pt: (315.86 / 20 − 16) × 4096 */
    long pitch_x4096 = (long)DOCX_TEXT_W * 4096 / 28 / 20;
    long char_space = pitch_x4096 - (long)d->body_size / 2 * 4096;
    dossier_buf_printf(b, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId5\"/>"
                          "<w:footerReference w:type=\"even\" r:id=\"rId6\"/>"
                          "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
                          "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\""
                          " w:header=\"851\" w:footer=\"%d\" w:gutter=\"0\"/>"
                          "<w:cols w:space=\"425\"/>",
                       DOCX_PAGE_W, DOCX_PAGE_H, DOCX_MARGIN_TOP, DOCX_MARGIN_RIGHT,
                       DOCX_MARGIN_BOTTOM, DOCX_MARGIN_LEFT, FOOTER_DIST);
    if (d->grid)
        dossier_buf_printf(b, "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"%d\""
                              " w:charSpace=\"%ld\"/>",
                           LINE_PITCH, char_space);
    else
        dossier_buf_printf(b, "<w:docGrid w:type=\"lines\" w:linePitch=\"%d\"/>", LINE_PITCH);
    dossier_buf_puts(b, "</w:sectPr>");
}

void docx_footer_xml(const docx_doc *d, bool even, dossier_buf *b)
{
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
                        " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
    dossier_buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:ind w:%s=\"280\"/>"
                          "<w:jc w:val=\"%s\"/></w:pPr>",
                       even ? "left" : "right", even ? "left" : "right");
    dossier_buf rpr;
    dossier_buf_init(&rpr);
    dossier_buf_puts(&rpr, "<w:rFonts");
    dx_attr(&rpr, "w:ascii", d->fonts.page_number.name);
    dx_attr(&rpr, "w:hAnsi", d->fonts.page_number.name);
    dx_attr(&rpr, "w:eastAsia", d->fonts.page_number.name);
    dossier_buf_puts(&rpr, "/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>");
    const char *r = rpr.data ? rpr.data : "";
    dx_run(b, r, "— ");
    dossier_buf_printf(b, "<w:r><w:rPr>%s</w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                          "<w:r><w:rPr>%s</w:rPr><w:instrText xml:space=\"preserve\"> PAGE "
                          "</w:instrText></w:r><w:r><w:rPr>%s</w:rPr>"
                          "<w:fldChar w:fldCharType=\"separate\"/></w:r>",
                       r, r, r);
    dx_run(b, r, even ? "2" : "1");
    dossier_buf_printf(b, "<w:r><w:rPr>%s</w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>", r);
    dx_run(b, r, " —");
    dossier_buf_puts(b, "</w:p></w:ftr>");
    if (rpr.error)
        b->error = rpr.error;
    dossier_buf_free(&rpr);
}

void docx_settings_xml(const docx_doc *d, dossier_buf *b)
{
    (void)d;
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                        "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>"
                        "<w:evenAndOddHeaders/>"
                        "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
                        "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
                        "<w:compat><w:compatSetting w:name=\"compatibilityMode\""
                        " w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
                        "<w:themeFontLang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\"/>"
                        "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>"
                        "</w:settings>");
}
