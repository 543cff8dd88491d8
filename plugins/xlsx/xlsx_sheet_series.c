/* xlsx_sheet_series.c — the 时间序列 sheet: every series stated for more than one period as a
 * row, the periods (union of all series, see xlsx_layout.c) as columns, and a change column
 * computed by a formula with its cached result: later ÷ earlier − 1 for amounts, later −
 * earlier for rates (in percentage points for fractions). It compares the latest period with
 * the latest earlier period of the same shape (2019 with 2016, not 2020H1 with 2016); when no
 * two periods are comparable it computes nothing and says why. The period cells are formulas on the 指标
 * sheet, so a number corrected there flows into this sheet and the charts.
 *
 * Rows are written strictly in order (constant_memory mode streams them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx.h"

#define MAX_PERIOD_WIDTH 22.0

typedef enum { CHANGE_RATIO, CHANGE_POINTS, CHANGE_DIFFERENCE } change_kind;

/* The period's shape with its years taken out, and its basis: "2019" and "2016" are both "Y",
 * "2020H1" is "YH1", "2020-01..2020-05" is "Y-01..Y-05". Two periods of the same shape are
 * comparable (a half year is not compared with a whole year). */
static void period_shape(const dossier_indicator *ind, char *buf, size_t cap)
{
    size_t n = 0;
    const char *p = ind->period;
    while (*p && n + 2 < cap) {
        bool start = p == ind->period || (p[-1] == '.');
        if (start && strspn(p, "0123456789") >= 4) {
            buf[n++] = 'Y';
            p += 4;
        } else {
            buf[n++] = *p++;
        }
    }
    buf[n] = '\0';
    snprintf(buf + n, cap - n, "|%s", ind->basis ? ind->basis : "");
}

/* The two points the change column compares: the latest point that has an earlier point of the
 * same shape, and the latest such earlier point. Returns false (and first and last) when no
 * two points are comparable. */
static bool change_points(const dossier_series *s, size_t *k0, size_t *k1)
{
    char a[160], b[160];
    for (size_t j = s->n_points; j-- > 1;) {
        period_shape(s->points[j], a, sizeof a);
        for (size_t i = j; i-- > 0;) {
            period_shape(s->points[i], b, sizeof b);
            if (strcmp(a, b) == 0) {
                *k0 = i;
                *k1 = j;
                return true;
            }
        }
    }
    *k0 = 0;
    *k1 = s->n_points - 1;
    return false;
}

static change_kind change_of(const dossier_series *s, const xw_figure *first)
{
    if (first->fraction)
        return CHANGE_POINTS;
    if (s->points[0]->base || first->value == 0)
        return CHANGE_DIFFERENCE;
    return CHANGE_RATIO;
}

static void change_format(change_kind k, int decimals, const dossier_series *s, char *buf,
                          size_t cap)
{
    char num[64] = "";
    if (k == CHANGE_RATIO) {
        xw_number_format(num, sizeof num, 1, true);
        snprintf(buf, cap, "+%s;-%s;%s", num, num, num);
        return;
    }
    char unit[128] = "";
    xw_number_format(num, sizeof num, decimals, false);
    xw_format_literal(unit, sizeof unit, k == CHANGE_POINTS ? "个百分点" : s->unit);
    snprintf(buf, cap, "+%s%s;-%s%s;%s%s", num, unit, num, unit, num, unit);
}

