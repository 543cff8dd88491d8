/* txt.h — private to the plain-text plugin. The plugin renders the brief tree the core composes
 * (dossier/brief.h) and decides nothing about what it says: only how plain text at a fixed
 * width says it.
 *
 *   txt_plugin.c   descriptor, options, the export call
 *   txt_render.c   the walk over the brief: spacing and rules, headings, paragraphs, sources
 *   txt_matter.c   the front and back matter: masthead, title block, facts, colophon
 *   txt_figures.c  tables and figures (as tables of their points), and their notes
 *   txt_table.c    a table of text cells aligned by display width
 *   txt_writer.c   the output buffer: lines, wrapping, alignment
 *   txt_save.c     writing the buffer with the configured line ending and encoding
 *
 * Depends only on the public plugin headers. Errors are values: the first failure is kept in
 * the writer's `status` (with set_error) and later writes do nothing.
 */
#ifndef DOSSIER_TXT_H
#define DOSSIER_TXT_H

#include <stdbool.h>
#include <stddef.h>

#include "dossier/plugin.h"

/* ---- txt_writer.c ---- */

/* The document being built, in UTF-8 with "\n" line ends; owns its buffer. */
typedef struct txt_writer {
    char *buf;
    size_t len, cap;
    dossier_status status; /* first failure (out of memory, a wrapping error) */
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
/* Display width of UTF-8 text (a Chinese character counts two); 0 for NULL. */
size_t tw_width(const txt_writer *w, const char *s);
/* The strings concatenated into one the caller frees; NULL parts are skipped. NULL (status
 * set) when out of memory. Use TW_CONCAT(w, "a", b, "c"). */
char *tw_concat(txt_writer *w, const char *const *parts, size_t n);
#define TW_CONCAT(w, ...)                                                                     \
    tw_concat((w), (const char *const[]){__VA_ARGS__},                                        \
              sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
/* Text wrapped to the width; the first line is preceded by `first_prefix` (display width
 * first_width) and the others by nothing. */
void tw_wrapped(txt_writer *w, const char *text, const char *first_prefix, size_t first_width);
/* Text wrapped with a hanging indent: the first line preceded by `prefix`, the others by as
 * many spaces as it is wide (no hanging indent when the prefix takes half the width). */
void tw_hanging(txt_writer *w, const char *text, const char *prefix);
/* Text wrapped, each line set left, right or centred within the width. */
void tw_aligned(txt_writer *w, const char *text, dossier_brief_align align);
/* `left` at the left edge and `right` at the right edge of one line (either may be NULL);
 * two lines when they do not fit on one. */
void tw_left_right(txt_writer *w, const char *left, const char *right);

/* ---- txt_save.c ---- */

/* Writes the buffer to path converted to `encoding` with `crlf` line ends. */
dossier_status tw_save(txt_writer *w, const char *path, const char *encoding, bool crlf);

/* ---- txt_table.c ---- */

/* A table of text cells whose columns align by display width. */
typedef struct txt_table {
    size_t n_cols, n_rows, cap_rows;
    const char *const *header;  /* borrowed */
    dossier_brief_align *align; /* per column */
    bool *wrappable;            /* per column: may be narrowed and wrapped */
    char **cells;               /* n_rows × n_cols, owned */
} txt_table;

bool txt_table_init(txt_table *t, size_t n_cols, const char *const *header,
                    const dossier_brief_align *align, const bool *wrappable);
/* Adds a row; copies the cells (NULL is an empty cell). */
bool txt_table_add(txt_table *t, const char *const *cells);
/* Renders the table within the writer's width. False with the writer's status still OK when
 * it cannot fit (nothing is written then; the caller uses another layout). */
bool txt_table_render(const txt_table *t, txt_writer *w);
void txt_table_free(txt_table *t);

/* ---- txt_render.c ---- */

/* Where the output stands, for the spacing between blocks. */
typedef enum txt_state {
    TXT_AT_START,   /* nothing written yet */
    TXT_AFTER_TEXT, /* a block ended: the next one is set off by a blank line */
    TXT_AFTER_RULE  /* a rule ended: the next block follows directly */
} txt_state;

typedef struct txt_doc {
    txt_writer w;
    const dossier_brief *brief;
    size_t indent_chars; /* first-line indent of paragraphs, in Chinese characters */
    txt_state state;
    bool front_open;     /* the title block or facts were written and no rule closed them */
} txt_doc;

/* Renders every node of the brief into d->w. */
void txt_render(txt_doc *d);
/* Starts a block: a blank line after the previous block's text. */
void txt_block(txt_doc *d);
/* Ends a block. */
void txt_block_end(txt_doc *d);
/* A rule of `ch` across the width: set off by a blank line, or right under the previous line
 * with `underline`. */
void txt_rule(txt_doc *d, const char *ch, bool underline);

/* ---- txt_matter.c ---- */

void txt_masthead(txt_doc *d, const dossier_brief_masthead *m);
void txt_title(txt_doc *d, const dossier_brief_title *t);
/* One line of the facts block (the block itself is started by the FACTS node). */
void txt_fact(txt_doc *d, const dossier_brief_fact *f);
void txt_colophon(txt_doc *d, const dossier_brief_colophon *c);

/* ---- txt_figures.c ---- */

void txt_brief_table(txt_doc *d, const dossier_brief_table *t);
void txt_figure(txt_doc *d, const dossier_brief_figure *f);

#endif
