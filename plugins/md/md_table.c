/* md_table.c — the brief's tables as GitHub-flavoured pipe tables (also read by
 * Python-Markdown's tables extension): the figures table with the tree's columns and
 * alignment, a note's marker after the figure it qualifies and the notes under the table; and,
 * since Markdown draws no charts, a figure's data as a small table (category, primary label,
 * secondary label) under its caption, an unlike period marked by its note, the figure's notes
 * under it. */
#include "md.h"

#include <string.h>

static const char *align_rule(dossier_brief_align a)
{
    return a == DOSSIER_ALIGN_RIGHT ? " ---: |" : a == DOSSIER_ALIGN_CENTER ? " :---: |" : " :--- |";
}

/* " text① |" — a cell, with the marker of its note when there is one. */
static void cell(dossier_out *o, const char *text, const dossier_brief_note *note)
{
    dossier_out_puts(o, " ");
    if (text)
        md_text(o, text, 0);
    if (note && note->marker)
        md_text(o, note->marker, 0);
    dossier_out_puts(o, " |");
}

/* "注：general  \n①first  \n②second" — one paragraph, a note a line. */
static void notes(dossier_out *o, const char *label, const dossier_brief_note *const *n,
                  size_t count)
{
    if (count == 0)
        return;
    md_text(o, label, MD_LINE_START);
    dossier_out_puts(o, "：");
    for (size_t i = 0; i < count; i++) {
        if (i > 0)
            dossier_out_puts(o, "  \n");
        if (n[i]->marker)
            md_text(o, n[i]->marker, i > 0 ? MD_LINE_START : 0);
        md_text(o, n[i]->text, i > 0 && !n[i]->marker ? MD_LINE_START : 0);
    }
    dossier_out_puts(o, "\n\n");
}

void md_table(dossier_out *o, const dossier_brief_table *t)
{
    if (t->n_columns == 0)
        return;
    md_bold(o, t->caption, "\n\n");
    dossier_out_puts(o, "|");
    for (size_t c = 0; c < t->n_columns; c++)
        cell(o, t->columns[c]->label, NULL);
    dossier_out_puts(o, "\n|");
    for (size_t c = 0; c < t->n_columns; c++)
        dossier_out_puts(o, align_rule(t->columns[c]->align));
    dossier_out_puts(o, "\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        dossier_out_puts(o, "|");
        for (size_t c = 0; c < t->n_columns; c++)
            cell(o, t->rows[r]->cells[c]->text, t->rows[r]->cells[c]->note);
        dossier_out_puts(o, "\n");
    }
    dossier_out_puts(o, "\n");
    notes(o, t->notes_label, t->notes, t->n_notes);
}

void md_figure(dossier_out *o, const dossier_brief *b, const dossier_brief_figure *f)
{
    bool two = f->legend2 != NULL;
    md_bold(o, f->caption, "\n\n");
    if (f->unit_label) {
        md_text(o, f->unit_label, MD_LINE_START);
        dossier_out_puts(o, "\n\n");
    }
    dossier_out_puts(o, "|");
    cell(o, b->labels->col_period, NULL);
    cell(o, f->legend ? f->legend : f->title, NULL);
    if (two)
        cell(o, f->legend2, NULL);
    dossier_out_puts(o, two ? "\n| :--- | ---: | ---: |\n" : "\n| :--- | ---: |\n");
    for (size_t i = 0; i < f->n_points; i++) {
        const dossier_brief_point *p = f->points[i];
        dossier_out_puts(o, "|");
        cell(o, p->category, p->unlike ? p->unlike_note : NULL);
        cell(o, p->label, p->note);
        if (two)
            cell(o, p->label2, p->note2);
        dossier_out_puts(o, "\n");
    }
    dossier_out_puts(o, "\n");
    notes(o, f->notes_label, f->notes, f->n_notes);
}
