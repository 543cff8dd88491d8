/* test_cli.c — the `dossier` program end to end: commands, exit codes, outputs written
 * atomically, failing plugins, configuration precedence, and the txt output's line widths. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utf8proc.h>

#include "profile.h"

#include "cli_harness.h"

static void setup(void)
{
    harness_setup("cli");
}

TestSuite(cli, .init = setup, .fini = harness_teardown);

/* Runs `dossier ARGS` (a shell fragment) in the work dir with env prefix ENV; returns the exit
 * status and leaves stdout/stderr in out_text/err_text. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

/* Names in dir that start with '.' other than . and .. (temporary outputs). */
static int hidden_files(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    if (d)
        closedir(d);
    return n;
}

static size_t display_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        cr_assert_gt(n, 0, "invalid UTF-8 in output");
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        i += (size_t)n;
    }
    return w;
}

#define HAIDIAN SOURCE_DIR "/data/haidian.json"
#define QINGXI TEST_DATA_DIR "/good/qingxi.json"

Test(cli, help_and_version)
{
    cr_assert_eq(harness_run(NULL, "--help"), 0);
    cr_assert(strstr(out_text, "Exit status:"));
    cr_assert(strstr(out_text, "dossier export"));
    cr_assert_eq(harness_run(NULL, "--version"), 0);
    cr_assert(strstr(out_text, "dossier "));
}

Test(cli, usage_errors_exit_2)
{
    cr_assert_eq(harness_run(NULL, ""), 2);
    cr_assert_eq(harness_run(NULL, "frobnicate"), 2);
    cr_assert(strstr(err_text, "unknown command 'frobnicate'"));
    cr_assert_eq(harness_run(NULL, "export --no-such-option " HAIDIAN), 2);
    cr_assert_eq(harness_run(NULL, "export"), 2);
    cr_assert(strstr(err_text, "no PROFILE"));
}

Test(cli, exports_every_format_into_out)
{
    cr_assert_eq(harness_run(NULL, "export " HAIDIAN " " QINGXI), 0, "%s", err_text);
    char path[256];
    size_t len;
    snprintf(path, sizeof path, "%s/out/haidian.txt", work);
    char *txt = read_file(path, &len);
    cr_assert_not_null(txt, "out/haidian.txt missing");
    cr_assert(strstr(txt, "7926.0亿元"));
    cr_assert(strstr(txt, "海淀区"));
    free(txt);
    snprintf(path, sizeof path, "%s/out/qingxi.txt", work);
    cr_assert_eq(access(path, F_OK), 0);
    cr_assert(strstr(out_text, "wrote out/haidian.txt"));
    snprintf(path, sizeof path, "%s/out", work);
    cr_assert_eq(hidden_files(path), 0);
}

Test(cli, validate_reports_data_and_input_errors)
{
    cr_assert_eq(harness_run(NULL, "validate " HAIDIAN), 0);
    cr_assert(strstr(out_text, "ok"));
    char bad[256];
    snprintf(bad, sizeof bad, "%s/bad.json", work);
    write_file(bad, "{\"format\": 1, \"id\": \"x\"}");
    cr_assert_eq(harness_run(NULL, "validate bad.json"), 3);
    cr_assert(strstr(err_text, "bad.json: name: error: missing required field"));
    cr_assert_eq(harness_run(NULL, "validate does-not-exist.json"), 4);
    cr_assert(strstr(err_text, "does-not-exist.json: error: cannot open"));
}

