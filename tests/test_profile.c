/* test_profile.c — the profile loader (profile_load.c, profile_build.c, profile_link.c):
 * the reference profile data/haidian.json and the small tests/data/good/qingxi.json load
 * into the model as written; every class of bad input in tests/data/bad/ is rejected with its
 * location and a message saying what is wrong; and every figure of haidian.json is found in
 * the text it cites.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile.h"
#include "units.h"

#define BAD_DIR TEST_DATA_DIR "/bad/"
#define HAIDIAN SOURCE_DIR "/data/haidian.json"
#define QINGXI TEST_DATA_DIR "/good/qingxi.json"
#define LIANSHAN TEST_DATA_DIR "/good/lianshan.json"
#define SEEDS_DIR SOURCE_DIR "/data/sources/"

/* ---- helpers ------------------------------------------------------------------------ */

static void dump(const diag_list *d)
{
    for (size_t i = 0; i < d->count; i++)
        fprintf(stderr, "  diag: %s\n", d->items[i].text);
}

/* The first diagnostic that starts with prefix (when not NULL) and contains gist. */
static const char *find_diag(const diag_list *d, const char *prefix, const char *gist)
{
    for (size_t i = 0; i < d->count; i++) {
        const char *t = d->items[i].text;
        if (prefix && strncmp(t, prefix, strlen(prefix)) != 0)
            continue;
        if (!gist || strstr(t, gist))
            return t;
    }
    return NULL;
}

/* Asserts a diagnostic "FILE: WHERE: error: ...GIST..." (WHERE a JSON path) or
 * "FILE:WHERE: error: ...GIST..." (WHERE "LINE:COL", or "LINE:" for any column). */
static void expect_diag(const diag_list *d, const char *file, const char *where,
                        const char *gist)
{
    char prefix[1024];
    bool position = where[0] >= '0' && where[0] <= '9';
    size_t wl = strlen(where);
    if (position && where[wl - 1] == ':') /* "LINE:" — any column */
        snprintf(prefix, sizeof prefix, "%s:%s", file, where);
    else
        snprintf(prefix, sizeof prefix, "%s:%s%s: error: ", file, position ? "" : " ", where);
    const char *t = find_diag(d, prefix, gist);
    if (!t)
        dump(d);
    cr_assert_not_null(t, "expected \"%s...%s\"", prefix, gist);
    cr_assert_not_null(strstr(t, ": error: "), "%s", t);
}

/* Loads tests/data/bad/NAME, which must be rejected with `errors` errors (0: at least one)
 * and among them "WHERE: error: ...GIST...". */
static void expect_invalid(const char *name, size_t errors, const char *where, const char *gist)
{
    char path[1024];
    snprintf(path, sizeof path, "%s%s", BAD_DIR, name);
    dossier_profile *p = (dossier_profile *)1;
    diag_list d;
    diag_init(&d);
    profile_status s = profile_load(path, PROFILE_DEFAULT_MAX_BYTES, &p, &d);
    if (s != PROFILE_INVALID)
        dump(&d);
    cr_assert_eq(s, PROFILE_INVALID, "%s is rejected", name);
    cr_assert_null(p, "%s: no model on failure", name);
    if (errors)
        cr_assert_eq(d.errors, errors, "%s: %zu error(s), got %zu", name, errors, d.errors);
    else
        cr_assert_geq(d.errors, 1);
    cr_assert_eq(d.count, d.errors + d.warnings, "every diagnostic is kept");
    for (size_t i = 0; i < d.count; i++)
        cr_assert_null(strchr(d.items[i].text, '\n'), "one line per message");
    expect_diag(&d, path, where, gist);
    diag_free(&d);
}

static dossier_profile *load_ok(const char *path)
{
    dossier_profile *p = NULL;
    diag_list d;
    diag_init(&d);
    profile_status s = profile_load(path, PROFILE_DEFAULT_MAX_BYTES, &p, &d);
    if (d.count)
        dump(&d);
    cr_assert_eq(s, PROFILE_OK, "%s loads", path);
    cr_assert_eq(d.count, 0, "%s: no diagnostics at all", path);
    cr_assert_not_null(p);
    diag_free(&d);
    return p;
}

static dossier_profile *parse_ok(const char *text, size_t len)
{
    dossier_profile *p = NULL;
    diag_list d;
    diag_init(&d);
    profile_status s = profile_parse("mem.json", text, len, &p, &d);
    if (d.count)
        dump(&d);
    cr_assert_eq(s, PROFILE_OK);
    cr_assert_eq(d.count, 0);
    cr_assert_not_null(p);
    diag_free(&d);
    return p;
}

static const dossier_indicator *indicator(const dossier_profile *p, const char *id)
{
    for (size_t i = 0; i < p->n_indicators; i++)
        if (strcmp(p->indicators[i]->id, id) == 0)
            return p->indicators[i];
    cr_assert_fail("no indicator %s", id);
    return NULL;
}

