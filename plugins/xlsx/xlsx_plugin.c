/* xlsx_plugin.c — the XLSX export plugin: its descriptor and options, and the export call that
 * creates the workbook (libxlsxwriter), sets the document properties, has each sheet written
 * (xlsx_sheet_*.c), defines the names of the main ranges, and closes the workbook.
 *
 * The same profile and configuration give a byte-identical file: the creation date is the
 * brief's timestamp (the profile's as-of date, or SOURCE_DATE_EPOCH), libxlsxwriter stamps every zip entry with a
 * fixed date, and nothing else depends on the clock, the host or the working directory.
 *
 * Ownership: the workbook and everything in the context are created and freed within one
 * export call; libxlsxwriter's workbook_close frees the workbook, lxw_workbook_free discards it
 * after a failure without writing anything.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier/plugin_util.h"
#include "xlsx.h"

static const dossier_option xlsx_options[] = {
    {"sheet_overview", DOSSIER_OPT_STRING, "概览", "name of the overview sheet", 0, 0, NULL},
    {"sheet_indicators", DOSSIER_OPT_STRING, "指标", "name of the indicators sheet", 0, 0, NULL},
    {"sheet_table", DOSSIER_OPT_STRING, "统计表",
     "name of the statistics table sheet (指标 | 单位 | 数值 | 同比增长%, growth rates on their "
     "figure's row)",
     0, 0, NULL},
    {"sheet_series", DOSSIER_OPT_STRING, "时间序列", "name of the time-series sheet", 0, 0,
     NULL},
    {"sheet_charts", DOSSIER_OPT_STRING, "图表", "name of the charts sheet", 0, 0, NULL},
    {"sheet_text", DOSSIER_OPT_STRING, "正文", "name of the narrative sheet", 0, 0, NULL},
    {"author", DOSSIER_OPT_STRING, "dossier", "workbook property: author", 0, 0, NULL},
    {"company", DOSSIER_OPT_STRING, "dossier", "workbook property: company", 0, 0, NULL},
    {"subject", DOSSIER_OPT_STRING, "",
     "workbook property: subject (empty: \"<district>指标、时间序列与图表\")", 0, 0, NULL},
    {"keywords", DOSSIER_OPT_STRING, "",
     "workbook property: keywords (empty: the district's names and the sheet contents)", 0, 0,
     NULL},
    {"font", DOSSIER_OPT_STRING, "等线",
     "font of cells and charts (等线 is Excel's default for Chinese; readers substitute a "
     "font they have)",
     0, 0, NULL},
    {"font_size", DOSSIER_OPT_NUMBER, "11", "font size in points", 8, 20, NULL},
    {"text_width", DOSSIER_OPT_INT, "100",
     "width of the narrative column in character widths (a Chinese character is two)", 40, 250,
     NULL},
    {"paper", DOSSIER_OPT_CHOICE, "a4", "paper size for printing", 0, 0, "a4|a3|letter"},
    {"orientation", DOSSIER_OPT_CHOICE, "landscape", "page orientation for printing", 0, 0,
     "landscape|portrait"},
    {"constant_memory", DOSSIER_OPT_BOOL, "false",
     "stream rows to temporary files for very large profiles (the indicators get an autofilter "
     "instead of an Excel table)",
     0, 0, NULL},
    {"constant_memory_above", DOSSIER_OPT_INT, "20000",
     "stream the rows as constant_memory does when the profile has more indicators than this "
     "(libxlsxwriter otherwise holds every cell: about 2 KB per indicator); 0: only with "
     "constant_memory",
     0, 1048575, NULL},
    {"tmpdir", DOSSIER_OPT_STRING, "",
     "directory for libxlsxwriter's temporary files (empty: the system's)", 0, 0, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

static const char *const sheet_keys[XW_N_SHEETS] = {
    "sheet_overview", "sheet_indicators", "sheet_table", "sheet_series", "sheet_charts", "sheet_text",
};

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The brief's timestamp: the core reads SOURCE_DATE_EPOCH (one parser, refusing what no format
 * can store) or takes the profile's as-of date, so that every format stores the same time.
 * Without a brief (a 1.0 host), the as-of date at 00:00 UTC. */
