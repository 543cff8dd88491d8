/* xlsx_sheet_charts.c — the 图表 sheet: one native chart per `charts` entry of the profile, a
 * column chart of its series and, when it names a secondary series, a line chart of that series
 * beside it. Both read the 时间序列 cells: directly when the series' periods are adjacent
 * columns there, otherwise through a small data block on this sheet whose cells are formulas on
 * those cells. Either way a corrected number updates the chart.
 *
 * libxlsxwriter 1.1.4 (Debian 12) has no combined charts and no secondary axis
 * (chart_combine arrived later), so the growth rate is a line chart of its own rather than a
 * line on a second axis of the column chart.
 *
 * The charts' cached data (what a viewer that does not read the cells shows) is filled from the
 * model, because libxlsxwriter would cache formula cells as 0 (see cache_series).
 *
 * A point whose period is unlike the others' (the brief marks it: a half year among years) is
 * never drawn as if it were alike: its column is hatched with a dashed border, its marker on
 * the line chart hollow with a dashed border, and a note under the chart's title says why (the
 * brief's note, with its marker).
 *
 * Rows are written strictly in order (constant_memory mode streams them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx.h"

#define CHART_W 640 /* pixels; x_scale = CHART_W / 480 */
#define CHART_H 320
#define CHART_ROWS 17 /* rows of 20 px a chart covers, plus a gap */

/* Where a chart reads its data: a category row, a value row and their columns. */
typedef struct chart_source {
    int sheet;
    lxw_row_t label_row, row, row2; /* row2: the secondary values, 0 when none */
    lxw_col_t first, last;
    lxw_row_t name_row;
    lxw_col_t name_col;
    lxw_row_t name2_row;
    lxw_col_t name2_col;
} chart_source;

static lxw_chart_font font_of(const xw *x, double size, bool bold)
{
    lxw_chart_font f = {0};
    f.name = (char *)x->font;
    f.size = size;
    f.bold = bold;
    return f;
}

static void axis_fonts(xw *x, lxw_chart *c)
{
    lxw_chart_font f = font_of(x, x->font_size - 1, false);
    chart_axis_set_num_font(c->x_axis, &f);
    chart_axis_set_num_font(c->y_axis, &f);
}

/* Axis format: the unit without decimals, a plain percentage for fractions. */
static void axis_format(xw *x, const dossier_indicator *ind, char *buf, size_t cap)
{
    xw_figure f;
    xw_figure_make(x, ind, &f);
    buf[0] = '\0';
    if (f.fraction) {
        xw_number_format(buf, cap, 0, true);
    } else {
        xw_number_format(buf, cap, 0, false);
        xw_format_literal(buf, cap, ind->unit);
    }
}

/* Appends one cached point to a chart range; `text` (copied) makes it a string point, `have`
 * false an empty one. */
static bool cache_point(lxw_series_range *range, bool have, double number, const char *text)
{
    lxw_series_data_point *pt = calloc(1, sizeof *pt);
    if (!pt || (text && !(pt->string = strdup(text)))) {
        free(pt);
        return false;
    }
    pt->number = number;
    pt->no_data = !have && !text;
    if (text) {
        pt->is_string = LXW_TRUE;
        range->has_string_cache = LXW_TRUE;
    }
    STAILQ_INSERT_TAIL(range->data_cache, pt, list_pointers);
    range->num_data_points++;
    return true;
}

/* The cached data of a chart series (what a viewer that does not read the cells shows): the
 * period labels, the values and the name. libxlsxwriter would read the cells itself, but it
 * reads a formula cell as 0 and reads nothing in constant_memory mode, so the plugin fills the
 * caches from the model and tells libxlsxwriter to leave them alone. */
static bool cache_series(xw *x, lxw_chart_series *se, size_t r, size_t rr)
{
    const dossier_series *s = x->series.rows[r], *t = x->series.rows[rr];
    lxw_series_range *cat = se->categories, *val = se->values, *name = se->title.range;
    if (!cat || !val || !name || !cat->data_cache || !val->data_cache || !name->data_cache)
        return false;
    cat->ignore_cache = val->ignore_cache = name->ignore_cache = LXW_TRUE;
    for (size_t k = 0; k < s->n_points; k++) {
        size_t col = x->series.cols[r][k];
        if (!cache_point(cat, false, 0, x->series.labels[col]))
            return false;
        bool have = false;
        double v = 0;
        for (size_t q = 0; q < t->n_points && !have; q++) {
            if (x->series.cols[rr][q] != col)
                continue;
            xw_figure f;
            xw_figure_make(x, t->points[q], &f);
            v = xw_figure_natural(&f).value;
            have = true;
        }
        if (!cache_point(val, have, v, NULL))
            return false;
    }
    return cache_point(name, false, 0, t->name);
}

