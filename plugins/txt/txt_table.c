/* txt_table.c — a table whose columns align by display width (a Chinese character counts two
 * columns), each column set left, right or centred. Columns that may wrap are narrowed until
 * the table fits and their cells wrapped with the host's line breaker; the others (numbers)
 * are never broken. */
#include "txt.h"

#include <stdlib.h>
#include <string.h>

#define TXT_GAP 2       /* spaces between columns */
#define TXT_MIN_COL 4   /* narrowest wrapped column: two Chinese characters */

bool txt_table_init(txt_table *t, size_t n_cols, const char *const *header,
                    const dossier_brief_align *align, const bool *wrappable)
{
    memset(t, 0, sizeof *t);
    t->n_cols = n_cols;
    t->header = header;
    t->align = malloc(n_cols * sizeof *t->align);
    t->wrappable = malloc(n_cols * sizeof *t->wrappable);
    if (!t->align || !t->wrappable) {
        txt_table_free(t);
        return false;
    }
    memcpy(t->align, align, n_cols * sizeof *align);
    memcpy(t->wrappable, wrappable, n_cols * sizeof *wrappable);
    return true;
}

void txt_table_free(txt_table *t)
{
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->align);
    free(t->wrappable);
    memset(t, 0, sizeof *t);
}

bool txt_table_add(txt_table *t, const char *const *cells)
{
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
        char **grown = realloc(t->cells, cap * t->n_cols * sizeof *grown);
        if (!grown)
            return false;
        t->cells = grown;
        t->cap_rows = cap;
    }
    char **row = t->cells + t->n_rows * t->n_cols;
    for (size_t c = 0; c < t->n_cols; c++) {
        row[c] = strdup(cells[c] ? cells[c] : "");
        if (!row[c]) {
            while (c > 0)
                free(row[--c]);
            return false;
        }
    }
    t->n_rows++;
    return true;
}

/* The lines of one cell wrapped to a column width. */
#define TXT_MAX_CELL_LINES 256

typedef struct cell_lines {
    const char *start[TXT_MAX_CELL_LINES];
    size_t len[TXT_MAX_CELL_LINES], width[TXT_MAX_CELL_LINES];
    size_t n;
    bool overflow;
} cell_lines;

static int collect_line(const char *line, size_t len, size_t width, void *user)
{
    cell_lines *cl = user;
    if (cl->n == TXT_MAX_CELL_LINES) {
        cl->overflow = true;
        return 1;
    }
    cl->start[cl->n] = line;
    cl->len[cl->n] = len;
    cl->width[cl->n] = width;
    cl->n++;
    return 0;
}

static void cell_wrap(const txt_writer *w, const char *text, size_t width, cell_lines *cl)
{
    cl->n = 0;
    cl->overflow = false;
    size_t len = strlen(text);
    if (len == 0 || w->host->text_width(text, len) <= width ||
        w->host->text_wrap(text, len, width, 0, collect_line, cl) != DOSSIER_OK || cl->n == 0) {
        cl->n = 1;
        cl->start[0] = text;
        cl->len[0] = len;
        cl->width[0] = w->host->text_width(text, len);
    }
}

static void pad(txt_writer *w, size_t n)
{
    tw_repeat(w, " ", n);
}

/* One table row (header or body) with its cells wrapped to the column widths. */
static void render_row(const txt_table *t, txt_writer *w, const char *const *cells,
                       const size_t *widths)
{
    cell_lines *lines = calloc(t->n_cols, sizeof *lines);
    if (!lines) {
        w->status = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    size_t height = 1;
    for (size_t c = 0; c < t->n_cols; c++) {
        cell_wrap(w, cells[c], widths[c], &lines[c]);
        if (lines[c].n > height)
            height = lines[c].n;
    }
    for (size_t l = 0; l < height; l++) {
        size_t line_start = w->len;
        for (size_t c = 0; c < t->n_cols; c++) {
            const cell_lines *cl = &lines[c];
            size_t cw = l < cl->n ? cl->width[l] : 0;
            size_t fill = widths[c] > cw ? widths[c] - cw : 0;
            size_t before = t->align[c] == DOSSIER_ALIGN_RIGHT    ? fill
                            : t->align[c] == DOSSIER_ALIGN_CENTER ? fill / 2
                                                                  : 0;
            if (c > 0)
                pad(w, TXT_GAP);
            pad(w, before);
            if (l < cl->n)
                tw_append(w, cl->start[l], cl->len[l]);
            pad(w, fill - before);
        }
        /* tw_line trims the padding that ends the line */
        size_t n = w->len - line_start;
        char *copy = malloc(n + 1);
        if (!copy) {
            w->status = DOSSIER_ERR_NO_MEMORY;
            break;
        }
        memcpy(copy, w->buf + line_start, n);
        w->len = line_start;
        tw_line(w, copy, n);
        free(copy);
    }
    free(lines);
}

bool txt_table_render(const txt_table *t, txt_writer *w)
{
    size_t *widths = calloc(t->n_cols, sizeof *widths);
    if (!widths) {
        w->status = DOSSIER_ERR_NO_MEMORY;
        return false;
    }
    for (size_t c = 0; c < t->n_cols; c++) {
        widths[c] = w->host->text_width(t->header[c], strlen(t->header[c]));
        for (size_t r = 0; r < t->n_rows; r++) {
            const char *s = t->cells[r * t->n_cols + c];
            size_t cw = w->host->text_width(s, strlen(s));
            if (cw > widths[c])
                widths[c] = cw;
        }
    }
    /* Narrow the widest wrappable column until the table fits. */
    for (;;) {
        size_t total = TXT_GAP * (t->n_cols - 1);
        for (size_t c = 0; c < t->n_cols; c++)
            total += widths[c];
        if (total <= w->width)
            break;
        size_t widest = t->n_cols;
        for (size_t c = 0; c < t->n_cols; c++)
            if (t->wrappable[c] && widths[c] > TXT_MIN_COL &&
                (widest == t->n_cols || widths[c] > widths[widest]))
                widest = c;
        if (widest == t->n_cols) {
            free(widths);
            return false;
        }
        widths[widest]--;
    }
    /* A cell too long to wrap into the table: let the caller use another layout. */
    cell_lines *probe = malloc(sizeof *probe);
    if (!probe)
        w->status = DOSSIER_ERR_NO_MEMORY;
    bool fits = probe != NULL;
    for (size_t i = 0; fits && i < t->n_rows * t->n_cols; i++) {
        cell_wrap(w, t->cells[i], widths[i % t->n_cols], probe);
        fits = !probe->overflow;
    }
    free(probe);
    if (!fits) {
        free(widths);
        return false;
    }
    size_t total = TXT_GAP * (t->n_cols - 1);
    for (size_t c = 0; c < t->n_cols; c++)
        total += widths[c];
    render_row(t, w, t->header, widths);
    tw_repeat(w, "-", total);
    tw_blank(w);
    for (size_t r = 0; r < t->n_rows; r++)
        render_row(t, w, (const char *const *)(t->cells + r * t->n_cols), widths);
    free(widths);
    return w->status == DOSSIER_OK;
}
