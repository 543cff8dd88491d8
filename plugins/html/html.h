/* html.h — private to the HTML plugin: numbers (html_out.c), the stylesheet (html_style.c),
 * the blocks of the brief (html_blocks.c), its tables and notes (html_table.c) and its charts
 * as SVG (html_chart.c), dispatched by the tree walk in html_plugin.c. Depends only on the
 * public SDK headers; text is escaped with the SDK's dossier_out_xml.
 */
#ifndef DOSSIER_HTML_H
#define DOSSIER_HTML_H

#include "dossier/plugin_util.h"

/* A number with `decimals` digits after a '.', whatever the locale ("-12.5"). */
void ho_num(dossier_out *o, double v, int decimals);
/* The same into buf (at most cap bytes with the NUL). */
void fmt_num(char *buf, size_t cap, double v, int decimals);
/* <tag class="cls">escaped text</tag>\n when text is set; nothing otherwise. */
void ho_elem(dossier_out *o, const char *tag, const char *cls, const char *text);

/* Everything one page needs. */
typedef struct html_doc {
    dossier_out o;
    const dossier_host *host;
    dossier_host_ctx *ctx;
    const dossier_brief *b;
} html_doc;

/* The <style> element: screen and print rules; `paper` is "a4" or "letter". */
void html_style(dossier_out *o, const char *paper);

/* Blocks (html_blocks.c). `form` is "official" or "bulletin". */
void html_masthead(dossier_out *o, const dossier_brief_masthead *m);
void html_title(dossier_out *o, const dossier_brief_title *t);
void html_fact(dossier_out *o, const dossier_brief_fact *f);
void html_heading(dossier_out *o, const dossier_brief_node *n);
void html_paragraph(dossier_out *o, const dossier_brief_node *n);
void html_source(dossier_out *o, const dossier_brief_node *n);
void html_colophon(dossier_out *o, const dossier_brief_colophon *c);
const char *html_form(dossier_brief_template form);

/* Tables and notes (html_table.c). Note ids are "<owner id>:note-<number in the brief>",
 * the number being the note's place in brief->notes. */
void html_table(html_doc *d, const dossier_brief_node *n);
void html_note_ref(html_doc *d, const char *owner, const dossier_brief_note *note);
void html_notes(html_doc *d, const char *owner, const char *label,
                const dossier_brief_note *const *notes, size_t n);

/* A figure as a <figure> with an inline SVG chart, its caption and notes (html_chart.c). */
dossier_status html_figure(html_doc *d, const dossier_brief_node *n);

#endif
