/* xlsx_sheet_overview.c — the 概览 sheet: the district's identity and facts, the as-of date,
 * the key figures (formulas on the 指标 sheet, so they follow a correction there) with each
 * figure's note beside it, the source documents, and how and when the file was produced.
 *
 * The figures come from the profile; the title block, the facts' labels and details and the
 * labels of the key-figures table come from the brief (args->brief), so that the workbook says
 * what the other formats say.
 *
 * Rows are written strictly in order (constant_memory mode streams them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xlsx.h"

#define OV_COLS 6
#define DATE_FORMAT "yyyy\"年\"m\"月\"d\"日\""

static const double max_width[OV_COLS] = {32, 22, 26, 22, 40, 40};

typedef struct ov {
    xw *x;
    lxw_row_t row;
    xw_widths w;
} ov;

/* Sets the row's height for wrapped cells: `cells` are the texts of columns 0..n-1. */
static void fit_row(ov *o, const char *const *cells, int n)
{
    size_t lines = 1;
    for (int c = 0; c < n; c++) {
        if (!cells[c])
            continue;
        size_t l = xw_lines(o->x, cells[c], (size_t)max_width[c] - 2);
        if (l > lines)
            lines = l;
    }
    if (lines > 1 && o->x->status == DOSSIER_OK)
        xw_ok(o->x, worksheet_set_row(o->x->ws[XW_OVERVIEW], o->row,
                                      xw_row_height(o->x, lines, o->x->font_size), NULL),
              "cannot set a row height");
}

static void block_heading(ov *o, const char *title)
{
    o->row++;
    lxw_format *f = xw_format(o->x, XS_SECTION, NULL);
    xw_str(o->x, XW_OVERVIEW, o->row, 0, title, f);
    for (int c = 1; c < OV_COLS && o->x->status == DOSSIER_OK; c++)
        xw_ok(o->x, worksheet_write_blank(o->x->ws[XW_OVERVIEW], o->row, (lxw_col_t)c, f),
              "cannot write a cell");
    o->row++;
}

static void header_row(ov *o, const char *const *cells, int n)
{
    lxw_format *hf = xw_format(o->x, XS_HEADER, NULL);
    for (int c = 0; c < n; c++) {
        xw_str(o->x, XW_OVERVIEW, o->row, (lxw_col_t)c, cells[c], hf);
        xw_widths_note(&o->w, c, xw_width(o->x, cells[c]));
    }
    o->row++;
}

/* A label and a text value. */
static void fact_text(ov *o, const char *label, const char *value)
{
    if (!value)
        return;
    xw_str(o->x, XW_OVERVIEW, o->row, 0, label, xw_format(o->x, XS_LABEL, NULL));
    xw_str(o->x, XW_OVERVIEW, o->row, 1, value, xw_format(o->x, XS_CELL, NULL));
    xw_widths_note(&o->w, 0, xw_width(o->x, label));
    o->row++;
}

/* A cell that shows an indicator: a formula on its natural cell of the indicators sheet. */
static size_t figure_cell(ov *o, lxw_col_t col, const dossier_indicator *ind)
{
    xw *x = o->x;
    xw_figure f;
    xw_figure_make(x, ind, &f);
    if (f.text_only) {
        xw_str(x, XW_OVERVIEW, o->row, col, f.text, xw_format(x, XS_CELL, NULL));
        return f.value_width;
    }
    xw_natural nat = xw_figure_natural(&f);
    char ref[900], formula[1000];
    xw_lookup(x, ind, (lxw_col_t)nat.col, ref, sizeof ref);
    snprintf(formula, sizeof formula, "=%s", ref);
    xw_formula(x, XW_OVERVIEW, o->row, col, formula, xw_format(x, XS_CELL, nat.format),
               nat.value);
    return f.natural_value ? f.full_width : f.fraction ? f.base_width : f.value_width;
}