static const dossier_series *series(const dossier_profile *p, const char *key)
{
    for (size_t i = 0; i < p->n_series; i++)
        if (strcmp(p->series[i]->key, key) == 0)
            return p->series[i];
    cr_assert_fail("no series %s", key);
    return NULL;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

static void write_tmp(char *path, size_t cap, const void *data, size_t len)
{
    snprintf(path, cap, "/tmp/dossier-profile-XXXXXX");
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
}

/* Checks the model invariants every loaded profile must satisfy (model.h). */
static void check_model(const dossier_profile *p)
{
    cr_assert_eq(p->struct_size, sizeof *p);
    cr_assert_not_null(p->id);
    cr_assert_not_null(p->name_zh);
    cr_assert_not_null(p->as_of);
    for (size_t i = 0; i < p->n_sources; i++) {
        cr_assert_not_null(p->sources[i]->id);
        cr_assert_not_null(p->sources[i]->title);
    }
    for (size_t i = 0; i < p->n_documents; i++)
        cr_assert_not_null(p->documents[i]->source, "documents[%zu] is linked", i);
    for (size_t i = 0; i < p->n_indicators; i++) {
        const dossier_indicator *ind = p->indicators[i];
        cr_assert_eq(ind->struct_size, sizeof *ind);
        cr_assert_not_null(ind->id, "indicators[%zu].id", i);
        cr_assert_not_null(ind->name, "%s.name", ind->id);
        cr_assert_not_null(ind->value_text, "%s.value_text", ind->id);
        cr_assert_not_null(ind->unit, "%s.unit", ind->id);
        cr_assert_not_null(ind->period, "%s.period", ind->id);
        cr_assert_not_null(ind->scope, "%s.scope", ind->id);
        cr_assert_not_null(ind->source, "%s.source", ind->id);
        cr_assert_not_null(ind->source->id, "%s.source.id", ind->id);
        /* value agrees with its literal and decimals with the digits after the point */
        cr_assert_not_null(ind->form, "%s.form", ind->id);
        cr_assert_not_null(ind->unit_kind, "%s.unit_kind", ind->id);
        if (strcmp(ind->form, "number") == 0) {
            cr_assert_float_eq(ind->value, strtod(ind->value_text, NULL), 1e-9, "%s", ind->id);
            const char *dot = strchr(ind->value_text, '.');
            int decimals = dot ? (int)strlen(dot + 1) : 0;
            cr_assert_eq(ind->decimals, decimals, "%s: decimals of %s", ind->id,
                         ind->value_text);
            cr_assert(ind->unit[0], "%s: a number has a unit", ind->id);
        } else {
            cr_assert_str_eq(ind->unit, "", "%s: a worded figure has no unit", ind->id);
        }
        /* a share or growth always has the figure it refers to */
        if (ind->relation) {
            cr_assert_not_null(ind->base, "%s has relation %s but no base", ind->id,
                               ind->relation);
            cr_assert_neq(ind->base, ind);
        }
        if (ind->base)
            cr_assert_not_null(ind->relation, "%s has a base but no relation", ind->id);
        /* optional strings are NULL when absent, never "" */
        const char *opt[] = {ind->name_en, ind->qualifier, ind->basis, ind->series, ind->note,
                             ind->decrease, ind->quote};
        for (size_t k = 0; k < sizeof opt / sizeof opt[0]; k++)
            cr_assert(!opt[k] || opt[k][0], "%s: an optional string is never empty", ind->id);
    }
    for (size_t i = 0; i < p->n_key_figures; i++)
        cr_assert_not_null(p->key_figures[i]);
    for (size_t i = 0; i < p->n_charts; i++) {
        cr_assert_not_null(p->charts[i]->series);
        cr_assert_not_null(p->charts[i]->title);
    }
}

/* ---- the reference profiles --------------------------------------------------------- */

Test(profile, haidian_loads)
{
    dossier_profile *p = load_ok(HAIDIAN);
    check_model(p);
    cr_assert_str_eq(p->path, HAIDIAN);
    cr_assert_str_eq(p->id, "haidian");
    cr_assert_str_eq(p->name_zh, "海淀区");
    cr_assert_str_eq(p->name_en, "Haidian District");
    cr_assert_str_eq(p->parent_zh, "北京市");
    cr_assert_str_eq(p->as_of, "2020-06-30");
    cr_assert_geq(p->n_indicators, 60);
    cr_assert_eq(p->n_sources, 2);
    cr_assert_eq(p->n_documents, 2);
    cr_assert_str_eq(p->sources[0]->id, "overview");
    cr_assert_str_eq(p->sources[0]->origin, "000_030fefaba4a1df5d.txt");

    const dossier_indicator *gdp = indicator(p, "gdp_2019");
    cr_assert_str_eq(gdp->name, "地区生产总值");
    cr_assert_str_eq(gdp->value_text, "7926.0", "the literal keeps its trailing zero");
    cr_assert_eq(gdp->decimals, 1);
    cr_assert_float_eq(gdp->value, 7926.0, 1e-9);
    cr_assert_str_eq(gdp->unit, "亿元");
    cr_assert_str_eq(gdp->period, "2019");
    cr_assert_str_eq(gdp->scope, "海淀区");
    cr_assert_str_eq(gdp->source->id, "overview");
    cr_assert_not_null(gdp->section);
    cr_assert_str_eq(gdp->section->id, "overview.2.1");
    cr_assert_str_eq(gdp->note, "初步核算");

    const dossier_indicator *growth = indicator(p, "gdp_2019_growth");
    cr_assert_eq(growth->base, gdp, "the growth rate points at the GDP figure itself");
    cr_assert_str_eq(growth->relation, "growth");
    cr_assert_str_eq(growth->value_text, "7.0");

    /* the gdp series, ordered by period although the file lists 2019, 2020H1, then 2016 */
    const dossier_series *s = series(p, "gdp");
    cr_assert_eq(s->n_points, 3);
    cr_assert_str_eq(s->points[0]->period, "2016");
    cr_assert_str_eq(s->points[1]->period, "2019");
    cr_assert_str_eq(s->points[2]->period, "2020H1");
    cr_assert_eq(s->points[1], gdp);
    cr_assert_str_eq(s->points[0]->value_text, "5036.8");
    cr_assert_str_eq(s->unit, "亿元");

    cr_assert_geq(p->n_charts, 1);
    cr_assert_str_eq(p->charts[0]->title, "地区生产总值");
    cr_assert_eq(p->charts[0]->series, s);
    cr_assert_not_null(p->charts[0]->secondary);
    cr_assert_str_eq(p->charts[0]->secondary->key, "gdp_growth");
    cr_assert_eq(p->charts[0]->secondary->n_points, 3);

    cr_assert_not_null(p->area);
    cr_assert_str_eq(p->area->id, "area");
    cr_assert_str_eq(p->area->value_text, "430.77");
    cr_assert_str_eq(p->area->unit, "平方公里");
    cr_assert_not_null(p->population);
    cr_assert_str_eq(p->population->id, "resident_population");
    cr_assert_str_eq(p->population->value_text, "323.7");
    cr_assert_str_eq(p->population->unit, "万人");

    cr_assert_eq(p->n_key_figures, 13);
    cr_assert_str_eq(p->key_figures[0]->id, "area");
    cr_assert_eq(p->key_figures[2], gdp);
    profile_free(p);
}

Test(profile, qingxi_keeps_the_written_precision)
{
    dossier_profile *p = load_ok(QINGXI);
    check_model(p);
    cr_assert_str_eq(p->id, "qingxi");
    cr_assert_str_eq(p->name_zh, "清溪县");
    cr_assert_str_eq(p->subtitle, "虚构示例资料（用于测试）");

    const struct {
        const char *id, *text;
        int decimals;
        double value;
    } want[] = {
        {"gdp_2023", "120.50", 2, 120.5},  {"gdp_2022", "110.30", 2, 110.3},
        {"gdp_2021", "98.75", 2, 98.75},   {"tertiary_2023", "68.30", 2, 68.3},
        {"industrial_revenue_2022h1_growth", "6.0", 1, 6.0},
        {"new_firms_2022h1", "1264", 0, 1264}, {"area", "1286.4", 1, 1286.4},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const dossier_indicator *ind = indicator(p, want[i].id);
        cr_assert_str_eq(ind->value_text, want[i].text, "%s", want[i].id);
        cr_assert_eq(ind->decimals, want[i].decimals, "%s", want[i].id);
        cr_assert_float_eq(ind->value, want[i].value, 1e-9, "%s", want[i].id);
    }
    const dossier_indicator *pop = indicator(p, "population_2023");
    cr_assert_str_eq(pop->qualifier, "约");
    cr_assert_str_eq(pop->basis, "end_of_period");
    cr_assert_eq(p->population, pop);
    cr_assert_null(indicator(p, "gdp_2023")->qualifier);
    cr_assert_null(indicator(p, "gdp_2023")->basis);
    cr_assert_null(p->sources[0]->origin);
    cr_assert_str_eq(p->sources[0]->date, "2024-03");

    /* sections and their nesting */
    const dossier_document *doc = p->documents[0];
    cr_assert_eq(doc->n_paragraphs, 1);
    cr_assert_eq(doc->n_sections, 2);
    cr_assert_str_eq(doc->sections[1]->marker, "二、");
    cr_assert_eq(doc->sections[1]->level, 1);
    cr_assert_eq(doc->sections[1]->n_children, 1);
    cr_assert_eq(doc->sections[1]->children[0]->level, 2);
    cr_assert_str_eq(doc->sections[1]->children[0]->marker, "(一)");
    cr_assert_eq(indicator(p, "digital_firms_2023")->section, doc->sections[1]->children[0]);

    const dossier_series *gdp = series(p, "gdp");
    cr_assert_eq(gdp->n_points, 3);
    cr_assert_str_eq(gdp->points[0]->id, "gdp_2021");
    cr_assert_str_eq(gdp->points[2]->id, "gdp_2023");
    cr_assert_eq(p->n_charts, 1);
    cr_assert_null(p->charts[0]->secondary);
    cr_assert_eq(p->n_key_figures, 7);
    cr_assert_str_eq(p->key_figures[6]->id, "digital_firms_2023");
    profile_free(p);
}

Test(profile, lianshan_units_forms_and_decreases)
{
    dossier_profile *p = load_ok(LIANSHAN);
    check_model(p);
    /* declared units, resolved through their base */
    cr_assert_eq(p->n_units, 2);
    cr_assert_str_eq(p->units[1]->symbol, "万株");
    cr_assert_str_eq(p->units[1]->kind, "count");
    cr_assert_str_eq(p->units[1]->base, "株");
    cr_assert_float_eq(p->units[1]->factor, 1e4, 1e-9);
    const dossier_indicator *trees = indicator(p, "trees_2023");
    cr_assert_str_eq(trees->unit, "万株");
    cr_assert_str_eq(trees->unit_kind, "count");
    cr_assert_str_eq(trees->unit_base, "株");
    cr_assert_float_eq(trees->unit_factor, 1e4, 1e-9);
    /* built-in units of a bulletin */
    const struct {
        const char *id, *unit, *kind, *base;
        double factor;
    } units[] = {
        {"grain_2023", "万吨", "mass", "吨", 1e4},
        {"households_2023", "万户", "count", "户", 1e4},
        {"tourists_2023", "万人次", "count", "人次", 1e4},
        {"pm25_2023", "微克/立方米", "concentration", "微克/立方米", 1},
        {"temperature_2023", "℃", "temperature", "℃", 1},
        {"income_2023", "元/人", "rate", "元/人", 1},
        {"natural_growth_2023", "‰", "percent", "", 0.001},
        {"natural_growth_2023_change", "个千分点", "percentage_points", "", 0.001},
        {"gdp_2023_growth", "倍", "multiple", "倍", 1},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        const dossier_indicator *ind = indicator(p, units[i].id);
        cr_assert_str_eq(ind->unit, units[i].unit, "%s", units[i].id);
        cr_assert_str_eq(ind->unit_kind, units[i].kind, "%s", units[i].id);
        cr_assert_str_eq(ind->unit_base, units[i].base, "%s", units[i].id);
        cr_assert_float_eq(ind->unit_factor, units[i].factor, 1e-12, "%s", units[i].id);
        cr_assert_str_eq(ind->form, "number");
        cr_assert_eq(ind->has_value, 1);
    }
    /* worded forms: the text as written, the fraction where one is defined */
    const struct {
        const char *id, *text, *qualifier;
        double value;
    } shares[] = {
        {"private_share", "六成", NULL, 0.6},   {"hightech_share", "八成", "超", 0.8},
        {"rd_share", "四成", "以上", 0.4},      {"export_share", "一半", "左右", 0.5},
        {"foreign_share", "1/3", "近", 1.0 / 3}, {"loan_share", "1/4", NULL, 0.25},
        {"new_firm_share", "1/10", "强", 0.1},  {"tech_service_share", "三分之一", NULL, 1.0 / 3},
    };
    for (size_t i = 0; i < sizeof shares / sizeof shares[0]; i++) {
        const dossier_indicator *ind = indicator(p, shares[i].id);
        cr_assert_str_eq(ind->value_text, shares[i].text);
        cr_assert_str_eq(ind->form, "share");
        cr_assert_str_eq(ind->unit, "");
        cr_assert_str_eq(ind->unit_kind, "share");
        cr_assert_str_eq(ind->unit_base, "");
        cr_assert_eq(ind->has_value, 1);
        cr_assert_float_eq(ind->value, shares[i].value, 1e-12, "%s", shares[i].id);
        if (shares[i].qualifier)
            cr_assert_str_eq(ind->qualifier, shares[i].qualifier);
        else
            cr_assert_null(ind->qualifier);
    }
    const dossier_indicator *ratio = indicator(p, "structure_2023");
    cr_assert_str_eq(ratio->value_text, "21.8:17.4:60.8");
    cr_assert_str_eq(ratio->form, "ratio");
    cr_assert_str_eq(ratio->unit_kind, "ratio");
    cr_assert_null(ratio->unit_base);
    cr_assert_eq(ratio->has_value, 0);
    cr_assert_eq(ratio->n_parts, 3);
    cr_assert_float_eq(ratio->parts[2], 60.8, 1e-12);
    /* decreases */
    const dossier_indicator *fall = indicator(p, "grain_2023_growth");
    cr_assert_str_eq(fall->value_text, "-3.2");
    cr_assert_float_eq(fall->value, -3.2, 1e-12);
    cr_assert_str_eq(fall->decrease, "下降");
    cr_assert_str_eq(indicator(p, "households_2023_change")->decrease, "减少");
    cr_assert_str_eq(indicator(p, "income_2023_growth")->value_text, "0.0", "-0.0 is 0.0");
    /* ids with the period's upper case, period lengths, the quote */
    cr_assert_eq(indicator(p, "gdp_2023Q1")->period_months, 3);
    cr_assert_eq(indicator(p, "gdp_2023")->period_months, 12);
    cr_assert_str_eq(indicator(p, "gdp_2023")->quote,
                     "2023年，莲山县实现地区生产总值256.80亿元，比上年增长1.1倍");
    cr_assert_null(indicator(p, "gdp_2023Q1")->quote);
    profile_free(p);
}

Test(profile, units_from_a_file)
{
    char path[64];
    static const char file[] =
        "{\"units\": [{\"symbol\": \"株\", \"kind\": \"count\", \"base\": \"株\", "
        "\"factor\": 1}, {\"symbol\": \"万株\", \"kind\": \"count\", \"base\": \"株\", "
        "\"factor\": 10000}, {\"symbol\": \"平方千米\", \"kind\": \"area\", \"base\": "
        "\"平方公里\", \"factor\": 1}]}";
    write_tmp(path, sizeof path, file, sizeof file - 1);
    diag_list d;
    diag_init(&d);
    cr_assert(units_load_file(path, &d));
    cr_assert_eq(d.count, 0);
    const unit_info *u = units_find("万株");
    cr_assert_not_null(u);
    cr_assert_str_eq(u->base, "株");
    cr_assert_float_eq(u->factor, 1e4, 1e-9);
    unlink(path);

    static const char bad[] = "{\"units\": [{\"symbol\": \"万株\", \"kind\": \"count\", "
                              "\"base\": \"株\"}, {\"symbol\": \"亩\", \"kind\": \"area\", "
                              "\"base\": \"平方米\", \"factor\": 600}]}";
    write_tmp(path, sizeof path, bad, sizeof bad - 1);
    cr_assert_not(units_load_file(path, &d));
    cr_assert_eq(d.errors, 2);
    char want[256];
    snprintf(want, sizeof want, "%s: units[0]: error: a unit is {\"symbol\": text", path);
    cr_assert_not_null(find_diag(&d, want, NULL));
    snprintf(want, sizeof want, "%s: units[1]: error: \"亩\" is already a unit", path);
    cr_assert_not_null(find_diag(&d, want, NULL));
    unlink(path);
    diag_free(&d);
    units_reset();
    cr_assert_null(units_find("万株"));
}

Test(profile, key_figures_default_to_every_indicator)
{
    size_t len;
    char *text = read_all(QINGXI, &len);
    cr_assert_not_null(text);
    char *k = strstr(text, "\"key_figures\"");
    cr_assert_not_null(k);
    memcpy(k, "\"key_figurez\"", 13); /* now an unknown field: check that it is rejected */
    dossier_profile *p = NULL;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_parse("q.json", text, len, &p, &d), PROFILE_INVALID);
    expect_diag(&d, "q.json", "key_figurez", "unknown field \"key_figurez\"");
    diag_free(&d);

    /* Cut the key_figures member out entirely. */
    char *start = k;
    while (start[-1] != ',')
        start--;
    start--;
    char *end = strchr(k, ']') + 1;
    memmove(start, end, strlen(end) + 1);
    p = parse_ok(text, strlen(text));
    cr_assert_eq(p->n_key_figures, p->n_indicators);
    for (size_t i = 0; i < p->n_indicators; i++)
        cr_assert_eq(p->key_figures[i], p->indicators[i]);
    profile_free(p);
    free(text);
}

