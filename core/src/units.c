/* units.c — the unit table, the units a run's configuration adds, and lookups (see units.h).
 *
 * One unit a line in the table below: tests/check_schema.py reads the symbols from it and
 * checks that the schema's list of built-in units is the same. */
#include "units.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static const unit_info unit_table[] = {
    /* currency */
    {"万亿元", UNIT_CURRENCY, "元", 1e12},
    {"亿元", UNIT_CURRENCY, "元", 1e8},
    {"万元", UNIT_CURRENCY, "元", 1e4},
    {"千元", UNIT_CURRENCY, "元", 1e3},
    {"元", UNIT_CURRENCY, "元", 1},
    {"亿人民币", UNIT_CURRENCY, "元", 1e8},
    {"亿美元", UNIT_CURRENCY, "美元", 1e8},
    {"万美元", UNIT_CURRENCY, "美元", 1e4},
    {"美元", UNIT_CURRENCY, "美元", 1},
    /* counts */
    {"万家", UNIT_COUNT, "家", 1e4},
    {"家", UNIT_COUNT, "家", 1},
    {"亿人", UNIT_COUNT, "人", 1e8},
    {"万人", UNIT_COUNT, "人", 1e4},
    {"人", UNIT_COUNT, "人", 1},
    {"亿人次", UNIT_COUNT, "人次", 1e8},
    {"万人次", UNIT_COUNT, "人次", 1e4},
    {"人次", UNIT_COUNT, "人次", 1},
    {"万户", UNIT_COUNT, "户", 1e4},
    {"户", UNIT_COUNT, "户", 1},
    {"亿个", UNIT_COUNT, "个", 1e8},
    {"万个", UNIT_COUNT, "个", 1e4},
    {"个", UNIT_COUNT, "个", 1},
    {"万辆", UNIT_COUNT, "辆", 1e4},
    {"辆", UNIT_COUNT, "辆", 1},
    {"万头", UNIT_COUNT, "头", 1e4},
    {"头", UNIT_COUNT, "头", 1},
    {"万只", UNIT_COUNT, "只", 1e4},
    {"只", UNIT_COUNT, "只", 1},
    {"万张", UNIT_COUNT, "张", 1e4},
    {"张", UNIT_COUNT, "张", 1},
    {"万台", UNIT_COUNT, "台", 1e4},
    {"台", UNIT_COUNT, "台", 1},
    {"万套", UNIT_COUNT, "套", 1e4},
    {"套", UNIT_COUNT, "套", 1},
    {"亿件", UNIT_COUNT, "件", 1e8},
    {"万件", UNIT_COUNT, "件", 1e4},
    {"件", UNIT_COUNT, "件", 1},
    {"万标准箱", UNIT_COUNT, "标准箱", 1e4},
    {"标准箱", UNIT_COUNT, "标准箱", 1},
    {"项", UNIT_COUNT, "项", 1},
    {"笔", UNIT_COUNT, "笔", 1},
    {"所", UNIT_COUNT, "所", 1},
    {"条", UNIT_COUNT, "条", 1},
    {"次", UNIT_COUNT, "次", 1},
    {"座", UNIT_COUNT, "座", 1},
    {"处", UNIT_COUNT, "处", 1},
    {"部", UNIT_COUNT, "部", 1},
    {"种", UNIT_COUNT, "种", 1},
    {"名", UNIT_COUNT, "名", 1},
    {"床", UNIT_COUNT, "床", 1},
    /* fractions and their differences */
    {"%", UNIT_PERCENT, "", 0.01},
    {"‰", UNIT_PERCENT, "", 0.001},
    {"个百分点", UNIT_PERCENT_POINT, "", 0.01},
    {"个千分点", UNIT_PERCENT_POINT, "", 0.001},
    /* area */
    {"平方公里", UNIT_AREA, "平方米", 1e6},
    {"平方千米", UNIT_AREA, "平方米", 1e6},
    {"千公顷", UNIT_AREA, "平方米", 1e7},
    {"公顷", UNIT_AREA, "平方米", 1e4},
    {"万亩", UNIT_AREA, "平方米", 6666666.666666667}, /* 1亩 = 1/15公顷 */
    {"亩", UNIT_AREA, "平方米", 666.6666666666667},
    {"万平方米", UNIT_AREA, "平方米", 1e4},
    {"平方米", UNIT_AREA, "平方米", 1},
    /* length */
    {"万公里", UNIT_LENGTH, "米", 1e7},
    {"公里", UNIT_LENGTH, "米", 1e3},
    {"千米", UNIT_LENGTH, "米", 1e3},
    {"米", UNIT_LENGTH, "米", 1},
    /* mass */
    {"亿吨", UNIT_MASS, "吨", 1e8},
    {"万吨", UNIT_MASS, "吨", 1e4},
    {"吨", UNIT_MASS, "吨", 1},
    {"千克", UNIT_MASS, "吨", 1e-3},
    {"公斤", UNIT_MASS, "吨", 1e-3},
    /* volume */
    {"亿立方米", UNIT_VOLUME, "立方米", 1e8},
    {"万立方米", UNIT_VOLUME, "立方米", 1e4},
    {"立方米", UNIT_VOLUME, "立方米", 1},
    /* energy and power */
    {"亿千瓦时", UNIT_ENERGY, "千瓦时", 1e8},
    {"万千瓦时", UNIT_ENERGY, "千瓦时", 1e4},
    {"千瓦时", UNIT_ENERGY, "千瓦时", 1},
    {"万千瓦", UNIT_POWER, "千瓦", 1e4},
    {"千瓦", UNIT_POWER, "千瓦", 1},
    /* concentration, temperature */
    {"微克/立方米", UNIT_CONCENTRATION, "微克/立方米", 1},
    {"毫克/立方米", UNIT_CONCENTRATION, "微克/立方米", 1e3},
    {"℃", UNIT_TEMPERATURE, "℃", 1},
    /* time and age */
    {"年", UNIT_TIME, "年", 1},
    {"个月", UNIT_TIME, "天", 30.4375},
    {"天", UNIT_TIME, "天", 1},
    {"小时", UNIT_TIME, "小时", 1},
    {"岁", UNIT_TIME, "岁", 1},
    /* rates: an amount per person, per area … */
    {"万元/人", UNIT_RATE, "元/人", 1e4},
    {"元/人", UNIT_RATE, "元/人", 1},
    {"元/平方米", UNIT_RATE, "元/平方米", 1},
    {"人/平方公里", UNIT_RATE, "人/平方公里", 1},
    {"吨标准煤/万元", UNIT_RATE, "吨标准煤/万元", 1},
    /* multiples: 增长1.1倍, 是…的2.1倍 */
    {"倍", UNIT_MULTIPLE, "倍", 1},
};

