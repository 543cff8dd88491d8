/* xlsx_sheet_table.c — the 统计表 sheet: the indicators as a statistics bureau tabulates them,
 * 指标 | 范围 | 时期 | 单位 | 数值 | 同比增长% | 指标代码, with each growth rate on the row of
 * the figure it is the growth of (an indicator with relation "growth" and that figure as its
 * base) instead of a row of its own. Every other indicator has its row, in profile order.
 *
 * A growth rate whose base is itself a growth rate paired with its base keeps a row of its own
 * (its base has none). A figure with several growth rates gets one growth column for each,
 * as many columns as the figure with the most.
 *
 * The 数值 and 同比增长% cells look the figure up on 指标 by its id (INDEX/MATCH on the stated
 * value, shown with the source's precision: 7,926.0亿元 and 7.0 beside 单位 %), so a sort of
 * 指标 or a corrected figure there flows here. A ratio (21.8:17.4:60.8) is its text.
 *
 * Rows are written strictly in order (constant_memory mode streams them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx.h"

enum { TC_NAME, TC_SCOPE, TC_PERIOD, TC_UNIT, TC_VALUE, TC_GROWTH };

#define TC_MAX_GROWTH 8 /* growth columns at most; more growth rates of one figure get rows */

typedef struct pairing {
    size_t *first; /* index + 1 of the figure's first paired growth rate, 0 for none */
    size_t *next;  /* index + 1 of the next growth rate of the same figure */
    bool *paired;  /* the indicator is shown on its base's row */
    size_t n_growth; /* growth columns */
} pairing;

static bool is_growth(const dossier_indicator *ind)
{
    return ind->base && ind->relation && strcmp(ind->relation, "growth") == 0;
}

static bool pairing_build(xw *x, pairing *g)
{
    size_t n = x->p->n_indicators;
    g->first = calloc(n ? n : 1, sizeof *g->first);
    g->next = calloc(n ? n : 1, sizeof *g->next);
    g->paired = calloc(n ? n : 1, sizeof *g->paired);
    size_t *count = calloc(n ? n : 1, sizeof *count), *last = calloc(n ? n : 1, sizeof *last);
    bool ok = g->first && g->next && g->paired && count && last;
    g->n_growth = 1;
    for (size_t i = 0; ok && i < n; i++) {
        const dossier_indicator *ind = x->p->indicators[i];
        size_t b = xw_index_row(x, ind->base);
        if (!is_growth(ind) || b == 0 || is_growth(ind->base) ||
            count[b - 1] == TC_MAX_GROWTH)
            continue;
        b--;
        g->paired[i] = true;
        if (last[b])
            g->next[last[b] - 1] = i + 1;
        else
            g->first[b] = i + 1;
        last[b] = i + 1;
        if (++count[b] > g->n_growth)
            g->n_growth = count[b];
    }
    free(count);
    free(last);
    if (!ok)
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for the statistics table");
    return ok;
}

static void pairing_free(pairing *g)
{
    free(g->first);
    free(g->next);
    free(g->paired);
}

/* Writes the figure cell of `ind` (a lookup of its stated value on 指标); returns its width. */
static size_t figure(xw *x, lxw_row_t row, lxw_col_t col, const dossier_indicator *ind)
{
    xw_figure f;
    xw_figure_make(x, ind, &f);
    if (f.text_only) {
        xw_str(x, XW_TABLE, row, col, f.text, xw_format(x, XS_CELL, NULL));
        return f.value_width;
    }
    char ref[900], formula[1000];
    xw_lookup(x, ind, IC_VALUE, ref, sizeof ref);
    snprintf(formula, sizeof formula, "=%s", ref);
    xw_formula(x, XW_TABLE, row, col, formula, xw_format(x, XS_CELL, f.value_format), f.value);
    return f.value_width;
}

