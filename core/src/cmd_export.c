/* cmd_export.c — `dossier export`: gather the profiles (files, directories, manifest), load
 * and check them all (ids unique) before anything is written, keep this shard's, skip the
 * outputs that are up to date, export the rest in forked workers (batch_pool.h), then print a
 * summary and write the report. */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "batch_hash.h"
#include "batch_inputs.h"
#include "batch_leftovers.h"
#include "batch_pool.h"
#include "batch_progress.h"
#include "batch_report.h"
#include "batch_shard.h"
#include "batch_state.h"
#include "brief_compose.h"
#include "cli.h"
#include "export.h"
#include "model_store.h"
#include "profile.h"

/* Resolves the format list to plugins; false (exit code recorded) when one is unknown. */
static bool select_formats(cli_session *s, const char *list, plugin_entry ***out, size_t *n)
{
    *out = calloc(s->reg.count + 1, sizeof **out);
    *n = 0;
    if (!*out)
        abort();
    if (strcmp(list, "all") == 0) {
        for (size_t i = 0; i < s->reg.count; i++)
            (*out)[(*n)++] = &s->reg.items[i];
        if (*n == 0) {
            fprintf(stderr, "dossier: error: no export plugin found (see `dossier --help` for "
                            "where plugins are searched)\n");
            cli_fail(s, EXIT_FORMAT);
            return false;
        }
        return true;
    }
    bool ok = true;
    char *copy = strdup(list);
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        plugin_entry *e = registry_find(&s->reg, tok);
        if (!e) {
            fprintf(stderr, "dossier: error: no plugin for format \"%s\" (available:", tok);
            for (size_t i = 0; i < s->reg.count; i++)
                fprintf(stderr, " %s", s->reg.items[i].desc.name);
            fprintf(stderr, "%s)\n", s->reg.count ? "" : " none");
            ok = false;
            continue;
        }
        bool seen = false;
        for (size_t i = 0; i < *n; i++)
            seen |= (*out)[i] == e;
        if (!seen)
            (*out)[(*n)++] = e;
    }
    free(copy);
    if (ok && *n == 0) {
        fprintf(stderr, "dossier: error: the format list \"%s\" names no format\n", list);
        ok = false;
    }
    if (!ok)
        cli_fail(s, EXIT_FORMAT);
    return ok;
}

static size_t max_profile_bytes(const cli_session *s)
{
    const dossier_option *opt = config_option_find(config_core_options, "max_profile_size");
    long mib = 64;
    char why[128];
    config_parse_long(opt, config_value(&s->cfg, "core", opt), &mib, why, sizeof why);
    return (size_t)mib << 20;
}

/* [core] model_memory: what the parent may keep loaded profiles in, in bytes. */
static size_t model_memory_bytes(const cli_session *s)
{
    const dossier_option *opt = config_option_find(config_core_options, "model_memory");
    long mib = 128;
    char why[128];
    config_parse_long(opt, config_value(&s->cfg, "core", opt), &mib, why, sizeof why);
    return (size_t)mib << 20;
}

/* One input profile, as the parent knows it: loaded once to check it, and kept in the shared
 * model store when it fits ([core] model_memory), so its worker does not parse it again. */
typedef struct input {
    const char *path;   /* borrowed from batch_inputs */
    char *id;           /* owned; NULL when the profile did not load */
    dossier_profile *model; /* in the model store, or NULL: the worker loads it */
    brief_doc *brief;   /* owned: model's brief with the [brief] settings alone, composed by
                           check_briefs and kept for the worker of a one-profile run; or NULL */
    int load_code;      /* exit code of a load failure, 0 when it loaded */
    char sha[BATCH_SHA256_HEX]; /* of the file, with --skip-unchanged */
    size_t remaining;   /* formats not finished yet (progress) */
} input;

