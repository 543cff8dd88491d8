/* test_batch.c — batch export end to end through the real `dossier` program: directory and
 * manifest inputs, -j workers (outputs identical to one worker), --shard K/N and auto,
 * duplicate ids across files, --skip-unchanged, the --report JSON (checked against stat(2)
 * and sha256sum), and failures that stop only their own outputs. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_harness.h"

static void setup(void)
{
    harness_setup("batch");
}

TestSuite(batch, .init = setup, .fini = harness_teardown, .timeout = 120);

#define HAIDIAN SOURCE_DIR "/data/haidian.json"
#define QINGXI TEST_DATA_DIR "/good/qingxi.json"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot read %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void write_text(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", work, rel);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

static void make_dir(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", work, rel);
    cr_assert_eq(mkdir(path, 0777), 0, "mkdir %s", path);
}

/* Writes work/REL: the profile at BASE with its id replaced by ID (and, when `tag` is set, a
 * different subtitle so the content differs). */
static void make_profile(const char *rel, const char *base, const char *id, const char *tag)
{
    size_t len;
    char *text = read_all(base, &len);
    char *at = strstr(text, "\"id\": \"");
    cr_assert_not_null(at);
    char *end = strchr(at + 7, '"');
    char *out = malloc(len + 256);
    int n = snprintf(out, len + 256, "%.*s\"id\": \"%s\"", (int)(at - text), text, id);
    strcpy(out + n, end + 1);
    if (tag) {
        char *sub = strstr(out, "\"format\": 1,");
        cr_assert_not_null(sub);
        char *with = malloc(strlen(out) + 256);
        int m = snprintf(with, strlen(out) + 256, "%.*s\"format\": 1, \"subtitle\": \"%s\",",
                         (int)(sub - out), out, tag);
        strcpy(with + m, sub + strlen("\"format\": 1,"));
        /* a profile may already have a subtitle: keep only ours by dropping the old key */
        char *old = strstr(with + m, "\"subtitle\":");
        if (old) {
            char *q = strchr(old + 11, '"');
            q = q ? strchr(q + 1, '"') : NULL;
            cr_assert_not_null(q);
            q++;
            if (*q == ',')
                q++;
            memmove(old, q, strlen(q) + 1);
        }
        free(out);
        out = with;
    }
    write_text(rel, out);
    free(out);
    free(text);
}

/* Runs `dossier ARGS` in the work dir with env prefix ENV; the exit status, with stdout and
 * stderr in out_text/err_text. */
static bool exists(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", work, rel);
    return access(path, F_OK) == 0;
}

