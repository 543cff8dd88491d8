/* csv_layout.c — the indicator table in its two layouts.
 *
 * wide: one record per indicator, in profile order:
 *   id, name, scope, period, value, unit, qualifier, basis, base, relation, series,
 *   source_document, source_section, name_en, note, figure, number, base_value, base_unit,
 *   decrease, form
 * long: one record per indicator and period, grouped by series for statistics tools (each
 * series at the place of its first indicator, its points ordered by period; an indicator
 * outside any series is its own one-point series keyed by its id):
 *   series, series_name, indicator, name, period, value, unit, qualifier, basis, scope,
 *   figure, number, base_value, base_unit, decrease, form, source_document, source_section,
 *   note
 *
 * `figure` is the figure as every format prints it (下降3.2%, 超八成, 21.8:17.4:60.8);
 * `number` the value as a plain number (六成 → 0.6; empty for a ratio); `base_value` that
 * number in `base_unit` (7926.0亿元 → 792600000000 元; a percentage, a ‰, 个百分点 and a worded
 * share as a fraction, base_unit empty: 2.6% → 0.026).
 *
 * `value` is the number exactly as the profile writes it (7926.0 keeps its decimal), `period`
 * the profile's period ("2019", "2020H1", "2017..2019", "undated"); optional fields are empty
 * when absent; references (base, source_document, source_section) are ids. */
#include "csv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* figure, number, base_value, base_unit, decrease, form */
static void figure_fields(csv_out *o, const dossier_host *h, const dossier_indicator *ind)
{
    char fig[512], num[64] = "", base[64] = "";
    h->format_figure(ind, fig, sizeof fig);
    csv_field(o, fig);
    bool v12 = DOSSIER_HAS_FIELD(ind, dossier_indicator, quote);
    bool numeric = !v12 || ind->has_value;
    const char *bu = v12 ? ind->unit_base : NULL;
    double factor = v12 ? ind->unit_factor : 0;
    if (numeric) {
        snprintf(num, sizeof num, "%.15g", ind->value);
        if (bu && factor > 0) {
            double b = ind->value * factor;
            snprintf(base, sizeof base, "%.15g", b == 0 ? 0.0 : b);
        }
    }
    csv_field(o, num[0] ? num : NULL);
    csv_field(o, base[0] ? base : NULL);
    csv_field(o, base[0] && bu && *bu ? bu : NULL);
    csv_field(o, v12 ? ind->decrease : NULL);
    csv_field(o, v12 ? ind->form : NULL);
}

static void wide_record(csv_out *o, const dossier_host *h, const dossier_indicator *ind)
{
    csv_field(o, ind->id);
    csv_field(o, ind->name);
    csv_field(o, ind->scope);
    csv_field(o, ind->period);
    csv_field(o, ind->value_text);
    csv_field(o, ind->unit);
    csv_field(o, ind->qualifier);
    csv_field(o, ind->basis);
    csv_field(o, ind->base ? ind->base->id : NULL);
    csv_field(o, ind->base ? ind->relation : NULL);
    csv_field(o, ind->series);
    csv_field(o, ind->source ? ind->source->id : NULL);
    csv_field(o, ind->section ? ind->section->id : NULL);
    csv_field(o, ind->name_en);
    csv_field(o, ind->note);
    figure_fields(o, h, ind);
    csv_end(o);
}

static void header_record(csv_out *o, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        csv_field(o, names[i]);
    csv_end(o);
}

void csv_wide(csv_out *o, const dossier_host *h, const dossier_profile *p, bool header)
{
    static const char *const names[] = {
        "id",    "name",   "scope",           "period",         "value",
        "unit",  "qualifier", "basis",        "base",           "relation",
        "series", "source_document", "source_section", "name_en", "note",
        "figure", "number", "base_value", "base_unit", "decrease", "form",
    };
    if (header)
        header_record(o, names, sizeof names / sizeof names[0]);
    for (size_t i = 0; i < p->n_indicators; i++)
        wide_record(o, h, p->indicators[i]);
}

static void long_record(csv_out *o, const dossier_host *h, const char *series,
                        const char *series_name, const dossier_indicator *ind)
{
    csv_field(o, series);
    csv_field(o, series_name);
    csv_field(o, ind->id);
    csv_field(o, ind->name);
    csv_field(o, ind->period);
    csv_field(o, ind->value_text);
    csv_field(o, ind->unit);
    csv_field(o, ind->qualifier);
    csv_field(o, ind->basis);
    csv_field(o, ind->scope);
    figure_fields(o, h, ind);
    csv_field(o, ind->source ? ind->source->id : NULL);
    csv_field(o, ind->section ? ind->section->id : NULL);
    csv_field(o, ind->note);
    csv_end(o);
}

static const dossier_series *find_series(const dossier_profile *p, const char *key)
{
    for (size_t i = 0; i < p->n_series; i++)
        if (strcmp(p->series[i]->key, key) == 0)
            return p->series[i];
    return NULL;
}

/* True when an indicator before index `i` belongs to the same series as indicator i. */
static bool series_seen(const dossier_profile *p, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (p->indicators[k]->series && strcmp(p->indicators[k]->series,
                                               p->indicators[i]->series) == 0)
            return true;
    return false;
}

void csv_long(csv_out *o, const dossier_host *h, const dossier_profile *p, bool header)
{
    static const char *const names[] = {
        "series", "series_name", "indicator", "name",      "period",
        "value",  "unit",        "qualifier", "basis",     "scope",
        "figure", "number", "base_value", "base_unit", "decrease", "form",
        "source_document", "source_section", "note",
    };
    if (header)
        header_record(o, names, sizeof names / sizeof names[0]);
    for (size_t i = 0; i < p->n_indicators; i++) {
        const dossier_indicator *ind = p->indicators[i];
        const dossier_series *s = ind->series ? find_series(p, ind->series) : NULL;
        if (!s) {
            long_record(o, h, ind->series ? ind->series : ind->id, ind->name, ind);
        } else if (!series_seen(p, i)) {
            for (size_t k = 0; k < s->n_points; k++)
                long_record(o, h, s->key, s->name, s->points[k]);
        }
    }
}
