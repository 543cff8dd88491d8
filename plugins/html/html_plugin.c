/* html_plugin.c — one self-contained HTML page: inline stylesheet (screen and print), a
 * masthead with the district's identity, the key figures as a table, the profile's charts as
 * inline SVG, the narrative and the sources. No script, no external resource: the file opens
 * the same from a mail attachment as from a web server. */
#include <string.h>

#include "html.h"

static const dossier_option html_options[] = {
    {"table", DOSSIER_OPT_CHOICE, "key",
     "indicators in the figures table: the profile's key figures, all, or none", 0, 0,
     "key|all|none"},
    {"charts", DOSSIER_OPT_BOOL, "true", "draw the profile's charts as inline SVG", 0, 0, NULL},
    {"paper", DOSSIER_OPT_CHOICE, "a4", "paper size of the print stylesheet", 0, 0, "a4|letter"},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

static void fact(html_doc *d, const char *label, const char *text, const char *extra)
{
    dossier_out *o = &d->o;
    dossier_out_puts(o, "<div><dt>");
    ho_text(o, label);
    dossier_out_puts(o, "</dt><dd>");
    ho_text(o, text);
    if (extra) {
        dossier_out_puts(o, "（");
        ho_text(o, extra);
        dossier_out_puts(o, "）");
    }
    dossier_out_puts(o, "</dd></div>\n");
}

/* The area or population: its figure, and its period unless the source gives none. */
static void figure_fact(html_doc *d, const dossier_indicator *ind)
{
    char fig[256], per[256];
    d->host->format_figure(ind, fig, sizeof fig);
    d->host->format_period(ind, per, sizeof per);
    fact(d, ind->name, fig, strcmp(ind->period, "undated") == 0 ? NULL : per);
}

static void head(html_doc *d, const char *paper)
{
    const dossier_profile *p = d->p;
    dossier_out *o = &d->o;
    dossier_out_puts(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    dossier_out_printf(o, "<meta name=\"generator\" content=\"dossier %s\">\n", d->host->version);
    dossier_out_puts(o, "<title>");
    ho_text(o, p->name_zh);
    if (p->subtitle) {
        dossier_out_puts(o, " — ");
        ho_text(o, p->subtitle);
    }
    dossier_out_puts(o, "</title>\n");
    html_style(o, paper);
    dossier_out_puts(o, "</head>\n<body>\n<main class=\"brief\">\n");
}

static void masthead(html_doc *d)
{
    const dossier_profile *p = d->p;
    dossier_out *o = &d->o;
    dossier_out_puts(o, "<header class=\"masthead\">\n");
    if (p->parent_zh) {
        dossier_out_puts(o, "<p class=\"kicker\">");
        ho_text(o, p->parent_zh);
        dossier_out_puts(o, "</p>\n");
    }
    dossier_out_puts(o, "<h1>");
    ho_text(o, p->name_zh);
    dossier_out_puts(o, "</h1>\n");
    if (p->name_en) {
        dossier_out_puts(o, "<p class=\"name-en\" lang=\"en\">");
        ho_text(o, p->name_en);
        dossier_out_puts(o, "</p>\n");
    }
    if (p->subtitle) {
        dossier_out_puts(o, "<p class=\"subtitle\">");
        ho_text(o, p->subtitle);
        dossier_out_puts(o, "</p>\n");
    }
    dossier_out_puts(o, "<dl class=\"facts\">\n");
    fact(d, "资料截至", p->as_of, NULL);
    if (p->area)
        figure_fact(d, p->area);
    if (p->population)
        figure_fact(d, p->population);
    dossier_out_puts(o, "</dl>\n</header>\n");
}

static void cell(dossier_out *o, const char *tag, const char *cls, const char *text)
{
    dossier_out_printf(o, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    ho_text(o, text);
    dossier_out_printf(o, "</%s>", tag);
}

/* The figures exactly as the host formats them (precision and unit of the source); the
 * value itself also goes into data-value so scripts can read the number. */
static void figures_table(html_doc *d)
{
    const char *which = d->host->config_string(d->ctx, "table");
    size_t n;
    const dossier_indicator *const *inds = dossier_table_indicators(d->p, which, &n);
    if (n == 0)
        return;
    dossier_out *o = &d->o;
    dossier_out_printf(o, "<section class=\"part\" id=\"figures\">\n<h2>%s</h2>\n",
              strcmp(which, "all") == 0 ? "指标" : "主要指标");
    dossier_out_puts(o, "<table class=\"figures\">\n<caption>数值按资料原文的精度和单位列出。</caption>\n"
               "<thead><tr><th scope=\"col\">指标</th><th scope=\"col\" class=\"num\">数值</th>"
               "<th scope=\"col\">时期</th><th scope=\"col\">范围</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const dossier_indicator *ind = inds[i];
        char fig[256], per[256];
        d->host->format_figure(ind, fig, sizeof fig);
        d->host->format_period(ind, per, sizeof per);
        dossier_out_puts(o, "<tr id=\"ind-");
        ho_text(o, ind->id);
        dossier_out_puts(o, "\" data-value=\"");
        ho_text(o, ind->value_text);
        dossier_out_puts(o, "\" data-unit=\"");
        ho_text(o, ind->unit);
        dossier_out_puts(o, "\">");
        cell(o, "th", NULL, ind->name);
        cell(o, "td", "num", fig);
        cell(o, "td", NULL, per);
        cell(o, "td", NULL, ind->scope);
        dossier_out_puts(o, "</tr>\n");
    }
    dossier_out_puts(o, "</tbody>\n</table>\n</section>\n");
}

static dossier_status charts(html_doc *d)
{
    if (d->p->n_charts == 0 || !d->host->config_bool(d->ctx, "charts"))
        return DOSSIER_OK;
    dossier_out_puts(&d->o, "<section class=\"part\" id=\"charts\">\n<h2>图表</h2>\n");
    for (size_t i = 0; i < d->p->n_charts; i++) {
        dossier_status st = html_chart(d, d->p->charts[i], i + 1);
        if (st != DOSSIER_OK)
            return st;
    }
    dossier_out_puts(&d->o, "</section>\n");
    return DOSSIER_OK;
}

static bool is_url(const char *s)
{
    return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) &&
           strcspn(s, " <>\"'") == strlen(s);
}

static void sources(html_doc *d)
{
    const dossier_profile *p = d->p;
    if (p->n_sources == 0)
        return;
    dossier_out *o = &d->o;
    dossier_out_puts(o, "<section class=\"part\" id=\"sources\">\n<h2>资料来源</h2>\n<ol class=\"sources\">\n");
    for (size_t i = 0; i < p->n_sources; i++) {
        const dossier_source *s = p->sources[i];
        dossier_out_puts(o, "<li id=\"source-");
        ho_text(o, s->id);
        dossier_out_puts(o, "\">");
        ho_text(o, s->title);
        const char *parts[] = {s->publisher, s->date};
        for (size_t k = 0; k < 2; k++)
            if (parts[k]) {
                dossier_out_puts(o, "，");
                ho_text(o, parts[k]);
            }
        if (s->origin) {
            dossier_out_puts(o, "，");
            if (is_url(s->origin)) {
                dossier_out_puts(o, "<a href=\"");
                ho_text(o, s->origin);
                dossier_out_puts(o, "\">");
                ho_text(o, s->origin);
                dossier_out_puts(o, "</a>");
            } else {
                ho_text(o, s->origin);
            }
        }
        dossier_out_puts(o, "</li>\n");
    }
    dossier_out_puts(o, "</ol>\n</section>\n");
}

static void colophon(html_doc *d)
{
    dossier_out_printf(&d->o, "<footer class=\"colophon\">dossier %s 生成 · 资料截至 ", d->host->version);
    ho_text(&d->o, d->p->as_of);
    dossier_out_puts(&d->o, "</footer>\n</main>\n</body>\n</html>\n");
}

static dossier_status html_export(const dossier_export_args *a)
{
    html_doc d = {.host = a->host, .ctx = a->ctx, .p = a->profile};
    dossier_status st = dossier_out_begin(&d.o, a);
    if (st != DOSSIER_OK)
        return st;
    head(&d, a->host->config_string(a->ctx, "paper"));
    masthead(&d);
    figures_table(&d);
    st = charts(&d);
    if (st != DOSSIER_OK) {
        dossier_out_close(&d.o);
        return st;
    }
    html_narrative(&d);
    sources(&d);
    colophon(&d);
    return dossier_out_end(&d.o, a);
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "html",
    .version = "1.0.0",
    .description = "self-contained HTML brief (inline CSS, SVG charts, print stylesheet)",
    .extension = "html",
    .mime_type = "text/html; charset=utf-8",
    .options = html_options,
    .export_profile = html_export,
};
