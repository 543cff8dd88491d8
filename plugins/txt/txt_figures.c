/* txt_figures.c — the brief's tables and figures in plain text.
 * - A table: its caption, the columns aligned by display width (alignment and wrapping as the
 *   tree's columns say), the marker of a cell's note right after its text; then the notes.
 *   When the columns cannot fit the width, each row becomes a record: its first cell on a
 *   line, then "column：text" lines under it.
 * - A figure has no graphics in text: its caption and unit, then a table of its points
 *   (period | figure | second figure), a period unlike the others marked with its note's
 *   marker; then the figure's notes.
 * - Notes: "注：" before the first, the others aligned under it, each as its marker and text. */
#include <stdlib.h>
#include <string.h>

#include "txt.h"

/* Rows of text cells, `n_cols` per row, owned. */
typedef struct grid {
    size_t n_cols, n_rows;
    const char *const *header;
    char **cells;
} grid;

static bool grid_init(txt_doc *d, grid *g, size_t n_cols, size_t n_rows,
                      const char *const *header)
{
    g->n_cols = n_cols;
    g->n_rows = n_rows;
    g->header = header;
    g->cells = calloc(n_cols * n_rows + 1, sizeof *g->cells);
    if (!g->cells)
        d->w.status = DOSSIER_ERR_NO_MEMORY;
    return g->cells != NULL;
}

static void grid_free(grid *g)
{
    for (size_t i = 0; g->cells && i < g->n_cols * g->n_rows; i++)
        free(g->cells[i]);
    free(g->cells);
}

/* A cell's text with its note's marker after it. */
static char *cell_text(txt_doc *d, const char *text, const dossier_brief_note *note)
{
    return TW_CONCAT(&d->w, text, note ? note->marker : NULL);
}

/* Each row as a record, for widths too narrow for the columns. */
static void records(txt_doc *d, const grid *g)
{
    for (size_t r = 0; r < g->n_rows && d->w.status == DOSSIER_OK; r++) {
        char *const *row = g->cells + r * g->n_cols;
        tw_wrapped(&d->w, row[0], NULL, 0);
        for (size_t c = 1; c < g->n_cols && d->w.status == DOSSIER_OK; c++) {
            if (!row[c] || !*row[c])
                continue;
            char *prefix = TW_CONCAT(&d->w, "  ", g->header[c], "：");
            if (prefix)
                tw_hanging(&d->w, row[c], prefix);
            free(prefix);
        }
    }
}

static void render_grid(txt_doc *d, const grid *g, const dossier_brief_align *align,
                        const bool *wraps)
{
    txt_table t;
    if (!txt_table_init(&t, g->n_cols, g->header, align, wraps)) {
        d->w.status = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    for (size_t r = 0; r < g->n_rows; r++)
        if (!txt_table_add(&t, (const char *const *)(g->cells + r * g->n_cols))) {
            d->w.status = DOSSIER_ERR_NO_MEMORY;
            break;
        }
    if (d->w.status == DOSSIER_OK && !txt_table_render(&t, &d->w) &&
        d->w.status == DOSSIER_OK)
        records(d, g);
    txt_table_free(&t);
}

static void notes(txt_doc *d, const char *label, const dossier_brief_note *const *list,
                  size_t n)
{
    if (n == 0)
        return;
    char *first = TW_CONCAT(&d->w, label, label ? "：" : NULL);
    if (!first)
        return;
    size_t hang = tw_width(&d->w, first);
    char *rest = malloc(hang + 1);
    if (!rest) {
        free(first);
        d->w.status = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    memset(rest, ' ', hang);
    rest[hang] = '\0';
    txt_block(d);
    for (size_t i = 0; i < n && d->w.status == DOSSIER_OK; i++) {
        char *text = TW_CONCAT(&d->w, list[i]->marker, list[i]->text);
        if (text)
            tw_hanging(&d->w, text, i == 0 ? first : rest);
        free(text);
    }
    txt_block_end(d);
    free(rest);
    free(first);
}

void txt_brief_table(txt_doc *d, const dossier_brief_table *t)
{
    size_t nc = t->n_columns;
    if (nc == 0)
        return;
    const char **header = calloc(nc, sizeof *header);
    dossier_brief_align *align = calloc(nc, sizeof *align);
    bool *wraps = calloc(nc, sizeof *wraps);
    grid g = {0};
    if (header && align && wraps && grid_init(d, &g, nc, t->n_rows, header)) {
        for (size_t c = 0; c < nc; c++) {
            header[c] = t->columns[c]->label ? t->columns[c]->label : "";
            align[c] = t->columns[c]->align;
            wraps[c] = t->columns[c]->wraps != 0;
        }
        for (size_t r = 0; r < t->n_rows && d->w.status == DOSSIER_OK; r++)
            for (size_t c = 0; c < nc && d->w.status == DOSSIER_OK; c++) {
                const dossier_brief_cell *cl = t->rows[r]->cells[c];
                g.cells[r * nc + c] = cell_text(d, cl ? cl->text : "", cl ? cl->note : NULL);
            }
        txt_block(d);
        tw_wrapped(&d->w, t->caption, NULL, 0);
        render_grid(d, &g, align, wraps);
        txt_block_end(d);
        notes(d, t->notes_label, t->notes, t->n_notes);
    } else {
        d->w.status = DOSSIER_ERR_NO_MEMORY;
    }
    grid_free(&g);
    free(wraps);
    free(align);
    free(header);
}

void txt_figure(txt_doc *d, const dossier_brief_figure *f)
{
    bool two = false;
    for (size_t i = 0; i < f->n_points; i++)
        two |= f->points[i]->label2 != NULL;
    size_t nc = two ? 3 : 2;
    const dossier_brief_labels *labels = d->brief->labels;
    const char *header[3] = {labels && labels->col_period ? labels->col_period : "",
                             f->legend ? f->legend : f->title ? f->title : "",
                             f->legend2 ? f->legend2 : ""};
    static const dossier_brief_align align[3] = {DOSSIER_ALIGN_LEFT, DOSSIER_ALIGN_RIGHT,
                                                 DOSSIER_ALIGN_RIGHT};
    static const bool wraps[3] = {true, false, false};
    grid g = {0};
    if (!grid_init(d, &g, nc, f->n_points, header))
        return;
    for (size_t i = 0; i < f->n_points && d->w.status == DOSSIER_OK; i++) {
        const dossier_brief_point *p = f->points[i];
        char **row = g.cells + i * nc;
        row[0] = cell_text(d, p->category, p->unlike ? p->unlike_note : NULL);
        row[1] = cell_text(d, p->label ? p->label : "", p->note);
        if (two)
            row[2] = cell_text(d, p->label2 ? p->label2 : "", p->note2);
    }
    txt_block(d);
    tw_wrapped(&d->w, f->caption, NULL, 0);
    tw_wrapped(&d->w, f->unit_label, NULL, 0);
    tw_blank(&d->w);
    render_grid(d, &g, align, wraps);
    txt_block_end(d);
    notes(d, f->notes_label, f->notes, f->n_notes);
    grid_free(&g);
}
