/* profile_build.c — checks a parsed profile field by field and fills the model.
 *
 * Every problem is reported with its JSON path and the walk goes on, so one run shows all
 * the errors of a file. The model is allocated in one arena (freed by profile_free); what only
 * the build needs (JSON paths for messages, references before linking, indexes) lives in a
 * scratch arena freed when it ends, and a path is written out only when a message needs it.
 * Texts that repeat across indicators (names, units, periods, scopes, series keys …) are
 * stored once and shared. With a split text (json_split.h) the indicators are parsed one at a
 * time, so jansson's tree of the whole file is never held.
 */
#include "profile_build.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "forms.h"
#include "period.h"
#include "profile.h"
#include "text.h"
#include "units.h"

typedef struct loaded_profile {
    dossier_profile model; /* first, so a model pointer is the container's */
    arena *a;
} loaded_profile;

/* Longest message text, in bytes: a value quoted from a hostile file (an id of 100,000
 * characters) is cut, at a character boundary, and marked with "…". */
#define PB_MESSAGE_MAX 400

void pb_error(profile_builder *b, const char *path, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n > PB_MESSAGE_MAX) {
        size_t cut = PB_MESSAGE_MAX;
        while (cut > 0 && ((unsigned char)msg[cut] & 0xC0) == 0x80)
            cut--; /* not inside a UTF-8 sequence */
        memcpy(msg + cut, "…", sizeof "…");
    }
    diag_add(b->d, DIAG_ERROR, "%s: %s: error: %s", b->file, *path ? path : "$", msg);
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* Paths are built for every field (messages name them), so without printf. */
static const char *child_path(profile_builder *b, const char *parent, const char *key)
{
    size_t lp = strlen(parent), lk = strlen(key);
    char *s = arena_chars(b->scratch, lp + lk + 2);
    if (!s)
        return "";
    memcpy(s, parent, lp);
    size_t o = lp;
    if (lp)
        s[o++] = '.';
    memcpy(s + o, key, lk + 1);
    return s;
}

static const char *index_path(profile_builder *b, const char *parent, size_t i)
{
    size_t n = (size_t)snprintf(NULL, 0, "%s[%zu]", parent, i) + 1;
    char *s = arena_chars(b->scratch, n);
    snprintf(s, n, "%s[%zu]", parent, i);
    return s;
}

/* A field name as it can be shown in a message: at most 64 characters; control characters
 * (C0, DEL, C1), bidirectional overrides and invalid bytes written as \u{XXXX} / \xHH, so no
 * name in a hostile file can drive the terminal the message is printed on. */
static void display_name(const char *key, char *out, size_t cap)
{
    size_t o = 0, len = strlen(key), shown = 0;
    for (size_t i = 0; i < len && o + 12 < cap;) {
        if (shown++ == 64) {
            o += (size_t)snprintf(out + o, cap - o, "…");
            break;
        }
        int32_t cp;
        size_t n = text_utf8_decode(key + i, len - i, &cp);
        if (cp < 0)
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", (unsigned char)key[i]);
        else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
                 (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F)
            o += (size_t)snprintf(out + o, cap - o, "\\u{%04X}", (unsigned)cp);
        else {
            memcpy(out + o, key + i, n);
            o += n;
        }
        i += n;
    }
    out[o] = '\0';
}

/* Reports fields of obj not in the NULL-terminated list `allowed`. */
static void check_keys(profile_builder *b, const json_t *obj, const char *path,
                       const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        bool known = false;
        for (const char *const *k = allowed; *k && !known; k++)
            known = strcmp(*k, key) == 0;
        if (known)
            continue;
        char list[512] = "";
        for (const char *const *k = allowed; *k; k++) {
            if (**k == '$')
                continue;
            strncat(list, *k, sizeof list - strlen(list) - 1);
            if (k[1])
                strncat(list, ", ", sizeof list - strlen(list) - 1);
        }
        char shown[512];
        display_name(key, shown, sizeof shown);
        pb_error(b, child_path(b, path, shown), "unknown field \"%s\" (accepted: %s)", shown,
                 list);
    }
}

/* Why a text is not usable (empty or blank, control characters, invalid UTF-8), or false
 * when it is. */
static bool text_problem(const char *s, size_t len, char *why, size_t cap)
{
    bool blank = true;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = text_utf8_decode(s + i, len - i, &cp);
        if (cp < 0) {
            snprintf(why, cap, "invalid UTF-8 at byte %zu", i);
            return true;
        }
        if (cp == 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            snprintf(why, cap, "control character U+%04X at byte %zu; text fields hold one "
                     "line of printable text", (unsigned)cp, i);
            return true;
        }
        if (cp != ' ' && cp != 0x3000 && cp != 0xA0)
            blank = false;
        i += n;
    }
    if (blank) {
        snprintf(why, cap, "must not be empty");
        return true;
    }
    return false;
}

