/* txt.h — private to the plain-text plugin: the output buffer (txt_writer.c) and the aligned
 * table (txt_table.c) used by txt_plugin.c. Depends only on the public plugin header.
 */
#ifndef DOSSIER_TXT_H
#define DOSSIER_TXT_H

#include <stdbool.h>
#include <stddef.h>

#include "dossier/plugin.h"

/* The document being built, in UTF-8 with "\n" line ends; owns its buffer. */
typedef struct txt_writer {
    char *buf;
    size_t len, cap;
    bool failed; /* out of memory */
    const dossier_host *host;
    dossier_host_ctx *ctx;
    size_t width;
} txt_writer;

void tw_init(txt_writer *w, const dossier_host *host, dossier_host_ctx *ctx, size_t width);
void tw_free(txt_writer *w);
void tw_append(txt_writer *w, const char *s, size_t len);
void tw_puts(txt_writer *w, const char *s);
/* One line: text with trailing spaces removed, then "\n". */
void tw_line(txt_writer *w, const char *s, size_t len);
void tw_blank(txt_writer *w);
/* A run of `n` copies of `s`. */
void tw_repeat(txt_writer *w, const char *s, size_t n);
/* Text wrapped to the writer's width; the first line is preceded by `first_prefix` (display
 * width first_width) and the others by nothing. */
dossier_status tw_wrapped(txt_writer *w, const char *text, const char *first_prefix,
                          size_t first_width);
/* Writes the buffer to path converted to `encoding` with `crlf` line ends. */
dossier_status tw_save(txt_writer *w, const char *path, const char *encoding, bool crlf);

/* A table of text cells whose columns align by display width. */
typedef struct txt_table {
    size_t n_cols, n_rows, cap_rows;
    const char **header;  /* borrowed */
    bool *align_right;    /* per column */
    bool *wrappable;      /* per column: may be narrowed and wrapped */
    char **cells;         /* n_rows × n_cols, owned */
} txt_table;

bool txt_table_init(txt_table *t, size_t n_cols, const char **header, const bool *align_right,
                    const bool *wrappable);
/* Adds a row; copies the cells. */
bool txt_table_add(txt_table *t, const char *const *cells);
/* Renders the table within the writer's width; false when it cannot fit (the caller then
 * falls back to another layout). */
bool txt_table_render(const txt_table *t, txt_writer *w);
void txt_table_free(txt_table *t);

#endif