/* Text a figure is read from: the section's title and paragraphs, or the document's lead. */
static bool stated_in(const dossier_profile *p, const dossier_indicator *ind)
{
    if (ind->section) {
        if (strstr(ind->section->title, ind->value_text))
            return true;
        for (size_t i = 0; i < ind->section->n_paragraphs; i++)
            if (strstr(ind->section->paragraphs[i], ind->value_text))
                return true;
        return false;
    }
    for (size_t i = 0; i < p->n_documents; i++) {
        const dossier_document *doc = p->documents[i];
        if (doc->source != ind->source)
            continue;
        for (size_t k = 0; k < doc->n_paragraphs; k++)
            if (strstr(doc->paragraphs[k], ind->value_text))
                return true;
    }
    return false;
}

Test(profile, every_figure_is_stated_in_the_section_it_cites)
{
    const char *paths[] = {HAIDIAN, QINGXI};
    for (size_t f = 0; f < 2; f++) {
        dossier_profile *p = load_ok(paths[f]);
        for (size_t i = 0; i < p->n_indicators; i++) {
            const dossier_indicator *ind = p->indicators[i];
            cr_assert(stated_in(p, ind), "%s: %s (%s) is not in the text of %s", paths[f],
                      ind->id, ind->value_text, ind->section ? ind->section->id : "the lead");
        }
        profile_free(p);
    }
}