/* Number of non-hidden entries of work/REL (0 when it does not exist). */
static int count_files(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", work, rel);
    DIR *d = opendir(path);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static int count_lines_with(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Twenty profiles p00..p19 (qingxi's content) in work/profiles. */
static void make_twenty(void)
{
    make_dir("profiles");
    for (int i = 0; i < 20; i++) {
        char rel[64], id[16];
        snprintf(rel, sizeof rel, "profiles/p%02d.json", i);
        snprintf(id, sizeof id, "p%02d", i);
        make_profile(rel, QINGXI, id, NULL);
    }
}

/* FNV-1a 64, written here from its definition (not the program's code). */
static uint64_t fnv1a64(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

/* ---- inputs ------------------------------------------------------------------------ */

Test(batch, a_directory_stands_for_its_json_files)
{
    make_dir("in");
    make_profile("in/b.json", QINGXI, "bee", NULL);
    make_profile("in/a.json", QINGXI, "ay", NULL);
    write_text("in/notes.txt", "not a profile");
    write_text("in/.hidden.json", "{ not even json");
    make_dir("in/sub.json"); /* a directory named like a profile is not one */
    cr_assert_eq(harness_run(NULL, "export -f txt -j 1 in"), 0, "%s", err_text);
    cr_assert(exists("out/ay.txt") && exists("out/bee.txt"));
    cr_assert_eq(count_files("out"), 2);
    /* with one worker the order is the input order: a.json before b.json */
    const char *a = strstr(out_text, "out/ay.txt"), *b = strstr(out_text, "out/bee.txt");
    cr_assert(a && b && a < b, "%s", out_text);
}

Test(batch, a_manifest_lists_paths_relative_to_itself)
{
    make_dir("in");
    make_dir("lists");
    make_profile("in/one.json", QINGXI, "one", NULL);
    make_profile("in/two.json", QINGXI, "two", NULL);
    char manifest[1024];
    snprintf(manifest, sizeof manifest,
             "# profiles of this quarter\n\n  ../in/one.json  \n\t# indented comment\n%s/in/two.json\r\n",
             work);
    write_text("lists/q1.txt", manifest);
    cr_assert_eq(harness_run(NULL, "export -f txt --manifest lists/q1.txt"), 0, "%s", err_text);
    cr_assert(exists("out/one.txt") && exists("out/two.txt"));
    cr_assert_eq(count_files("out"), 2);
}

Test(batch, validate_takes_the_same_inputs_as_export)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "ay", NULL);
    make_profile("in/b.json", QINGXI, "bee", NULL);
    write_text("list.txt", "in/a.json\n");
    cr_assert_eq(harness_run(NULL, "validate in"), 0, "%s", err_text);
    cr_assert(strstr(out_text, "in/a.json: ok: profile \"ay\"") &&
              strstr(out_text, "in/b.json: ok: profile \"bee\""), "%s", out_text);
    cr_assert_eq(harness_run(NULL, "validate --manifest list.txt"), 0, "%s", err_text);
    cr_assert(strstr(out_text, "profile \"ay\"") && !strstr(out_text, "bee"), "%s", out_text);
    write_text("in/c.json", "{ \"id\": ");
    cr_assert_eq(harness_run(NULL, "validate in"), 3, "%s", err_text);
    cr_assert(strstr(err_text, "in/c.json"), "%s", err_text);
    cr_assert_not(exists("out"), "validate writes nothing");
}

Test(batch, a_report_survives_a_file_name_that_is_not_utf8)
{
    make_dir("in");
    make_profile("in/q\xe9.json", QINGXI, "q", NULL);
    cr_assert_eq(harness_run(NULL, "export -f txt --report report.json in"), 0, "%s", err_text);
    char path[512];
    snprintf(path, sizeof path, "%s/report.json", work);
    size_t len;
    char *rep = read_all(path, &len);
    cr_assert(strstr(rep, "q\xEF\xBF\xBD.json") || strstr(rep, "q\\uFFFD.json"),
              "the bad byte is U+FFFD: %s", rep);
    free(rep);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "
             "'%s'", path);
    cr_assert_eq(system(cmd), 0, "the report parses as JSON");
}

Test(batch, an_empty_output_dir_is_an_output_error)
{
    cr_assert_eq(harness_run(NULL, "export -f txt -o '' " QINGXI), 5, "%s", err_text);
    cr_assert(strstr(err_text, "output directory"), "%s", err_text);
}

Test(batch, a_missing_manifest_is_an_input_error)
{
    cr_assert_eq(harness_run(NULL, "export -f txt --manifest nope.txt"), 4);
    cr_assert(strstr(err_text, "nope.txt"), "%s", err_text);
    cr_assert_not(exists("out"));
}

Test(batch, bad_worker_counts_are_usage_errors)
{
    cr_assert_eq(harness_run(NULL, "export -j 0 " QINGXI), 2);
    cr_assert_eq(harness_run(NULL, "export -j two " QINGXI), 2);
    cr_assert_eq(harness_run(NULL, "export -j 1000 " QINGXI), 2);
}

/* ---- workers ----------------------------------------------------------------------- */

Test(batch, two_workers_write_the_same_bytes_as_one)
{
    make_dir("in");
    for (int i = 0; i < 4; i++) {
        char rel[64], id[16];
        snprintf(rel, sizeof rel, "in/h%d.json", i);
        snprintf(id, sizeof id, "h%d", i);
        make_profile(rel, i % 2 ? HAIDIAN : QINGXI, id, NULL);
    }
    cr_assert_eq(harness_run(NULL, "export -f all -j 1 -o one in"), 0, "%s", err_text);
    cr_assert_eq(harness_run(NULL, "export -f all -j 2 -o two in"), 0, "%s", err_text);
    cr_assert_gt(count_files("one"), 4 * 3, "pdf, xlsx, txt and more for every profile");
    cr_assert_eq(count_files("one"), count_files("two"));
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cd '%s' && diff -r one two >diff.txt 2>&1", work);
    cr_assert_eq(system(cmd), 0, "outputs differ between -j 1 and -j 2");
    cr_assert(strstr(err_text, "with 2 workers"), "summary line: %s", err_text);
}

Test(batch, a_worker_that_dies_fails_only_its_job)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "a", NULL);
    make_profile("in/b.json", QINGXI, "b", NULL);
    make_profile("in/c.json", QINGXI, "c", NULL);
    /* no isolation: the crash takes the worker with it; the pool starts another */
    char args[1024];
    snprintf(args, sizeof args, "export -j 2 -f txt,crash --plugin-dir %s/tp_crash "
             "--set core.isolate=false --report r.json in", TEST_PLUGIN_DIR);
    cr_assert_eq(harness_run(NULL, args), 6, "%s", err_text);
    cr_assert(exists("out/a.txt") && exists("out/b.txt") && exists("out/c.txt"), "%s",
              err_text);
    cr_assert_eq(count_lines_with(err_text, "its worker process died"), 3, "%s", err_text);
    cr_assert_eq(count_files("out"), 3, "no temporary or crash output left");
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls -A '%s/out' | grep -c '^\\.' >/dev/null", work);
    cr_assert_neq(system(cmd), 0, "a temporary file was left in out/");
}

