/* xlsx_layout.c — what the sheet writers share: the indicator row index (so the overview and
 * the series can refer to the indicators sheet), the period columns of the series sheet, cell
 * references across sheets, column widths and row heights measured with the
 * host's text engine, and cell writers that turn libxlsxwriter errors into a status.
 *
 * Ownership: the index and the layout are owned by the context and freed by the *_free
 * functions; the period labels are copies.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx.h"

/* ---- errors and cell writers ---- */

void xw_fail(xw *x, dossier_status s, const char *fmt, ...)
{
    if (x->status != DOSSIER_OK)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    x->host->set_error(x->ctx, "%s", msg);
    x->status = s;
}

bool xw_ok(xw *x, lxw_error err, const char *what)
{
    if (err == LXW_NO_ERROR)
        return true;
    xw_fail(x, DOSSIER_ERR_LIBRARY, "%s: %s", what, lxw_strerror(err));
    return false;
}

void xw_str(xw *x, int sheet, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
    if (x->status != DOSSIER_OK || !s || !*s)
        return;
    xw_ok(x, worksheet_write_string(x->ws[sheet], row, col, s, f), "cannot write a text cell");
}

void xw_num(xw *x, int sheet, lxw_row_t row, lxw_col_t col, double v, lxw_format *f)
{
    if (x->status != DOSSIER_OK)
        return;
    xw_ok(x, worksheet_write_number(x->ws[sheet], row, col, v, f), "cannot write a number");
}

void xw_formula(xw *x, int sheet, lxw_row_t row, lxw_col_t col, const char *formula,
                lxw_format *f, double cached)
{
    if (x->status != DOSSIER_OK)
        return;
    xw_ok(x, worksheet_write_formula_num(x->ws[sheet], row, col, formula, f, cached),
          "cannot write a formula");
}

/* ---- indicator index ---- */

static size_t ptr_hash(const void *p, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)p;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (size_t)h & (cap - 1);
}

dossier_status xw_index_build(xw *x)
{
    size_t n = x->p->n_indicators, cap = 16;
    while (cap < n * 2)
        cap *= 2;
    x->index_keys = calloc(cap, sizeof *x->index_keys);
    x->index_vals = calloc(cap, sizeof *x->index_vals);
    if (!x->index_keys || !x->index_vals) {
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for the indicator index");
        return x->status;
    }
    x->index_cap = cap;
    for (size_t i = 0; i < n; i++) {
        const dossier_indicator *ind = x->p->indicators[i];
        size_t j = ptr_hash(ind, cap);
        while (x->index_keys[j] && x->index_keys[j] != ind)
            j = (j + 1) & (cap - 1);
        x->index_keys[j] = ind;
        x->index_vals[j] = i;
    }
    return DOSSIER_OK;
}

size_t xw_index_row(const xw *x, const dossier_indicator *ind)
{
    if (!ind || !x->index_cap)
        return 0;
    for (size_t j = ptr_hash(ind, x->index_cap); x->index_keys[j];
         j = (j + 1) & (x->index_cap - 1))
        if (x->index_keys[j] == ind)
            return x->index_vals[j] + 1;
    return 0;
}

void xw_index_free(xw *x)
{
    free(x->index_keys);
    free(x->index_vals);
    x->index_keys = NULL;
    x->index_vals = NULL;
    x->index_cap = 0;
}

/* ---- series layout ---- */

/* A period column is identified by the period and its basis (both shape the label). */
typedef struct period_node {
    const dossier_indicator *first; /* the first point seen with this period */
} period_node;

typedef struct period_map {
    size_t *slots; /* node index + 1, 0 = empty */
    size_t cap;
    period_node *nodes;
    size_t n, nodes_cap;
} period_map;

static uint64_t str_hash(uint64_t h, const char *s)
{
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t point_hash(const dossier_indicator *ind)
{
    uint64_t h = str_hash(14695981039346656037ULL, ind->period);
    h = str_hash(h ^ 0x1f, ind->basis ? ind->basis : "");
    return h;
}

static bool same_period(const dossier_indicator *a, const dossier_indicator *b)
{
    return strcmp(a->period, b->period) == 0 &&
           strcmp(a->basis ? a->basis : "", b->basis ? b->basis : "") == 0;
}

/* Node index of the point's period, added when new; (size_t)-1 when out of memory. */
static size_t period_node_of(period_map *m, const dossier_indicator *ind)
{
    size_t j = (size_t)point_hash(ind) & (m->cap - 1);
    for (; m->slots[j]; j = (j + 1) & (m->cap - 1))
        if (same_period(m->nodes[m->slots[j] - 1].first, ind))
            return m->slots[j] - 1;
    if (m->n == m->nodes_cap)
        return (size_t)-1;
    m->nodes[m->n].first = ind;
    m->slots[j] = ++m->n;
    return m->n - 1;
}

/* Order among periods that no series orders: the period text ("2016" < "2017..2019" <
 * "2019" < "2020H1": the profile's forms begin with the start date), then the basis, then the
 * order first seen. */
static bool period_before(const period_node *nodes, size_t a, size_t b)
{
    const dossier_indicator *x = nodes[a].first, *y = nodes[b].first;
    int c = strcmp(x->period, y->period);
    if (c == 0)
        c = strcmp(x->basis ? x->basis : "", y->basis ? y->basis : "");
    return c != 0 ? c < 0 : a < b;
}

/* Binary min-heap of node indices, ordered by period_before. */
static void heap_push(const period_node *nodes, size_t *h, size_t *n, size_t v)
{
    size_t i = (*n)++;
    h[i] = v;
    while (i > 0 && period_before(nodes, h[i], h[(i - 1) / 2])) {
        size_t p = (i - 1) / 2, t = h[p];
        h[p] = h[i];
        h[i] = t;
        i = p;
    }
}

static size_t heap_pop(const period_node *nodes, size_t *h, size_t *n)
{
    size_t top = h[0];
    h[0] = h[--*n];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < *n && period_before(nodes, h[l], h[m]))
            m = l;
        if (r < *n && period_before(nodes, h[r], h[m]))
            m = r;
        if (m == i)
            break;
        size_t t = h[m];
        h[m] = h[i];
        h[i] = t;
        i = m;
    }
    return top;
}

