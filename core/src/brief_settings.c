/* brief_settings.c — reading the [brief] section (see brief_settings.h). */
#include "brief_settings.h"

#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define PARTS_HELP "masthead, title, facts, table, charts, narrative, sources, colophon"

const dossier_option brief_options[] = {
    {"template", DOSSIER_OPT_STRING, "report",
     "form of the brief: report, bulletin (简报), official (公文), or a template file (INI with "
     "a [brief] section; relative paths are looked up next to the profile)", 0, 0, NULL},
    {"parts", DOSSIER_OPT_STRING, "",
     "the parts in order, comma-separated (" PARTS_HELP "); empty: the template's", 0, 0, NULL},
    {"table", DOSSIER_OPT_CHOICE, "key",
     "rows of the figures table: the profile's key figures, all indicators, or none", 0, 0,
     "key|all|none"},
    {"indicators", DOSSIER_OPT_STRING, "",
     "rows of the figures table as indicator ids, comma-separated (overrides table)", 0, 0, NULL},
    {"charts", DOSSIER_OPT_STRING, "all",
     "charts drawn: all, none, or the profile's chart numbers (1-based), comma-separated", 0, 0,
     NULL},
    {"figures", DOSSIER_OPT_CHOICE, "mention",
     "where a figure stands: right after the paragraph that first mentions it (after its "
     "enumeration when that paragraph is a 一是… item; a figure the text never mentions stays "
     "in the charts part), or all in the charts part", 0, 0, "mention|part"},
    {"english", DOSSIER_OPT_BOOL, "true", "print the English names the profile has", 0, 0, NULL},
    {"cited", DOSSIER_OPT_BOOL, "true",
     "list under each source the figures the brief takes from it", 0, 0, NULL},
    {"issuer", DOSSIER_OPT_STRING, "",
     "issuing body: 发文机关 (official) or 编印单位 (bulletin)", 0, 0, NULL},
    {"name", DOSSIER_OPT_STRING, "",
     "name in the masthead: 简报名称 (bulletin; required) or 发文机关标志 (official; default: "
     "the issuer followed by 文件)", 0, 0, NULL},
    {"issue", DOSSIER_OPT_STRING, "", "期号 of a bulletin: \"3\" prints 第3期", 0, 0, NULL},
    {"number", DOSSIER_OPT_STRING, "", "发文字号 of an official document, e.g. 海政发〔2020〕12号",
     0, 0, NULL},
    {"date", DOSSIER_OPT_STRING, "",
     "date of the brief as YYYY-MM-DD (default: the profile's as_of)", 0, 0, NULL},
    {"classification", DOSSIER_OPT_STRING, "",
     "classification line at the top left, e.g. 内部资料　注意保存", 0, 0, NULL},
    {"cc", DOSSIER_OPT_STRING, "", "抄送 line of the 版记 (official)", 0, 0, NULL},
    {"report_to", DOSSIER_OPT_STRING, "", "报 line of the 报尾 (bulletin)", 0, 0, NULL},
    {"send_to", DOSSIER_OPT_STRING, "", "送 line of the 报尾 (bulletin)", 0, 0, NULL},
    {"distribute_to", DOSSIER_OPT_STRING, "", "发 line of the 报尾 (bulletin)", 0, 0, NULL},
    {"printer", DOSSIER_OPT_STRING, "",
     "印发机关 of the 版记 (official; default: the issuer)", 0, 0, NULL},
    {"print_date", DOSSIER_OPT_STRING, "",
     "印发日期 as YYYY-MM-DD (official; default: the brief's date)", 0, 0, NULL},
    {"copies", DOSSIER_OPT_INT, "0", "共印份数 in the 报尾 (bulletin; 0: not printed)", 0,
     100000000, NULL},
    {"label_parent", DOSSIER_OPT_STRING, "所属", "label of the parent region", 0, 0, NULL},
    {"label_as_of", DOSSIER_OPT_STRING, "资料截至", "label of the as-of date", 0, 0, NULL},
    {"label_key_figures", DOSSIER_OPT_STRING, "主要指标", "heading of the key-figures table", 0,
     0, NULL},
    {"label_all_figures", DOSSIER_OPT_STRING, "指标", "heading of the table of all indicators",
     0, 0, NULL},
    {"label_charts", DOSSIER_OPT_STRING, "图表", "heading of the charts", 0, 0, NULL},
    {"label_sources", DOSSIER_OPT_STRING, "资料来源", "heading of the sources", 0, 0, NULL},
    {"label_notes", DOSSIER_OPT_STRING, "注", "label of the notes under a table or chart", 0, 0,
     NULL},
    {"label_cited", DOSSIER_OPT_STRING, "所引数据", "label of the figures taken from a source", 0,
     0, NULL},
    {"label_origin", DOSSIER_OPT_STRING, "原文", "label of a source's original text", 0, 0, NULL},
    {"label_col_name", DOSSIER_OPT_STRING, "指标", "table column: indicator", 0, 0, NULL},
    {"label_col_figure", DOSSIER_OPT_STRING, "数值", "table column: figure", 0, 0, NULL},
    {"label_col_period", DOSSIER_OPT_STRING, "时期", "table column: period", 0, 0, NULL},
    {"label_col_scope", DOSSIER_OPT_STRING, "范围", "table column: scope", 0, 0, NULL},
    {"label_col_source", DOSSIER_OPT_STRING, "来源", "table column: source", 0, 0, NULL},
    {"label_table", DOSSIER_OPT_STRING, "表", "caption prefix of tables (表1)", 0, 0, NULL},
    {"label_figure", DOSSIER_OPT_STRING, "图", "caption prefix of charts (图1)", 0, 0, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

static const char *const label_keys[BRIEF_L_COUNT] = {
    "label_parent",     "label_as_of",      "label_key_figures", "label_all_figures",
    "label_charts",     "label_sources",    "label_notes",       "label_cited",
    "label_origin",     "label_col_name",   "label_col_figure",  "label_col_period",
    "label_col_scope",  "label_col_source", "label_table",       "label_figure",
};

static const char *const part_names[BRIEF_PART_COUNT] = {
    "masthead", "title", "facts", "table", "charts", "narrative", "sources", "colophon",
};

/* The parts of each built-in template, in order. */
static const char *const template_parts[] = {
    [DOSSIER_TEMPLATE_REPORT] = "title,facts,table,charts,narrative,sources",
    [DOSSIER_TEMPLATE_BULLETIN] = "masthead,title,facts,table,charts,narrative,sources,colophon",
    [DOSSIER_TEMPLATE_OFFICIAL] = "masthead,title,facts,table,charts,narrative,sources,colophon",
};

/* One lookup: the layers in precedence order. */
typedef struct layers {
    const config *cfg;
    const char *format;     /* the format's own section, or NULL */
    const dossier_option *format_options; /* what that format declares */
    const config *file;     /* the template file's keys, or NULL */
    const char *file_path;
} layers;

/* Keys a format's own section may set over [brief]. */
static bool format_overrides(const char *key)
{
    return strcmp(key, "table") == 0 || strcmp(key, "charts") == 0 ||
           strcmp(key, "english") == 0;
}

/* The value and where it was set ("" origin: the built-in default). */
static const char *lookup(const layers *l, const char *key, const config_entry **from)
{
    const config_entry *e = NULL;
    if (l->format && format_overrides(key) && config_option_find(l->format_options, key))
        e = config_find(l->cfg, l->format, key);
    if (!e)
        e = config_find(l->cfg, "brief", key);
    if (!e && l->file)
        e = config_find(l->file, "brief", key);
    *from = e;
    if (e)
        return e->value;
    const dossier_option *o = config_option_find(brief_options, key);
    return o && o->default_value ? o->default_value : "";
}

static void origin_of(const config_entry *e, const char *key, char *buf, size_t cap)
{
    if (!e)
        snprintf(buf, cap, "[brief] %s", key);
    else if (e->line > 0)
        snprintf(buf, cap, "%s:%d: [%s] %s", e->origin, e->line, e->section, e->key);
    else
        snprintf(buf, cap, "%s: [%s] %s", e->origin, e->section, e->key);
}

static char *opt_dup(const char *v)
{
    if (!v || !*v)
        return NULL;
    char *s = strdup(v);
    if (!s)
        abort();
    return s;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static bool is_builtin(const char *name, dossier_brief_template *form)
{
    static const char *const names[] = {"report", "bulletin", "official"};
    for (int i = 0; i < 3; i++)
        if (strcasecmp(name, names[i]) == 0) {
            *form = (dossier_brief_template)i;
            return true;
        }
    return false;
}

void brief_template_path(const char *name, const char *profile_path, char *path, size_t cap)
{
    bool have = false;
    if (name[0] != '/' && profile_path) {
        const char *slash = strrchr(profile_path, '/');
        if (slash) {
            snprintf(path, cap, "%.*s/%s", (int)(slash - profile_path), profile_path, name);
            struct stat st;
            have = stat(path, &st) == 0 && S_ISREG(st.st_mode);
        }
    }
    if (!have)
        snprintf(path, cap, "%s", name);
}

/* Loads a template file into *file; tries next to the profile, then as given. */
static bool load_template_file(const char *name, const char *profile_path, const char *at,
                               config *file, char **found, diag_list *d)
{
    char path[4096];
    brief_template_path(name, profile_path, path, sizeof path);
    diag_list sub;
    diag_init(&sub);
    config_status st = config_load_file(file, path, &sub);
    if (st != CONFIG_OK) {
        diag_add(d, DIAG_ERROR, "%s: error: template \"%s\" is not report, bulletin or "
                 "official, and cannot be read as a template file%s%s", at, name,
                 sub.count ? ": " : "", sub.count ? sub.items[0].text : "");
        diag_free(&sub);
        return false;
    }
    diag_free(&sub);
    /* Only [brief] belongs in a template file; anything else is a mistake worth naming. */
    bool ok = true;
    for (size_t i = 0; i < file->count; i++)
        if (strcasecmp(file->items[i].section, "brief") != 0) {
            diag_add(d, DIAG_ERROR, "%s:%d: error: [%s] in a template file: only a [brief] "
                     "section belongs there (put other settings in the configuration)",
                     file->items[i].origin, file->items[i].line, file->items[i].section);
            ok = false;
            break;
        }
    config_section_schema schema = {"brief", brief_options};
    ok &= config_validate(file, &schema, 1, d);
    const config_entry *nested = config_find(file, "brief", "template");
    dossier_brief_template form;
    if (nested && !is_builtin(nested->value, &form)) {
        diag_add(d, DIAG_ERROR, "%s:%d: error: [brief] template = \"%s\": a template file "
                 "may only name a built-in template (report, bulletin, official)",
                 nested->origin, nested->line, nested->value);
        ok = false;
    }
    *found = opt_dup(path);
    return ok;
}

static bool parse_parts(const char *value, const char *at, brief_settings *s, diag_list *d)
{
    char *copy = strdup(value);
    if (!copy)
        abort();
    bool ok = true, seen[BRIEF_PART_COUNT] = {false};
    s->n_parts = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        char *t = trim(tok);
        if (!*t)
            continue;
        size_t k = 0;
        while (k < BRIEF_PART_COUNT && strcasecmp(t, part_names[k]) != 0)
            k++;
        if (k == BRIEF_PART_COUNT) {
            diag_add(d, DIAG_ERROR, "%s: error: unknown part \"%s\" (accepted: " PARTS_HELP ")",
                     at, t);
            ok = false;
        } else if (seen[k]) {
            diag_add(d, DIAG_ERROR, "%s: error: part \"%s\" is listed twice", at, t);
            ok = false;
        } else {
            seen[k] = true;
            s->parts[s->n_parts++] = (brief_part_id)k;
        }
    }
    free(copy);
    return ok;
}

static bool parse_indicators(const char *value, brief_settings *s)
{
    char *copy = strdup(value);
    if (!copy)
        abort();
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        char **grown = realloc(s->indicators, (s->n_indicators + 1) * sizeof *grown);
        if (!grown)
            abort();
        s->indicators = grown;
        s->indicators[s->n_indicators++] = opt_dup(tok);
    }
    free(copy);
    return true;
}

/* "all", "none" (and the boolean words true/yes/on, false/no/off of the 1.0 format keys), or
 * chart numbers: "1" is chart 1, never "true". */
static bool parse_charts(const char *value, const char *at, brief_settings *s, diag_list *d)
{
    static const char *const all[] = {"all", "true", "yes", "on"};
    static const char *const none[] = {"none", "false", "no", "off"};
    s->charts_all = false;
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(value, all[i]) == 0) {
            s->charts_all = true;
            return true;
        }
        if (strcasecmp(value, none[i]) == 0)
            return true;
    }
    char *copy = strdup(value);
    if (!copy)
        abort();
    bool ok = true;
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        char *end;
        long n = strtol(tok, &end, 10);
        if (*end || n < 1 || n > 100000) {
            diag_add(d, DIAG_ERROR, "%s: error: \"%s\" is not a chart number (accepted: all, "
                     "none, or numbers 1, 2 … of the profile's charts)", at, tok);
            ok = false;
            continue;
        }
        size_t *grown = realloc(s->charts, (s->n_charts + 1) * sizeof *grown);
        if (!grown)
            abort();
        s->charts = grown;
        s->charts[s->n_charts++] = (size_t)n;
    }
    free(copy);
    return ok;
}

