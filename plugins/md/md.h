/* md.h — private to the Markdown plugin: escaping (md_escape.c), the blocks of the brief
 * (md_blocks.c: masthead, title, facts, headings, paragraphs, sources, colophon) and its
 * tables (md_table.c: the figures table, a chart's data as a table, notes), dispatched by the
 * tree walk in md_plugin.c. Depends only on the public SDK headers; the output stream is the
 * SDK's dossier_out (dossier/plugin_util.h).
 */
#ifndef DOSSIER_MD_H
#define DOSSIER_MD_H

#include "dossier/plugin_util.h"

/* Escaping flags. */
enum {
    MD_LINE_START = 1 /* the text opens a line: escape what would start a list, heading … */
};

/* Writes brief text as Markdown inline content that renders back to exactly that text on
 * CommonMark/GFM (GitHub) and Python-Markdown. */
void md_text(dossier_out *o, const char *s, unsigned flags);

/* "**text**" followed by `after` when text is set (nothing otherwise). */
void md_bold(dossier_out *o, const char *text, const char *after);

/* Blocks (md_blocks.c); each ends with a blank line. */
void md_masthead(dossier_out *o, const dossier_brief_masthead *m);
void md_title(dossier_out *o, const dossier_brief_title *t);
void md_fact(dossier_out *o, const dossier_brief_fact *f); /* one list item, no blank line */
void md_heading(dossier_out *o, const dossier_brief_heading *h);
void md_paragraph(dossier_out *o, const dossier_brief_paragraph *p);
void md_source(dossier_out *o, const dossier_brief_source *s); /* one list item */
void md_colophon(dossier_out *o, const dossier_brief_colophon *c);

/* Tables (md_table.c). */
void md_table(dossier_out *o, const dossier_brief_table *t);
void md_figure(dossier_out *o, const dossier_brief *b, const dossier_brief_figure *f);

#endif