Test(profile, every_haidian_figure_is_in_its_seed_text)
{
    dossier_profile *p = load_ok(HAIDIAN);
    char *texts[8] = {0};
    cr_assert_leq(p->n_sources, 8);
    for (size_t i = 0; i < p->n_sources; i++) {
        cr_assert_not_null(p->sources[i]->origin, "source %s names its origin",
                           p->sources[i]->id);
        char path[1024];
        snprintf(path, sizeof path, "%s%s", SEEDS_DIR, p->sources[i]->origin);
        texts[i] = read_all(path, NULL);
        cr_assert_not_null(texts[i], "cannot read %s", path);
    }
    for (size_t i = 0; i < p->n_indicators; i++) {
        const dossier_indicator *ind = p->indicators[i];
        size_t k = 0;
        while (k < p->n_sources && p->sources[k] != ind->source)
            k++;
        cr_assert_lt(k, p->n_sources);
        cr_assert_not_null(strstr(texts[k], ind->value_text), "%s: %s is not in %s", ind->id,
                           ind->value_text, ind->source->origin);
    }
    for (size_t i = 0; i < p->n_sources; i++)
        free(texts[i]);
    profile_free(p);
}

/* ---- reading the file --------------------------------------------------------------- */

Test(profile, unreadable_files)
{
    dossier_profile *p = (dossier_profile *)1;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_load(BAD_DIR "does-not-exist.json", PROFILE_DEFAULT_MAX_BYTES, &p, &d),
                 PROFILE_UNREADABLE);
    cr_assert_null(p);
    cr_assert_not_null(find_diag(&d, BAD_DIR "does-not-exist.json: error: cannot open", NULL));

    cr_assert_eq(profile_load(TEST_DATA_DIR "/good", PROFILE_DEFAULT_MAX_BYTES, &p, &d),
                 PROFILE_UNREADABLE);
    cr_assert_not_null(find_diag(&d, TEST_DATA_DIR "/good: error: not a regular file", NULL));

    cr_assert_eq(profile_load(QINGXI, 100, &p, &d), PROFILE_UNREADABLE);
    cr_assert_null(p);
    cr_assert_not_null(find_diag(&d, QINGXI ": error: file is ", "larger than the limit of 100"));
    cr_assert_eq(d.errors, 3);
    diag_free(&d);
}

