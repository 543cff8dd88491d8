/* md.h — private to the Markdown plugin: Markdown escaping (md_escape.c) used by md_plugin.c.
 * Depends only on the public SDK headers; the output stream is the SDK's dossier_out
 * (dossier/plugin_util.h).
 */
#ifndef DOSSIER_MD_H
#define DOSSIER_MD_H

#include "dossier/plugin_util.h"

/* Escaping flags. */
enum {
    MD_LINE_START = 1 /* the text opens a block: escape what would start a list, heading … */
};

/* Writes profile text as Markdown inline content that renders back to exactly that text on
 * CommonMark/GFM (GitHub) and Python-Markdown. */
void md_text(dossier_out *o, const char *s, unsigned flags);

#endif