/* Checks that a text is usable; reports at `path` when it is not. */
static bool check_text(profile_builder *b, const char *path, const char *s, size_t len)
{
    char why[160];
    if (!text_problem(s, len, why, sizeof why))
        return true;
    pb_error(b, path, "%s", why);
    return false;
}

/* Where a text is kept: in the model, a copy of its own (TEXT_OWN) or one copy per distinct
 * text (TEXT_SHARED: a hash set of the texts stored so far); or only for the build
 * (TEXT_SCRATCH: references that linking resolves). */
typedef enum text_home { TEXT_OWN, TEXT_SHARED, TEXT_SCRATCH } text_home;

static size_t text_hash(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a 64 */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return (size_t)h;
}

static const char *store_text(profile_builder *b, const char *s, size_t len, text_home home)
{
    if (home != TEXT_SHARED)
        return arena_strndup(home == TEXT_OWN ? b->a : b->scratch, s, len);
    if (2 * (b->n_shared + 1) > b->cap_shared) {
        size_t cap = b->cap_shared ? b->cap_shared * 2 : 1024;
        const char **grown = arena_alloc(b->scratch, cap * sizeof *grown);
        for (size_t i = 0; i < b->cap_shared; i++) {
            const char *t = b->shared[i];
            if (!t)
                continue;
            size_t k = text_hash(t, strlen(t)) & (cap - 1);
            while (grown[k])
                k = (k + 1) & (cap - 1);
            grown[k] = t;
        }
        b->shared = grown;
        b->cap_shared = cap;
    }
    size_t k = text_hash(s, len) & (b->cap_shared - 1);
    for (; b->shared[k]; k = (k + 1) & (b->cap_shared - 1))
        if (strncmp(b->shared[k], s, len) == 0 && b->shared[k][len] == '\0')
            return b->shared[k];
    b->n_shared++;
    return b->shared[k] = arena_strndup(b->a, s, len);
}

/* A text field: NULL when absent (an error if required) or invalid; kept as `home` says.
 * The field's path is written out only for a message. */
static const char *text_field_as(profile_builder *b, const json_t *obj, const char *path,
                                 const char *key, bool required, text_home home)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (required)
            pb_error(b, child_path(b, path, key), "missing required field \"%s\"", key);
        return NULL;
    }
    if (!json_is_string(v)) {
        pb_error(b, child_path(b, path, key), "expected a string, found %s", type_name(v));
        return NULL;
    }
    char why[160];
    if (text_problem(json_string_value(v), json_string_length(v), why, sizeof why)) {
        pb_error(b, child_path(b, path, key), "%s", why);
        return NULL;
    }
    return store_text(b, json_string_value(v), json_string_length(v), home);
}

static const char *text_field(profile_builder *b, const json_t *obj, const char *path,
                              const char *key, bool required)
{
    return text_field_as(b, obj, path, key, required, TEXT_OWN);
}

/* A text many indicators repeat (a name, a unit, a period …): stored once. */
static const char *shared_field(profile_builder *b, const json_t *obj, const char *path,
                                const char *key, bool required)
{
    return text_field_as(b, obj, path, key, required, TEXT_SHARED);
}

/* An id: a lower-case letter or a digit, then letters, digits, _ - . (upper case only when
 * `upper`: item ids may carry a period such as gdp_2023Q1; a profile id names files and
 * stays lower case). */
static bool id_chars_valid(const char *s, size_t max, bool upper)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  (i > 0 && (c == '_' || c == '-' || c == '.' ||
                             (upper && c >= 'A' && c <= 'Z')));
        if (!ok)
            return false;
    }
    return true;
}

static bool id_valid(const char *s, size_t max)
{
    return id_chars_valid(s, max, false);
}

/* s as quoted in a message: at most 64 characters, then "…". */
static const char *shorten(profile_builder *b, const char *s)
{
    size_t i = 0, chars = 0;
    while (s[i] && chars < 64) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (!s[i])
        return s;
    char *t = arena_alloc(b->scratch, i + sizeof "…");
    memcpy(t, s, i);
    memcpy(t + i, "…", sizeof "…");
    return t;
}

static const char *id_field_as(profile_builder *b, const json_t *obj, const char *path,
                               const char *key, bool required, text_home home)
{
    const char *s = text_field_as(b, obj, path, key, required, home);
    if (s && !id_chars_valid(s, 128, true)) {
        pb_error(b, child_path(b, path, key),
                 "\"%s\" is not a valid id (a lower-case letter or a digit, then letters, "
                 "digits, _ - .; at most 128 characters)", shorten(b, s));
        return NULL;
    }
    return s;
}

static const char *id_field(profile_builder *b, const json_t *obj, const char *path,
                            const char *key, bool required)
{
    return id_field_as(b, obj, path, key, required, TEXT_OWN);
}

