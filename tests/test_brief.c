/* test_brief.c — the brief composer (brief_settings.c, brief_compose.c): every template, the
 * parts and their order, every composition decision (title block, facts, table rows and
 * columns, notes and their markers, run-in items, paired chart points and unlike periods,
 * sources and cited figures, masthead and colophon), labels, template files, the precedence
 * of a format's own keys, and the reproducible timestamp. Expectations come from the profile
 * files (data/haidian.json, tests/data/good/qingxi.json) as written, not from the composer.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brief_compose.h"
#include "dossier/plugin_util.h"
#include "figure_match.h"
#include "profile.h"

#define HAIDIAN SOURCE_DIR "/data/haidian.json"
#define QINGXI TEST_DATA_DIR "/good/qingxi.json"
#define EDGE TEST_DATA_DIR "/good/edge.json"
#define MENTIONS TEST_DATA_DIR "/brief/mentions.json"

/* ---- helpers ------------------------------------------------------------------------ */

typedef struct fixture {
    dossier_profile *p;
    config cfg;
    diag_list d;
    brief_settings s;
    bool have_settings;
    brief_doc *doc;
    const dossier_brief *b;
} fixture;

static void dump(const diag_list *d)
{
    for (size_t i = 0; i < d->count; i++)
        fprintf(stderr, "  diag: %s\n", d->items[i].text);
}

static void open_profile(fixture *f, const char *path)
{
    memset(f, 0, sizeof *f);
    diag_init(&f->d);
    config_init(&f->cfg);
    cr_assert_eq(profile_load(path, 1 << 26, &f->p, &f->d), PROFILE_OK);
}

static void set(fixture *f, const char *arg)
{
    cr_assert_eq(config_set_arg(&f->cfg, arg, &f->d), CONFIG_OK, "%s", arg);
}

/* The overlapping keys a document format declares (as pdf, html, md and txt do). */
static const dossier_option format_options[] = {
    {"table", DOSSIER_OPT_CHOICE, "key", "", 0, 0, "key|all|none"},
    {"charts", DOSSIER_OPT_STRING, "all", "", 0, 0, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};
static const dossier_option txt_options[] = {
    {"table", DOSSIER_OPT_CHOICE, "key", "", 0, 0, "key|all|none"},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

/* Reads the settings (for `format`, or none) and composes; false when either fails. */
static bool compose_for(fixture *f, const char *format)
{
    if (!brief_settings_read(&f->cfg, format, format ? format_options : NULL, f->p->path, &f->s,
                             &f->d))
        return false;
    f->have_settings = true;
    f->doc = brief_compose(f->p, &f->s, &f->d);
    f->b = brief_doc_brief(f->doc);
    return f->doc != NULL;
}

static void compose_ok(fixture *f)
{
    bool ok = compose_for(f, NULL);
    if (!ok)
        dump(&f->d);
    cr_assert(ok);
}

static void close_fixture(fixture *f)
{
    brief_doc_free(f->doc);
    if (f->have_settings)
        brief_settings_free(&f->s);
    profile_free(f->p);
    config_free(&f->cfg);
    diag_free(&f->d);
}

static bool has_diag(const diag_list *d, const char *gist)
{
    for (size_t i = 0; i < d->count; i++)
        if (strstr(d->items[i].text, gist))
            return true;
    return false;
}

/* The top-level node kinds in order, as letters: M T F S(part) C … */
static void shape(const dossier_brief *b, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t i = 0; i < b->n_nodes; i++) {
        const dossier_brief_node *n = b->nodes[i];
        const char *w = "?";
        switch (n->kind) {
        case DOSSIER_NODE_MASTHEAD: w = "masthead"; break;
        case DOSSIER_NODE_TITLE: w = "title"; break;
        case DOSSIER_NODE_FACTS: w = "facts"; break;
        case DOSSIER_NODE_COLOPHON: w = "colophon"; break;
        case DOSSIER_NODE_SECTION:
            w = n->section->part == DOSSIER_PART_TABLE      ? "table"
                : n->section->part == DOSSIER_PART_CHARTS   ? "charts"
                : n->section->part == DOSSIER_PART_DOCUMENT ? "document"
                : n->section->part == DOSSIER_PART_SOURCES  ? "sources"
                                                            : "?";
            break;
        default: break;
        }
        if (buf[0])
            strncat(buf, ",", cap - strlen(buf) - 1);
        strncat(buf, w, cap - strlen(buf) - 1);
    }
}

static const dossier_brief_node *top(const dossier_brief *b, dossier_brief_kind kind,
                                     dossier_brief_part part)
{
    for (size_t i = 0; i < b->n_nodes; i++)
        if (b->nodes[i]->kind == kind &&
            (kind != DOSSIER_NODE_SECTION || b->nodes[i]->section->part == part))
            return b->nodes[i];
    return NULL;
}

static const dossier_brief_table *the_table(const dossier_brief *b)
{
    const dossier_brief_node *s = top(b, DOSSIER_NODE_SECTION, DOSSIER_PART_TABLE);
    cr_assert_not_null(s);
    cr_assert_eq(s->children[0]->kind, DOSSIER_NODE_HEADING);
    cr_assert_eq(s->children[1]->kind, DOSSIER_NODE_TABLE);
    return s->children[1]->table;
}

static const dossier_indicator *indicator(const dossier_profile *p, const char *id)
{
    for (size_t i = 0; i < p->n_indicators; i++)
        if (strcmp(p->indicators[i]->id, id) == 0)
            return p->indicators[i];
    cr_assert_fail("no indicator %s", id);
    return NULL;
}

/* Depth-first search for the node that renders section `id` (a SECTION or a run-in
 * PARAGRAPH carrying the id). */
static const dossier_brief_node *find_id(const dossier_brief_node *n, const char *id)
{
    if (n->id && strcmp(n->id, id) == 0)
        return n;
    for (size_t i = 0; i < n->n_children; i++) {
        const dossier_brief_node *hit = find_id(n->children[i], id);
        if (hit)
            return hit;
    }
    return NULL;
}

static const dossier_brief_node *find(const dossier_brief *b, const char *id)
{
    for (size_t i = 0; i < b->n_nodes; i++) {
        const dossier_brief_node *hit = find_id(b->nodes[i], id);
        if (hit)
            return hit;
    }
    return NULL;
}

/* The k-th FIGURE below n in reading order (k counts down), or NULL; *parent is its parent
 * and *at its index there. */
static const dossier_brief_node *figure_below(const dossier_brief_node *n, size_t *k,
                                              const dossier_brief_node **parent, size_t *at)
{
    for (size_t i = 0; i < n->n_children; i++) {
        const dossier_brief_node *c = n->children[i];
        if (c->kind == DOSSIER_NODE_FIGURE && (*k)-- == 0) {
            *parent = n;
            *at = i;
            return c;
        }
        const dossier_brief_node *hit = figure_below(c, k, parent, at);
        if (hit)
            return hit;
    }
    return NULL;
}

/* The k-th figure of the brief in reading order (0-based), wherever it stands, or NULL. */
static const dossier_brief_node *nth_figure(const dossier_brief *b, size_t k,
                                            const dossier_brief_node **parent, size_t *at)
{
    for (size_t i = 0; i < b->n_nodes; i++) {
        const dossier_brief_node *hit = figure_below(b->nodes[i], &k, parent, at);
        if (hit)
            return hit;
    }
    return NULL;
}

static const dossier_brief_figure *figure_at(const dossier_brief *b, size_t k)
{
    const dossier_brief_node *parent, *n = nth_figure(b, k, &parent, &(size_t){0});
    cr_assert_not_null(n, "the brief has a figure %zu", k + 1);
    return n->figure;
}

static size_t count_figures(const dossier_brief *b)
{
    size_t n = 0;
    const dossier_brief_node *parent;
    size_t at;
    while (nth_figure(b, n, &parent, &at))
        n++;
    return n;
}

/* Where the figure titled `title` stands: the `where` of the node right before it among its
 * siblings (the paragraph it follows), or "charts" when it is in the charts part. */
static const char *figure_after(const dossier_brief *b, const char *title)
{
    const dossier_brief_node *parent, *n;
    size_t at;
    for (size_t k = 0; (n = nth_figure(b, k, &parent, &at)); k++)
        if (strcmp(n->figure->title, title) == 0) {
            if (parent->kind == DOSSIER_NODE_SECTION && parent->section->part == DOSSIER_PART_CHARTS)
                return "charts";
            while (at > 0 && parent->children[at - 1]->kind == DOSSIER_NODE_FIGURE)
                at--; /* figures of one paragraph follow each other */
            cr_assert_gt(at, 0);
            return parent->children[at - 1]->where;
        }
    cr_assert_fail("no figure %s", title);
    return NULL;
}

/* ---- templates and parts ------------------------------------------------------------ */

Test(brief, report_is_the_default_and_has_no_masthead_or_colophon)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    char s[256];
    shape(f.b, s, sizeof s);
    /* two source documents in haidian.json; both figures stand in the first (figures =
       mention), so no charts part is left */
    cr_assert_str_eq(s, "title,facts,table,document,document,sources");
    cr_assert_eq(f.b->form, DOSSIER_TEMPLATE_REPORT);
    cr_assert_str_eq(f.b->template_name, "report");
    close_fixture(&f);
}