#define N_TABLE (sizeof unit_table / sizeof unit_table[0])

static const char *const kind_names[UNIT_KIND_N] = {
    [UNIT_CURRENCY] = "currency",
    [UNIT_COUNT] = "count",
    [UNIT_PERCENT] = "percent",
    [UNIT_PERCENT_POINT] = "percentage_points",
    [UNIT_AREA] = "area",
    [UNIT_TIME] = "time",
    [UNIT_MASS] = "mass",
    [UNIT_LENGTH] = "length",
    [UNIT_VOLUME] = "volume",
    [UNIT_ENERGY] = "energy",
    [UNIT_POWER] = "power",
    [UNIT_CONCENTRATION] = "concentration",
    [UNIT_TEMPERATURE] = "temperature",
    [UNIT_RATE] = "rate",
    [UNIT_MULTIPLE] = "multiple",
};

/* Units of the run's configuration: copied, owned here until units_reset or exit. */
static unit_info *extra;
static size_t n_extra, cap_extra;
static unsigned long units_changes; /* bumped when the registered units change */

const unit_info *units_all(size_t *count)
{
    *count = N_TABLE;
    return unit_table;
}

const char *units_kind_name(unit_kind k)
{
    return k < UNIT_KIND_N ? kind_names[k] : "?";
}

bool units_kind_parse(const char *name, unit_kind *out)
{
    for (int k = 0; name && k < UNIT_KIND_N; k++)
        if (strcmp(kind_names[k], name) == 0) {
            *out = (unit_kind)k;
            return true;
        }
    return false;
}

const char *units_kind_list(void)
{
    return "currency, count, percent, percentage_points, area, time, mass, length, volume, "
           "energy, power, concentration, temperature, rate, multiple";
}

const unit_info *units_find(const char *symbol)
{
    if (!symbol)
        return NULL;
    for (size_t i = 0; i < n_extra; i++)
        if (strcmp(extra[i].symbol, symbol) == 0)
            return &extra[i];
    for (size_t i = 0; i < N_TABLE; i++)
        if (strcmp(unit_table[i].symbol, symbol) == 0)
            return &unit_table[i];
    return NULL;
}

size_t units_match_prefix(const char *s, size_t len)
{
    size_t best = 0;
    if (len == 0)
        return 0;
    for (size_t i = 0; i < N_TABLE + n_extra; i++) {
        const char *sym = i < N_TABLE ? unit_table[i].symbol : extra[i - N_TABLE].symbol;
        if (sym[0] != s[0])
            continue; /* most symbols differ in the first byte: no strlen for them */
        size_t n = strlen(sym);
        if (n > best && n <= len && memcmp(s, sym, n) == 0)
            best = n;
    }
    return best;
}

/* A symbol may not hold digits, blanks, signs or control characters: it is printed right
 * after a number. */
static const char *symbol_problem(const char *s)
{
    size_t len = strlen(s), chars = 0;
    if (len == 0)
        return "is empty";
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = text_utf8_decode(s + i, len - i, &cp);
        if (cp < 0)
            return "is not valid UTF-8";
        if (cp <= 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x3000 || cp == 0xA0)
            return "contains a blank or a control character";
        if ((cp >= '0' && cp <= '9') || cp == '+' || cp == '-' || cp == '.' || cp == ',')
            return "contains a digit, a sign, '.' or ','; it is printed right after the number";
        i += n;
        chars++;
    }
    return chars > 16 ? "is longer than 16 characters" : NULL;
}

