/* docx_table.c — the figures table as a Word table: the tree's columns (widths shared out
 * over the text block, the name column widest), a header row that repeats on every page,
 * rows that never split, cells aligned as the column says (figures right, never wrapped), a
 * note's marker after the figure it qualifies as a footnote reference, and the notes under
 * the table (docx_notes.c). */
#include "docx.h"

static const char *jc(dossier_brief_align a)
{
    return a == DOSSIER_ALIGN_RIGHT ? "right" : a == DOSSIER_ALIGN_CENTER ? "center" : "left";
}

/* Column widths in twips: a wrapping column counts 3 shares, the first 4, the others 2. */
static void widths(const dossier_brief_table *t, int *w)
{
    int shares = 0;
    for (size_t c = 0; c < t->n_columns; c++) {
        w[c] = c == 0 ? 4 : t->columns[c]->wraps ? 3 : 2;
        if (c == t->figure_column)
            w[c] = 3;
        shares += w[c];
    }
    int left = DOCX_TEXT_W;
    for (size_t c = 0; c < t->n_columns; c++) {
        int share = w[c];
        w[c] = c + 1 == t->n_columns ? left : DOCX_TEXT_W * share / shares;
        left -= w[c];
    }
}

static void cell(docx_doc *d, int width, const dossier_brief_column *col, const char *text,
                 const dossier_brief_note *note, bool header)
{
    dossier_buf *b = &d->body;
    dossier_buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>%s"
                          "<w:vAlign w:val=\"center\"/></w:tcPr>",
                       width, col->wraps || header ? "" : "<w:noWrap/>");
    char ppr[64];
    snprintf(ppr, sizeof ppr, "<w:jc w:val=\"%s\"/>", header ? "center" : jc(col->align));
    dx_p_open(b, header ? "TableHeading" : "TableText", ppr);
    dx_run(b, NULL, text);
    if (note)
        docx_note_ref(d, note);
    dx_p_close(b);
    dossier_buf_puts(b, "</w:tc>");
}

void docx_table(docx_doc *d, const dossier_brief_table *t)
{
    dossier_buf *b = &d->body;
    if (t->caption)
        dx_para(b, "Caption", "<w:keepNext/>", NULL, t->caption);
    int *w = calloc(t->n_columns ? t->n_columns : 1, sizeof *w);
    if (!w) {
        d->st = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    widths(t, w);
    dossier_buf_puts(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"FiguresTable\"/>"
                        "<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>"
                        "<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\""
                        " w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
                        "</w:tblPr><w:tblGrid>");
    for (size_t c = 0; c < t->n_columns; c++)
        dossier_buf_printf(b, "<w:gridCol w:w=\"%d\"/>", w[c]);
    dossier_buf_puts(b, "</w:tblGrid>");
    dossier_buf_puts(b, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (size_t c = 0; c < t->n_columns; c++)
        cell(d, w[c], t->columns[c], t->columns[c]->label, NULL, true);
    dossier_buf_puts(b, "</w:tr>");
    for (size_t r = 0; r < t->n_rows; r++) {
        dossier_buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (size_t c = 0; c < t->n_columns; c++)
            cell(d, w[c], t->columns[c], t->rows[r]->cells[c]->text, t->rows[r]->cells[c]->note,
                 false);
        dossier_buf_puts(b, "</w:tr>");
    }
    dossier_buf_puts(b, "</w:tbl>");
    free(w);
    docx_notes_under(d, t->notes_label, t->notes, t->n_notes);
}
