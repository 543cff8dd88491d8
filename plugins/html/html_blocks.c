/* html_blocks.c — the brief's blocks as HTML, exactly as the tree states them: the masthead
 * (版头 / 报头: classification, the name in red, 发文字号 or 期号, issuer and date over a red
 * rule), the title block, facts as a <dl>, headings one level below their outline level (the
 * page's <h1> is the title), paragraphs with a bold run-in lead, source entries (their URL a
 * link) and the colophon (版记 / 报尾). Layout and colour are the stylesheet's. */
#include "html.h"

#include <string.h>

const char *html_form(dossier_brief_template form)
{
    return form == DOSSIER_TEMPLATE_OFFICIAL   ? "official"
           : form == DOSSIER_TEMPLATE_BULLETIN ? "bulletin"
                                               : "report";
}

void html_masthead(dossier_out *o, const dossier_brief_masthead *m)
{
    dossier_out_printf(o, "<header class=\"masthead %s\">\n", html_form(m->form));
    ho_elem(o, "p", "classification", m->classification);
    ho_elem(o, "p", "masthead-name", m->name);
    ho_elem(o, "p", "masthead-issue", m->issue);
    if (m->number || m->issuer || m->date) {
        dossier_out_puts(o, "<p class=\"masthead-line\">");
        ho_elem(o, "span", "issuer", m->issuer);
        ho_elem(o, "span", "number", m->number);
        ho_elem(o, "span", "date", m->date);
        dossier_out_puts(o, "</p>\n");
    }
    dossier_out_puts(o, "</header>\n");
}

void html_title(dossier_out *o, const dossier_brief_title *t)
{
    dossier_out_puts(o, "<header class=\"title\">\n<h1>");
    dossier_out_xml(o, t->title);
    dossier_out_puts(o, "</h1>\n");
    if (t->name_en) {
        dossier_out_puts(o, "<p class=\"name-en\" lang=\"en\">");
        dossier_out_xml(o, t->name_en);
        dossier_out_puts(o, "</p>\n");
    }
    ho_elem(o, "p", "subtitle", t->subtitle);
    ho_elem(o, "p", "dateline", t->dateline);
    dossier_out_puts(o, "</header>\n");
}

void html_fact(dossier_out *o, const dossier_brief_fact *f)
{
    dossier_out_puts(o, "<div><dt>");
    dossier_out_xml(o, f->label);
    dossier_out_puts(o, "</dt><dd>");
    dossier_out_xml(o, f->text);
    if (f->detail) {
        dossier_out_puts(o, "（");
        dossier_out_xml(o, f->detail);
        dossier_out_puts(o, "）");
    }
    dossier_out_puts(o, "</dd></div>\n");
}

static void id_attr(dossier_out *o, const char *id)
{
    if (!id)
        return;
    dossier_out_puts(o, " id=\"");
    dossier_out_xml(o, id);
    dossier_out_puts(o, "\"");
}

void html_heading(dossier_out *o, const dossier_brief_node *n)
{
    int h = n->heading->level + 1;
    h = h < 2 ? 2 : h > 6 ? 6 : h;
    dossier_out_printf(o, "<h%d", h);
    id_attr(o, n->id);
    dossier_out_puts(o, ">");
    dossier_out_xml(o, n->heading->text);
    dossier_out_printf(o, "</h%d>\n", h);
}

void html_paragraph(dossier_out *o, const dossier_brief_node *n)
{
    const dossier_brief_paragraph *p = n->paragraph;
    if (!p->lead && !*p->text)
        return;
    dossier_out_puts(o, p->lead ? "<p class=\"run-in\"" : "<p");
    id_attr(o, n->id);
    dossier_out_puts(o, ">");
    if (p->lead) {
        dossier_out_puts(o, "<strong>");
        dossier_out_xml(o, p->lead);
        dossier_out_puts(o, "</strong>");
    }
    dossier_out_xml(o, p->text);
    dossier_out_puts(o, "</p>\n");
}

/* The entry's text, its link (which appears in it verbatim) made an <a href>. */
static void linked_text(dossier_out *o, const char *text, const char *link)
{
    const char *at = link ? strstr(text, link) : NULL;
    if (!at) {
        dossier_out_xml(o, text);
        return;
    }
    for (const char *s = text; s < at; s++) { /* escape the part before the link */
        char one[2] = {*s, '\0'};
        dossier_out_xml(o, one);
    }
    dossier_out_puts(o, "<a href=\"");
    dossier_out_xml(o, link);
    dossier_out_puts(o, "\">");
    dossier_out_xml(o, link);
    dossier_out_puts(o, "</a>");
    dossier_out_xml(o, at + strlen(link));
}

void html_source(dossier_out *o, const dossier_brief_node *n)
{
    const dossier_brief_source *s = n->source;
    dossier_out_puts(o, "<li");
    id_attr(o, n->id);
    dossier_out_puts(o, "><span class=\"marker\">");
    dossier_out_xml(o, s->marker);
    dossier_out_puts(o, "</span> <span class=\"entry\">");
    linked_text(o, s->text, s->link);
    dossier_out_puts(o, "</span>");
    if (s->cited) {
        dossier_out_puts(o, "<br><span class=\"cited\">");
        dossier_out_xml(o, s->cited);
        dossier_out_puts(o, "</span>");
    }
    dossier_out_puts(o, "</li>\n");
}

void html_colophon(dossier_out *o, const dossier_brief_colophon *c)
{
    dossier_out_printf(o, "<footer class=\"colophon %s\">\n", html_form(c->form));
    for (size_t i = 0; i < c->n_lines; i++) {
        dossier_out_puts(o, "<p class=\"colophon-line\"><span class=\"label\">");
        dossier_out_xml(o, c->lines[i]->label);
        dossier_out_puts(o, "</span>：");
        dossier_out_xml(o, c->lines[i]->text);
        dossier_out_puts(o, "</p>\n");
    }
    if (c->left || c->right) {
        dossier_out_puts(o, "<p class=\"colophon-last\">");
        ho_elem(o, "span", "left", c->left);
        ho_elem(o, "span", "right", c->right);
        dossier_out_puts(o, "</p>\n");
    }
    dossier_out_puts(o, "</footer>\n");
}
