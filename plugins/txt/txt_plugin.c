/* txt_plugin.c — the plain-text summary: title block, key-figures table, the narrative
 * wrapped to a width, the sources. For a terminal or a mail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dossier/plugin_util.h"
#include "txt.h"

static const dossier_option txt_options[] = {
    {"width", DOSSIER_OPT_INT, "80", "line width in columns (a Chinese character is two)", 20,
     1000, NULL},
    {"indent", DOSSIER_OPT_INT, "2", "first-line indent of paragraphs, in Chinese characters",
     0, 8, NULL},
    {"line_ending", DOSSIER_OPT_CHOICE, "lf", "line ending", 0, 0, "lf|crlf"},
    {"encoding", DOSSIER_OPT_CHOICE, "utf-8",
     "output encoding (gb18030 for older Chinese systems; gbk fails on characters it lacks)", 0,
     0, "utf-8|gb18030|gbk"},
    {"table", DOSSIER_OPT_CHOICE, "key",
     "indicators in the figures table: the profile's key figures, all, or none", 0, 0,
     "key|all|none"},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

typedef struct txt_doc {
    txt_writer w;
    const dossier_host *host;
    dossier_host_ctx *ctx;
    const dossier_profile *p;
    size_t indent_chars;
    dossier_status status;
} txt_doc;

static void wrapped(txt_doc *d, const char *text, const char *prefix, size_t prefix_width)
{
    if (d->status != DOSSIER_OK)
        return;
    dossier_status s = tw_wrapped(&d->w, text, prefix, prefix_width);
    if (s != DOSSIER_OK) {
        d->host->set_error(d->ctx, "cannot wrap the text \"%.40s…\": %s", text,
                           dossier_status_string(s));
        d->status = s;
    }
}

/* A heading line that is itself wrapped when longer than the width. */
static void heading(txt_doc *d, const char *marker, const char *title)
{
    size_t n = strlen(marker ? marker : "") + strlen(title) + 1;
    char *text = malloc(n);
    if (!text) {
        d->status = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    snprintf(text, n, "%s%s", marker ? marker : "", title);
    wrapped(d, text, NULL, 0);
    free(text);
}

static void rule(txt_doc *d, const char *ch)
{
    tw_repeat(&d->w, ch, d->w.width);
    tw_blank(&d->w);
}

static void title_block(txt_doc *d)
{
    const dossier_profile *p = d->p;
    char line[1024];
    snprintf(line, sizeof line, "%s%s%s%s", p->name_zh, p->name_en ? "（" : "",
             p->name_en ? p->name_en : "", p->name_en ? "）" : "");
    heading(d, NULL, line);
    if (p->subtitle)
        heading(d, NULL, p->subtitle);
    if (p->parent_zh) {
        snprintf(line, sizeof line, "所属：%s", p->parent_zh);
        heading(d, NULL, line);
    }
    snprintf(line, sizeof line, "资料截至：%s", p->as_of);
    heading(d, NULL, line);
    if (p->area || p->population) {
        char area[128] = "", pop[128] = "";
        if (p->area)
            d->host->format_figure(p->area, area, sizeof area);
        if (p->population)
            d->host->format_figure(p->population, pop, sizeof pop);
        snprintf(line, sizeof line, "%s%s%s%s%s", p->area ? "面积：" : "", area,
                 p->area && p->population ? "；" : "", p->population ? "人口：" : "", pop);
        heading(d, NULL, line);
    }
    rule(d, "=");
}

static void figure_cells(txt_doc *d, const dossier_indicator *ind, char *fig, char *per,
                         size_t cap)
{
    d->host->format_figure(ind, fig, cap);
    d->host->format_period(ind, per, cap);
}

/* The figures as a list, for widths too narrow for the table. */
static void figures_list(txt_doc *d, const dossier_indicator *const *inds, size_t n)
{
    for (size_t i = 0; i < n && d->status == DOSSIER_OK; i++) {
        char fig[256], per[256], line[1024];
        figure_cells(d, inds[i], fig, per, sizeof fig);
        snprintf(line, sizeof line, "%s：%s（%s，%s）", inds[i]->name, fig, per, inds[i]->scope);
        wrapped(d, line, NULL, 0);
    }
}

static void figures_table(txt_doc *d)
{
    const char *which = d->host->config_string(d->ctx, "table");
    size_t n;
    const dossier_indicator *const *inds = dossier_table_indicators(d->p, which, &n);
    if (n == 0)
        return;
    heading(d, NULL, strcmp(which, "all") == 0 ? "指标" : "主要指标");
    tw_blank(&d->w);
    const char *header[] = {"指标", "数值", "时期", "范围"};
    const bool right[] = {false, true, false, false};
    const bool wrap[] = {true, false, true, true};
    txt_table t;
    if (!txt_table_init(&t, 4, header, right, wrap)) {
        d->status = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char fig[256], per[256];
        figure_cells(d, inds[i], fig, per, sizeof fig);
        const char *cells[] = {inds[i]->name, fig, per, inds[i]->scope};
        if (!txt_table_add(&t, cells)) {
            d->status = DOSSIER_ERR_NO_MEMORY;
            break;
        }
    }
    size_t mark = d->w.len;
    if (d->status == DOSSIER_OK && !txt_table_render(&t, &d->w)) {
        d->w.len = mark; /* drop a partly rendered table */
        if (d->w.buf)
            d->w.buf[mark] = '\0';
        d->w.failed = false;
        figures_list(d, inds, n);
    }
    txt_table_free(&t);
    tw_blank(&d->w);
}

static void paragraphs(txt_doc *d, const char *const *paras, size_t n)
{
    char indent[64] = "";
    for (size_t i = 0; i < d->indent_chars; i++)
        strcat(indent, "\xE3\x80\x80"); /* U+3000 IDEOGRAPHIC SPACE, two columns */
    for (size_t i = 0; i < n && d->status == DOSSIER_OK; i++) {
        wrapped(d, paras[i], indent, d->indent_chars * 2);
        tw_blank(&d->w);
    }
}

/* Items below level 2 (一是 …) are run in, as Chinese documents set them: the marker and
 * title open the item's first paragraph. */
static void run_in_section(txt_doc *d, const dossier_section *s)
{
    const char *first = s->n_paragraphs ? s->paragraphs[0] : "";
    size_t n = strlen(s->marker ? s->marker : "") + strlen(s->title) + strlen(first) + 8;
    char *text = malloc(n);
    if (!text) {
        d->status = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    snprintf(text, n, "%s%s%s%s", s->marker ? s->marker : "", s->title,
             dossier_ends_with_stop(s->title) || !*first ? "" : "。", first);
    const char *one[] = {text};
    paragraphs(d, one, 1);
    free(text);
    if (s->n_paragraphs > 1)
        paragraphs(d, s->paragraphs + 1, s->n_paragraphs - 1);
}

static void section(txt_doc *d, const dossier_section *s)
{
    if (s->level >= 3) {
        run_in_section(d, s);
    } else {
        heading(d, s->marker, s->title);
        tw_blank(&d->w);
        paragraphs(d, s->paragraphs, s->n_paragraphs);
    }
    for (size_t i = 0; i < s->n_children && d->status == DOSSIER_OK; i++)
        section(d, s->children[i]);
}

static void sources(txt_doc *d)
{
    const dossier_profile *p = d->p;
    heading(d, NULL, "资料来源");
    tw_blank(&d->w);
    for (size_t i = 0; i < p->n_sources; i++) {
        const dossier_source *s = p->sources[i];
        char line[2048];
        snprintf(line, sizeof line, "[%zu] %s%s%s%s%s%s%s", i + 1, s->title,
                 s->publisher ? "，" : "", s->publisher ? s->publisher : "",
                 s->date ? "，" : "", s->date ? s->date : "", s->origin ? "，" : "",
                 s->origin ? s->origin : "");
        wrapped(d, line, NULL, 0);
    }
}

static dossier_status txt_export(const dossier_export_args *a)
{
    txt_doc d = {.host = a->host, .ctx = a->ctx, .p = a->profile, .status = DOSSIER_OK};
    size_t width = (size_t)a->host->config_int(a->ctx, "width");
    d.indent_chars = (size_t)a->host->config_int(a->ctx, "indent");
    if (d.indent_chars * 2 + 2 > width) {
        a->host->set_error(a->ctx, "indent of %zu characters leaves no room in width %zu",
                           d.indent_chars, width);
        return DOSSIER_ERR_CONFIG;
    }
    tw_init(&d.w, a->host, a->ctx, width);
    title_block(&d);
    tw_blank(&d.w);
    figures_table(&d);
    for (size_t i = 0; i < d.p->n_documents && d.status == DOSSIER_OK; i++) {
        const dossier_document *doc = d.p->documents[i];
        rule(&d, "-");
        heading(&d, NULL, doc->title);
        tw_blank(&d.w);
        paragraphs(&d, doc->paragraphs, doc->n_paragraphs);
        for (size_t k = 0; k < doc->n_sections && d.status == DOSSIER_OK; k++)
            section(&d, doc->sections[k]);
    }
    rule(&d, "-");
    sources(&d);
    if (d.status == DOSSIER_OK && d.w.failed)
        d.status = DOSSIER_ERR_NO_MEMORY;
    if (d.status == DOSSIER_OK)
        d.status = tw_save(&d.w, a->output_path, a->host->config_string(a->ctx, "encoding"),
                           strcmp(a->host->config_string(a->ctx, "line_ending"), "crlf") == 0);
    tw_free(&d.w);
    return d.status;
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "txt",
    .version = "1.0.0",
    .description = "plain-text summary for terminals and mail",
    .extension = "txt",
    .mime_type = "text/plain; charset=utf-8",
    .options = txt_options,
    .export_profile = txt_export,
};
