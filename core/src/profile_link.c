/* profile_link.c — resolves the references inside a profile (source, section, base, facts,
 * key figures, charts), rejects duplicate ids and builds the series. Lookups go through sorted
 * id indexes, so a profile with 100,000 indicators links in O(n log n).
 */
#include "profile_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "units.h"

typedef struct id_entry {
    const char *id;
    const char *path;
    const void *object;
    const char *extra; /* sections: the document's source id */
    size_t seq;        /* position in the profile, so duplicates name the first one */
} id_entry;

typedef struct id_index {
    id_entry *items;
    size_t count;
} id_index;

static int entry_cmp(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c == 0)
        c = (x->seq > y->seq) - (x->seq < y->seq);
    return c;
}

/* Sorts the entries and reports duplicates; `what` names the kind of id in messages. */
static void index_finish(profile_builder *b, id_index *ix, const char *what)
{
    qsort(ix->items, ix->count, sizeof *ix->items, entry_cmp);
    size_t w = 0;
    for (size_t i = 0; i < ix->count; i++) {
        if (w > 0 && strcmp(ix->items[w - 1].id, ix->items[i].id) == 0) {
            char path[512];
            snprintf(path, sizeof path, "%s.id", ix->items[i].path);
            pb_error(b, path, "duplicate %s id \"%s\" (first defined at %s)", what,
                     ix->items[i].id, ix->items[w - 1].path);
            continue;
        }
        ix->items[w++] = ix->items[i];
    }
    ix->count = w;
}

static const id_entry *index_find(const id_index *ix, const char *id)
{
    size_t lo = 0, hi = ix->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ix->items[mid].id, id);
        if (c == 0)
            return &ix->items[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static id_index index_new(profile_builder *b, size_t cap)
{
    return (id_index){arena_alloc(b->scratch, (cap ? cap : 1) * sizeof(id_entry)), 0};
}

static const dossier_indicator *find_indicator(const id_index *ix, const char *id)
{
    const id_entry *e = id ? index_find(ix, id) : NULL;
    return e ? e->object : NULL;
}

static void link_facts(profile_builder *b, const id_index *inds)
{
    dossier_profile *p = b->p;
    if (b->fact_area) {
        p->area = find_indicator(inds, b->fact_area);
        if (!p->area)
            pb_error(b, "facts.area", "no indicator with id \"%s\"", b->fact_area);
        else if (p->area->unit && (!pb_unit(b, p->area->unit) ||
                                   pb_unit(b, p->area->unit)->kind != UNIT_AREA))
            pb_error(b, "facts.area", "indicator \"%s\" is in %s, not an area unit",
                     b->fact_area, p->area->unit);
    }
    if (b->fact_population) {
        p->population = find_indicator(inds, b->fact_population);
        if (!p->population)
            pb_error(b, "facts.population", "no indicator with id \"%s\"", b->fact_population);
        else if (p->population->unit && (!pb_unit(b, p->population->unit) ||
                                         strcmp(pb_unit(b, p->population->unit)->base, "人")))
            pb_error(b, "facts.population", "indicator \"%s\" is in %s, not a count of people",
                     b->fact_population, p->population->unit);
    }
    if (b->key_ids) {
        const dossier_indicator **keys =
            arena_alloc(b->a, (b->n_key_ids ? b->n_key_ids : 1) * sizeof *keys);
        for (size_t i = 0; i < b->n_key_ids; i++) {
            const dossier_indicator *ind = find_indicator(inds, b->key_ids[i]);
            if (!ind)
                pb_error(b, b->key_paths[i], "no indicator with id \"%s\"", b->key_ids[i]);
            else
                keys[p->n_key_figures++] = ind;
        }
        p->key_figures = keys;
    } else {
        p->key_figures = p->indicators;
        p->n_key_figures = p->n_indicators;
    }
}

static void link_indicators(profile_builder *b, const id_index *sources,
                            const id_index *sections, const id_index *inds)
{
    dossier_profile *p = b->p;
    char path[512];
    for (size_t i = 0; i < p->n_indicators; i++) {
        dossier_indicator *ind = (dossier_indicator *)p->indicators[i];
        const indicator_refs *r = &b->ind_refs[i];
        const id_entry *doc = NULL;
        if (r->document) {
            doc = index_find(sources, r->document);
            snprintf(path, sizeof path, "%s.source.document", r->path);
            if (!doc)
                pb_error(b, path, "\"%s\" is not the id of a source", r->document);
            else
                ind->source = doc->object;
        }
        if (r->section) {
            const id_entry *s = index_find(sections, r->section);
            snprintf(path, sizeof path, "%s.source.section", r->path);
            if (!s)
                pb_error(b, path, "\"%s\" is not the id of a section", r->section);
            else if (doc && s->extra && strcmp(s->extra, r->document) != 0)
                pb_error(b, path, "section \"%s\" belongs to document \"%s\", not \"%s\"",
                         r->section, s->extra, r->document);
            else
                ind->section = s->object;
        }
        if (r->base) {
            snprintf(path, sizeof path, "%s.base", r->path);
            ind->base = find_indicator(inds, r->base);
            if (!ind->base)
                pb_error(b, path, "\"%s\" is not the id of an indicator", r->base);
            else if (ind->base == ind)
                pb_error(b, path, "an indicator cannot be its own base");
        }
    }
}

static int series_cmp(const void *x, const void *y)
{
    const dossier_indicator *a = *(const dossier_indicator *const *)x;
    const dossier_indicator *b = *(const dossier_indicator *const *)y;
    int c = strcmp(a->series, b->series);
    if (c)
        return c;
    period pa, pb;
    period_parse(a->period, &pa);
    period_parse(b->period, &pb);
    c = period_compare(&pa, &pb);
    return c ? c : strcmp(a->period, b->period);
}

static void build_series(profile_builder *b)
{
    dossier_profile *p = b->p;
    size_t n = 0;
    const dossier_indicator **members = arena_alloc(b->a, (p->n_indicators + 1) * sizeof *members);
    for (size_t i = 0; i < p->n_indicators; i++)
        if (p->indicators[i]->series && p->indicators[i]->period && p->indicators[i]->unit)
            members[n++] = p->indicators[i];
    qsort(members, n, sizeof *members, series_cmp);
    const dossier_series **all = arena_alloc(b->a, (n ? n : 1) * sizeof *all);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(members[j]->series, members[i]->series) == 0)
            j++;
        dossier_series *s = arena_alloc(b->a, sizeof *s);
        s->struct_size = sizeof *s;
        s->key = members[i]->series;
        s->name = members[i]->name;
        s->unit = members[i]->unit;
        s->points = members + i;
        s->n_points = j - i;
        for (size_t k = i + 1; k < j; k++) {
            if (strcmp(members[k]->unit, s->unit) != 0)
                pb_error(b, "indicators", "series \"%s\" mixes units: \"%s\" is in %s, \"%s\" "
                         "in %s", s->key, members[i]->id ? members[i]->id : "?", s->unit,
                         members[k]->id ? members[k]->id : "?", members[k]->unit);
            if (strcmp(members[k]->period, members[k - 1]->period) == 0)
                pb_error(b, "indicators", "series \"%s\" has two figures for period %s (\"%s\" "
                         "and \"%s\")", s->key, members[k]->period,
                         members[k - 1]->id ? members[k - 1]->id : "?",
                         members[k]->id ? members[k]->id : "?");
        }
        all[p->n_series++] = s;
        i = j;
    }
    p->series = all;
}

