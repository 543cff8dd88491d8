/* lay_content.c — the brief tree (dossier/brief.h), composed by the core, rendered into the
 * block list in reading order: masthead, title block, facts line, headings, paragraphs, the
 * table and the figures with their notes, the sources, the colophon. What the brief says, in
 * which order, with which labels, figures and punctuation is the tree's; this file decides only
 * how each node looks (text style, keeps, spaces) and where the outline anchors go. Nothing
 * here measures or places anything.
 *
 * Styles: a level-1 heading is a document's title (LAY_TS_DOC_TITLE) in a DOCUMENT part, else
 * a part heading (LAY_TS_H1: 主要指标, 图表, 资料来源); level 2 (一、) is H1, level 3 ((一)) H2,
 * deeper headings are set as body lines that keep with what follows. Notes under a table or
 * figure: "注：" before the first, one note a line, continuation lines hanging under the first
 * character after "注：".
 */
#include <string.h>

#include "dossier/plugin_util.h"
#include "layout.h"

static lay_block *push_block(lay_doc *d, lay_block_kind kind)
{
    lay_block *b = LAY_PUSH(d, blocks);
    if (b)
        b->kind = kind;
    return b;
}

/* A text block; NULL text is out of memory (arena), "" is nothing to print. */
static lay_block *text(lay_doc *d, lay_ts ts, const char *s, const char *where, bool heading)
{
    if (!s) {
        lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        return NULL;
    }
    if (!*s)
        return NULL;
    if (d->fullwidth && !(s = lay_punct_fullwidth(d, s)))
        return NULL;
    lay_block *b = push_block(d, LAY_BLK_TEXT);
    if (!b)
        return NULL;
    b->ts = ts;
    b->text = s;
    b->where = where ? where : "the brief";
    b->heading = heading;
    return b;
}

static void space(lay_doc *d, double h)
{
    lay_block *b = push_block(d, LAY_BLK_SPACE);
    if (b)
        b->height = h;
}

static void anchor(lay_doc *d, const char *title, int level)
{
    /* The outline says what the page says. */
    if (d->fullwidth && !(title = lay_punct_fullwidth(d, title)))
        return;
    lay_anchor *a = LAY_PUSH(d, anchors);
    if (!a)
        return;
    a->title = title;
    a->level = level;
    lay_block *b = push_block(d, LAY_BLK_ANCHOR);
    if (b)
        b->ref = d->n_anchors - 1;
}

static void title_block(lay_doc *d, const dossier_brief_title *t, const char *where,
                        bool ruled)
{
    anchor(d, t->title, 1);
    text(d, LAY_TS_TITLE, t->title, where, true);
    if (t->name_en)
        text(d, LAY_TS_DATELINE, t->name_en, where, true);
    if (t->subtitle)
        text(d, LAY_TS_SUBTITLE, t->subtitle, where, true);
    if (t->dateline)
        text(d, LAY_TS_DATELINE, lay_arena_printf(&d->arena, "（%s）", t->dateline), where,
             true);
    /* Under a masthead, whose own red rule heads the page, the title block gets no rule of
     * its own: only the room. */
    lay_block *rule = push_block(d, ruled ? LAY_BLK_RULE : LAY_BLK_SPACE);
    if (rule)
        rule->height = d->st.ts[LAY_TS_META].leading * 0.6;
}

/* "label：text（detail）；label：text。" */
static void facts_line(lay_doc *d, const dossier_brief_node *n)
{
    const char *line = "";
    for (size_t i = 0; i < n->n_children && line; i++) {
        const dossier_brief_fact *f = n->children[i]->fact;
        if (n->children[i]->kind != DOSSIER_NODE_FACT || !f)
            continue;
        line = lay_arena_printf(&d->arena, "%s%s%s：%s%s%s%s", line, *line ? "；" : "",
                                f->label, f->text, f->detail ? "（" : "",
                                f->detail ? f->detail : "", f->detail ? "）" : "");
    }
    if (line && *line)
        text(d, LAY_TS_META, lay_arena_printf(&d->arena, "%s。", line), n->where, false);
}

/* The notes under a table or figure; the first is kept with what it notes. */
static void notes(lay_doc *d, const char *label, const dossier_brief_note *const *list,
                  size_t n, const char *where)
{
    const char *lead = lay_arena_printf(&d->arena, "%s：", label ? label : "");
    for (size_t i = 0; i < n && lead; i++) {
        const dossier_brief_note *note = list[i];
        lay_block *b = text(d, LAY_TS_NOTE,
                            lay_arena_printf(&d->arena, "%s%s%s", i == 0 ? lead : "",
                                             note->marker ? note->marker : "", note->text),
                            where, false);
        if (!b)
            continue;
        b->hang = lead;
        b->hang_first = i == 0;
        b->keep_prev = i == 0;
    }
    if (!lead)
        lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
}

static void table(lay_doc *d, const dossier_brief_node *n)
{
    const dossier_brief_table *t = n->table;
    const char *where = n->where ? n->where : "the table";
    if (t->caption)
        text(d, LAY_TS_CAPTION, t->caption, where, true);
    size_t ref;
    if (lay_table_build(d, t, where, &ref) != DOSSIER_OK)
        return;
    lay_block *b = push_block(d, LAY_BLK_TABLE);
    if (b)
        b->ref = ref;
    notes(d, t->notes_label, t->notes, t->n_notes, where);
}

