/* lay_table.c — a table of the brief (dossier_brief_table): its columns with their labels,
 * alignment and wrapping, one row per figure with the cells as the brief gives them. A cell
 * whose figure has a note carries the note's marker (①) right after its text, set smaller and
 * raised; the figure column keeps room for the markers at its right, so that its numbers
 * still end at one x. The notes themselves are text blocks under the table (lay_content.c).
 *
 * Set as a three-rule table (thick rules above and below, a thin one under the header,
 * hairlines between rows); on every page the table continues on, "续表" and the header row
 * come again, and a table never leaves its header or a single row alone on a page.
 *
 * Column widths come from the content: a column is never narrower than its longest
 * unbreakable piece (a word, a number with its unit, a period such as 2017—2019年: the host's
 * break opportunities) or its cells of up to four characters, nor than its header; the
 * room left is given a little at a time to the column whose widening saves the most lines
 * of the table, never beyond a column's natural width; when all fit, the room to spare goes half to the first column, the rest evenly. A cell never
 * ends with a lone CJK character when breaking one opportunity earlier keeps it whole.
 *
 * Ownership: the table and its arrays are malloc'd and freed by lay_table_free; strings are
 * the brief's or live in the doc's arena.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

#define MARK_SCALE 0.65 /* marker size / cell size */
#define MARK_RISE 0.4   /* marker baseline above the cell's, in cell sizes */
#define EPS_W 0.01
#define CONTINUED "\xE7\xBB\xAD\xE8\xA1\xA8" /* 续表 */

struct lay_table {
    size_t n_cols;
    size_t n_rows;             /* row 0 is the header */
    const char **cells;        /* n_rows × n_cols */
    const char **marks;        /* n_rows × n_cols: a note's marker, or NULL */
    lay_align *align;          /* per column */
    bool *wraps;               /* per column */
    double *col_w;             /* per column */
    double *mark_room;         /* per column: the widest marker and its gap */
    double *min_w;             /* per column: the narrowest it may get */
    const char **row_where;    /* per row, for messages */
    size_t *line_first, *line_n; /* per cell: its lines in d->lines */
    double *row_h;
    double pad_x, pad_y;
    size_t first_item;         /* the 续表 line's item; the header row's is the next */
};

void lay_table_free(lay_table *t)
{
    if (!t)
        return;
    free(t->cells);
    free(t->marks);
    free(t->align);
    free(t->wraps);
    free(t->col_w);
    free(t->mark_room);
    free(t->min_w);
    free(t->row_where);
    free(t->line_first);
    free(t->line_n);
    free(t->row_h);
    free(t);
}

size_t lay_table_header_items(const lay_table *t, size_t *first_item)
{
    *first_item = t->first_item;
    return 2;
}

/* Width of the longest piece of text without a break opportunity inside. */
static double longest_piece(lay_doc *d, const char *text, const lay_textstyle *ts)
{
    size_t len = strlen(text);
    char *brks = len ? malloc(len) : NULL;
    if (!brks || d->host->text_breaks(text, len, brks) != DOSSIER_OK) {
        free(brks);
        return len ? lay_layout_width(d, text, ts) : 0;
    }
    double best = 0, w = 0;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = lay_utf8_decode(text + i, len - i, &cp);
        const lay_glyph_map *g = lay_fonts_glyph(&d->fonts, ts->role, cp);
        if (g && g->face != LAY_NO_FACE && cp != ' ') {
            w += g->width * ts->size / 1000.0 + (n ? ts->tracking : 0);
            n++;
        }
        i += k;
        if (brks[i - 1] || i == len) {
            best = w > best ? w : best;
            w = 0;
            n = 0;
        }
    }
    free(brks);
    return best;
}

static lay_align align_of(dossier_brief_align a)
{
    return a == DOSSIER_ALIGN_RIGHT ? LAY_RIGHT : a == DOSSIER_ALIGN_CENTER ? LAY_CENTER
                                                                            : LAY_LEFT;
}

