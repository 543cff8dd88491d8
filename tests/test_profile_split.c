/* test_profile_split.c — loading a profile with its indicators parsed one at a time
 * (json_split, profile_load.c) is loading it whole: for every profile and bad fixture of the
 * suite, the same model and the same diagnostics as the same text with its "indicators" key
 * written with an escape (which the split does not recognise, so jansson parses it whole);
 * and texts many indicators repeat are stored once.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 16);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The text with its first "indicators" key spelt "indic\u0061tors": the same JSON, parsed
 * whole. NULL when the text has no such key. */
static char *escaped(const char *text, size_t len, size_t *out_len)
{
    const char *k = strstr(text, "\"indicators\"");
    if (!k)
        return NULL;
    char *t = malloc(len + 8);
    cr_assert_not_null(t);
    size_t at = (size_t)(k - text) + 6; /* the 'a' */
    memcpy(t, text, at);
    memcpy(t + at, "\\u0061", 6);
    memcpy(t + at + 6, text + at + 1, len - at - 1);
    *out_len = len + 5;
    t[*out_len] = '\0';
    return t;
}

static void same_text(const char *a, const char *b, const char *what)
{
    if (!a || !b)
        cr_assert_eq(a, b, "%s: both absent", what);
    else
        cr_assert_str_eq(a, b, "%s", what);
}

static void same_indicator(const dossier_indicator *a, const dossier_indicator *b)
{
    same_text(a->id, b->id, "id");
    same_text(a->name, b->name, a->id);
    same_text(a->name_en, b->name_en, a->id);
    cr_assert_eq(a->value, b->value, "%s", a->id);
    same_text(a->value_text, b->value_text, a->id);
    cr_assert_eq(a->decimals, b->decimals, "%s", a->id);
    same_text(a->unit, b->unit, a->id);
    same_text(a->qualifier, b->qualifier, a->id);
    same_text(a->period, b->period, a->id);
    same_text(a->basis, b->basis, a->id);
    same_text(a->scope, b->scope, a->id);
    same_text(a->source ? a->source->id : NULL, b->source ? b->source->id : NULL, a->id);
    same_text(a->section ? a->section->id : NULL, b->section ? b->section->id : NULL, a->id);
    same_text(a->base ? a->base->id : NULL, b->base ? b->base->id : NULL, a->id);
    same_text(a->relation, b->relation, a->id);
    same_text(a->series, b->series, a->id);
    same_text(a->note, b->note, a->id);
    same_text(a->unit_kind, b->unit_kind, a->id);
    same_text(a->unit_base, b->unit_base, a->id);
    cr_assert_eq(a->unit_factor, b->unit_factor, "%s", a->id);
    same_text(a->form, b->form, a->id);
    cr_assert_eq(a->has_value, b->has_value, "%s", a->id);
    cr_assert_eq(a->n_parts, b->n_parts, "%s", a->id);
    for (size_t i = 0; i < a->n_parts; i++)
        cr_assert_eq(a->parts[i], b->parts[i], "%s", a->id);
    same_text(a->decrease, b->decrease, a->id);
    cr_assert_eq(a->period_months, b->period_months, "%s", a->id);
    same_text(a->quote, b->quote, a->id);
}

static void same_model(const dossier_profile *a, const dossier_profile *b)
{
    same_text(a->id, b->id, "profile id");
    same_text(a->name_zh, b->name_zh, "name_zh");
    same_text(a->subtitle, b->subtitle, "subtitle");
    cr_assert_eq(a->n_sources, b->n_sources);
    cr_assert_eq(a->n_documents, b->n_documents);
    cr_assert_eq(a->n_units, b->n_units);
    cr_assert_eq(a->n_indicators, b->n_indicators);
    for (size_t i = 0; i < a->n_indicators; i++)
        same_indicator(a->indicators[i], b->indicators[i]);
    cr_assert_eq(a->n_key_figures, b->n_key_figures);
    for (size_t i = 0; i < a->n_key_figures; i++)
        same_text(a->key_figures[i]->id, b->key_figures[i]->id, "key figure");
    same_text(a->area ? a->area->id : NULL, b->area ? b->area->id : NULL, "area");
    same_text(a->population ? a->population->id : NULL,
              b->population ? b->population->id : NULL, "population");
    cr_assert_eq(a->n_series, b->n_series);
    for (size_t i = 0; i < a->n_series; i++) {
        same_text(a->series[i]->key, b->series[i]->key, "series");
        cr_assert_eq(a->series[i]->n_points, b->series[i]->n_points);
        for (size_t k = 0; k < a->series[i]->n_points; k++)
            same_text(a->series[i]->points[k]->id, b->series[i]->points[k]->id, "point");
    }
    cr_assert_eq(a->n_charts, b->n_charts);
    for (size_t i = 0; i < a->n_charts; i++) {
        same_text(a->charts[i]->title, b->charts[i]->title, "chart");
        same_text(a->charts[i]->series->key, b->charts[i]->series->key, "chart series");
    }
}