/* The brief's fact about `ind` (its label, and its period and note as detail), or NULL. */
static const dossier_brief_fact *brief_fact(const xw *x, const dossier_indicator *ind)
{
    for (size_t i = 0; x->brief && i < x->brief->n_nodes; i++) {
        const dossier_brief_node *n = x->brief->nodes[i];
        if (n->kind != DOSSIER_NODE_FACTS)
            continue;
        for (size_t k = 0; k < n->n_children; k++) {
            const dossier_brief_fact *f = n->children[k]->fact;
            if (n->children[k]->kind == DOSSIER_NODE_FACT && f && f->indicator == ind)
                return f;
        }
    }
    return NULL;
}

/* A fact figure: its label, the figure, and beside it the period and note as the brief gives
 * them (without a brief: the period, and the note). */
static void fact_figure(ov *o, const dossier_indicator *ind)
{
    if (!ind)
        return;
    const dossier_brief_fact *f = brief_fact(o->x, ind);
    char detail[1024];
    if (f)
        snprintf(detail, sizeof detail, "%s", f->detail ? f->detail : "");
    else {
        size_t n = o->x->host->format_period(ind, detail, sizeof detail);
        if (ind->note && n < sizeof detail)
            snprintf(detail + n, sizeof detail - n, "；%s", ind->note);
    }
    const char *label = f && f->label ? f->label : ind->name;
    xw_str(o->x, XW_OVERVIEW, o->row, 0, label, xw_format(o->x, XS_LABEL, NULL));
    xw_widths_note(&o->w, 0, xw_width(o->x, label));
    xw_widths_note(&o->w, 1, figure_cell(o, 1, ind));
    if (*detail) {
        xw_str(o->x, XW_OVERVIEW, o->row, 2, detail, xw_format(o->x, XS_NOTE, NULL));
        xw_widths_note(&o->w, 2, xw_width(o->x, detail));
    }
    o->row++;
}

