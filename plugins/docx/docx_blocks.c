/* docx_blocks.c — the brief's flowing blocks as WordprocessingML paragraphs in named styles
 * (docx_styles.c): the title block, facts, headings (标题 1/2/3 from the outline level),
 * paragraphs with a bold run-in lead, and source entries (their URL a hyperlink, the figures
 * cited from them after). Text is the tree's, escaped, never re-punctuated. */
#include <string.h>

#include "docx.h"

#define BOLD "<w:b/><w:bCs/>"

void docx_title(docx_doc *d, const dossier_brief_title *t)
{
    dx_para(&d->body, "Title", NULL, NULL, t->title);
    if (t->name_en)
        dx_para(&d->body, "Subtitle", NULL, NULL, t->name_en);
    if (t->subtitle)
        dx_para(&d->body, "Subtitle", NULL, NULL, t->subtitle);
    if (t->dateline)
        dx_para(&d->body, "Dateline", NULL, NULL, t->dateline);
}

/* "label：text（detail）" — the detail already holds the period and the note's text. */
void docx_fact(docx_doc *d, const dossier_brief_fact *f)
{
    dx_p_open(&d->body, "BodyText", NULL);
    dx_run(&d->body, NULL, f->label);
    dx_run(&d->body, NULL, "：");
    dx_run(&d->body, NULL, f->text);
    if (f->detail) {
        dx_run(&d->body, NULL, "（");
        dx_run(&d->body, NULL, f->detail);
        dx_run(&d->body, NULL, "）");
    }
    dx_p_close(&d->body);
}

void docx_heading(docx_doc *d, const dossier_brief_heading *h)
{
    int level = h->level < 1 ? 1 : h->level > 3 ? 3 : h->level;
    char style[16] = "Heading1";
    style[7] = (char)('0' + level);
    dx_para(&d->body, style, NULL, NULL, h->text);
}

void docx_paragraph(docx_doc *d, const dossier_brief_paragraph *p)
{
    if (!p->lead && !*p->text)
        return;
    dx_p_open(&d->body, "BodyText", NULL);
    dx_run(&d->body, BOLD, p->lead);
    dx_run(&d->body, NULL, p->text);
    dx_p_close(&d->body);
}

/* The entry's text with its link (which appears in it verbatim) as a w:hyperlink. */
static void linked_text(docx_doc *d, const char *text, const char *link)
{
    const char *at = link ? strstr(text, link) : NULL;
    if (!at) {
        dx_run(&d->body, NULL, text);
        return;
    }
    size_t before = (size_t)(at - text);
    char *head = malloc(before + 1);
    if (!head) {
        d->st = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    memcpy(head, text, before);
    head[before] = '\0';
    dx_run(&d->body, NULL, head);
    free(head);
    int rid = dx_rel(d, "hyperlink", link, true);
    dossier_buf_printf(&d->body, "<w:hyperlink r:id=\"rId%d\" w:history=\"1\">", rid);
    dx_run(&d->body, "<w:rStyle w:val=\"Hyperlink\"/>", link);
    dossier_buf_puts(&d->body, "</w:hyperlink>");
    dx_run(&d->body, NULL, at + strlen(link));
}

void docx_source(docx_doc *d, const dossier_brief_source *s)
{
    dx_p_open(&d->body, "Source", NULL);
    dx_run(&d->body, NULL, s->marker);
    dx_run(&d->body, NULL, " ");
    linked_text(d, s->text, s->link);
    dx_p_close(&d->body);
    if (s->cited)
        dx_para(&d->body, "Cited", NULL, NULL, s->cited);
}
