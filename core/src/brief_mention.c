/* brief_mention.c — the first mention of each chart in the narrative (see brief_mention.h). */
#include "brief_mention.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "figure_match.h"

/* True when text states ind: its quote when it has one, else its figure (blanks ignored). */
static bool states(const dossier_indicator *ind, const char *text, bool by_quote)
{
    char *hay = figure_squeeze(text, strlen(text));
    bool found;
    if (by_quote) {
        char *q = figure_squeeze(ind->quote, strlen(ind->quote));
        found = *q && strstr(hay, q) != NULL;
        free(q);
    } else {
        found = figure_in(ind, hay);
    }
    free(hay);
    return found;
}

/* The first paragraph of a section's subtree in reading order, or NULL. */
static const char *const *first_slot(const dossier_section *sec)
{
    if (sec->n_paragraphs)
        return &sec->paragraphs[0];
    for (size_t i = 0; i < sec->n_children; i++) {
        const char *const *s = first_slot(sec->children[i]);
        if (s)
            return s;
    }
    return NULL;
}

/* The first of n paragraphs that states ind, or NULL. */
static const char *const *in_paragraphs(const dossier_indicator *ind, const char *const *paras,
                                        size_t n, bool by_quote)
{
    for (size_t i = 0; i < n; i++)
        if (states(ind, paras[i], by_quote))
            return &paras[i];
    return NULL;
}

/* The paragraph of a section (its title counting with its first paragraph) that states ind;
 * with `deep`, its children's too, in reading order. */
static const char *const *in_section(const dossier_indicator *ind, const dossier_section *sec,
                                     bool by_quote, bool deep)
{
    if (states(ind, sec->title, by_quote))
        return first_slot(sec);
    const char *const *s = in_paragraphs(ind, sec->paragraphs, sec->n_paragraphs, by_quote);
    for (size_t i = 0; !s && deep && i < sec->n_children; i++)
        s = in_section(ind, sec->children[i], by_quote, deep);
    return s;
}

/* Any paragraph of doc that states ind, in reading order. */
static const char *const *in_document(const dossier_indicator *ind, const dossier_document *doc,
                                      bool by_quote)
{
    const char *const *s = in_paragraphs(ind, doc->paragraphs, doc->n_paragraphs, by_quote);
    for (size_t i = 0; !s && i < doc->n_sections; i++)
        s = in_section(ind, doc->sections[i], by_quote, true);
    return s;
}

/* Where the narrative mentions ind (brief_mention.h), or NULL. */
static const char *const *indicator_slot(const dossier_profile *p, const dossier_indicator *ind)
{
    const dossier_document *doc = NULL;
    for (size_t i = 0; i < p->n_documents && !doc; i++)
        if (p->documents[i]->source == ind->source)
            doc = p->documents[i];
    if (!doc)
        return NULL; /* the source's text is not in the profile */
    const char *const *s = NULL;
    for (int by_quote = ind->quote != NULL; by_quote >= 0 && !s; by_quote--)
        s = ind->section ? in_section(ind, ind->section, by_quote, false)
                         : in_document(ind, doc, by_quote);
    if (s)
        return s;
    /* Not found as written: the section the profile cites still states it. */
    if (ind->section)
        return first_slot(ind->section);
    return doc->n_paragraphs ? &doc->paragraphs[0] : NULL;
}

typedef struct target {
    const char *const *slot;
    size_t chart;
} target;

static int by_slot(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const target *)a)->slot, y = (uintptr_t)((const target *)b)->slot;
    return x < y ? -1 : x > y;
}

typedef struct walk {
    const target *t;
    size_t n;
    brief_mention *out;
    size_t order;
} walk;

/* The paragraphs [0, n) of an array in reading order: each mention found takes its order. */
static void visit(walk *w, const char *const *paras, size_t n)
{
    for (size_t i = 0; i < n; i++, w->order++) {
        target key = {&paras[i], 0};
        const target *hit = bsearch(&key, w->t, w->n, sizeof *w->t, by_slot);
        if (!hit)
            continue;
        while (hit > w->t && hit[-1].slot == key.slot)
            hit--;
        for (; hit < w->t + w->n && hit->slot == key.slot; hit++)
            if (!w->out[hit->chart].slot)
                w->out[hit->chart] = (brief_mention){key.slot, w->order};
    }
}

static void visit_section(walk *w, const dossier_section *sec)
{
    visit(w, sec->paragraphs, sec->n_paragraphs);
    for (size_t i = 0; i < sec->n_children; i++)
        visit_section(w, sec->children[i]);
}

static void add_series(const dossier_profile *p, const dossier_series *s, size_t chart,
                       target **t, size_t *n, size_t *cap)
{
    for (size_t i = 0; s && i < s->n_points; i++) {
        const char *const *slot = indicator_slot(p, s->points[i]);
        if (!slot)
            continue;
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            target *g = realloc(*t, *cap * sizeof *g);
            if (!g)
                abort();
            *t = g;
        }
        (*t)[(*n)++] = (target){slot, chart};
    }
}

void brief_mentions_find(const dossier_profile *p, brief_mention *out)
{
    target *t = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < p->n_charts; i++) {
        out[i] = (brief_mention){NULL, 0};
        add_series(p, p->charts[i]->series, i, &t, &n, &cap);
        add_series(p, p->charts[i]->secondary, i, &t, &n, &cap);
    }
    if (n) {
        qsort(t, n, sizeof *t, by_slot);
        walk w = {t, n, out, 0};
        for (size_t d = 0; d < p->n_documents; d++) {
            const dossier_document *doc = p->documents[d];
            visit(&w, doc->paragraphs, doc->n_paragraphs);
            for (size_t k = 0; k < doc->n_sections; k++)
                visit_section(&w, doc->sections[k]);
        }
    }
    free(t);
}