static const json_t *typed_field(profile_builder *b, const json_t *obj, const char *path,
                                 const char *key, json_type type, bool required)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (required)
            pb_error(b, child_path(b, path, key), "missing required field \"%s\"", key);
        return NULL;
    }
    if (json_typeof(v) != type) {
        pb_error(b, child_path(b, path, key), "expected %s, found %s",
                 type == JSON_ARRAY ? "an array" : "an object", type_name(v));
        return NULL;
    }
    return v;
}

/* Strings of an array: allocates the pointer array; invalid items are reported and skipped. */
static const char *const *text_array(profile_builder *b, const json_t *arr, const char *path,
                                     size_t *count)
{
    *count = 0;
    size_t n = json_array_size(arr);
    const char **out = arena_alloc(b->a, (n ? n : 1) * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(arr, i);
        const char *p = index_path(b, path, i);
        if (!json_is_string(v)) {
            pb_error(b, p, "expected a string, found %s", type_name(v));
            continue;
        }
        if (check_text(b, p, json_string_value(v), json_string_length(v)))
            out[(*count)++] = arena_strndup(b->a, json_string_value(v), json_string_length(v));
    }
    return out;
}

static void name_pair(profile_builder *b, const json_t *obj, const char *path, const char *key,
                      bool required, const char **zh, const char **en)
{
    const json_t *o = typed_field(b, obj, path, key, JSON_OBJECT, required);
    if (!o)
        return;
    const char *p = child_path(b, path, key);
    static const char *const keys[] = {"zh", "en", NULL};
    check_keys(b, o, p, keys);
    *zh = text_field(b, o, p, "zh", true);
    *en = text_field(b, o, p, "en", false);
}

static void build_sources(profile_builder *b, const json_t *root)
{
    const json_t *arr = typed_field(b, root, "", "sources", JSON_ARRAY, true);
    if (!arr)
        return;
    if (json_array_size(arr) == 0)
        pb_error(b, "sources", "must list at least one source document");
    size_t n = json_array_size(arr);
    dossier_source **out = arena_alloc(b->a, (n ? n : 1) * sizeof *out);
    b->source_paths = arena_alloc(b->scratch, (n ? n : 1) * sizeof *b->source_paths);
    static const char *const keys[] = {"id", "title", "publisher", "date", "origin", NULL};
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(arr, i);
        const char *p = index_path(b, "sources", i);
        if (!json_is_object(o)) {
            pb_error(b, p, "expected an object, found %s", type_name(o));
            continue;
        }
        check_keys(b, o, p, keys);
        dossier_source *s = arena_alloc(b->a, sizeof *s);
        s->struct_size = sizeof *s;
        s->id = id_field(b, o, p, "id", true);
        s->title = text_field(b, o, p, "title", true);
        s->publisher = text_field(b, o, p, "publisher", false);
        s->date = text_field(b, o, p, "date", false);
        s->origin = text_field(b, o, p, "origin", false);
        period date;
        if (s->date && (!period_parse(s->date, &date) || date.is_range || date.undated ||
                        date.start.unit == PERIOD_HALF || date.start.unit == PERIOD_QUARTER))
            pb_error(b, child_path(b, p, "date"),
                     "\"%s\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s->date);
        if (s->id) {
            b->source_paths[b->p->n_sources] = p;
            out[b->p->n_sources++] = s;
        }
    }
    b->p->sources = (const dossier_source *const *)out;
}

static const dossier_section *build_section(profile_builder *b, const json_t *o,
                                            const char *path, int level, const char *doc);

static const dossier_section *const *build_sections(profile_builder *b, const json_t *obj,
                                                    const char *path, int level,
                                                    const char *doc, size_t *count)
{
    *count = 0;
    const json_t *arr = typed_field(b, obj, path, "sections", JSON_ARRAY, false);
    if (!arr)
        return NULL;
    const char *ap = child_path(b, path, "sections");
    size_t n = json_array_size(arr);
    const dossier_section **out = arena_alloc(b->a, (n ? n : 1) * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        const dossier_section *s = build_section(b, json_array_get(arr, i),
                                                 index_path(b, ap, i), level, doc);
        if (s)
            out[(*count)++] = s;
    }
    return out;
}

static const char *const *paragraphs_of(profile_builder *b, const json_t *obj, const char *path,
                                        size_t *count)
{
    *count = 0;
    const json_t *arr = typed_field(b, obj, path, "paragraphs", JSON_ARRAY, false);
    return arr ? text_array(b, arr, child_path(b, path, "paragraphs"), count) : NULL;
}