static const unit_info *find_in(const unit_info *list, size_t n, const char *symbol)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].symbol, symbol) == 0)
            return &list[i];
    return units_find(symbol);
}

const char *units_resolve(const unit_info *known, size_t n, const char *symbol,
                          const char *kind, const char *base, double factor, unit_info *out,
                          char *why, size_t why_cap)
{
    const char *p = symbol_problem(symbol);
    if (p) {
        snprintf(why, why_cap, "symbol \"%s\" %s", symbol, p);
        return why;
    }
    unit_kind k;
    if (!units_kind_parse(kind, &k)) {
        snprintf(why, why_cap, "unknown kind \"%s\" (accepted: %s)", kind, units_kind_list());
        return why;
    }
    if (!(factor > 0) || !isfinite(factor)) {
        snprintf(why, why_cap, "the factor of \"%s\" must be a positive number", symbol);
        return why;
    }
    *out = (unit_info){symbol, k, base, factor};
    const unit_info *same = find_in(known, n, symbol);
    const unit_info *b = strcmp(base, symbol) == 0 ? NULL : find_in(known, n, base);
    if (b) {
        if (b->kind != k) {
            snprintf(why, why_cap, "its base \"%s\" is a unit of kind %s, not %s", base,
                     units_kind_name(b->kind), kind);
            return why;
        }
        out->base = b->base;
        out->factor = factor * b->factor;
    } else if (strcmp(base, symbol) != 0 && (p = symbol_problem(base))) {
        snprintf(why, why_cap, "base \"%s\" %s", base, p);
        return why;
    }
    if (same) {
        /* Declaring a known unit again is harmless when it says the same. */
        if (same->kind == out->kind && strcmp(same->base, out->base) == 0 &&
            fabs(same->factor - out->factor) <= same->factor * 1e-9)
            return NULL;
        snprintf(why, why_cap, "\"%s\" is already a unit (%s, %s × %.10g); a declared unit "
                 "cannot change it", symbol, units_kind_name(same->kind),
                 *same->base ? same->base : "fraction", same->factor);
        return why;
    }
    return NULL;
}

unsigned long units_epoch(void)
{
    return units_changes;
}

bool units_register(const unit_info *u)
{
    if (units_find(u->symbol))
        return true; /* resolved as the same unit: nothing to add */
    if (n_extra == cap_extra) {
        size_t cap = cap_extra ? cap_extra * 2 : 16;
        unit_info *grown = realloc(extra, cap * sizeof *grown);
        if (!grown)
            return false;
        extra = grown;
        cap_extra = cap;
    }
    char *sym = strdup(u->symbol), *base = strdup(u->base);
    if (!sym || !base) {
        free(sym);
        free(base);
        return false;
    }
    extra[n_extra++] = (unit_info){sym, u->kind, base, u->factor};
    units_changes++;
    return true;
}

void units_reset(void)
{
    for (size_t i = 0; i < n_extra; i++) {
        free((char *)extra[i].symbol);
        free((char *)extra[i].base);
    }
    free(extra);
    extra = NULL;
    n_extra = cap_extra = 0;
    units_changes++;
}

static const char *json_str(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

bool units_load_file(const char *path, diag_list *d)
{
    json_error_t err;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        diag_add(d, DIAG_ERROR, "%s:%d:%d: error: %s", path, err.line, err.column, err.text);
        return false;
    }
    size_t errors = d->errors;
    const json_t *arr = json_object_get(root, "units");
    if (!json_is_object(root) || !json_is_array(arr)) {
        diag_add(d, DIAG_ERROR, "%s: units: error: a units file is an object with an array "
                 "\"units\" of {\"symbol\", \"kind\", \"base\", \"factor\"}", path);
        json_decref(root);
        return false;
    }
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const json_t *o = json_array_get(arr, i);
        const char *sym = json_str(o, "symbol"), *kind = json_str(o, "kind");
        const char *base = json_str(o, "base");
        const json_t *f = json_object_get(o, "factor");
        if (!json_is_object(o) || !sym || !kind || !base || !json_is_number(f) ||
            json_object_size(o) != 4) {
            diag_add(d, DIAG_ERROR, "%s: units[%zu]: error: a unit is {\"symbol\": text, "
                     "\"kind\": text, \"base\": text, \"factor\": number} and nothing else",
                     path, i);
            continue;
        }
        unit_info u;
        char why[512];
        if (units_resolve(NULL, 0, sym, kind, base, json_number_value(f), &u, why, sizeof why))
            diag_add(d, DIAG_ERROR, "%s: units[%zu]: error: %s", path, i, why);
        else if (!units_register(&u))
            diag_add(d, DIAG_ERROR, "%s: error: out of memory", path);
    }
    json_decref(root);
    return d->errors == errors;
}