static void header(xw *x, const pairing *g, lxw_col_t id_col, xw_widths *w)
{
    const char *fixed[] = {XW_LABEL(x, col_name, "指标"), XW_LABEL(x, col_scope, "范围"),
                           XW_LABEL(x, col_period, "时期"), "单位",
                           XW_LABEL(x, col_figure, "数值")};
    lxw_format *hf = xw_format(x, XS_HEADER, NULL);
    for (int c = 0; c < TC_GROWTH; c++) {
        xw_str(x, XW_TABLE, 0, (lxw_col_t)c, fixed[c], hf);
        xw_widths_note(w, c, xw_width(x, fixed[c]) + 2);
    }
    for (size_t k = 0; k < g->n_growth; k++) {
        char label[64];
        if (k == 0)
            snprintf(label, sizeof label, "同比增长%%");
        else
            snprintf(label, sizeof label, "同比增长%%（%zu）", k + 1);
        xw_str(x, XW_TABLE, 0, (lxw_col_t)(TC_GROWTH + k), label, hf);
        xw_widths_note(w, (int)(TC_GROWTH + k), xw_width(x, label) + 2);
    }
    xw_str(x, XW_TABLE, 0, id_col, "指标代码", hf);
    xw_widths_note(w, id_col, xw_width(x, "指标代码") + 2);
}

void xw_sheet_table(xw *x)
{
    if (x->status != DOSSIER_OK)
        return;
    pairing g = {0};
    if (!pairing_build(x, &g)) {
        pairing_free(&g);
        return;
    }
    lxw_col_t id_col = (lxw_col_t)(TC_GROWTH + g.n_growth);
    xw_widths w = {{0}};
    header(x, &g, id_col, &w);
    lxw_format *plain = xw_format(x, XS_CELL, NULL), *wrap = xw_format(x, XS_WRAP, NULL);
    lxw_row_t row = 1;
    char period[256];
    for (size_t i = 0; i < x->p->n_indicators && x->status == DOSSIER_OK; i++) {
        if (g.paired[i])
            continue;
        const dossier_indicator *ind = x->p->indicators[i];
        x->host->format_period(ind, period, sizeof period);
        const char *unit = ind->unit && *ind->unit ? ind->unit : NULL;
        size_t lines = xw_lines(x, ind->name, 39); /* the name column is at most 40 wide */
        if (lines > 1)
            xw_ok(x, worksheet_set_row(x->ws[XW_TABLE], row,
                                       xw_row_height(x, lines, x->font_size), NULL),
                  "cannot set a row height");
        xw_str(x, XW_TABLE, row, TC_NAME, ind->name, wrap);
        xw_str(x, XW_TABLE, row, TC_SCOPE, ind->scope, plain);
        xw_str(x, XW_TABLE, row, TC_PERIOD, period, plain);
        xw_str(x, XW_TABLE, row, TC_UNIT, unit, plain);
        xw_widths_note(&w, TC_NAME, xw_width(x, ind->name));
        xw_widths_note(&w, TC_SCOPE, xw_width(x, ind->scope));
        xw_widths_note(&w, TC_PERIOD, xw_width(x, period));
        xw_widths_note(&w, TC_UNIT, xw_width(x, unit));
        xw_widths_note(&w, TC_VALUE, figure(x, row, TC_VALUE, ind));
        size_t k = 0;
        for (size_t j = g.first[i]; j; j = g.next[j - 1], k++)
            xw_widths_note(&w, (int)(TC_GROWTH + k),
                           figure(x, row, (lxw_col_t)(TC_GROWTH + k), x->p->indicators[j - 1]));
        xw_str(x, XW_TABLE, row, id_col, ind->id, plain);
        xw_widths_note(&w, id_col, xw_width(x, ind->id));
        row++;
    }
    pairing_free(&g);
    if (x->status != DOSSIER_OK)
        return;
    double max[64] = {[TC_NAME] = 40, [TC_SCOPE] = 26, [TC_PERIOD] = 22, [TC_UNIT] = 10,
                      [TC_VALUE] = 24};
    for (lxw_col_t c = TC_GROWTH; c < id_col && c < 64; c++)
        max[c] = 24;
    if (id_col < 64)
        max[id_col] = 44;
    xw_widths_apply(x, XW_TABLE, &w, (int)id_col + 1, max);
    xw_ok(x, worksheet_autofilter(x->ws[XW_TABLE], 0, 0, row - 1, id_col),
          "cannot add a filter");
    worksheet_freeze_panes(x->ws[XW_TABLE], 1, 1);
    /* the cells at a readable size, the names on every page */
    xw_print_setup_wide(x, XW_TABLE, 0, TC_NAME);
}