Test(brief, parts_follow_the_configured_order_and_empty_parts_are_left_out)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.parts=sources, title ,narrative");
    compose_ok(&f);
    char s[256];
    shape(f.b, s, sizeof s);
    cr_assert_str_eq(s, "sources,title,document,document");
    close_fixture(&f);

    open_profile(&f, HAIDIAN);
    set(&f, "brief.table=none");
    set(&f, "brief.charts=none");
    compose_ok(&f);
    shape(f.b, s, sizeof s);
    cr_assert_str_eq(s, "title,facts,document,document,sources", "no heading without content");
    close_fixture(&f);
}

Test(brief, unknown_or_repeated_parts_are_errors_naming_the_key)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.parts=title,summary,title");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "unknown part \"summary\""));
    cr_assert(has_diag(&f.d, "part \"title\" is listed twice"));
    cr_assert(has_diag(&f.d, "[brief] parts"));
    close_fixture(&f);
}

Test(brief, bulletin_has_its_masthead_and_tail)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.template=bulletin");
    set(&f, "brief.name=海淀区情简报");
    set(&f, "brief.issue=3");
    set(&f, "brief.issuer=海淀区统计局");
    set(&f, "brief.classification=内部资料　注意保存");
    set(&f, "brief.report_to=区委、区政府领导");
    set(&f, "brief.send_to=各委办局");
    set(&f, "brief.distribute_to=各街镇");
    set(&f, "brief.copies=50");
    compose_ok(&f);
    char s[256];
    shape(f.b, s, sizeof s);
    cr_assert_str_eq(s, "masthead,title,facts,table,document,document,sources,colophon");
    const dossier_brief_masthead *m = f.b->nodes[0]->masthead;
    cr_assert_eq(m->form, DOSSIER_TEMPLATE_BULLETIN);
    cr_assert_str_eq(m->name, "海淀区情简报");
    cr_assert_str_eq(m->issue, "第3期");
    cr_assert_str_eq(m->issuer, "海淀区统计局编");
    cr_assert_str_eq(m->classification, "内部资料　注意保存");
    cr_assert_str_eq(m->date, "2020年6月30日", "the profile's as_of 2020-06-30");
    cr_assert_null(m->number);
    const dossier_brief_colophon *c = f.b->nodes[f.b->n_nodes - 1]->colophon;
    cr_assert_eq(c->n_lines, 3);
    cr_assert_str_eq(c->lines[0]->label, "报");
    cr_assert_str_eq(c->lines[1]->label, "送");
    cr_assert_str_eq(c->lines[2]->label, "发");
    cr_assert_str_eq(c->lines[2]->text, "各街镇");
    cr_assert_str_eq(c->right, "（共印50份）");
    close_fixture(&f);
}

Test(brief, bulletin_issue_and_date_as_given)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.template=bulletin");
    set(&f, "brief.name=区情");
    set(&f, "brief.issue=第12期（总第40期）");
    set(&f, "brief.issuer=海淀区统计局编印");
    set(&f, "brief.date=2020-07-15");
    compose_ok(&f);
    const dossier_brief_masthead *m = f.b->nodes[0]->masthead;
    cr_assert_str_eq(m->issue, "第12期（总第40期）");
    cr_assert_str_eq(m->issuer, "海淀区统计局编印");
    cr_assert_str_eq(m->date, "2020年7月15日");
    cr_assert_str_eq(f.b->date_iso, "2020-07-15");
    /* no 报/送/发 and no copies: no tail at all */
    cr_assert_neq(f.b->nodes[f.b->n_nodes - 1]->kind, DOSSIER_NODE_COLOPHON);
    close_fixture(&f);
}

Test(brief, official_has_the_gbt9704_head_and_record)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.template=official");
    set(&f, "brief.issuer=北京市海淀区人民政府");
    set(&f, "brief.number=海政发〔2020〕12号");
    set(&f, "brief.cc=区委办公室，区人大常委会办公室");
    set(&f, "brief.printer=北京市海淀区人民政府办公室");
    set(&f, "brief.print_date=2020-07-01");
    compose_ok(&f);
    const dossier_brief_masthead *m = f.b->nodes[0]->masthead;
    cr_assert_eq(m->form, DOSSIER_TEMPLATE_OFFICIAL);
    cr_assert_str_eq(m->name, "北京市海淀区人民政府文件");
    cr_assert_str_eq(m->number, "海政发〔2020〕12号");
    cr_assert_null(m->issue);
    const dossier_brief_colophon *c = f.b->nodes[f.b->n_nodes - 1]->colophon;
    cr_assert_eq(c->form, DOSSIER_TEMPLATE_OFFICIAL);
    cr_assert_eq(c->n_lines, 1);
    cr_assert_str_eq(c->lines[0]->label, "抄送");
    cr_assert_str_eq(c->lines[0]->text, "区委办公室，区人大常委会办公室。");
    cr_assert_str_eq(c->left, "北京市海淀区人民政府办公室");
    cr_assert_str_eq(c->right, "2020年7月1日印发");
    cr_assert_str_eq(f.b->author, "北京市海淀区人民政府");
    close_fixture(&f);
}