static const dossier_section *build_section(profile_builder *b, const json_t *o,
                                            const char *path, int level, const char *doc)
{
    if (!json_is_object(o)) {
        pb_error(b, path, "expected an object, found %s", type_name(o));
        return NULL;
    }
    if (level > 16) {
        pb_error(b, path, "sections nest deeper than 16 levels");
        return NULL;
    }
    static const char *const keys[] = {"id", "marker", "title", "paragraphs", "sections", NULL};
    check_keys(b, o, path, keys);
    dossier_section *s = arena_alloc(b->a, sizeof *s);
    s->struct_size = sizeof *s;
    s->level = level;
    s->id = id_field(b, o, path, "id", true);
    s->marker = text_field(b, o, path, "marker", false);
    s->title = text_field(b, o, path, "title", true);
    s->paragraphs = paragraphs_of(b, o, path, &s->n_paragraphs);
    if (b->n_sections == b->cap_sections) {
        size_t cap = b->cap_sections ? b->cap_sections * 2 : 64;
        section_entry *grown = arena_alloc(b->scratch, cap * sizeof *grown);
        if (b->n_sections)
            memcpy(grown, b->sections, b->n_sections * sizeof *grown);
        b->sections = grown;
        b->cap_sections = cap;
    }
    b->sections[b->n_sections++] = (section_entry){s, doc, path};
    s->children = build_sections(b, o, path, level + 1, doc, &s->n_children);
    return s->id && s->title ? s : NULL;
}

static void build_documents(profile_builder *b, const json_t *root)
{
    const json_t *arr = typed_field(b, root, "", "documents", JSON_ARRAY, true);
    if (!arr)
        return;
    size_t n = json_array_size(arr);
    dossier_document **out = arena_alloc(b->a, (n ? n : 1) * sizeof *out);
    b->document_source_ids = arena_alloc(b->scratch,
                                         (n ? n : 1) * sizeof *b->document_source_ids);
    static const char *const keys[] = {"source", "title", "paragraphs", "sections", NULL};
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(arr, i);
        const char *p = index_path(b, "documents", i);
        if (!json_is_object(o)) {
            pb_error(b, p, "expected an object, found %s", type_name(o));
            continue;
        }
        check_keys(b, o, p, keys);
        dossier_document *doc = arena_alloc(b->a, sizeof *doc);
        doc->struct_size = sizeof *doc;
        const char *src = id_field(b, o, p, "source", true);
        doc->title = text_field(b, o, p, "title", true);
        doc->paragraphs = paragraphs_of(b, o, p, &doc->n_paragraphs);
        doc->sections = build_sections(b, o, p, 1, src, &doc->n_sections);
        if (src && doc->title) {
            b->document_source_ids[b->p->n_documents] = src;
            out[b->p->n_documents++] = doc;
        }
    }
    b->p->documents = (const dossier_document *const *)out;
}

static const char *const relations[] = {"share", "growth", "contribution", "difference",
                                        "ratio", NULL};

static bool relation_valid(const char *r)
{
    for (const char *const *k = relations; *k; k++)
        if (strcmp(*k, r) == 0)
            return true;
    return false;
}

const unit_info *pb_unit(const profile_builder *b, const char *symbol)
{
    for (size_t i = 0; symbol && i < b->n_units; i++)
        if (strcmp(b->units[i].symbol, symbol) == 0)
            return &b->units[i];
    return units_find(symbol);
}

/* The top-level "units" array: units the profile declares, each checked and resolved. */
static void build_units(profile_builder *b, const json_t *root)
{
    const json_t *arr = typed_field(b, root, "", "units", JSON_ARRAY, false);
    size_t n = arr ? json_array_size(arr) : 0;
    b->units = arena_alloc(b->a, (n ? n : 1) * sizeof *b->units);
    const dossier_unit **out = arena_alloc(b->a, (n ? n : 1) * sizeof *out);
    static const char *const keys[] = {"symbol", "kind", "base", "factor", NULL};
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(arr, i);
        const char *p = index_path(b, "units", i);
        if (!json_is_object(o)) {
            pb_error(b, p, "expected an object, found %s", type_name(o));
            continue;
        }
        check_keys(b, o, p, keys);
        const char *sym = text_field(b, o, p, "symbol", true);
        const char *kind = text_field(b, o, p, "kind", true);
        const char *base = text_field(b, o, p, "base", true);
        const json_t *f = json_object_get(o, "factor");
        if (!f)
            pb_error(b, child_path(b, p, "factor"), "missing required field \"factor\"");
        else if (!json_is_number(f))
            pb_error(b, child_path(b, p, "factor"), "expected a number, found %s",
                     type_name(f));
        if (!sym || !kind || !base || !json_is_number(f))
            continue;
        for (size_t k = 0; k < b->n_units; k++)
            if (strcmp(b->units[k].symbol, sym) == 0) {
                pb_error(b, child_path(b, p, "symbol"), "unit \"%s\" is declared twice",
                         shorten(b, sym));
                sym = NULL;
                break;
            }
        if (!sym)
            continue;
        unit_info u;
        char why[512];
        const char *bad = units_resolve(b->units, b->n_units, sym, kind, base,
                                        json_number_value(f), &u, why, sizeof why);
        if (bad) {
            pb_error(b, p, "%s", bad);
            continue;
        }
        b->units[b->n_units] = u;
        dossier_unit *du = arena_alloc(b->a, sizeof *du);
        *du = (dossier_unit){sizeof *du, u.symbol, units_kind_name(u.kind), u.base, u.factor};
        out[b->n_units++] = du;
    }
    b->p->units = (const dossier_unit *const *)out;
    b->p->n_units = b->n_units;
}