static const dossier_series *find_series(const dossier_profile *p, const char *key)
{
    for (size_t i = 0; key && i < p->n_series; i++)
        if (strcmp(p->series[i]->key, key) == 0)
            return p->series[i];
    return NULL;
}

static void link_charts(profile_builder *b)
{
    dossier_profile *p = b->p;
    const dossier_chart **charts = arena_alloc(b->a, (b->n_charts ? b->n_charts : 1) *
                                                         sizeof *charts);
    for (size_t i = 0; i < b->n_charts; i++) {
        const chart_refs *r = &b->charts[i];
        dossier_chart *c = arena_alloc(b->a, sizeof *c);
        c->struct_size = sizeof *c;
        c->title = r->title;
        c->series = find_series(p, r->series);
        char path[512];
        if (r->series && !c->series) {
            snprintf(path, sizeof path, "%s.series", r->path);
            pb_error(b, path, "\"%s\" is not the series key of any indicator", r->series);
        }
        if (r->secondary) {
            c->secondary = find_series(p, r->secondary);
            snprintf(path, sizeof path, "%s.secondary", r->path);
            if (!c->secondary)
                pb_error(b, path, "\"%s\" is not the series key of any indicator", r->secondary);
        }
        if (c->series && c->title)
            charts[p->n_charts++] = c;
    }
    p->charts = charts;
}

void profile_link(profile_builder *b)
{
    dossier_profile *p = b->p;
    id_index sources = index_new(b, p->n_sources);
    for (size_t i = 0; i < p->n_sources; i++)
        sources.items[sources.count++] =
            (id_entry){p->sources[i]->id, b->source_paths[i], p->sources[i], NULL, i};
    index_finish(b, &sources, "source");

    const char **doc_of_source =
        arena_alloc(b->scratch, (p->n_sources + 1) * sizeof *doc_of_source);
    for (size_t i = 0; i < p->n_documents; i++) {
        const char *src = b->document_source_ids[i];
        const id_entry *e = index_find(&sources, src);
        if (!e) {
            pb_error(b, "documents", "document \"%s\" names source \"%s\", which is not the id "
                     "of a source", p->documents[i]->title, src);
            continue;
        }
        size_t k = (size_t)(e - sources.items);
        if (doc_of_source[k])
            pb_error(b, "documents", "source \"%s\" has two documents", src);
        doc_of_source[k] = src;
        ((dossier_document *)p->documents[i])->source = e->object;
    }

    id_index sections = index_new(b, b->n_sections);
    for (size_t i = 0; i < b->n_sections; i++)
        if (b->sections[i].section->id)
            sections.items[sections.count++] =
                (id_entry){b->sections[i].section->id, b->sections[i].path,
                           b->sections[i].section, b->sections[i].document, i};
    index_finish(b, &sections, "section");

    id_index inds = index_new(b, p->n_indicators);
    for (size_t i = 0; i < p->n_indicators; i++)
        if (p->indicators[i]->id)
            inds.items[inds.count++] = (id_entry){p->indicators[i]->id, b->ind_refs[i].path,
                                                  p->indicators[i], NULL, i};
    index_finish(b, &inds, "indicator");

    link_indicators(b, &sources, &sections, &inds);
    link_facts(b, &inds);
    build_series(b);
    link_charts(b);
}