/* The brief's figure of chart `ch` (NULL without a brief or when [brief] charts leaves it out). */
static const dossier_brief_figure *find_figure(const dossier_brief_node *const *nodes, size_t n,
                                               const dossier_chart *ch)
{
    for (size_t i = 0; i < n; i++) {
        const dossier_brief_node *node = nodes[i];
        if (node->kind == DOSSIER_NODE_FIGURE && node->figure && node->figure->chart == ch)
            return node->figure;
        const dossier_brief_figure *f = find_figure(node->children, node->n_children, ch);
        if (f)
            return f;
    }
    return NULL;
}

/* The brief's point of the primary figure `ind` when its period is unlike the others', else
 * NULL. */
static const dossier_brief_point *unlike_point(const dossier_brief_figure *fig,
                                               const dossier_indicator *ind)
{
    for (size_t i = 0; fig && i < fig->n_points; i++) {
        const dossier_brief_point *pt = fig->points[i];
        if (pt->primary == ind && DOSSIER_HAS_FIELD(pt, dossier_brief_point, unlike) &&
            pt->unlike)
            return pt;
    }
    return NULL;
}

/* Formats the unlike points of a chart series: a hatched column with a dashed border; on a
 * line, a hollow marker with a dashed border (libxlsxwriter 1.1.4 writes a line chart's point
 * format into its marker and cannot format one segment of the line, so the line still passes
 * through the point; the note under the title says why it stands apart). */
static void mark_unlike(xw *x, lxw_chart_series *se, uint8_t type, const dossier_series *s,
                        const dossier_brief_figure *fig)
{
    size_t n = s->n_points, marked = 0;
    lxw_chart_point **pts = calloc(n + 1, sizeof *pts);
    lxw_chart_point *cells = calloc(n ? n : 1, sizeof *cells);
    if (!pts || !cells) {
        free(pts);
        free(cells);
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for a chart's points");
        return;
    }
    lxw_chart_pattern hatch = {.type = LXW_CHART_PATTERN_WIDE_UPWARD_DIAGONAL,
                               .fg_color = 0x2E75B6, .bg_color = 0xFFFFFF};
    lxw_chart_line dashed = {.color = 0x2E75B6, .dash_type = LXW_CHART_LINE_DASH_DASH};
    lxw_chart_fill hollow = {.color = 0xFFFFFF};
    for (size_t k = 0; k < n; k++) {
        pts[k] = &cells[k];
        if (!unlike_point(fig, s->points[k]))
            continue;
        marked++;
        if (type == LXW_CHART_LINE)
            cells[k].fill = &hollow;
        else
            cells[k].pattern = &hatch;
        cells[k].line = &dashed;
    }
    if (marked)
        xw_ok(x, chart_series_set_points(se, pts), "cannot format a chart's points");
    free(pts);
    free(cells);
}

static lxw_chart *one_chart(xw *x, uint8_t type, const char *title, const dossier_series *s,
                            const chart_source *src, size_t r, size_t rr,
                            const dossier_brief_figure *fig)
{
    bool secondary = rr != r;
    lxw_chart *c = workbook_add_chart(x->wb, type);
    if (!c) {
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for a chart");
        return NULL;
    }
    const char *sheet = x->sheet_name[src->sheet];
    lxw_chart_series *se = chart_add_series(c, NULL, NULL);
    if (!se) {
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for a chart series");
        return NULL;
    }
    chart_series_set_categories(se, sheet, src->label_row, src->first, src->label_row,
                                src->last);
    chart_series_set_values(se, sheet, secondary ? src->row2 : src->row, src->first,
                            secondary ? src->row2 : src->row, src->last);
    chart_series_set_name_range(se, sheet, secondary ? src->name2_row : src->name_row,
                                secondary ? src->name2_col : src->name_col);
    if (!cache_series(x, se, r, rr)) {
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for a chart's cached data");
        return NULL;
    }

    xw_figure f;
    xw_figure_make(x, s->points[s->n_points - 1], &f);
    chart_series_set_labels(se);
    chart_series_set_labels_num_format(se, xw_figure_natural(&f).format);
    lxw_chart_font lf = font_of(x, x->font_size - 1, false);
    chart_series_set_labels_font(se, &lf);
    mark_unlike(x, se, (uint8_t)type, x->series.rows[r], fig);
    if (type == LXW_CHART_LINE) {
        chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(se, 7);
        chart_series_set_labels_position(se, LXW_CHART_LABEL_POSITION_ABOVE);
    } else {
        chart_series_set_labels_position(se, LXW_CHART_LABEL_POSITION_OUTSIDE_END);
        lxw_chart_fill fill = {.color = 0x2E75B6};
        chart_series_set_fill(se, &fill);
    }

    chart_title_set_name(c, title);
    lxw_chart_font tf = font_of(x, x->font_size + 2, true);
    chart_title_set_name_font(c, &tf);
    chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
    char fmt[160];
    axis_format(x, s->points[0], fmt, sizeof fmt);
    chart_axis_set_num_format(c->y_axis, fmt);
    axis_fonts(x, c);
    chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_GAP);
    return c;
}

