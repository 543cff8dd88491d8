/* md.h — private to the Markdown plugin: the output stream (md_out.c) and Markdown escaping
 * (md_escape.c) used by md_plugin.c. Depends only on the public plugin header.
 */
#ifndef DOSSIER_MD_H
#define DOSSIER_MD_H

#include <stdbool.h>
#include <stdio.h>

#include "dossier/plugin.h"

/* The file being written; the first write error sticks and is reported by md_close. */
typedef struct md_out {
    FILE *f;
    int error; /* errno of the first failure, 0 while all is well */
} md_out;

bool md_open(md_out *o, const char *path);
void md_puts(md_out *o, const char *s);
void md_printf(md_out *o, const char *fmt, ...) DOSSIER_PRINTF(2, 3);
/* Closes the file; 0 on success, else the errno of the first failure. */
int md_close(md_out *o);

/* Escaping flags. */
enum {
    MD_LINE_START = 1 /* the text opens a block: escape what would start a list, heading … */
};

/* Writes profile text as Markdown inline content that renders back to exactly that text on
 * CommonMark/GFM (GitHub) and Python-Markdown. */
void md_text(md_out *o, const char *s, unsigned flags);

#endif
