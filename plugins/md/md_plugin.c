/* md_plugin.c — the Markdown brief: the core's brief tree (dossier/brief.h) rendered node by
 * node in Markdown's idiom, for GitHub (cmark-gfm) and Python-Markdown with its tables
 * extension. What the brief says, in which order and with which labels is the tree's; this
 * file only dispatches each node to its block (md_blocks.c, md_table.c).
 *
 * Outline: the title is the only level-1 heading; a heading of outline level n is written at
 * level n + 1 (parts and documents 2, 一、 3, (一) 4), at most 6.
 *
 * `table` and `english` stay declared so that [md] table and [md] english keep their
 * meaning: the core reads them when it composes the brief for this format. */
#include "md.h"

static const dossier_option md_options[] = {
    {"table", DOSSIER_OPT_CHOICE, "key",
     "indicators in the figures table: the profile's key figures, all, or none", 0, 0,
     "key|all|none"},
    {"english", DOSSIER_OPT_BOOL, "true", "add the English name to the title when the profile "
     "has one", 0, 0, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

typedef struct md_walk {
    dossier_out *o;
    const dossier_brief *b;
    bool in_list; /* a list of sources is open */
} md_walk;

/* Ends an open list of sources with a blank line. */
static void end_list(md_walk *w)
{
    if (w->in_list)
        dossier_out_puts(w->o, "\n");
    w->in_list = false;
}

static int visit(const dossier_brief_node *n, int entering, void *user)
{
    md_walk *w = user;
    dossier_out *o = w->o;
    if (!entering) {
        if (n->kind == DOSSIER_NODE_FACTS)
            dossier_out_puts(o, "\n");
        if (n->kind == DOSSIER_NODE_SECTION)
            end_list(w);
        return 0;
    }
    if (n->kind != DOSSIER_NODE_SOURCE)
        end_list(w);
    switch (n->kind) {
    case DOSSIER_NODE_MASTHEAD: md_masthead(o, n->masthead); break;
    case DOSSIER_NODE_TITLE: md_title(o, n->title); break;
    case DOSSIER_NODE_FACT: md_fact(o, n->fact); break;
    case DOSSIER_NODE_HEADING: md_heading(o, n->heading); break;
    case DOSSIER_NODE_PARAGRAPH: md_paragraph(o, n->paragraph); break;
    case DOSSIER_NODE_TABLE: md_table(o, n->table); break;
    case DOSSIER_NODE_FIGURE: md_figure(o, w->b, n->figure); break;
    case DOSSIER_NODE_SOURCE:
        md_source(o, n->source);
        w->in_list = true;
        break;
    case DOSSIER_NODE_COLOPHON: md_colophon(o, n->colophon); break;
    case DOSSIER_NODE_FACTS:
    case DOSSIER_NODE_SECTION:
    default: break; /* containers, and kinds added after this plugin was built */
    }
    return 0;
}

static dossier_status md_export(const dossier_export_args *a)
{
    const dossier_brief *b = dossier_args_brief(a);
    if (!b) {
        a->host->set_error(a->ctx, "the md format needs a dossier that composes the brief "
                                   "(plugin ABI 1.1 or later)");
        return DOSSIER_ERR_UNSUPPORTED;
    }
    dossier_out o;
    dossier_status st = dossier_out_begin(&o, a);
    if (st != DOSSIER_OK)
        return st;
    md_walk w = {.o = &o, .b = b};
    dossier_brief_walk(b, visit, &w);
    end_list(&w);
    return dossier_out_end(&o, a);
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "md",
    .version = "2.0.0",
    .description = "Markdown brief with a GitHub-flavoured table of key figures",
    .extension = "md",
    .mime_type = "text/markdown; charset=utf-8",
    .options = md_options,
    .export_profile = md_export,
};