/* The brief's title block, or NULL. */
static const dossier_brief_title *brief_title(const xw *x)
{
    for (size_t i = 0; x->brief && i < x->brief->n_nodes; i++)
        if (x->brief->nodes[i]->kind == DOSSIER_NODE_TITLE)
            return x->brief->nodes[i]->title;
    return NULL;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" as a date cell with a format of the same precision. */
static bool date_cell(ov *o, lxw_col_t col, const char *date)
{
    int y = 0, m = 1, d = 1;
    const char *fmt = "yyyy\"年\"";
    size_t n = strlen(date);
    if (n == 10 && sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3)
        fmt = DATE_FORMAT;
    else if (n == 7 && sscanf(date, "%4d-%2d", &y, &m) == 2)
        fmt = "yyyy\"年\"m\"月\"";
    else if (n != 4 || sscanf(date, "%4d", &y) != 1)
        return false;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    lxw_datetime dt = {.year = y, .month = m, .day = d};
    if (o->x->status == DOSSIER_OK)
        xw_ok(o->x, worksheet_write_datetime(o->x->ws[XW_OVERVIEW], o->row, col, &dt,
                                             xw_format(o->x, XS_CELL, fmt)),
              "cannot write a date");
    xw_widths_note(&o->w, col, 12);
    return true;
}

static void identity(ov *o)
{
    xw *x = o->x;
    const dossier_profile *p = x->p;
    const dossier_brief_title *t = brief_title(x);
    const char *name = t ? t->title : p->name_zh, *name_en = t ? t->name_en : p->name_en;
    char line[1024];
    snprintf(line, sizeof line, "%s%s%s%s", name, name_en ? "（" : "", name_en ? name_en : "",
             name_en ? "）" : "");
    xw_ok(x, worksheet_set_row(x->ws[XW_OVERVIEW], 0, xw_row_height(x, 1, x->font_size + 5),
                               NULL),
          "cannot set a row height");
    xw_str(x, XW_OVERVIEW, 0, 0, line, xw_format(x, XS_TITLE, NULL));
    o->row = 1;
    const char *under[] = {t ? t->subtitle : p->subtitle, t ? t->dateline : NULL};
    for (int i = 0; i < 2; i++)
        if (under[i])
            xw_str(x, XW_OVERVIEW, o->row++, 0, under[i], xw_format(x, XS_SUBTITLE, NULL));

    block_heading(o, "基本情况");
    fact_text(o, "名称", p->name_zh);
    fact_text(o, "英文名称", p->name_en);
    if (p->parent_zh) {
        snprintf(line, sizeof line, "%s%s%s%s", p->parent_zh, p->parent_en ? "（" : "",
                 p->parent_en ? p->parent_en : "", p->parent_en ? "）" : "");
        fact_text(o, XW_LABEL(x, parent, "所属"), line);
    }
    xw_str(x, XW_OVERVIEW, o->row, 0, XW_LABEL(x, as_of, "资料截至"),
           xw_format(x, XS_LABEL, NULL));
    if (!date_cell(o, 1, p->as_of))
        xw_str(x, XW_OVERVIEW, o->row, 1, p->as_of, xw_format(x, XS_CELL, NULL));
    o->row++;
    fact_figure(o, p->area);
    fact_figure(o, p->population);
    xw_str(x, XW_OVERVIEW, o->row, 0, "指标数", xw_format(x, XS_LABEL, NULL));
    xw_num(x, XW_OVERVIEW, o->row++, 1, (double)p->n_indicators, xw_format(x, XS_CELL, "#,##0"));
    xw_str(x, XW_OVERVIEW, o->row, 0, "时间序列数", xw_format(x, XS_LABEL, NULL));
    xw_num(x, XW_OVERVIEW, o->row++, 1, (double)x->series.n_rows,
           xw_format(x, XS_CELL, "#,##0"));
}

static void key_figures(ov *o)
{
    xw *x = o->x;
    const dossier_profile *p = x->p;
    if (p->n_key_figures == 0)
        return;
    /* a profile without a selection makes every indicator a key figure: keep the overview
     * short and point to the indicators sheet instead */
    size_t n = p->n_key_figures > 50 ? 50 : p->n_key_figures;
    block_heading(o, XW_LABEL(x, key_figures, "主要指标"));
    const char *const head[] = {XW_LABEL(x, col_name, "指标"),   XW_LABEL(x, col_figure, "数值"),
                                XW_LABEL(x, col_period, "时期"), XW_LABEL(x, col_scope, "范围"),
                                XW_LABEL(x, col_source, "来源"), XW_LABEL(x, notes, "注")};
    header_row(o, head, 6);
    lxw_format *wrap = xw_format(x, XS_WRAP, NULL);
    for (size_t i = 0; i < n && x->status == DOSSIER_OK; i++) {
        const dossier_indicator *ind = p->key_figures[i];
        char period[256];
        x->host->format_period(ind, period, sizeof period);
        const char *cells[6] = {ind->name, NULL, period, ind->scope,
                                ind->source ? ind->source->title : NULL, ind->note};
        fit_row(o, cells, 6);
        xw_widths_note(&o->w, 1, figure_cell(o, 1, ind));
        for (int c = 0; c < 6; c++) {
            if (!cells[c])
                continue;
            xw_str(x, XW_OVERVIEW, o->row, (lxw_col_t)c, cells[c], wrap);
            xw_widths_note(&o->w, c, xw_width(x, cells[c]));
        }
        o->row++;
    }
    if (n < p->n_key_figures) {
        char more[256];
        snprintf(more, sizeof more, "另有 %zu 项，见“%s”表。", p->n_key_figures - n,
                 x->sheet_name[XW_INDICATORS]);
        xw_str(x, XW_OVERVIEW, o->row++, 0, more, xw_format(x, XS_SUBTITLE, NULL));
    }
}

static void sources(ov *o)
{
    xw *x = o->x;
    block_heading(o, XW_LABEL(x, sources, "资料来源"));
    static const char *const head[] = {"标题", "代码", "发布单位", "发布日期", "出处"};
    header_row(o, head, 5);
    lxw_format *wrap = xw_format(x, XS_WRAP, NULL);
    for (size_t i = 0; i < x->p->n_sources && x->status == DOSSIER_OK; i++) {
        const dossier_source *s = x->p->sources[i];
        const char *cells[5] = {s->title, s->id, s->publisher, NULL, s->origin};
        fit_row(o, cells, 5);
        for (int c = 0; c < 5; c++) {
            if (!cells[c])
                continue;
            xw_str(x, XW_OVERVIEW, o->row, (lxw_col_t)c, cells[c], wrap);
            xw_widths_note(&o->w, c, xw_width(x, cells[c]));
        }
        if (s->date && !date_cell(o, 3, s->date))
            xw_str(x, XW_OVERVIEW, o->row, 3, s->date, wrap);
        o->row++;
    }
}

static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : path;
}

