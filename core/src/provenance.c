/* provenance.c — figures traced to their sources; unlike periods (see provenance.h). */
#include "provenance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure_match.h"
#include "format.h"

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 65536;
            char *grown = realloc(buf, cap);
            if (!grown)
                abort();
            buf = grown;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
    }
    fclose(f);
    char *s = figure_squeeze(buf, len);
    free(buf);
    return s;
}

/* The local copy of a source: DIR/origin, or DIR/<last path segment> of a URL. */
static void source_path(const char *dir, const char *origin, char *buf, size_t cap)
{
    const char *name = origin;
    if (strstr(origin, "://")) {
        const char *end = origin + strcspn(origin, "?#");
        const char *slash = end;
        while (slash > origin && slash[-1] != '/')
            slash--;
        snprintf(buf, cap, "%s/%.*s", dir, (int)(end - slash), slash);
        return;
    }
    snprintf(buf, cap, "%s/%s", dir, name);
}

size_t provenance_check(const dossier_profile *p, const char *dir, diag_list *d)
{
    size_t untraced = 0;
    char **texts = calloc(p->n_sources ? p->n_sources : 1, sizeof *texts);
    char (*paths)[4096] = calloc(p->n_sources ? p->n_sources : 1, sizeof *paths);
    if (!texts || !paths)
        abort();
    for (size_t i = 0; i < p->n_sources; i++)
        if (p->sources[i]->origin) {
            source_path(dir, p->sources[i]->origin, paths[i], sizeof paths[i]);
            texts[i] = read_file(paths[i]);
        }
    for (size_t k = 0; k < p->n_indicators; k++) {
        const dossier_indicator *ind = p->indicators[k];
        size_t s = 0;
        while (s < p->n_sources && p->sources[s] != ind->source)
            s++;
        const char *why = NULL;
        char fig[512];
        format_figure(ind, fig, sizeof fig);
        if (s == p->n_sources || !p->sources[s]->origin) {
            why = "its source names no origin";
        } else if (!texts[s]) {
            diag_add(d, DIAG_WARNING, "%s: indicators[%zu] (%s): warning: cannot trace \"%s\": "
                     "cannot read %s", p->path, k, ind->id, fig, paths[s]);
            untraced++;
            continue;
        } else if (ind->quote) {
            char *q = figure_squeeze(ind->quote, strlen(ind->quote));
            if (!strstr(texts[s], q))
                why = "its quote is not in the source text";
            else if (!figure_in(ind, q))
                why = "the figure is not in its quote";
            free(q);
        } else if (!figure_in(ind, texts[s])) {
            why = "not in the source text";
        }
        if (why) {
            diag_add(d, DIAG_WARNING, "%s: indicators[%zu] (%s): warning: cannot trace \"%s\" in "
                     "%s: %s", p->path, k, ind->id, fig,
                     s < p->n_sources && p->sources[s]->origin ? paths[s] : "(no file)", why);
            untraced++;
        }
    }
    for (size_t i = 0; i < p->n_sources; i++)
        free(texts[i]);
    free(texts);
    free(paths);
    return untraced;
}

static const char *basis_word(const char *b)
{
    return !b ? "" : strcmp(b, "annual_average") == 0 ? "年均" : strcmp(b, "daily_average") == 0 ? "日均"
                 : strcmp(b, "cumulative") == 0 ? "累计" : strcmp(b, "end_of_period") == 0 ? "期末" : "";
}

static void kind_text(const dossier_indicator *ind, char *buf, size_t cap)
{
    int m = ind->period_months;
    const char *b = basis_word(ind->basis);
    if (m == 0)
        snprintf(buf, cap, "未注明时期%s", b);
    else if (m < 0)
        snprintf(buf, cap, "按日%s", b);
    else if (m == 12 || m == 6 || m == 3 || m == 1)
        snprintf(buf, cap, "%s%s", m == 12 ? "年度" : m == 6 ? "半年" : m == 3 ? "季度" : "月度",
                 b);
    else if (m % 12 == 0)
        snprintf(buf, cap, "%d年期%s", m / 12, b);
    else
        snprintf(buf, cap, "%d个月%s", m, b);
}

static bool alike(const dossier_indicator *a, const dossier_indicator *b)
{
    return a->period_months == b->period_months &&
           strcmp(a->basis ? a->basis : "", b->basis ? b->basis : "") == 0;
}

size_t provenance_unlike_periods(const dossier_profile *p, diag_list *d)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_series; i++) {
        const dossier_series *s = p->series[i];
        size_t k = 1;
        while (k < s->n_points && alike(s->points[k], s->points[0]))
            k++;
        if (k == s->n_points)
            continue;
        char list[1024] = "", charts[512] = "";
        for (size_t j = 0; j < s->n_points; j++) {
            char per[128], kind[64], item[256];
            format_period(s->points[j], per, sizeof per);
            kind_text(s->points[j], kind, sizeof kind);
            snprintf(item, sizeof item, "%s%s（%s）", j ? "、" : "", per, kind);
            strncat(list, item, sizeof list - strlen(list) - 1);
        }
        for (size_t c = 0; c < p->n_charts; c++)
            if (p->charts[c]->series == s || p->charts[c]->secondary == s) {
                char item[256];
                snprintf(item, sizeof item, "%scharts[%zu]", charts[0] ? ", " : "", c);
                strncat(charts, item, sizeof charts - strlen(charts) - 1);
            }
        diag_add(d, DIAG_WARNING, "%s: series \"%s\": warning: mixes unlike periods: %s; only "
                 "like periods are compared%s%s%s", p->path, s->key, list,
                 charts[0] ? ", and the charts drawing it (" : "", charts,
                 charts[0] ? ") mark the unlike points" : "");
        n++;
    }
    return n;
}