Test(brief, official_defaults_printer_and_date)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.template=official");
    set(&f, "brief.issuer=北京市海淀区人民政府");
    compose_ok(&f);
    const dossier_brief_colophon *c = f.b->nodes[f.b->n_nodes - 1]->colophon;
    cr_assert_eq(c->n_lines, 0);
    cr_assert_str_eq(c->left, "北京市海淀区人民政府");
    cr_assert_str_eq(c->right, "2020年6月30日印发");
    close_fixture(&f);
}

Test(brief, forms_refuse_a_masthead_without_its_required_field)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.template=official");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "set [brief] issuer"));
    close_fixture(&f);

    open_profile(&f, HAIDIAN);
    set(&f, "brief.template=bulletin");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "set [brief] name"));
    close_fixture(&f);

    /* without the masthead part, nothing is required */
    open_profile(&f, HAIDIAN);
    set(&f, "brief.template=official");
    set(&f, "brief.parts=title,narrative");
    compose_ok(&f);
    close_fixture(&f);
}

/* ---- title block and facts ---------------------------------------------------------- */

Test(brief, title_block_and_facts_are_decided_once)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    const dossier_brief_title *t = f.b->nodes[0]->title;
    cr_assert_str_eq(t->title, "海淀区");
    cr_assert_str_eq(t->name_en, "Haidian District");
    cr_assert_str_eq(t->subtitle, "区情概览与创新创业发展");
    cr_assert_str_eq(t->dateline, "资料截至2020年6月30日");

    const dossier_brief_node *facts = f.b->nodes[1];
    cr_assert_eq(facts->n_children, 3);
    const dossier_brief_fact *parent = facts->children[0]->fact;
    cr_assert_str_eq(parent->label, "所属");
    cr_assert_str_eq(parent->text, "北京市");
    cr_assert_str_eq(parent->detail, "Beijing");
    /* area and population under the indicators' own names, not fixed labels */
    const dossier_brief_fact *area = facts->children[1]->fact;
    cr_assert_str_eq(area->label, f.p->area->name);
    cr_assert_str_eq(area->text, "430.77平方公里");
    cr_assert_null(area->detail, "undated: no period in brackets");
    cr_assert_eq(area->indicator, f.p->area);
    cr_assert_str_eq(facts->children[2]->fact->label, f.p->population->name);
    close_fixture(&f);
}

Test(brief, english_off_drops_english_names)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.english=false");
    compose_ok(&f);
    cr_assert_null(f.b->nodes[0]->title->name_en);
    cr_assert_null(f.b->nodes[1]->children[0]->fact->detail);
    close_fixture(&f);
}

/* ---- the table ---------------------------------------------------------------------- */

Test(brief, key_table_has_five_columns_and_the_key_figures)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    const dossier_brief_table *t = the_table(f.b);
    cr_assert_null(t->caption, "the part's heading names the table");
    cr_assert_eq(t->n_columns, 5);
    const char *labels[] = {"指标", "数值", "时期", "范围", "来源"};
    for (size_t i = 0; i < 5; i++)
        cr_assert_str_eq(t->columns[i]->label, labels[i]);
    cr_assert_eq(t->columns[t->figure_column]->align, DOSSIER_ALIGN_RIGHT);
    cr_assert_not(t->columns[t->figure_column]->wraps);
    cr_assert_eq(t->n_rows, f.p->n_key_figures);
    for (size_t i = 0; i < t->n_rows; i++) {
        cr_assert_eq(t->rows[i]->indicator, f.p->key_figures[i]);
        cr_assert_str_eq(t->rows[i]->cells[0]->text, f.p->key_figures[i]->name);
        cr_assert_str_eq(t->rows[i]->value, f.p->key_figures[i]->value_text);
    }
    const dossier_indicator *gdp = indicator(f.p, "gdp_2019");
    for (size_t i = 0; i < t->n_rows; i++)
        if (t->rows[i]->indicator == gdp) {
            cr_assert_str_eq(t->rows[i]->cells[1]->text, "7926.0亿元", "precision kept");
            cr_assert_str_eq(t->rows[i]->cells[2]->text, "2019年");
            cr_assert_str_eq(t->rows[i]->cells[3]->text, "海淀区");
            cr_assert_str_eq(t->rows[i]->cells[4]->text, "[1]");
        }
    const dossier_brief_node *sec = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_TABLE);
    cr_assert_str_eq(sec->children[0]->heading->title, "主要指标");
    cr_assert_eq(sec->children[0]->heading->level, 1);
    close_fixture(&f);
}

Test(brief, table_all_lists_every_indicator_under_its_own_label_and_no_caption)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.table=all");
    compose_ok(&f);
    const dossier_brief_table *t = the_table(f.b);
    cr_assert_eq(t->n_rows, f.p->n_indicators);
    cr_assert_null(t->caption);
    const dossier_brief_node *sec = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_TABLE);
    cr_assert_str_eq(sec->children[0]->heading->title, "指标");
    close_fixture(&f);
}

Test(brief, indicators_list_chooses_rows_and_unknown_ids_are_errors)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.indicators=gdp_2019, area");
    compose_ok(&f);
    const dossier_brief_table *t = the_table(f.b);
    cr_assert_eq(t->n_rows, 2);
    cr_assert_str_eq(t->rows[0]->indicator->id, "gdp_2019");
    cr_assert_str_eq(t->rows[1]->indicator->id, "area");
    close_fixture(&f);

    open_profile(&f, HAIDIAN);
    set(&f, "brief.indicators=gdp_2019,no_such_figure");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "[brief] indicators names \"no_such_figure\""));
    cr_assert(has_diag(&f.d, "haidian.json"));
    close_fixture(&f);
}

Test(brief, notes_are_numbered_once_and_follow_their_figure)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    const dossier_brief_table *t = the_table(f.b);
    /* a general note first, without a marker */
    cr_assert_null(t->notes[0]->marker);
    cr_assert(strstr(t->notes[0]->text, "精度"));
    /* every key figure with a note: its figure cell points to the note, which is listed */
    size_t numbered = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        const dossier_indicator *ind = t->rows[i]->indicator;
        const dossier_brief_note *n = t->rows[i]->cells[t->figure_column]->note;
        if (!ind->note) {
            cr_assert_null(n);
            continue;
        }
        cr_assert_not_null(n, "%s has a note", ind->id);
        cr_assert_str_eq(n->text, ind->note);
        cr_assert_eq(n->indicator, ind);
        bool listed = false;
        for (size_t k = 1; k < t->n_notes; k++)
            listed |= t->notes[k] == n;
        cr_assert(listed);
        numbered++;
    }
    cr_assert_eq(t->n_notes, numbered + 1);
    cr_assert_str_eq(t->notes[1]->marker, "①");
    cr_assert_str_eq(t->notes[2]->marker, "②");
    /* the same indicator keeps its marker in the chart */
    const dossier_indicator *gdp = indicator(f.p, "gdp_2019");
    const dossier_brief_note *table_note = NULL;
    for (size_t i = 0; i < t->n_rows; i++)
        if (t->rows[i]->indicator == gdp)
            table_note = t->rows[i]->cells[1]->note;
    const dossier_brief_figure *fig = figure_at(f.b, 0);
    for (size_t i = 0; i < fig->n_points; i++)
        if (fig->points[i]->primary == gdp)
            cr_assert_eq(fig->points[i]->note, table_note);
    close_fixture(&f);
}