static void creation_time(xw *x)
{
    if (x->brief) {
        x->created = x->brief->timestamp;
        x->created_from_env = DOSSIER_HAS_FIELD(x->brief, dossier_brief, timestamp_from_env) &&
                              x->brief->timestamp_from_env;
        return;
    }
    int y = 1970, m = 1, d = 1;
    if (sscanf(x->p->as_of, "%4d-%2d-%2d", &y, &m, &d) != 3)
        y = 1970, m = 1, d = 1;
    x->created = days_from_civil(y, m, d) * 86400LL;
}

static bool read_options(xw *x)
{
    for (int i = 0; i < XW_N_SHEETS; i++) {
        const char *name = x->host->config_string(x->ctx, sheet_keys[i]);
        if (!name || !*name) {
            xw_fail(x, DOSSIER_ERR_CONFIG, "[xlsx] %s is empty; a sheet needs a name",
                    sheet_keys[i]);
            return false;
        }
        for (int k = 0; k < i; k++)
            if (strcasecmp(name, x->sheet_name[k]) == 0) {
                xw_fail(x, DOSSIER_ERR_CONFIG, "[xlsx] %s and %s are both \"%s\"",
                        sheet_keys[k], sheet_keys[i], name);
                return false;
            }
        x->sheet_name[i] = name;
        size_t n = 0;
        x->sheet_ref[i][n++] = '\'';
        for (const char *c = name; *c && n + 3 < sizeof x->sheet_ref[i]; c++) {
            if (*c == '\'')
                x->sheet_ref[i][n++] = '\'';
            x->sheet_ref[i][n++] = *c;
        }
        x->sheet_ref[i][n++] = '\'';
        x->sheet_ref[i][n] = '\0';
    }
    x->constant_memory = x->host->config_bool(x->ctx, "constant_memory");
    long above = x->host->config_int(x->ctx, "constant_memory_above");
    if (!x->constant_memory && above > 0 && x->p->n_indicators > (size_t)above) {
        x->constant_memory = true;
        x->host->log(x->ctx, DOSSIER_LOG_INFO,
                     "%zu indicators, more than constant_memory_above = %ld: rows streamed "
                     "(constant_memory), the indicators get an autofilter instead of an Excel "
                     "table", x->p->n_indicators, above);
    }
    x->font = x->host->config_string(x->ctx, "font");
    if (!x->font || !*x->font)
        x->font = "等线";
    x->font_size = x->host->config_number(x->ctx, "font_size");
    x->text_width = (size_t)x->host->config_int(x->ctx, "text_width");
    const char *paper = x->host->config_string(x->ctx, "paper");
    x->paper = strcmp(paper, "a3") == 0 ? 8 : strcmp(paper, "letter") == 0 ? 1 : 9;
    x->landscape = strcmp(x->host->config_string(x->ctx, "orientation"), "portrait") != 0;
    const char *tmpdir = x->host->config_string(x->ctx, "tmpdir");
    if (tmpdir && *tmpdir) {
        struct stat st;
        errno = 0;
        if (stat(tmpdir, &st) != 0 || !S_ISDIR(st.st_mode) || access(tmpdir, W_OK | X_OK) != 0) {
            xw_fail(x, DOSSIER_ERR_CONFIG, "[xlsx] tmpdir = \"%s\": %s", tmpdir,
                    errno ? strerror(errno) : "not a directory");
            return false;
        }
    }
    return true;
}

static bool add_sheets(xw *x)
{
    for (int i = 0; i < XW_N_SHEETS; i++) {
        lxw_error e = workbook_validate_sheet_name(x->wb, x->sheet_name[i]);
        if (e != LXW_NO_ERROR) {
            xw_fail(x, DOSSIER_ERR_CONFIG, "[xlsx] %s = \"%s\": %s", sheet_keys[i],
                    x->sheet_name[i], lxw_strerror(e));
            return false;
        }
        x->ws[i] = workbook_add_worksheet(x->wb, x->sheet_name[i]);
        if (!x->ws[i]) {
            xw_fail(x, DOSSIER_ERR_LIBRARY,
                    "cannot create the worksheet \"%s\" (out of memory, or no temporary file "
                    "in [xlsx] tmpdir)",
                    x->sheet_name[i]);
            return false;
        }
    }
    return true;
}