Test(cli, validate_traces_figures_and_warns_about_unlike_periods)
{
    /* every Haidian figure is found in data/sources; its GDP series mixes a half year with
     * years, which validate points out */
    cr_assert_eq(harness_run(NULL, "validate --sources " SOURCE_DIR "/data/sources " HAIDIAN), 0);
    cr_assert(strstr(err_text, "haidian.json: series \"gdp\": warning: mixes unlike periods: "
                               "2016年（年度）、2019年（年度）、2020年上半年（半年）; only like "
                               "periods are compared, and the charts drawing it (charts[0]) mark "
                               "the unlike points"), "%s", err_text);
    cr_assert_null(strstr(err_text, "cannot trace"), "%s", err_text);

    /* a damaged copy: one figure changed, one quote not in the text, one source moved away */
    size_t text_len;
    char *text = read_file(HAIDIAN, &text_len);
    cr_assert_not_null(text);
    char *at = strstr(text, "\"value\": 7926.0");
    cr_assert_not_null(at);
    memcpy(at, "\"value\": 7962.0", strlen("\"value\": 7962.0"));
    at = strstr(text, "\"id\": \"gdp_2019_growth\",");
    cr_assert_not_null(at);
    const char *quote = "\"id\": \"gdp_2019_growth\", \"quote\": \"全区GDP增长7.0%\",";
    size_t len = strlen(text) + strlen(quote) + 1;
    char *damaged = malloc(len);
    snprintf(damaged, len, "%.*s%s%s", (int)(at - text), text, quote,
             at + strlen("\"id\": \"gdp_2019_growth\","));
    char path[512];
    snprintf(path, sizeof path, "%s/damaged.json", work);
    write_file(path, damaged);
    cr_assert_eq(harness_run(NULL, "validate --sources " SOURCE_DIR "/data/sources damaged.json"),
                 3);
    cr_assert(strstr(err_text, "damaged.json: indicators[4] (gdp_2019): warning: cannot trace "
                               "\"7962.0亿元\" in " SOURCE_DIR "/data/sources/"
                               "000_030fefaba4a1df5d.txt: not in the source text"), "%s", err_text);
    cr_assert(strstr(err_text, "(gdp_2019_growth): warning: cannot trace \"7.0%\" in"));
    cr_assert(strstr(err_text, "its quote is not in the source text"));
    cr_assert(strstr(err_text, "damaged.json: 2 of 94 figures not traced to their source"),
              "%s", err_text);
    cr_assert_eq(harness_run(NULL, "validate --sources /nonexistent damaged.json"), 3);
    cr_assert(strstr(err_text, "cannot read /nonexistent/000_030fefaba4a1df5d.txt"));
    free(damaged);
    free(text);
}

Test(cli, unknown_format_exits_8)
{
    cr_assert_eq(harness_run(NULL, "export -f nosuch " HAIDIAN), 8);
    cr_assert(strstr(err_text, "no plugin for format \"nosuch\""));
    cr_assert(strstr(err_text, "txt"));
}

Test(cli, unwritable_output_exits_5)
{
    cr_assert_eq(harness_run(NULL, "export -f txt -o /dev/null/sub " HAIDIAN), 5);
    cr_assert(strstr(err_text, "/dev/null/sub"));
}

Test(cli, failing_plugin_leaves_nothing_and_other_formats_are_written)
{
    char args[1024];
    snprintf(args, sizeof args, "export -f txt,failing --plugin-dir %s/tp_fails_export %s",
             TEST_PLUGIN_DIR, HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 6);
    cr_assert(strstr(err_text, "failing export failed"), "%s", err_text);
    cr_assert(strstr(err_text, "deliberate failure for haidian"));
    char path[256];
    snprintf(path, sizeof path, "%s/out/haidian.txt", work);
    cr_assert_eq(access(path, F_OK), 0, "the txt output must still be written");
    snprintf(path, sizeof path, "%s/out/haidian.fail", work);
    cr_assert_neq(access(path, F_OK), 0, "no output for the failing format");
    snprintf(path, sizeof path, "%s/out", work);
    cr_assert_eq(hidden_files(path), 0, "temporary files left behind");
}

Test(cli, half_written_output_keeps_the_older_file)
{
    char path[256], args[1024];
    snprintf(path, sizeof path, "%s/out", work);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/out/qingxi.half", work);
    write_file(path, "GOOD OLD OUTPUT\n");
    snprintf(args, sizeof args, "export -f halfwrite --plugin-dir %s/tp_half_write %s",
             TEST_PLUGIN_DIR, QINGXI);
    /* the plugin reports an input/output error: an output problem, exit 5 */
    cr_assert_eq(harness_run(NULL, args), 5);
    cr_assert(strstr(err_text, "simulated"));
    size_t len;
    char *text = read_file(path, &len);
    cr_assert_str_eq(text, "GOOD OLD OUTPUT\n");
    free(text);
    snprintf(path, sizeof path, "%s/out", work);
    cr_assert_eq(hidden_files(path), 0);
}