/* ---- shards ------------------------------------------------------------------------ */

/* The ids exported into work/DIR (from the .txt names), as a bit set over p00..p19. */
static unsigned ids_in(const char *dir)
{
    unsigned set = 0;
    for (int i = 0; i < 20; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "%s/p%02d.txt", dir, i);
        if (exists(rel))
            set |= 1u << i;
    }
    return set;
}

static unsigned expected_shard(unsigned k, unsigned n)
{
    unsigned set = 0;
    for (int i = 0; i < 20; i++) {
        char id[16];
        snprintf(id, sizeof id, "p%02d", i);
        if (fnv1a64(id) % n == k)
            set |= 1u << i;
    }
    return set;
}

Test(batch, shards_partition_the_profiles_by_id_hash)
{
    cr_assert_eq(fnv1a64("a"), 0xaf63dc4c8601ec8cULL, "FNV-1a reference vector");
    cr_assert_eq(fnv1a64("foobar"), 0x85944171f73967e8ULL, "FNV-1a reference vector");
    make_twenty();
    unsigned all = 0;
    for (unsigned k = 0; k < 3; k++) {
        char args[256];
        snprintf(args, sizeof args, "export -q -f txt --shard %u/3 -o s%u profiles", k, k);
        cr_assert_eq(harness_run(NULL, args), 0, "%s", err_text);
        char dir[8];
        snprintf(dir, sizeof dir, "s%u", k);
        unsigned got = ids_in(dir);
        cr_assert_eq(got, expected_shard(k, 3), "shard %u: %#x", k, got);
        cr_assert_eq(all & got, 0, "shards overlap");
        cr_assert_neq(got, 0, "with 20 ids every one of 3 shards gets some");
        all |= got;
    }
    cr_assert_eq(all, (1u << 20) - 1, "every profile is in a shard");
    /* stable: the same shard again, from a manifest listing the files in another order */
    char manifest[4096] = "";
    for (int i = 19; i >= 0; i--) {
        char line[64];
        snprintf(line, sizeof line, "profiles/p%02d.json\n", i);
        strcat(manifest, line);
    }
    write_text("list.txt", manifest);
    cr_assert_eq(harness_run(NULL, "export -q -f txt --shard 1/3 -o again --manifest list.txt"), 0);
    cr_assert_eq(ids_in("again"), ids_in("s1"));
}

