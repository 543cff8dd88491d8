/* xlsx.h — private to the XLSX plugin: the export context shared by the sheet writers, the
 * format cache and figure conversion (xlsx_formats.c), layout helpers (xlsx_layout.c: the
 * indicator row index, the period columns of the series sheet, sheet references), print setup
 * (xlsx_print.c), and one writer per sheet (xlsx_sheet_*.c). Depends only on the public plugin
 * header and libxlsxwriter.
 *
 * Ownership: the context owns the libxlsxwriter workbook until xlsx_plugin.c closes or frees
 * it, the format cache, the index and the layout; everything else (profile, configuration
 * strings) is borrowed from the host for the duration of one export call. Errors are values:
 * the first failure is recorded in `status` (with set_error) and later writers do nothing.
 */
#ifndef DOSSIER_XLSX_H
#define DOSSIER_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include <xlsxwriter.h>

#include "dossier/plugin.h"

#define XLSX_PLUGIN_VERSION "1.0.0"

/* The six sheets, in workbook order. */
enum { XW_OVERVIEW, XW_INDICATORS, XW_TABLE, XW_SERIES, XW_CHARTS, XW_TEXT, XW_N_SHEETS };

/* Columns of the indicators sheet (row 0 is the header, indicator i is on row i + 1). */
enum {
    IC_ID, IC_NAME, IC_SCOPE, IC_PERIOD, IC_YEAR, IC_QUALIFIER, IC_VALUE, IC_UNIT,
    IC_BASE_VALUE, IC_BASE_UNIT, IC_BASE_IND, IC_RELATION, IC_SERIES, IC_SOURCE, IC_SECTION,
    IC_NOTE, IC_NAME_EN, IC_N
};

/* Columns of the series sheet before the period columns. */
enum { SC_KEY, SC_NAME, SC_SCOPE, SC_UNIT, SC_FIRST_PERIOD };

/* Cell styles; combined with a number format they key the format cache. */
typedef enum xw_style {
    XS_CELL,     /* data cell, top-aligned */
    XS_WRAP,     /* data cell with wrapped text */
    XS_HEADER,   /* table header: bold, shaded, wrapped */
    XS_TITLE,    /* sheet title */
    XS_SUBTITLE, /* line under a title, grey */
    XS_H1,       /* headings of the text sheet, by level */
    XS_H2,
    XS_H3,
    XS_PARA,     /* paragraph: wrapped, top-aligned */
    XS_LABEL,    /* bold label of the overview */
    XS_NOTE,     /* explanatory note: grey, wrapped */
    XS_SECTION,  /* block heading of the overview: bold, bottom border */
    XS_N
} xw_style;

typedef struct xw_format_entry {
    xw_style style;
    char *num_format; /* owned; NULL for none */
    lxw_format *format;
} xw_format_entry;

/* A figure as cells: the stated value and its value in the base unit, with number formats
 * that show the source's precision, the unit and the qualifier. */
typedef struct xw_figure {
    double value;          /* as stated, in ind->unit */
    char value_format[200];
    size_t value_width;    /* display width of the formatted value */
    bool has_base;         /* the unit is known to the host */
    bool fraction;         /* the base unit is a fraction (%): shown with a % format */
    double base;
    char base_format[200];
    size_t base_width;
    const char *base_unit; /* host-owned; "" for a fraction */
    bool text_only;        /* no single number (a ratio, 21.8:17.4:60.8): write `text` */
    char text[256];        /* the figure as format_figure prints it */
    bool natural_value;    /* the natural cell is the stated value even for a fraction (‰,
                              个千分点: Excel has no ‰ format) */
    char full_format[200]; /* the stated value with its unit: "0.00‰" */
    size_t full_width;
} xw_figure;

/* Which cell of the indicators sheet holds the figure one computes with: the base-unit value
 * for fractions (a real percentage), the stated value otherwise. */
typedef struct xw_natural {
    int col;
    double value;
    const char *format; /* the format string of that cell */
} xw_natural;

/* The series sheet's period columns: the union of the periods of every series stated for more
 * than one period, ordered consistently with each series. */
typedef struct xw_series_layout {
    size_t n_periods;
    char **labels;                   /* owned: display label of each period column */
    size_t n_rows;                   /* series with more than one point, in profile order */
    const dossier_series **rows;     /* owned array of borrowed series */
    size_t **cols;                   /* owned: cols[r][k] = period column of point k of row r */
    size_t *cols_storage;            /* owned backing store of cols */
} xw_series_layout;

typedef struct xw {
    const dossier_host *host;
    dossier_host_ctx *ctx;
    const dossier_profile *p;
    const dossier_brief *brief; /* the labels and title block the other formats print; NULL
                                   from a host older than ABI 1.1 */
    lxw_workbook *wb;
    lxw_worksheet *ws[XW_N_SHEETS];
    const char *sheet_name[XW_N_SHEETS];
    char sheet_ref[XW_N_SHEETS][128]; /* quoted for formulas: 'name' */

    /* options */
    bool constant_memory;
    const char *font;
    double font_size;
    size_t text_width;
    uint8_t paper;
    bool landscape;

    /* creation time: the brief's timestamp (SOURCE_DATE_EPOCH or the as-of date, 00:00 UTC) */
    long long created;
    bool created_from_env;

    /* format cache (open addressing) */
    xw_format_entry *formats;
    size_t formats_cap, formats_len;

    /* indicator pointer → index in profile order (open addressing) */
    const dossier_indicator **index_keys;
    size_t *index_vals;
    size_t index_cap;

    xw_series_layout series;

    dossier_status status;
} xw;

