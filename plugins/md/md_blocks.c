/* md_blocks.c — the brief's blocks in Markdown, exactly as the tree states them: masthead
 * lines and a thematic break, the title as the one level-1 heading, facts as a list, headings
 * one level below their outline level (the title holds level 1), paragraphs with a bold run-in
 * lead, source entries with their URL as an <autolink>, and the colophon after a thematic
 * break. Line breaks inside a block are hard breaks (two trailing spaces), which both
 * renderers understand. */
#include "md.h"

#include <stdlib.h>
#include <string.h>

#define HARD_BREAK "  \n"

void md_bold(dossier_out *o, const char *text, const char *after)
{
    if (!text)
        return;
    dossier_out_puts(o, "**");
    md_text(o, text, 0);
    dossier_out_puts(o, "**");
    dossier_out_puts(o, after);
}

/* A paragraph of its own: the text, then a blank line. */
static void line_block(dossier_out *o, const char *text)
{
    if (!text)
        return;
    md_text(o, text, MD_LINE_START);
    dossier_out_puts(o, "\n\n");
}

/* "left　　right" on one line: Markdown cannot set them at the two edges. */
static void pair_line(dossier_out *o, const char *left, const char *right)
{
    if (!left && !right)
        return;
    if (left)
        md_text(o, left, MD_LINE_START);
    if (left && right)
        dossier_out_puts(o, "\xE3\x80\x80\xE3\x80\x80"); /* two ideographic spaces */
    if (right)
        md_text(o, right, left ? 0 : MD_LINE_START);
    dossier_out_puts(o, "\n\n");
}

void md_masthead(dossier_out *o, const dossier_brief_masthead *m)
{
    line_block(o, m->classification);
    md_bold(o, m->name, "\n\n");
    line_block(o, m->issue);
    line_block(o, m->number);
    pair_line(o, m->issuer, m->date);
    dossier_out_puts(o, "---\n\n");
}

void md_title(dossier_out *o, const dossier_brief_title *t)
{
    dossier_out_puts(o, "# ");
    md_text(o, t->title, 0);
    if (t->name_en) {
        dossier_out_puts(o, "（");
        md_text(o, t->name_en, 0);
        dossier_out_puts(o, "）");
    }
    dossier_out_puts(o, "\n\n");
    md_bold(o, t->subtitle, "\n\n");
    line_block(o, t->dateline);
}

/* "- **label**：text（detail）" */
void md_fact(dossier_out *o, const dossier_brief_fact *f)
{
    dossier_out_puts(o, "- ");
    md_bold(o, f->label, "：");
    md_text(o, f->text, 0);
    if (f->detail) {
        dossier_out_puts(o, "（");
        md_text(o, f->detail, 0);
        dossier_out_puts(o, "）");
    }
    dossier_out_puts(o, "\n");
}

void md_heading(dossier_out *o, const dossier_brief_heading *h)
{
    int level = h->level + 1;
    level = level < 2 ? 2 : level > 6 ? 6 : level;
    dossier_out_printf(o, "%.*s ", level, "######");
    md_text(o, h->text, 0);
    dossier_out_puts(o, "\n\n");
}

/* A run-in lead opens the paragraph: "**一是优化政务服务环境。** 加快…". The space matters:
 * CommonMark does not close emphasis after punctuation that is directly followed by a letter,
 * so without it GitHub would print the asterisks. */
void md_paragraph(dossier_out *o, const dossier_brief_paragraph *p)
{
    if (!p->lead && !*p->text)
        return;
    if (p->lead) {
        md_bold(o, p->lead, *p->text ? " " : "");
        md_text(o, p->text, 0);
    } else {
        md_text(o, p->text, MD_LINE_START);
    }
    dossier_out_puts(o, "\n\n");
}

/* "- \[1\] 《…》，…，原文：<https://…>。" and, on the next line of the item, the cited figures.
 * The list is a bullet list: the entry's own marker numbers it. */
void md_source(dossier_out *o, const dossier_brief_source *s)
{
    dossier_out_puts(o, "- ");
    md_text(o, s->marker, 0);
    dossier_out_puts(o, " ");
    const char *at = s->link ? strstr(s->text, s->link) : NULL;
    if (at) {
        size_t n = (size_t)(at - s->text);
        char *before = malloc(n + 1);
        if (before) {
            memcpy(before, s->text, n);
            before[n] = '\0';
            md_text(o, before, 0);
            free(before);
            dossier_out_printf(o, "<%s>", s->link);
            md_text(o, at + strlen(s->link), 0);
        } else {
            md_text(o, s->text, 0);
        }
    } else {
        md_text(o, s->text, 0);
    }
    if (s->cited) {
        dossier_out_puts(o, HARD_BREAK "  ");
        md_text(o, s->cited, MD_LINE_START);
    }
    dossier_out_puts(o, "\n");
}

void md_colophon(dossier_out *o, const dossier_brief_colophon *c)
{
    dossier_out_puts(o, "---\n\n");
    for (size_t i = 0; i < c->n_lines; i++) {
        md_text(o, c->lines[i]->label, MD_LINE_START);
        dossier_out_puts(o, "：");
        md_text(o, c->lines[i]->text, 0);
        dossier_out_puts(o, "\n\n");
    }
    pair_line(o, c->left, c->right);
}