/* ---- bad input: one fixture per class ----------------------------------------------- */

Test(bad, syntax_error_has_line_and_column)
{
    /* "series": "gdp", followed by } on line 43, column 5 */
    expect_invalid("syntax_trailing_comma.json", 1, "43:5", "'}'");
}

Test(bad, missing_required_field)
{
    expect_invalid("missing_unit.json", 1, "indicators[1].unit",
                   "missing required field \"unit\"");
}

Test(bad, number_written_as_a_string)
{
    expect_invalid("value_string.json", 1, "indicators[0].value",
                   "expected a number, found a string");
    expect_invalid("value_string.json", 1, "indicators[0].value", "without quotes");
}

Test(bad, unknown_unit)
{
    expect_invalid("unknown_unit.json", 1, "indicators[0].unit", "unknown unit \"万亿\"");
    expect_invalid("unknown_unit.json", 1, "indicators[0].unit",
                   "unknown unit \"万亿\"; declare it in the profile's \"units\" ({\"symbol\": "
                   "\"万亿\", \"kind\": …, \"base\": …, \"factor\": …}) or in the "
                   "configuration's units_file (built in: 万亿元, 亿元,");
}

Test(bad, declared_units_are_checked)
{
    expect_invalid("unit_bad_kind.json", 1, "units[0]",
                   "unknown kind \"plants\" (accepted: currency, count, percent, "
                   "percentage_points, area, time, mass, length, volume, energy, power, "
                   "concentration, temperature, rate, multiple)");
    expect_invalid("unit_redeclared.json", 1, "units[0]",
                   "\"亿元\" is already a unit (currency, 元 × 100000000); a declared unit "
                   "cannot change it");
    expect_invalid("unit_base_of_another_kind.json", 1, "units[0]",
                   "its base \"平方米\" is a unit of kind area, not count");
    expect_invalid("unit_bad_symbol_factor.json", 2, "units[0]",
                   "symbol \"2株\" contains a digit, a sign, '.' or ','; it is printed right "
                   "after the number");
    expect_invalid("unit_bad_symbol_factor.json", 2, "units[1]",
                   "the factor of \"株\" must be a positive number");
}