Test(cli, broken_plugins_are_skipped_with_a_warning)
{
    char args[1024];
    snprintf(args, sizeof args,
             "plugins --plugin-dir %s/tp_wrong_major --plugin-dir %s/tp_no_symbol",
             TEST_PLUGIN_DIR, TEST_PLUGIN_DIR);
    cr_assert_eq(harness_run(NULL, args), 0);
    cr_assert(strstr(err_text, "tp_wrong_major.so: warning: plugin skipped"));
    cr_assert(strstr(err_text, "tp_no_symbol.so: warning: plugin skipped"));
    cr_assert(strstr(out_text, "txt"), "the good plugin is still listed");
}

Test(cli, plugin_path_from_environment)
{
    char env[1024];
    snprintf(env, sizeof env, "DOSSIER_PLUGIN_PATH=%s/tp_fails_export", TEST_PLUGIN_DIR);
    cr_assert_eq(harness_run(env, "plugins"), 0);
    cr_assert(strstr(out_text, "failing"));
    cr_assert(strstr(out_text, "tp_fails_export.so"));
}

/* Max display width of the lines of a file. */
static size_t max_line_width(const char *path)
{
    size_t len, max = 0;
    char *text = read_file(path, &len);
    cr_assert_not_null(text);
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        size_t w = display_width(line, n);
        if (w > max)
            max = w;
        line += n + (nl ? 1 : 0);
    }
    free(text);
    return max;
}

Test(cli, config_precedence_set_over_file_over_environment)
{
    char env_ini[256], c_ini[256], env[300], path[256];
    snprintf(env_ini, sizeof env_ini, "%s/env.ini", work);
    snprintf(c_ini, sizeof c_ini, "%s/c.ini", work);
    write_file(env_ini, "[txt]\nwidth = 40\n[core]\noutput_dir = from-env\n");
    write_file(c_ini, "[txt]\nwidth = 50\n");
    snprintf(env, sizeof env, "DOSSIER_CONFIG=%s", env_ini);
    snprintf(path, sizeof path, "%s/from-env/haidian.txt", work);

    cr_assert_eq(harness_run(env, "export -f txt " HAIDIAN), 0, "%s", err_text);
    cr_assert_leq(max_line_width(path), 40);
    cr_assert_geq(max_line_width(path), 36);

    cr_assert_eq(harness_run(env, "export -f txt -c c.ini " HAIDIAN), 0, "%s", err_text);
    cr_assert_leq(max_line_width(path), 50);
    cr_assert_geq(max_line_width(path), 46);

    cr_assert_eq(harness_run(env, "export -f txt -c c.ini --set txt.width=30 " HAIDIAN), 0);
    cr_assert_leq(max_line_width(path), 30);
    cr_assert_geq(max_line_width(path), 26);
}

Test(cli, bad_config_value_exits_7_naming_file_line_and_range)
{
    char ini[256];
    snprintf(ini, sizeof ini, "%s/bad.ini", work);
    write_file(ini, "; comment\n[txt]\nwidth = abc\n");
    cr_assert_eq(harness_run(NULL, "export -f txt -c bad.ini " HAIDIAN), 7);
    cr_assert(strstr(err_text, "bad.ini:3: error: [txt] width = \"abc\""), "%s", err_text);
    cr_assert(strstr(err_text, "20 to 1000"));
    cr_assert_eq(harness_run(NULL, "export -f txt --set txt.width=5 " HAIDIAN), 7);
    cr_assert(strstr(err_text, "out of range (accepted: 20 to 1000)"));
    char path[256];
    snprintf(path, sizeof path, "%s/out/haidian.txt", work);
    cr_assert_neq(access(path, F_OK), 0, "nothing is exported with a bad configuration");
}

