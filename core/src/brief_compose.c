/* brief_compose.c — the brief tree of one profile (see brief_compose.h and dossier/brief.h).
 *
 * The decisions made here, once for every format:
 * - Title block: the district's name (with the English name when [brief] english is on), the
 *   subtitle, and a dateline "资料截至2020年6月30日" (the as-of date written in Chinese).
 * - Facts: the parent region (所属), then the area and population indicators under their own
 *   names, each with its period in brackets unless undated, and its note after the period.
 * - Table: one row per indicator (key figures, all, none, or the listed ids) with the columns
 *   指标 | 数值 | 时期 | 范围 | 来源 (the last only when the profile has sources). The figure
 *   carries its qualifier and unit as the source states it. Notes: a general note on
 *   precision, then each row's note, numbered ①②… after its figure. No caption: the part's
 *   heading names the table.
 * - Charts: each selected chart with its points paired by period (the secondary series'
 *   point of the same period, or none); a point whose period differs in kind or length from
 *   most of the others is flagged `unlike` and gets a note, so that it is never compared
 *   silently.
 * - Figure placement ([brief] figures = mention, the default): a figure stands right after the
 *   paragraph that first mentions it (brief_mention.h), or after the end of the enumeration
 *   (一是 … items, and the paragraphs that continue them) that paragraph belongs to or opens,
 *   so that a figure never splits a list; figures the narrative never mentions stay in the
 *   charts part, which is left out when none are left. Figures are numbered in the order they
 *   are read. `figures = part` keeps them all in the charts part.
 * - Narrative: each document under its title; sections of level 1 and 2 are headings; items
 *   below level 2 and enumerations whose marker ends in 是 (一是, 二是 …) at any level are run
 *   in: their marker and title, closed with 。 unless the title ends in a stop, lead the first
 *   paragraph.
 * - Sources: "[1] 《title》，publisher，date，原文：origin。" and, with [brief] cited, the
 *   figures the brief prints that come from it. No sources part when there are none.
 * - Notes are numbered once per brief: an indicator keeps its marker wherever it appears.
 */
#include "brief_compose.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "brief_mention.h"
#include "format.h"
#include "period.h"
#include "units.h"

struct brief_doc {
    arena *a;
    dossier_brief brief;
};

/* A growable array of pointers, copied into the arena when done. */
typedef struct ptrs {
    const void **v;
    size_t n, cap;
} ptrs;

static void ptrs_push(ptrs *p, const void *x)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        const void **g = realloc(p->v, cap * sizeof *g);
        if (!g)
            abort();
        p->v = g;
        p->cap = cap;
    }
    p->v[p->n++] = x;
}

/* Moves the array into the arena (NULL when empty) and resets p. */
static const void *const *ptrs_done(arena *a, ptrs *p, size_t *n)
{
    *n = p->n;
    const void **out = NULL;
    if (p->n) {
        out = arena_alloc(a, p->n * sizeof *out);
        memcpy(out, p->v, p->n * sizeof *out);
    }
    free(p->v);
    memset(p, 0, sizeof *p);
    return out;
}

/* A growable string. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s)
{
    size_t k = strlen(s);
    if (b->n + k + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + k + 1)
            cap *= 2;
        char *g = realloc(b->s, cap);
        if (!g)
            abort();
        b->s = g;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, k + 1);
    b->n += k;
}

/* A map from pointers to pointers (open addressing), so that looking up an indicator's note
 * or whether it was cited stays constant-time: the brief stays linear in the profile. */
typedef struct ptr_map {
    const void **keys;
    const void **values;
    size_t n, cap;
} ptr_map;

static size_t ptr_hash(const void *p, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 17) & (cap - 1);
}

static const void *ptr_map_get(const ptr_map *m, const void *key)
{
    if (m->cap == 0)
        return NULL;
    for (size_t h = ptr_hash(key, m->cap); m->keys[h]; h = (h + 1) & (m->cap - 1))
        if (m->keys[h] == key)
            return m->values[h];
    return NULL;
}

/* Adds key → value unless the key is there; false when it was. */
static bool ptr_map_add(ptr_map *m, const void *key, const void *value)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        const void **keys = calloc(cap, sizeof *keys), **values = calloc(cap, sizeof *values);
        if (!keys || !values)
            abort();
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t h = ptr_hash(m->keys[i], cap);
                while (keys[h])
                    h = (h + 1) & (cap - 1);
                keys[h] = m->keys[i];
                values[h] = m->values[i];
            }
        free(m->keys);
        free(m->values);
        m->keys = keys;
        m->values = values;
        m->cap = cap;
    }
    size_t h = ptr_hash(key, m->cap);
    for (; m->keys[h]; h = (h + 1) & (m->cap - 1))
        if (m->keys[h] == key)
            return false;
    m->keys[h] = key;
    m->values[h] = value;
    m->n++;
    return true;
}

static void ptr_map_free(ptr_map *m)
{
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}

/* A set of strings (the node ids given so far), open addressing over arena strings. */
typedef struct str_set {
    const char **slots;
    size_t n, cap;
} str_set;

static size_t str_hash(const char *s, size_t cap)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a 64 */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)h & (cap - 1);
}

