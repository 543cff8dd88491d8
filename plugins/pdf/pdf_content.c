/* pdf_content.c — what a brief says, in reading order, as blocks: the title block (district,
 * subtitle, as-of date, facts, sources), the key-figures table and the profile's charts, each
 * source document's narrative in its hierarchy (一、 → (一) → 一是 run in), and the sources
 * with the figures taken from each. Nothing here measures or places anything.
 *
 * Figures are printed only through the host (format_figure / format_value / format_period).
 */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

static pdf_block *push_block(pdf_doc *d, pdf_block_kind kind)
{
    pdf_block *b = PDF_PUSH(d, blocks);
    if (b)
        b->kind = kind;
    return b;
}

static dossier_status text(pdf_doc *d, pdf_ts ts, const char *s, const char *where,
                           bool heading)
{
    if (!s || !where)
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    if (!*s)
        return DOSSIER_OK;
    pdf_block *b = push_block(d, PDF_BLK_TEXT);
    if (!b)
        return d->status;
    b->ts = ts;
    b->text = s;
    b->where = where;
    b->heading = heading;
    return DOSSIER_OK;
}

static dossier_status space(pdf_doc *d, double h)
{
    pdf_block *b = push_block(d, PDF_BLK_SPACE);
    if (!b)
        return d->status;
    b->height = h;
    return DOSSIER_OK;
}

static dossier_status anchor(pdf_doc *d, const char *title, int level)
{
    if (!title)
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    pdf_anchor *a = PDF_PUSH(d, anchors);
    if (!a)
        return d->status;
    a->title = title;
    a->level = level;
    pdf_block *b = push_block(d, PDF_BLK_ANCHOR);
    if (!b)
        return d->status;
    b->ref = d->n_anchors - 1;
    return DOSSIER_OK;
}

static char *figure(pdf_doc *d, const dossier_indicator *ind)
{
    char buf[512];
    d->host->format_figure(ind, buf, sizeof buf);
    return pdf_arena_printf(&d->arena, "%s", buf);
}

static char *period(pdf_doc *d, const dossier_indicator *ind)
{
    char buf[512];
    d->host->format_period(ind, buf, sizeof buf);
    return pdf_arena_printf(&d->arena, "%s", buf);
}

/* "2020-06-30" → "2020年6月30日"; other forms are printed as they are. */
static char *date_zh(pdf_doc *d, const char *iso)
{
    int y, m, dd;
    char tail;
    if (sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) == 3)
        return pdf_arena_printf(&d->arena, "%d年%d月%d日", y, m, dd);
    if (sscanf(iso, "%4d-%2d%c", &y, &m, &tail) == 2)
        return pdf_arena_printf(&d->arena, "%d年%d月", y, m);
    return pdf_arena_printf(&d->arena, "%s", iso);
}

/* Appends to a growing string in the arena: returns a + b. */
static char *cat(pdf_doc *d, const char *a, const char *b)
{
    if (!a || !b)
        return NULL;
    return pdf_arena_printf(&d->arena, "%s%s", a, b);
}

static dossier_status title_block(pdf_doc *d)
{
    const dossier_profile *p = d->p;
    dossier_status s = anchor(d, p->name_zh, 1);
    if (s == DOSSIER_OK)
        s = text(d, PDF_TS_TITLE, p->name_zh, "name.zh", true);
    if (s == DOSSIER_OK && p->subtitle)
        s = text(d, PDF_TS_SUBTITLE, p->subtitle, "subtitle", true);
    if (s == DOSSIER_OK) {
        char *date = date_zh(d, p->as_of);
        s = text(d, PDF_TS_DATELINE, pdf_arena_printf(&d->arena, "（资料截至%s）", date ? date : ""),
                 "as_of", true);
    }
    if (s != DOSSIER_OK)
        return s;
    pdf_block *rule = push_block(d, PDF_BLK_RULE);
    if (!rule)
        return d->status;
    rule->height = d->st.ts[PDF_TS_META].leading * 0.6;

    if (p->area || p->population) {
        const char *facts = "";
        if (p->area)
            facts = pdf_arena_printf(&d->arena, "%s：%s", p->area->name, figure(d, p->area));
        if (p->population && facts)
            facts = pdf_arena_printf(&d->arena, "%s%s%s：%s", facts, p->area ? "；" : "",
                                     p->population->name, figure(d, p->population));
        s = text(d, PDF_TS_META, cat(d, facts, "。"), "facts", false);
        if (s != DOSSIER_OK)
            return s;
    }
    char *line = pdf_arena_printf(&d->arena, "资料来源：");
    for (size_t i = 0; i < p->n_sources && line; i++) {
        const dossier_source *src = p->sources[i];
        line = pdf_arena_printf(&d->arena, "%s%s《%s》%s%s%s", line, i ? "；" : "", src->title,
                                src->publisher ? "（" : "", src->publisher ? src->publisher : "",
                                src->publisher ? "）" : "");
    }
    if (p->n_sources)
        s = text(d, PDF_TS_META, cat(d, line, "。"), "sources", false);
    if (s == DOSSIER_OK)
        s = space(d, d->st.title_gap);
    return s;
}