Test(cli, unknown_config_key_is_a_warning)
{
    char ini[256];
    snprintf(ini, sizeof ini, "%s/typo.ini", work);
    write_file(ini, "[txt]\nwidht = 60\n");
    cr_assert_eq(harness_run(NULL, "export -f txt -c typo.ini " HAIDIAN), 0);
    cr_assert(strstr(err_text, "typo.ini:2: warning: unknown key \"widht\" in [txt]"), "%s",
              err_text);
    cr_assert(strstr(err_text, "accepted keys: width"));
}

Test(cli, missing_config_file_exits_4)
{
    cr_assert_eq(harness_run(NULL, "export -c nope.ini " HAIDIAN), 4);
    cr_assert(strstr(err_text, "nope.ini: error: cannot open configuration file"));
}

Test(cli, duplicate_profile_ids_write_nothing)
{
    cr_assert_eq(harness_run(NULL, "export -f txt " HAIDIAN " " HAIDIAN), 3);
    cr_assert(strstr(err_text, "profile id \"haidian\" is also the id of"));
    char path[256];
    snprintf(path, sizeof path, "%s/out/haidian.txt", work);
    cr_assert_neq(access(path, F_OK), 0);
}

static size_t sections_checked;

static void assert_sections_present(const char *joined, const dossier_section *const *secs,
                                    size_t n, int width)
{
    for (size_t s = 0; s < n; s++) {
        const dossier_section *sec = secs[s];
        cr_assert(strstr(joined, sec->title), "width %d: heading lost: %s", width, sec->title);
        for (size_t i = 0; i < sec->n_paragraphs; i++)
            cr_assert(strstr(joined, sec->paragraphs[i]), "width %d: paragraph lost: %.60s",
                      width, sec->paragraphs[i]);
        sections_checked++;
        assert_sections_present(joined, sec->children, sec->n_children, width);
    }
}

Test(cli, txt_lines_fit_the_width_and_keep_every_paragraph)
{
    dossier_profile *p;
    diag_list d;
    diag_init(&d);
    cr_assert_eq(profile_load(HAIDIAN, 1 << 26, &p, &d), PROFILE_OK);
    diag_free(&d);
    static const int widths[] = {20, 33, 40, 64, 80, 120};
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        char args[512], path[256];
        snprintf(args, sizeof args, "export -f txt --set txt.width=%d --set txt.table=all %s",
                 widths[w], HAIDIAN);
        cr_assert_eq(harness_run(NULL, args), 0, "%s", err_text);
        snprintf(path, sizeof path, "%s/out/haidian.txt", work);
        cr_assert_leq(max_line_width(path), (size_t)widths[w]);
        /* Joining the lines (and dropping the indent) gives back every paragraph. */
        size_t len = 0;
        char *text = read_file(path, &len);
        char *joined = malloc(len + 1);
        size_t o = 0;
        for (size_t i = 0; i < len; i++) {
            if (text[i] == '\n')
                continue;
            if (i + 2 < len && memcmp(text + i, "\xE3\x80\x80", 3) == 0) {
                i += 2;
                continue;
            }
            joined[o++] = text[i];
        }
        joined[o] = '\0';
        for (size_t k = 0; k < p->n_documents; k++) {
            const dossier_document *doc = p->documents[k];
            for (size_t i = 0; i < doc->n_paragraphs; i++)
                cr_assert(strstr(joined, doc->paragraphs[i]), "width %d: paragraph lost: %.60s",
                          widths[w], doc->paragraphs[i]);
            assert_sections_present(joined, doc->sections, doc->n_sections, widths[w]);
        }
        free(joined);
        free(text);
    }
    cr_assert_gt(sections_checked, 40);
    profile_free(p);
}