/* Adds s unless it is there; false when it was. */
static bool str_set_add(str_set *set, const char *s)
{
    if ((set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        const char **slots = calloc(cap, sizeof *slots);
        if (!slots)
            abort();
        for (size_t i = 0; i < set->cap; i++)
            if (set->slots[i]) {
                size_t h = str_hash(set->slots[i], cap);
                while (slots[h])
                    h = (h + 1) & (cap - 1);
                slots[h] = set->slots[i];
            }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    size_t h = str_hash(s, set->cap);
    for (; set->slots[h]; h = (h + 1) & (set->cap - 1))
        if (strcmp(set->slots[h], s) == 0)
            return false;
    set->slots[h] = s;
    set->n++;
    return true;
}

typedef struct composer {
    arena *a;
    const dossier_profile *p;
    const brief_settings *s;
    dossier_brief *b;
    diag_list *d;
    ptrs notes;                        /* every numbered note, in order */
    ptr_map *noted;                    /* indicator → its numbered note */
    str_set *ids;                      /* node ids given so far: each unique in the brief */
    ptrs cited;                        /* indicators printed as figures, no repeats */
    bool has_sources_part;
    bool at_mention;                   /* figures go after their first mention (figures =
                                          mention, and the narrative is a part) */
    ptr_map *anchored;                 /* paragraph slot (&paragraphs[i]) → figure_run */
    ptr_map *after;                    /* paragraph node → the figure_run to set after it */
} composer;

/* The figures first mentioned in one paragraph, in their reading order. */
typedef struct figure_run {
    const dossier_brief_node **v;
    size_t n;
} figure_run;

static char *fmt(composer *c, const char *f, ...) DOSSIER_PRINTF(2, 3);
static char *fmt(composer *c, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *s = arena_alloc(c->a, (size_t)(n < 0 ? 0 : n) + 1);
    va_start(ap, f);
    vsnprintf(s, (size_t)n + 1, f, ap);
    va_end(ap);
    return s;
}

static char *figure_of(composer *c, const dossier_indicator *ind)
{
    char buf[512];
    size_t n = format_figure(ind, buf, sizeof buf);
    if (n < sizeof buf)
        return arena_strdup(c->a, buf);
    char *s = arena_alloc(c->a, n + 1);
    format_figure(ind, s, n + 1);
    return s;
}

static char *period_of(composer *c, const dossier_indicator *ind)
{
    char buf[512];
    format_period(ind, buf, sizeof buf);
    return arena_strdup(c->a, buf);
}

void brief_date_zh(const char *iso, char *buf, size_t cap)
{
    int y, m, dd;
    char tail;
    if (sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) == 3)
        snprintf(buf, cap, "%d年%d月%d日", y, m, dd);
    else if (sscanf(iso, "%4d-%2d%c", &y, &m, &tail) == 2)
        snprintf(buf, cap, "%d年%d月", y, m);
    else
        snprintf(buf, cap, "%s", iso);
}

int brief_source_date_epoch(long long *t, char *why, size_t cap)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (!env || !*env)
        return 0;
    /* decimal digits only, and a time every format can store (up to 9999-12-31T23:59:59Z:
       PDF and XLSX dates have four-digit years) */
    bool digits = strspn(env, "0123456789") == strlen(env) && strlen(env) <= 12;
    long long v = digits ? strtoll(env, NULL, 10) : -1;
    if (!digits || v > 253402300799LL) {
        snprintf(why, cap, "SOURCE_DATE_EPOCH=\"%.40s%s\" is not a number of seconds since "
                 "1970-01-01 UTC between 0 and 253402300799 (9999-12-31T23:59:59Z)", env,
                 strlen(env) > 40 ? "…" : "");
        return -1;
    }
    *t = v;
    return 1;
}