/* A YYYY-MM-DD date (or empty). */
static bool date_valid(const char *v)
{
    int y, m, dd;
    char tail;
    if (!*v)
        return true;
    if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 || y <= 0 ||
        m < 1 || m > 12 || dd < 1)
        return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return dd <= days[m - 1] + (m == 2 && leap);
}

/* Text the brief prints must be what the profile's text is: valid UTF-8, one line, no control
 * characters (a renderer escapes markup, but cannot print a control character). */
static bool check_text(const char *key, const char *v, const config_entry *e, diag_list *d)
{
    char at[700];
    size_t len = strlen(v);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = text_utf8_decode(v + i, len - i, &cp);
        if (cp < 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            origin_of(e, key, at, sizeof at);
            if (cp < 0)
                diag_add(d, DIAG_ERROR, "%s: error: invalid UTF-8 at byte %zu", at, i);
            else
                diag_add(d, DIAG_ERROR, "%s: error: control character U+%04X at byte %zu; the "
                         "brief's texts are one line of printable text", at, (unsigned)cp, i);
            return false;
        }
        i += n;
    }
    return true;
}

static bool check_value(const char *key, const char *v, const config_entry *e, diag_list *d)
{
    const dossier_option *o = config_option_find(brief_options, key);
    char why[256], at[700];
    if (o && !config_check_value(o, v, why, sizeof why)) {
        origin_of(e, key, at, sizeof at);
        diag_add(d, DIAG_ERROR, "%s: error: \"%s\": %s", at, v, why);
        return false;
    }
    return true;
}