Test(cli, output_is_reproducible_and_crlf_and_gb18030_work)
{
    char path[256];
    size_t a_len = 0, b_len = 0;
    snprintf(path, sizeof path, "%s/out/haidian.txt", work);
    cr_assert_eq(harness_run(NULL, "export -f txt " HAIDIAN), 0);
    char *a = read_file(path, &a_len);
    cr_assert_eq(harness_run(NULL, "export -f txt " HAIDIAN), 0);
    char *b = read_file(path, &b_len);
    cr_assert(a_len == b_len && memcmp(a, b, a_len) == 0, "two runs differ");
    free(b);
    cr_assert_eq(harness_run(NULL, "export -f txt --set txt.line_ending=crlf " HAIDIAN), 0);
    b = read_file(path, &b_len);
    size_t lf = 0, crlf = 0;
    for (size_t i = 0; i < b_len; i++)
        if (b[i] == '\n') {
            lf++;
            crlf += i > 0 && b[i - 1] == '\r';
        }
    cr_assert_gt(lf, 10);
    cr_assert_eq(lf, crlf);
    free(b);
    cr_assert_eq(harness_run(NULL, "export -f txt --set txt.encoding=gb18030 " HAIDIAN), 0);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "iconv -f GB18030 -t UTF-8 '%s' > '%s/back.txt'", path, work);
    cr_assert_eq(system(cmd), 0);
    snprintf(path, sizeof path, "%s/back.txt", work);
    b = read_file(path, &b_len);
    cr_assert(a_len == b_len && memcmp(a, b, a_len) == 0, "GB18030 output does not convert back");
    free(a);
    free(b);
}

Test(cli, gbk_reports_the_character_it_cannot_encode)
{
    char prof[256];
    snprintf(prof, sizeof prof, "%s/emoji.json", work);
    size_t len;
    char *q = read_file(QINGXI, &len);
    cr_assert_not_null(q);
    /* Put an emoji (not in GBK) into the subtitle. */
    const char *key = "\"subtitle\": \"";
    char *at = strstr(q, key);
    cr_assert_not_null(at);
    at += strlen(key);
    FILE *f = fopen(prof, "wb");
    fwrite(q, 1, (size_t)(at - q), f);
    fputs("测试😀", f);
    fputs(at, f);
    fclose(f);
    free(q);
    cr_assert_eq(harness_run(NULL, "export -f txt --set txt.encoding=gbk emoji.json"), 6, "%s", err_text);
    cr_assert(strstr(err_text, "😀"), "%s", err_text);
    cr_assert(strstr(err_text, "cannot be encoded in gbk"));
}

/* ---- isolation: crashing, aborting and hanging plugins ------------------------------ */

static void plugin_args(char *buf, size_t cap, const char *formats, const char *plugin,
                        const char *extra, const char *profile)
{
    snprintf(buf, cap, "export -f %s --plugin-dir %s/%s %s %s", formats, TEST_PLUGIN_DIR, plugin,
             extra, profile);
}

static bool exists_in_work(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", work, rel);
    return access(path, F_OK) == 0;
}

Test(cli, crashing_plugin_fails_only_its_format)
{
    char args[1024];
    plugin_args(args, sizeof args, "txt,crash", "tp_crash", "", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 6, "%s", err_text);
    cr_assert(strstr(err_text, "crash export crashed (signal 11"), "%s", err_text);
    cr_assert(exists_in_work("out/haidian.txt"), "the other format is still written");
    cr_assert_not(exists_in_work("out/haidian.crash"));
    char dir[256];
    snprintf(dir, sizeof dir, "%s/out", work);
    cr_assert_eq(hidden_files(dir), 0, "temporary files left behind");
}

Test(cli, aborting_plugin_keeps_the_older_output_byte_for_byte)
{
    char path[256], args[1024];
    snprintf(path, sizeof path, "%s/out", work);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/out/haidian.abrt", work);
    write_file(path, "GOOD OLD OUTPUT\n");
    plugin_args(args, sizeof args, "txt,aborts", "tp_abort", "", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 6, "%s", err_text);
    cr_assert(strstr(err_text, "aborts export crashed (signal 6"), "%s", err_text);
    size_t len;
    char *text = read_file(path, &len);
    cr_assert_str_eq(text, "GOOD OLD OUTPUT\n");
    free(text);
    cr_assert(exists_in_work("out/haidian.txt"));
    snprintf(path, sizeof path, "%s/out", work);
    cr_assert_eq(hidden_files(path), 0);
}

