/* xlsx_sheet_text.c — the 正文 sheet: the narrative of every document, its title, its source,
 * headings by level (一、 / (一) / 一是 …) and paragraphs in one wide column of wrapped cells.
 * Row heights are computed with the host's Chinese line breaking, because Excel does not grow a
 * row for wrapped text it did not edit itself; a paragraph taller than Excel's largest row is
 * split into several rows at line boundaries.
 *
 * Rows are written strictly in order (constant_memory mode streams them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx.h"

#define MAX_LINES_PER_ROW 24
#define INDENT "\xE3\x80\x80\xE3\x80\x80" /* two U+3000 IDEOGRAPHIC SPACE: first-line indent */

typedef struct line_span {
    size_t off, len;
} line_span;

typedef struct line_list {
    const char *text;
    line_span *v;
    size_t n, cap;
    bool failed;
} line_list;

static int collect(const char *line, size_t len, size_t width, void *user)
{
    (void)width;
    line_list *l = user;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        line_span *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            l->failed = true;
            return 1;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (line_span){(size_t)(line - l->text), len};
    return 0;
}

/* Writes `text` from row *row on, in rows of at most MAX_LINES_PER_ROW wrapped lines. */
static void text_rows(xw *x, lxw_row_t *row, const char *text, xw_style style, double size)
{
    if (x->status != DOSSIER_OK)
        return;
    /* Excel's CJK glyphs are a little wider than two digits: wrap at 90 % of the column */
    size_t width = (size_t)((double)(x->text_width - 2) * 0.9 * x->font_size / size);
    line_list l = {.text = text};
    dossier_status s = x->host->text_wrap(text, strlen(text), width, 0, collect, &l);
    if (s != DOSSIER_OK || l.failed) {
        free(l.v);
        xw_fail(x, l.failed ? DOSSIER_ERR_NO_MEMORY : s, "cannot wrap the text \"%.40s…\": %s",
                text, dossier_status_string(l.failed ? DOSSIER_ERR_NO_MEMORY : s));
        return;
    }
    lxw_format *f = xw_format(x, style, NULL);
    for (size_t i = 0; i < l.n && x->status == DOSSIER_OK; i += MAX_LINES_PER_ROW) {
        size_t end = i + MAX_LINES_PER_ROW < l.n ? i + MAX_LINES_PER_ROW : l.n;
        size_t from = l.v[i].off, to = l.v[end - 1].off + l.v[end - 1].len;
        char *chunk = malloc(to - from + 1);
        if (!chunk) {
            xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for the text sheet");
            break;
        }
        memcpy(chunk, text + from, to - from);
        chunk[to - from] = '\0';
        xw_ok(x, worksheet_set_row(x->ws[XW_TEXT], *row, xw_row_height(x, end - i, size), NULL),
              "cannot set a row height");
        xw_str(x, XW_TEXT, *row, 0, chunk, f);
        free(chunk);
        (*row)++;
    }
    free(l.v);
}

static void paragraphs(xw *x, lxw_row_t *row, const char *const *paras, size_t n)
{
    for (size_t i = 0; i < n && x->status == DOSSIER_OK; i++) {
        size_t len = strlen(INDENT) + strlen(paras[i]) + 1;
        char *text = malloc(len);
        if (!text) {
            xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for the text sheet");
            return;
        }
        snprintf(text, len, "%s%s", INDENT, paras[i]);
        text_rows(x, row, text, XS_PARA, x->font_size);
        free(text);
    }
}

static void section(xw *x, lxw_row_t *row, const dossier_section *s)
{
    size_t len = strlen(s->marker ? s->marker : "") + strlen(s->title) + 1;
    char *heading = malloc(len);
    if (!heading) {
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for the text sheet");
        return;
    }
    snprintf(heading, len, "%s%s", s->marker ? s->marker : "", s->title);
    xw_style style = s->level <= 1 ? XS_H1 : s->level == 2 ? XS_H2 : XS_H3;
    double size = x->font_size + (s->level <= 1 ? 3 : s->level == 2 ? 1 : 0);
    text_rows(x, row, heading, style, size);
    free(heading);
    paragraphs(x, row, s->paragraphs, s->n_paragraphs);
    for (size_t i = 0; i < s->n_children && x->status == DOSSIER_OK; i++)
        section(x, row, s->children[i]);
}

static void source_line(xw *x, lxw_row_t *row, const dossier_source *s)
{
    char line[2048];
    snprintf(line, sizeof line, "来源：%s%s%s%s%s%s%s", s->title, s->publisher ? "，" : "",
             s->publisher ? s->publisher : "", s->date ? "，" : "", s->date ? s->date : "",
             s->origin ? "，" : "", s->origin ? s->origin : "");
    text_rows(x, row, line, XS_NOTE, x->font_size);
}

void xw_sheet_text(xw *x)
{
    if (x->status != DOSSIER_OK)
        return;
    lxw_row_t row = 0;
    for (size_t d = 0; d < x->p->n_documents && x->status == DOSSIER_OK; d++) {
        const dossier_document *doc = x->p->documents[d];
        if (d > 0)
            row++; /* a blank row between documents */
        text_rows(x, &row, doc->title, XS_TITLE, x->font_size + 5);
        if (doc->source)
            source_line(x, &row, doc->source);
        paragraphs(x, &row, doc->paragraphs, doc->n_paragraphs);
        for (size_t i = 0; i < doc->n_sections && x->status == DOSSIER_OK; i++)
            section(x, &row, doc->sections[i]);
    }
    if (x->status != DOSSIER_OK)
        return;
    xw_ok(x, worksheet_set_column(x->ws[XW_TEXT], 0, 0, (double)x->text_width, NULL),
          "cannot set the text column");
    xw_print_setup(x, XW_TEXT, -1);
}