Test(brief, markers_past_ten_are_bracketed_numbers)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.table=all");
    compose_ok(&f);
    size_t with_note = 0;
    for (size_t i = 0; i < f.p->n_indicators; i++)
        with_note += f.p->indicators[i]->note != NULL;
    cr_assert_gt(with_note, 11, "haidian.json has more than eleven notes");
    /* GBK, the oldest encoding the txt format writes, has ① to ⑩ only */
    cr_assert_str_eq(f.b->notes[9]->marker, "⑩");
    cr_assert_str_eq(f.b->notes[10]->marker, "(11)");
    close_fixture(&f);
}

Test(brief, no_sources_no_source_column_and_no_sources_part)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    f.p->n_sources = 0; /* the loader requires sources; a plugin may still meet a brief without */
    compose_ok(&f);
    char s[256];
    shape(f.b, s, sizeof s);
    cr_assert_str_eq(s, "title,facts,table,document,document");
    const dossier_brief_table *t = the_table(f.b);
    cr_assert_eq(t->n_columns, 4);
    cr_assert_null(strstr(t->notes[0]->text, "来源"));
    close_fixture(&f);
}

/* ---- charts ------------------------------------------------------------------------- */

Test(brief, chart_points_are_paired_by_period_and_unlike_periods_flagged)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    cr_assert_eq(count_figures(f.b), f.p->n_charts);
    const dossier_brief_figure *fig = figure_at(f.b, 0);
    const dossier_chart *ch = f.p->charts[0];
    cr_assert_eq(fig->chart, ch);
    cr_assert_str_eq(fig->caption, "图1　地区生产总值");
    cr_assert_eq(fig->n_points, ch->series->n_points);
    size_t unlike = 0;
    for (size_t i = 0; i < fig->n_points; i++) {
        const dossier_brief_point *pt = fig->points[i];
        cr_assert_eq(pt->primary, ch->series->points[i]);
        /* the secondary point, when there is one, has the same period */
        if (pt->secondary)
            cr_assert_str_eq(pt->secondary->period, pt->primary->period);
        else
            for (size_t k = 0; ch->secondary && k < ch->secondary->n_points; k++)
                cr_assert_str_neq(ch->secondary->points[k]->period, pt->primary->period);
        if (strcmp(pt->primary->period, "2020H1") == 0) {
            cr_assert(pt->unlike, "a half-year among years");
            cr_assert_not_null(pt->unlike_note);
            cr_assert(strstr(pt->unlike_note->text, "2020年上半年为半年数据"));
            cr_assert(strstr(pt->unlike_note->text, "年度数据"));
            unlike++;
        } else {
            cr_assert_not(pt->unlike);
        }
        cr_assert(pt->has_value);
    }
    cr_assert_eq(unlike, 1);
    close_fixture(&f);
}

Test(brief, charts_can_be_chosen_by_number)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.charts=2");
    compose_ok(&f);
    cr_assert_eq(count_figures(f.b), 1);
    cr_assert_eq(figure_at(f.b, 0)->chart, f.p->charts[1]);
    cr_assert_eq(figure_at(f.b, 0)->number, 1, "numbered among the brief's figures");
    close_fixture(&f);

    open_profile(&f, HAIDIAN);
    set(&f, "brief.charts=7");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "[brief] charts names chart 7"));
    close_fixture(&f);
}

/* ---- figure placement ([brief] figures) --------------------------------------------- */

/* Every node below n in reading order as "kind:where" lines (figures by caption), for
 * comparing the shape of two trees. */
static void trail(const dossier_brief_node *n, char *buf, size_t cap)
{
    char line[512];
    snprintf(line, sizeof line, "%d:%s:%s\n", (int)n->kind, n->where ? n->where : "",
             n->kind == DOSSIER_NODE_FIGURE ? n->figure->caption : n->id ? n->id : "");
    strncat(buf, line, cap - strlen(buf) - 1);
    for (size_t i = 0; i < n->n_children; i++)
        trail(n->children[i], buf, cap);
}

Test(brief, figures_stand_right_after_the_paragraph_that_first_mentions_them)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    /* 7926.0亿元, 7.0% (the GDP chart) and 22.4% (the share chart) are first stated in (一)双创推动
       区域经济高质量发展, overview.2.1, whose one paragraph both figures follow, in their order */
    const char *para = "documents[0].sections[1].sections[0].paragraphs[0]";
    cr_assert_str_eq(figure_after(f.b, "地区生产总值"), para);
    cr_assert_str_eq(figure_after(f.b, "地区生产总值占全市比重"), para);
    const dossier_brief_node *sec = find(f.b, "overview.2.1");
    cr_assert_not_null(sec);
    cr_assert_eq(sec->n_children, 4, "heading, paragraph, two figures");
    cr_assert_eq(sec->children[2]->figure->chart, f.p->charts[0]);
    cr_assert_eq(sec->children[3]->figure->chart, f.p->charts[1]);
    cr_assert_str_eq(sec->children[2]->figure->caption, "图1　地区生产总值");
    cr_assert_str_eq(sec->children[3]->figure->caption, "图2　地区生产总值占全市比重");
    cr_assert_str_eq(sec->children[2]->id, "figure-1");
    cr_assert_null(top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_CHARTS), "no empty charts part");
    /* the unlike-period note goes with its figure */
    const dossier_brief_figure *fig = sec->children[2]->figure;
    const dossier_brief_note *unlike = NULL;
    for (size_t i = 0; i < fig->n_points; i++)
        if (fig->points[i]->unlike)
            unlike = fig->points[i]->unlike_note;
    cr_assert_not_null(unlike);
    bool listed = false;
    for (size_t i = 0; i < fig->n_notes; i++)
        listed |= fig->notes[i] == unlike;
    cr_assert(listed, "the figure lists its unlike-period note");
    close_fixture(&f);
}

Test(brief, a_mention_is_the_cited_paragraph_holding_the_quote_or_the_figure)
{
    fixture f;
    open_profile(&f, MENTIONS);
    compose_ok(&f);
    /* 256.80亿元 (2023) in the second paragraph of 一、, before 240.10亿元 (2022) in the third:
       the chart follows the earliest point's mention, not the section's first paragraph */
    cr_assert_str_eq(figure_after(f.b, "地区生产总值"), "documents[0].sections[0].paragraphs[1]");
    /* 12.5万人 is in both paragraphs of 三、; the quote picks the second */
    cr_assert_str_eq(figure_after(f.b, "就业"), "documents[0].sections[2].paragraphs[1]");
    /* 5.1% is not written in 三、: the cited section's first paragraph stands for it */
    cr_assert_str_eq(figure_after(f.b, "收入增长"), "documents[0].sections[2].paragraphs[0]");
    /* no section cited: the document's lead paragraph that states 31.2万人 */
    cr_assert_str_eq(figure_after(f.b, "户籍人口"), "documents[0].paragraphs[0]");
    close_fixture(&f);
}