Test(cli, hanging_plugin_is_stopped_after_the_timeout)
{
    char args[1024];
    plugin_args(args, sizeof args, "txt,hang", "tp_hang", "--set core.plugin_timeout=1",
                HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 6, "%s", err_text);
    cr_assert(strstr(err_text, "hang export timed out after 1 s"), "%s", err_text);
    cr_assert(exists_in_work("out/haidian.txt"));
    cr_assert_not(exists_in_work("out/haidian.hang"));
    char dir[256];
    snprintf(dir, sizeof dir, "%s/out", work);
    cr_assert_eq(hidden_files(dir), 0);
}

Test(cli, a_single_format_gets_the_timeout_too)
{
    char args[1024];
    plugin_args(args, sizeof args, "hang", "tp_hang", "--set core.plugin_timeout=1", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 6, "%s", err_text);
    cr_assert(strstr(err_text, "hang export timed out after 1 s"), "%s", err_text);
    cr_assert_not(exists_in_work("out/haidian.hang"));
}

Test(cli, all_formats_with_a_skipped_plugin_file_exits_8_and_writes_the_rest)
{
    char args[1024];
    plugin_args(args, sizeof args, "all", "tp_wrong_major", "", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 8, "%s", err_text);
    cr_assert(strstr(err_text, "tp_wrong_major.so: warning: plugin skipped"), "%s", err_text);
    cr_assert(strstr(err_text, "-f all: a format is missing"), "%s", err_text);
    cr_assert(exists_in_work("out/haidian.txt"), "the loaded formats are still written");
    /* naming the formats explicitly: nothing is missing */
    plugin_args(args, sizeof args, "txt", "tp_wrong_major", "", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 0, "%s", err_text);
}

Test(cli, a_plugin_with_larger_option_entries_is_read_with_its_stride)
{
    char args[1024];
    plugin_args(args, sizeof args, "grown", "tp_grown_option",
                "--set grown.level=5 --set grown.label=abc", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 0, "%s", err_text);
    char path[512], text[256] = "";
    snprintf(path, sizeof path, "%s/out/haidian.grown", work);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(text, sizeof text, f));
    fclose(f);
    cr_assert_str_eq(text, "level=5 label=abc brief=yes\n");
    plugin_args(args, sizeof args, "grown", "tp_grown_option", "--set grown.level=12", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 7, "range of the second entry's type: %s", err_text);
}

Test(cli, a_write_the_plugin_says_it_made_but_the_file_lacks_is_an_output_error)
{
    char args[1024], path[512];
    snprintf(path, sizeof path, "%s/out", work);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/out/haidian.lost", work);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("older", f);
    fclose(f);
    plugin_args(args, sizeof args, "lost", "tp_lost_write", "", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 5, "%s", err_text);
    cr_assert(strstr(err_text, "wrote 4106 bytes but the file holds 10"), "%s", err_text);
    char text[16] = "";
    f = fopen(path, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(text, sizeof text, f));
    fclose(f);
    cr_assert_str_eq(text, "older", "the earlier output is kept");
    snprintf(path, sizeof path, "%s/out", work);
    cr_assert_eq(hidden_files(path), 0);
}

/* One reading of SOURCE_DATE_EPOCH for every format (issue 15.9): garbage and times no format
 * can store are refused before anything runs; the last storable second works everywhere. */