static bool ends_with_stop(const char *s)
{
    static const char *const stops[] = {"。", "！", "？", "：", "；", ".", "!", "?", ":"};
    size_t n = strlen(s);
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        size_t k = strlen(stops[i]);
        if (n >= k && memcmp(s + n - k, stops[i], k) == 0)
            return true;
    }
    return false;
}

static dossier_status paragraphs(pdf_doc *d, const char *const *paras, size_t n,
                                 const char *path, size_t from)
{
    dossier_status s = DOSSIER_OK;
    for (size_t i = from; i < n && s == DOSSIER_OK; i++)
        s = text(d, PDF_TS_BODY, paras[i],
                 pdf_arena_printf(&d->arena, "%s.paragraphs[%zu]", path, i), false);
    return s;
}

/* Items below level 2, and enumerations "一是 … 二是 …" at any level, run in: their marker
 * and title open the first paragraph, as Chinese documents set them. */
static bool run_in(const dossier_section *sec)
{
    size_t n = sec->marker ? strlen(sec->marker) : 0;
    return sec->level > 2 || (n >= 3 && strcmp(sec->marker + n - 3, "是") == 0);
}

static dossier_status section(pdf_doc *d, const dossier_section *sec, const char *path)
{
    if (!path)
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    const char *marker = sec->marker ? sec->marker : "";
    char *head = pdf_arena_printf(&d->arena, "%s%s", marker, sec->title);
    dossier_status s = anchor(d, head, sec->level + 1);
    if (s != DOSSIER_OK)
        return s;
    if (!run_in(sec)) {
        s = text(d, sec->level == 1 ? PDF_TS_H1 : PDF_TS_H2, head,
                 pdf_arena_printf(&d->arena, "%s.title", path), true);
        if (s == DOSSIER_OK)
            s = paragraphs(d, sec->paragraphs, sec->n_paragraphs, path, 0);
    } else {
        const char *first = sec->n_paragraphs ? sec->paragraphs[0] : "";
        char *run = pdf_arena_printf(&d->arena, "%s%s%s", head,
                                     ends_with_stop(sec->title) || !*first ? "" : "。", first);
        s = text(d, PDF_TS_BODY, run, pdf_arena_printf(&d->arena, "%s.paragraphs[0]", path),
                 false);
        if (s == DOSSIER_OK)
            s = paragraphs(d, sec->paragraphs, sec->n_paragraphs, path, 1);
    }
    for (size_t i = 0; i < sec->n_children && s == DOSSIER_OK; i++)
        s = section(d, sec->children[i], pdf_arena_printf(&d->arena, "%s.sections[%zu]", path, i));
    return s;
}

static dossier_status document(pdf_doc *d, size_t index)
{
    const dossier_document *doc = d->p->documents[index];
    char *path = pdf_arena_printf(&d->arena, "documents[%zu]", index);
    dossier_status s = space(d, d->st.section_gap);
    if (s == DOSSIER_OK)
        s = anchor(d, doc->title, 1);
    if (s == DOSSIER_OK)
        s = text(d, PDF_TS_DOC_TITLE, doc->title, cat(d, path, ".title"), true);
    if (s == DOSSIER_OK)
        s = paragraphs(d, doc->paragraphs, doc->n_paragraphs, path, 0);
    for (size_t i = 0; i < doc->n_sections && s == DOSSIER_OK; i++)
        s = section(d, doc->sections[i],
                    pdf_arena_printf(&d->arena, "%s.sections[%zu]", path, i));
    return s;
}

/* The indicators the brief prints as figures (table rows and chart points), no repeats. */
typedef struct cited {
    const dossier_indicator **inds;
    size_t n, cap;
} cited;

static bool cite(cited *c, const dossier_indicator *ind)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->inds[i] == ind)
            return true;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 32;
        const dossier_indicator **g = realloc(c->inds, cap * sizeof *g);
        if (!g)
            return false;
        c->inds = g;
        c->cap = cap;
    }
    c->inds[c->n++] = ind;
    return true;
}