static void header(xw *x, lxw_col_t change_col, double *widths)
{
    static const char *const fixed[SC_FIRST_PERIOD] = {"序列代码", "指标名称", "范围", "单位"};
    lxw_format *hf = xw_format(x, XS_HEADER, NULL);
    for (int c = 0; c < SC_FIRST_PERIOD; c++) {
        xw_str(x, XW_SERIES, 0, (lxw_col_t)c, fixed[c], hf);
        widths[c] = (double)xw_width(x, fixed[c]) + 4;
    }
    for (size_t k = 0; k < x->series.n_periods; k++) {
        lxw_col_t c = (lxw_col_t)(SC_FIRST_PERIOD + k);
        xw_str(x, XW_SERIES, 0, c, x->series.labels[k], hf);
        widths[c] = (double)xw_width(x, x->series.labels[k]) + 4;
    }
    xw_str(x, XW_SERIES, 0, change_col, "变化", hf);
    xw_str(x, XW_SERIES, 0, change_col + 1, "变化口径", hf);
    widths[change_col] = 10;
    widths[change_col + 1] = 12;
}

static void note_width(double *widths, lxw_col_t c, size_t w)
{
    if ((double)w + 2 > widths[c])
        widths[c] = (double)w + 2;
}

static void series_row(xw *x, size_t r, lxw_col_t change_col, double *widths)
{
    const dossier_series *s = x->series.rows[r];
    lxw_row_t row = (lxw_row_t)(r + 1);
    lxw_format *plain = xw_format(x, XS_CELL, NULL);
    lxw_format *wrap = xw_format(x, XS_WRAP, NULL);
    const dossier_indicator *p0 = s->points[0];
    if (xw_width(x, s->name) > 30 && x->status == DOSSIER_OK)
        xw_ok(x, worksheet_set_row(x->ws[XW_SERIES], row,
                                   xw_row_height(x, xw_lines(x, s->name, 29), x->font_size),
                                   NULL),
              "cannot set a row height");
    xw_str(x, XW_SERIES, row, SC_KEY, s->key, plain);
    xw_str(x, XW_SERIES, row, SC_NAME, s->name, wrap);
    xw_str(x, XW_SERIES, row, SC_SCOPE, p0->scope, plain);
    xw_str(x, XW_SERIES, row, SC_UNIT, s->unit, plain);
    note_width(widths, SC_KEY, xw_width(x, s->key));
    note_width(widths, SC_NAME, xw_width(x, s->name));
    note_width(widths, SC_SCOPE, xw_width(x, p0->scope));
    note_width(widths, SC_UNIT, xw_width(x, s->unit));

    size_t k0, k1;
    bool comparable = change_points(s, &k0, &k1);
    xw_figure first = {0}, last = {0};
    lxw_col_t first_col = 0, last_col = 0;
    int decimals = 0;
    for (size_t k = 0; k < s->n_points; k++) {
        const dossier_indicator *ind = s->points[k];
        xw_figure f;
        xw_figure_make(x, ind, &f);
        xw_natural nat = xw_figure_natural(&f);
        lxw_col_t col = (lxw_col_t)(SC_FIRST_PERIOD + x->series.cols[r][k]);
        char ref[900], formula[1000];
        xw_lookup(x, ind, (lxw_col_t)nat.col, ref, sizeof ref);
        snprintf(formula, sizeof formula, "=%s", ref);
        xw_formula(x, XW_SERIES, row, col, formula, xw_format(x, XS_CELL, nat.format),
                   nat.value);
        note_width(widths, col, f.fraction ? f.base_width : f.value_width);
        if (ind->decimals > decimals)
            decimals = ind->decimals;
        if (k == k0) {
            first = f;
            first_col = col;
        }
        if (k == k1) {
            last = f;
            last_col = col;
        }
    }

    char p0_label[128], p1_label[128], how[512];
    if (!comparable) {
        /* only like periods (same place in the year, same length, same basis) are compared */
        snprintf(how, sizeof how, "无同口径时期（时期长短、位置或口径不同），不计算变化");
        xw_str(x, XW_SERIES, row, change_col + 1, how, plain);
        note_width(widths, change_col + 1, xw_width(x, how));
        return;
    }
    /* the change between the two compared periods, as a formula with its cached result */
    change_kind kind = change_of(s, &first);
    double v0 = xw_figure_natural(&first).value, v1 = xw_figure_natural(&last).value;
    char a[32], b[32], formula[128], fmt[256];
    lxw_rowcol_to_cell(a, row, first_col);
    lxw_rowcol_to_cell(b, row, last_col);
    double cached;
    const char *what;
    switch (kind) {
    case CHANGE_RATIO:
        snprintf(formula, sizeof formula, "=%s/%s-1", b, a);
        cached = v1 / v0 - 1;
        what = "后期÷前期−1";
        break;
    case CHANGE_POINTS:
        snprintf(formula, sizeof formula, "=(%s-%s)*100", b, a);
        cached = (v1 - v0) * 100;
        what = "后期−前期（百分点）";
        break;
    default:
        snprintf(formula, sizeof formula, "=%s-%s", b, a);
        cached = v1 - v0;
        what = "后期−前期";
        break;
    }
    change_format(kind, decimals, s, fmt, sizeof fmt);
    xw_formula(x, XW_SERIES, row, change_col, formula, xw_format(x, XS_CELL, fmt), cached);
    x->host->format_period(s->points[k0], p0_label, sizeof p0_label);
    x->host->format_period(s->points[k1], p1_label, sizeof p1_label);
    snprintf(how, sizeof how, "%s→%s：%s（同口径时期）", p0_label, p1_label, what);
    xw_str(x, XW_SERIES, row, change_col + 1, how, plain);
    char shown[128];
    size_t w = xw_number_text(cached, kind == CHANGE_RATIO ? 1 : decimals, kind == CHANGE_RATIO,
                              shown, sizeof shown);
    if (kind != CHANGE_RATIO)
        w += xw_width(x, kind == CHANGE_POINTS ? "个百分点" : s->unit);
    note_width(widths, change_col, w + 1);
    note_width(widths, change_col + 1, xw_width(x, how));
}