static const char *unit_list(profile_builder *b)
{
    size_t n;
    const unit_info *u = units_all(&n);
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(u[i].symbol) + 2;
    char *s = arena_alloc(b->scratch, len);
    for (size_t i = 0; i < n; i++) {
        strcat(s, u[i].symbol);
        if (i + 1 < n)
            strcat(s, ", ");
    }
    return s;
}

/* A worded value ("六成", "1/4", "21.8:17.4:60.8"): its form and numbers. */
static void indicator_words(profile_builder *b, const json_t *v, const char *p,
                            dossier_indicator *ind)
{
    const char *text = json_string_value(v);
    if (!check_text(b, p, text, json_string_length(v)))
        return;
    char *end;
    (void)strtod(text, &end);
    if (end != text && *end == '\0' && !strchr(text, ':')) {
        pb_error(b, p, "expected a number, found a string (write the figure without quotes, "
                 "e.g. 7926.0)");
        return;
    }
    form_value fv;
    char why[512];
    if (!forms_parse(text, &fv, why, sizeof why)) {
        pb_error(b, p, "%s", why);
        return;
    }
    ind->value_text = arena_strdup(b->a, text);
    ind->form = forms_name(fv.form);
    ind->value = fv.value;
    ind->has_value = fv.form != FORM_RATIO;
    if (fv.n_parts) {
        double *parts = arena_alloc(b->a, fv.n_parts * sizeof *parts);
        memcpy(parts, fv.parts, fv.n_parts * sizeof *parts);
        ind->parts = parts;
        ind->n_parts = fv.n_parts;
    }
}

/* The value: a JSON number, kept with the literal the author wrote, or a worded form. */
static void indicator_value(profile_builder *b, const json_t *o, const char *path,
                            dossier_indicator *ind)
{
    const char *p = child_path(b, path, "value");
    json_t *v = json_object_get(o, "value");
    if (!v) {
        pb_error(b, p, "missing required field \"value\"");
        return;
    }
    if (json_is_string(v)) {
        indicator_words(b, v, p, ind);
        return;
    }
    if (!json_is_number(v)) {
        pb_error(b, p, "expected a number, found %s", type_name(v));
        return;
    }
    const json_literal *lit = json_literals_find(&b->literals, v);
    double value = json_number_value(v);
    if (!lit || !isfinite(value)) {
        pb_error(b, p, "not a finite number");
        return;
    }
    char *text = arena_strndup(b->a, lit->text, lit->len);
    const char *e = strpbrk(text, "eE");
    const char *dot = strchr(text, '.');
    /* A double carries 17 significant digits; a literal with more cannot be a figure that
     * prints as written (1286.4 followed by 100,000 zeros is not one). */
    size_t digits = 0;
    bool leading = true;
    for (const char *c = text; c < (e ? e : text + strlen(text)); c++)
        if (*c >= '0' && *c <= '9' && !(leading && *c == '0')) {
            digits++;
            leading = false;
        }
    if (digits > 17 || (dot && !e && strlen(dot + 1) > 17)) {
        pb_error(b, p, "%.40s%s has more digits than a figure can carry (at most 17)", text,
                 strlen(text) > 40 ? "…" : "");
        return;
    }
    int decimals = 0;
    if (dot)
        decimals = (int)((e ? e : text + strlen(text)) - dot - 1);
    if (e) {
        /* Sources never write exponents, and a figure prints as written: refuse, and say how
         * the digits read. */
        decimals -= atoi(e + 1);
        if (decimals < 0)
            decimals = 0;
        if (decimals > 17) {
            pb_error(b, p, "%.40s is written with an exponent and has more precision than a "
                     "figure can carry; write the digits as the source does", text);
            return;
        }
        char buf[512];
        snprintf(buf, sizeof buf, "%.*f", decimals, value);
        pb_error(b, p, "%.40s is written with an exponent; write the digits as the source "
                 "does (%s)", text, buf);
        return;
    }
    if (value == 0 && text[0] == '-')
        text++; /* -0 and -0.0 are 0: no figure prints "-0%" */
    ind->value = value == 0 ? 0.0 : value;
    ind->value_text = text;
    ind->decimals = decimals;
    ind->form = "number";
    ind->has_value = 1;
}

