/* html_plugin.c — one self-contained HTML page rendering the core's brief tree
 * (dossier/brief.h): inline stylesheet (screen and print), the masthead and title block, the
 * figures table, the charts as inline SVG, the narrative, the sources and the colophon, each
 * node in HTML's idiom (html_blocks.c, html_table.c, html_chart.c). No script, no external
 * resource: the file opens the same from a mail attachment as from a web server. What the
 * brief says, in which order and with which labels is the tree's, not this plugin's.
 *
 * `table` and `charts` stay declared so that [html] table and [html] charts keep their
 * meaning: the core reads them when it composes the brief for this format. */
#include <string.h>

#include "html.h"

static const dossier_option html_options[] = {
    {"table", DOSSIER_OPT_CHOICE, "key",
     "indicators in the figures table: the profile's key figures, all, or none", 0, 0,
     "key|all|none"},
    {"charts", DOSSIER_OPT_STRING, "all", "charts in the HTML only: all, none, or chart numbers "
     "(unset: [brief] charts)", 0, 0, NULL},
    {"paper", DOSSIER_OPT_CHOICE, "a4", "paper size of the print stylesheet", 0, 0, "a4|letter"},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

typedef struct html_walk {
    html_doc *d;
    dossier_status st;
    bool in_sources; /* an <ol class="sources"> is open */
} html_walk;

static const char *part_class(dossier_brief_part part)
{
    switch (part) {
    case DOSSIER_PART_TABLE: return "part table";
    case DOSSIER_PART_CHARTS: return "part charts";
    case DOSSIER_PART_DOCUMENT: return "document";
    case DOSSIER_PART_SOURCES: return "part sources";
    case DOSSIER_PART_NONE:
    default: return "part";
    }
}

static void end_sources(html_walk *w)
{
    if (w->in_sources)
        dossier_out_puts(&w->d->o, "</ol>\n");
    w->in_sources = false;
}

static void section_open(dossier_out *o, const dossier_brief_node *n)
{
    dossier_out_printf(o, "<section class=\"%s\"", part_class(n->section->part));
    if (n->id) {
        dossier_out_puts(o, " id=\"");
        dossier_out_xml(o, n->id);
        dossier_out_puts(o, "\"");
    }
    dossier_out_puts(o, ">\n");
}

static int visit(const dossier_brief_node *n, int entering, void *user)
{
    html_walk *w = user;
    dossier_out *o = &w->d->o;
    if (!entering) {
        if (n->kind == DOSSIER_NODE_FACTS) {
            dossier_out_puts(o, "</dl>\n");
        } else if (n->kind == DOSSIER_NODE_SECTION) {
            end_sources(w);
            dossier_out_puts(o, "</section>\n");
        }
        return 0;
    }
    if (n->kind != DOSSIER_NODE_SOURCE)
        end_sources(w);
    switch (n->kind) {
    case DOSSIER_NODE_MASTHEAD: html_masthead(o, n->masthead); break;
    case DOSSIER_NODE_TITLE: html_title(o, n->title); break;
    case DOSSIER_NODE_FACTS: dossier_out_puts(o, "<dl class=\"facts\">\n"); break;
    case DOSSIER_NODE_FACT: html_fact(o, n->fact); break;
    case DOSSIER_NODE_SECTION: section_open(o, n); break;
    case DOSSIER_NODE_HEADING: html_heading(o, n); break;
    case DOSSIER_NODE_PARAGRAPH: html_paragraph(o, n); break;
    case DOSSIER_NODE_TABLE: html_table(w->d, n); break;
    case DOSSIER_NODE_FIGURE: w->st = html_figure(w->d, n); break;
    case DOSSIER_NODE_SOURCE:
        if (!w->in_sources)
            dossier_out_puts(o, "<ol class=\"sources\">\n");
        w->in_sources = true;
        html_source(o, n);
        break;
    case DOSSIER_NODE_COLOPHON: html_colophon(o, n->colophon); break;
    default: break; /* a kind added after this plugin was built */
    }
    return w->st != DOSSIER_OK;
}

static void head(html_doc *d, const char *paper)
{
    dossier_out *o = &d->o;
    dossier_out_puts(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    dossier_out_printf(o, "<meta name=\"generator\" content=\"dossier %s\">\n", d->host->version);
    const char *meta[][2] = {{"author", d->b->author}, {"description", d->b->subject}};
    for (size_t i = 0; i < 2; i++)
        if (meta[i][1]) {
            dossier_out_printf(o, "<meta name=\"%s\" content=\"", meta[i][0]);
            dossier_out_xml(o, meta[i][1]);
            dossier_out_puts(o, "\">\n");
        }
    dossier_out_puts(o, "<title>");
    dossier_out_xml(o, d->b->title);
    dossier_out_puts(o, "</title>\n");
    html_style(o, paper);
    dossier_out_printf(o, "</head>\n<body>\n<main class=\"brief %s\">\n", html_form(d->b->form));
}

static dossier_status html_export(const dossier_export_args *a)
{
    html_doc d = {.host = a->host, .ctx = a->ctx, .b = dossier_args_brief(a)};
    if (!d.b) {
        a->host->set_error(a->ctx, "the html format needs a dossier that composes the brief "
                                   "(plugin ABI 1.1 or later)");
        return DOSSIER_ERR_UNSUPPORTED;
    }
    dossier_status st = dossier_out_begin(&d.o, a);
    if (st != DOSSIER_OK)
        return st;
    head(&d, a->host->config_string(a->ctx, "paper"));
    html_walk w = {.d = &d, .st = DOSSIER_OK};
    dossier_brief_walk(d.b, visit, &w);
    end_sources(&w);
    if (w.st != DOSSIER_OK) {
        dossier_out_close(&d.o);
        return w.st;
    }
    dossier_out_puts(&d.o, "</main>\n</body>\n</html>\n");
    return dossier_out_end(&d.o, a);
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "html",
    .version = "2.0.0",
    .description = "self-contained HTML brief (inline CSS, SVG charts, print stylesheet)",
    .extension = "html",
    .mime_type = "text/html; charset=utf-8",
    .options = html_options,
    .export_profile = html_export,
};