Test(bad, decreases)
{
    expect_invalid("negative_count.json", 1, "indicators[1].value",
                   "-5 is negative, and a figure in 家 cannot be unless it is a change: write a "
                   "decrease with \"decrease\": \"减少\" (or \"relation\": \"growth\" / "
                   "\"difference\" and its \"base\")");
    expect_invalid("decrease_not_negative.json", 1, "indicators[1].decrease",
                   "\"下降\" says the figure fell, but its value 3.2 is not negative: write the "
                   "fall as a negative number (下降3.2% is -3.2)");
}

Test(bad, worded_values)
{
    expect_invalid("share_with_unit.json", 1, "indicators[1].unit",
                   "a share in words (\"六成\") has no unit; leave \"unit\" out");
    expect_invalid("value_words_unknown.json", 1, "indicators[1].value",
                   "\"七成半\" is not a figure dossier can read: write a number as a JSON number "
                   "without quotes (e.g. 7926.0), or as text: a share in words (六成, 一半, "
                   "三分之一), a fraction (1/4) or a ratio (21.8:17.4:60.8)");
}

Test(bad, nonsense_ranges)
{
    expect_invalid("period_nonsense_range.json", 2, "indicators[0].period",
                   "\"2023Q3..2023-09\" is not a period: the two ends of a range have the same "
                   "form (2023Q1..2023Q3, 2020-01..2020-05, 2017..2019)");
    expect_invalid("period_nonsense_range.json", 2, "indicators[1].period",
                   "\"2019..2019\" is not a period: a range goes from the earlier period to a "
                   "later one");
}

Test(bad, period_with_chinese_suffix)
{
    expect_invalid("bad_period.json", 1, "indicators[0].period",
                   "\"2019年\" is not a period (accepted forms: YYYY,");
}

Test(bad, unknown_basis)
{
    expect_invalid("bad_basis.json", 1, "indicators[0].basis",
                   "unknown basis \"average\" (accepted: annual_average,");
}

Test(bad, unknown_qualifier)
{
    expect_invalid("bad_qualifier.json", 1, "indicators[0].qualifier",
                   "unknown qualifier \"接近\" (accepted: 约, 近,");
}

Test(bad, duplicate_indicator_id_names_both)
{
    expect_invalid("duplicate_indicator.json", 1, "indicators[1].id",
                   "duplicate indicator id \"gdp_2019\" (first defined at indicators[0])");
}

Test(bad, duplicate_section_id_names_both)
{
    expect_invalid("duplicate_section.json", 1, "documents[0].sections[1].id",
                   "duplicate section id \"doc.1\" (first defined at documents[0].sections[0])");
}

Test(bad, dangling_base)
{
    expect_invalid("dangling_base.json", 1, "indicators[1].base",
                   "\"gdp_2015\" is not the id of an indicator");
}

Test(bad, dangling_source_document)
{
    /* one error: the section is not also blamed for belonging to another document */
    expect_invalid("dangling_document.json", 1, "indicators[0].source.document",
                   "\"nodoc\" is not the id of a source");
}

Test(bad, dangling_source_section)
{
    expect_invalid("dangling_section.json", 1, "indicators[0].source.section",
                   "\"doc.9\" is not the id of a section");
}

Test(bad, section_of_another_document)
{
    expect_invalid("section_other_document.json", 1, "indicators[0].source.section",
                   "section \"park.1\" belongs to document \"park\", not \"doc\"");
}

Test(bad, key_figure_unknown_id)
{
    expect_invalid("key_figures_unknown.json", 1, "key_figures[1]",
                   "no indicator with id \"gdp2019\"");
}

Test(bad, chart_with_unknown_series)
{
    expect_invalid("chart_unknown_series.json", 1, "charts[1].series",
                   "\"growth\" is not the series key of any indicator");
}

Test(bad, series_mixing_units)
{
    expect_invalid("series_mixed_units.json", 1, "indicators",
                   "series \"gdp\" mixes units: \"gdp_2019\" is in 亿元, \"gdp_2020\" in 万元");
}

Test(bad, empty_string)
{
    expect_invalid("empty_string.json", 1, "indicators[0].name", "must not be empty");
}

Test(bad, whitespace_only_string)
{
    /* ASCII and ideographic spaces only */
    expect_invalid("blank_string.json", 1, "documents[0].sections[0].title", "must not be empty");
}

Test(bad, control_character_in_a_paragraph)
{
    expect_invalid("control_character.json", 1, "documents[0].sections[0].paragraphs[1]",
                   "control character U+0007 at byte 6");
}

Test(bad, nul_escape)
{
    expect_invalid("nul_escape.json", 1, "22:31", "\\u0000 is not allowed");
}

