/* docx_notes.c — the brief's numbered notes as real footnotes (word/footnotes.xml). A note
 * gets its footnote where its marker first appears (after a figure in the table, or by a
 * figure's caption); the reference shows the brief's own marker (①, a custom mark) rather
 * than Word's automatic number, so the text, the chart categories and the footnotes agree.
 * Later references to the same note show the marker in the footnote-reference style. General
 * notes (no marker) stay under their table or figure as "注：…". */
#include "docx.h"

#define REF_STYLE "<w:rStyle w:val=\"FootnoteReference\"/>"

/* The note's place in brief->notes (its number less one), or -1 when it is not one of the
 * brief's numbered notes. */
static long note_index(const docx_doc *d, const dossier_brief_note *note)
{
    size_t number = DOSSIER_HAS_FIELD(note, dossier_brief_note, number) ? note->number : 0;
    return number >= 1 && number <= d->b->n_notes && d->b->notes[number - 1] == note
               ? (long)(number - 1)
               : -1;
}

static bool placed(const docx_doc *d, const dossier_brief_note *note)
{
    long i = note_index(d, note);
    return i < 0 || d->noted[i];
}

void docx_note_ref(docx_doc *d, const dossier_brief_note *note)
{
    if (!note || !note->marker)
        return;
    long i = note_index(d, note);
    if (i < 0 || d->noted[i]) {
        dx_run(&d->body, REF_STYLE, note->marker);
        return;
    }
    d->noted[i] = 1;
    int id = ++d->n_footnotes;
    dossier_buf_printf(&d->body,
                       "<w:r><w:rPr>" REF_STYLE "</w:rPr>"
                       "<w:footnoteReference w:customMarkFollows=\"1\" w:id=\"%d\"/></w:r>",
                       id);
    dx_run(&d->body, REF_STYLE, note->marker);
    dossier_buf *n = &d->notes;
    dossier_buf_printf(n, "<w:footnote w:id=\"%d\">", id);
    dx_p_open(n, "FootnoteText", NULL);
    dx_run(n, REF_STYLE, note->marker);
    dx_run(n, NULL, note->text);
    dx_p_close(n);
    dossier_buf_puts(n, "</w:footnote>");
}

void docx_notes_refs(docx_doc *d, const dossier_brief_note *const *notes, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (notes[i]->marker && !placed(d, notes[i]))
            docx_note_ref(d, notes[i]);
}

void docx_notes_under(docx_doc *d, const char *label, const dossier_brief_note *const *notes,
                      size_t n)
{
    bool labelled = false;
    for (size_t i = 0; i < n; i++) {
        if (notes[i]->marker)
            continue;
        dx_p_open(&d->body, "NoteText", NULL);
        if (!labelled) {
            dx_run(&d->body, NULL, label);
            dx_run(&d->body, NULL, "：");
            labelled = true;
        }
        dx_run(&d->body, NULL, notes[i]->text);
        dx_p_close(&d->body);
    }
    bool open = false;
    for (size_t i = 0; i < n; i++) {
        if (!notes[i]->marker || placed(d, notes[i]))
            continue;
        if (!open) {
            dx_p_open(&d->body, "NoteText", NULL);
            if (!labelled) {
                dx_run(&d->body, NULL, label);
                dx_run(&d->body, NULL, "：");
            }
            open = true;
        }
        docx_note_ref(d, notes[i]);
    }
    if (open)
        dx_p_close(&d->body);
}

void docx_footnotes_xml(docx_doc *d, dossier_buf *out)
{
    dossier_buf_puts(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\""
        " w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p>"
        "</w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr>"
        "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r>"
        "<w:continuationSeparator/></w:r></w:p></w:footnote>");
    if (d->notes.len)
        dossier_buf_write(out, d->notes.data, d->notes.len);
    dossier_buf_puts(out, "</w:footnotes>");
    if (d->notes.error)
        out->error = d->notes.error;
}