static bool word_in(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return true;
    return false;
}

/* The unit, or none for a worded share or ratio; the figure's kind, base and factor. */
static void indicator_unit(profile_builder *b, const json_t *o, const char *p,
                           dossier_indicator *ind)
{
    bool worded = ind->form && strcmp(ind->form, "number") != 0;
    if (!ind->form && json_is_string(json_object_get(o, "value")))
        return; /* a worded value already reported: its unit would only add noise */
    if (worded) {
        if (json_object_get(o, "unit")) {
            pb_error(b, child_path(b, p, "unit"), "a %s (\"%s\") has no unit; leave \"unit\" "
                     "out", strcmp(ind->form, "ratio") == 0 ? "ratio" : "share in words",
                     ind->value_text);
            return;
        }
        ind->unit = "";
        bool ratio = strcmp(ind->form, "ratio") == 0;
        ind->unit_kind = ratio ? "ratio" : "share";
        ind->unit_base = ratio ? NULL : "";
        ind->unit_factor = 1;
        return;
    }
    ind->unit = shared_field(b, o, p, "unit", true);
    const unit_info *unit = ind->unit ? pb_unit(b, ind->unit) : NULL;
    if (ind->unit && !unit) {
        pb_error(b, child_path(b, p, "unit"), "unknown unit \"%s\"; declare it in the "
                 "profile's \"units\" ({\"symbol\": \"%s\", \"kind\": …, \"base\": …, "
                 "\"factor\": …}) or in the configuration's units_file (built in: %s)",
                 shorten(b, ind->unit), shorten(b, ind->unit), unit_list(b));
        ind->unit = NULL;
        return;
    }
    if (unit) {
        ind->unit_kind = units_kind_name(unit->kind);
        ind->unit_base = unit->base;
        ind->unit_factor = unit->factor;
    }
}

/* A negative count or area is a change (a decrease), never a stock. */
static void indicator_sign(profile_builder *b, const json_t *o, const char *p,
                           dossier_indicator *ind)
{
    static const char *const words[] = {"下降", "减少", "降低", NULL};
    ind->decrease = shared_field(b, o, p, "decrease", false);
    if (ind->decrease && !word_in(ind->decrease, words)) {
        pb_error(b, child_path(b, p, "decrease"), "unknown word \"%s\" (accepted: 下降, 减少, "
                 "降低)", shorten(b, ind->decrease));
        ind->decrease = NULL;
    }
    if (!ind->value_text || !ind->has_value)
        return;
    if (ind->decrease && !(ind->value < 0)) {
        pb_error(b, child_path(b, p, "decrease"), "\"%s\" says the figure fell, but its value "
                 "%s is not negative: write the fall as a negative number (下降3.2%% is -3.2)",
                 ind->decrease, ind->value_text);
        return;
    }
    bool change = ind->decrease || (ind->relation && (strcmp(ind->relation, "growth") == 0 ||
                                                      strcmp(ind->relation, "difference") == 0));
    if (ind->value < 0 && ind->unit_kind && !change &&
        (strcmp(ind->unit_kind, "count") == 0 || strcmp(ind->unit_kind, "area") == 0))
        pb_error(b, child_path(b, p, "value"), "%s is negative, and a figure in %s cannot be "
                 "unless it is a change: write a decrease with \"decrease\": \"减少\" (or "
                 "\"relation\": \"growth\" / \"difference\" and its \"base\")",
                 ind->value_text, ind->unit);
}

