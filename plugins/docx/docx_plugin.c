/* docx_plugin.c — the DOCX brief plugin: descriptor, [docx] options, and the export, which
 * walks the core's brief tree (dossier/brief.h) once, building word/document.xml's body, the
 * footnotes and the chart parts in memory, then packages them (docx_package.c) and writes the
 * file in one go. Built only with the public SDK headers and libzip, as a plugin written
 * outside this repository would be. What the brief says, in which order and with which labels
 * is the tree's; this plugin decides only how Word says it. */
#include <string.h>

#include "docx.h"

static const dossier_option docx_options[] = {
    {"font_latin", DOSSIER_OPT_STRING, "Times New Roman",
     "Latin font of every style (digits and Latin letters)", 0, 0, NULL},
    {"font_body", DOSSIER_OPT_STRING, "仿宋_GB2312",
     "East Asian font of the body text (GB/T 9704: 仿宋)", 0, 0, NULL},
    {"font_body_fallback", DOSSIER_OPT_STRING, "仿宋",
     "font Word and WPS use when font_body is missing (empty: none)", 0, 0, NULL},
    {"font_hei", DOSSIER_OPT_STRING, "黑体",
     "East Asian font of level-2 headings (一、), table heads and captions", 0, 0, NULL},
    {"font_hei_fallback", DOSSIER_OPT_STRING, "",
     "font used when font_hei is missing (empty: none)", 0, 0, NULL},
    {"font_kai", DOSSIER_OPT_STRING, "楷体_GB2312",
     "East Asian font of level-3 headings ((一)), the subtitle and dateline", 0, 0, NULL},
    {"font_kai_fallback", DOSSIER_OPT_STRING, "楷体",
     "font used when font_kai is missing (empty: none)", 0, 0, NULL},
    {"font_title", DOSSIER_OPT_STRING, "方正小标宋简体",
     "East Asian font of the title, level-1 headings and the masthead", 0, 0, NULL},
    {"font_title_fallback", DOSSIER_OPT_STRING, "宋体",
     "font used when font_title is missing (empty: none)", 0, 0, NULL},
    {"font_page_number", DOSSIER_OPT_STRING, "宋体",
     "font of the page numbers \"— N —\"", 0, 0, NULL},
    {"grid", DOSSIER_OPT_BOOL, "true",
     "document grid of 22 lines of 28 characters (false: 22 lines, natural character widths)",
     0, 0, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};


static int visit(const dossier_brief_node *n, int entering, void *user)
{
    docx_doc *d = user;
    if (!entering)
        return 0;
    switch (n->kind) {
    case DOSSIER_NODE_MASTHEAD: docx_masthead(d, n->masthead); break;
    case DOSSIER_NODE_TITLE: docx_title(d, n->title); break;
    case DOSSIER_NODE_FACT: docx_fact(d, n->fact); break;
    case DOSSIER_NODE_HEADING: docx_heading(d, n->heading); break;
    case DOSSIER_NODE_PARAGRAPH: docx_paragraph(d, n->paragraph); break;
    case DOSSIER_NODE_TABLE: docx_table(d, n->table); break;
    case DOSSIER_NODE_FIGURE: docx_figure(d, n->figure); break;
    case DOSSIER_NODE_SOURCE: docx_source(d, n->source); break;
    case DOSSIER_NODE_COLOPHON: docx_colophon(d, n->colophon); break;
    case DOSSIER_NODE_FACTS:
    case DOSSIER_NODE_SECTION:
    default: break; /* containers, and kinds added after this plugin was built */
    }
    return d->st != DOSSIER_OK;
}

static docx_font font(const dossier_export_args *a, const char *key, const char *fallback_key)
{
    docx_font f = {a->host->config_string(a->ctx, key), NULL};
    if (fallback_key)
        f.alt = a->host->config_string(a->ctx, fallback_key);
    return f;
}

static void doc_free(docx_doc *d)
{
    dossier_buf_free(&d->body);
    dossier_buf_free(&d->notes);
    dossier_buf_free(&d->rels);
    for (size_t i = 0; i < d->n_charts; i++)
        dossier_buf_free(&d->charts[i]);
    free(d->charts);
    free(d->noted);
}

static dossier_status docx_export(const dossier_export_args *a)
{
    docx_doc d = {.host = a->host, .ctx = a->ctx, .b = dossier_args_brief(a), .body_size = 32,
                  .next_rid = 10, .next_drawing_id = 1, .st = DOSSIER_OK};
    if (!d.b) {
        a->host->set_error(a->ctx, "the docx format needs a dossier that composes the brief "
                                   "(plugin ABI 1.1 or later)");
        return DOSSIER_ERR_UNSUPPORTED;
    }
    d.fonts.latin = a->host->config_string(a->ctx, "font_latin");
    d.fonts.body = font(a, "font_body", "font_body_fallback");
    d.fonts.hei = font(a, "font_hei", "font_hei_fallback");
    d.fonts.kai = font(a, "font_kai", "font_kai_fallback");
    d.fonts.title = font(a, "font_title", "font_title_fallback");
    d.fonts.page_number = font(a, "font_page_number", NULL);
    d.grid = a->host->config_bool(a->ctx, "grid");
    dossier_buf_init(&d.body);
    dossier_buf_init(&d.notes);
    dossier_buf_init(&d.rels);
    d.noted = calloc(d.b->n_notes + 1, 1);
    if (!d.noted)
        return DOSSIER_ERR_NO_MEMORY;

    dossier_brief_walk(d.b, visit, &d);
    dossier_buf zip;
    dossier_buf_init(&zip);
    dossier_status st = d.st;
    if (st == DOSSIER_OK)
        st = docx_package(&d, &zip);
    doc_free(&d);
    if (st == DOSSIER_ERR_NO_MEMORY)
        a->host->set_error(a->ctx, "out of memory while building the document");
    if (st == DOSSIER_OK) {
        int err = dossier_buf_save(&zip, a->output_path);
        if (err) {
            a->host->set_error(a->ctx, "cannot write %s: %s", a->output_path, strerror(err));
            st = DOSSIER_ERR_IO;
        }
    }
    dossier_buf_free(&zip);
    return st;
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "docx",
    .version = "1.0.0",
    .description = "Word document of the brief (GB/T 9704 page, styles, footnotes, native charts)",
    .extension = "docx",
    .mime_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    .options = docx_options,
    .export_profile = docx_export,
};
