/* docx_table.c — the figures table as a Word table: the tree's columns (widths shared out
 * over the text block, the name column widest), a header row that repeats on every page,
 * rows that never split, cells aligned as the column says (figures right, never wrapped), a
 * note's marker after the figure it qualifies as a footnote reference, and the notes under
 * the table (docx_notes.c). Column widths come from the cells' display widths. */
#include <string.h>

#include "docx.h"

static const char *jc(dossier_brief_align a)
{
    return a == DOSSIER_ALIGN_RIGHT ? "right" : a == DOSSIER_ALIGN_CENTER ? "center" : "left";
}

/* The width a cell's text needs on one line, in twips: 12 pt text, a Chinese character (two
 * display columns) one em, plus the cell's margins and a sixth for the space readers put
 * between Chinese and Latin text (autoSpaceDN; LibreOffice's character grid). */
static int need(const docx_doc *d, const char *text, const dossier_brief_note *note)
{
    size_t cols = d->host->text_width(text, strlen(text));
    if (note && note->marker)
        cols += d->host->text_width(note->marker, strlen(note->marker));
    return (int)cols * 7 * 20 + 240;
}

/* A column that may wrap and is wider than a sixth of the text block shares out the room the
 * others leave; the rest keep their widest cell whole. */
static bool grows(const dossier_brief_table *t, const int *w, size_t c)
{
    return t->columns[c]->wraps && w[c] > DOCX_TEXT_W / 6;
}

/* Column widths in twips: a column that never wraps (the figures), or whose cells are all
 * short, gets the width of its widest cell; the others share the rest of the text width in
 * proportion to their widest cells. When even that does not fit, every column is scaled
 * down alike. */
static void widths(const docx_doc *d, const dossier_brief_table *t, int *w)
{
    long fixed = 0, loose = 0;
    for (size_t c = 0; c < t->n_columns; c++) {
        w[c] = need(d, t->columns[c]->label, NULL);
        for (size_t r = 0; r < t->n_rows; r++) {
            int n = need(d, t->rows[r]->cells[c]->text, t->rows[r]->cells[c]->note);
            w[c] = n > w[c] ? n : w[c];
        }
        if (grows(t, w, c))
            loose += w[c];
        else
            fixed += w[c];
    }
    long room = DOCX_TEXT_W - fixed;
    bool scale_all = room < loose / 4 || loose == 0;
    long total = scale_all ? fixed + loose : loose;
    long share = scale_all ? DOCX_TEXT_W : room;
    int left = DOCX_TEXT_W;
    for (size_t c = 0; c < t->n_columns; c++) {
        if (scale_all || grows(t, w, c))
            w[c] = total ? (int)(w[c] * share / total) : DOCX_TEXT_W / (int)t->n_columns;
        left -= w[c];
    }
    if (t->n_columns) /* rounding: the last column takes what is left */
        w[t->n_columns - 1] += left;
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
    widths(d, t, w);
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
