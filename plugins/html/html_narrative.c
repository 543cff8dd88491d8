/* html_narrative.c — each source document's narrative as an <article>: its title as <h1>,
 * first-level sections as <h2>, second-level ones as <h3>, and deeper items (一是 …) run in
 * as a bold lead opening their first paragraph, as Chinese official documents set them. */
#include "html.h"

#include <string.h>

static void paragraph(html_doc *d, const char *text)
{
    dossier_out_puts(&d->o, "<p>");
    ho_text(&d->o, text);
    dossier_out_puts(&d->o, "</p>\n");
}

static void run_in_section(html_doc *d, const dossier_section *s)
{
    dossier_out_printf(&d->o, "<p class=\"run-in\" id=\"");
    ho_text(&d->o, s->id);
    dossier_out_puts(&d->o, "\"><strong>");
    if (s->marker)
        ho_text(&d->o, s->marker);
    ho_text(&d->o, s->title);
    if (!dossier_ends_with_stop(s->title))
        dossier_out_puts(&d->o, "。");
    dossier_out_puts(&d->o, "</strong>");
    if (s->n_paragraphs > 0)
        ho_text(&d->o, s->paragraphs[0]);
    dossier_out_puts(&d->o, "</p>\n");
    for (size_t i = 1; i < s->n_paragraphs; i++)
        paragraph(d, s->paragraphs[i]);
}

static void section(html_doc *d, const dossier_section *s)
{
    if (s->level >= 3) {
        run_in_section(d, s);
    } else {
        int h = s->level + 1;
        dossier_out_printf(&d->o, "<h%d id=\"", h);
        ho_text(&d->o, s->id);
        dossier_out_puts(&d->o, "\">");
        if (s->marker)
            ho_text(&d->o, s->marker);
        ho_text(&d->o, s->title);
        dossier_out_printf(&d->o, "</h%d>\n", h);
        for (size_t i = 0; i < s->n_paragraphs; i++)
            paragraph(d, s->paragraphs[i]);
    }
    for (size_t i = 0; i < s->n_children; i++)
        section(d, s->children[i]);
}

void html_narrative(html_doc *d)
{
    for (size_t i = 0; i < d->p->n_documents; i++) {
        const dossier_document *doc = d->p->documents[i];
        dossier_out_puts(&d->o, "<article class=\"document\">\n<h1>");
        ho_text(&d->o, doc->title);
        dossier_out_puts(&d->o, "</h1>\n");
        for (size_t k = 0; k < doc->n_paragraphs; k++)
            paragraph(d, doc->paragraphs[k]);
        for (size_t k = 0; k < doc->n_sections; k++)
            section(d, doc->sections[k]);
        dossier_out_puts(&d->o, "</article>\n");
    }
}
