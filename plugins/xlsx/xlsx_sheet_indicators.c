/* xlsx_sheet_indicators.c — the 指标 sheet: one row per indicator in profile order (id, name,
 * scope, period, its year as a number to pivot on (the end year of a range, empty when
 * undated), qualifier, stated value and unit, value in the base unit, linked base indicator,
 * source …) as an Excel table (an autofilter in constant_memory mode, where
 * libxlsxwriter has no tables), header row frozen, columns sized to their content with a
 * Chinese character counting two, long texts wrapped with rows tall enough to show them.
 *
 * Rows are written strictly in order, so the sheet streams in constant_memory mode.
 */
#include <stdio.h>
#include <string.h>

#include "xlsx.h"

static const char *const headers[IC_N] = {
    [IC_ID] = "指标代码",       [IC_NAME] = "指标名称",       [IC_SCOPE] = "范围",
    [IC_PERIOD] = "时期",       [IC_YEAR] = "年份",           [IC_QUALIFIER] = "限定词",
    [IC_VALUE] = "数值",        [IC_UNIT] = "单位",           [IC_BASE_VALUE] = "基本单位数值",
    [IC_BASE_UNIT] = "基本单位", [IC_BASE_IND] = "关联指标",   [IC_RELATION] = "关系",
    [IC_SERIES] = "时间序列",   [IC_SOURCE] = "来源",         [IC_SECTION] = "章节",
    [IC_NOTE] = "备注",         [IC_NAME_EN] = "英文名称",
};

/* Widest column widths (a Chinese character is two); longer text wraps. */
static const double max_width[IC_N] = {
    [IC_ID] = 44,        [IC_NAME] = 40,     [IC_SCOPE] = 26,    [IC_PERIOD] = 22,
    [IC_YEAR] = 8,       [IC_QUALIFIER] = 8, [IC_VALUE] = 24,    [IC_UNIT] = 10,
    [IC_BASE_VALUE] = 30, [IC_BASE_UNIT] = 10, [IC_BASE_IND] = 44, [IC_RELATION] = 8,
    [IC_SERIES] = 24,    [IC_SOURCE] = 36,   [IC_SECTION] = 36,  [IC_NOTE] = 50,
    [IC_NAME_EN] = 44,
};

static const bool wraps[IC_N] = {
    [IC_NAME] = true, [IC_SCOPE] = true, [IC_SOURCE] = true, [IC_SECTION] = true,
    [IC_NOTE] = true, [IC_NAME_EN] = true,
};

static const char *relation_label(const char *r)
{
    static const char *const map[][2] = {
        {"share", "占比"},       {"growth", "增长率"}, {"contribution", "贡献"},
        {"difference", "差值"}, {"ratio", "比率"},
    };
    for (size_t i = 0; r && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(r, map[i][0]) == 0)
            return map[i][1];
    return r;
}

/* The text cells of one indicator (NULL when empty); `period` and `section` are filled. */
static void text_cells(xw *x, const dossier_indicator *ind, const char *cells[IC_N],
                       char *period, size_t pcap, char *section, size_t scap)
{
    memset(cells, 0, IC_N * sizeof *cells);
    x->host->format_period(ind, period, pcap);
    section[0] = '\0';
    if (ind->section)
        snprintf(section, scap, "%s%s", ind->section->marker ? ind->section->marker : "",
                 ind->section->title);
    cells[IC_ID] = ind->id;
    cells[IC_NAME] = ind->name;
    cells[IC_SCOPE] = ind->scope;
    cells[IC_PERIOD] = period;
    cells[IC_QUALIFIER] = ind->qualifier;
    cells[IC_UNIT] = ind->unit && *ind->unit ? ind->unit : NULL;
    cells[IC_BASE_IND] = ind->base ? ind->base->id : NULL;
    cells[IC_RELATION] = ind->base ? relation_label(ind->relation) : NULL;
    cells[IC_SERIES] = ind->series;
    cells[IC_SOURCE] = ind->source ? ind->source->title : NULL;
    cells[IC_SECTION] = section[0] ? section : NULL;
    cells[IC_NOTE] = ind->note;
    cells[IC_NAME_EN] = ind->name_en;
}

static const char *base_unit_label(const xw_figure *f)
{
    if (!f->has_base)
        return NULL;
    return f->fraction ? "比例" : f->base_unit;
}

/* First pass: the width every column needs. */
static void measure(xw *x, double widths[IC_N])
{
    xw_widths w = {{0}};
    for (int c = 0; c < IC_N; c++)
        xw_widths_note(&w, c, xw_width(x, headers[c]) + 2); /* room for the filter button */
    char period[256], section[1024];
    const char *cells[IC_N];
    for (size_t i = 0; i < x->p->n_indicators; i++) {
        const dossier_indicator *ind = x->p->indicators[i];
        xw_figure f;
        xw_figure_make(x, ind, &f);
        text_cells(x, ind, cells, period, sizeof period, section, sizeof section);
        for (int c = 0; c < IC_N; c++)
            if (cells[c])
                xw_widths_note(&w, c, xw_width(x, cells[c]));
        xw_widths_note(&w, IC_VALUE, f.value_width);
        xw_widths_note(&w, IC_BASE_VALUE, f.base_width);
        xw_widths_note(&w, IC_BASE_UNIT, xw_width(x, base_unit_label(&f)));
    }
    for (int c = 0; c < IC_N; c++) {
        double v = w.w[c] + 2;
        widths[c] = v > max_width[c] ? max_width[c] : (v < 6 ? 6 : v);
    }
}