static void insert(xw *x, lxw_row_t row, int32_t x_offset, lxw_chart *c, const char *alt)
{
    if (!c || x->status != DOSSIER_OK)
        return;
    lxw_chart_options o = {
        .x_offset = x_offset,
        .y_offset = 4,
        .x_scale = CHART_W / 480.0,
        .y_scale = CHART_H / 288.0,
        .description = (char *)alt,
    };
    xw_ok(x, worksheet_insert_chart_opt(x->ws[XW_CHARTS], row, 0, c, &o),
          "cannot insert a chart");
}

/* The data block for a series whose periods are not adjacent on the series sheet: a row of
 * period labels and rows of formulas on the series cells. Returns the rows used. */
static lxw_row_t data_block(xw *x, lxw_row_t row, size_t r, size_t r2, chart_source *src)
{
    const dossier_series *s = x->series.rows[r];
    lxw_format *hf = xw_format(x, XS_HEADER, NULL);
    lxw_format *label = xw_format(x, XS_LABEL, NULL);
    /* row by row: constant_memory mode cannot go back to an earlier row */
    xw_str(x, XW_CHARTS, row, 0, XW_LABEL(x, col_period, "时期"), hf);
    for (size_t k = 0; k < s->n_points; k++)
        xw_str(x, XW_CHARTS, row, (lxw_col_t)(1 + k), x->series.labels[x->series.cols[r][k]],
               hf);
    for (int which = 0; which < (r2 != (size_t)-1 ? 2 : 1); which++) {
        size_t rr = which ? r2 : r;
        const dossier_series *t = x->series.rows[rr];
        xw_str(x, XW_CHARTS, row + 1 + (lxw_row_t)which, 0, t->name, label);
        for (size_t k = 0; k < s->n_points; k++) {
            /* the point of t in the period column of point k of s, if any */
            size_t col = x->series.cols[r][k];
            for (size_t q = 0; q < t->n_points; q++) {
                if (x->series.cols[rr][q] != col)
                    continue;
                xw_figure f;
                xw_figure_make(x, t->points[q], &f);
                xw_natural nat = xw_figure_natural(&f);
                char ref[256], formula[300];
                xw_cell_ref(x, XW_SERIES, (lxw_row_t)(rr + 1),
                            (lxw_col_t)(SC_FIRST_PERIOD + col), true, ref, sizeof ref);
                snprintf(formula, sizeof formula, "=%s", ref);
                xw_formula(x, XW_CHARTS, row + 1 + (lxw_row_t)which, (lxw_col_t)(1 + k),
                           formula, xw_format(x, XS_CELL, nat.format), nat.value);
            }
        }
    }
    *src = (chart_source){
        .sheet = XW_CHARTS,
        .label_row = row,
        .row = row + 1,
        .row2 = r2 != (size_t)-1 ? row + 2 : 0,
        .first = 1,
        .last = (lxw_col_t)s->n_points,
        .name_row = row + 1,
        .name_col = 0,
        .name2_row = row + 2,
        .name2_col = 0,
    };
    return r2 != (size_t)-1 ? 4 : 3;
}

/* The note under a chart's title for its unlike points: "注：④2020年上半年为半年数据，与图中的
 * 年度数据不宜直接比较。" (one row; none when every point is alike). Returns the rows used. */
static lxw_row_t unlike_notes(xw *x, lxw_row_t row, const dossier_series *s,
                              const dossier_brief_figure *fig)
{
    char text[2048];
    size_t n = (size_t)snprintf(text, sizeof text, "%s：", XW_LABEL(x, notes, "注"));
    size_t start = n;
    for (size_t k = 0; k < s->n_points && n < sizeof text; k++) {
        const dossier_brief_point *pt = unlike_point(fig, s->points[k]);
        if (!pt || !pt->unlike_note || !pt->unlike_note->text)
            continue;
        const char *marker = pt->unlike_note->marker ? pt->unlike_note->marker : "";
        n += (size_t)snprintf(text + n, sizeof text - n, "%s%s%s", n > start ? "；" : "",
                              marker, pt->unlike_note->text);
    }
    if (n == start || n >= sizeof text)
        return 0;
    xw_str(x, XW_CHARTS, row, 0, text, xw_format(x, XS_SUBTITLE, NULL));
    return 1;
}