void xw_sheet_series(xw *x)
{
    if (x->status != DOSSIER_OK)
        return;
    const xw_series_layout *L = &x->series;
    size_t n_cols = SC_FIRST_PERIOD + L->n_periods + 2;
    if (n_cols > LXW_COL_MAX) {
        xw_fail(x, DOSSIER_ERR_DATA,
                "the series span %zu periods; a worksheet holds at most %d columns",
                L->n_periods, LXW_COL_MAX - SC_FIRST_PERIOD - 2);
        return;
    }
    double *widths = calloc(n_cols, sizeof *widths);
    if (!widths) {
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for the series sheet");
        return;
    }
    lxw_col_t change_col = (lxw_col_t)(SC_FIRST_PERIOD + L->n_periods);
    header(x, change_col, widths);
    if (L->n_rows == 0)
        xw_str(x, XW_SERIES, 1, 0, "本资料没有按多个时期列出的指标。", xw_format(x, XS_NOTE, NULL));
    for (size_t r = 0; r < L->n_rows && x->status == DOSSIER_OK; r++)
        series_row(x, r, change_col, widths);

    for (size_t c = 0; c < n_cols && x->status == DOSSIER_OK; c++) {
        double w = widths[c];
        if (c == SC_NAME && w > 32)
            w = 32;
        else if (c >= SC_FIRST_PERIOD && c < change_col && w > MAX_PERIOD_WIDTH)
            w = MAX_PERIOD_WIDTH;
        else if (w > 40)
            w = 40;
        xw_ok(x, worksheet_set_column(x->ws[XW_SERIES], (lxw_col_t)c, (lxw_col_t)c, w, NULL),
              "cannot set a column width");
    }
    free(widths);
    if (x->status != DOSSIER_OK)
        return;
    if (L->n_rows > 0)
        xw_ok(x, worksheet_autofilter(x->ws[XW_SERIES], 0, 0, (lxw_row_t)L->n_rows,
                                      (lxw_col_t)(n_cols - 1)),
              "cannot add a filter");
    worksheet_freeze_panes(x->ws[XW_SERIES], 1, 2);
    xw_print_setup(x, XW_SERIES, 0);
}