static void header_row(xw *x, const double widths[IC_N])
{
    lxw_worksheet *ws = x->ws[XW_INDICATORS];
    lxw_format *hf = xw_format(x, XS_HEADER, NULL);
    size_t lines = 1;
    for (int c = 0; c < IC_N; c++) {
        size_t l = xw_lines(x, headers[c], (size_t)widths[c] - 3);
        if (l > lines)
            lines = l;
    }
    if (x->status == DOSSIER_OK)
        xw_ok(x, worksheet_set_row(ws, 0, xw_row_height(x, lines, x->font_size) + 4, NULL),
              "cannot set the header row");
    for (int c = 0; c < IC_N; c++)
        xw_str(x, XW_INDICATORS, 0, (lxw_col_t)c, headers[c], hf);
}

static void data_row(xw *x, size_t i, const double widths[IC_N])
{
    const dossier_indicator *ind = x->p->indicators[i];
    lxw_row_t row = (lxw_row_t)(i + 1);
    char period[256], section[1024];
    const char *cells[IC_N];
    text_cells(x, ind, cells, period, sizeof period, section, sizeof section);
    xw_figure f;
    xw_figure_make(x, ind, &f);
    cells[IC_BASE_UNIT] = base_unit_label(&f);

    size_t lines = 1;
    for (int c = 0; c < IC_N; c++) {
        if (!wraps[c] || !cells[c])
            continue;
        size_t l = xw_lines(x, cells[c], (size_t)widths[c] - 1);
        if (l > lines)
            lines = l;
    }
    if (lines > 1 && x->status == DOSSIER_OK)
        xw_ok(x, worksheet_set_row(x->ws[XW_INDICATORS], row,
                                   xw_row_height(x, lines, x->font_size), NULL),
              "cannot set a row height");

    lxw_format *plain = xw_format(x, XS_CELL, NULL);
    lxw_format *wrap = xw_format(x, XS_WRAP, NULL);
    for (int c = 0; c < IC_N; c++)
        if (cells[c])
            xw_str(x, XW_INDICATORS, row, (lxw_col_t)c, cells[c], wraps[c] ? wrap : plain);
    if (f.text_only)
        xw_str(x, XW_INDICATORS, row, IC_VALUE, f.text, plain);
    else
        xw_num(x, XW_INDICATORS, row, IC_VALUE, f.value, xw_format(x, XS_CELL, f.value_format));
    if (f.has_base)
        xw_num(x, XW_INDICATORS, row, IC_BASE_VALUE, f.base,
               xw_format(x, XS_CELL, f.base_format));
    int year;
    if (xw_period_year(ind->period, &year)) /* a number to pivot on; empty when undated */
        xw_num(x, XW_INDICATORS, row, IC_YEAR, year, xw_format(x, XS_CELL, "0"));
}

void xw_sheet_indicators(xw *x)
{
    if (x->status != DOSSIER_OK)
        return;
    lxw_worksheet *ws = x->ws[XW_INDICATORS];
    size_t n = x->p->n_indicators;
    double widths[IC_N];
    measure(x, widths);
    for (int c = 0; c < IC_N && x->status == DOSSIER_OK; c++)
        xw_ok(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL),
              "cannot set a column width");

    header_row(x, widths);
    for (size_t i = 0; i < n && x->status == DOSSIER_OK; i++)
        data_row(x, i, widths);
    if (x->status != DOSSIER_OK)
        return;

    if (x->constant_memory || n == 0) {
        /* libxlsxwriter has no tables in constant_memory mode: a filter on the header row */
        xw_ok(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, IC_N - 1), "cannot add a filter");
    } else {
        lxw_table_column cols[IC_N];
        lxw_table_column *colp[IC_N + 1];
        lxw_format *hf = xw_format(x, XS_HEADER, NULL);
        for (int c = 0; c < IC_N; c++) {
            memset(&cols[c], 0, sizeof cols[c]);
            cols[c].header = (char *)headers[c];
            cols[c].header_format = hf;
            colp[c] = &cols[c];
        }
        colp[IC_N] = NULL;
        lxw_table_options opt = {
            .name = "tblIndicators",
            .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
            .style_type_number = 1,
            .columns = colp,
        };
        xw_ok(x, worksheet_add_table(ws, 0, 0, (lxw_row_t)n, IC_N - 1, &opt),
              "cannot add the indicators table");
    }
    worksheet_freeze_panes(ws, 1, 2);
    /* too wide for one page at a readable size: several pages wide, the header row and the
       code and name columns on each */
    xw_print_setup_wide(x, XW_INDICATORS, 0, IC_NAME);
}
