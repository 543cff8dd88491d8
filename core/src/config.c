/* config.c — configuration store, values and validation (see config.h). The INI reading is
 * in config_ini.c. */
#include "config.h"

#include <stdint.h>

#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const dossier_option config_core_options[] = {
    {"output_dir", DOSSIER_OPT_STRING, "out", "directory the exported files are written to", 0,
     0, NULL},
    {"formats", DOSSIER_OPT_STRING, "all",
     "formats exported when -f is not given: a comma-separated list or \"all\"", 0, 0, NULL},
    {"plugin_dir", DOSSIER_OPT_STRING, "",
     "extra plugin directories (colon-separated), searched after --plugin-dir and "
     "DOSSIER_PLUGIN_PATH", 0, 0, NULL},
    {"max_profile_size", DOSSIER_OPT_INT, "64",
     "largest profile file accepted, in MiB", 1, 4096, NULL},
    {"model_memory", DOSSIER_OPT_INT, "128",
     "memory a batch's parent may keep loaded profiles in, in MiB, so that its workers do not "
     "parse them again (0: parse every profile twice)", 0, 65536, NULL},
    {"isolate", DOSSIER_OPT_CHOICE, "auto",
     "stop an export that runs past plugin_timeout, so a hang fails only its format (auto: "
     "always, as true; false: no timeout)", 0, 0, "auto|true|false"},
    {"plugin_timeout", DOSSIER_OPT_INT, "300",
     "with isolation, stop a plugin that runs longer than this many seconds per file (0: no "
     "limit)", 0, 86400, NULL},
    {"units_file", DOSSIER_OPT_STRING, "",
     "a JSON file of units every profile may use ({\"units\": [{\"symbol\", \"kind\", "
     "\"base\", \"factor\"}]}), relative to the file that sets it", 0, 0, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

void config_init(config *c)
{
    memset(c, 0, sizeof *c);
}

void config_free(config *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->items[i].section);
        free(c->items[i].key);
        free(c->items[i].value);
        free(c->items[i].origin);
    }
    free(c->items);
    config_init(c);
}

static char *lower_dup(const char *s)
{
    char *d = strdup(s);
    for (char *p = d; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

const config_entry *config_find(const config *c, const char *section, const char *key)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcasecmp(c->items[i].section, section) == 0 &&
            strcasecmp(c->items[i].key, key) == 0)
            return &c->items[i];
    return NULL;
}

bool config_units_file(const config *c, char *path, size_t cap)
{
    const config_entry *uf = config_find(c, "core", "units_file");
    if (!uf || !*uf->value)
        return false;
    const char *slash = strrchr(uf->origin, '/');
    if (uf->value[0] != '/' && strcmp(uf->origin, "--set") != 0 && slash)
        snprintf(path, cap, "%.*s/%s", (int)(slash - uf->origin), uf->origin, uf->value);
    else
        snprintf(path, cap, "%s", uf->value);
    return true;
}

void config_put(config *c, const char *section, const char *key, const char *value,
                const char *origin, int line)
{
    config_entry *e = (config_entry *)config_find(c, section, key);
    if (!e) {
        if (c->count == c->cap) {
            size_t cap = c->cap ? c->cap * 2 : 16;
            config_entry *items = realloc(c->items, cap * sizeof *items);
            if (!items)
                abort();
            c->items = items;
            c->cap = cap;
        }
        e = &c->items[c->count++];
        e->section = lower_dup(section);
        e->key = lower_dup(key);
    } else {
        free(e->value);
        free(e->origin);
    }
    e->value = strdup(value);
    e->origin = strdup(origin);
    e->line = line;
    if (!e->section || !e->key || !e->value || !e->origin)
        abort();
}

/* A value as it can be shown in a message: at most 60 characters, control characters and
 * bytes that are not UTF-8 written \xHH, so a message never carries a terminal escape or a
 * 100 KB paste. */
void config_quote(const char *value, char *out, size_t cap)
{
    size_t o = 0, shown = 0, len = strlen(value);
    for (size_t i = 0; i < len && o + 8 < cap;) {
        if (shown == 60) {
            o += (size_t)snprintf(out + o, cap - o, "… (%zu bytes)", len);
            break;
        }
        int32_t cp;
        size_t n = text_utf8_decode(value + i, len - i, &cp);
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", (unsigned char)value[i]);
            i++;
        } else {
            if (o + n + 1 >= cap)
                break;
            memcpy(out + o, value + i, n);
            o += n;
            i += n;
        }
        shown++;
    }
    out[o < cap ? o : cap - 1] = '\0';
}

config_status config_set_arg(config *c, const char *arg, diag_list *d)
{
    const char *dot = strchr(arg, '.');
    const char *eq = strchr(arg, '=');
    if (!dot || !eq || dot > eq || dot == arg || eq == dot + 1) {
        diag_add(d, DIAG_ERROR, "--set %s: error: expected SECTION.KEY=VALUE, e.g. "
                 "--set txt.width=72", arg);
        return CONFIG_INVALID;
    }
    char section[128], key[128];
    size_t ns = (size_t)(dot - arg), nk = (size_t)(eq - dot - 1);
    if (ns >= sizeof section || nk >= sizeof key) {
        diag_add(d, DIAG_ERROR, "--set %s: error: section or key name too long", arg);
        return CONFIG_INVALID;
    }
    memcpy(section, arg, ns);
    section[ns] = '\0';
    memcpy(key, dot + 1, nk);
    key[nk] = '\0';
    /* The hygiene of a configuration file holds for --set too: one line of UTF-8 text, no
       control characters, no longer than a file's line. */
    const char *value = eq + 1;
    size_t len = strlen(value), bad = 0;
    char shown[300];
    config_quote(value, shown, sizeof shown);
    const char *why = NULL;
    if (len > 1000)
        why = "is longer than 1000 bytes (a configuration line's limit)";
    else if (!text_utf8_valid(value, len, &bad))
        why = "is not valid UTF-8";
    for (size_t i = 0; !why && i < len; i++)
        if ((unsigned char)value[i] < 0x20 || value[i] == 0x7F)
            why = "holds a control character";
    if (why) {
        diag_add(d, DIAG_ERROR, "--set %s.%s: error: the value \"%s\" %s", section, key,
                 shown, why);
        return CONFIG_INVALID;
    }
    config_put(c, section, key, value, "--set", 0);
    return CONFIG_OK;
}