static void figure(lay_doc *d, const dossier_brief_node *n)
{
    const dossier_brief_figure *f = n->figure;
    const char *where = n->where ? n->where : "a figure";
    size_t ref;
    space(d, d->st.section_gap);
    if (lay_chart_build(d, f, where, &ref) != DOSSIER_OK)
        return;
    lay_block *b = push_block(d, LAY_BLK_CHART);
    if (b)
        b->ref = ref;
    notes(d, f->notes_label, f->notes, f->n_notes, where);
}

static void heading(lay_doc *d, const dossier_brief_heading *h, dossier_brief_part part,
                    const char *where)
{
    lay_ts ts = LAY_TS_BODY;
    if (h->level <= 1)
        ts = part == DOSSIER_PART_DOCUMENT ? LAY_TS_DOC_TITLE : LAY_TS_H1;
    else if (h->level == 2)
        ts = LAY_TS_H1;
    else if (h->level == 3)
        ts = LAY_TS_H2;
    anchor(d, h->text, h->level);
    text(d, ts, h->text, where, true);
}

static void source(lay_doc *d, const dossier_brief_node *n)
{
    const dossier_brief_source *s = n->source;
    text(d, LAY_TS_NOTE,
         s->marker ? lay_arena_printf(&d->arena, "%s %s", s->marker, s->text) : s->text,
         n->where, false);
    if (s->cited)
        text(d, LAY_TS_NOTE, s->cited, n->where, false);
}

typedef struct walk {
    lay_doc *d;
    int depth;               /* of the node entered; 0 = top level */
    dossier_brief_part part; /* of the innermost section */
    bool after_title;        /* the last top-level node was the title block or the facts */
    bool masthead;           /* a masthead came before the title block */
} walk;

static void enter(walk *w, const dossier_brief_node *n)
{
    lay_doc *d = w->d;
    switch (n->kind) {
    case DOSSIER_NODE_MASTHEAD:
        if (n->masthead && lay_masthead_build(d, n->masthead) == DOSSIER_OK)
            push_block(d, LAY_BLK_MASTHEAD);
        w->masthead = true;
        break;
    case DOSSIER_NODE_TITLE:
        if (n->title)
            title_block(d, n->title, n->where, !w->masthead);
        break;
    case DOSSIER_NODE_FACTS:
        facts_line(d, n);
        break;
    case DOSSIER_NODE_SECTION:
        if (!n->section)
            break;
        w->part = n->section->part;
        if (w->depth == 0)
            space(d, w->after_title ? d->st.title_gap : d->st.section_gap);
        break;
    case DOSSIER_NODE_HEADING:
        if (n->heading)
            heading(d, n->heading, w->part, n->where);
        break;
    case DOSSIER_NODE_PARAGRAPH:
        if (n->paragraph)
            text(d, LAY_TS_BODY,
                 n->paragraph->lead ? lay_arena_printf(&d->arena, "%s%s", n->paragraph->lead,
                                                       n->paragraph->text)
                                    : n->paragraph->text,
                 n->where, false);
        break;
    case DOSSIER_NODE_TABLE:
        if (n->table)
            table(d, n);
        break;
    case DOSSIER_NODE_FIGURE:
        if (n->figure)
            figure(d, n);
        break;
    case DOSSIER_NODE_SOURCE:
        if (n->source)
            source(d, n);
        break;
    case DOSSIER_NODE_COLOPHON:
        if (n->colophon && lay_colophon_build(d, n->colophon) == DOSSIER_OK)
            push_block(d, LAY_BLK_COLOPHON);
        break;
    case DOSSIER_NODE_FACT: /* set by FACTS as one line */
    default:                /* a kind newer than this plugin */
        break;
    }
    if (w->depth == 0)
        w->after_title = n->kind == DOSSIER_NODE_TITLE || n->kind == DOSSIER_NODE_FACTS;
}

static int visit(const dossier_brief_node *n, int entering, void *user)
{
    walk *w = user;
    if (entering) {
        enter(w, n);
        w->depth++;
    } else {
        w->depth--;
    }
    return w->d->status != DOSSIER_OK;
}

dossier_status lay_content_build(lay_doc *d)
{
    walk w = {.d = d};
    const char *punct = d->host->config_string(d->ctx, "punctuation");
    d->fullwidth = !punct || strcmp(punct, "source") != 0;
    dossier_brief_walk(d->brief, visit, &w);
    return d->status;
}

dossier_status lay_content_register_text(lay_doc *d)
{
    dossier_status s = DOSSIER_OK;
    for (size_t i = 0; i < d->n_blocks && s == DOSSIER_OK; i++) {
        const lay_block *b = &d->blocks[i];
        if (b->kind == LAY_BLK_TEXT) {
            s = lay_fonts_use(d, d->st.ts[b->ts].role, b->text, b->where);
            if (s == DOSSIER_OK && b->hang)
                s = lay_fonts_use(d, d->st.ts[b->ts].role, b->hang, b->where);
        } else if (b->kind == LAY_BLK_TABLE) {
            s = lay_table_register_text(d, d->tables[b->ref]);
        } else if (b->kind == LAY_BLK_CHART) {
            s = lay_chart_register_text(d, d->charts[b->ref]);
        } else if (b->kind == LAY_BLK_MASTHEAD) {
            s = lay_masthead_register_text(d, d->masthead);
        } else if (b->kind == LAY_BLK_COLOPHON) {
            s = lay_colophon_register_text(d, d->colophon);
        }
    }
    /* Page numbers: "— 12 —". */
    if (s == DOSSIER_OK)
        s = lay_fonts_use(d, d->st.ts[LAY_TS_PAGE_NUMBER].role, "— 0123456789", "page numbers");
    return s;
}