typedef struct run {
    cli_session *s;
    input *in;
    size_t n_in;
    plugin_entry **plugins;
    size_t n_plugins;
    const char *out_dir;
    export_settings settings;
    bool hash_outputs, record_state;
    model_store *store; /* the parent's loaded profiles, shared with the workers; or NULL */
    /* worker side: the profile loaded last (the store's, or its own when loaded_own), and its
       brief with the [brief] settings alone */
    size_t loaded_index;
    dossier_profile *loaded;
    bool loaded_own;
    brief_settings brief_settings;
    brief_doc *brief;
    /* parent side: progress */
    batch_progress progress;
    size_t profiles_total, profiles_done;
    batch_pool *pool;
} run;

static char *output_path(const char *dir, const char *id, const char *ext)
{
    size_t n = strlen(dir) + strlen(id) + strlen(ext) + 3;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s.%s", dir, id, ext);
    return p;
}

static input *sort_base;
static int cmp_ids(const void *a, const void *b)
{
    const input *x = &sort_base[*(const size_t *)a], *y = &sort_base[*(const size_t *)b];
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Composes the brief of `p` for every selected format, as the workers will, so that a
 * setting the profile cannot satisfy stops the run before anything is written. With `keep`,
 * the brief of the [brief] settings alone is handed over there (the caller frees it) instead
 * of freed: a worker that exports the same model needs it again. */
static bool check_briefs(cli_session *s, const dossier_profile *p, plugin_entry *const *plugins,
                         size_t n_plugins, brief_doc **keep)
{
    diag_list d;
    diag_init(&d);
    brief_settings shared;
    bool ok = brief_settings_read(&s->cfg, NULL, NULL, p->path, &shared, &d);
    if (ok) {
        brief_doc *b = brief_compose(p, &shared, &d);
        ok = b != NULL;
        if (keep && ok)
            *keep = b;
        else
            brief_doc_free(b);
    }
    cli_print_diags(s, &d); /* warnings once, with the [brief] settings alone */
    /* a format whose own keys change the brief composes its own */
    for (size_t k = 0; ok && k < n_plugins; k++) {
        diag_init(&d);
        brief_settings bs;
        const dossier_plugin *desc = &plugins[k]->desc;
        if (brief_settings_read(&s->cfg, desc->name, desc->options, p->path, &bs, &d)) {
            if (!brief_settings_equal(&bs, &shared)) {
                brief_doc *b = brief_compose(p, &bs, &d);
                ok = b != NULL;
                brief_doc_free(b);
            }
            brief_settings_free(&bs);
        } else {
            ok = false;
        }
        if (!ok)
            cli_print_diags(s, &d);
        diag_free(&d);
    }
    brief_settings_free(&shared);
    if (!ok && keep) { /* no worker will export p */
        brief_doc_free(*keep);
        *keep = NULL;
    }
    if (!ok)
        cli_fail(s, EXIT_CONFIG);
    return ok;
}

/* Loads and checks every profile, keeping ids, and the models of this shard's profiles while
 * the store has room; false when two share an id. */
static bool load_inputs(cli_session *s, input *in, size_t n, bool want_sha, model_store *store,
                        const batch_shard *shard, plugin_entry *const *plugins,
                        size_t n_plugins)
{
    size_t max = max_profile_bytes(s);
    for (size_t i = 0; i < n; i++) {
        diag_list d;
        diag_init(&d);
        dossier_profile *p = NULL;
        size_t mark = store ? model_store_mark(store) : 0;
        profile_status st = profile_load_in(in[i].path, max, store, &p, &d);
        cli_print_diags(s, &d);
        if (st != PROFILE_OK) {
            in[i].load_code = st == PROFILE_UNREADABLE ? EXIT_INPUT : EXIT_DATA;
            cli_fail(s, in[i].load_code);
            if (store)
                model_store_rewind(store, mark);
            continue;
        }
        /* one profile: its brief is kept for the worker, which then does not compose it again
         * (the fresh process of a single export); a batch keeps none, for memory */
        if (!check_briefs(s, p, plugins, n_plugins, n == 1 ? &in[i].brief : NULL)) {
            in[i].load_code = EXIT_CONFIG;
            profile_free(p);
            if (store)
                model_store_rewind(store, mark);
            continue;
        }
        in[i].id = strdup(p->id);
        if (!in[i].id)
            abort();
        if (store && profile_is_shared(p) && batch_shard_contains(shard, p->id)) {
            in[i].model = p;
        } else {
            brief_doc_free(in[i].brief); /* it points into p */
            in[i].brief = NULL;
            profile_free(p);
            if (store)
                model_store_rewind(store, mark);
        }
        unsigned char digest[32];
        if (want_sha) {
            if (batch_sha256_file(in[i].path, digest, NULL))
                batch_sha256_hex(digest, in[i].sha);
            else
                in[i].sha[0] = '\0'; /* never fresh */
        }
    }
    size_t *order = malloc((n + 1) * sizeof *order), m = 0;
    if (!order)
        abort();
    for (size_t i = 0; i < n; i++)
        if (in[i].id)
            order[m++] = i;
    sort_base = in;
    qsort(order, m, sizeof *order, cmp_ids);
    bool unique = true;
    for (size_t k = 1, first = 0; k < m; k++) {
        if (strcmp(in[order[k]].id, in[order[first]].id) != 0) {
            first = k;
            continue;
        }
        fprintf(stderr, "%s: error: profile id \"%s\" is also the id of %s; both would "
                "write the same files\n", in[order[k]].path, in[order[k]].id,
                in[order[first]].path);
        cli_fail(s, EXIT_DATA);
        unique = false;
    }
    free(order);
    return unique;
}

static void on_signal(int sig)
{
    batch_pool_stop_workers(sig);
    export_kill_child();
    atomic_file_remove_pending();
    signal(sig, SIG_DFL);
    raise(sig);
}

static export_settings settings_of(const cli_session *s, size_t n_plugins)
{
    const dossier_option *io = config_option_find(config_core_options, "isolate");
    const dossier_option *to = config_option_find(config_core_options, "plugin_timeout");
    const char *isolate = config_value(&s->cfg, "core", io);
    long timeout = 300;
    char why[128];
    config_parse_long(to, config_value(&s->cfg, "core", to), &timeout, why, sizeof why);
    int on = 0;
    (void)n_plugins;
    /* auto: a single format gets the same protection as several (the worker processes are
       the isolation; nothing extra is forked per document). */
    bool isolated = strcasecmp(isolate, "auto") == 0 || (config_parse_bool(isolate, &on) && on);
    /* The workers are the isolation (batch_pool.h): no fork per document. */
    return (export_settings){.isolate = isolated, .timeout_s = (unsigned)timeout};
}

/* Removes "." and ".." components and repeated slashes from an absolute path, in place. */
static void normalize_lexically(char *path)
{
    char *out = path, *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 0)
            break;
        if (n == 1 && p[0] == '.') {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (out > path && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove(out, p, n);
            out += n;
        }
        p += n;
    }
    if (out == path)
        *out++ = '/';
    *out = '\0';
}