static void build_indicator(profile_builder *b, const json_t *o, const char *p,
                            dossier_indicator *ind, indicator_refs *refs)
{
    static const char *const keys[] = {"id", "name", "name_en", "value", "unit", "qualifier",
                                       "decrease", "period", "basis", "scope", "source", "base",
                                       "relation", "series", "note", "quote", NULL};
    check_keys(b, o, p, keys);
    ind->struct_size = sizeof *ind;
    refs->path = p;
    ind->id = id_field(b, o, p, "id", true);
    ind->name = shared_field(b, o, p, "name", true);
    ind->name_en = shared_field(b, o, p, "name_en", false);
    indicator_value(b, o, p, ind);
    indicator_unit(b, o, p, ind);
    ind->qualifier = shared_field(b, o, p, "qualifier", false);
    if (ind->qualifier && !format_qualifier_valid(ind->qualifier))
        pb_error(b, child_path(b, p, "qualifier"), "unknown qualifier \"%s\" (accepted: %s)",
                 ind->qualifier, format_qualifier_list());
    ind->period = shared_field(b, o, p, "period", true);
    period per;
    char why[256];
    if (ind->period && !period_parse(ind->period, &per)) {
        if (period_range_problem(ind->period, why, sizeof why))
            pb_error(b, child_path(b, p, "period"), "\"%s\" is not a period: %s",
                     shorten(b, ind->period), why);
        else
            pb_error(b, child_path(b, p, "period"), "\"%s\" is not a period (accepted forms: "
                     "%s)", shorten(b, ind->period), period_forms());
    } else if (ind->period) {
        ind->period_months = period_months(&per);
    }
    ind->basis = shared_field(b, o, p, "basis", false);
    if (ind->basis && !period_basis_valid(ind->basis))
        pb_error(b, child_path(b, p, "basis"), "unknown basis \"%s\" (accepted: %s)", ind->basis,
                 period_basis_list());
    ind->scope = shared_field(b, o, p, "scope", true);
    const json_t *src = typed_field(b, o, p, "source", JSON_OBJECT, true);
    if (src) {
        const char *sp = child_path(b, p, "source");
        static const char *const skeys[] = {"document", "section", NULL};
        check_keys(b, src, sp, skeys);
        refs->document = id_field_as(b, src, sp, "document", true, TEXT_SCRATCH);
        refs->section = id_field_as(b, src, sp, "section", false, TEXT_SCRATCH);
    }
    refs->base = id_field_as(b, o, p, "base", false, TEXT_SCRATCH);
    ind->relation = shared_field(b, o, p, "relation", false);
    if (ind->relation && !relation_valid(ind->relation))
        pb_error(b, child_path(b, p, "relation"),
                 "unknown relation \"%s\" (accepted: share, growth, contribution, difference, "
                 "ratio)", ind->relation);
    if (json_object_get(o, "base") && !json_object_get(o, "relation"))
        pb_error(b, child_path(b, p, "relation"), "missing; required when \"base\" is given "
                 "(share, growth, contribution, difference or ratio)");
    if (!json_object_get(o, "base") && json_object_get(o, "relation"))
        pb_error(b, child_path(b, p, "base"), "missing; required when \"relation\" is given "
                 "(the id of the indicator it relates to)");
    ind->series = id_field_as(b, o, p, "series", false, TEXT_SHARED);
    ind->note = shared_field(b, o, p, "note", false);
    ind->quote = text_field(b, o, p, "quote", false);
    indicator_sign(b, o, p, ind);
}

/* Element i of a split text's indicators, parsed on its own, with its number literals in
 * *lit; NULL when it is not valid JSON (the caller then parses the whole text, to report
 * the error where jansson finds it). */
static json_t *load_element(profile_builder *b, size_t i, json_literals *lit)
{
    const json_span *e = &b->split->items[i];
    json_error_t err;
    return json_read_tree(b->text + e->start, e->len, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE,
                          JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, lit, &err);
}

static void build_indicators(profile_builder *b, const json_t *root)
{
    const json_t *arr = typed_field(b, root, "", "indicators", JSON_ARRAY, true);
    size_t n = b->split ? b->split->count : arr ? json_array_size(arr) : 0;
    dossier_indicator **out = arena_alloc(b->a, (n ? n : 1) * sizeof *out);
    b->ind_refs = arena_alloc(b->scratch, (n ? n : 1) * sizeof *b->ind_refs);
    for (size_t i = 0; i < n; i++) {
        json_literals whole = b->literals;
        json_t *own = b->split ? load_element(b, i, &b->literals) : NULL;
        if (b->split && !own) {
            b->literals = whole; /* the failed read left its map empty */
            b->reparse = true;
            break;
        }
        const json_t *o = own ? own : json_array_get(arr, i);
        const char *p = index_path(b, "indicators", i);
        if (!json_is_object(o)) {
            pb_error(b, p, "expected an object, found %s", type_name(o));
        } else {
            dossier_indicator *ind = arena_alloc(b->a, sizeof *ind);
            build_indicator(b, o, p, ind, &b->ind_refs[b->p->n_indicators]);
            out[b->p->n_indicators++] = ind;
        }
        if (own) {
            json_literals_free(&b->literals);
            b->literals = whole;
            json_decref(own);
        }
    }
    b->p->indicators = (const dossier_indicator *const *)out;
}

