/* briefxml.c — an example document plugin that renders the brief tree (dossier/brief.h) the
 * way a DOCX or OFD plugin starts: walk the tree node by node (dossier_brief_walk), build the
 * document in memory (dossier_buf), escape text for XML (dossier_buf_xml), stamp it with the
 * brief's reproducible time (dossier_time_iso8601), and write it in one go. The output is a
 * small XML outline of the brief: masthead, headings, paragraphs with their run-in leads,
 * tables with note markers, figures with their paired points, notes, sources, colophon.
 * docs/plugin-guide.md walks through it. */
#include <dossier/plugin_util.h>

typedef struct render {
    dossier_buf *b;
    int depth;
} render;

static void indent(render *r)
{
    for (int i = 0; i < r->depth; i++)
        dossier_buf_puts(r->b, "  ");
}

/* <tag attr="value">text</tag> on one line; NULL parts are left out. */
static void element(render *r, const char *tag, const char *attr, const char *value,
                    const char *text)
{
    indent(r);
    dossier_buf_printf(r->b, "<%s", tag);
    if (attr && value) {
        dossier_buf_printf(r->b, " %s=\"", attr);
        dossier_buf_xml(r->b, value);
        dossier_buf_puts(r->b, "\"");
    }
    if (!text) {
        dossier_buf_puts(r->b, "/>\n");
        return;
    }
    dossier_buf_puts(r->b, ">");
    dossier_buf_xml(r->b, text);
    dossier_buf_printf(r->b, "</%s>\n", tag);
}

static void notes(render *r, const dossier_brief_note *const *n, size_t count)
{
    for (size_t i = 0; i < count; i++)
        element(r, "note", "marker", n[i]->marker, n[i]->text);
}

static void table(render *r, const dossier_brief_table *t)
{
    for (size_t i = 0; i < t->n_rows; i++) {
        const dossier_brief_row *row = t->rows[i];
        indent(r);
        dossier_buf_puts(r->b, "<row>");
        for (size_t c = 0; c < t->n_columns; c++) {
            dossier_buf_puts(r->b, "<cell>");
            dossier_buf_xml(r->b, row->cells[c]->text);
            if (row->cells[c]->note)
                dossier_buf_xml(r->b, row->cells[c]->note->marker);
            dossier_buf_puts(r->b, "</cell>");
        }
        dossier_buf_puts(r->b, "</row>\n");
    }
    notes(r, t->notes, t->n_notes);
}

static void figure(render *r, const dossier_brief_figure *f)
{
    element(r, "caption", NULL, NULL, f->caption);
    for (size_t i = 0; i < f->n_points; i++) {
        const dossier_brief_point *p = f->points[i];
        element(r, p->unlike ? "point-unlike" : "point", "period", p->category,
                p->label ? p->label : "");
    }
    notes(r, f->notes, f->n_notes);
}

/* The walker calls this for every node, entering and leaving. */
static int visit(const dossier_brief_node *n, int entering, void *user)
{
    render *r = user;
    bool container = n->n_children > 0 || n->kind == DOSSIER_NODE_TABLE ||
                     n->kind == DOSSIER_NODE_FIGURE;
    if (!entering) {
        if (container) {
            r->depth--;
            indent(r);
            dossier_buf_puts(r->b, n->kind == DOSSIER_NODE_TABLE    ? "</table>\n"
                                   : n->kind == DOSSIER_NODE_FIGURE ? "</figure>\n"
                                                                    : "</part>\n");
        }
        return 0;
    }
    switch (n->kind) {
    case DOSSIER_NODE_MASTHEAD: element(r, "masthead", "number", n->masthead->number,
                                        n->masthead->name); break;
    case DOSSIER_NODE_TITLE: element(r, "title", "dateline", n->title->dateline,
                                     n->title->title); break;
    case DOSSIER_NODE_FACT: element(r, "fact", "label", n->fact->label, n->fact->text); break;
    case DOSSIER_NODE_HEADING: element(r, "heading", "text", n->heading->text, ""); break;
    case DOSSIER_NODE_PARAGRAPH: element(r, "p", "lead", n->paragraph->lead,
                                         n->paragraph->text); break;
    case DOSSIER_NODE_SOURCE: element(r, "source", "marker", n->source->marker,
                                      n->source->text); break;
    case DOSSIER_NODE_COLOPHON: element(r, "colophon", "right", n->colophon->right,
                                        n->colophon->left ? n->colophon->left : ""); break;
    case DOSSIER_NODE_TABLE:
        indent(r);
        dossier_buf_puts(r->b, "<table>\n");
        r->depth++;
        table(r, n->table);
        return 0;
    case DOSSIER_NODE_FIGURE:
        indent(r);
        dossier_buf_puts(r->b, "<figure>\n");
        r->depth++;
        figure(r, n->figure);
        return 0;
    default: break; /* FACTS, SECTION, and kinds newer than this plugin: containers only */
    }
    if (container && n->kind != DOSSIER_NODE_TABLE) {
        indent(r);
        dossier_buf_puts(r->b, "<part>\n");
        r->depth++;
    }
    return 0;
}

static dossier_status briefxml_export(const dossier_export_args *a)
{
    const dossier_brief *brief = dossier_args_brief(a);
    if (!brief) {
        a->host->set_error(a->ctx, "this dossier is older than plugin ABI 1.1: no brief");
        return DOSSIER_ERR_UNSUPPORTED;
    }
    dossier_buf b;
    dossier_buf_init(&b);
    char when[21];
    dossier_time_iso8601(brief->timestamp, when); /* SOURCE_DATE_EPOCH, else the as-of date */
    dossier_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<brief created=\"%s\" "
                       "template=\"", when);
    dossier_buf_xml(&b, brief->template_name);
    dossier_buf_puts(&b, "\">\n");
    render r = {.b = &b, .depth = 1};
    dossier_brief_walk(brief, visit, &r);
    dossier_buf_puts(&b, "</brief>\n");
    dossier_status s = dossier_buf_end(&b, a); /* writes it all, checked to its end */
    dossier_buf_free(&b);
    return s;
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "briefxml",
    .version = "1.0.0",
    .description = "the brief tree as a small XML outline (SDK example of a document format)",
    .extension = "xml",
    .mime_type = "application/xml",
    .export_profile = briefxml_export,
};