/* Where a path is or would be: the real path of an existing file, else the real path of its
 * folder joined with its name, else (no folder yet) the absolute path with "." and ".."
 * resolved as written. */
static bool resolved_path(const char *path, char *out, size_t cap)
{
    char buf[PATH_MAX];
    if (realpath(path, buf)) {
        snprintf(out, cap, "%s", buf);
        return true;
    }
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    if (!realpath(dir, buf)) {
        /* the folder does not exist yet (the output folder is created later): the absolute
           path as written, which the report and the outputs share */
        char cwd[PATH_MAX];
        if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
            snprintf(out, cap, "%s", path);
        else
            snprintf(out, cap, "%s/%s", cwd, path);
        normalize_lexically(out);
        return true;
    }
    snprintf(out, cap, "%s/%s", strcmp(buf, "/") == 0 ? "" : buf, slash ? slash + 1 : path);
    return true;
}

/* The report must not land on a profile of the run or on one of its outputs. */
static bool report_path_safe(cli_session *s, const input *in, size_t n, plugin_entry **plugins,
                             size_t n_plugins, const char *out_dir)
{
    const char *report = s->opt->report_file;
    char rp[PATH_MAX + 256], other[PATH_MAX + 256];
    if (!report || !resolved_path(report, rp, sizeof rp))
        return true;
    for (size_t i = 0; i < n; i++) {
        const char *clash = NULL;
        if (resolved_path(in[i].path, other, sizeof other) && strcmp(rp, other) == 0)
            clash = "a profile of this run";
        for (size_t k = 0; !clash && in[i].id && k < n_plugins; k++) {
            char *out = output_path(out_dir, in[i].id, plugins[k]->desc.extension);
            if (resolved_path(out, other, sizeof other) && strcmp(rp, other) == 0)
                clash = "an output of this run";
            free(out);
        }
        if (clash) {
            fprintf(stderr, "%s: error: --report would overwrite %s (%s); name another file\n",
                    report, clash, in[i].path);
            cli_fail(s, EXIT_USAGE);
            return false;
        }
    }
    return true;
}

