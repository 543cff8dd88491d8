/* batch_report.c — builds and writes the --report JSON (see batch_report.h). */
#include "batch_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "text.h"

/* A JSON string of s, NULL giving null. Paths need not be UTF-8 and messages may be cut in
 * the middle of a character (BATCH_POOL_ERROR_CAP): such bytes become U+FFFD, since jansson
 * refuses them (and the report would be lost). */
static json_t *str_or_null(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    size_t len = strlen(s);
    char *o = malloc(3 * len + 1), *w = o;
    if (!o)
        abort();
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = text_utf8_decode(s + i, len - i, &cp);
        if (cp < 0 || cp == 0) {
            memcpy(w, "\xEF\xBF\xBD", 3);
            w += 3;
        } else {
            memcpy(w, s + i, n);
            w += n;
        }
        i += n;
    }
    *w = '\0';
    j = json_string(o);
    free(o);
    return j;
}

void batch_report_init(batch_report *r, unsigned long shard_index, unsigned long shard_count)
{
    json_t *shard = shard_count ? json_pack("{s:I,s:I}", "index", (json_int_t)shard_index,
                                            "count", (json_int_t)shard_count)
                                : json_null();
    r->root = json_pack("{s:s,s:o,s:{},s:[],s:[],s:[],s:[]}", "dossier", DOSSIER_VERSION,
                        "shard", shard, "summary", "outputs", "skipped", "failures",
                        "workers");
    if (!r->root)
        abort();
}

void batch_report_free(batch_report *r)
{
    json_decref(r->root);
    r->root = NULL;
}

static void append(batch_report *r, const char *list, json_t *item)
{
    if (!item || json_array_append_new(json_object_get(r->root, list), item) != 0)
        abort();
}

void batch_report_output(batch_report *r, const char *profile, const char *id,
                         const char *format, const char *path, long long bytes,
                         const char *sha256, long long ms)
{
    append(r, "outputs",
           json_pack("{s:o,s:s,s:s,s:o,s:I,s:s,s:I}", "profile", str_or_null(profile), "id",
                     id, "format", format, "path", str_or_null(path), "bytes", (json_int_t)bytes, "sha256", sha256,
                     "milliseconds", (json_int_t)ms));
}

void batch_report_skipped(batch_report *r, const char *profile, const char *id,
                          const char *format, const char *path)
{
    append(r, "skipped", json_pack("{s:o,s:s,s:s,s:o}", "profile", str_or_null(profile), "id",
                                   id, "format", format, "path", str_or_null(path)));
}

void batch_report_failure(batch_report *r, const char *profile, const char *id,
                          const char *format, int exit_code, const char *message, bool stale,
                          bool removed)
{
    append(r, "failures",
           json_pack("{s:o,s:o,s:o,s:i,s:o,s:b,s:b}", "profile", str_or_null(profile), "id",
                     str_or_null(id), "format", str_or_null(format), "exit_code", exit_code,
                     "message", str_or_null(message ? message : ""), "stale", stale,
                     "removed", removed));
}

void batch_report_worker(batch_report *r, long pid, size_t jobs, long max_rss_kb)
{
    append(r, "workers", json_pack("{s:I,s:I,s:I}", "pid", (json_int_t)pid, "jobs",
                                   (json_int_t)jobs, "max_rss_kb", (json_int_t)max_rss_kb));
}

void batch_report_summary(batch_report *r, size_t profiles, size_t written, size_t skipped,
                          size_t failed, double seconds, size_t workers)
{
    json_t *s = json_pack("{s:I,s:I,s:I,s:I,s:f,s:I}", "profiles", (json_int_t)profiles,
                          "written", (json_int_t)written, "skipped", (json_int_t)skipped,
                          "failed", (json_int_t)failed, "seconds", seconds, "workers",
                          (json_int_t)workers);
    if (!s || json_object_set_new(r->root, "summary", s) != 0)
        abort();
}

bool batch_report_write(const batch_report *r, const char *path)
{
    char *dir = strdup(path);
    if (!dir)
        abort();
    char *slash = strrchr(dir, '/');
    const char *name = path;
    if (slash) {
        name = path + (slash - dir) + 1;
        slash[slash == dir ? 1 : 0] = '\0';
    }
    atomic_file f;
    bool ok = (!slash || atomic_file_mkdirs(dir)) && atomic_file_begin(&f, slash ? dir : ".",
                                                                       name);
    free(dir);
    if (!ok)
        return false;
    if (json_dump_file(r->root, f.tmp_path, JSON_INDENT(2) | JSON_ENSURE_ASCII) != 0) {
        int e = errno ? errno : EIO;
        atomic_file_abort(&f);
        errno = e;
        return false;
    }
    return atomic_file_commit(&f);
}