Test(brief, a_figure_mentioned_in_an_enumeration_follows_the_whole_enumeration)
{
    fixture f;
    open_profile(&f, MENTIONS);
    compose_ok(&f);
    /* 88.5亿元 is in 一是's paragraph (run in); the figure does not split 一是 from its second
       paragraph nor from 二是: it follows 二是's last paragraph */
    cr_assert_str_eq(figure_after(f.b, "固定资产投资"),
                     "documents[0].sections[1].sections[1].paragraphs[1]");
    const dossier_brief_node *sec = find(f.b, "b");
    cr_assert_eq(sec->children[sec->n_children - 1]->kind, DOSSIER_NODE_FIGURE,
                 "last in 二、, before 三、");
    close_fixture(&f);
}

Test(brief, unmentioned_figures_keep_their_part_and_figures_are_numbered_as_read)
{
    fixture f;
    open_profile(&f, MENTIONS);
    compose_ok(&f);
    /* 接待游客's source has no narrative in the profile: it stays in 图表, read first */
    cr_assert_str_eq(figure_after(f.b, "接待游客"), "charts");
    const dossier_brief_node *charts = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_CHARTS);
    cr_assert_not_null(charts);
    cr_assert_eq(charts->n_children, 2, "the heading and the one unmentioned figure");
    cr_assert_str_eq(charts->children[0]->heading->title, "图表");
    static const char *const read[] = {"接待游客", "户籍人口", "地区生产总值", "固定资产投资",
                                       "收入增长", "就业"};
    cr_assert_eq(count_figures(f.b), 6);
    for (size_t i = 0; i < 6; i++) {
        const dossier_brief_node *parent, *n = nth_figure(f.b, i, &parent, &(size_t){0});
        cr_assert_str_eq(n->figure->title, read[i]);
        cr_assert_eq(n->figure->number, (int)i + 1);
        char id[32];
        snprintf(id, sizeof id, "figure-%zu", i + 1);
        cr_assert_str_eq(n->id, id);
    }
    close_fixture(&f);

    /* the charts part after the narrative: its figure is read last */
    open_profile(&f, MENTIONS);
    set(&f, "brief.parts=title,table,narrative,charts,sources");
    compose_ok(&f);
    char s[256];
    shape(f.b, s, sizeof s);
    cr_assert_str_eq(s, "title,table,document,charts,sources");
    cr_assert_str_eq(figure_at(f.b, 5)->title, "接待游客");
    cr_assert_eq(figure_at(f.b, 5)->number, 6);
    cr_assert_str_eq(figure_at(f.b, 0)->title, "户籍人口");
    close_fixture(&f);
}

Test(brief, figures_part_keeps_every_figure_in_the_charts_part)
{
    static char with_part[65536], without[65536];
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.figures=part");
    compose_ok(&f);
    char s[256];
    shape(f.b, s, sizeof s);
    cr_assert_str_eq(s, "title,facts,table,charts,document,document,sources");
    const dossier_brief_node *charts = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_CHARTS);
    cr_assert_eq(charts->n_children, 1 + f.p->n_charts);
    cr_assert_str_eq(charts->children[0]->heading->title, "图表");
    for (size_t i = 0; i < f.p->n_charts; i++) {
        cr_assert_eq(charts->children[i + 1]->figure->chart, f.p->charts[i], "profile order");
        cr_assert_eq(charts->children[i + 1]->figure->number, (int)i + 1);
    }
    cr_assert_eq(count_figures(f.b), f.p->n_charts, "none in the narrative");
    with_part[0] = '\0';
    for (size_t i = 0; i < f.b->n_nodes; i++)
        if (f.b->nodes[i]->kind == DOSSIER_NODE_SECTION &&
            f.b->nodes[i]->section->part == DOSSIER_PART_DOCUMENT)
            trail(f.b->nodes[i], with_part, sizeof with_part);
    close_fixture(&f);

    /* the narrative is the one a brief without charts has, node for node */
    open_profile(&f, HAIDIAN);
    set(&f, "brief.charts=none");
    compose_ok(&f);
    without[0] = '\0';
    for (size_t i = 0; i < f.b->n_nodes; i++)
        if (f.b->nodes[i]->kind == DOSSIER_NODE_SECTION &&
            f.b->nodes[i]->section->part == DOSSIER_PART_DOCUMENT)
            trail(f.b->nodes[i], without, sizeof without);
    cr_assert_gt(strlen(without), 1000);
    cr_assert_lt(strlen(without), sizeof without - 1, "the trail is whole");
    cr_assert_str_eq(with_part, without);
    close_fixture(&f);

    /* profile order, whatever the text says */
    open_profile(&f, MENTIONS);
    set(&f, "brief.figures=part");
    compose_ok(&f);
    for (size_t i = 0; i < f.p->n_charts; i++)
        cr_assert_eq(figure_at(f.b, i)->chart, f.p->charts[i]);
    close_fixture(&f);
}

Test(brief, without_the_narrative_figures_stay_in_their_part)
{
    fixture f;
    open_profile(&f, MENTIONS);
    set(&f, "brief.parts=title,table,charts");
    compose_ok(&f);
    const dossier_brief_node *charts = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_CHARTS);
    cr_assert_not_null(charts);
    cr_assert_eq(charts->n_children, 1 + f.p->n_charts);
    for (size_t i = 0; i < f.p->n_charts; i++)
        cr_assert_eq(charts->children[i + 1]->figure->chart, f.p->charts[i]);
    close_fixture(&f);

    /* a table-only template: no figure anywhere */
    open_profile(&f, MENTIONS);
    set(&f, "brief.parts=title,table");
    compose_ok(&f);
    char s[256];
    shape(f.b, s, sizeof s);
    cr_assert_str_eq(s, "title,table");
    cr_assert_eq(count_figures(f.b), 0);
    close_fixture(&f);
}

Test(brief, figures_accepts_mention_or_part_and_names_a_bad_value)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.figures=inline");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "[brief] figures"));
    cr_assert(has_diag(&f.d, "\"inline\""));
    cr_assert(has_diag(&f.d, "mention|part"));
    close_fixture(&f);
}

Test(brief, a_figure_is_not_found_inside_a_longer_number)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    const dossier_indicator *share = indicator(f.p, "gdp_2019_share_beijing"); /* 22.4% */
    cr_assert(figure_in(share, "占全市地区生产总值的22.4%"));
    cr_assert_not(figure_in(share, "占全市地区生产总值的122.4%"));
    cr_assert_not(figure_in(share, "占比为1.22.4%"));
    cr_assert(figure_in(share, "占比22.4%，居首位"));
    close_fixture(&f);
}

/* ---- narrative ---------------------------------------------------------------------- */