static void properties(xw *x)
{
    const dossier_profile *p = x->p;
    char title[1024], subject[1024], keywords[1024], comments[1024];
    if (x->brief && x->brief->title)
        snprintf(title, sizeof title, "%s", x->brief->title);
    else
        snprintf(title, sizeof title, "%s%s%s", p->name_zh, p->subtitle ? "：" : "",
                 p->subtitle ? p->subtitle : "");
    const char *opt = x->host->config_string(x->ctx, "subject");
    if (opt && *opt)
        snprintf(subject, sizeof subject, "%s", opt);
    else
        snprintf(subject, sizeof subject, "%s指标、时间序列与图表", p->name_zh);
    opt = x->host->config_string(x->ctx, "keywords");
    if (opt && *opt)
        snprintf(keywords, sizeof keywords, "%s", opt);
    else
        snprintf(keywords, sizeof keywords, "%s%s%s%s%s, 指标, 时间序列, 图表", p->name_zh,
                 p->name_en ? ", " : "", p->name_en ? p->name_en : "",
                 p->parent_zh ? ", " : "", p->parent_zh ? p->parent_zh : "");
    const char *slash = strrchr(p->path, '/');
    snprintf(comments, sizeof comments, "由 dossier %s 从 %s 生成；%s %s", x->host->version,
             slash ? slash + 1 : p->path, XW_LABEL(x, as_of, "资料截至"), p->as_of);
    lxw_doc_properties props = {
        .title = title,
        .subject = subject,
        .author = (char *)x->host->config_string(x->ctx, "author"),
        .company = (char *)x->host->config_string(x->ctx, "company"),
        .keywords = keywords,
        .comments = comments,
        .category = "区情资料",
        .created = (time_t)x->created,
    };
    xw_ok(x, workbook_set_properties(x->wb, &props), "cannot set the workbook properties");
}

/* Adds a defined name (a workbook-wide name for a range). */
static void define(xw *x, const char *name, const char *formula)
{
    if (x->status == DOSSIER_OK)
        xw_ok(x, workbook_define_name(x->wb, name, formula), "cannot define a name");
}

#define MAX_SERIES_NAMES 1000

static void defined_names(xw *x)
{
    char a[32], b[32], formula[512];
    lxw_rowcol_to_cell_abs(b, (lxw_row_t)x->p->n_indicators, IC_N - 1, 1, 1);
    snprintf(formula, sizeof formula, "=%s!$A$1:%s", x->sheet_ref[XW_INDICATORS], b);
    define(x, "IndicatorTable", formula);

    const xw_series_layout *L = &x->series;
    if (L->n_rows == 0)
        return;
    lxw_rowcol_to_cell_abs(b, (lxw_row_t)L->n_rows, (lxw_col_t)(SC_FIRST_PERIOD + L->n_periods + 1),
                           1, 1);
    snprintf(formula, sizeof formula, "=%s!$A$1:%s", x->sheet_ref[XW_SERIES], b);
    define(x, "SeriesTable", formula);

    /* one name per series row: Series_<key>, the key reduced to letters, digits, _ and . */
    size_t n = L->n_rows < MAX_SERIES_NAMES ? L->n_rows : MAX_SERIES_NAMES;
    if (n < L->n_rows)
        x->host->log(x->ctx, DOSSIER_LOG_INFO, "defined names for the first %d of %zu series",
                     MAX_SERIES_NAMES, L->n_rows);
    char(*used)[128] = calloc(n ? n : 1, sizeof *used);
    if (!used) {
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for defined names");
        return;
    }
    for (size_t r = 0; r < n && x->status == DOSSIER_OK; r++) {
        const dossier_series *s = L->rows[r];
        char name[128];
        size_t k = (size_t)snprintf(name, sizeof name, "Series_");
        for (const char *c = s->key; *c && k + 1 < 100; c++)
            name[k++] = isalnum((unsigned char)*c) || *c == '_' || *c == '.' ? *c : '_';
        name[k] = '\0';
        for (int suffix = 2;; suffix++) {
            bool clash = false;
            for (size_t u = 0; u < r && !clash; u++)
                clash = strcasecmp(used[u], name) == 0;
            if (!clash)
                break;
            snprintf(name + k, sizeof name - k, "_%d", suffix);
        }
        snprintf(used[r], sizeof used[r], "%s", name);
        lxw_rowcol_to_cell_abs(a, (lxw_row_t)(r + 1),
                               (lxw_col_t)(SC_FIRST_PERIOD + L->cols[r][0]), 1, 1);
        lxw_rowcol_to_cell_abs(b, (lxw_row_t)(r + 1),
                               (lxw_col_t)(SC_FIRST_PERIOD + L->cols[r][s->n_points - 1]), 1, 1);
        snprintf(formula, sizeof formula, "=%s!%s:%s", x->sheet_ref[XW_SERIES], a, b);
        define(x, name, formula);
    }
    free(used);
}