bool brief_settings_read(const config *cfg, const char *format,
                         const dossier_option *format_options, const char *profile_path,
                         brief_settings *s, diag_list *d)
{
    memset(s, 0, sizeof *s);
    config file;
    config_init(&file);
    layers l = {.cfg = cfg, .format = format, .format_options = format_options};
    const config_entry *e;
    char at[700];
    bool ok = true;

    const char *tpl = lookup(&l, "template", &e);
    origin_of(e, "template", at, sizeof at);
    if (!is_builtin(tpl, &s->form)) {
        char *found = NULL;
        if (!load_template_file(tpl, profile_path, at, &file, &found, d)) {
            free(found);
            config_free(&file);
            return false;
        }
        l.file = &file;
        l.file_path = found;
        const config_entry *base = config_find(&file, "brief", "template");
        s->form = DOSSIER_TEMPLATE_REPORT;
        if (base)
            is_builtin(base->value, &s->form);
        s->template_name = found;
    } else {
        s->template_name = opt_dup(tpl);
    }

    const char *v = lookup(&l, "parts", &e);
    origin_of(e, "parts", at, sizeof at);
    ok &= parse_parts(*v ? v : template_parts[s->form], at, s, d);

    v = lookup(&l, "table", &e);
    ok &= check_value("table", v, e, d);
    s->table = strcasecmp(v, "all") == 0    ? BRIEF_TABLE_ALL
               : strcasecmp(v, "none") == 0 ? BRIEF_TABLE_NONE
                                            : BRIEF_TABLE_KEY;
    parse_indicators(lookup(&l, "indicators", &e), s);

    v = lookup(&l, "charts", &e);
    origin_of(e, "charts", at, sizeof at);
    ok &= parse_charts(v, at, s, d);

    v = lookup(&l, "figures", &e);
    ok &= check_value("figures", v, e, d);
    s->figures_at_mention = strcasecmp(v, "part") != 0;

    int b = 1;
    v = lookup(&l, "english", &e);
    ok &= check_value("english", v, e, d);
    s->english = !config_parse_bool(v, &b) || b;
    v = lookup(&l, "cited", &e);
    ok &= check_value("cited", v, e, d);
    s->cited = !config_parse_bool(v, &b) || b;

    struct {
        const char *key;
        char **dst;
    } strings[] = {
        {"issuer", &s->issuer},   {"name", &s->name},
        {"issue", &s->issue},     {"number", &s->number},
        {"date", &s->date},       {"classification", &s->classification},
        {"cc", &s->cc},           {"report_to", &s->report_to},
        {"send_to", &s->send_to}, {"distribute_to", &s->distribute_to},
        {"printer", &s->printer}, {"print_date", &s->print_date},
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        char *t = strdup(lookup(&l, strings[i].key, &e));
        if (!t)
            abort();
        ok &= check_text(strings[i].key, t, e, d);
        *strings[i].dst = opt_dup(trim(t));
        free(t);
        if ((strcmp(strings[i].key, "date") == 0 || strcmp(strings[i].key, "print_date") == 0) &&
            *strings[i].dst && !date_valid(*strings[i].dst)) {
            origin_of(e, strings[i].key, at, sizeof at);
            diag_add(d, DIAG_ERROR, "%s: error: \"%s\" is not a date of the form YYYY-MM-DD",
                     at, *strings[i].dst);
            ok = false;
        }
    }
    v = lookup(&l, "copies", &e);
    if (check_value("copies", v, e, d))
        s->copies = strtol(v, NULL, 10);
    else
        ok = false;
    for (int i = 0; i < BRIEF_L_COUNT; i++) {
        v = lookup(&l, label_keys[i], &e);
        ok &= check_text(label_keys[i], v, e, d);
        if (!*v) {
            origin_of(e, label_keys[i], at, sizeof at);
            diag_add(d, DIAG_ERROR, "%s: error: a label cannot be empty", at);
            ok = false;
        }
        s->label[i] = strdup(v);
        if (!s->label[i])
            abort();
    }

    /* 版头 opens the document and 版记 closes it (GB/T 9704-2012): a fixed-layout format puts
       them there in any case, so no format may put them elsewhere. */
    for (size_t i = 0; i < s->n_parts; i++) {
        const char *why = s->parts[i] == BRIEF_PART_MASTHEAD && i != 0 ? "masthead must be the first"
                          : s->parts[i] == BRIEF_PART_COLOPHON && i + 1 != s->n_parts
                              ? "colophon must be the last"
                              : NULL;
        if (why) {
            const config_entry *pe;
            lookup(&l, "parts", &pe);
            origin_of(pe, "parts", at, sizeof at);
            diag_add(d, DIAG_ERROR, "%s: error: the %s part (版头 opens a document, 版记 and 报尾 "
                     "close it)", at, why);
            ok = false;
        }
    }

    /* What each form cannot do without. */
    bool has_masthead = false;
    for (size_t i = 0; i < s->n_parts; i++)
        has_masthead |= s->parts[i] == BRIEF_PART_MASTHEAD;
    if (has_masthead && s->form == DOSSIER_TEMPLATE_OFFICIAL && !s->issuer && !s->name) {
        diag_add(d, DIAG_ERROR, "[brief] template = %s: error: an official document's 版头 "
                 "needs the issuing body: set [brief] issuer (e.g. --set "
                 "brief.issuer=北京市海淀区人民政府) or name", s->template_name);
        ok = false;
    }
    if (has_masthead && s->form == DOSSIER_TEMPLATE_BULLETIN && !s->name) {
        diag_add(d, DIAG_ERROR, "[brief] template = %s: error: a bulletin's 报头 needs its name: "
                 "set [brief] name (e.g. --set brief.name=海淀区情简报)", s->template_name);
        ok = false;
    }
    config_free(&file);
    if (!ok)
        brief_settings_free(s);
    return ok;
}