static dossier_status figures(pdf_doc *d, cited *c)
{
    const dossier_profile *p = d->p;
    const char *which = d->host->config_string(d->ctx, "table");
    const dossier_indicator *const *inds = p->key_figures;
    size_t n = p->n_key_figures;
    if (strcmp(which, "all") == 0) {
        inds = p->indicators;
        n = p->n_indicators;
    } else if (strcmp(which, "none") == 0) {
        n = 0;
    }
    bool charts = d->host->config_bool(d->ctx, "charts");
    size_t n_charts = 0;
    for (size_t i = 0; charts && i < p->n_charts; i++)
        if (p->charts[i]->series && p->charts[i]->series->n_points)
            n_charts++;
    if (n == 0 && n_charts == 0)
        return DOSSIER_OK;

    const char *head = n ? "主要指标" : "图示";
    dossier_status s = anchor(d, head, 1);
    if (s == DOSSIER_OK)
        s = text(d, PDF_TS_H1, head, "key_figures", true);
    if (n && s == DOSSIER_OK) {
        s = text(d, PDF_TS_CAPTION, "表1　主要指标", "key_figures", true);
        size_t ref;
        if (s == DOSSIER_OK)
            s = pdf_table_build(d, inds, n, &ref);
        if (s != DOSSIER_OK)
            return s;
        pdf_block *b = push_block(d, PDF_BLK_TABLE);
        if (!b)
            return d->status;
        b->ref = ref;
        for (size_t i = 0; i < n; i++)
            if (!cite(c, inds[i]))
                return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        s = text(d, PDF_TS_NOTE,
                 "注：数值按资料所载精度列出；“来源”栏编号对应文末“资料来源”。",
                 "key_figures", false);
        if (s == DOSSIER_OK)
            d->blocks[d->n_blocks - 1].keep_prev = true;
    }
    int number = 0;
    for (size_t i = 0; charts && i < p->n_charts && s == DOSSIER_OK; i++) {
        const dossier_chart *ch = p->charts[i];
        if (!ch->series || !ch->series->n_points)
            continue;
        size_t ref;
        s = space(d, d->st.section_gap);
        if (s == DOSSIER_OK)
            s = pdf_chart_build(d, ch, ++number, &ref);
        if (s != DOSSIER_OK)
            return s;
        pdf_block *b = push_block(d, PDF_BLK_CHART);
        if (!b)
            return d->status;
        b->ref = ref;
        for (size_t k = 0; k < ch->series->n_points; k++)
            if (!cite(c, ch->series->points[k]))
                return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        for (size_t k = 0; ch->secondary && k < ch->secondary->n_points; k++)
            if (!cite(c, ch->secondary->points[k]))
                return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    return s;
}

static dossier_status sources(pdf_doc *d, const cited *c)
{
    const dossier_profile *p = d->p;
    if (!p->n_sources)
        return DOSSIER_OK;
    dossier_status s = space(d, d->st.section_gap);
    if (s == DOSSIER_OK)
        s = anchor(d, "资料来源", 1);
    if (s == DOSSIER_OK)
        s = text(d, PDF_TS_H1, "资料来源", "sources", true);
    for (size_t i = 0; i < p->n_sources && s == DOSSIER_OK; i++) {
        const dossier_source *src = p->sources[i];
        char *where = pdf_arena_printf(&d->arena, "sources[%zu]", i);
        char *line = pdf_arena_printf(
            &d->arena, "[%zu] 《%s》%s%s%s%s%s%s。", i + 1, src->title,
            src->publisher ? "，" : "", src->publisher ? src->publisher : "",
            src->date ? "，" : "", src->date ? src->date : "", src->origin ? "，原文：" : "",
            src->origin ? src->origin : "");
        s = text(d, PDF_TS_NOTE, line, where, false);
        char *list = NULL;
        for (size_t k = 0; k < c->n && s == DOSSIER_OK; k++) {
            const dossier_indicator *ind = c->inds[k];
            if (ind->source != src)
                continue;
            const char *sec_marker = ind->section && ind->section->marker ? ind->section->marker
                                                                          : "";
            char *item = pdf_arena_printf(&d->arena, "%s%s（%s%s%s%s）", ind->name,
                                          figure(d, ind), period(d, ind),
                                          ind->section ? "，" : "", sec_marker,
                                          ind->section ? ind->section->title : "");
            list = list ? pdf_arena_printf(&d->arena, "%s；%s", list, item ? item : "") : item;
            if (!list)
                return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        }
        if (list && s == DOSSIER_OK)
            s = text(d, PDF_TS_NOTE, pdf_arena_printf(&d->arena, "所引数据：%s。", list), where,
                     false);
    }
    return s;
}

dossier_status pdf_content_build(pdf_doc *d)
{
    cited c = {0};
    dossier_status s = title_block(d);
    if (s == DOSSIER_OK)
        s = figures(d, &c);
    for (size_t i = 0; i < d->p->n_documents && s == DOSSIER_OK; i++)
        s = document(d, i);
    if (s == DOSSIER_OK)
        s = sources(d, &c);
    free(c.inds);
    return s;
}

dossier_status pdf_content_register_text(pdf_doc *d)
{
    dossier_status s = DOSSIER_OK;
    for (size_t i = 0; i < d->n_blocks && s == DOSSIER_OK; i++) {
        const pdf_block *b = &d->blocks[i];
        if (b->kind == PDF_BLK_TEXT)
            s = pdf_fonts_use(d, d->st.ts[b->ts].role, b->text, b->where);
        else if (b->kind == PDF_BLK_TABLE)
            s = pdf_table_register_text(d, d->tables[b->ref]);
        else if (b->kind == PDF_BLK_CHART)
            s = pdf_chart_register_text(d, d->charts[b->ref]);
    }
    /* Page numbers: "— 12 —". */
    if (s == DOSSIER_OK)
        s = pdf_fonts_use(d, d->st.ts[PDF_TS_PAGE_NUMBER].role, "— 0123456789", "page numbers");
    return s;
}