Test(batch, auto_shard_from_slurm_and_kubernetes)
{
    make_twenty();
    cr_assert_eq(harness_run("SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3",
                     "export -q -f txt --shard auto -o slurm profiles"), 0, "%s", err_text);
    cr_assert_eq(ids_in("slurm"), expected_shard(1, 3));
    /* an array 1-3: task 3 is the third shard */
    cr_assert_eq(harness_run("SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=3",
                     "export -q -f txt --shard auto -o slurm3 profiles"), 0, "%s", err_text);
    cr_assert_eq(ids_in("slurm3"), expected_shard(2, 3));
    cr_assert_eq(harness_run("JOB_COMPLETION_INDEX=0", "export -q -f txt --shard auto/3 -o k8s profiles"),
                 0, "%s", err_text);
    cr_assert_eq(ids_in("k8s"), expected_shard(0, 3));
    cr_assert_eq(harness_run("JOB_COMPLETION_INDEX=2 DOSSIER_SHARD_COUNT=3",
                     "export -q -f txt --shard auto -o k8s2 profiles"), 0, "%s", err_text);
    cr_assert_eq(ids_in("k8s2"), expected_shard(2, 3));
    /* without the environment, or with a count missing or inconsistent: usage errors, and
       nothing is written */
    cr_assert_eq(harness_run(NULL, "export -q -f txt --shard auto -o none profiles"), 2);
    cr_assert(strstr(err_text, "SLURM_ARRAY_TASK_ID"), "%s", err_text);
    cr_assert_eq(harness_run("JOB_COMPLETION_INDEX=1", "export -f txt --shard auto -o none profiles"), 2);
    cr_assert_eq(harness_run("SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3",
                     "export -f txt --shard auto/4 -o none profiles"), 2);
    cr_assert_eq(harness_run(NULL, "export -f txt --shard 3/3 -o none profiles"), 2);
    cr_assert_eq(harness_run(NULL, "export -f txt --shard 1 -o none profiles"), 2);
    cr_assert_not(exists("none"));
}

/* ---- duplicate ids ----------------------------------------------------------------- */

Test(batch, a_duplicate_id_across_files_stops_before_anything_is_written)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "alpha", NULL);
    make_profile("in/b.json", QINGXI, "beta", NULL);
    make_profile("in/c.json", HAIDIAN, "alpha", NULL);
    cr_assert_eq(harness_run(NULL, "export -f all --report r.json in"), 3);
    cr_assert(strstr(err_text, "in/c.json: error: profile id \"alpha\" is also the id of "
                               "in/a.json"), "%s", err_text);
    cr_assert_not(exists("out"), "nothing is written, not even the output directory");
    cr_assert_not(exists("r.json"));
}

/* ---- --skip-unchanged -------------------------------------------------------------- */

/* A template file next to the profiles is part of an output's key, as the brief reads it
 * (next to the profile, whatever the working directory): editing it redoes the outputs. */
Test(batch, skip_unchanged_redoes_outputs_when_a_template_file_next_to_them_changes)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "a", NULL);
    char path[512];
    snprintf(path, sizeof path, "%s/in/jb.ini", work);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("[brief]\ntemplate = bulletin\nname = AAA\n", f);
    fclose(f);
    const char *cmd = "export -f txt --skip-unchanged --set brief.template=jb.ini in";
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 1, "%s", out_text);
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 0, "unchanged: %s", out_text);
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("[brief]\ntemplate = bulletin\nname = BBBBBB\n", f);
    fclose(f);
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 1, "the edited template: %s", out_text);
}