/* Loads path split and whole; the same status, diagnostics and model. */
static void same_both_ways(const char *path)
{
    size_t len, elen;
    char *text = read_all(path, &len);
    char *whole = escaped(text, len, &elen);
    if (!whole) {
        free(text);
        return;
    }
    dossier_profile *a = NULL, *b = NULL;
    diag_list da, db;
    diag_init(&da);
    diag_init(&db);
    profile_status sa = profile_parse("p.json", text, len, &a, &da);
    profile_status sb = profile_parse("p.json", whole, elen, &b, &db);
    cr_assert_eq(sa, sb, "%s", path);
    cr_assert_eq(da.count, db.count, "%s: %zu against %zu diagnostics", path, da.count,
                 db.count);
    for (size_t i = 0; i < da.count; i++)
        cr_assert_str_eq(da.items[i].text, db.items[i].text, "%s", path);
    if (a && b)
        same_model(a, b);
    profile_free(a);
    profile_free(b);
    diag_free(&da);
    diag_free(&db);
    free(text);
    free(whole);
}

static void every_profile_in(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        same_both_ways(path);
        n++;
    }
    closedir(d);
    cr_assert_gt(n, 0);
}

Test(split, haidian_and_the_good_profiles_load_the_same_both_ways)
{
    same_both_ways(SOURCE_DIR "/data/haidian.json");
    every_profile_in(TEST_DATA_DIR "/good");
}

Test(split, bad_fixtures_report_the_same_both_ways)
{
    every_profile_in(TEST_DATA_DIR "/bad");
}

Test(split, a_syntax_error_in_an_indicator_is_reported_once_with_its_position)
{
    /* the third indicator is broken on line 4: nothing of the first two is reported */
    const char *t = "{\"format\": 1, \"id\": \"x\", \"indicators\": [\n"
                    "  {\"id\": \"a\", \"bogus\": 1},\n"
                    "  {\"id\": \"b\"},\n"
                    "  {\"id\": \"c\",, \"value\": 1}]}";
    dossier_profile *p = NULL;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_parse("s.json", t, strlen(t), &p, &d), PROFILE_INVALID);
    cr_assert_null(p);
    cr_assert_eq(d.count, 1);
    cr_assert_eq(d.errors, 1);
    cr_assert(strncmp(d.items[0].text, "s.json:4:14: error: ", 20) == 0, "%s",
              d.items[0].text);
    diag_free(&d);
}

Test(split, texts_indicators_repeat_are_stored_once)
{
    size_t len;
    char *text = read_all(TEST_DATA_DIR "/good/qingxi.json", &len);
    dossier_profile *p = NULL;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_parse("q.json", text, len, &p, &d), PROFILE_OK);
    size_t pairs = 0;
    for (size_t i = 0; i < p->n_indicators; i++)
        for (size_t k = i + 1; k < p->n_indicators; k++) {
            const dossier_indicator *a = p->indicators[i], *b = p->indicators[k];
            if (strcmp(a->scope, b->scope) == 0) {
                cr_assert_eq(a->scope, b->scope, "one copy of \"%s\"", a->scope);
                pairs++;
            }
            if (strcmp(a->period, b->period) == 0)
                cr_assert_eq(a->period, b->period, "one copy of \"%s\"", a->period);
            if (a->series && b->series && strcmp(a->series, b->series) == 0)
                cr_assert_eq(a->series, b->series, "one copy of \"%s\"", a->series);
        }
    cr_assert_gt(pairs, 0, "qingxi repeats a scope");
    profile_free(p);
    diag_free(&d);
    free(text);
}