dossier_status xw_series_layout_build(xw *x)
{
    xw_series_layout *L = &x->series;
    const dossier_profile *p = x->p;
    size_t n_points = 0;
    for (size_t i = 0; i < p->n_series; i++)
        if (p->series[i]->n_points > 1) {
            L->n_rows++;
            n_points += p->series[i]->n_points;
        }
    if (L->n_rows == 0)
        return DOSSIER_OK;

    period_map m = {0};
    m.cap = 16;
    while (m.cap < n_points * 2)
        m.cap *= 2;
    m.nodes_cap = n_points;
    m.slots = calloc(m.cap, sizeof *m.slots);
    m.nodes = calloc(n_points, sizeof *m.nodes);
    size_t *point_node = calloc(n_points, sizeof *point_node);
    size_t *indeg = calloc(n_points, sizeof *indeg);
    size_t *edge_start = calloc(n_points + 1, sizeof *edge_start);
    size_t *edges = calloc(n_points, sizeof *edges);
    size_t *heap = calloc(n_points, sizeof *heap);
    size_t *position = calloc(n_points, sizeof *position);
    L->rows = calloc(L->n_rows, sizeof *L->rows);
    L->cols = calloc(L->n_rows, sizeof *L->cols);
    L->cols_storage = calloc(n_points, sizeof *L->cols_storage);
    dossier_status s = DOSSIER_OK;
    if (!m.slots || !m.nodes || !point_node || !indeg || !edge_start || !edges || !heap ||
        !position || !L->rows || !L->cols || !L->cols_storage) {
        s = DOSSIER_ERR_NO_MEMORY;
        goto done;
    }

    /* nodes, in the order first seen */
    size_t k = 0, r = 0;
    for (size_t i = 0; i < p->n_series; i++) {
        const dossier_series *se = p->series[i];
        if (se->n_points <= 1)
            continue;
        L->rows[r] = se;
        L->cols[r] = L->cols_storage + k;
        r++;
        for (size_t q = 0; q < se->n_points; q++)
            point_node[k++] = period_node_of(&m, se->points[q]);
    }

    /* edges: each series orders its periods; count, then fill (CSR by source node) */
    k = 0;
    for (r = 0; r < L->n_rows; r++) {
        for (size_t q = 0; q + 1 < L->rows[r]->n_points; q++)
            edge_start[point_node[k + q] + 1]++;
        k += L->rows[r]->n_points;
    }
    for (size_t i = 0; i < m.n; i++)
        edge_start[i + 1] += edge_start[i];
    size_t *fill = position; /* reused as a cursor before it holds positions */
    memcpy(fill, edge_start, m.n * sizeof *fill);
    k = 0;
    for (r = 0; r < L->n_rows; r++) {
        for (size_t q = 0; q + 1 < L->rows[r]->n_points; q++) {
            size_t from = point_node[k + q], to = point_node[k + q + 1];
            edges[fill[from]++] = to;
            indeg[to]++;
        }
        k += L->rows[r]->n_points;
    }

    /* Kahn's algorithm */
    size_t heap_n = 0, placed = 0;
    for (size_t i = 0; i < m.n; i++)
        if (indeg[i] == 0)
            heap_push(m.nodes, heap, &heap_n, i);
    size_t *order = calloc(m.n ? m.n : 1, sizeof *order);
    if (!order) {
        s = DOSSIER_ERR_NO_MEMORY;
        goto done;
    }
    while (heap_n > 0) {
        size_t v = heap_pop(m.nodes, heap, &heap_n);
        order[placed++] = v;
        for (size_t e = edge_start[v]; e < edge_start[v + 1]; e++)
            if (--indeg[edges[e]] == 0)
                heap_push(m.nodes, heap, &heap_n, edges[e]);
    }
    if (placed < m.n) {
        /* the series disagree on the order (cannot happen with the core's ordering): place the
         * rest in the order first seen */
        x->host->log(x->ctx, DOSSIER_LOG_WARNING,
                     "series order their periods inconsistently; period columns may be unsorted");
        for (size_t i = 0; i < m.n; i++)
            if (indeg[i] > 0)
                order[placed++] = i;
    }
    for (size_t i = 0; i < m.n; i++)
        position[order[i]] = i;

    L->n_periods = m.n;
    L->labels = calloc(m.n, sizeof *L->labels);
    if (!L->labels) {
        free(order);
        s = DOSSIER_ERR_NO_MEMORY;
        goto done;
    }
    for (size_t i = 0; i < m.n; i++) {
        const dossier_indicator *ind = m.nodes[order[i]].first;
        size_t need = x->host->format_period(ind, NULL, 0) + 1;
        L->labels[i] = malloc(need);
        if (!L->labels[i]) {
            s = DOSSIER_ERR_NO_MEMORY;
            break;
        }
        x->host->format_period(ind, L->labels[i], need);
    }
    free(order);
    for (size_t i = 0; i < n_points && s == DOSSIER_OK; i++)
        L->cols_storage[i] = position[point_node[i]];

done:
    free(m.slots);
    free(m.nodes);
    free(point_node);
    free(indeg);
    free(edge_start);
    free(edges);
    free(heap);
    free(position);
    if (s != DOSSIER_OK)
        xw_fail(x, s, "out of memory for the series layout");
    return s;
}

