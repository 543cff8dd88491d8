/* txt_render.c — the walk over the brief tree: each node in reading order, blocks set off by a
 * blank line, a "-" rule before each part and document (a heading of level 1), a "=" rule
 * closing the title block and facts; headings, paragraphs (first-line indent, the run-in lead
 * opening the text) and the sources. Front and back matter are in txt_matter.c, tables and
 * figures in txt_figures.c. */
#include <stdlib.h>
#include <string.h>

#include "dossier/plugin_util.h"
#include "txt.h"

void txt_block(txt_doc *d)
{
    if (d->state == TXT_AFTER_TEXT)
        tw_blank(&d->w);
}

void txt_block_end(txt_doc *d)
{
    d->state = TXT_AFTER_TEXT;
}

void txt_rule(txt_doc *d, const char *ch, bool underline)
{
    if (!underline)
        txt_block(d);
    tw_repeat(&d->w, ch, d->w.width);
    tw_blank(&d->w);
    d->state = TXT_AFTER_RULE;
}

static void heading(txt_doc *d, const dossier_brief_heading *h)
{
    if (h->level <= 1 && d->state == TXT_AFTER_TEXT)
        txt_rule(d, "-", false);
    txt_block(d);
    tw_wrapped(&d->w, h->text ? h->text : h->title, NULL, 0);
    txt_block_end(d);
}

static void paragraph(txt_doc *d, const dossier_brief_paragraph *p)
{
    const char *text = p->text ? p->text : "";
    if (!p->lead && !*text)
        return;
    char indent[8 * 3 + 1] = "";
    for (size_t i = 0; i < d->indent_chars && i < 8; i++)
        strcat(indent, "\xE3\x80\x80"); /* U+3000 IDEOGRAPHIC SPACE, two columns */
    char *s = TW_CONCAT(&d->w, p->lead, text);
    if (!s)
        return;
    txt_block(d);
    tw_wrapped(&d->w, s, indent, d->indent_chars * 2);
    txt_block_end(d);
    free(s);
}

/* "[1] 《…》，…。" with the cited figures under it, both hanging under the marker. */
static void source(txt_doc *d, const dossier_brief_source *s)
{
    char *prefix = TW_CONCAT(&d->w, s->marker, s->marker ? " " : NULL);
    if (!prefix)
        return;
    size_t hang = tw_width(&d->w, prefix);
    char *spaces = malloc(hang + 1);
    if (!spaces) {
        free(prefix);
        d->w.status = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    memset(spaces, ' ', hang);
    spaces[hang] = '\0';
    txt_block(d);
    tw_hanging(&d->w, s->text, prefix);
    if (s->cited)
        tw_hanging(&d->w, s->cited, spaces);
    txt_block_end(d);
    free(spaces);
    free(prefix);
}

static int visit(const dossier_brief_node *n, int entering, void *user)
{
    txt_doc *d = user;
    if (!entering)
        return d->w.status != DOSSIER_OK;
    switch (n->kind) {
    case DOSSIER_NODE_MASTHEAD:
        if (n->masthead)
            txt_masthead(d, n->masthead);
        break;
    case DOSSIER_NODE_TITLE:
        if (n->title)
            txt_title(d, n->title);
        d->front_open = true;
        break;
    case DOSSIER_NODE_FACTS: /* its FACT lines follow as one block */
        txt_block(d);
        d->front_open = true;
        break;
    case DOSSIER_NODE_FACT:
        if (n->fact)
            txt_fact(d, n->fact);
        break;
    case DOSSIER_NODE_SECTION:
        if (d->front_open) {
            txt_rule(d, "=", true);
            tw_blank(&d->w);
        }
        d->front_open = false;
        break;
    case DOSSIER_NODE_HEADING:
        if (n->heading)
            heading(d, n->heading);
        break;
    case DOSSIER_NODE_PARAGRAPH:
        if (n->paragraph)
            paragraph(d, n->paragraph);
        break;
    case DOSSIER_NODE_TABLE:
        if (n->table)
            txt_brief_table(d, n->table);
        break;
    case DOSSIER_NODE_FIGURE:
        if (n->figure)
            txt_figure(d, n->figure);
        break;
    case DOSSIER_NODE_SOURCE:
        if (n->source)
            source(d, n->source);
        break;
    case DOSSIER_NODE_COLOPHON:
        d->front_open = false;
        if (n->colophon)
            txt_colophon(d, n->colophon);
        break;
    default: break; /* a kind added after this plugin: skipped */
    }
    return d->w.status != DOSSIER_OK;
}

void txt_render(txt_doc *d)
{
    dossier_brief_walk(d->brief, visit, d);
}