Test(brief, enumerated_items_are_run_in_at_any_level)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    size_t checked = 0;
    for (size_t di = 0; di < f.p->n_documents; di++) {
        const dossier_document *doc = f.p->documents[di];
        /* walk the profile's sections; the brief must agree for every one */
        const dossier_section *stack[64];
        size_t n = 0;
        for (size_t k = doc->n_sections; k > 0; k--)
            stack[n++] = doc->sections[k - 1];
        while (n) {
            const dossier_section *sec = stack[--n];
            for (size_t k = sec->n_children; k > 0; k--)
                stack[n++] = sec->children[k - 1];
            const dossier_brief_node *node = find(f.b, sec->id);
            cr_assert_not_null(node, "%s", sec->id);
            size_t ml = sec->marker ? strlen(sec->marker) : 0;
            bool enumerated = ml >= 3 && strcmp(sec->marker + ml - 3, "是") == 0;
            if (enumerated || sec->level > 2) {
                cr_assert_eq(node->kind, DOSSIER_NODE_PARAGRAPH, "%s is run in", sec->id);
                const char *lead = node->paragraph->lead;
                cr_assert(strncmp(lead, sec->marker, ml) == 0);
                cr_assert(strstr(lead, sec->title));
                checked++;
            } else {
                cr_assert_eq(node->kind, DOSSIER_NODE_SECTION);
                const dossier_brief_heading *h = node->children[0]->heading;
                cr_assert_eq(h->level, sec->level + 1);
                cr_assert_eq(h->section_level, sec->level);
                cr_assert_str_eq(h->title, sec->title);
            }
        }
    }
    cr_assert_gt(checked, 10, "haidian.json has many 一是 items, at level 2 and 3");
    close_fixture(&f);
}

Test(brief, a_run_in_lead_closes_with_a_full_stop_unless_it_has_one)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    const dossier_brief_node *item = find(f.b, "overview.3.1.1");
    cr_assert_not_null(item);
    cr_assert_str_eq(item->paragraph->lead, "一是优化政务服务环境。");
    cr_assert(strncmp(item->paragraph->text, "依托", strlen("依托")) == 0);
    close_fixture(&f);
}

/* ---- sources ------------------------------------------------------------------------ */

Test(brief, sources_list_the_figures_cited_from_each)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    const dossier_brief_node *sec = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_SOURCES);
    cr_assert_eq(sec->n_children, 1 + f.p->n_sources);
    const dossier_brief_source *s1 = sec->children[1]->source;
    cr_assert_str_eq(s1->marker, "[1]");
    cr_assert_eq(s1->source, f.p->sources[0]);
    cr_assert(strncmp(s1->text, "《海淀区》", strlen("《海淀区》")) == 0);
    cr_assert(strstr(s1->text, "原文：000_030fefaba4a1df5d.txt"));
    cr_assert_not_null(s1->cited);
    cr_assert(strstr(s1->cited, "地区生产总值7926.0亿元（2019年"));
    /* each key figure is cited under its own source, once */
    for (size_t i = 0; i < f.p->n_key_figures; i++) {
        const dossier_indicator *ind = f.p->key_figures[i];
        size_t sn = 0;
        while (f.p->sources[sn] != ind->source)
            sn++;
        /* "name" then the figure (a qualifier such as 约 may come first) */
        bool found = false;
        for (const char *at = sec->children[1 + sn]->source->cited;
             !found && (at = strstr(at, ind->name)); at++) {
            const char *num = strstr(at + strlen(ind->name), ind->value_text);
            found = num && num - (at + strlen(ind->name)) <= 6;
        }
        cr_assert(found, "%s", ind->id);
    }
    close_fixture(&f);

    open_profile(&f, HAIDIAN);
    set(&f, "brief.cited=false");
    compose_ok(&f);
    sec = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_SOURCES);
    cr_assert_null(sec->children[1]->source->cited);
    close_fixture(&f);
}

Test(brief, a_url_origin_is_a_link)
{
    fixture f;
    open_profile(&f, QINGXI);
    compose_ok(&f);
    const dossier_brief_node *sec = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_SOURCES);
    const dossier_brief_source *s = sec->children[1]->source;
    const char *origin = f.p->sources[0]->origin;
    if (origin && strncmp(origin, "http", 4) == 0) {
        cr_assert_str_eq(s->link, origin);
        cr_assert(strstr(s->text, origin));
    } else {
        cr_assert_null(s->link);
    }
    close_fixture(&f);
}

/* ---- labels, template files, format keys -------------------------------------------- */

Test(brief, labels_are_configurable)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.label_key_figures=重要数据");
    set(&f, "brief.label_as_of=数据截至");
    set(&f, "brief.label_col_figure=数据");
    set(&f, "brief.label_sources=参考资料");
    compose_ok(&f);
    cr_assert_str_eq(f.b->nodes[0]->title->dateline, "数据截至2020年6月30日");
    const dossier_brief_node *sec = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_TABLE);
    cr_assert_str_eq(sec->children[0]->heading->title, "重要数据");
    cr_assert_str_eq(the_table(f.b)->columns[1]->label, "数据");
    cr_assert(strstr(the_table(f.b)->notes[0]->text, "参考资料"));
    cr_assert_str_eq(f.b->labels->sources, "参考资料");
    close_fixture(&f);
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs(text, fp);
    fclose(fp);
}

Test(brief, a_template_file_next_to_the_profile_sets_the_form_and_config_wins)
{
    char dir[] = "/tmp/dossier-brief-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char profile[256], tpl[256], cmd[1024];
    snprintf(profile, sizeof profile, "%s/haidian.json", dir);
    snprintf(tpl, sizeof tpl, "%s/jianbao.ini", dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", HAIDIAN, profile);
    cr_assert_eq(system(cmd), 0);
    write_file(tpl, "; the office's bulletin\n[brief]\ntemplate = bulletin\nname = 区情简报\n"
                    "issuer = 海淀区统计局\ncopies = 30\nlabel_charts = 图示\nfigures = part\n");
    fixture f;
    open_profile(&f, profile);
    set(&f, "brief.template=jianbao.ini");
    set(&f, "brief.copies=80"); /* -c / --set win over the file */
    compose_ok(&f);
    cr_assert_eq(f.b->form, DOSSIER_TEMPLATE_BULLETIN);
    cr_assert_str_eq(f.b->nodes[0]->masthead->name, "区情简报");
    cr_assert_str_eq(f.b->nodes[f.b->n_nodes - 1]->colophon->right, "（共印80份）");
    const dossier_brief_node *sec = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_CHARTS);
    cr_assert_str_eq(sec->children[0]->heading->title, "图示");
    cr_assert(strstr(f.b->template_name, "jianbao.ini"));
    close_fixture(&f);

    /* a template file may not name another file, and an unknown key is named */
    write_file(tpl, "[brief]\ntemplate = other.ini\ncolour = red\n");
    open_profile(&f, profile);
    set(&f, "brief.template=jianbao.ini");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "may only name a built-in template"));
    cr_assert(has_diag(&f.d, "unknown key \"colour\""));
    close_fixture(&f);

    /* a missing file */
    open_profile(&f, profile);
    set(&f, "brief.template=missing.ini");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "template \"missing.ini\" is not report, bulletin or official"));
    close_fixture(&f);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