Test(cli, source_date_epoch_is_read_once_and_refused_when_unusable)
{
    const char *bad[] = {"SOURCE_DATE_EPOCH=soon", "SOURCE_DATE_EPOCH=-1",
                         "SOURCE_DATE_EPOCH=253402300800", "SOURCE_DATE_EPOCH=12x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char args[512];
        snprintf(args, sizeof args, "export -f txt %s", HAIDIAN);
        cr_assert_eq(harness_run(bad[i], args), 7, "%s: %s", bad[i], err_text);
        cr_assert(strstr(err_text, "is not a number of seconds"), "%s", err_text);
        cr_assert_not(exists_in_work("out/haidian.txt"));
    }
    char args[512];
    snprintf(args, sizeof args, "export -f pdf,xlsx %s", HAIDIAN);
    cr_assert_eq(harness_run("SOURCE_DATE_EPOCH=253402300799", args), 0, "%s", err_text);
    char path[512];
    snprintf(path, sizeof path, "%s/out/haidian.pdf", work);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    static char pdf[1 << 21];
    size_t n = fread(pdf, 1, sizeof pdf, f);
    fclose(f);
    bool found = false;
    for (size_t i = 0; !found && i + 17 <= n; i++)
        found = memcmp(pdf + i, "D:99991231235959Z", 17) == 0;
    cr_assert(found, "the PDF's creation date is 9999-12-31T23:59:59Z");
}

Test(cli, the_report_never_overwrites_a_profile_or_an_output_of_the_run)
{
    char cmd[1024], copy[512];
    snprintf(copy, sizeof copy, "%s/p.json", work);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' && ln -s p.json '%s/link.json'", HAIDIAN, copy, work);
    cr_assert_eq(system(cmd), 0);
    static char before[1 << 17], after[1 << 17];
    harness_slurp(copy, before, sizeof before);
    const char *reports[] = {"p.json", "link.json", "out/haidian.txt", "./out/../out/haidian.md"};
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        char args[512];
        snprintf(args, sizeof args, "export -f txt,md --report %s p.json", reports[i]);
        cr_assert_eq(harness_run(NULL, args), 2, "--report %s: %s", reports[i], err_text);
        cr_assert(strstr(err_text, "--report would overwrite"), "%s", err_text);
    }
    harness_slurp(copy, after, sizeof after);
    cr_assert_str_eq(before, after, "the profile is intact");
    cr_assert_eq(harness_run(NULL, "export -f txt,md --report out/report.json p.json"), 0,
                 "%s", err_text);
}

/* Issue 15.5: after a format fails, its older file is said to be out of date (and marked stale
 * in the report), or removed with --on-failure remove-stale. */
Test(cli, a_failed_formats_older_output_is_reported_stale_or_removed)
{
    char path[256], args[1024];
    snprintf(path, sizeof path, "%s/out", work);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/out/haidian.abrt", work);
    write_file(path, "GOOD OLD OUTPUT\n");
    plugin_args(args, sizeof args, "txt,aborts", "tp_abort", "--report r.json", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 6, "%s", err_text);
    cr_assert(strstr(err_text, "haidian.abrt: warning: the older file was kept and is out of "
                               "date"), "%s", err_text);
    size_t len;
    char rpath[256];
    snprintf(rpath, sizeof rpath, "%s/r.json", work);
    char *report = read_file(rpath, &len);
    cr_assert(strstr(report, "\"stale\": true"), "%s", report);
    free(report);
    cr_assert(exists_in_work("out/haidian.abrt"));

    plugin_args(args, sizeof args, "txt,aborts", "tp_abort",
                "--on-failure remove-stale --report r.json", HAIDIAN);
    cr_assert_eq(harness_run(NULL, args), 6, "%s", err_text);
    cr_assert(strstr(err_text, "removed the older file"), "%s", err_text);
    cr_assert_not(exists_in_work("out/haidian.abrt"));
    cr_assert(exists_in_work("out/haidian.txt"), "the formats that worked are kept");
    report = read_file(rpath, &len);
    cr_assert(strstr(report, "\"removed\": true"), "%s", report);
    free(report);
    cr_assert_eq(harness_run(NULL, "export --on-failure sometimes x.json"), 2);
}