/* A label of the brief (dossier_brief_labels `field`), or `fallback` without a brief. */
#define XW_LABEL(x, field, fallback)                                                          \
    ((x)->brief && (x)->brief->labels && (x)->brief->labels->field ? (x)->brief->labels->field \
                                                                   : (fallback))

/* ---- xlsx_formats.c ---- */

/* The cached format for a style and an optional number format; NULL (and status set) when out
 * of memory. Formats live until the workbook is closed or freed. */
lxw_format *xw_format(xw *x, xw_style style, const char *num_format);
void xw_formats_free(xw *x);
/* Computes the cells of an indicator's figure. */
void xw_figure_make(xw *x, const dossier_indicator *ind, xw_figure *f);
/* The natural cell of a figure (see xw_natural); `f` must outlive the result. */
xw_natural xw_figure_natural(const xw_figure *f);
/* The year of a period, for pivoting: 2019 for "2019", "2020H1", "2020-05-31"; the end year of
 * a range ("2017..2019" → 2019); false for "undated". */
bool xw_period_year(const char *period, int *year);
/* Number format for `decimals` digits: "#,##0.0"; with `percent`, "#,##0.0%". */
void xw_number_format(char *buf, size_t cap, int decimals, bool percent);
/* Appends `text` as a quoted literal of a number format. */
void xw_format_literal(char *buf, size_t cap, const char *text);
/* The number as the format shows it (thousands separated, `decimals` digits); returns the
 * display width. */
size_t xw_number_text(double v, int decimals, bool percent, char *buf, size_t cap);

/* ---- xlsx_layout.c ---- */

/* Indicator index: built once, then row of an indicator on the indicators sheet. */
dossier_status xw_index_build(xw *x);
/* Row (1-based data rows; 0 is the header) of `ind`, or 0 when it is not in the profile. */
size_t xw_index_row(const xw *x, const dossier_indicator *ind);
void xw_index_free(xw *x);
/* The series sheet layout (period columns, one row per series with more than one point). */
dossier_status xw_series_layout_build(xw *x);
void xw_series_layout_free(xw *x);
/* Row index (0-based among the series rows) of `s`, or (size_t)-1 when it is not a row. */
size_t xw_series_row_of(const xw *x, const dossier_series *s);
/* "'sheet'!F12": a reference to a cell of sheet `sheet` (absolute with `absolute`). */
void xw_cell_ref(const xw *x, int sheet, lxw_row_t row, lxw_col_t col, bool absolute, char *buf,
                 size_t cap);
/* "INDEX('指标'!$F$2:$F$88,MATCH("gdp_2019",'指标'!$A$2:$A$88,0))": the cell of column `col`
 * of the indicator's row, found by its id, so that sorting or filtering 指标 never changes
 * what another sheet shows. */
void xw_lookup(const xw *x, const dossier_indicator *ind, lxw_col_t col, char *buf, size_t cap);
/* Display width of UTF-8 text (a Chinese character counts two). */
size_t xw_width(const xw *x, const char *s);
/* Number of lines `s` takes when wrapped to `width` columns (at least 1). */
size_t xw_lines(xw *x, const char *s, size_t width);
/* Row height in points for `lines` lines of text in a font of `size` points. */
double xw_row_height(const xw *x, size_t lines, double size);

/* Column widths measured while rows are written, applied at the end. */
typedef struct xw_widths {
    double w[64];
} xw_widths;
void xw_widths_note(xw_widths *w, int col, size_t width);
/* Sets columns [0, n) to their measured width + padding, within [min, max[col]]. */
void xw_widths_apply(xw *x, int sheet, const xw_widths *w, int n, const double *max);

/* Records a libxlsxwriter error (the first one wins); returns false on error. */
bool xw_ok(xw *x, lxw_error err, const char *what);
/* Sets status and the host error message. */
void xw_fail(xw *x, dossier_status s, const char *fmt, ...) DOSSIER_PRINTF(3, 4);

/* Cell writers that record failures; strings are written as text, numbers as numbers. */
void xw_str(xw *x, int sheet, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f);
void xw_num(xw *x, int sheet, lxw_row_t row, lxw_col_t col, double v, lxw_format *f);
void xw_formula(xw *x, int sheet, lxw_row_t row, lxw_col_t col, const char *formula,
                lxw_format *f, double cached);

/* ---- xlsx_print.c ---- */

/* The smallest font size a printed sheet shows, in points (xw_print_setup_wide's target). */
#define XW_PRINT_PT 9.0

/* Landscape/paper, fit to one page wide, header rows repeated (repeat_last < 0: none), header
 * and footer with the district, the sheet name and the page number. */
void xw_print_setup(xw *x, int sheet, int repeat_last);
/* The same for a sheet too wide for one page: printed at xw_print_scale (the cells at
 * XW_PRINT_PT; the smallest font_size, 8, unscaled), as many pages wide as the columns need,
 * across then down, with the header rows and columns [0, repeat_cols_last] on every page. */
void xw_print_setup_wide(xw *x, int sheet, int repeat_last, int repeat_cols_last);
/* The print scale in percent: font_size × scale ≈ XW_PRINT_PT (at most 100). */
int xw_print_scale(const xw *x);

/* ---- xlsx_sheet_*.c ---- */
void xw_sheet_overview(xw *x);
void xw_sheet_indicators(xw *x);
void xw_sheet_table(xw *x);
void xw_sheet_series(xw *x);
void xw_sheet_charts(xw *x);
void xw_sheet_text(xw *x);

#endif