Test(brief, a_formats_own_key_wins_for_that_format_only)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.table=all");
    set(&f, "pdf.table=key");
    set(&f, "html.charts=false");
    compose_ok(&f);
    cr_assert_eq(the_table(f.b)->n_rows, f.p->n_indicators);
    brief_settings pdf, html;
    cr_assert(brief_settings_read(&f.cfg, "pdf", format_options, f.p->path, &pdf, &f.d));
    cr_assert(brief_settings_read(&f.cfg, "html", format_options, f.p->path, &html, &f.d));
    cr_assert_eq(pdf.table, BRIEF_TABLE_KEY);
    cr_assert(pdf.charts_all);
    cr_assert_eq(html.table, BRIEF_TABLE_ALL);
    cr_assert_not(html.charts_all);
    cr_assert_not(brief_settings_equal(&pdf, &f.s));
    /* a brief composed from settings that are then freed owns everything it prints */
    brief_doc *own = brief_compose(f.p, &html, &f.d);
    brief_settings_free(&html);
    cr_assert_not_null(own);
    const dossier_brief *ob = brief_doc_brief(own);
    const dossier_brief_node *sec = top(ob, DOSSIER_NODE_SECTION, DOSSIER_PART_TABLE);
    cr_assert_str_eq(sec->children[0]->heading->title, "指标");
    cr_assert_str_eq(ob->labels->notes, "注");
    cr_assert_str_eq(the_table(ob)->columns[0]->label, "指标");
    brief_doc_free(own);
    brief_settings txt;
    cr_assert(brief_settings_read(&f.cfg, "txt", txt_options, f.p->path, &txt, &f.d));
    cr_assert(brief_settings_equal(&txt, &f.s), "txt sets nothing of its own");
    brief_settings_free(&txt);
    /* a key the format does not declare is not honoured (its section warns it is ignored) */
    set(&f, "txt.charts=none");
    cr_assert(brief_settings_read(&f.cfg, "txt", txt_options, f.p->path, &txt, &f.d));
    cr_assert(txt.charts_all, "txt declares no charts key");
    brief_settings_free(&pdf);
    brief_settings_free(&txt);
    close_fixture(&f);
}

Test(brief, bad_values_name_where_they_were_set)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.date=30/06/2020");
    set(&f, "brief.charts=first");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "--set: [brief] date: error: \"30/06/2020\" is not a date"));
    cr_assert(has_diag(&f.d, "\"first\" is not a chart number"));
    close_fixture(&f);
}

Test(brief, control_characters_and_bad_utf8_in_printed_settings_are_errors)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    /* --set and configuration files refuse these already; the brief's own check is the last
       line (a value put into the configuration by other means) */
    config_put(&f.cfg, "brief", "label_sources", "\x1b[31m资料", "--set", 0);
    config_put(&f.cfg, "brief", "issuer", "\xff\xfe", "--set", 0);
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "[brief] label_sources: error: control character U+001B"));
    cr_assert(has_diag(&f.d, "[brief] issuer: error: invalid UTF-8 at byte 0"));
    close_fixture(&f);
}

/* ---- found in review (each failed before its fix) ---------------------------------- */

Test(brief, chart_number_one_is_chart_one_not_true)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.charts=1");
    compose_ok(&f);
    cr_assert_eq(count_figures(f.b), 1, "chart 1 only");
    cr_assert_eq(figure_at(f.b, 0)->chart, f.p->charts[0]);
    close_fixture(&f);

    open_profile(&f, HAIDIAN);
    set(&f, "brief.charts=0");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "\"0\" is not a chart number"));
    close_fixture(&f);

    /* the boolean words of the 1.0 format keys still mean all and none */
    open_profile(&f, HAIDIAN);
    set(&f, "brief.charts=false");
    compose_ok(&f);
    cr_assert_eq(count_figures(f.b), 0);
    cr_assert_null(top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_CHARTS));
    close_fixture(&f);
}

Test(brief, the_shipped_configuration_does_not_hide_a_template_file)
{
    char dir[] = "/tmp/dossier-brief-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char profile[256], tpl[256], cmd[1024];
    snprintf(profile, sizeof profile, "%s/haidian.json", dir);
    snprintf(tpl, sizeof tpl, "%s/jianbao.ini", dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", HAIDIAN, profile);
    cr_assert_eq(system(cmd), 0);
    write_file(tpl, "[brief]\ntemplate = bulletin\nname = 区情简报\ncopies = 30\n");
    fixture f;
    open_profile(&f, profile);
    cr_assert_eq(config_load_file(&f.cfg, SOURCE_DIR "/config/dossier.ini", &f.d), CONFIG_OK);
    set(&f, "brief.template=jianbao.ini");
    compose_ok(&f);
    cr_assert_str_eq(f.b->nodes[0]->masthead->name, "区情简报");
    cr_assert_str_eq(f.b->nodes[f.b->n_nodes - 1]->colophon->right, "（共印30份）");
    close_fixture(&f);

    /* another section in a template file is named for what it is */
    write_file(tpl, "[brief]\ntemplate = bulletin\n[pdf]\nstyle = compact\n");
    open_profile(&f, profile);
    set(&f, "brief.template=jianbao.ini");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "[pdf] in a template file: only a [brief] section belongs there"));
    close_fixture(&f);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

Test(brief, a_secondary_point_without_a_primary_is_kept)
{
    fixture f;
    open_profile(&f, EDGE);
    compose_ok(&f);
    const dossier_brief_figure *fig = figure_at(f.b, 0);
    /* primary 2019, 2020, 2021Q1; secondary 2018, 2020: four categories in period order */
    cr_assert_eq(fig->n_points, 4);
    const dossier_brief_point *first = fig->points[0];
    cr_assert_null(first->primary);
    cr_assert_not(first->has_value);
    cr_assert_str_eq(first->label, "");
    cr_assert_str_eq(first->category, "2018年");
    cr_assert_str_eq(first->secondary->id, "growth_2018");
    cr_assert_str_eq(first->note2->text, "只在次轴出现的时期");
    cr_assert_null(fig->points[1]->secondary, "2019 has no growth figure");
    cr_assert_str_eq(fig->points[2]->secondary->id, "growth_2020");
    cr_assert(fig->points[3]->unlike, "a quarter among years");
    /* and the source lists it among the figures cited */
    const dossier_brief_node *src = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_SOURCES);
    cr_assert(strstr(src->children[1]->source->cited, "地区生产总值增长5.9%（2018年"));
    close_fixture(&f);
}

Test(brief, facts_print_their_note_in_full_without_a_marker)
{
    fixture f;
    open_profile(&f, EDGE);
    compose_ok(&f);
    const dossier_brief_fact *area = f.b->nodes[1]->children[0]->fact;
    cr_assert_str_eq(area->detail, "含水域面积");
    cr_assert_null(area->note);
    /* the table's markers start at ① */
    cr_assert_str_eq(the_table(f.b)->notes[1]->marker, "①");
    cr_assert_str_eq(the_table(f.b)->notes[1]->text, "含水域面积");
    close_fixture(&f);
}