void brief_settings_free(brief_settings *s)
{
    free(s->template_name);
    for (size_t i = 0; i < s->n_indicators; i++)
        free(s->indicators[i]);
    free(s->indicators);
    free(s->charts);
    char *strings[] = {s->issuer,  s->name,          s->issue,   s->number,
                       s->date,    s->classification, s->cc,     s->report_to,
                       s->send_to, s->distribute_to,  s->printer, s->print_date};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(strings[i]);
    for (int i = 0; i < BRIEF_L_COUNT; i++)
        free(s->label[i]);
    memset(s, 0, sizeof *s);
}

static bool str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

bool brief_settings_equal(const brief_settings *a, const brief_settings *b)
{
    if (a->form != b->form || !str_eq(a->template_name, b->template_name) ||
        a->n_parts != b->n_parts || memcmp(a->parts, b->parts, a->n_parts * sizeof *a->parts) ||
        a->table != b->table || a->n_indicators != b->n_indicators ||
        a->charts_all != b->charts_all || a->n_charts != b->n_charts ||
        (a->n_charts && memcmp(a->charts, b->charts, a->n_charts * sizeof *a->charts)) ||
        a->english != b->english || a->cited != b->cited || a->copies != b->copies ||
        a->figures_at_mention != b->figures_at_mention)
        return false;
    for (size_t i = 0; i < a->n_indicators; i++)
        if (strcmp(a->indicators[i], b->indicators[i]) != 0)
            return false;
    const char *sa[] = {a->issuer,  a->name,          a->issue,   a->number,
                        a->date,    a->classification, a->cc,     a->report_to,
                        a->send_to, a->distribute_to,  a->printer, a->print_date};
    const char *sb[] = {b->issuer,  b->name,          b->issue,   b->number,
                        b->date,    b->classification, b->cc,     b->report_to,
                        b->send_to, b->distribute_to,  b->printer, b->print_date};
    for (size_t i = 0; i < sizeof sa / sizeof sa[0]; i++)
        if (!str_eq(sa[i], sb[i]))
            return false;
    for (int i = 0; i < BRIEF_L_COUNT; i++)
        if (strcmp(a->label[i], b->label[i]) != 0)
            return false;
    return true;
}