Test(batch, skip_unchanged_redoes_only_what_changed_or_is_missing)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "a", NULL);
    make_profile("in/b.json", QINGXI, "b", NULL);
    make_profile("in/c.json", QINGXI, "c", NULL);
    const char *cmd = "export -f txt,md --skip-unchanged in";
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 6, "%s", out_text);
    cr_assert(exists("out/.dossier-state/a.txt.sha256"));

    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 0, "rerun: %s", out_text);
    cr_assert(strstr(err_text, "0 written, 6 unchanged"), "%s", err_text);

    /* a deleted output is made again, and only it */
    char path[512];
    snprintf(path, sizeof path, "%s/out/b.md", work);
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 1, "%s", out_text);
    cr_assert(strstr(out_text, "wrote out/b.md"), "%s", out_text);

    /* a truncated output too */
    snprintf(path, sizeof path, "%s/out/c.txt", work);
    cr_assert_eq(truncate(path, 10), 0);
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 1, "%s", out_text);
    cr_assert(strstr(out_text, "wrote out/c.txt"), "%s", out_text);

    /* a changed profile: both of its outputs */
    make_profile("in/a.json", QINGXI, "a", "改过的副标题");
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 2, "%s", out_text);
    cr_assert(strstr(out_text, "wrote out/a.txt") && strstr(out_text, "wrote out/a.md"));

    /* a changed option of one format: that format's outputs only */
    cr_assert_eq(harness_run(NULL, "export -f txt,md --skip-unchanged --set txt.width=60 in"), 0);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 3, "%s", out_text);
    cr_assert_eq(count_lines_with(out_text, ".txt"), 3, "%s", out_text);
    /* ... and back to the default width: again */
    cr_assert_eq(harness_run(NULL, cmd), 0);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 3, "%s", out_text);
    /* SOURCE_DATE_EPOCH decides dates in some formats: it is part of the key */
    cr_assert_eq(harness_run("SOURCE_DATE_EPOCH=86400", cmd), 0);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 6, "%s", out_text);
    /* without the option, everything is written as always */
    cr_assert_eq(harness_run(NULL, "export -f txt,md in"), 0);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 6, "%s", out_text);
}

/* An export without --skip-unchanged rewrites an output: the recorded state must not let a
 * later run take that file for the old key (found in review). */
Test(batch, a_rewrite_without_skip_unchanged_forgets_the_recorded_state)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "a", "第一版");
    const char *cmd = "export -f md --skip-unchanged in";
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    make_profile("in/a.json", QINGXI, "a", "第二版");
    cr_assert_eq(harness_run(NULL, "export -f md in"), 0, "%s", err_text);
    cr_assert_not(exists("out/.dossier-state/a.md.sha256"));
    make_profile("in/a.json", QINGXI, "a", "第一版");
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert(strstr(out_text, "wrote out/a.md"), "%s", out_text);
    char path[512];
    snprintf(path, sizeof path, "%s/out/a.md", work);
    size_t len;
    char *md = read_all(path, &len);
    cr_assert(strstr(md, "第一版") && !strstr(md, "第二版"));
    free(md);
}

/* The units of [core] units_file decide base-unit values: a changed units file (here of the
 * same size, within the same second) makes the outputs be written again. */
Test(batch, skip_unchanged_redoes_outputs_when_the_units_file_changes)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "a", NULL);
    write_text("units.json", "{\"units\": [{\"symbol\": \"株\", \"kind\": \"count\", "
                             "\"base\": \"株\", \"factor\": 1}]}\n");
    const char *cmd = "export -f md --skip-unchanged --set core.units_file=units.json in";
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 1, "%s", out_text);
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 0, "unchanged: %s", out_text);

    write_text("units.json", "{\"units\": [{\"symbol\": \"棵\", \"kind\": \"count\", "
                             "\"base\": \"棵\", \"factor\": 1}]}\n");
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 1, "units file changed: %s", out_text);
    cr_assert(strstr(out_text, "wrote out/a.md"), "%s", out_text);
    cr_assert_eq(harness_run(NULL, cmd), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 0, "unchanged again: %s", out_text);

    /* no units file at all is another key too */
    cr_assert_eq(harness_run(NULL, "export -f md --skip-unchanged in"), 0, "%s", err_text);
    cr_assert_eq(count_lines_with(out_text, "wrote "), 1, "units file dropped: %s", out_text);
}

/* ---- --report ---------------------------------------------------------------------- */