static void context_free(xw *x)
{
    xw_formats_free(x);
    xw_index_free(x);
    xw_series_layout_free(x);
}

static dossier_status xlsx_export(const dossier_export_args *a)
{
    xw x = {.host = a->host, .ctx = a->ctx, .p = a->profile, .brief = dossier_args_brief(a),
            .status = DOSSIER_OK};
    if (!DOSSIER_HOST_HAS(a->host, unit_base)) {
        a->host->set_error(a->ctx, "the host is too old: the xlsx plugin needs unit_base");
        return DOSSIER_ERR_UNSUPPORTED;
    }
    if (!read_options(&x))
        return x.status;
    if (x.p->n_indicators + 1 > LXW_ROW_MAX) {
        a->host->set_error(a->ctx,
                           "the profile has %zu indicators; a worksheet holds at most %d rows",
                           x.p->n_indicators, LXW_ROW_MAX - 1);
        return DOSSIER_ERR_DATA;
    }
    creation_time(&x);

    const char *tmpdir = a->host->config_string(a->ctx, "tmpdir");
    lxw_workbook_options wo = {
        .constant_memory = x.constant_memory ? LXW_TRUE : LXW_FALSE,
        .tmpdir = tmpdir && *tmpdir ? (char *)tmpdir : NULL,
        .use_zip64 = LXW_FALSE,
    };
    x.wb = workbook_new_opt(a->output_path, &wo);
    if (!x.wb) {
        a->host->set_error(a->ctx, "cannot create the workbook (out of memory)");
        return DOSSIER_ERR_NO_MEMORY;
    }
    if (add_sheets(&x)) {
        properties(&x);
        if (xw_index_build(&x) == DOSSIER_OK)
            xw_series_layout_build(&x);
        xw_sheet_overview(&x);
        xw_sheet_indicators(&x);
        xw_sheet_table(&x);
        xw_sheet_series(&x);
        xw_sheet_charts(&x);
        xw_sheet_text(&x);
        defined_names(&x);
    }
    if (x.status != DOSSIER_OK) {
        lxw_workbook_free(x.wb); /* nothing is written; the host removes its temporary file */
        context_free(&x);
        return x.status;
    }
    /* libxlsxwriter prints "[ERROR] packager.c …" lines to stderr itself, which would reach
       the user even with -q: catch them and hand them to the host's log (shown with -v); the
       failure is reported once, with set_error, below. */
    FILE *caught = tmpfile();
    int saved_stderr = caught ? dup(STDERR_FILENO) : -1;
    fflush(stderr);
    if (saved_stderr >= 0)
        dup2(fileno(caught), STDERR_FILENO);
    errno = 0;
    lxw_error e = workbook_close(x.wb);
    int saved = errno;
    if (saved_stderr >= 0) {
        fflush(stderr);
        dup2(saved_stderr, STDERR_FILENO);
        close(saved_stderr);
        rewind(caught);
        char line[512];
        while (fgets(line, sizeof line, caught)) {
            line[strcspn(line, "\n")] = '\0';
            if (*line)
                a->host->log(a->ctx, DOSSIER_LOG_DEBUG, "libxlsxwriter: %s", line);
        }
    }
    if (caught)
        fclose(caught);
    context_free(&x);
    if (e != LXW_NO_ERROR) {
        /* the file could not be written (disk full, file size limit …): an output error */
        bool io = saved != 0 && (e == LXW_ERROR_CREATING_XLSX_FILE ||
                                 e == LXW_ERROR_CREATING_TMPFILE ||
                                 e == LXW_ERROR_ZIP_FILE_OPERATION || e == LXW_ERROR_ZIP_CLOSE);
        if (io)
            a->host->set_error(a->ctx, "cannot write the workbook: %s (%s)", lxw_strerror(e),
                               strerror(saved));
        else
            a->host->set_error(a->ctx, "cannot write the workbook: %s", lxw_strerror(e));
        return io ? DOSSIER_ERR_IO : DOSSIER_ERR_LIBRARY;
    }
    return DOSSIER_OK;
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "xlsx",
    .version = XLSX_PLUGIN_VERSION,
    .description = "Excel workbook: overview, indicators, statistics table, time series, charts and text",
    .extension = "xlsx",
    .mime_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    .options = xlsx_options,
    .export_profile = xlsx_export,
};