static void build_key_figures_and_charts(profile_builder *b, const json_t *root)
{
    const json_t *facts = typed_field(b, root, "", "facts", JSON_OBJECT, false);
    if (facts) {
        static const char *const keys[] = {"area", "population", NULL};
        check_keys(b, facts, "facts", keys);
        b->fact_area = id_field(b, facts, "facts", "area", false);
        b->fact_population = id_field(b, facts, "facts", "population", false);
    }
    const json_t *keyf = typed_field(b, root, "", "key_figures", JSON_ARRAY, false);
    if (keyf) {
        size_t n = json_array_size(keyf);
        b->key_ids = arena_alloc(b->scratch, (n ? n : 1) * sizeof *b->key_ids);
        b->key_paths = arena_alloc(b->scratch, (n ? n : 1) * sizeof *b->key_paths);
        const char *const *ids = text_array(b, keyf, "key_figures", &b->n_key_ids);
        for (size_t i = 0; i < b->n_key_ids; i++) {
            b->key_ids[i] = ids[i];
            b->key_paths[i] = index_path(b, "key_figures", i);
        }
    }
    const json_t *charts = typed_field(b, root, "", "charts", JSON_ARRAY, false);
    size_t n = charts ? json_array_size(charts) : 0;
    b->charts = arena_alloc(b->scratch, (n ? n : 1) * sizeof *b->charts);
    static const char *const keys[] = {"title", "series", "secondary", NULL};
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(charts, i);
        const char *p = index_path(b, "charts", i);
        if (!json_is_object(o)) {
            pb_error(b, p, "expected an object, found %s", type_name(o));
            continue;
        }
        check_keys(b, o, p, keys);
        chart_refs *c = &b->charts[b->n_charts++];
        c->path = p;
        c->title = text_field(b, o, p, "title", true);
        c->series = id_field(b, o, p, "series", true);
        c->secondary = id_field(b, o, p, "secondary", false);
    }
}

static void build_identity(profile_builder *b, const json_t *root)
{
    static const char *const keys[] = {"$schema", "format", "id", "name", "parent", "as_of",
                                       "subtitle", "facts", "sources", "documents",
                                       "units", "indicators", "key_figures", "charts", NULL};
    check_keys(b, root, "", keys);
    json_t *fmt = json_object_get(root, "format");
    if (!fmt)
        pb_error(b, "format", "missing required field \"format\" (this dossier reads format 1)");
    else if (!json_is_integer(fmt) || json_integer_value(fmt) != 1)
        pb_error(b, "format", "unsupported format version (this dossier reads format 1)");
    dossier_profile *p = b->p;
    p->id = text_field(b, root, "", "id", true);
    if (p->id && !id_valid(p->id, 64) ) {
        pb_error(b, "id", "\"%s\" is not a valid profile id: it names the output files, so it "
                 "may hold only lower-case letters, digits, _ and - (at most 64, starting with a "
                 "letter or digit)", shorten(b, p->id));
        p->id = NULL;
    } else if (p->id && strchr(p->id, '.')) {
        pb_error(b, "id", "\"%s\" is not a valid profile id: no '.' allowed (it names the "
                 "output files)", shorten(b, p->id));
        p->id = NULL;
    }
    name_pair(b, root, "", "name", true, &p->name_zh, &p->name_en);
    name_pair(b, root, "", "parent", false, &p->parent_zh, &p->parent_en);
    p->as_of = text_field(b, root, "", "as_of", true);
    period d;
    if (p->as_of && (!period_parse(p->as_of, &d) || d.is_range || d.undated ||
                     d.start.unit != PERIOD_DAY))
        pb_error(b, "as_of", "\"%s\" is not a date of the form YYYY-MM-DD", p->as_of);
    p->subtitle = text_field(b, root, "", "subtitle", false);
}

dossier_profile *profile_build(const char *file, const json_t *root, json_literals *literals,
                               const char *text, const json_split *split, model_store *store,
                               diag_list *d, bool *reparse)
{
    *reparse = false;
    if (!json_is_object(root)) {
        json_literals_free(literals);
        diag_add(d, DIAG_ERROR, "%s: $: error: a profile is a JSON object, found %s", file,
                 type_name(root));
        return NULL;
    }
    /* The container is the arena's too: a model kept in the shared store is whole there. */
    arena *a = arena_new_in(store);
    loaded_profile *lp = arena_alloc(a, sizeof *lp);
    lp->a = a;
    profile_builder b = {.a = lp->a, .scratch = arena_new(), .d = d, .p = &lp->model,
                         .errors_at_start = d->errors, .split = split, .text = text};
    b.file = arena_strdup(b.a, file);
    b.literals = *literals;
    memset(literals, 0, sizeof *literals);
    lp->model.struct_size = sizeof lp->model;
    lp->model.path = b.file;
    build_identity(&b, root);
    build_sources(&b, root);
    build_documents(&b, root);
    build_units(&b, root);
    build_indicators(&b, root);
    if (b.reparse) {
        json_literals_free(&b.literals);
        arena_free(b.scratch);
        profile_free(&lp->model);
        *reparse = true;
        return NULL;
    }
    build_key_figures_and_charts(&b, root);
    json_literals_free(&b.literals);
    profile_link(&b);
    arena_free(b.scratch);
    if (d->errors != b.errors_at_start) {
        profile_free(&lp->model);
        return NULL;
    }
    return &lp->model;
}

void profile_free(dossier_profile *p)
{
    if (!p)
        return;
    arena_free(((loaded_profile *)p)->a); /* lp is in the arena */
}

bool profile_is_shared(const dossier_profile *p)
{
    return p && !arena_spilled(((const loaded_profile *)p)->a);
}