Test(cli, sigterm_mid_export_leaves_no_temporary_file)
{
    for (int isolate = 0; isolate < 2; isolate++) {
        char cmd[2048];
        snprintf(cmd, sizeof cmd,
                 "cd '%s' && ('%s' export -q -f hang --plugin-dir %s/tp_hang --set core.isolate=%s "
                 "--set core.plugin_timeout=0 %s & pid=$!; sleep 1; kill -TERM $pid; wait $pid; "
                 "echo $? > rc.txt)",
                 work, DOSSIER_BIN, TEST_PLUGIN_DIR, isolate ? "true" : "false", HAIDIAN);
        cr_assert_eq(system(cmd), 0);
        char path[256], rc[16];
        snprintf(path, sizeof path, "%s/rc.txt", work);
        harness_slurp(path, rc, sizeof rc);
        cr_assert_eq(atoi(rc), 128 + SIGTERM, "isolate=%d: exit %s", isolate, rc);
        snprintf(path, sizeof path, "%s/out", work);
        cr_assert_eq(hidden_files(path), 0, "isolate=%d: temporary file left", isolate);
        cr_assert_not(exists_in_work("out/haidian.hang"));
    }
}

/* ---- hostile environments ------------------------------------------------------------ */

Test(cli, an_output_that_is_a_symlink_is_replaced_not_followed)
{
    char victim[256], link[256], dir[256];
    snprintf(victim, sizeof victim, "%s/victim.txt", work);
    write_file(victim, "MUST NOT CHANGE\n");
    snprintf(dir, sizeof dir, "%s/out", work);
    mkdir(dir, 0777);
    snprintf(link, sizeof link, "%s/out/haidian.txt", work);
    cr_assert_eq(symlink(victim, link), 0);
    cr_assert_eq(harness_run(NULL, "export -f txt " HAIDIAN), 0, "%s", err_text);
    size_t len;
    char *text = read_file(victim, &len);
    cr_assert_str_eq(text, "MUST NOT CHANGE\n");
    free(text);
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_assert(S_ISREG(st.st_mode), "the symlink was replaced by the output");
}

Test(cli, a_full_disk_is_an_output_error_and_keeps_the_older_file)
{
    /* ulimit -f makes every write past 8 KiB fail with EFBIG, as on a full disk. */
    char path[256];
    snprintf(path, sizeof path, "%s/out", work);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/out/haidian.txt", work);
    write_file(path, "GOOD OLD OUTPUT\n");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd '%s' && (ulimit -f 8; '%s' export -f txt %s) >stdout.txt "
             "2>stderr.txt; echo $? > rc.txt", work, DOSSIER_BIN, HAIDIAN);
    cr_assert_eq(system(cmd), 0);
    char rc[16], spath[256];
    snprintf(spath, sizeof spath, "%s/rc.txt", work);
    harness_slurp(spath, rc, sizeof rc);
    snprintf(spath, sizeof spath, "%s/stderr.txt", work);
    harness_slurp(spath, err_text, sizeof err_text);
    cr_assert_eq(atoi(rc), 5, "exit %s: %s", rc, err_text);
    cr_assert(strstr(err_text, "File too large"), "%s", err_text);
    size_t len;
    char *text = read_file(path, &len);
    cr_assert_str_eq(text, "GOOD OLD OUTPUT\n");
    free(text);
    snprintf(path, sizeof path, "%s/out", work);
    cr_assert_eq(hidden_files(path), 0);
}

Test(cli, a_profile_over_the_size_limit_is_refused)
{
    char big[256];
    snprintf(big, sizeof big, "%s/big.json", work);
    FILE *f = fopen(big, "wb");
    cr_assert_eq(ftruncate(fileno(f), 200L << 20), 0); /* 200 MB, sparse */
    fclose(f);
    cr_assert_eq(harness_run(NULL, "validate big.json"), 4);
    cr_assert(strstr(err_text, "larger than the limit of 67108864 bytes"), "%s", err_text);
    cr_assert(strstr(err_text, "max_profile_size"));
    cr_assert_eq(harness_run(NULL, "validate --set core.max_profile_size=1 " HAIDIAN), 0);
}

Test(cli, a_missing_output_directory_is_created)
{
    cr_assert_eq(harness_run(NULL, "export -f txt -o new/deep/dir " HAIDIAN), 0, "%s", err_text);
    cr_assert(exists_in_work("new/deep/dir/haidian.txt"));
}
