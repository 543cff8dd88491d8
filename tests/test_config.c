/* test_config.c — configuration: INI files and --set overrides layered over defaults
 * (config.c, config_ini.c), validation against declared options, and the shipped
 * config/dossier.ini.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brief_settings.h"
#include "config.h"

/* Options of a [txt] section, as a plugin would declare them, plus a bool and a number. */
static const dossier_option test_txt[] = {
    {"width", DOSSIER_OPT_INT, "80", "line width", 20, 1000, NULL},
    {"indent", DOSSIER_OPT_INT, "2", "indent", 0, 8, NULL},
    {"line_ending", DOSSIER_OPT_CHOICE, "lf", "line ending", 0, 0, "lf|crlf"},
    {"encoding", DOSSIER_OPT_CHOICE, "utf-8", "encoding", 0, 0, "utf-8|gb18030|gbk"},
    {"table", DOSSIER_OPT_CHOICE, "key", "table", 0, 0, "key|all|none"},
    {"bom", DOSSIER_OPT_BOOL, "false", "byte-order mark", 0, 0, NULL},
    {"ratio", DOSSIER_OPT_NUMBER, "1.5", "a ratio", 0.5, 2, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

static const config_section_schema schemas[] = {
    {"core", config_core_options},
    {"txt", test_txt},
};

/* The option table of plugins/txt/txt_plugin.c (txt_options), copied: the shipped
 * config/dossier.ini must show exactly these defaults. Update both together. */
static const dossier_option txt_plugin_options[] = {
    {"width", DOSSIER_OPT_INT, "80", "", 20, 1000, NULL},
    {"indent", DOSSIER_OPT_INT, "2", "", 0, 8, NULL},
    {"line_ending", DOSSIER_OPT_CHOICE, "lf", "", 0, 0, "lf|crlf"},
    {"encoding", DOSSIER_OPT_CHOICE, "utf-8", "", 0, 0, "utf-8|gb18030|gbk"},
    /* `table` is declared too, but shipped commented out so that [brief] table applies */
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

/* ---- helpers ------------------------------------------------------------------------ */

typedef struct tmpfile_ {
    char path[64];
} tmpfile_;

static void tmp_write(tmpfile_ *t, const void *data, size_t len)
{
    snprintf(t->path, sizeof t->path, "/tmp/dossier-config-XXXXXX");
    int fd = mkstemp(t->path);
    cr_assert_geq(fd, 0, "mkstemp");
    cr_assert_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
}

static void tmp_text(tmpfile_ *t, const char *text)
{
    tmp_write(t, text, strlen(text));
}

static void tmp_remove(tmpfile_ *t)
{
    unlink(t->path);
}

/* The first diagnostic containing every non-NULL needle, or NULL. */
static const char *find_diag(const diag_list *d, const char *a, const char *b, const char *c)
{
    for (size_t i = 0; i < d->count; i++) {
        const char *t = d->items[i].text;
        if ((!a || strstr(t, a)) && (!b || strstr(t, b)) && (!c || strstr(t, c)))
            return t;
    }
    return NULL;
}

static void dump(const diag_list *d)
{
    for (size_t i = 0; i < d->count; i++)
        fprintf(stderr, "  diag: %s\n", d->items[i].text);
}

static void assert_diag(const diag_list *d, const char *a, const char *b, const char *c)
{
    if (!find_diag(d, a, b, c))
        dump(d);
    cr_assert_not_null(find_diag(d, a, b, c), "no diagnostic with \"%s\" / \"%s\" / \"%s\"",
                       a, b ? b : "", c ? c : "");
}

static const char *value_of(const config *c, const char *section, const char *key,
                            const dossier_option *opts)
{
    const dossier_option *o = config_option_find(opts, key);
    cr_assert_not_null(o, "option %s declared", key);
    return config_value(c, section, o);
}

/* Loads text as an INI file and validates it; returns the validation result. */
static bool load_and_validate(const char *text, tmpfile_ *t, diag_list *d, config_status *st)
{
    config c;
    config_init(&c);
    tmp_text(t, text);
    *st = config_load_file(&c, t->path, d);
    bool ok = config_validate(&c, schemas, 2, d);
    config_free(&c);
    return ok;
}

/* ---- precedence --------------------------------------------------------------------- */

Test(config, defaults_when_nothing_is_set)
{
    config c;
    config_init(&c);
    cr_assert_str_eq(value_of(&c, "txt", "width", test_txt), "80");
    cr_assert_str_eq(value_of(&c, "txt", "line_ending", test_txt), "lf");
    cr_assert_str_eq(value_of(&c, "core", "output_dir", config_core_options), "out");
    cr_assert_str_eq(value_of(&c, "core", "max_profile_size", config_core_options), "64");
    config_free(&c);
}

Test(config, precedence_defaults_env_file_cli_file_set)
{
    tmpfile_ env, cli;
    tmp_text(&env, "[txt]\nwidth = 60\nindent = 4\nencoding = gbk\n");
    tmp_text(&cli, "[txt]\n; the -c file\nwidth = 70\nindent = 6\n");
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);

    cr_assert_eq(config_load_file(&c, env.path, &d), CONFIG_OK);     /* DOSSIER_CONFIG */
    cr_assert_str_eq(value_of(&c, "txt", "width", test_txt), "60");
    cr_assert_eq(config_load_file(&c, cli.path, &d), CONFIG_OK);     /* -c FILE */
    cr_assert_eq(config_set_arg(&c, "txt.width=90", &d), CONFIG_OK); /* --set */
    cr_assert_eq(d.count, 0);

    cr_assert_str_eq(value_of(&c, "txt", "width", test_txt), "90", "--set beats both files");
    cr_assert_str_eq(value_of(&c, "txt", "indent", test_txt), "6", "-c beats DOSSIER_CONFIG");
    cr_assert_str_eq(value_of(&c, "txt", "encoding", test_txt), "gbk",
                     "DOSSIER_CONFIG beats the default");
    cr_assert_str_eq(value_of(&c, "txt", "line_ending", test_txt), "lf", "default");
    cr_assert_str_eq(value_of(&c, "txt", "table", test_txt), "key", "default");

    /* Each value remembers where it came from. */
    const config_entry *w = config_find(&c, "txt", "width");
    cr_assert_str_eq(w->origin, "--set");
    cr_assert_eq(w->line, 0);
    const config_entry *in = config_find(&c, "txt", "indent");
    cr_assert_str_eq(in->origin, cli.path);
    cr_assert_eq(in->line, 4);
    const config_entry *en = config_find(&c, "txt", "encoding");
    cr_assert_str_eq(en->origin, env.path);
    cr_assert_eq(en->line, 4);
    cr_assert_eq(c.count, 3, "a replaced value is not stored twice");

    /* A later --set replaces an earlier one. */
    cr_assert_eq(config_set_arg(&c, "txt.width=100", &d), CONFIG_OK);
    cr_assert_str_eq(value_of(&c, "txt", "width", test_txt), "100");
    cr_assert_eq(c.count, 3);

    cr_assert(config_validate(&c, schemas, 2, &d));
    cr_assert_eq(d.count, 0);
    config_free(&c);
    diag_free(&d);
    tmp_remove(&env);
    tmp_remove(&cli);
}

Test(config, set_arg_value_may_hold_dots_and_equals)
{
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    cr_assert_eq(config_set_arg(&c, "core.output_dir=out/a.b=c", &d), CONFIG_OK);
    cr_assert_str_eq(value_of(&c, "core", "output_dir", config_core_options), "out/a.b=c");
    cr_assert_eq(config_set_arg(&c, "core.plugin_dir=", &d), CONFIG_OK);
    cr_assert_str_eq(value_of(&c, "core", "plugin_dir", config_core_options), "");
    cr_assert_eq(d.count, 0);
    config_free(&c);
    diag_free(&d);
}

Test(config, later_key_in_one_file_wins_with_its_line)
{
    tmpfile_ t;
    tmp_text(&t, "[txt]\nwidth = 30\nwidth = 40\n");
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    cr_assert_eq(config_load_file(&c, t.path, &d), CONFIG_OK);
    const config_entry *e = config_find(&c, "txt", "width");
    cr_assert_not_null(e);
    cr_assert_str_eq(e->value, "40");
    cr_assert_eq(e->line, 3);
    config_free(&c);
    diag_free(&d);
    tmp_remove(&t);
}

Test(config, keys_and_sections_are_case_insensitive)
{
    tmpfile_ t;
    tmp_text(&t, "[TXT]\nWidth = 70\nLINE_ENDING = CRLF\n");
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    cr_assert_eq(config_load_file(&c, t.path, &d), CONFIG_OK);
    cr_assert_str_eq(value_of(&c, "txt", "width", test_txt), "70");
    cr_assert_str_eq(value_of(&c, "Txt", "WIDTH", test_txt), "70");
    const config_entry *e = config_find(&c, "txt", "width");
    cr_assert_str_eq(e->section, "txt", "stored lower-case");
    cr_assert_str_eq(e->key, "width", "stored lower-case");
    cr_assert_eq(e->line, 2, "the line is found despite the case difference");

    /* --set with another case replaces the same entry. */
    cr_assert_eq(config_set_arg(&c, "Txt.WIDTH=90", &d), CONFIG_OK);
    cr_assert_eq(c.count, 2);
    cr_assert_str_eq(value_of(&c, "txt", "width", test_txt), "90");

    /* Choice values compare without case too. */
    cr_assert(config_validate(&c, schemas, 2, &d));
    cr_assert_eq(d.count, 0);
    config_free(&c);
    diag_free(&d);
    tmp_remove(&t);
}

/* ---- validation --------------------------------------------------------------------- */

Test(config, unknown_key_warns_with_file_line_and_accepted_keys)
{
    tmpfile_ t;
    diag_list d;
    diag_init(&d);
    config_status st;
    bool ok = load_and_validate("[txt]\nwidth = 72\n\nwidht = 70\n", &t, &d, &st);
    cr_assert_eq(st, CONFIG_OK);
    cr_assert(ok, "an unknown key is a warning, not an error");
    cr_assert_eq(d.errors, 0);
    cr_assert_eq(d.warnings, 1);
    char at[256];
    snprintf(at, sizeof at, "%s:4: warning:", t.path);
    assert_diag(&d, at, "\"widht\"", "accepted keys: width, indent, line_ending, encoding, "
                                      "table, bom, ratio");
    diag_free(&d);
    tmp_remove(&t);
}

Test(config, unknown_section_warns)
{
    tmpfile_ t;
    diag_list d;
    diag_init(&d);
    config_status st;
    bool ok = load_and_validate("[txt]\nwidth = 72\n[pdf]\npaper = a4\n", &t, &d, &st);
    cr_assert_eq(st, CONFIG_OK);
    cr_assert(ok);
    cr_assert_eq(d.errors, 0);
    cr_assert_eq(d.warnings, 1);
    char at[256];
    snprintf(at, sizeof at, "%s:4: warning:", t.path);
    assert_diag(&d, at, "unknown section [pdf]", "paper");
    diag_free(&d);
    tmp_remove(&t);
}

/* One bad value: an error naming file:line, section, key, value and the reason. */
static void expect_bad_value(const char *ini, int line, const char *key, const char *value,
                             const char *why)
{
    tmpfile_ t;
    diag_list d;
    diag_init(&d);
    config_status st;
    bool ok = load_and_validate(ini, &t, &d, &st);
    cr_assert_eq(st, CONFIG_OK, "the file itself is well-formed");
    cr_assert_not(ok, "%s = %s is invalid", key, value);
    cr_assert_eq(d.errors, 1);
    char at[256], kv[128];
    snprintf(at, sizeof at, "%s:%d: error:", t.path, line);
    snprintf(kv, sizeof kv, "[txt] %s = \"%s\"", key, value);
    assert_diag(&d, at, kv, why);
    diag_free(&d);
    tmp_remove(&t);
}

Test(config, int_values_are_checked)
{
    expect_bad_value("[txt]\nwidth = abc\n", 2, "width", "abc",
                     "not an integer (accepted: 20 to 1000)");
    expect_bad_value("[txt]\n\nwidth = 5\n", 3, "width", "5", "out of range (accepted: 20 to 1000)");
    expect_bad_value("[txt]\nwidth = 1001\n", 2, "width", "1001", "20 to 1000");
    expect_bad_value("[txt]\nwidth = 72.5\n", 2, "width", "72.5", "not an integer");
    expect_bad_value("[txt]\nwidth = 99999999999999999999999\n", 2, "width",
                     "99999999999999999999999", "not an integer");
    expect_bad_value("[txt]\nindent = -1\n", 2, "indent", "-1", "0 to 8");

    /* The bounds themselves are accepted. */
    tmpfile_ t;
    diag_list d;
    diag_init(&d);
    config_status st;
    cr_assert(load_and_validate("[txt]\nwidth = 20\nindent = 8\n", &t, &d, &st));
    tmp_remove(&t);
    cr_assert(load_and_validate("[txt]\nwidth = 1000\nindent = 0\n", &t, &d, &st));
    tmp_remove(&t);
    cr_assert_eq(d.count, 0);
    diag_free(&d);
}

Test(config, choice_values_are_checked)
{
    expect_bad_value("[txt]\nline_ending = cr\n", 2, "line_ending", "cr",
                     "not an accepted value (accepted: lf|crlf)");
    expect_bad_value("[txt]\nencoding = utf8\n", 2, "encoding", "utf8", "utf-8|gb18030|gbk");
    /* A prefix of an accepted value is not accepted. */
    expect_bad_value("[txt]\ntable = ke\n", 2, "table", "ke", "key|all|none");
    expect_bad_value("[txt]\ntable = keys\n", 2, "table", "keys", "key|all|none");
}

Test(config, bool_values_are_checked)
{
    expect_bad_value("[txt]\nbom = maybe\n", 2, "bom", "maybe", "not a boolean");
    const char *yes[] = {"true", "Yes", "ON", "1"}, *no[] = {"false", "no", "Off", "0"};
    for (size_t i = 0; i < 4; i++) {
        int v = -1;
        cr_assert(config_parse_bool(yes[i], &v), "%s", yes[i]);
        cr_assert_eq(v, 1, "%s", yes[i]);
        cr_assert(config_parse_bool(no[i], &v), "%s", no[i]);
        cr_assert_eq(v, 0, "%s", no[i]);
    }
    int v;
    cr_assert_not(config_parse_bool("", &v));
    cr_assert_not(config_parse_bool("2", &v));
    cr_assert_not(config_parse_bool("yess", &v));
}

Test(config, number_values_are_checked)
{
    expect_bad_value("[txt]\nratio = 3\n", 2, "ratio", "3", "out of range (accepted: 0.5 to 2)");
    expect_bad_value("[txt]\nratio = nan\n", 2, "ratio", "nan", "not a number");
    expect_bad_value("[txt]\nratio = inf\n", 2, "ratio", "inf", "not a number");
    expect_bad_value("[txt]\nratio = 1.0x\n", 2, "ratio", "1.0x", "not a number");
    double out = 0;
    char why[128];
    cr_assert(config_parse_number(&test_txt[6], "0.75", &out, why, sizeof why));
    cr_assert_float_eq(out, 0.75, 1e-12);
}

Test(config, set_arg_values_are_validated_without_a_line)
{
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    cr_assert_eq(config_set_arg(&c, "txt.width=5", &d), CONFIG_OK);
    cr_assert_not(config_validate(&c, schemas, 2, &d));
    assert_diag(&d, "--set: error: [txt] width = \"5\"", "20 to 1000", NULL);
    config_free(&c);
    diag_free(&d);
}

Test(config, set_arg_malformed)
{
    const char *bad[] = {"txt.width", "=3", ".x=1", "txt.=1", "txtwidth=3", "a=b.c", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        config c;
        config_init(&c);
        diag_list d;
        diag_init(&d);
        cr_assert_eq(config_set_arg(&c, bad[i], &d), CONFIG_INVALID, "\"%s\"", bad[i]);
        cr_assert_eq(c.count, 0, "\"%s\" adds nothing", bad[i]);
        cr_assert_eq(d.errors, 1);
        char want[64];
        snprintf(want, sizeof want, "--set %s: error:", bad[i]);
        assert_diag(&d, want, "expected SECTION.KEY=VALUE", NULL);
        config_free(&c);
        diag_free(&d);
    }

    /* Names longer than the buffers are refused, not truncated. */
    char arg[400];
    memset(arg, 'a', 300);
    memcpy(arg + 300, ".width=1", 9);
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    cr_assert_eq(config_set_arg(&c, arg, &d), CONFIG_INVALID);
    cr_assert_eq(c.count, 0);
    assert_diag(&d, "too long", NULL, NULL);
    config_free(&c);
    diag_free(&d);
}

/* ---- bad files ---------------------------------------------------------------------- */

Test(config, missing_file_is_unreadable)
{
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    const char *path = "/nonexistent/dossier/none.ini";
    cr_assert_eq(config_load_file(&c, path, &d), CONFIG_UNREADABLE);
    cr_assert_eq(c.count, 0);
    cr_assert_eq(d.errors, 1);
    assert_diag(&d, "/nonexistent/dossier/none.ini: error: cannot open configuration file", NULL,
                NULL);
    config_free(&c);
    diag_free(&d);
}

Test(config, syntax_error_is_invalid_and_adds_nothing)
{
    tmpfile_ t;
    tmp_text(&t, "[txt]\nwidth = 72\nthis line has no equals sign\n");
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    cr_assert_eq(config_load_file(&c, t.path, &d), CONFIG_INVALID);
    cr_assert_eq(c.count, 0, "a malformed file adds nothing, not even its valid keys");
    cr_assert_eq(d.errors, 1);
    char want[256];
    snprintf(want, sizeof want, "%s:3: error: not a valid INI file", t.path);
    assert_diag(&d, want, "syntax error", "\"this line has no equals sign\"");
    cr_assert_null(strchr(d.items[0].text, '\n'), "one line");
    config_free(&c);
    diag_free(&d);
    tmp_remove(&t);
}

Test(config, key_before_any_section_is_an_error)
{
    tmpfile_ t;
    tmp_text(&t, "width = 72\n[txt]\nindent = 2\n");
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    cr_assert_eq(config_load_file(&c, t.path, &d), CONFIG_INVALID);
    char want[256];
    snprintf(want, sizeof want, "%s:1: error: key \"width\" is outside any [section]", t.path);
    assert_diag(&d, want, NULL, NULL);
    cr_assert_null(config_find(&c, "txt", "width"));
    /* A malformed file adds nothing, not even its valid keys. */
    cr_assert_null(config_find(&c, "txt", "indent"));
    cr_assert_eq(c.count, 0);
    config_free(&c);
    diag_free(&d);
    tmp_remove(&t);
}

Test(config, very_long_line_is_a_clean_error)
{
    size_t n = 10000;
    char *text = malloc(n + 32);
    cr_assert_not_null(text);
    strcpy(text, "[txt]\nwidth = ");
    size_t used = strlen(text);
    memset(text + used, '7', n);
    strcpy(text + used + n, "\nindent = 2\n");
    tmpfile_ t;
    tmp_text(&t, text);
    free(text);

    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    config_status st = config_load_file(&c, t.path, &d);
    cr_assert_eq(st, CONFIG_INVALID);
    cr_assert_eq(c.count, 0);
    cr_assert_eq(d.errors, 1);
    assert_diag(&d, t.path, "error:", "too long");
    config_free(&c);
    diag_free(&d);
    tmp_remove(&t);
}

/* A small deterministic generator, so a failure can be reproduced. */
static unsigned next_rand(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 16;
}

Test(config, binary_garbage_is_handled_cleanly)
{
    for (unsigned seed = 1; seed <= 20; seed++) {
        unsigned s = seed;
        unsigned char bytes[3000];
        for (size_t i = 0; i < sizeof bytes; i++)
            bytes[i] = (unsigned char)next_rand(&s);
        bytes[17] = 0;
        bytes[100] = '\n';
        bytes[101] = '[';
        bytes[500] = '=';
        bytes[501] = 0;
        tmpfile_ t;
        tmp_write(&t, bytes, sizeof bytes);
        config c;
        config_init(&c);
        diag_list d;
        diag_init(&d);
        config_status st = config_load_file(&c, t.path, &d);
        if (st == CONFIG_OK) {
            (void)config_validate(&c, schemas, 2, &d);
        } else {
            cr_assert_eq(st, CONFIG_INVALID, "seed %u", seed);
            cr_assert_eq(c.count, 0, "seed %u: nothing added", seed);
            cr_assert_geq(d.errors, 1, "seed %u", seed);
            cr_assert_not_null(find_diag(&d, t.path, "error:", NULL), "seed %u", seed);
        }
        config_free(&c);
        diag_free(&d);
        tmp_remove(&t);
    }

    /* Text with NUL bytes inside a line. */
    static const char nul[] = "[txt]\nwidth = 7\0002\nindent\0 = 2\n";
    tmpfile_ t;
    tmp_write(&t, nul, sizeof nul - 1);
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    config_status st = config_load_file(&c, t.path, &d);
    cr_assert(st == CONFIG_OK || st == CONFIG_INVALID);
    if (st == CONFIG_INVALID)
        cr_assert_not_null(find_diag(&d, t.path, "error:", NULL));
    config_free(&c);
    diag_free(&d);
    tmp_remove(&t);
}

/* ---- the shipped configuration ------------------------------------------------------ */

static void expect_section_defaults(const config *c, const char *section,
                                    const dossier_option *opts)
{
    for (const dossier_option *o = opts; o->key; o++) {
        const config_entry *e = config_find(c, section, o->key);
        cr_assert_not_null(e, "config/dossier.ini shows [%s] %s", section, o->key);
        cr_assert_str_eq(e->value, o->default_value, "[%s] %s in config/dossier.ini", section,
                         o->key);
        cr_assert_gt(e->line, 0, "[%s] %s has a line", section, o->key);
    }
}

/* The shipped file's [core], [brief] and [txt] sections, copied to a temporary file: the sections of the
 * other plugins are checked against the real plugins by tests/check_default_config.py. */
static void core_and_txt_sections(char *path, size_t cap)
{
    FILE *f = fopen(SOURCE_DIR "/config/dossier.ini", "rb");
    cr_assert_not_null(f);
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    for (char *at = text; (at = strstr(at, "\n[")); at++)
        if (strncmp(at, "\n[core]", 7) != 0 && strncmp(at, "\n[txt]", 6) != 0 &&
            strncmp(at, "\n[brief]", 8) != 0) {
            at[1] = '\0';
            break;
        }
    snprintf(path, cap, "/tmp/dossier-ini-XXXXXX");
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

Test(config, shipped_file_shows_the_defaults)
{
    char path[64];
    core_and_txt_sections(path, sizeof path);
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    cr_assert_eq(config_load_file(&c, path, &d), CONFIG_OK);
    const config_section_schema shipped[] = {
        {"core", config_core_options},
        {"brief", brief_options},
        {"txt", txt_plugin_options},
    };
    cr_assert(config_validate(&c, shipped, 3, &d));
    /* [brief] restates every key commented out at its default (a set key would hide the same
       key of a template file), so it sets nothing */
    FILE *raw = fopen(SOURCE_DIR "/config/dossier.ini", "rb");
    cr_assert_not_null(raw);
    static char text[1 << 16];
    text[fread(text, 1, sizeof text - 1, raw)] = '\0';
    fclose(raw);
    for (const dossier_option *o = brief_options; o->key; o++) {
        char line[256];
        snprintf(line, sizeof line, "\n;%s =%s%s\n", o->key, *o->default_value ? " " : "",
                 o->default_value);
        cr_assert(strstr(text, line), "config/dossier.ini shows [brief] %s = %s commented out",
                  o->key, o->default_value);
        cr_assert_null(config_find(&c, "brief", o->key));
    }
    if (d.count)
        dump(&d);
    cr_assert_eq(d.count, 0, "no errors and no unknown keys");

    expect_section_defaults(&c, "core", config_core_options);
    expect_section_defaults(&c, "txt", txt_plugin_options);

    /* It sets nothing else: every entry is one of the declared keys checked above. */
    size_t declared = 0;
    for (const dossier_option *o = config_core_options; o->key; o++)
        declared++;
    for (const dossier_option *o = txt_plugin_options; o->key; o++)
        declared++;
    cr_assert_eq(c.count, declared);

    /* And so it changes nothing: every value equals what config_value gives without it. */
    config empty;
    config_init(&empty);
    for (const dossier_option *o = config_core_options; o->key; o++)
        cr_assert_str_eq(config_value(&c, "core", o), config_value(&empty, "core", o));
    for (const dossier_option *o = txt_plugin_options; o->key; o++)
        cr_assert_str_eq(config_value(&c, "txt", o), config_value(&empty, "txt", o));
    config_free(&empty);
    config_free(&c);
    diag_free(&d);
    unlink(path);
}

/* Guards the copy above: txt_plugin.c still declares each key with that type and default. */
Test(config, txt_defaults_copy_matches_the_plugin_source)
{
    FILE *f = fopen(SOURCE_DIR "/plugins/txt/txt_plugin.c", "rb");
    cr_assert_not_null(f);
    static char src[1 << 16];
    size_t n = fread(src, 1, sizeof src - 1, f);
    fclose(f);
    src[n] = '\0';
    static const char *const type_names[] = {"DOSSIER_OPT_STRING", "DOSSIER_OPT_INT",
                                              "DOSSIER_OPT_BOOL", "DOSSIER_OPT_CHOICE",
                                              "DOSSIER_OPT_NUMBER"};
    for (const dossier_option *o = txt_plugin_options; o->key; o++) {
        char decl[128];
        snprintf(decl, sizeof decl, "{\"%s\", %s, \"%s\"", o->key, type_names[o->type],
                 o->default_value);
        cr_assert_not_null(strstr(src, decl), "txt_plugin.c declares %s", decl);
    }
}

Test(config, core_option_defaults_are_valid)
{
    char why[256] = "";
    for (const dossier_option *o = config_core_options; o->key; o++)
        cr_assert(config_check_value(o, o->default_value, why, sizeof why), "[core] %s: %s",
                  o->key, why);
    for (const dossier_option *o = txt_plugin_options; o->key; o++)
        cr_assert(config_check_value(o, o->default_value, why, sizeof why), "[txt] %s: %s",
                  o->key, why);
}