static void collect_ids(const dossier_brief_node *n, const char **ids, size_t *count)
{
    if (n->id)
        ids[(*count)++] = n->id;
    for (size_t i = 0; i < n->n_children; i++)
        collect_ids(n->children[i], ids, count);
}

Test(brief, node_ids_are_unique_even_when_sections_are_named_like_parts)
{
    fixture f;
    open_profile(&f, EDGE); /* sections "sources", "charts" and "key-figures" */
    compose_ok(&f);
    static const char *ids[4096];
    size_t count = 0;
    for (size_t i = 0; i < f.b->n_nodes; i++)
        collect_ids(f.b->nodes[i], ids, &count);
    cr_assert_gt(count, 10);
    for (size_t i = 0; i < count; i++)
        for (size_t k = i + 1; k < count; k++)
            cr_assert_str_neq(ids[i], ids[k], "id %s given twice", ids[i]);
    close_fixture(&f);
}

Test(brief, the_masthead_opens_and_the_colophon_closes)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.template=bulletin");
    set(&f, "brief.name=N");
    set(&f, "brief.parts=title,masthead,colophon,sources");
    cr_assert_not(compose_for(&f, NULL));
    cr_assert(has_diag(&f.d, "masthead must be the first part"));
    cr_assert(has_diag(&f.d, "colophon must be the last part"));
    close_fixture(&f);
}

Test(brief, a_name_ending_in_a_digit_does_not_run_into_its_figure)
{
    fixture f;
    open_profile(&f, EDGE);
    compose_ok(&f);
    const dossier_brief_node *src = top(f.b, DOSSIER_NODE_SECTION, DOSSIER_PART_SOURCES);
    cr_assert(strstr(src->children[1]->source->cited, "产品A1 46%以上"),
              "%s", src->children[1]->source->cited);
    close_fixture(&f);
}

Test(brief, impossible_dates_are_refused)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    set(&f, "brief.date=2020-02-31");
    cr_assert_not(compose_for(&f, NULL));
    close_fixture(&f);
    open_profile(&f, HAIDIAN);
    set(&f, "brief.date=2024-02-29");
    compose_ok(&f);
    cr_assert_str_eq(f.b->date, "2024年2月29日");
    close_fixture(&f);
}

/* ---- scale ------------------------------------------------------------------------ */

/* 50,000 indicators, each with a note, all in the table: every row and every note is there,
 * numbered in order (the composer looks notes up in a hash map, so this stays linear; the
 * memory-limited end-to-end run of every format is in tests/security). */
Test(brief, fifty_thousand_noted_indicators_compose_with_table_all, .timeout = 120)
{
    char dir[] = "/tmp/dossier-big-XXXXXX", path[64];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/big.json", dir);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("{\"format\": 1, \"id\": \"big\", \"name\": {\"zh\": \"大区\"}, "
          "\"as_of\": \"2024-12-31\", \"sources\": [{\"id\": \"s\", \"title\": \"公报\"}], "
          "\"documents\": [{\"source\": \"s\", \"title\": \"公报\", \"paragraphs\": [\"正文。\"]}], "
          "\"indicators\": [", fp);
    const size_t n = 50000;
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%s{\"id\": \"i%zu\", \"name\": \"指标%zu\", \"value\": %zu.5, "
                "\"unit\": \"万元\", \"period\": \"2024\", \"scope\": \"大区\", "
                "\"source\": {\"document\": \"s\"}, \"note\": \"注%zu\"}",
                i ? "," : "", i, i, i, i);
    fputs("]}\n", fp);
    cr_assert_eq(fclose(fp), 0);
    fixture f;
    open_profile(&f, path);
    set(&f, "brief.table=all");
    compose_ok(&f);
    const dossier_brief_table *t = the_table(f.b);
    cr_assert_eq(t->n_rows, n);
    cr_assert_eq(t->n_notes, n + 1);
    cr_assert_eq(f.b->n_notes, n);
    cr_assert_eq(t->rows[n - 1]->cells[1]->note->number, n);
    cr_assert_eq(f.b->notes[n - 1], t->rows[n - 1]->cells[1]->note);
    cr_assert_str_eq(t->rows[n - 1]->cells[1]->text, "49999.5万元");
    cr_assert_str_eq(t->rows[n - 1]->cells[1]->note->marker, "(50000)");
    cr_assert_str_eq(t->rows[n - 1]->cells[1]->note->text, "注49999");
    close_fixture(&f);
    unlink(path);
    rmdir(dir);
}

/* ---- time --------------------------------------------------------------------------- */

Test(brief, timestamp_is_source_date_epoch_else_the_as_of_date)
{
    unsetenv("SOURCE_DATE_EPOCH");
    cr_assert_eq(brief_timestamp("2020-06-30"), 1593475200LL); /* date -d 2020-06-30Z +%s */
    cr_assert_eq(brief_timestamp("1970-01-01"), 0);
    cr_assert_eq(brief_timestamp("2000-03-01"), 951868800LL);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    cr_assert_eq(brief_timestamp("2020-06-30"), 1700000000LL);
    setenv("SOURCE_DATE_EPOCH", "soon", 1);
    cr_assert_eq(brief_timestamp("2020-06-30"), 1593475200LL, "not a number: ignored");
    unsetenv("SOURCE_DATE_EPOCH");
    char buf[64];
    brief_date_zh("2020-06-30", buf, sizeof buf);
    cr_assert_str_eq(buf, "2020年6月30日");
    brief_date_zh("2021-01", buf, sizeof buf);
    cr_assert_str_eq(buf, "2021年1月");
}

static int visit(const dossier_brief_node *n, int entering, void *user)
{
    int *counts = user;
    counts[entering ? 0 : 1]++;
    if (entering && n->kind == DOSSIER_NODE_HEADING)
        counts[2]++;
    return 0;
}

static int stop_at_table(const dossier_brief_node *n, int entering, void *user)
{
    (void)user;
    return entering && n->kind == DOSSIER_NODE_TABLE ? 42 : 0;
}

Test(brief, walker_and_time_text_of_the_sdk)
{
    fixture f;
    open_profile(&f, HAIDIAN);
    compose_ok(&f);
    int counts[3] = {0};
    cr_assert_eq(dossier_brief_walk(f.b, visit, counts), 0);
    cr_assert_eq(counts[0], counts[1], "every node entered is left");
    cr_assert_gt(counts[2], 10);
    cr_assert_eq(dossier_brief_walk(f.b, stop_at_table, NULL), 42);
    close_fixture(&f);

    char iso[21];
    dossier_time_iso8601(1593475200LL, iso);
    cr_assert_str_eq(iso, "2020-06-30T00:00:00Z");
    dossier_time_iso8601(951868800LL + 3661, iso);
    cr_assert_str_eq(iso, "2000-03-01T01:01:01Z");
    dossier_time_iso8601(0, iso);
    cr_assert_str_eq(iso, "1970-01-01T00:00:00Z");
}