/* sha256sum's digest of work/REL. */
static void sha256sum(const char *path, char *hex)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    cr_assert_eq(fscanf(p, "%64s", hex), 1);
    pclose(p);
}

Test(batch, the_report_lists_every_output_with_its_real_size_and_digest)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "a", NULL);
    make_profile("in/b.json", HAIDIAN, "b", NULL);
    cr_assert_eq(harness_run(NULL, "export -f txt,md,pdf -j 2 --report reports/r.json in"), 0, "%s",
                 err_text);
    char path[512];
    snprintf(path, sizeof path, "%s/reports/r.json", work);
    json_error_t e;
    json_t *root = json_load_file(path, 0, &e);
    cr_assert_not_null(root, "%s: %s", path, e.text);
    json_t *outputs = json_object_get(root, "outputs");
    cr_assert_eq(json_array_size(outputs), 6);
    cr_assert_eq(json_array_size(json_object_get(root, "failures")), 0);
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(root, "summary"),
                                                    "written")), 6);
    size_t i;
    json_t *o;
    json_array_foreach(outputs, i, o) {
        const char *rel = json_string_value(json_object_get(o, "path"));
        cr_assert_not_null(rel);
        char file[512];
        snprintf(file, sizeof file, "%s/%s", work, rel);
        struct stat st;
        cr_assert_eq(stat(file, &st), 0, "%s", file);
        cr_assert_eq(json_integer_value(json_object_get(o, "bytes")), st.st_size, "%s", rel);
        char hex[65];
        sha256sum(file, hex);
        cr_assert_str_eq(json_string_value(json_object_get(o, "sha256")), hex, "%s", rel);
        cr_assert(json_is_integer(json_object_get(o, "milliseconds")));
        const char *fmt = json_string_value(json_object_get(o, "format"));
        cr_assert(strstr(rel, fmt), "%s is a %s", rel, fmt);
    }
    /* job order (profiles, then formats as -f lists them), not completion order */
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(outputs, 0), "path")),
                     "out/a.txt");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(outputs, 5), "path")),
                     "out/b.pdf");
    json_t *workers = json_object_get(root, "workers");
    cr_assert_eq(json_array_size(workers), 2);
    cr_assert_gt(json_integer_value(json_object_get(json_array_get(workers, 0), "max_rss_kb")),
                 0);
    json_decref(root);
}

/* ---- failures ---------------------------------------------------------------------- */

Test(batch, one_failing_output_does_not_stop_the_others)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "a", NULL);
    make_profile("in/b.json", QINGXI, "b", NULL);
    make_profile("in/c.json", QINGXI, "c", NULL);
    make_dir("out");
    make_dir("out/b.txt"); /* b's txt cannot be renamed over a directory */
    cr_assert_eq(harness_run(NULL, "export -f txt,md -j 2 --report r.json in"), 5, "%s", err_text);
    cr_assert(exists("out/a.txt") && exists("out/c.txt") && exists("out/b.md"));
    cr_assert(strstr(err_text, "out/b.txt"), "%s", err_text);
    char path[512];
    snprintf(path, sizeof path, "%s/r.json", work);
    json_error_t e;
    json_t *root = json_load_file(path, 0, &e);
    cr_assert_not_null(root, "%s", e.text);
    json_t *failures = json_object_get(root, "failures");
    cr_assert_eq(json_array_size(failures), 1);
    json_t *f = json_array_get(failures, 0);
    cr_assert_str_eq(json_string_value(json_object_get(f, "id")), "b");
    cr_assert_str_eq(json_string_value(json_object_get(f, "format")), "txt");
    cr_assert_eq(json_integer_value(json_object_get(f, "exit_code")), 5);
    cr_assert(strstr(json_string_value(json_object_get(f, "message")), "out/b.txt"));
    cr_assert_eq(json_array_size(json_object_get(root, "outputs")), 5);
    json_decref(root);
}