/* Writes chart `i` from `row` on; returns the next free row. */
static lxw_row_t chart(xw *x, const dossier_chart *ch, lxw_row_t row)
{
    size_t r = xw_series_row_of(x, ch->series);
    if (r == (size_t)-1) {
        x->host->log(x->ctx, DOSSIER_LOG_WARNING,
                     "chart \"%s\": series \"%s\" is stated for a single period; no chart",
                     ch->title, ch->series->key);
        return row;
    }
    size_t r2 = (size_t)-1;
    if (ch->secondary) {
        r2 = xw_series_row_of(x, ch->secondary);
        if (r2 == (size_t)-1)
            x->host->log(x->ctx, DOSSIER_LOG_WARNING,
                         "chart \"%s\": secondary series \"%s\" is stated for a single period; "
                         "it is left out",
                         ch->title, ch->secondary->key);
    }
    const dossier_series *s = x->series.rows[r];
    xw_str(x, XW_CHARTS, row, 0, ch->title, xw_format(x, XS_SECTION, NULL));
    row++;
    const dossier_brief_figure *fig =
        x->brief ? find_figure(x->brief->nodes, x->brief->n_nodes, ch) : NULL;
    row += unlike_notes(x, row, s, fig);

    size_t c0 = x->series.cols[r][0], c1 = x->series.cols[r][s->n_points - 1];
    chart_source src;
    if (c1 - c0 + 1 == s->n_points) {
        src = (chart_source){
            .sheet = XW_SERIES,
            .label_row = 0,
            .row = (lxw_row_t)(r + 1),
            .row2 = r2 != (size_t)-1 ? (lxw_row_t)(r2 + 1) : 0,
            .first = (lxw_col_t)(SC_FIRST_PERIOD + c0),
            .last = (lxw_col_t)(SC_FIRST_PERIOD + c1),
            .name_row = (lxw_row_t)(r + 1),
            .name_col = SC_NAME,
            .name2_row = (lxw_row_t)(r2 + 1),
            .name2_col = SC_NAME,
        };
    } else {
        row += data_block(x, row, r, r2, &src);
    }
    if (x->status != DOSSIER_OK)
        return row;

    char alt[512];
    snprintf(alt, sizeof alt, "%s（柱形图，数据取自%s表）", ch->title,
             x->sheet_name[XW_SERIES]);
    insert(x, row, 0, one_chart(x, LXW_CHART_COLUMN, ch->title, s, &src, r, r, fig), alt);
    if (r2 != (size_t)-1) {
        const dossier_series *s2 = x->series.rows[r2];
        snprintf(alt, sizeof alt, "%s（折线图，数据取自%s表）", s2->name,
                 x->sheet_name[XW_SERIES]);
        insert(x, row, CHART_W + 24,
               one_chart(x, LXW_CHART_LINE, s2->name, s2, &src, r, r2, fig), alt);
    }
    return row + CHART_ROWS;
}

void xw_sheet_charts(xw *x)
{
    if (x->status != DOSSIER_OK)
        return;
    char note[512];
    snprintf(note, sizeof note, "图表取自“%s”表的数据；修改“%s”表或“%s”表中的数值后，图表随之更新。",
             x->sheet_name[XW_SERIES], x->sheet_name[XW_INDICATORS], x->sheet_name[XW_SERIES]);
    xw_str(x, XW_CHARTS, 0, 0, x->sheet_name[XW_CHARTS], xw_format(x, XS_TITLE, NULL));
    xw_str(x, XW_CHARTS, 1, 0, note, xw_format(x, XS_SUBTITLE, NULL));
    lxw_row_t row = 3;
    size_t drawn = 0;
    for (size_t i = 0; i < x->p->n_charts && x->status == DOSSIER_OK; i++) {
        lxw_row_t next = chart(x, x->p->charts[i], row);
        drawn += next != row;
        row = next + (next != row);
    }
    if (drawn == 0)
        xw_str(x, XW_CHARTS, row, 0, "本资料没有可绘制的图表（需要按多个时期列出的指标）。",
               xw_format(x, XS_SUBTITLE, NULL));
    worksheet_set_column(x->ws[XW_CHARTS], 0, 0, 24, NULL);
    worksheet_set_column(x->ws[XW_CHARTS], 1, 30, 14, NULL);
    xw_print_setup(x, XW_CHARTS, -1);
}