const dossier_option *config_option_find(const dossier_option *options, const char *key)
{
    for (const dossier_option *o = options; o && o->key; o++)
        if (strcasecmp(o->key, key) == 0)
            return o;
    return NULL;
}

const char *config_value(const config *c, const char *section, const dossier_option *opt)
{
    const config_entry *e = config_find(c, section, opt->key);
    return e ? e->value : opt->default_value ? opt->default_value : "";
}

bool config_parse_long(const dossier_option *opt, const char *value, long *out, char *why,
                       size_t cap)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (!*value || *end || errno) {
        snprintf(why, cap, "not an integer (accepted: %.0f to %.0f)", opt->min, opt->max);
        return false;
    }
    if (v < opt->min || v > opt->max) {
        snprintf(why, cap, "out of range (accepted: %.0f to %.0f)", opt->min, opt->max);
        return false;
    }
    *out = v;
    return true;
}

bool config_parse_number(const dossier_option *opt, const char *value, double *out, char *why,
                         size_t cap)
{
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    /* decimal only: strtod would also take hexadecimal (0x10), nan and inf */
    bool decimal = strspn(value, "0123456789+-.eE") == strlen(value);
    if (!*value || *end || errno || !isfinite(v) || !decimal) {
        snprintf(why, cap, "not a number (accepted: %g to %g)", opt->min, opt->max);
        return false;
    }
    if (v < opt->min || v > opt->max) {
        snprintf(why, cap, "out of range (accepted: %g to %g)", opt->min, opt->max);
        return false;
    }
    *out = v;
    return true;
}

bool config_parse_bool(const char *value, int *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(value, yes[i]) == 0)
            return *out = 1, true;
        if (strcasecmp(value, no[i]) == 0)
            return *out = 0, true;
    }
    return false;
}

static bool choice_valid(const char *choices, const char *value)
{
    size_t n = strlen(value);
    for (const char *p = choices; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncasecmp(p, value, n) == 0)
            return true;
        p = bar ? bar + 1 : p + len;
    }
    return false;
}

bool config_check_value(const dossier_option *opt, const char *value, char *why, size_t cap)
{
    long l;
    double dv;
    int b;
    switch (opt->type) {
    case DOSSIER_OPT_INT: return config_parse_long(opt, value, &l, why, cap);
    case DOSSIER_OPT_NUMBER: return config_parse_number(opt, value, &dv, why, cap);
    case DOSSIER_OPT_BOOL:
        if (config_parse_bool(value, &b))
            return true;
        snprintf(why, cap, "not a boolean (accepted: true, false, yes, no, on, off, 1, 0)");
        return false;
    case DOSSIER_OPT_CHOICE:
        if (choice_valid(opt->choices, value))
            return true;
        snprintf(why, cap, "not an accepted value (accepted: %s)", opt->choices);
        return false;
    case DOSSIER_OPT_STRING: return true;
    }
    snprintf(why, cap, "option has an unknown type");
    return false;
}

static void where(const config_entry *e, char *buf, size_t cap)
{
    if (e->line > 0)
        snprintf(buf, cap, "%s:%d", e->origin, e->line);
    else
        snprintf(buf, cap, "%s", e->origin);
}

static void key_list(const dossier_option *options, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (const dossier_option *o = options; o && o->key; o++) {
        if (o != options)
            strncat(buf, ", ", cap - strlen(buf) - 1);
        strncat(buf, o->key, cap - strlen(buf) - 1);
    }
    if (!buf[0])
        snprintf(buf, cap, "none");
}

bool config_validate(const config *c, const config_section_schema *schemas, size_t n,
                     diag_list *d)
{
    bool ok = true;
    for (size_t i = 0; i < c->count; i++) {
        const config_entry *e = &c->items[i];
        const config_section_schema *s = NULL;
        for (size_t k = 0; k < n && !s; k++)
            if (strcasecmp(schemas[k].name, e->section) == 0)
                s = &schemas[k];
        char at[600];
        where(e, at, sizeof at);
        if (!s) {
            diag_add(d, DIAG_WARNING,
                     "%s: warning: unknown section [%s] (key \"%s\" ignored): no plugin of "
                     "that name is loaded", at, e->section, e->key);
            continue;
        }
        const dossier_option *opt = config_option_find(s->options, e->key);
        if (!opt) {
            char keys[1024];
            key_list(s->options, keys, sizeof keys);
            diag_add(d, DIAG_WARNING, "%s: warning: unknown key \"%s\" in [%s] ignored "
                     "(accepted keys: %s)", at, e->key, e->section, keys);
            continue;
        }
        char why[256], shown[300];
        if (!config_check_value(opt, e->value, why, sizeof why)) {
            config_quote(e->value, shown, sizeof shown);
            diag_add(d, DIAG_ERROR, "%s: error: [%s] %s = \"%s\": %s", at, e->section, e->key,
                     shown, why);
            ok = false;
        }
    }
    return ok;
}