Test(batch, a_failing_format_and_an_invalid_profile_leave_the_rest_exported)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "a", NULL);
    write_text("in/b.json", "{\"format\": 1, \"id\": \"b\"}");
    make_profile("in/c.json", QINGXI, "c", NULL);
    char args[1024];
    snprintf(args, sizeof args, "export -j 2 -f txt,failing --plugin-dir %s/tp_fails_export "
             "--report r.json in", TEST_PLUGIN_DIR);
    /* the first failure decides the status: the invalid profile, found while loading */
    cr_assert_eq(harness_run(NULL, args), 3, "%s", err_text);
    cr_assert(exists("out/a.txt") && exists("out/c.txt"));
    cr_assert_not(exists("out/b.txt"));
    cr_assert_eq(count_lines_with(err_text, "deliberate failure for"), 2, "%s", err_text);
    char path[512];
    snprintf(path, sizeof path, "%s/r.json", work);
    json_error_t e;
    json_t *root = json_load_file(path, 0, &e);
    cr_assert_not_null(root, "%s", e.text);
    cr_assert_eq(json_array_size(json_object_get(root, "failures")), 3);
    cr_assert_eq(json_array_size(json_object_get(root, "outputs")), 2);
    json_t *first = json_array_get(json_object_get(root, "failures"), 0);
    cr_assert(json_is_null(json_object_get(first, "format")), "the profile itself failed");
    json_decref(root);
    /* with only the failing format's problem, the status is the export failure's */
    cr_assert_eq(harness_run(NULL, "export -j 2 -f txt in/a.json in/c.json"), 0);
    snprintf(args, sizeof args, "export -j 2 -f txt,failing --plugin-dir %s/tp_fails_export "
             "in/a.json in/c.json", TEST_PLUGIN_DIR);
    cr_assert_eq(harness_run(NULL, args), 6, "%s", err_text);
}

Test(batch, a_hanging_plugin_is_stopped_per_output_and_the_rest_goes_on)
{
    make_dir("in");
    make_profile("in/a.json", QINGXI, "a", NULL);
    make_profile("in/b.json", QINGXI, "b", NULL);
    char args[1024];
    snprintf(args, sizeof args, "export -j 2 -f txt,hang --plugin-dir %s/tp_hang "
             "--set core.plugin_timeout=1 in", TEST_PLUGIN_DIR);
    cr_assert_eq(harness_run(NULL, args), 6, "%s", err_text);
    cr_assert_eq(count_lines_with(err_text, "hang export timed out after 1 s"), 2, "%s",
                 err_text);
    cr_assert(exists("out/a.txt") && exists("out/b.txt"));
    cr_assert_eq(count_files("out"), 2);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls -A '%s/out' | grep -q '^\\.'", work);
    cr_assert_neq(system(cmd), 0, "a temporary file was left in out/");
}

/* ---- progress ---------------------------------------------------------------------- */

Test(batch, progress_on_a_terminal_and_a_summary_line_otherwise)
{
    make_twenty();
    /* script(1) gives the program a pseudo-terminal */
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s' && env -u DOSSIER_CONFIG -u DOSSIER_PLUGIN_PATH "
             "script -qec \"'%s' export -f txt -o tty profiles\" /dev/null > tty.txt 2>&1",
             work, DOSSIER_BIN);
    cr_assert_eq(system(cmd), 0);
    char path[256], text[1 << 16];
    snprintf(path, sizeof path, "%s/tty.txt", work);
    harness_slurp(path, text, sizeof text);
    cr_assert(strstr(text, "20/20 profiles, "), "%s", text);
    cr_assert(strstr(text, "/s, ETA "), "%s", text);
    /* not a terminal: no progress line, one summary line */
    cr_assert_eq(harness_run(NULL, "export -f txt -o plain profiles"), 0);
    cr_assert_null(strstr(err_text, "ETA"), "%s", err_text);
    cr_assert_eq(count_lines_with(err_text, "\n"), 1, "%s", err_text);
    cr_assert(strstr(err_text, "dossier: 20 profiles: 20 written, 0 unchanged, 0 failed in "),
              "%s", err_text);
    cr_assert_eq(harness_run(NULL, "export -q -f txt -o quiet profiles"), 0);
    cr_assert_eq(err_text[0], '\0', "-q: %s", err_text);
}