long long brief_timestamp(const char *iso_date)
{
    long long t;
    char why[256];
    if (brief_source_date_epoch(&t, why, sizeof why) == 1)
        return t;
    int y, m, d;
    if (!iso_date || sscanf(iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return 0;
    /* days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil) */
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400;
}

static char *date_zh(composer *c, const char *iso)
{
    char buf[128];
    brief_date_zh(iso, buf, sizeof buf);
    return arena_strdup(c->a, buf);
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

/* ---- nodes -------------------------------------------------------------------------- */

/* `id`, or "id-2", "id-3" … when a part or another section already has it (a profile's
 * section may be called "sources"). */
static const char *unique_id(composer *c, const char *id)
{
    if (!id)
        return NULL;
    char *s = arena_strdup(c->a, id);
    for (unsigned k = 2; !str_set_add(c->ids, s); k++)
        s = fmt(c, "%s-%u", id, k);
    return s;
}

static dossier_brief_node *node(composer *c, dossier_brief_kind kind, const char *id,
                                const char *where)
{
    dossier_brief_node *n = arena_alloc(c->a, sizeof *n);
    n->struct_size = sizeof *n;
    n->kind = kind;
    n->id = unique_id(c, id);
    n->where = where ? arena_strdup(c->a, where) : NULL;
    return n;
}

static void set_children(composer *c, dossier_brief_node *n, ptrs *kids)
{
    n->children = (const dossier_brief_node *const *)ptrs_done(c->a, kids, &n->n_children);
}

static dossier_brief_node *heading(composer *c, int level, int section_level,
                                   const char *marker, const char *title, const char *id,
                                   const char *where)
{
    dossier_brief_heading *h = arena_alloc(c->a, sizeof *h);
    h->struct_size = sizeof *h;
    h->level = level;
    h->section_level = section_level;
    h->marker = marker;
    h->title = title;
    h->text = marker ? fmt(c, "%s%s", marker, title) : title;
    dossier_brief_node *n = node(c, DOSSIER_NODE_HEADING, id ? fmt(c, "%s-heading", id) : NULL,
                                 where);
    n->heading = h;
    return n;
}

static dossier_brief_node *section_node(composer *c, dossier_brief_part part, const char *id,
                                        const char *where, const dossier_document *doc,
                                        const dossier_section *sec)
{
    dossier_brief_section *s = arena_alloc(c->a, sizeof *s);
    s->struct_size = sizeof *s;
    s->part = part;
    s->document = doc;
    s->section = sec;
    dossier_brief_node *n = node(c, DOSSIER_NODE_SECTION, id, where);
    n->section = s;
    return n;
}

static dossier_brief_node *paragraph(composer *c, const char *lead, const char *text,
                                     const char *where)
{
    dossier_brief_paragraph *para = arena_alloc(c->a, sizeof *para);
    para->struct_size = sizeof *para;
    para->lead = lead;
    para->text = text ? text : "";
    dossier_brief_node *n = node(c, DOSSIER_NODE_PARAGRAPH, NULL, where);
    n->paragraph = para;
    return n;
}

/* ---- notes -------------------------------------------------------------------------- */

static const char *note_marker(composer *c, size_t number)
{
    /* ①–⑩ are in every Chinese encoding (GB 2312, GBK, GB 18030) and font; ⑪ and later
       are not in GBK, so from 11 on the marker is written "(11)". */
    static const char *const circled[] = {"①", "②", "③", "④", "⑤",
                                          "⑥", "⑦", "⑧", "⑨", "⑩"};
    if (number >= 1 && number <= 10)
        return circled[number - 1];
    return fmt(c, "(%zu)", number);
}

static dossier_brief_note *new_note(composer *c, const char *text,
                                    const dossier_indicator *ind)
{
    dossier_brief_note *n = arena_alloc(c->a, sizeof *n);
    n->struct_size = sizeof *n;
    n->text = text;
    n->indicator = ind;
    return n;
}

/* The numbered note of an indicator (the same one wherever it appears), or NULL. */
static const dossier_brief_note *indicator_note(composer *c, const dossier_indicator *ind)
{
    if (!ind || !ind->note)
        return NULL;
    const dossier_brief_note *known = ptr_map_get(c->noted, ind);
    if (known)
        return known;
    dossier_brief_note *n = new_note(c, ind->note, ind);
    n->number = c->notes.n + 1;
    n->marker = note_marker(c, n->number);
    ptrs_push(&c->notes, n);
    ptr_map_add(c->noted, ind, n);
    return n;
}

/* A numbered note of the composer's own (not tied to one indicator's `note`). */
static const dossier_brief_note *composer_note(composer *c, const char *text)
{
    dossier_brief_note *n = new_note(c, text, NULL);
    n->number = c->notes.n + 1;
    n->marker = note_marker(c, n->number);
    ptrs_push(&c->notes, n);
    return n;
}

/* Adds `n` to a notes list unless it is already there. */
static void list_note(ptrs *list, const dossier_brief_note *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < list->n; i++)
        if (list->v[i] == n)
            return;
    ptrs_push(list, n);
}

typedef ptr_map cite_set;

static void cite(composer *c, cite_set *set, const dossier_indicator *ind)
{
    if (ind && ptr_map_add(set, ind, ind))
        ptrs_push(&c->cited, ind);
}

/* ---- parts -------------------------------------------------------------------------- */

static const dossier_brief_node *masthead_part(composer *c)
{
    const brief_settings *s = c->s;
    if (c->b->form == DOSSIER_TEMPLATE_REPORT)
        return NULL;
    dossier_brief_masthead *m = arena_alloc(c->a, sizeof *m);
    m->struct_size = sizeof *m;
    m->form = c->b->form;
    m->classification = s->classification;
    if (c->b->form == DOSSIER_TEMPLATE_OFFICIAL) {
        m->name = s->name ? s->name : fmt(c, "%s文件", s->issuer);
        m->number = s->number;
    } else {
        m->name = s->name;
        if (s->issue)
            m->issue = strstr(s->issue, "期") ? s->issue : fmt(c, "第%s期", s->issue);
        if (s->issuer) {
            size_t n = strlen(s->issuer);
            bool ends_bian = n >= 3 && (strcmp(s->issuer + n - 3, "编") == 0 ||
                                        (n >= 6 && strcmp(s->issuer + n - 6, "编印") == 0));
            m->issuer = ends_bian ? s->issuer : fmt(c, "%s编", s->issuer);
        }
        m->date = c->b->date;
    }
    dossier_brief_node *n = node(c, DOSSIER_NODE_MASTHEAD, "masthead", NULL);
    n->masthead = m;
    return n;
}

static const dossier_brief_node *title_part(composer *c)
{
    const dossier_profile *p = c->p;
    dossier_brief_title *t = arena_alloc(c->a, sizeof *t);
    t->struct_size = sizeof *t;
    t->title = p->name_zh;
    t->name_en = c->s->english ? p->name_en : NULL;
    t->subtitle = p->subtitle;
    t->dateline = fmt(c, "%s%s", c->s->label[BRIEF_L_AS_OF], date_zh(c, p->as_of));
    dossier_brief_node *n = node(c, DOSSIER_NODE_TITLE, "title", "name");
    n->title = t;
    return n;
}

static const dossier_brief_node *fact(composer *c, const char *label, const char *text,
                                      const char *detail, const dossier_indicator *ind,
                                      const char *where)
{
    dossier_brief_fact *f = arena_alloc(c->a, sizeof *f);
    f->struct_size = sizeof *f;
    f->label = label;
    f->text = text;
    f->indicator = ind;
    /* The note is printed in full right there, in the brackets: no marker to look up. */
    if (ind && ind->note)
        detail = detail ? fmt(c, "%s；%s", detail, ind->note) : ind->note;
    f->detail = detail;
    dossier_brief_node *n = node(c, DOSSIER_NODE_FACT, NULL, where);
    n->fact = f;
    return n;
}

static const dossier_brief_node *figure_fact(composer *c, const dossier_indicator *ind,
                                             const char *where, cite_set *set)
{
    cite(c, set, ind);
    const char *per = strcmp(ind->period, "undated") == 0 ? NULL : period_of(c, ind);
    return fact(c, ind->name, figure_of(c, ind), per, ind, where);
}

static const dossier_brief_node *facts_part(composer *c, cite_set *set)
{
    const dossier_profile *p = c->p;
    ptrs kids = {0};
    if (p->parent_zh)
        ptrs_push(&kids, fact(c, c->s->label[BRIEF_L_PARENT], p->parent_zh,
                              c->s->english ? p->parent_en : NULL, NULL, "parent"));
    if (p->area)
        ptrs_push(&kids, figure_fact(c, p->area, "facts.area", set));
    if (p->population)
        ptrs_push(&kids, figure_fact(c, p->population, "facts.population", set));
    if (kids.n == 0) {
        free(kids.v);
        return NULL;
    }
    dossier_brief_node *n = node(c, DOSSIER_NODE_FACTS, "facts", "facts");
    set_children(c, n, &kids);
    return n;
}

static size_t source_number(const dossier_profile *p, const dossier_source *src)
{
    for (size_t i = 0; src && i < p->n_sources; i++)
        if (p->sources[i] == src)
            return i + 1;
    return 0;
}

static const dossier_indicator *find_indicator(const dossier_profile *p, const char *id)
{
    for (size_t i = 0; i < p->n_indicators; i++)
        if (strcmp(p->indicators[i]->id, id) == 0)
            return p->indicators[i];
    return NULL;
}

static const dossier_brief_column *column(composer *c, const char *label,
                                          dossier_brief_align align, int wraps)
{
    dossier_brief_column *col = arena_alloc(c->a, sizeof *col);
    col->struct_size = sizeof *col;
    col->label = label;
    col->align = align;
    col->wraps = wraps;
    return col;
}

static const dossier_brief_cell *cell(composer *c, const char *text,
                                      const dossier_brief_note *note)
{
    dossier_brief_cell *cl = arena_alloc(c->a, sizeof *cl);
    cl->struct_size = sizeof *cl;
    cl->text = text ? text : "";
    cl->note = note;
    return cl;
}

/* The rows the settings ask for; false (with an error) for an unknown id. */
static bool table_rows(composer *c, ptrs *rows)
{
    const dossier_profile *p = c->p;
    if (c->s->n_indicators) {
        bool ok = true;
        for (size_t i = 0; i < c->s->n_indicators; i++) {
            const dossier_indicator *ind = find_indicator(p, c->s->indicators[i]);
            if (!ind) {
                diag_add(c->d, DIAG_ERROR, "%s: error: [brief] indicators names \"%s\", which "
                         "is not an indicator of this profile", p->path, c->s->indicators[i]);
                ok = false;
                continue;
            }
            ptrs_push(rows, ind);
        }
        return ok;
    }
    const dossier_indicator *const *inds = p->key_figures;
    size_t n = p->n_key_figures;
    if (c->s->table == BRIEF_TABLE_ALL) {
        inds = p->indicators;
        n = p->n_indicators;
    } else if (c->s->table == BRIEF_TABLE_NONE) {
        n = 0;
    }
    for (size_t i = 0; i < n; i++)
        ptrs_push(rows, inds[i]);
    return true;
}

static const dossier_brief_node *table_part(composer *c, cite_set *set, bool *ok)
{
    const dossier_profile *p = c->p;
    const brief_settings *s = c->s;
    ptrs inds = {0};
    *ok = table_rows(c, &inds);
    if (!*ok || inds.n == 0) {
        free(inds.v);
        return NULL;
    }
    bool with_source = p->n_sources > 0;
    ptrs cols = {0};
    ptrs_push(&cols, column(c, s->label[BRIEF_L_COL_NAME], DOSSIER_ALIGN_LEFT, 1));
    ptrs_push(&cols, column(c, s->label[BRIEF_L_COL_FIGURE], DOSSIER_ALIGN_RIGHT, 0));
    ptrs_push(&cols, column(c, s->label[BRIEF_L_COL_PERIOD], DOSSIER_ALIGN_LEFT, 1));
    ptrs_push(&cols, column(c, s->label[BRIEF_L_COL_SCOPE], DOSSIER_ALIGN_LEFT, 1));
    if (with_source)
        ptrs_push(&cols, column(c, s->label[BRIEF_L_COL_SOURCE], DOSSIER_ALIGN_CENTER, 0));

    dossier_brief_table *t = arena_alloc(c->a, sizeof *t);
    t->struct_size = sizeof *t;
    t->figure_column = 1;
    t->notes_label = s->label[BRIEF_L_NOTES];
    ptrs notes = {0};
    ptrs_push(&notes, new_note(c,
                               with_source && c->has_sources_part
                                   ? fmt(c, "数值按资料原文的精度和单位列出；“%s”栏的编号对应“%s”。",
                                         s->label[BRIEF_L_COL_SOURCE], s->label[BRIEF_L_SOURCES])
                                   : "数值按资料原文的精度和单位列出。",
                               NULL));
    ptrs rows = {0};
    for (size_t i = 0; i < inds.n; i++) {
        const dossier_indicator *ind = inds.v[i];
        cite(c, set, ind);
        const dossier_brief_note *note = indicator_note(c, ind);
        list_note(&notes, note);
        ptrs cells = {0};
        ptrs_push(&cells, cell(c, ind->name, NULL));
        ptrs_push(&cells, cell(c, figure_of(c, ind), note));
        ptrs_push(&cells, cell(c, period_of(c, ind), NULL));
        ptrs_push(&cells, cell(c, ind->scope, NULL));
        if (with_source) {
            size_t sn = source_number(p, ind->source);
            ptrs_push(&cells, cell(c, sn ? fmt(c, "[%zu]", sn) : "", NULL));
        }
        dossier_brief_row *r = arena_alloc(c->a, sizeof *r);
        r->struct_size = sizeof *r;
        r->indicator = ind;
        r->value = ind->value_text;
        size_t n_cells;
        r->cells = (const dossier_brief_cell *const *)ptrs_done(c->a, &cells, &n_cells);
        ptrs_push(&rows, r);
    }
    free(inds.v);
    t->columns = (const dossier_brief_column *const *)ptrs_done(c->a, &cols, &t->n_columns);
    t->rows = (const dossier_brief_row *const *)ptrs_done(c->a, &rows, &t->n_rows);
    t->notes = (const dossier_brief_note *const *)ptrs_done(c->a, &notes, &t->n_notes);

    const char *label = s->n_indicators || s->table != BRIEF_TABLE_ALL
                            ? s->label[BRIEF_L_KEY_FIGURES]
                            : s->label[BRIEF_L_ALL_FIGURES];
    dossier_brief_node *sec = section_node(c, DOSSIER_PART_TABLE, "key-figures", "key_figures",
                                           NULL, NULL);
    dossier_brief_node *tn = node(c, DOSSIER_NODE_TABLE, "table-1", "key_figures");
    tn->table = t;
    ptrs kids = {0};
    ptrs_push(&kids, heading(c, 1, 0, NULL, label, "key-figures", "key_figures"));
    ptrs_push(&kids, tn);
    set_children(c, sec, &kids);
    return sec;
}

/* The value of `ind` in the unit of `ref` (a point of the series it is drawn with); false
 * when it has no single value (a ratio) or the units do not convert. */
static bool value_in(const dossier_indicator *ind, const dossier_indicator *ref, double *v)
{
    if (!ind->has_value)
        return false;
    if (strcmp(ind->unit, ref->unit) == 0) {
        *v = ind->value;
        return true;
    }
    if (ind->unit_base && ref->unit_base && strcmp(ind->unit_kind, ref->unit_kind) == 0 &&
        strcmp(ind->unit_base, ref->unit_base) == 0 && ref->unit_factor != 0) {
        *v = ind->value * ind->unit_factor / ref->unit_factor;
        return true;
    }
    return false;
}

/* The figure without the series' unit ("约1.79万家" in 万家 → "约1.79"); "%" is kept, and an
 * indicator in another unit keeps its whole figure. */
static const char *point_label(composer *c, const dossier_indicator *ind, const char *unit)
{
    char *fig = figure_of(c, ind);
    if (strcmp(ind->unit, unit) != 0 || strcmp(unit, "%") == 0)
        return fig;
    char *num = strstr(fig, ind->value_text);
    char *u = num ? strstr(num + strlen(ind->value_text), unit) : NULL;
    if (u)
        memmove(u, u + strlen(unit), strlen(u + strlen(unit)) + 1);
    return fig;
}

/* What makes periods comparable: their length in months (0 undated, -1 days) and basis. */
typedef struct period_kind {
    int months;
    const char *basis;
} period_kind;

static period_kind kind_of(const dossier_indicator *ind)
{
    period p;
    period_kind k = {0, ind->basis ? ind->basis : ""};
    if (!period_parse(ind->period, &p) || p.undated)
        return k;
    int per_unit[] = {[PERIOD_YEAR] = 12, [PERIOD_HALF] = 6, [PERIOD_QUARTER] = 3,
                      [PERIOD_MONTH] = 1, [PERIOD_DAY] = -1};
    if (p.start.unit == PERIOD_DAY) {
        k.months = -1;
        return k;
    }
    int start = p.start.year * 12 + (p.start.unit == PERIOD_YEAR ? 0
                                     : (p.start.sub - 1) * per_unit[p.start.unit]);
    int end = p.end.year * 12 + (p.end.unit == PERIOD_YEAR ? 12
                                 : p.end.sub * per_unit[p.end.unit]);
    if (p.end.unit == PERIOD_DAY)
        end = start + 1;
    k.months = end - start;
    return k;
}

/* "年度数据", "半年数据", "2017—2019年年均数据"-like words for a kind of period. */
static const char *kind_words(composer *c, period_kind k)
{
    const char *basis = strcmp(k.basis, "annual_average") == 0 ? "年均"
                        : strcmp(k.basis, "daily_average") == 0 ? "日均"
                        : strcmp(k.basis, "cumulative") == 0    ? "累计"
                        : strcmp(k.basis, "end_of_period") == 0 ? "期末"
                                                                : "";
    if (k.months == 0)
        return fmt(c, "未注明时期的%s数据", basis);
    if (k.months < 0)
        return fmt(c, "按日计的%s数据", basis);
    if (k.months == 12)
        return fmt(c, "年度%s数据", basis);
    if (k.months % 12 == 0)
        return fmt(c, "%d年期%s数据", k.months / 12, basis);
    if (k.months == 6)
        return fmt(c, "半年%s数据", basis);
    if (k.months == 3)
        return fmt(c, "季度%s数据", basis);
    if (k.months == 1)
        return fmt(c, "月度%s数据", basis);
    return fmt(c, "%d个月%s数据", k.months, basis);
}

static bool kind_eq(period_kind a, period_kind b)
{
    return a.months == b.months && strcmp(a.basis, b.basis) == 0;
}

static const dossier_brief_node *figure_node(composer *c, const dossier_chart *ch, int number,
                                             size_t index, cite_set *set)
{
    const dossier_series *s = ch->series, *s2 = ch->secondary;
    dossier_brief_figure *f = arena_alloc(c->a, sizeof *f);
    f->struct_size = sizeof *f;
    f->number = number;
    f->title = ch->title;
    f->caption = fmt(c, "%s%d　%s", c->s->label[BRIEF_L_FIGURE], number, ch->title);
    f->chart = ch;
    f->unit = s->unit;
    f->notes_label = c->s->label[BRIEF_L_NOTES];
    if (s2) {
        f->legend = fmt(c, "%s（%s）", s->name, s->unit);
        f->unit2 = s2->unit;
        f->legend2 = fmt(c, "%s（%s）", s2->name, s2->unit);
    } else {
        f->unit_label = fmt(c, "单位：%s", s->unit);
    }
    /* The most common kind of period among the points; ties go to the earliest. Counted over
       the distinct kinds (few), so a long series stays linear. */
    period_kind *kinds = calloc(s->n_points ? s->n_points : 1, sizeof *kinds);
    period_kind *distinct = calloc(s->n_points ? s->n_points : 1, sizeof *distinct);
    size_t *counts = calloc(s->n_points ? s->n_points : 1, sizeof *counts);
    if (!kinds || !distinct || !counts)
        abort();
    size_t n_distinct = 0;
    for (size_t i = 0; i < s->n_points; i++) {
        kinds[i] = kind_of(s->points[i]);
        size_t k = 0;
        while (k < n_distinct && !kind_eq(distinct[k], kinds[i]))
            k++;
        if (k == n_distinct)
            distinct[n_distinct++] = kinds[i];
        counts[k]++;
    }
    size_t top = 0;
    for (size_t k = 1; k < n_distinct; k++)
        if (counts[k] > counts[top])
            top = k;
    period_kind common = n_distinct ? distinct[top] : (period_kind){0, ""};
    free(distinct);
    free(counts);
    /* Both series are in period order: merge them, pairing the points of one period, keeping
       a point only one of them has (a secondary point whose period the primary lacks still
       shows, with no bar). */
    ptrs points = {0}, notes = {0};
    size_t i = 0, k = 0, n2 = s2 ? s2->n_points : 0;
    while (i < s->n_points || k < n2) {
        const dossier_indicator *ind = i < s->n_points ? s->points[i] : NULL;
        const dossier_indicator *sec = k < n2 ? s2->points[k] : NULL;
        if (ind && sec && strcmp(ind->period, sec->period) != 0) {
            period pa, pb;
            bool before = !period_parse(ind->period, &pa) || !period_parse(sec->period, &pb) ||
                          period_compare(&pa, &pb) <= 0;
            if (before)
                sec = NULL;
            else
                ind = NULL;
        }
        dossier_brief_point *pt = arena_alloc(c->a, sizeof *pt);
        pt->struct_size = sizeof *pt;
        period_kind kind;
        if (ind) {
            pt->category = period_of(c, ind);
            pt->primary = ind;
            pt->label = point_label(c, ind, s->unit);
            pt->has_value = value_in(ind, s->points[0], &pt->value);
            cite(c, set, ind);
            pt->note = indicator_note(c, ind);
            list_note(&notes, pt->note);
            kind = kinds[i];
            if (!pt->has_value)
                diag_add(c->d, DIAG_WARNING, "%s: warning: charts[%zu] (\"%s\"): %s is in %s, "
                         "which does not convert to %s; the chart leaves it out", c->p->path,
                         index, ch->title, ind->id, ind->unit, s->unit);
            i++;
        } else {
            pt->category = period_of(c, sec);
            pt->label = "";
            kind = kind_of(sec);
        }
        if (sec) {
            pt->secondary = sec;
            pt->label2 = figure_of(c, sec);
            pt->has_value2 = value_in(sec, s2->points[0], &pt->value2);
            cite(c, set, sec);
            pt->note2 = indicator_note(c, sec);
            list_note(&notes, pt->note2);
            k++;
        }
        if (s->n_points > 1 && !kind_eq(kind, common)) {
            pt->unlike = 1;
            pt->unlike_note = composer_note(
                c, fmt(c, "%s为%s，与图中的%s不宜直接比较。", pt->category, kind_words(c, kind),
                       kind_words(c, common)));
            list_note(&notes, pt->unlike_note);
        }
        ptrs_push(&points, pt);
    }
    free(kinds);
    f->points = (const dossier_brief_point *const *)ptrs_done(c->a, &points, &f->n_points);
    f->notes = (const dossier_brief_note *const *)ptrs_done(c->a, &notes, &f->n_notes);
    dossier_brief_node *n = node(c, DOSSIER_NODE_FIGURE, fmt(c, "figure-%d", number),
                                 fmt(c, "charts[%zu]", index));
    n->figure = f;
    return n;
}

/* Where a chart is read: its part's place in `parts`, then its mention's place in the
 * narrative, then its number in the profile (the sort key of the figures' numbering). */
typedef struct chart_place {
    size_t part, order, chart;
    const char *const *slot; /* the paragraph it follows, or NULL: in the charts part */
} chart_place;

static int by_place(const void *a, const void *b)
{
    const chart_place *x = a, *y = b;
    if (x->part != y->part)
        return x->part < y->part ? -1 : 1;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return x->chart < y->chart ? -1 : x->chart > y->chart;
}

static size_t part_index(const brief_settings *s, brief_part_id part)
{
    for (size_t i = 0; i < s->n_parts; i++)
        if (s->parts[i] == part)
            return i;
    return s->n_parts;
}

/* The drawn charts in reading order: a mentioned one where the narrative stands, at its
 * mention; the others where the charts part stands, in profile order. */
static size_t chart_places(composer *c, chart_place *out)
{
    const dossier_profile *p = c->p;
    const brief_settings *s = c->s;
    brief_mention *m = calloc(p->n_charts ? p->n_charts : 1, sizeof *m);
    if (!m)
        abort();
    if (c->at_mention)
        brief_mentions_find(p, m);
    size_t n = 0, charts = part_index(s, BRIEF_PART_CHARTS),
           narrative = part_index(s, BRIEF_PART_NARRATIVE);
    for (size_t i = 0; i < p->n_charts; i++) {
        bool wanted = s->charts_all;
        for (size_t k = 0; k < s->n_charts; k++)
            wanted |= s->charts[k] == i + 1;
        const dossier_chart *ch = p->charts[i];
        if (!wanted || !ch->series || ch->series->n_points == 0)
            continue;
        out[n++] = m[i].slot ? (chart_place){narrative, m[i].order, i, m[i].slot}
                             : (chart_place){charts, 0, i, NULL};
    }
    free(m);
    qsort(out, n, sizeof *out, by_place);
    return n;
}

/* Files the figure of places[i] under its paragraph; the figures of one paragraph are
 * consecutive in places. */
static void anchor_figure(composer *c, const chart_place *places, size_t n, size_t i,
                          const dossier_brief_node *fig)
{
    figure_run *run = (figure_run *)ptr_map_get(c->anchored, places[i].slot);
    if (!run) {
        size_t k = i;
        while (k < n && places[k].slot == places[i].slot)
            k++;
        run = arena_alloc(c->a, sizeof *run);
        run->v = arena_alloc(c->a, (k - i) * sizeof *run->v);
        run->n = 0;
        ptr_map_add(c->anchored, places[i].slot, run);
    }
    run->v[run->n++] = fig;
}

static const dossier_brief_node *charts_part(composer *c, cite_set *set, bool *ok)
{
    const dossier_profile *p = c->p;
    const brief_settings *s = c->s;
    *ok = true;
    for (size_t i = 0; i < s->n_charts; i++)
        if (s->charts[i] > p->n_charts) {
            diag_add(c->d, DIAG_ERROR, "%s: error: [brief] charts names chart %zu, but the "
                     "profile has %zu chart%s", p->path, s->charts[i], p->n_charts,
                     p->n_charts == 1 ? "" : "s");
            *ok = false;
        }
    if (!*ok)
        return NULL;
    chart_place *places = calloc(p->n_charts ? p->n_charts : 1, sizeof *places);
    if (!places)
        abort();
    size_t n = chart_places(c, places);
    ptrs kids = {0};
    for (size_t i = 0; i < n; i++) {
        if (!places[i].slot && kids.n == 0)
            ptrs_push(&kids, heading(c, 1, 0, NULL, s->label[BRIEF_L_CHARTS], "charts", "charts"));
        const dossier_brief_node *fig =
            figure_node(c, p->charts[places[i].chart], (int)i + 1, places[i].chart, set);
        if (places[i].slot)
            anchor_figure(c, places, n, i, fig);
        else
            ptrs_push(&kids, fig);
    }
    free(places);
    if (kids.n == 0) {
        free(kids.v);
        return NULL;
    }
    dossier_brief_node *sec = section_node(c, DOSSIER_PART_CHARTS, "charts", "charts", NULL,
                                           NULL);
    set_children(c, sec, &kids);
    return sec;
}

/* Items below level 2, and enumerations "一是 … 二是 …" at any level, are run in. */
static bool run_in(const dossier_section *sec)
{
    size_t n = sec->marker ? strlen(sec->marker) : 0;
    return sec->level > 2 || (n >= 3 && strcmp(sec->marker + n - 3, "是") == 0);
}

/* Marks paragraph node n, made from the paragraph at `slot`, when figures follow it. */
static void mark_mention(composer *c, const dossier_brief_node *n, const char *const *slot)
{
    const figure_run *run = ptr_map_get(c->anchored, slot);
    if (run)
        ptr_map_add(c->after, n, run);
}

static void paragraphs(composer *c, ptrs *kids, const char *const *paras, size_t n,
                       size_t from, const char *path)
{
    for (size_t i = from; i < n; i++) {
        dossier_brief_node *para =
            paragraph(c, NULL, paras[i], fmt(c, "%s.paragraphs[%zu]", path, i));
        mark_mention(c, para, &paras[i]);
        ptrs_push(kids, para);
    }
}

/* Sets the figures after the paragraphs that first mention them, among the children of a
 * section or document: right after the paragraph, unless it is part of an enumeration (a run
 * of run-in items, 一是 …, and the paragraphs that continue them) or opens one (the next
 * paragraph is an item): then after the enumeration's last paragraph. */
static void place_figures(composer *c, ptrs *kids)
{
    if (!c->after->n)
        return;
    ptrs out = {0}, pending = {0};
    bool in_list = false;
    for (size_t i = 0; i < kids->n; i++) {
        const dossier_brief_node *n = kids->v[i];
        ptrs_push(&out, n);
        bool para = n->kind == DOSSIER_NODE_PARAGRAPH;
        in_list = para && (in_list || n->paragraph->lead);
        const figure_run *run = para ? ptr_map_get(c->after, n) : NULL;
        for (size_t k = 0; run && k < run->n; k++)
            ptrs_push(&pending, run->v[k]);
        const dossier_brief_node *next = i + 1 < kids->n ? kids->v[i + 1] : NULL;
        bool list_goes_on = next && next->kind == DOSSIER_NODE_PARAGRAPH &&
                            (in_list || next->paragraph->lead);
        if (pending.n && !list_goes_on) {
            for (size_t k = 0; k < pending.n; k++)
                ptrs_push(&out, pending.v[k]);
            pending.n = 0;
        }
    }
    free(pending.v);
    free(kids->v);
    *kids = out;
}

static void section(composer *c, ptrs *out, const dossier_document *doc,
                    const dossier_section *sec, const char *path)
{
    if (run_in(sec)) {
        const char *lead = fmt(c, "%s%s%s", sec->marker ? sec->marker : "", sec->title,
                               ends_with_stop(sec->title) ? "" : "。");
        dossier_brief_node *para =
            paragraph(c, lead, sec->n_paragraphs ? sec->paragraphs[0] : "",
                      fmt(c, "%s.paragraphs[0]", path));
        para->id = unique_id(c, sec->id);
        if (sec->n_paragraphs)
            mark_mention(c, para, &sec->paragraphs[0]);
        ptrs_push(out, para);
        paragraphs(c, out, sec->paragraphs, sec->n_paragraphs, 1, path);
        for (size_t i = 0; i < sec->n_children; i++)
            section(c, out, doc, sec->children[i], fmt(c, "%s.sections[%zu]", path, i));
        return;
    }
    ptrs kids = {0};
    ptrs_push(&kids, heading(c, sec->level + 1, sec->level, sec->marker, sec->title, sec->id,
                             fmt(c, "%s.title", path)));
    paragraphs(c, &kids, sec->paragraphs, sec->n_paragraphs, 0, path);
    for (size_t i = 0; i < sec->n_children; i++)
        section(c, &kids, doc, sec->children[i], fmt(c, "%s.sections[%zu]", path, i));
    place_figures(c, &kids);
    dossier_brief_node *n = section_node(c, DOSSIER_PART_DOCUMENT, sec->id, path, doc, sec);
    set_children(c, n, &kids);
    ptrs_push(out, n);
}

static void narrative_part(composer *c, ptrs *top)
{
    const dossier_profile *p = c->p;
    for (size_t i = 0; i < p->n_documents; i++) {
        const dossier_document *doc = p->documents[i];
        const char *path = fmt(c, "documents[%zu]", i);
        const char *id = doc->source ? fmt(c, "document-%s", doc->source->id)
                                     : fmt(c, "document-%zu", i + 1);
        ptrs kids = {0};
        ptrs_push(&kids, heading(c, 1, 0, NULL, doc->title, id, fmt(c, "%s.title", path)));
        paragraphs(c, &kids, doc->paragraphs, doc->n_paragraphs, 0, path);
        for (size_t k = 0; k < doc->n_sections; k++)
            section(c, &kids, doc, doc->sections[k], fmt(c, "%s.sections[%zu]", path, k));
        place_figures(c, &kids);
        dossier_brief_node *n = section_node(c, DOSSIER_PART_DOCUMENT, id, path, doc, NULL);
        set_children(c, n, &kids);
        ptrs_push(top, n);
    }
}

static bool is_url(const char *s)
{
    return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) &&
           strcspn(s, " <>\"'") == strlen(s);
}

static const dossier_brief_node *sources_part(composer *c)
{
    const dossier_profile *p = c->p;
    const brief_settings *s = c->s;
    if (p->n_sources == 0)
        return NULL;
    /* The cited figures of each source, in the order the brief prints them. */
    sbuf *lists = calloc(p->n_sources, sizeof *lists);
    if (!lists)
        abort();
    for (size_t i = 0; s->cited && i < c->cited.n; i++) {
        const dossier_indicator *ind = c->cited.v[i];
        size_t sn = source_number(p, ind->source);
        if (!sn)
            continue;
        sbuf *b = &lists[sn - 1];
        char per[256];
        format_period(ind, per, sizeof per);
        sb_add(b, b->n ? "；" : "");
        sb_add(b, ind->name);
        const char *fig = figure_of(c, ind);
        /* a name ending in a Latin letter or digit would run into the number */
        char last = ind->name[strlen(ind->name) - 1];
        if (((last >= '0' && last <= '9') || (last >= 'A' && last <= 'Z') ||
             (last >= 'a' && last <= 'z')) && fig[0] >= '0' && fig[0] <= '9')
            sb_add(b, " ");
        sb_add(b, fig);
        sb_add(b, "（");
        sb_add(b, per);
        if (ind->section) {
            sb_add(b, "，");
            sb_add(b, ind->section->marker ? ind->section->marker : "");
            sb_add(b, ind->section->title);
        }
        sb_add(b, "）");
    }
    ptrs kids = {0};
    ptrs_push(&kids, heading(c, 1, 0, NULL, s->label[BRIEF_L_SOURCES], "sources", "sources"));
    for (size_t i = 0; i < p->n_sources; i++) {
        const dossier_source *src = p->sources[i];
        dossier_brief_source *e = arena_alloc(c->a, sizeof *e);
        e->struct_size = sizeof *e;
        e->source = src;
        e->marker = fmt(c, "[%zu]", i + 1);
        e->text = fmt(c, "《%s》%s%s%s%s%s%s%s%s。", src->title, src->publisher ? "，" : "",
                      src->publisher ? src->publisher : "", src->date ? "，" : "",
                      src->date ? src->date : "", src->origin ? "，" : "",
                      src->origin ? s->label[BRIEF_L_ORIGIN] : "", src->origin ? "：" : "",
                      src->origin ? src->origin : "");
        e->link = src->origin && is_url(src->origin) ? src->origin : NULL;
        if (lists[i].n)
            e->cited = fmt(c, "%s：%s。", s->label[BRIEF_L_CITED], lists[i].s);
        free(lists[i].s);
        dossier_brief_node *n = node(c, DOSSIER_NODE_SOURCE, fmt(c, "source-%s", src->id),
                                     fmt(c, "sources[%zu]", i));
        n->source = e;
        ptrs_push(&kids, n);
    }
    free(lists);
    dossier_brief_node *sec = section_node(c, DOSSIER_PART_SOURCES, "sources", "sources", NULL,
                                           NULL);
    set_children(c, sec, &kids);
    return sec;
}

static const dossier_brief_line *line(composer *c, const char *label, const char *text)
{
    dossier_brief_line *l = arena_alloc(c->a, sizeof *l);
    l->struct_size = sizeof *l;
    l->label = label;
    l->text = text;
    return l;
}

static const dossier_brief_node *colophon_part(composer *c)
{
    const brief_settings *s = c->s;
    if (c->b->form == DOSSIER_TEMPLATE_REPORT)
        return NULL;
    dossier_brief_colophon *col = arena_alloc(c->a, sizeof *col);
    col->struct_size = sizeof *col;
    col->form = c->b->form;
    ptrs lines = {0};
    if (c->b->form == DOSSIER_TEMPLATE_OFFICIAL) {
        if (s->cc)
            ptrs_push(&lines, line(c, "抄送", ends_with_stop(s->cc) ? s->cc : fmt(c, "%s。", s->cc)));
        col->left = s->printer ? s->printer : s->issuer;
        col->right = fmt(c, "%s印发", s->print_date ? date_zh(c, s->print_date) : c->b->date);
    } else {
        if (s->report_to)
            ptrs_push(&lines, line(c, "报", s->report_to));
        if (s->send_to)
            ptrs_push(&lines, line(c, "送", s->send_to));
        if (s->distribute_to)
            ptrs_push(&lines, line(c, "发", s->distribute_to));
        if (s->copies > 0)
            col->right = fmt(c, "（共印%ld份）", s->copies);
    }
    if (lines.n == 0 && !col->left && !col->right) {
        free(lines.v);
        return NULL;
    }
    col->lines = (const dossier_brief_line *const *)ptrs_done(c->a, &lines, &col->n_lines);
    dossier_brief_node *n = node(c, DOSSIER_NODE_COLOPHON, "colophon", NULL);
    n->colophon = col;
    return n;
}

static const dossier_brief_labels *labels(composer *c)
{
    dossier_brief_labels *l = arena_alloc(c->a, sizeof *l);
    l->struct_size = sizeof *l;
    const char **fields[] = {&l->parent,      &l->as_of,        &l->key_figures, &l->all_figures,
                             &l->charts,      &l->sources,      &l->notes,       &l->cited,
                             &l->origin,      &l->col_name,     &l->col_figure,  &l->col_period,
                             &l->col_scope,   &l->col_source,   &l->table_prefix,
                             &l->figure_prefix};
    for (int i = 0; i < BRIEF_L_COUNT; i++)
        *fields[i] = arena_strdup(c->a, c->s->label[i]);
    return l;
}

/* The settings with every string the tree may point to copied into the arena: the brief must
 * not borrow from settings its caller frees. */
static brief_settings own_strings(arena *a, const brief_settings *s)
{
    brief_settings c = *s;
    char **strings[] = {&c.issuer,  &c.name,          &c.issue,   &c.number,
                        &c.date,    &c.classification, &c.cc,     &c.report_to,
                        &c.send_to, &c.distribute_to,  &c.printer, &c.print_date,
                        &c.template_name};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        if (*strings[i])
            *strings[i] = arena_strdup(a, *strings[i]);
    for (int i = 0; i < BRIEF_L_COUNT; i++)
        c.label[i] = arena_strdup(a, s->label[i] ? s->label[i] : "");
    return c;
}

brief_doc *brief_compose(const dossier_profile *p, const brief_settings *settings,
                         diag_list *d)
{
    brief_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        abort();
    doc->a = arena_new();
    brief_settings owned = own_strings(doc->a, settings);
    const brief_settings *s = &owned;
    dossier_brief *b = &doc->brief;
    ptr_map noted = {0}, anchored = {0}, after = {0};
    str_set ids = {0};
    composer c = {.a = doc->a, .p = p, .s = s, .b = b, .d = d, .noted = &noted, .ids = &ids,
                  .anchored = &anchored, .after = &after};
    b->struct_size = sizeof *b;
    b->form = s->form;
    b->template_name = arena_strdup(doc->a, s->template_name ? s->template_name : "report");
    b->profile = p;
    b->title = p->subtitle ? fmt(&c, "%s　%s", p->name_zh, p->subtitle) : p->name_zh;
    b->subject = p->subtitle;
    b->author = s->issuer;
    b->date_iso = arena_strdup(doc->a, s->date ? s->date : p->as_of);
    b->date = date_zh(&c, b->date_iso);
    b->timestamp = brief_timestamp(p->as_of);
    long long env_time;
    char env_why[256];
    b->timestamp_from_env = brief_source_date_epoch(&env_time, env_why, sizeof env_why) == 1;
    b->labels = labels(&c);
    for (size_t i = 0; i < s->n_parts; i++) {
        c.has_sources_part |= s->parts[i] == BRIEF_PART_SOURCES;
        c.at_mention |= s->figures_at_mention && s->parts[i] == BRIEF_PART_NARRATIVE;
    }

    /* Parts that cite figures come first in composition order, so that the sources part can
       list them wherever it stands; with figures at their mention, the narrative (which cites
       nothing and numbers no note) comes after the charts, whose figures it sets. Every
       paragraph of the profile becomes a node, so every anchored figure is set. */
    const dossier_brief_node *built[BRIEF_PART_COUNT] = {NULL};
    ptrs narrative = {0};
    cite_set set = {0};
    bool ok = true, part_ok;
    for (size_t i = 0; i < s->n_parts; i++) {
        switch (s->parts[i]) {
        case BRIEF_PART_MASTHEAD: built[BRIEF_PART_MASTHEAD] = masthead_part(&c); break;
        case BRIEF_PART_TITLE: built[BRIEF_PART_TITLE] = title_part(&c); break;
        case BRIEF_PART_FACTS: built[BRIEF_PART_FACTS] = facts_part(&c, &set); break;
        case BRIEF_PART_TABLE:
            built[BRIEF_PART_TABLE] = table_part(&c, &set, &part_ok);
            ok &= part_ok;
            break;
        case BRIEF_PART_CHARTS:
            built[BRIEF_PART_CHARTS] = charts_part(&c, &set, &part_ok);
            ok &= part_ok;
            break;
        case BRIEF_PART_NARRATIVE:
            if (!c.at_mention)
                narrative_part(&c, &narrative);
            break;
        case BRIEF_PART_COLOPHON: built[BRIEF_PART_COLOPHON] = colophon_part(&c); break;
        case BRIEF_PART_SOURCES:
        case BRIEF_PART_COUNT: break;
        }
    }
    if (c.at_mention)
        narrative_part(&c, &narrative);
    for (size_t i = 0; i < s->n_parts; i++)
        if (s->parts[i] == BRIEF_PART_SOURCES)
            built[BRIEF_PART_SOURCES] = sources_part(&c);
    ptr_map_free(&set);

    ptrs top = {0};
    for (size_t i = 0; i < s->n_parts; i++) {
        if (s->parts[i] == BRIEF_PART_NARRATIVE) {
            for (size_t k = 0; k < narrative.n; k++)
                ptrs_push(&top, narrative.v[k]);
        } else if (built[s->parts[i]]) {
            ptrs_push(&top, built[s->parts[i]]);
        }
    }
    free(narrative.v);
    free(c.cited.v);
    ptr_map_free(c.noted);
    ptr_map_free(c.anchored);
    ptr_map_free(c.after);
    free(ids.slots);
    b->nodes = (const dossier_brief_node *const *)ptrs_done(doc->a, &top, &b->n_nodes);
    b->notes = (const dossier_brief_note *const *)ptrs_done(doc->a, &c.notes, &b->n_notes);
    if (!ok) {
        brief_doc_free(doc);
        return NULL;
    }
    return doc;
}

const dossier_brief *brief_doc_brief(const brief_doc *b)
{
    return b ? &b->brief : NULL;
}

void brief_doc_free(brief_doc *b)
{
    if (!b)
        return;
    arena_free(b->a);
    free(b);
}