static void production(ov *o)
{
    xw *x = o->x;
    char line[1024];
    block_heading(o, "文件信息");
    snprintf(line, sizeof line, "dossier %s（xlsx 插件 %s，libxlsxwriter %s）", x->host->version,
             XLSX_PLUGIN_VERSION, LXW_VERSION);
    fact_text(o, "生成工具", line);
    fact_text(o, "资料文件", base_name(x->p->path));

    time_t t = (time_t)x->created;
    struct tm tm;
    xw_str(x, XW_OVERVIEW, o->row, 0, "文件日期", xw_format(x, XS_LABEL, NULL));
    if (gmtime_r(&t, &tm)) {
        lxw_datetime dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                           tm.tm_hour,        tm.tm_min,     tm.tm_sec};
        if (x->status == DOSSIER_OK)
            xw_ok(x, worksheet_write_datetime(x->ws[XW_OVERVIEW], o->row, 1, &dt,
                                              xw_format(x, XS_CELL, "yyyy-mm-dd hh:mm:ss")),
                  "cannot write a date");
    }
    xw_str(x, XW_OVERVIEW, o->row, 2,
           x->created_from_env ? "取自 SOURCE_DATE_EPOCH（UTC）"
                               : "取自资料截至日期：同一资料总是生成相同的文件",
           xw_format(x, XS_SUBTITLE, NULL));
    o->row++;

    snprintf(line, sizeof line, "%s、%s、%s、%s、%s", x->sheet_name[XW_OVERVIEW],
             x->sheet_name[XW_INDICATORS], x->sheet_name[XW_SERIES], x->sheet_name[XW_CHARTS],
             x->sheet_name[XW_TEXT]);
    fact_text(o, "工作表", line);

    char notes[3][512];
    snprintf(notes[0], sizeof notes[0],
             "“%s”表的“数值”是原文所述数值，单位见“单位”列，限定词（约、近、余……）单列；",
             x->sheet_name[XW_INDICATORS]);
    snprintf(notes[1], sizeof notes[1],
             "“基本单位数值”已换算为基本单位（亿元→元、万家→家……），百分比为真实百分比，可直接计算；");
    snprintf(notes[2], sizeof notes[2],
             "本表与“%s”表中的数值是引用“%s”表的公式，修改“%s”表后随之更新。",
             x->sheet_name[XW_SERIES], x->sheet_name[XW_INDICATORS],
             x->sheet_name[XW_INDICATORS]);
    for (int i = 0; i < 3; i++) {
        if (i == 0)
            xw_str(x, XW_OVERVIEW, o->row, 0, "说明", xw_format(x, XS_LABEL, NULL));
        xw_str(x, XW_OVERVIEW, o->row++, 1, notes[i], xw_format(x, XS_CELL, NULL));
    }
}

void xw_sheet_overview(xw *x)
{
    if (x->status != DOSSIER_OK)
        return;
    ov o = {.x = x};
    identity(&o);
    key_figures(&o);
    sources(&o);
    production(&o);
    if (x->status != DOSSIER_OK)
        return;
    xw_widths_apply(x, XW_OVERVIEW, &o.w, OV_COLS, max_width);
    xw_print_setup(x, XW_OVERVIEW, -1);
}
