/* pdf_table.c — the key-figures table: one row per indicator with its name, the value with
 * the precision the source states (right-aligned), the unit, the period, the scope and the
 * number of its source. Set as a three-rule table (thick rules above and below, a thin one
 * under the header, hairlines between rows); the header row is repeated on every page the
 * table continues on, and a table never leaves its header or a single row alone on a page.
 *
 * Cells wrap within their column; column widths come from the cells' natural widths, the
 * name, period and scope columns giving way first.
 *
 * Ownership: the table and its arrays are malloc'd and freed by pdf_table_free; cell strings
 * live in the doc's arena or are borrowed from the profile.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

enum { COL_NAME, COL_VALUE, COL_UNIT, COL_PERIOD, COL_SCOPE, COL_SOURCE, N_COLS };

static const char *const headers[N_COLS] = {"指标", "数值", "单位", "时期", "范围", "来源"};
static const pdf_align col_align[N_COLS] = {PDF_LEFT,   PDF_RIGHT,  PDF_CENTER,
                                            PDF_CENTER, PDF_CENTER, PDF_CENTER};
static const bool col_wraps[N_COLS] = {true, false, false, true, true, false};

struct pdf_table {
    size_t n_rows;             /* row 0 is the header */
    const char **cells;        /* n_rows × N_COLS */
    const char **row_where;    /* per row, for messages */
    double col_w[N_COLS];
    size_t *line_first, *line_n; /* per cell: its lines in d->lines */
    double *row_h;
    double pad_x, pad_y;
    size_t first_item;         /* the header row's item */
};

void pdf_table_free(pdf_table *t)
{
    if (!t)
        return;
    free(t->cells);
    free(t->row_where);
    free(t->line_first);
    free(t->line_n);
    free(t->row_h);
    free(t);
}

size_t pdf_table_header_items(const pdf_table *t, size_t *first_item)
{
    *first_item = t->first_item;
    return 1;
}

static size_t source_number(const dossier_profile *p, const dossier_source *src)
{
    for (size_t i = 0; i < p->n_sources; i++)
        if (p->sources[i] == src)
            return i + 1;
    return 0;
}

/* Value and unit cells from the host's formatting: the figure "约1.79万家" around the value
 * "1.79" gives "约1.79" and "万家" (the qualifier stays where the host put it). */
static bool value_cells(pdf_doc *d, const dossier_indicator *ind, const char **value,
                        const char **unit)
{
    char fig[512], val[256];
    d->host->format_figure(ind, fig, sizeof fig);
    d->host->format_value(ind, val, sizeof val);
    const char *at = *val ? strstr(fig, val) : NULL;
    if (!at) {
        *value = pdf_arena_printf(&d->arena, "%s", fig);
        *unit = "";
    } else {
        size_t pre = (size_t)(at - fig), vl = strlen(val);
        *value = pdf_arena_strndup(&d->arena, fig, pre + vl);
        *unit = pdf_arena_printf(&d->arena, "%s", at + vl);
    }
    return *value && *unit;
}

