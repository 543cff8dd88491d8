/* md_plugin.c — the Markdown brief: title and identity facts, a GitHub-flavoured table of the
 * key figures, the narrative with its sections as headings, the sources. Renders on GitHub
 * (cmark-gfm) and with Python-Markdown's tables extension.
 *
 * Outline: the district's name is the only level-1 heading; the figures table, each source
 * document and the sources are level 2; a document's sections are level 3 (一、) and 4 ((一));
 * deeper items (一是 …) are run in as a bold lead of their first paragraph. */
#include <string.h>

#include "md.h"

static const dossier_option md_options[] = {
    {"table", DOSSIER_OPT_CHOICE, "key",
     "indicators in the figures table: the profile's key figures, all, or none", 0, 0,
     "key|all|none"},
    {"english", DOSSIER_OPT_BOOL, "true", "add the English name to the title when the profile "
     "has one", 0, 0, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

typedef struct md_doc {
    dossier_out o;
    const dossier_host *host;
    dossier_host_ctx *ctx;
    const dossier_profile *p;
} md_doc;

/* A heading of `level` (1–6) with the marker and title as one text. */
static void heading(md_doc *d, int level, const char *marker, const char *title)
{
    dossier_out_printf(&d->o, "%.*s ", level, "######");
    if (marker)
        md_text(&d->o, marker, 0);
    md_text(&d->o, title, 0);
    dossier_out_puts(&d->o, "\n\n");
}

static void paragraph(md_doc *d, const char *text)
{
    md_text(&d->o, text, MD_LINE_START);
    dossier_out_puts(&d->o, "\n\n");
}

/* "- **label**：text" — one identity fact. */
static void fact(md_doc *d, const char *label, const char *text, const char *extra)
{
    dossier_out_puts(&d->o, "- **");
    md_text(&d->o, label, 0);
    dossier_out_puts(&d->o, "**：");
    md_text(&d->o, text, 0);
    if (extra) {
        dossier_out_puts(&d->o, "（");
        md_text(&d->o, extra, 0);
        dossier_out_puts(&d->o, "）");
    }
    dossier_out_puts(&d->o, "\n");
}

/* The area or population fact: the indicator's own name, its figure, and its period unless
 * the source gives none. */
static void figure_fact(md_doc *d, const dossier_indicator *ind)
{
    char fig[256], per[256];
    d->host->format_figure(ind, fig, sizeof fig);
    d->host->format_period(ind, per, sizeof per);
    fact(d, ind->name, fig, strcmp(ind->period, "undated") == 0 ? NULL : per);
}

static void title_block(md_doc *d)
{
    const dossier_profile *p = d->p;
    dossier_out_puts(&d->o, "# ");
    md_text(&d->o, p->name_zh, 0);
    if (p->name_en && d->host->config_bool(d->ctx, "english")) {
        dossier_out_puts(&d->o, "（");
        md_text(&d->o, p->name_en, 0);
        dossier_out_puts(&d->o, "）");
    }
    dossier_out_puts(&d->o, "\n\n");
    if (p->subtitle) {
        dossier_out_puts(&d->o, "**");
        md_text(&d->o, p->subtitle, 0);
        dossier_out_puts(&d->o, "**\n\n");
    }
    if (p->parent_zh)
        fact(d, "所属", p->parent_zh, p->parent_en);
    fact(d, "资料截至", p->as_of, NULL);
    if (p->area)
        figure_fact(d, p->area);
    if (p->population)
        figure_fact(d, p->population);
    dossier_out_puts(&d->o, "\n");
}

static void cell(md_doc *d, const char *text)
{
    dossier_out_puts(&d->o, " ");
    md_text(&d->o, text, 0);
    dossier_out_puts(&d->o, " |");
}

/* The key figures (or all indicators) as a pipe table; the figure column right-aligned. */
static void figures_table(md_doc *d)
{
    const char *which = d->host->config_string(d->ctx, "table");
    size_t n;
    const dossier_indicator *const *inds = dossier_table_indicators(d->p, which, &n);
    if (n == 0)
        return;
    heading(d, 2, NULL, strcmp(which, "all") == 0 ? "指标" : "主要指标");
    dossier_out_puts(&d->o, "| 指标 | 数值 | 时期 | 范围 |\n| :--- | ---: | :--- | :--- |\n");
    for (size_t i = 0; i < n; i++) {
        char fig[256], per[256];
        d->host->format_figure(inds[i], fig, sizeof fig);
        d->host->format_period(inds[i], per, sizeof per);
        dossier_out_puts(&d->o, "|");
        cell(d, inds[i]->name);
        cell(d, fig);
        cell(d, per);
        cell(d, inds[i]->scope);
        dossier_out_puts(&d->o, "\n");
    }
    dossier_out_puts(&d->o, "\n");
}

/* Items below level 2 (一是 …) are run in: "**一是优化政务服务环境。** " opens the item's
 * first paragraph. The space matters: CommonMark does not close emphasis after punctuation
 * that is directly followed by a letter, so without it GitHub would print the asterisks. */
static void run_in_section(md_doc *d, const dossier_section *s)
{
    dossier_out_puts(&d->o, "**");
    if (s->marker)
        md_text(&d->o, s->marker, 0);
    md_text(&d->o, s->title, 0);
    if (!dossier_ends_with_stop(s->title))
        dossier_out_puts(&d->o, "。");
    dossier_out_puts(&d->o, "**");
    if (s->n_paragraphs > 0) {
        dossier_out_puts(&d->o, " ");
        md_text(&d->o, s->paragraphs[0], 0);
    }
    dossier_out_puts(&d->o, "\n\n");
    for (size_t i = 1; i < s->n_paragraphs; i++)
        paragraph(d, s->paragraphs[i]);
}

static void section(md_doc *d, const dossier_section *s)
{
    if (s->level >= 3) {
        run_in_section(d, s);
    } else {
        heading(d, s->level + 2, s->marker, s->title);
        for (size_t i = 0; i < s->n_paragraphs; i++)
            paragraph(d, s->paragraphs[i]);
    }
    for (size_t i = 0; i < s->n_children; i++)
        section(d, s->children[i]);
}

static void document(md_doc *d, const dossier_document *doc)
{
    heading(d, 2, NULL, doc->title);
    for (size_t i = 0; i < doc->n_paragraphs; i++)
        paragraph(d, doc->paragraphs[i]);
    for (size_t i = 0; i < doc->n_sections; i++)
        section(d, doc->sections[i]);
}

static bool is_url(const char *s)
{
    return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) &&
           strcspn(s, " <>") == strlen(s);
}

static void sources(md_doc *d)
{
    const dossier_profile *p = d->p;
    if (p->n_sources == 0)
        return;
    heading(d, 2, NULL, "资料来源");
    for (size_t i = 0; i < p->n_sources; i++) {
        const dossier_source *s = p->sources[i];
        dossier_out_printf(&d->o, "%zu. ", i + 1);
        md_text(&d->o, s->title, MD_LINE_START);
        const char *parts[] = {s->publisher, s->date};
        for (size_t k = 0; k < 2; k++)
            if (parts[k]) {
                dossier_out_puts(&d->o, "，");
                md_text(&d->o, parts[k], 0);
            }
        if (s->origin) {
            dossier_out_puts(&d->o, "，");
            if (is_url(s->origin))
                dossier_out_printf(&d->o, "<%s>", s->origin);
            else
                md_text(&d->o, s->origin, 0);
        }
        dossier_out_puts(&d->o, "\n");
    }
}

static dossier_status md_export(const dossier_export_args *a)
{
    md_doc d = {.host = a->host, .ctx = a->ctx, .p = a->profile};
    dossier_status st = dossier_out_begin(&d.o, a);
    if (st != DOSSIER_OK)
        return st;
    title_block(&d);
    figures_table(&d);
    for (size_t i = 0; i < d.p->n_documents; i++)
        document(&d, d.p->documents[i]);
    sources(&d);
    return dossier_out_end(&d.o, a);
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "md",
    .version = "1.0.0",
    .description = "Markdown brief with a GitHub-flavoured table of key figures",
    .extension = "md",
    .mime_type = "text/markdown; charset=utf-8",
    .options = md_options,
    .export_profile = md_export,
};