/* Temporary files of this run's outputs that a killed run left (batch_leftovers.h): removed
 * when older than any live run's could be (its plugin timeout, plus a margin). */
static void clean_leftovers(run *r)
{
    char **names = calloc(r->n_in * r->n_plugins + 1, sizeof *names);
    if (!names)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < r->n_in; i++)
        for (size_t k = 0; r->in[i].remaining && k < r->n_plugins; k++) {
            size_t len = strlen(r->in[i].id) + strlen(r->plugins[k]->desc.extension) + 2;
            names[n] = malloc(len);
            if (!names[n])
                abort();
            snprintf(names[n++], len, "%s.%s", r->in[i].id, r->plugins[k]->desc.extension);
        }
    long long age = r->settings.timeout_s ? (long long)r->settings.timeout_s + 120 : 86400;
    size_t removed = batch_leftovers_clean(r->out_dir, names, n, age);
    if (removed && !r->s->opt->quiet)
        fprintf(stderr, "%s: removed %zu temporary file%s left by an earlier run that was "
                "killed\n", r->out_dir, removed, removed == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---- worker side ------------------------------------------------------------------- */

/* The profile this worker exported last: freed when it loaded it, else its pages of the
 * shared store given back, so a worker's memory does not grow with the batch. */
static void release_loaded(run *r)
{
    if (r->loaded && r->loaded_own)
        profile_free(r->loaded);
    else if (r->loaded && r->store)
        model_store_release(r->store);
    r->loaded = NULL;
    r->loaded_own = false;
}

static bool job_run(void *user, size_t i, batch_job *job, char *err, size_t cap,
                    char *tmp_note, size_t tmp_cap)
{
    run *r = user;
    cli_session *s = r->s;
    input *in = &r->in[job->profile];
    plugin_entry *plugin = r->plugins[job->plugin];
    (void)i;
    if (!r->loaded || r->loaded_index != job->profile) {
        release_loaded(r);
        diag_list d;
        diag_init(&d);
        profile_status st = PROFILE_OK;
        if (in->model) {
            r->loaded = in->model; /* the parent's, in the shared store: not parsed again */
        } else {
            st = profile_load(in->path, max_profile_bytes(s), &r->loaded, &d);
            r->loaded_own = true;
        }
        if (st != PROFILE_OK) {
            /* it loaded in the parent: the file changed since */
            snprintf(err, cap, "%s", d.count ? d.items[0].text : "cannot load the profile");
            fprintf(stderr, "%s\n", err);
            diag_free(&d);
            job->exit_code = st == PROFILE_UNREADABLE ? EXIT_INPUT : EXIT_DATA;
            return false;
        }
        diag_free(&d); /* warnings were shown when the parent loaded it */
        r->loaded_index = job->profile;
        brief_doc_free(r->brief);
        r->brief = NULL;
        brief_settings_free(&r->brief_settings);
        diag_init(&d);
        if (brief_settings_read(&s->cfg, NULL, NULL, r->loaded->path, &r->brief_settings, &d)) {
            if (in->brief && r->loaded == in->model) { /* the parent's, same model and settings */
                r->brief = in->brief;
                in->brief = NULL;
            } else {
                r->brief = brief_compose(r->loaded, &r->brief_settings, &d);
            }
        }
        diag_free(&d); /* the parent composed it too, and reported */
    }
    /* The brief of this format: the shared one unless the format's own keys change it. */
    brief_doc *own_brief = NULL;
    const dossier_brief *brief = brief_doc_brief(r->brief);
    {
        brief_settings bs;
        diag_list d;
        diag_init(&d);
        if (brief_settings_read(&s->cfg, plugin->desc.name, plugin->desc.options,
                                r->loaded->path, &bs, &d)) {
            if (!brief_settings_equal(&bs, &r->brief_settings)) {
                own_brief = brief_compose(r->loaded, &bs, &d);
                brief = brief_doc_brief(own_brief);
            }
            brief_settings_free(&bs);
        }
        diag_free(&d);
    }
    if (!brief) {
        snprintf(err, cap, "%s: error: the brief cannot be composed with these settings "
                 "(run `dossier validate`)", in->path);
        fprintf(stderr, "%s\n", err);
        job->exit_code = EXIT_CONFIG;
        brief_doc_free(own_brief);
        return false;
    }
    export_settings settings = {.isolate = false};
    settings.tmp_note = tmp_note;
    settings.tmp_note_cap = tmp_cap;
    settings.hash = r->hash_outputs;
    /* From the export to the record, this output is ours: a concurrent run into the same
       directory waits (docs/security.md). */
    int lock = -1;
    if (r->record_state) {
        char name[512];
        snprintf(name, sizeof name, "%s.%s", in->id, plugin->desc.extension);
        lock = batch_state_lock(r->out_dir, name);
        if (lock < 0) {
            snprintf(err, cap, "%s/%s: error: cannot lock its state for --skip-unchanged in "
                     "%s/" BATCH_STATE_DIR ": %s", r->out_dir, name, r->out_dir,
                     strerror(errno));
            fprintf(stderr, "%s\n", err);
            job->exit_code = EXIT_OUTPUT;
            brief_doc_free(own_brief);
            return false;
        }
    }
    diag_list d;
    diag_init(&d);
    char *written = NULL;
    long long t0 = batch_progress_now_ms();
    export_outcome o = export_run(plugin, &s->cfg, r->loaded, brief, r->out_dir, &settings,
                                  &written, &d);
    brief_doc_free(own_brief);
    job->ms = batch_progress_now_ms() - t0;
    for (size_t k = 0; k < d.count && !err[0]; k++)
        if (d.items[k].severity == DIAG_ERROR)
            snprintf(err, cap, "%s", d.items[k].text);
    cli_print_diags(s, &d);
    if (o != EXPORT_DONE) {
        if (!err[0])
            snprintf(err, cap, "error: format %s could not start (see the first message)",
                     plugin->desc.name);
        job->exit_code = o == EXPORT_UNWRITABLE      ? EXIT_OUTPUT
                         : o == EXPORT_MISCONFIGURED ? EXIT_CONFIG
                                                     : EXIT_EXPORT;
        free(written);
        batch_state_unlock(lock);
        return false;
    }
    job->bytes = -1;
    if (!r->record_state)
        batch_state_forget(r->out_dir, strrchr(written, '/') + 1);
    bool ok = true;
    if (r->hash_outputs && settings.bytes < 0) {
        snprintf(err, cap, "%s: error: cannot read what was written to hash it: %s", written,
                 strerror(errno));
        ok = false;
    } else if (r->hash_outputs) {
        job->bytes = settings.bytes;
        batch_sha256_hex(settings.sha, job->sha);
        if (r->record_state && in->sha[0] &&
            !batch_state_record(r->out_dir, strrchr(written, '/') + 1, job->key, job->sha,
                                job->bytes)) {
            /* the output is written, but a later --skip-unchanged run could not trust it */
            snprintf(err, cap, "%s: error: written, but its state for --skip-unchanged cannot "
                     "be recorded: %s", written, strerror(errno));
            ok = false;
        }
    }
    batch_state_unlock(lock);
    if (!ok) {
        fprintf(stderr, "%s\n", err);
        job->exit_code = EXIT_OUTPUT;
        free(written);
        return false;
    }
    if (!s->opt->quiet)
        printf("wrote %s\n", written);
    fflush(stdout);
    free(written);
    return true;
}

/* A worker's end: every plugin it initialised gets its fini (once per worker, the same
 * lifecycle as a run in one process), then its copy of the session is released. */
static void worker_exit(void *user)
{
    run *r = user;
    brief_doc_free(r->brief);
    r->brief = NULL;
    brief_settings_free(&r->brief_settings);
    release_loaded(r);
    fflush(stdout);
    registry_free(&r->s->reg);
    config_free(&r->s->cfg);
}

/* ---- parent side ------------------------------------------------------------------- */

static void job_lost(void *user, size_t i, batch_job *job, const char *how, char *err,
                     size_t cap)
{
    run *r = user;
    (void)i;
    plugin_entry *plugin = r->plugins[job->plugin];
    char *path = output_path(r->out_dir, r->in[job->profile].id, plugin->desc.extension);
    snprintf(err, cap, "%s: error: %s export %s (its worker process died); nothing was written",
             path, plugin->desc.name, how);
    fprintf(stderr, "%s\n", err);
    free(path);
    job->exit_code = EXIT_EXPORT;
}

static void job_finished(void *user, size_t i, bool tick)
{
    run *r = user;
    if (!tick && i < r->pool->n) {
        input *in = &r->in[r->pool->jobs[i].profile];
        if (in->remaining && --in->remaining == 0)
            r->profiles_done++;
    }
    batch_progress_update(&r->progress, r->profiles_done);
}

static unsigned default_workers(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* After a format failed: its older output, if any, is out of date. Said so (and reported as
 * stale), or removed with --on-failure remove-stale so the folder never holds a mixed set. */
static void stale_output(run *r, const char *path, const char *name, bool *stale,
                         bool *removed)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return;
    if (r->s->opt->remove_stale) {
        if (unlink(path) == 0) {
            batch_state_forget(r->out_dir, name);
            *removed = true;
            if (!r->s->opt->quiet)
                fprintf(stderr, "%s: removed the older file: it would be out of date "
                        "(--on-failure remove-stale)\n", path);
            return;
        }
        fprintf(stderr, "%s: error: cannot remove the older, out-of-date file: %s\n", path,
                strerror(errno));
        cli_fail(r->s, EXIT_OUTPUT);
    }
    *stale = true;
    fprintf(stderr, "%s: warning: the older file was kept and is out of date (this run "
            "failed to replace it; --on-failure remove-stale removes it)\n", path);
}

/* Outcome, summary and report once every job has run. */
static void finish(run *r, batch_pool *pool, const batch_shard *shard, double seconds)
{
    cli_session *s = r->s;
    size_t written = 0, skipped = 0, failed = 0;
    batch_report rep = {0};
    bool report = s->opt->report_file != NULL;
    if (report)
        batch_report_init(&rep, shard->index, shard->count);
    for (size_t i = 0; i < r->n_in; i++)
        if (r->in[i].load_code) {
            failed++;
            if (report)
                batch_report_failure(&rep, r->in[i].path, NULL, NULL, r->in[i].load_code,
                                     "the profile cannot be read or is not valid (see the "
                                     "messages)", false, false);
        }
    for (size_t i = 0; i < pool->n; i++) {
        batch_job *job = &pool->jobs[i];
        input *in = &r->in[job->profile];
        plugin_entry *plugin = r->plugins[job->plugin];
        const char *fmt = plugin->desc.name;
        char *path = output_path(r->out_dir, in->id, plugin->desc.extension);
        switch (job->state) {
        case BATCH_JOB_DONE:
            written++;
            if (report)
                batch_report_output(&rep, in->path, in->id, fmt, path, job->bytes, job->sha,
                                    job->ms);
            break;
        case BATCH_JOB_SKIPPED:
            skipped++;
            if (report)
                batch_report_skipped(&rep, in->path, in->id, fmt, path);
            break;
        default:
            if (job->state != BATCH_JOB_FAILED) {
                snprintf(batch_pool_error(pool, i), BATCH_POOL_ERROR_CAP,
                         "%s: error: %s export did not run (no worker was left)", path, fmt);
                fprintf(stderr, "%s\n", batch_pool_error(pool, i));
                job->exit_code = EXIT_INTERNAL;
            }
            failed++;
            cli_fail(s, job->exit_code ? job->exit_code : EXIT_EXPORT);
            bool stale = false, removed = false;
            stale_output(r, path, strrchr(path, '/') + 1, &stale, &removed);
            if (report)
                batch_report_failure(&rep, in->path, in->id, fmt, job->exit_code,
                                     batch_pool_error(pool, i), stale, removed);
        }
        free(path);
    }
    for (size_t k = 0; report && k < pool->n_workers; k++)
        batch_report_worker(&rep, pool->workers[k].pid, pool->workers[k].jobs,
                            pool->workers[k].max_rss_kb);
    size_t profiles = r->profiles_total;
    if (!s->opt->quiet && r->n_in > 1 && !r->progress.enabled)
        fprintf(stderr, "dossier: %zu profile%s: %zu written, %zu unchanged, %zu failed in "
                "%.1f s with %zu worker%s\n", profiles, profiles == 1 ? "" : "s", written,
                skipped, failed, seconds, pool->n_workers, pool->n_workers == 1 ? "" : "s");
    else if (!s->opt->quiet && r->progress.enabled)
        fprintf(stderr, "dossier: %zu profiles: %zu written, %zu unchanged, %zu failed in "
                "%.1f s\n", profiles, written, skipped, failed, seconds);
    if (report) {
        batch_report_summary(&rep, r->profiles_total, written, skipped, failed, seconds,
                             pool->n_workers);
        if (!batch_report_write(&rep, s->opt->report_file)) {
            fprintf(stderr, "%s: error: cannot write the report: %s\n", s->opt->report_file,
                    strerror(errno));
            cli_fail(s, EXIT_OUTPUT);
        }
        batch_report_free(&rep);
    }
}

int cmd_export(cli_session *s)
{
    const dossier_option *fo = config_option_find(config_core_options, "formats");
    const dossier_option *oo = config_option_find(config_core_options, "output_dir");
    const char *formats = s->opt->formats ? s->opt->formats : config_value(&s->cfg, "core", fo);
    run r = {.s = s};
    r.out_dir = s->opt->output_dir ? s->opt->output_dir : config_value(&s->cfg, "core", oo);
    batch_shard shard = {0};
    char why[512];
    if (s->opt->shard && !batch_shard_parse(s->opt->shard, &shard, why, sizeof why)) {
        fprintf(stderr, "dossier: error: %s\n", why);
        cli_fail(s, EXIT_USAGE);
        return s->exit_code;
    }
    if (!select_formats(s, formats, &r.plugins, &r.n_plugins)) {
        free(r.plugins);
        return s->exit_code;
    }
    /* "all" cannot be all when a plugin file was skipped: say so, and let the exit status
       say it too (the other formats are still written), so that a batch job does not look
       green with a format missing. */
    bool formats_missing = strcmp(formats, "all") == 0 && s->reg.n_skipped > 0;
    r.settings = settings_of(s, r.n_plugins);
    r.record_state = s->opt->skip_unchanged;
    r.hash_outputs = s->opt->skip_unchanged || s->opt->report_file;
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    batch_inputs paths;
    batch_inputs_init(&paths);
    bool go = cli_gather_inputs(s, &paths);
    r.n_in = paths.count;
    r.in = calloc(r.n_in + 1, sizeof *r.in);
    if (!r.in)
        abort();
    for (size_t i = 0; i < r.n_in; i++)
        r.in[i].path = paths.paths[i];
    if (go && r.n_in == 0) {
        fprintf(stderr, "dossier: error: no profile to export\n");
        cli_fail(s, EXIT_INPUT);
        go = false;
    }
    long long start = batch_progress_now_ms();
    /* Made before the workers are forked, so they see the models at the same addresses. */
    r.store = model_store_new(model_memory_bytes(s));
    go = go && load_inputs(s, r.in, r.n_in, s->opt->skip_unchanged, r.store, &shard,
                          r.plugins, r.n_plugins);
    go = go && report_path_safe(s, r.in, r.n_in, r.plugins, r.n_plugins, r.out_dir);
    /* Loading left free holes in the heap; the workers would inherit them as resident pages
       (fork copies the page tables), so a worker's memory would grow with the batch. */
    malloc_trim(0);

    /* This shard's jobs: profiles in input order, formats in name order. */
    size_t n_jobs = 0;
    for (size_t i = 0; go && i < r.n_in; i++)
        if (r.in[i].id && batch_shard_contains(&shard, r.in[i].id)) {
            r.in[i].remaining = r.n_plugins;
            r.profiles_total++;
            n_jobs += r.n_plugins;
        }
    if (go && n_jobs && !atomic_file_mkdirs(r.out_dir)) {
        fprintf(stderr, "%s: error: cannot create the output directory: %s\n", r.out_dir,
                strerror(errno));
        cli_fail(s, EXIT_OUTPUT);
        go = false;
    }
    if (go && n_jobs)
        clean_leftovers(&r);
    batch_pool pool = {0};
    if (go && !batch_pool_create(&pool, n_jobs)) {
        fprintf(stderr, "dossier: error: cannot map the job table: %s\n", strerror(errno));
        cli_fail(s, EXIT_INTERNAL);
        go = false;
    }
    r.pool = &pool;
    if (go) {
        size_t j = 0;
        for (size_t i = 0; i < r.n_in; i++) {
            if (!r.in[i].remaining)
                continue;
            for (size_t k = 0; k < r.n_plugins; k++, j++) {
                batch_job *job = &pool.jobs[j];
                job->profile = (uint32_t)i;
                job->plugin = (uint32_t)k;
                job->bytes = -1;
                if (!s->opt->skip_unchanged || !r.in[i].sha[0])
                    continue;
                batch_state_key(r.plugins[k], &s->cfg, r.in[i].path, r.in[i].sha, job->key);
                char name[512];
                snprintf(name, sizeof name, "%s.%s", r.in[i].id,
                         r.plugins[k]->desc.extension);
                if (batch_state_fresh(r.out_dir, name, job->key)) {
                    job->state = BATCH_JOB_SKIPPED;
                    if (s->opt->verbose)
                        printf("unchanged %s/%s\n", r.out_dir, name);
                    if (--r.in[i].remaining == 0)
                        r.profiles_done++;
                }
            }
        }
        /* Default: one worker per core, at most one per profile: parallel formats of a single
           profile cost a second process's start-up for little gain (docs/performance.md). */
        unsigned workers = s->opt->jobs ? s->opt->jobs : default_workers();
        if (!s->opt->jobs && workers > r.profiles_total)
            workers = r.profiles_total ? (unsigned)r.profiles_total : 1;
        batch_progress_start(&r.progress, r.profiles_total, !s->opt->quiet);
        batch_pool_ops ops = {.user = &r, .run = job_run, .worker_exit = worker_exit,
                              .on_lost = job_lost, .on_finished = job_finished,
                              .refresh_ms = r.progress.enabled ? 250 : 0,
                              .timeout_s = r.settings.isolate ? r.settings.timeout_s : 0};
        batch_progress_update(&r.progress, r.profiles_done);
        if (!batch_pool_run(&pool, workers, &ops)) {
            fprintf(stderr, "dossier: error: cannot start a worker process: %s\n",
                    strerror(errno));
            cli_fail(s, EXIT_INTERNAL);
        }
        batch_progress_end(&r.progress);
        finish(&r, &pool, &shard, (double)(batch_progress_now_ms() - start) / 1000.0);
    }
    if (formats_missing) {
        for (size_t i = 0; i < s->reg.n_skipped; i++)
            fprintf(stderr, "dossier: error: -f all: a format is missing: %s\n",
                    s->reg.skipped[i]);
        cli_fail(s, EXIT_FORMAT);
    }
    fflush(stdout);
    batch_pool_destroy(&pool);
    for (size_t i = 0; i < r.n_in; i++) {
        free(r.in[i].id);
        brief_doc_free(r.in[i].brief);
        profile_free(r.in[i].model);
    }
    free(r.in);
    model_store_free(r.store);
    batch_inputs_free(&paths);
    free(r.plugins);
    return s->exit_code;
}