dossier_status lay_table_build(lay_doc *d, const dossier_brief_table *bt, const char *where,
                               size_t *ref)
{
    lay_table *t = calloc(1, sizeof *t);
    lay_table **slot = t ? LAY_PUSH(d, tables) : NULL;
    if (!slot) {
        free(t);
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    *slot = t;
    *ref = d->n_tables - 1;
    size_t nc = bt->n_columns ? bt->n_columns : 1;
    t->n_cols = bt->n_columns;
    t->n_rows = bt->n_rows + 1;
    t->cells = calloc(t->n_rows * nc, sizeof *t->cells);
    t->marks = calloc(t->n_rows * nc, sizeof *t->marks);
    t->align = calloc(nc, sizeof *t->align);
    t->wraps = calloc(nc, sizeof *t->wraps);
    t->col_w = calloc(nc, sizeof *t->col_w);
    t->mark_room = calloc(nc, sizeof *t->mark_room);
    t->min_w = calloc(nc, sizeof *t->min_w);
    t->row_where = calloc(t->n_rows, sizeof *t->row_where);
    if (!t->cells || !t->marks || !t->align || !t->wraps || !t->col_w || !t->mark_room ||
        !t->min_w || !t->row_where)
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    for (size_t c = 0; c < t->n_cols; c++) {
        t->cells[c] = bt->columns[c]->label;
        t->align[c] = align_of(bt->columns[c]->align);
        t->wraps[c] = bt->columns[c]->wraps != 0;
    }
    t->row_where[0] = lay_arena_printf(&d->arena, "%s (header)", where);
    for (size_t r = 1; r < t->n_rows; r++) {
        const dossier_brief_row *row = bt->rows[r - 1];
        for (size_t c = 0; c < t->n_cols; c++) {
            const dossier_brief_cell *cell = row->cells[c];
            t->cells[r * t->n_cols + c] = cell->text;
            t->marks[r * t->n_cols + c] = cell->note ? cell->note->marker : NULL;
        }
        t->row_where[r] = row->indicator
                              ? lay_arena_printf(&d->arena, "%s: indicator \"%s\"", where,
                                                 row->indicator->id)
                              : where;
        if (!t->row_where[r])
            return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    return t->row_where[0] ? DOSSIER_OK : lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
}

static const lay_textstyle *row_style(const lay_doc *d, size_t r)
{
    return &d->st.ts[r == 0 ? LAY_TS_TABLE_HEAD : LAY_TS_TABLE];
}

static lay_textstyle mark_style(const lay_doc *d)
{
    lay_textstyle ts = d->st.ts[LAY_TS_TABLE];
    ts.size *= MARK_SCALE;
    ts.tracking = 0;
    return ts;
}

dossier_status lay_table_register_text(lay_doc *d, const lay_table *t)
{
    dossier_status s = lay_fonts_use(d, d->st.ts[LAY_TS_TABLE_HEAD].role, CONTINUED,
                                     t->row_where[0]);
    for (size_t r = 0; r < t->n_rows && s == DOSSIER_OK; r++)
        for (size_t c = 0; c < t->n_cols && s == DOSSIER_OK; c++) {
            size_t i = r * t->n_cols + c;
            s = lay_fonts_use(d, row_style(d, r)->role, t->cells[i], t->row_where[r]);
            if (s == DOSSIER_OK && t->marks[i])
                s = lay_fonts_use(d, d->st.ts[LAY_TS_TABLE].role, t->marks[i], t->row_where[r]);
        }
    return s;
}

/* Lines a cell of text width w takes in a column of width col (its room r subtracted): an
 * estimate from the widths alone, as a line breaks near its end. */
static unsigned cell_lines(double w, double col, double room)
{
    double avail = col - room;
    if (w <= avail + EPS_W || avail <= EPS_W)
        return 1;
    return (unsigned)ceil((w - EPS_W) / avail);
}

/* The table's height in lines with these widths: over the rows, the tallest cell. */
static unsigned long table_lines(const lay_table *t, const double *w, const double *room,
                                 const double *cols)
{
    unsigned long total = 0;
    size_t n = t->n_cols;
    for (size_t r = 1; r < t->n_rows; r++) {
        unsigned top = 1;
        for (size_t c = 0; c < n; c++) {
            unsigned l = t->wraps[c] ? cell_lines(w[r * n + c], cols[c], room[c]) : 1;
            top = l > top ? l : top;
        }
        total += top;
    }
    return total;
}

/* Gives `spare` points over the columns (see column_widths); col_w starts at the minimums.
 * False when out of memory (recorded). */
static bool share_by_lines(lay_doc *d, lay_table *t, const double *nat_in, const double *min,
                           double spare)
{
    size_t n = t->n_cols, cells = t->n_rows * n;
    double *w = calloc(cells ? cells : 1, sizeof *w);
    double *room = calloc(n ? n : 1, sizeof *room), *nat = calloc(n ? n : 1, sizeof *nat);
    double *trial = calloc(n ? n : 1, sizeof *trial);
    if (!w || !room || !nat || !trial) {
        free(w);
        free(room);
        free(nat);
        free(trial);
        lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        return false;
    }
    for (size_t c = 0; c < n; c++) {
        nat[c] = nat_in[c];
        room[c] = t->mark_room[c] + 2 * t->pad_x;
        t->col_w[c] = min[c];
    }
    for (size_t r = 1; r < t->n_rows; r++)
        for (size_t c = 0; c < n; c++)
            w[r * n + c] = lay_layout_width(d, t->cells[r * n + c], row_style(d, r));
    /* Steps of about a hundredth of the room (at least a point); a column whose next step
     * saves nothing may still save lines further on, so a step is doubled until one saves or
     * the room is spent. */
    double step = fmax(1.0, spare / 100);
    unsigned long now = table_lines(t, w, room, t->col_w);
    while (spare > EPS_W) {
        double try_step = fmin(step, spare);
        size_t best = n;
        unsigned long best_lines = now;
        for (; best == n && try_step <= spare + EPS_W; try_step *= 2) {
            for (size_t c = 0; c < n; c++) {
                if (!t->wraps[c] || t->col_w[c] >= nat[c] - EPS_W)
                    continue;
                memcpy(trial, t->col_w, n * sizeof *trial);
                trial[c] = fmin(nat[c], trial[c] + fmin(try_step, spare));
                unsigned long l = table_lines(t, w, room, trial);
                if (l < best_lines) {
                    best_lines = l;
                    best = c;
                }
            }
            if (try_step >= spare)
                break;
        }
        if (best == n)
            break; /* no widening saves a line */
        double give = fmin(fmin(try_step, spare), nat[best] - t->col_w[best]);
        t->col_w[best] += give;
        spare -= give;
        now = best_lines;
    }
    /* What is left goes to the columns below their natural widths, first to last, then to the
       first column. */
    for (size_t c = 0; c < n && spare > EPS_W; c++) {
        double give = fmin(spare, fmax(0, nat[c] - t->col_w[c]));
        t->col_w[c] += give;
        spare -= give;
    }
    t->col_w[0] += spare;
    free(w);
    free(room);
    free(nat);
    free(trial);
    return true;
}

/* Column widths within the text block (see the top of the file). */
static void column_widths(lay_doc *d, lay_table *t)
{
    size_t n = t->n_cols;
    double total = d->st.text_w, sum_nat = 0, sum_min = 0;
    lay_textstyle mark = mark_style(d);
    double four = 4 * d->st.ts[LAY_TS_TABLE].size;
    double *nat = t->col_w, *min = t->min_w; /* natural widths first, replaced below */
    for (size_t c = 0; c < n; c++) {
        for (size_t r = 0; r < t->n_rows; r++) {
            size_t i = r * n + c;
            if (t->marks[i])
                t->mark_room[c] = fmax(t->mark_room[c], lay_layout_width(d, t->marks[i], &mark) +
                                                             mark.size * 0.1);
        }
        nat[c] = 0;
        min[c] = 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            const char *cell = t->cells[r * n + c];
            double room = (r ? t->mark_room[c] : 0) + 2 * t->pad_x;
            double w = lay_layout_width(d, cell, row_style(d, r));
            nat[c] = fmax(nat[c], w + room);
            /* The header is never broken; a cell not below its longest piece, nor below
             * four characters (a cell of up to four, 海淀区, never wraps). */
            double least = r == 0 || !t->wraps[c]
                               ? w
                               : fmax(longest_piece(d, cell, row_style(d, r)), fmin(w, four));
            min[c] = fmax(min[c], least + room);
        }
        sum_nat += nat[c];
        sum_min += min[c];
    }
    if (sum_nat <= total) {
        /* Spare room: half to the first column, the rest spread evenly. */
        double spare = total - sum_nat;
        for (size_t c = 0; c < n; c++)
            t->col_w[c] = nat[c] + spare / 2 / (double)n + (c == 0 ? spare / 2 : 0);
    } else if (sum_min <= total) {
        /* Each column at its minimum, then the room left, a little at a time, to the column
         * whose widening saves the most lines of the table (the sum over rows of each row's
         * tallest cell): the table is as short as the room allows, so a period such as
         * 2017—2019年年均 is not broken over three lines while a long name column has room to
         * spare. A column never gets beyond its natural width. */
        if (!share_by_lines(d, t, nat, min, total - sum_min))
            return;
    } else {
        /* Too narrow even for the longest pieces: the columns that do not wrap keep their
         * natural widths (a figure is never broken), the wrapping columns share the rest in
         * proportion to their minimums (a piece then breaks between characters). */
        double fixed = 0, wrap = 0;
        for (size_t c = 0; c < n; c++) {
            if (t->wraps[c])
                wrap += min[c];
            else
                fixed += nat[c];
        }
        double one = d->st.ts[LAY_TS_TABLE].size + 2 * t->pad_x;
        bool keep = wrap > 0 && total - fixed >= one * (double)n;
        for (size_t c = 0; c < n; c++) {
            if (!keep)
                t->col_w[c] = min[c] * total / sum_min;
            else if (t->wraps[c])
                t->col_w[c] = min[c] * (total - fixed) / wrap;
        }
    }
}

dossier_status lay_table_layout(lay_doc *d, lay_table *t, size_t ref)
{
    const lay_textstyle *body = &d->st.ts[LAY_TS_TABLE];
    t->pad_x = body->size * 0.4;
    t->pad_y = body->size * 0.3;
    column_widths(d, t);
    if (d->status != DOSSIER_OK)
        return d->status;
    size_t cells = t->n_rows * t->n_cols;
    t->line_first = calloc(cells ? cells : 1, sizeof *t->line_first);
    t->line_n = calloc(cells ? cells : 1, sizeof *t->line_n);
    t->row_h = calloc(t->n_rows, sizeof *t->row_h);
    if (!t->line_first || !t->line_n || !t->row_h)
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    /* "续表" above the header on every page the table continues on: an item the paginator
     * places only there (repeat_only). */
    lay_textstyle cont = d->st.ts[LAY_TS_TABLE_HEAD];
    cont.align = LAY_LEFT;
    size_t cf, cn;
    dossier_status cs = lay_layout_text(d, CONTINUED, &cont, d->st.text_w, 0,
                                        &cf, &cn);
    lay_item *ci = cs == DOSSIER_OK && cn == 1
                       ? lay_layout_push_item(d, LAY_IT_LINE, d->lines[cf].height, cf)
                       : NULL;
    if (!ci)
        return cs != DOSSIER_OK ? cs : lay_fail(d, DOSSIER_ERR_INTERNAL, "续表 not set");
    ci->repeat_only = true;
    ci->keep_next = true;
    t->first_item = d->n_items - 1;
    for (size_t r = 0; r < t->n_rows; r++) {
        double lines_h = 0;
        for (size_t c = 0; c < t->n_cols; c++) {
            lay_textstyle ts = *row_style(d, r);
            ts.align = r == 0 ? LAY_CENTER : t->align[c];
            ts.no_lone = true;
            size_t i = r * t->n_cols + c;
            double room = r == 0 ? 0 : t->mark_room[c];
            dossier_status s = lay_layout_text(d, t->cells[i], &ts,
                                               t->col_w[c] - 2 * t->pad_x - room, 0,
                                               &t->line_first[i], &t->line_n[i]);
            if (s != DOSSIER_OK)
                return s;
            lines_h = fmax(lines_h, (double)t->line_n[i] * ts.leading);
        }
        t->row_h[r] = fmax(lines_h, body->leading) + 2 * t->pad_y;
        lay_item *it = lay_layout_push_item(d, LAY_IT_ROW, t->row_h[r], ref);
        if (!it)
            return d->status;
        it->row = r;
        it->header = r == 0;
        /* The header holds the first two rows; the last two rows stay together. */
        it->keep_next = r == 0 || (r == 1 && t->n_rows > 2) || (r + 2 == t->n_rows && r > 0);
    }
    return DOSSIER_OK;
}

static void hline(lay_dl *dl, double x0, double x1, double y, double width, double gray)
{
    lay_dl_line_width(dl, width);
    lay_dl_stroke_gray(dl, gray);
    lay_dl_move(dl, x0, y);
    lay_dl_line(dl, x1, y);
    lay_dl_stroke(dl);
}

void lay_table_draw_row(lay_doc *d, lay_dl *dl, const lay_table *t, size_t row, double x,
                        double top, bool first_on_page, bool last_on_page)
{
    double w = 0;
    for (size_t c = 0; c < t->n_cols; c++)
        w += t->col_w[c];
    double bottom = top - t->row_h[row];
    if (first_on_page)
        hline(dl, x, x + w, top, 1.0, 0);
    if (row == 0)
        hline(dl, x, x + w, bottom, 0.5, 0);
    else if (last_on_page)
        hline(dl, x, x + w, bottom, 1.0, 0);
    else
        hline(dl, x, x + w, bottom, 0.25, 0.6);
    lay_dl_stroke_gray(dl, 0);
    lay_textstyle mark = mark_style(d);
    double cx = x;
    for (size_t c = 0; c < t->n_cols; c++) {
        size_t i = row * t->n_cols + c;
        size_t n = t->line_n[i];
        double lines_h = 0;
        for (size_t k = 0; k < n; k++)
            lines_h += d->lines[t->line_first[i] + k].height;
        double y = top - t->pad_y - (t->row_h[row] - 2 * t->pad_y - lines_h) / 2;
        for (size_t k = 0; k < n; k++) {
            const lay_line *ln = &d->lines[t->line_first[i] + k];
            lay_draw_line(d, dl, ln, cx + t->pad_x, y);
            if (k + 1 == n && t->marks[i])
                lay_draw_string(d, dl, t->marks[i], &mark,
                                  cx + t->pad_x + ln->x + ln->width + mark.size * 0.1,
                                  y - ln->baseline + ln->size * MARK_RISE, LAY_LEFT);
            y -= ln->height;
        }
        cx += t->col_w[c];
    }
}
