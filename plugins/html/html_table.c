/* html_table.c — the figures table with the tree's columns (alignment from the column, the
 * figure's number as data-value on its row), a note's marker after the figure it qualifies as
 * a superscript link to the note, and the notes under a table or figure: the label ("注：")
 * beside the general notes, then each numbered note with the id its references link to. */
#include "html.h"

#include <string.h>

static const char *align_class(dossier_brief_align a)
{
    return a == DOSSIER_ALIGN_RIGHT ? "num" : a == DOSSIER_ALIGN_CENTER ? "mid" : "text";
}

/* The note's number in the brief (1-based), for its id; 0 when it is not numbered there. */
static size_t note_number(const dossier_brief_note *note)
{
    return DOSSIER_HAS_FIELD(note, dossier_brief_note, number) ? note->number : 0;
}

static void note_id(html_doc *d, const char *owner, const dossier_brief_note *note)
{
    dossier_out_xml(&d->o, owner ? owner : "brief");
    dossier_out_printf(&d->o, ":note-%zu", note_number(note));
}

void html_note_ref(html_doc *d, const char *owner, const dossier_brief_note *note)
{
    if (!note || !note->marker)
        return;
    dossier_out_puts(&d->o, "<sup class=\"note-ref\"><a href=\"#");
    note_id(d, owner, note);
    dossier_out_puts(&d->o, "\">");
    dossier_out_xml(&d->o, note->marker);
    dossier_out_puts(&d->o, "</a></sup>");
}

void html_notes(html_doc *d, const char *owner, const char *label,
                const dossier_brief_note *const *notes, size_t n)
{
    if (n == 0)
        return;
    dossier_out *o = &d->o;
    dossier_out_puts(o, "<div class=\"notes\"><span class=\"notes-label\">");
    dossier_out_xml(o, label);
    dossier_out_puts(o, "：</span><div class=\"notes-body\">\n");
    size_t i = 0;
    for (; i < n && !notes[i]->marker; i++) {
        dossier_out_puts(o, "<p class=\"notes-general\">");
        dossier_out_xml(o, notes[i]->text);
        dossier_out_puts(o, "</p>\n");
    }
    if (i < n) {
        dossier_out_puts(o, "<ol class=\"notes-list\">\n");
        for (; i < n; i++) {
            dossier_out_puts(o, "<li id=\"");
            note_id(d, owner, notes[i]);
            dossier_out_puts(o, "\"><span class=\"marker\">");
            dossier_out_xml(o, notes[i]->marker ? notes[i]->marker : "");
            dossier_out_puts(o, "</span>");
            dossier_out_xml(o, notes[i]->text);
            dossier_out_puts(o, "</li>\n");
        }
        dossier_out_puts(o, "</ol>\n");
    }
    dossier_out_puts(o, "</div></div>\n");
}

void html_table(html_doc *d, const dossier_brief_node *n)
{
    const dossier_brief_table *t = n->table;
    dossier_out *o = &d->o;
    dossier_out_puts(o, "<table class=\"figures\" id=\"");
    dossier_out_xml(o, n->id ? n->id : "table");
    dossier_out_puts(o, "\">\n");
    if (t->caption) {
        dossier_out_puts(o, "<caption>");
        dossier_out_xml(o, t->caption);
        dossier_out_puts(o, "</caption>\n");
    }
    dossier_out_puts(o, "<thead><tr>");
    for (size_t c = 0; c < t->n_columns; c++) {
        dossier_out_printf(o, "<th scope=\"col\" class=\"%s\">", align_class(t->columns[c]->align));
        dossier_out_xml(o, t->columns[c]->label);
        dossier_out_puts(o, "</th>");
    }
    dossier_out_puts(o, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        const dossier_brief_row *row = t->rows[r];
        dossier_out_puts(o, "<tr");
        if (row->indicator) {
            dossier_out_puts(o, " data-indicator=\"");
            dossier_out_xml(o, row->indicator->id);
            dossier_out_puts(o, "\"");
        }
        if (row->value) {
            dossier_out_puts(o, " data-value=\"");
            dossier_out_xml(o, row->value);
            dossier_out_puts(o, "\"");
        }
        dossier_out_puts(o, ">");
        for (size_t c = 0; c < t->n_columns; c++) {
            const dossier_brief_column *col = t->columns[c];
            const char *tag = c == 0 ? "th" : "td";
            dossier_out_printf(o, "<%s%s class=\"%s%s\">", tag, c == 0 ? " scope=\"row\"" : "",
                               align_class(col->align), col->wraps ? "" : " nowrap");
            dossier_out_xml(o, row->cells[c]->text);
            html_note_ref(d, n->id, row->cells[c]->note);
            dossier_out_printf(o, "</%s>", tag);
        }
        dossier_out_puts(o, "</tr>\n");
    }
    dossier_out_puts(o, "</tbody>\n</table>\n");
    html_notes(d, n->id, t->notes_label, t->notes, t->n_notes);
}