Test(bad, duplicate_object_key)
{
    expect_invalid("duplicate_key.json", 1, "49:12", "duplicate object key near '\"unit\"'");
}

Test(bad, unknown_field)
{
    expect_invalid("unknown_field.json", 2, "indicators[0].unti",
                   "unknown field \"unti\" (accepted: id, name, name_en, value, unit,");
    expect_invalid("unknown_field.json", 2, "indicators[0].unit", "missing required field");
}

Test(bad, id_that_is_a_path)
{
    expect_invalid("id_slash.json", 1, "id", "\"../../etc/passwd\" is not a valid profile id");
}

Test(bad, negative_area)
{
    expect_invalid("negative_area.json", 1, "indicators[2].value",
                   "-430.77 is negative, and a figure in 平方公里 cannot be unless it is a "
                   "change");
}

Test(bad, format_version_2)
{
    expect_invalid("format_version_2.json", 1, "format", "unsupported format version");
}

Test(bad, empty_file)
{
    char path[256];
    snprintf(path, sizeof path, "%sempty.json", BAD_DIR);
    diag_list d;
    diag_init(&d);
    dossier_profile *p = (dossier_profile *)1;
    cr_assert_eq(profile_load(path, PROFILE_DEFAULT_MAX_BYTES, &p, &d), PROFILE_INVALID);
    cr_assert_null(p);
    cr_assert_eq(d.errors, 1);
    char want[300];
    snprintf(want, sizeof want, "%s: error: the file is empty", path);
    cr_assert_not_null(find_diag(&d, want, NULL));
    diag_free(&d);
}

Test(bad, top_level_array)
{
    expect_invalid("top_level_array.json", 1, "$", "a profile is a JSON object, found an array");
}

Test(bad, number_out_of_range)
{
    expect_invalid("huge_number.json", 1, "47:20", "overflow");
}

Test(bad, all_errors_are_reported)
{
    const char *gists[] = {
        "id: error: \"Bad Id\" is not a valid profile id",
        "documents[0].sections[0].title: error: must not be empty",
        "indicators[0].unit: error: unknown unit \"万亿\"",
        "indicators[0].period: error: \"2019年\" is not a period",
        "indicators[1].qualifier: error: unknown qualifier \"接近\"",
        "indicators[1].base: error: \"gdp_2015\" is not the id of an indicator",
    };
    dossier_profile *p = NULL;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_load(BAD_DIR "many_errors.json", PROFILE_DEFAULT_MAX_BYTES, &p, &d),
                 PROFILE_INVALID);
    cr_assert_geq(d.errors, 5);
    cr_assert_eq(d.errors, sizeof gists / sizeof gists[0]);
    for (size_t i = 0; i < sizeof gists / sizeof gists[0]; i++) {
        char want[512];
        snprintf(want, sizeof want, "%s: %s", BAD_DIR "many_errors.json", gists[i]);
        if (!find_diag(&d, NULL, want))
            dump(&d);
        cr_assert_not_null(find_diag(&d, NULL, want), "reported: %s", gists[i]);
    }
    diag_free(&d);
}

/* Inputs generated here rather than kept as fixtures. */

Test(bad, invalid_utf8_byte)
{
    static const char text[] = "{\n  \"format\": 1,\n  \"id\": \"ab\xFF\"\n}\n";
    char path[64];
    write_tmp(path, sizeof path, text, sizeof text - 1);
    dossier_profile *p = (dossier_profile *)1;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_load(path, PROFILE_DEFAULT_MAX_BYTES, &p, &d), PROFILE_INVALID);
    cr_assert_null(p);
    cr_assert_eq(d.errors, 1);
    expect_diag(&d, path, "3:", "0xff");
    unlink(path);
    diag_free(&d);

    /* A truncated sequence outside a string. */
    static const char text2[] = "{\"format\": 1, \xE6\xB5}";
    diag_init(&d);
    cr_assert_eq(profile_parse("u.json", text2, sizeof text2 - 1, &p, &d), PROFILE_INVALID);
    expect_diag(&d, "u.json", "1:", "");
    diag_free(&d);
}

Test(bad, bom_is_accepted)
{
    size_t len;
    char *text = read_all(QINGXI, &len);
    cr_assert_not_null(text);
    char *with_bom = malloc(len + 3);
    memcpy(with_bom, "\xEF\xBB\xBF", 3);
    memcpy(with_bom + 3, text, len);
    char path[64];
    write_tmp(path, sizeof path, with_bom, len + 3);
    dossier_profile *p = load_ok(path);
    cr_assert_str_eq(p->id, "qingxi");
    cr_assert_str_eq(indicator(p, "gdp_2023")->value_text, "120.50",
                     "number literals are still found after the BOM");
    profile_free(p);
    unlink(path);
    free(with_bom);
    free(text);

    /* A BOM alone is not a profile, nor is a BOM in the middle. */
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_parse("b.json", "\xEF\xBB\xBF", 3, &p, &d), PROFILE_INVALID);
    cr_assert_eq(profile_parse("b.json", "{\xEF\xBB\xBF}", 5, &p, &d), PROFILE_INVALID);
    cr_assert_eq(d.errors, 2);
    diag_free(&d);
}

#define MINI(VALUE, UNIT)                                                                      \
    "{\"format\": 1, \"id\": \"mini\", \"name\": {\"zh\": \"测试区\"}, \"as_of\": \"2020-06-30\", " \
    "\"sources\": [{\"id\": \"doc\", \"title\": \"测试资料\"}], "                                \
    "\"documents\": [{\"source\": \"doc\", \"title\": \"测试资料\"}], "                          \
    "\"indicators\": [{\"id\": \"x\", \"name\": \"测试\", \"value\": " VALUE ", \"unit\": \"" UNIT \
    "\", \"period\": \"2019\", \"scope\": \"测试区\", \"source\": {\"document\": \"doc\"}}]}"