dossier_status pdf_table_build(pdf_doc *d, const dossier_indicator *const *inds, size_t n,
                               size_t *ref)
{
    pdf_table *t = calloc(1, sizeof *t);
    pdf_table **slot = t ? PDF_PUSH(d, tables) : NULL;
    if (!slot) {
        free(t);
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    *slot = t;
    *ref = d->n_tables - 1;
    t->n_rows = n + 1;
    t->cells = calloc(t->n_rows * N_COLS, sizeof *t->cells);
    t->row_where = calloc(t->n_rows, sizeof *t->row_where);
    if (!t->cells || !t->row_where)
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    for (size_t c = 0; c < N_COLS; c++)
        t->cells[c] = headers[c];
    t->row_where[0] = "the key-figures table's header";
    for (size_t r = 1; r <= n; r++) {
        const dossier_indicator *ind = inds[r - 1];
        const char **row = t->cells + r * N_COLS;
        char per[256];
        d->host->format_period(ind, per, sizeof per);
        row[COL_NAME] = ind->name;
        if (!value_cells(d, ind, &row[COL_VALUE], &row[COL_UNIT]))
            return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        row[COL_PERIOD] = pdf_arena_printf(&d->arena, "%s", per);
        row[COL_SCOPE] = ind->scope;
        size_t sn = source_number(d->p, ind->source);
        row[COL_SOURCE] = sn ? pdf_arena_printf(&d->arena, "[%zu]", sn) : "";
        t->row_where[r] = pdf_arena_printf(&d->arena, "indicator \"%s\"", ind->id);
        if (!row[COL_PERIOD] || !row[COL_SOURCE] || !t->row_where[r])
            return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    return DOSSIER_OK;
}

static const pdf_textstyle *row_style(const pdf_doc *d, size_t r)
{
    return &d->st.ts[r == 0 ? PDF_TS_TABLE_HEAD : PDF_TS_TABLE];
}

dossier_status pdf_table_register_text(pdf_doc *d, const pdf_table *t)
{
    dossier_status s = DOSSIER_OK;
    for (size_t r = 0; r < t->n_rows && s == DOSSIER_OK; r++)
        for (size_t c = 0; c < N_COLS && s == DOSSIER_OK; c++)
            s = pdf_fonts_use(d, row_style(d, r)->role, t->cells[r * N_COLS + c],
                              t->row_where[r]);
    return s;
}

/* Column widths within the text block: natural widths when they fit (the name column takes
 * what is left), else wrapping columns shrink towards a minimum of four characters. */
static void column_widths(pdf_doc *d, pdf_table *t)
{
    double nat[N_COLS] = {0}, min[N_COLS], total = d->st.text_w;
    double four = 4 * d->st.ts[PDF_TS_TABLE].size + 2 * t->pad_x;
    for (size_t c = 0; c < N_COLS; c++) {
        for (size_t r = 0; r < t->n_rows; r++) {
            double w = pdf_layout_width(d, t->cells[r * N_COLS + c], row_style(d, r));
            nat[c] = fmax(nat[c], w + 2 * t->pad_x);
        }
        min[c] = col_wraps[c] ? fmin(nat[c], four) : nat[c];
    }
    double sum_nat = 0, sum_min = 0;
    for (size_t c = 0; c < N_COLS; c++) {
        sum_nat += nat[c];
        sum_min += min[c];
    }
    if (sum_nat <= total) {
        /* Spare room: half to the name column, the rest spread evenly. */
        double spare = total - sum_nat;
        for (size_t c = 0; c < N_COLS; c++)
            t->col_w[c] = nat[c] + spare / 2 / N_COLS + (c == COL_NAME ? spare / 2 : 0);
    } else if (sum_min <= total) {
        double give = total - sum_min, want = sum_nat - sum_min;
        for (size_t c = 0; c < N_COLS; c++)
            t->col_w[c] = min[c] + (want > 0 ? (nat[c] - min[c]) * give / want : 0);
    } else {
        /* Too narrow even at four characters: the value, unit and source columns keep their
         * natural widths (a figure is never broken), the wrapping columns share the rest. */
        double fixed = 0, wrap = 0;
        for (size_t c = 0; c < N_COLS; c++) {
            if (col_wraps[c])
                wrap += min[c];
            else
                fixed += nat[c];
        }
        double one = d->st.ts[PDF_TS_TABLE].size + 2 * t->pad_x;
        bool keep = total - fixed >= one * (double)N_COLS;
        for (size_t c = 0; c < N_COLS; c++) {
            if (!keep)
                t->col_w[c] = min[c] * total / sum_min;
            else if (col_wraps[c])
                t->col_w[c] = min[c] * (total - fixed) / wrap;
            else
                t->col_w[c] = nat[c];
        }
    }
}

dossier_status pdf_table_layout(pdf_doc *d, pdf_table *t, size_t ref)
{
    const pdf_textstyle *body = &d->st.ts[PDF_TS_TABLE];
    t->pad_x = body->size * 0.4;
    t->pad_y = body->size * 0.3;
    column_widths(d, t);
    size_t cells = t->n_rows * N_COLS;
    t->line_first = calloc(cells, sizeof *t->line_first);
    t->line_n = calloc(cells, sizeof *t->line_n);
    t->row_h = calloc(t->n_rows, sizeof *t->row_h);
    if (!t->line_first || !t->line_n || !t->row_h)
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    for (size_t r = 0; r < t->n_rows; r++) {
        double lines_h = 0;
        for (size_t c = 0; c < N_COLS; c++) {
            pdf_textstyle ts = *row_style(d, r);
            ts.align = r == 0 ? PDF_CENTER : col_align[c];
            size_t i = r * N_COLS + c;
            dossier_status s = pdf_layout_text(d, t->cells[i], &ts, t->col_w[c] - 2 * t->pad_x,
                                               0, &t->line_first[i], &t->line_n[i]);
            if (s != DOSSIER_OK)
                return s;
            lines_h = fmax(lines_h, (double)t->line_n[i] * ts.leading);
        }
        t->row_h[r] = lines_h + 2 * t->pad_y;
        pdf_item *it = pdf_layout_push_item(d, PDF_IT_ROW, t->row_h[r], ref);
        if (!it)
            return d->status;
        it->row = r;
        it->header = r == 0;
        if (r == 0)
            t->first_item = d->n_items - 1;
        /* The header holds the first two rows; the last two rows stay together. */
        it->keep_next = r == 0 || (r == 1 && t->n_rows > 2) || (r + 2 == t->n_rows && r > 0);
    }
    return DOSSIER_OK;
}

static void hline(HPDF_Page page, double x0, double x1, double y, double width, double gray)
{
    HPDF_Page_SetLineWidth(page, (HPDF_REAL)width);
    HPDF_Page_SetGrayStroke(page, (HPDF_REAL)gray);
    HPDF_Page_MoveTo(page, (HPDF_REAL)x0, (HPDF_REAL)y);
    HPDF_Page_LineTo(page, (HPDF_REAL)x1, (HPDF_REAL)y);
    HPDF_Page_Stroke(page);
}

void pdf_table_draw_row(pdf_doc *d, HPDF_Page page, const pdf_table *t, size_t row, double x,
                        double top, bool first_on_page, bool last_on_page)
{
    double w = 0;
    for (size_t c = 0; c < N_COLS; c++)
        w += t->col_w[c];
    double bottom = top - t->row_h[row];
    if (first_on_page)
        hline(page, x, x + w, top, 1.0, 0);
    if (row == 0)
        hline(page, x, x + w, bottom, 0.5, 0);
    else if (last_on_page)
        hline(page, x, x + w, bottom, 1.0, 0);
    else
        hline(page, x, x + w, bottom, 0.25, 0.6);
    double cx = x;
    for (size_t c = 0; c < N_COLS; c++) {
        size_t i = row * N_COLS + c;
        size_t n = t->line_n[i];
        double lines_h = 0;
        for (size_t k = 0; k < n; k++)
            lines_h += d->lines[t->line_first[i] + k].height;
        double y = top - t->pad_y - (t->row_h[row] - 2 * t->pad_y - lines_h) / 2;
        for (size_t k = 0; k < n; k++) {
            const pdf_line *ln = &d->lines[t->line_first[i] + k];
            pdf_render_line(d, page, ln, cx + t->pad_x, y);
            y -= ln->height;
        }
        cx += t->col_w[c];
    }
}