void xw_series_layout_free(xw *x)
{
    xw_series_layout *L = &x->series;
    for (size_t i = 0; L->labels && i < L->n_periods; i++)
        free(L->labels[i]);
    free(L->labels);
    free(L->rows);
    free(L->cols);
    free(L->cols_storage);
    memset(L, 0, sizeof *L);
}

size_t xw_series_row_of(const xw *x, const dossier_series *s)
{
    for (size_t r = 0; s && r < x->series.n_rows; r++)
        if (x->series.rows[r] == s)
            return r;
    return (size_t)-1;
}

/* ---- references, widths ---- */

void xw_cell_ref(const xw *x, int sheet, lxw_row_t row, lxw_col_t col, bool absolute, char *buf,
                 size_t cap)
{
    char cell[32];
    if (absolute)
        lxw_rowcol_to_cell_abs(cell, row, col, 1, 1);
    else
        lxw_rowcol_to_cell(cell, row, col);
    snprintf(buf, cap, "%s!%s", x->sheet_ref[sheet], cell);
}

void xw_lookup(const xw *x, const dossier_indicator *ind, lxw_col_t col, char *buf, size_t cap)
{
    char c0[16], c1[16], k0[16], k1[16];
    lxw_row_t last = (lxw_row_t)(x->p->n_indicators ? x->p->n_indicators : 1);
    lxw_rowcol_to_cell_abs(c0, 1, col, 1, 1);
    lxw_rowcol_to_cell_abs(c1, last, col, 1, 1);
    lxw_rowcol_to_cell_abs(k0, 1, IC_ID, 1, 1);
    lxw_rowcol_to_cell_abs(k1, last, IC_ID, 1, 1);
    snprintf(buf, cap, "INDEX(%s!%s:%s,MATCH(\"%s\",%s!%s:%s,0))", x->sheet_ref[XW_INDICATORS],
             c0, c1, ind->id, x->sheet_ref[XW_INDICATORS], k0, k1);
}

size_t xw_width(const xw *x, const char *s)
{
    return s ? x->host->text_width(s, strlen(s)) : 0;
}

static int count_line(const char *line, size_t len, size_t width, void *user)
{
    (void)line;
    (void)len;
    (void)width;
    (*(size_t *)user)++;
    return 0;
}

size_t xw_lines(xw *x, const char *s, size_t width)
{
    if (!s || !*s)
        return 1;
    size_t n = 0;
    width = width * 9 / 10; /* Excel's CJK glyphs are a little wider than two digits */
    if (width < 4)
        width = 4;
    if (x->host->text_wrap(s, strlen(s), width, 0, count_line, &n) != DOSSIER_OK || n == 0)
        n = xw_width(x, s) / width + 1;
    return n;
}

double xw_row_height(const xw *x, size_t lines, double size)
{
    (void)x;
    double h = (double)lines * size * 1.32 + 4;
    return h > 409 ? 409 : h; /* Excel's largest row height */
}

void xw_widths_note(xw_widths *w, int col, size_t width)
{
    if (col >= 0 && col < 64 && (double)width > w->w[col])
        w->w[col] = (double)width;
}

void xw_widths_apply(xw *x, int sheet, const xw_widths *w, int n, const double *max)
{
    for (int c = 0; c < n && c < 64 && x->status == DOSSIER_OK; c++) {
        double width = w->w[c] + 2;
        if (width < 6)
            width = 6;
        if (max && max[c] > 0 && width > max[c])
            width = max[c];
        xw_ok(x, worksheet_set_column(x->ws[sheet], (lxw_col_t)c, (lxw_col_t)c, width, NULL),
              "cannot set a column width");
    }
}