static void expect_literal(const char *text, const char *value_text, int decimals, double value)
{
    dossier_profile *p = parse_ok(text, strlen(text));
    cr_assert_eq(p->n_indicators, 1);
    cr_assert_str_eq(p->indicators[0]->value_text, value_text);
    cr_assert_eq(p->indicators[0]->decimals, decimals, "decimals of %s", value_text);
    cr_assert_float_eq(p->indicators[0]->value, value, 1e-9);
    cr_assert_null(p->indicators[0]->section);
    profile_free(p);
}

static void expect_value_error(const char *text, const char *gist)
{
    dossier_profile *p = (dossier_profile *)1;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_parse("v.json", text, strlen(text), &p, &d), PROFILE_INVALID, "%s",
                 text);
    cr_assert_null(p);
    cr_assert_eq(d.errors, 1);
    expect_diag(&d, "v.json", "indicators[0].value", gist);
    diag_free(&d);
}

Test(bad, exponent_is_refused_with_the_digits)
{
    expect_value_error(MINI("1.5e3", "家"),
                       "1.5e3 is written with an exponent; write the digits as the source does "
                       "(1500)");
    expect_value_error(MINI("0.25e0", "%"),
                       "0.25e0 is written with an exponent; write the digits as the source does "
                       "(0.25)");
    expect_value_error(MINI("15e-1", "亿元"), "write the digits as the source does (1.5)");
    expect_literal(MINI("7926.0", "亿元"), "7926.0", 1, 7926.0);
    expect_literal(MINI("0.050", "%"), "0.050", 3, 0.05);
    expect_literal(MINI("-3.20", "%"), "-3.20", 2, -3.2);
}

Test(bad, minus_zero_is_zero)
{
    expect_literal(MINI("-0", "%"), "0", 0, 0);
    expect_literal(MINI("-0.0", "%"), "0.0", 1, 0);
    expect_literal(MINI("-0.00", "家"), "0.00", 2, 0);
}

Test(bad, number_beyond_the_precision_of_a_figure)
{
    static const char text[] = MINI("1e-400", "亿元");
    dossier_profile *p = (dossier_profile *)1;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_parse("tiny.json", text, strlen(text), &p, &d), PROFILE_INVALID);
    cr_assert_null(p);
    cr_assert_eq(d.errors, 1);
    expect_diag(&d, "tiny.json", "indicators[0].value", "more precision than a figure");
    diag_free(&d);

    static const char neg[] = MINI("-5", "家");
    diag_init(&d);
    cr_assert_eq(profile_parse("neg.json", neg, strlen(neg), &p, &d), PROFILE_INVALID);
    expect_diag(&d, "neg.json", "indicators[0].value",
                "-5 is negative, and a figure in 家 cannot be unless it is a change");
    diag_free(&d);
}

static void expect_deep_rejected(char open, char close)
{
    const size_t depth = 10000;
    const char *head = "{\"format\": 1, \"x\": ";
    size_t hl = strlen(head);
    size_t len = hl + depth * (open == '{' ? 6 : 1) + 1 + depth + 1;
    char *text = malloc(len + 1);
    cr_assert_not_null(text);
    char *w = text;
    memcpy(w, head, hl);
    w += hl;
    for (size_t i = 0; i < depth; i++) {
        if (open == '{') {
            memcpy(w, "{\"a\": ", 6);
            w += 6;
        } else {
            *w++ = open;
        }
    }
    if (open == '{')
        *w++ = '0'; /* {"a": {"a": … 0}} is valid apart from its depth */
    for (size_t i = 0; i < depth; i++)
        *w++ = close;
    *w++ = '}';
    *w = '\0';
    dossier_profile *p = (dossier_profile *)1;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_parse("deep.json", text, (size_t)(w - text), &p, &d), PROFILE_INVALID);
    cr_assert_null(p);
    cr_assert_eq(d.errors, 1);
    expect_diag(&d, "deep.json", "1:", "depth");
    diag_free(&d);
    free(text);
}

Test(bad, deep_nesting_is_rejected_cleanly)
{
    expect_deep_rejected('[', ']');
    expect_deep_rejected('{', '}');
}

Test(bad, sections_nested_too_deep)
{
    /* 20 levels of sections: valid JSON, but deeper than the model allows. */
    char text[8192];
    size_t n = (size_t)snprintf(text, sizeof text, "%s",
                                "{\"format\": 1, \"id\": \"deep\", \"name\": {\"zh\": \"测试区\"}, "
                                "\"as_of\": \"2020-06-30\", \"sources\": [{\"id\": \"doc\", "
                                "\"title\": \"测试\"}], \"documents\": [{\"source\": \"doc\", "
                                "\"title\": \"测试\"");
    for (int i = 0; i < 20; i++)
        n += (size_t)snprintf(text + n, sizeof text - n,
                              ", \"sections\": [{\"id\": \"s%d\", \"title\": \"第%d层\"", i, i);
    for (int i = 0; i < 20; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "}]");
    n += (size_t)snprintf(text + n, sizeof text - n, "}], \"indicators\": []}");
    cr_assert_lt(n, sizeof text);
    dossier_profile *p = (dossier_profile *)1;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_parse("sections.json", text, n, &p, &d), PROFILE_INVALID);
    cr_assert_null(p);
    char where[512] = "documents[0]";
    for (int i = 0; i < 17; i++)
        strcat(where, ".sections[0]");
    expect_diag(&d, "sections.json", where, "deeper than 16 levels");
    diag_free(&d);
}
