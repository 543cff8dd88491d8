/* registry.c — plugin loading and ABI checks (see registry.h). Nothing of a plugin is called
 * before its descriptor has been checked; its init runs on first use only. */
#include "registry.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void registry_init(registry *r, host_log_fn sink, void *sink_user)
{
    memset(r, 0, sizeof *r);
    r->sink = sink;
    r->sink_user = sink_user;
}

void registry_free(registry *r)
{
    for (size_t i = 0; i < r->count; i++) {
        plugin_entry *e = &r->items[i];
        if (e->initialized && e->desc.fini)
            e->desc.fini(e->state);
        host_ctx_free(e->ctx);
        dlclose(e->handle);
        free(e->path);
        free(e->own_options);
    }
    free(r->items);
    for (size_t i = 0; i < r->n_skipped; i++)
        free(r->skipped[i]);
    free(r->skipped);
    memset(r, 0, sizeof *r);
}

plugin_entry *registry_find(const registry *r, const char *name)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->items[i].desc.name, name) == 0)
            return &r->items[i];
    return NULL;
}

static bool name_valid(const char *s, size_t max)
{
    if (!s || !*s || strlen(s) > max)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

/* Checks the descriptor; returns NULL when it is acceptable, else the reason. */
static const char *descriptor_problem(const dossier_plugin *raw, dossier_plugin *copy,
                                      dossier_option **own_options, char *why, size_t cap)
{
    *own_options = NULL;
    if (raw->abi_major != DOSSIER_ABI_MAJOR) {
        snprintf(why, cap, "built for plugin ABI %u.%u, this dossier speaks ABI %d.%d",
                 raw->abi_major, raw->abi_minor, DOSSIER_ABI_MAJOR, DOSSIER_ABI_MINOR);
        return why;
    }
    if (raw->abi_minor > DOSSIER_ABI_MINOR) {
        snprintf(why, cap, "needs plugin ABI %u.%u, newer than this dossier's %d.%d (upgrade "
                 "dossier)", raw->abi_major, raw->abi_minor, DOSSIER_ABI_MAJOR,
                 DOSSIER_ABI_MINOR);
        return why;
    }
    size_t required = offsetof(dossier_plugin, fini) + sizeof raw->fini;
    if (raw->struct_size < required || raw->struct_size > 65536) {
        snprintf(why, cap, "descriptor size %zu is impossible for ABI %u.%u (expected at least "
                 "%zu); was it built with DOSSIER_PLUGIN_INIT?", raw->struct_size,
                 raw->abi_major, raw->abi_minor, required);
        return why;
    }
    memset(copy, 0, sizeof *copy);
    memcpy(copy, raw, raw->struct_size < sizeof *copy ? raw->struct_size : sizeof *copy);
    if (!name_valid(copy->name, 32)) {
        snprintf(why, cap, "format name is missing or not of [a-z0-9_-] (at most 32)");
        return why;
    }
    if (!name_valid(copy->extension, 16)) {
        snprintf(why, cap, "format \"%s\": file extension is missing or not of [a-z0-9_-]",
                 copy->name);
        return why;
    }
    if (!copy->export_profile) {
        snprintf(why, cap, "format \"%s\": the required export callback is NULL", copy->name);
        return why;
    }
    if (copy->options && (copy->option_size < sizeof(dossier_option) ||
                          copy->option_size > 4096)) {
        snprintf(why, cap, "format \"%s\": option table entry size %zu is impossible (expected "
                 "at least %zu); was it built with DOSSIER_PLUGIN_INIT?", copy->name,
                 copy->option_size, sizeof(dossier_option));
        return why;
    }
    if (copy->options && copy->option_size != sizeof(dossier_option)) {
        /* Built with a later minor whose dossier_option grew: read each entry with the
           plugin's stride and keep the fields this host knows. */
        const char *raw_opts = (const char *)copy->options;
        size_t n = 0;
        while (n < 4096 && ((const dossier_option *)(raw_opts + n * copy->option_size))->key)
            n++;
        dossier_option *opts = calloc(n + 1, sizeof *opts);
        if (!opts) {
            snprintf(why, cap, "out of memory");
            return why;
        }
        for (size_t i = 0; i < n; i++)
            memcpy(&opts[i], raw_opts + i * copy->option_size, sizeof *opts);
        copy->options = opts;
        copy->option_size = sizeof *opts;
        *own_options = opts;
    }
    for (const dossier_option *o = copy->options; o && o->key; o++) {
        char reason[128];
        if (!name_valid(o->key, 64) || (unsigned)o->type > DOSSIER_OPT_NUMBER ||
            (o->type == DOSSIER_OPT_CHOICE && !o->choices) ||
            (o->default_value && !config_check_value(o, o->default_value, reason, sizeof reason))) {
            snprintf(why, cap, "format \"%s\": option \"%s\" is malformed (bad name, type, "
                     "choices or default)", copy->name, o->key ? o->key : "?");
            return why;
        }
    }
    if (!copy->version)
        copy->version = "?";
    if (!copy->description)
        copy->description = "";
    if (!copy->mime_type)
        copy->mime_type = "application/octet-stream";
    return NULL;
}

/* A folder that holds a plugin (or a link to one), and every folder above it: writable only
 * by its owner (and the owner's own group), owned by root or the user running dossier; a
 * folder above may be writable by all only with the sticky bit (as /tmp). Like ssh's
 * StrictModes and sudo: code that others could have replaced, or could replace by renaming a
 * folder, is not run. Returns the reason, or NULL. */
static const char *unsafe_folder(const char *folder, char *why, size_t cap)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", folder);
    bool first = true;
    for (;;) {
        struct stat st;
        if (stat(dir, &st) != 0) {
            snprintf(why, cap, "cannot check %.1024s: %s", dir, strerror(errno));
            return why;
        }
        bool sticky = (st.st_mode & S_ISVTX) != 0;
        const char *what = first ? "" : ", a folder above it,";
        /* Group-writable is tolerated for the user's own group (user-private groups, umask
         * 002); writable by a foreign group or by everyone is not (above the plugin's own
         * folder, the sticky bit makes it safe: nobody can rename what is not theirs). */
        if (((st.st_mode & S_IWOTH) || ((st.st_mode & S_IWGRP) && st.st_gid != getegid())) &&
            (first || !sticky)) {
            snprintf(why, cap, "%.1024s%s is writable by other users (fix with: chmod go-w "
                     "%.1024s)", dir, what, dir);
            return why;
        }
        if (st.st_uid != 0 && st.st_uid != geteuid()) {
            snprintf(why, cap, "%.1024s%s belongs to another user (uid %u)", dir, what,
                     (unsigned)st.st_uid);
            return why;
        }
        char *up = strrchr(dir, '/');
        if (!up || (up == dir && dir[1] == '\0'))
            return NULL;
        *(up == dir ? up + 1 : up) = '\0';
        first = false;
    }
}

/* The plugin file itself (resolved), then its folder and the folders above. */
static const char *unsafe_reason(const char *real, char *why, size_t cap)
{
    struct stat st;
    if (stat(real, &st) != 0) {
        snprintf(why, cap, "cannot check %s: %s", real, strerror(errno));
        return why;
    }
    if ((st.st_mode & S_IWOTH) || ((st.st_mode & S_IWGRP) && st.st_gid != getegid())) {
        snprintf(why, cap, "%.1024s is writable by other users (fix with: chmod go-w %.1024s)", real,
                 real);
        return why;
    }
    if (st.st_uid != 0 && st.st_uid != geteuid()) {
        snprintf(why, cap, "%.1024s belongs to another user (uid %u)", real, (unsigned)st.st_uid);
        return why;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", real);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    return unsafe_folder(dir, why, cap);
}

/* A plugin reached through a symbolic link: whoever can write the folder the link is in can
 * point it elsewhere, so that folder must be safe too. */
static const char *unsafe_link(const char *path, char *why, size_t cap)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return NULL;
    char dir[PATH_MAX], real[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    if (!realpath(dir, real)) {
        snprintf(why, cap, "cannot check %s: %s", dir, strerror(errno));
        return why;
    }
    const char *r = unsafe_folder(real, why, cap);
    if (r) {
        char inner[PATH_MAX + 512];
        snprintf(inner, sizeof inner, "%s", why);
        snprintf(why, cap, "it is a symbolic link in %.1024s, which is not safe: %.1024s", real,
                 inner);
    }
    return r;
}

/* Remembers a plugin file that could not be used, so that `-f all` can say a format is
 * missing. */
static void registry_note_skipped(registry *r, const char *file, const char *why)
{
    char **grown = realloc(r->skipped, (r->n_skipped + 1) * sizeof *grown);
    if (!grown)
        return;
    r->skipped = grown;
    size_t n = strlen(file) + strlen(why) + 3;
    char *s = malloc(n);
    if (!s)
        return;
    snprintf(s, n, "%s: %s", file, why);
    r->skipped[r->n_skipped++] = s;
}

bool registry_load_file(registry *r, const char *path, diag_list *d)
{
    char real[PATH_MAX], why[PATH_MAX + 128];
    if (!realpath(path, real)) {
        diag_add(d, DIAG_WARNING, "%s: warning: plugin skipped: %s", path, strerror(errno));
        return false;
    }
    if (unsafe_link(path, why, sizeof why) || unsafe_reason(real, why, sizeof why)) {
        diag_add(d, DIAG_WARNING, "%s: warning: plugin refused: %s", real, why);
        registry_note_skipped(r, real, why);
        return false;
    }
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->items[i].path, real) == 0)
            return true; /* the same file reached through two search directories */
    dlerror();
    /* NOW: every symbol resolved here, not mid-export. LOCAL: its symbols do not satisfy
     * other plugins. NODELETE: the code of a plugin and of the libraries it brought in stays
     * mapped until exit, so an atexit handler or thread it left behind never jumps into
     * unmapped memory, and their global caches stay reachable for leak checkers. */
    void *h = dlopen(real, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!h) {
        const char *err = dlerror();
        diag_add(d, DIAG_WARNING, "%s: warning: plugin skipped: not a loadable shared object "
                 "(%s)", real, err ? err : "unknown dlopen error");
        registry_note_skipped(r, real, "not a loadable shared object");
        return false;
    }
    dlerror();
    const dossier_plugin *raw = dlsym(h, DOSSIER_PLUGIN_SYMBOL);
    const char *err = dlerror();
    if (!raw || err) {
        diag_add(d, DIAG_WARNING, "%s: warning: plugin skipped: no symbol \"%s\" (%s)", real,
                 DOSSIER_PLUGIN_SYMBOL, err ? err : "symbol is NULL");
        registry_note_skipped(r, real, "no plugin descriptor symbol");
        dlclose(h);
        return false;
    }
    dossier_plugin copy;
    dossier_option *own_options;
    if (descriptor_problem(raw, &copy, &own_options, why, sizeof why)) {
        diag_add(d, DIAG_WARNING, "%s: warning: plugin skipped: %s", real, why);
        free(own_options);
        registry_note_skipped(r, real, why);
        dlclose(h);
        return false;
    }
    plugin_entry *dup = registry_find(r, copy.name);
    if (dup) {
        diag_add(d, DIAG_WARNING, "%s: warning: plugin skipped: format \"%s\" is already "
                 "provided by %s", real, copy.name, dup->path);
        free(own_options);
        dlclose(h);
        return false;
    }
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        plugin_entry *items = realloc(r->items, cap * sizeof *items);
        if (!items) {
            free(own_options);
            dlclose(h);
            return false;
        }
        r->items = items;
        r->cap = cap;
    }
    plugin_entry *e = &r->items[r->count];
    memset(e, 0, sizeof *e);
    e->desc = copy;
    e->own_options = own_options;
    e->handle = h;
    e->path = strdup(real);
    e->ctx = host_ctx_new(copy.name, copy.options, NULL, r->sink, r->sink_user);
    if (!e->path || !e->ctx) {
        free(e->path);
        free(e->own_options);
        host_ctx_free(e->ctx);
        dlclose(h);
        return false;
    }
    r->count++;
    return true;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void registry_load_dir(registry *r, const char *dir, bool explicit_dir, diag_list *d)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        if (explicit_dir)
            diag_add(d, DIAG_WARNING, "%s: warning: plugin directory cannot be read: %s", dir,
                     strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t len = strlen(de->d_name);
        if (len < 4 || strcmp(de->d_name + len - 3, ".so") != 0 || de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown)
                break;
            names = grown;
        }
        if (!(names[n] = strdup(de->d_name)))
            break;
        n++;
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, str_cmp);
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            registry_load_file(r, path, d);
        free(names[i]);
    }
    free(names);
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const plugin_entry *)a)->desc.name, ((const plugin_entry *)b)->desc.name);
}

void registry_sort(registry *r)
{
    if (r->count)
        qsort(r->items, r->count, sizeof *r->items, entry_cmp);
}

bool registry_ensure_init(plugin_entry *e, const config *cfg, diag_list *d)
{
    host_ctx_set_config(e->ctx, cfg);
    if (e->initialized)
        return true;
    if (e->init_failed)
        return false;
    if (e->desc.init) {
        host_ctx_clear_error(e->ctx);
        dossier_status s = e->desc.init(host_services(), e->ctx, &e->state);
        if (s != DOSSIER_OK) {
            const char *why = host_ctx_error(e->ctx);
            diag_add(d, DIAG_ERROR, "error: format %s: plugin %s failed to start: %s%s%s",
                     e->desc.name, e->path, dossier_status_string(s), *why ? ": " : "", why);
            e->init_failed = true;
            return false;
        }
    }
    e->initialized = true;
    return true;
}

/* --- search path ---------------------------------------------------------------------- */

typedef struct path_list {
    char **dirs;
    bool *explicit_dirs;
    size_t n, cap;
} path_list;

static void path_add(path_list *l, const char *dir, size_t len, bool explicit_dir)
{
    if (len == 0)
        return;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->dirs = realloc(l->dirs, l->cap * sizeof *l->dirs);
        l->explicit_dirs = realloc(l->explicit_dirs, l->cap * sizeof *l->explicit_dirs);
        if (!l->dirs || !l->explicit_dirs)
            abort();
    }
    l->dirs[l->n] = strndup(dir, len);
    l->explicit_dirs[l->n] = explicit_dir;
    if (!l->dirs[l->n])
        abort();
    l->n++;
}

static void path_add_list(path_list *l, const char *colon_list)
{
    for (const char *p = colon_list; p && *p;) {
        const char *c = strchr(p, ':');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        path_add(l, p, len, true);
        p = c ? c + 1 : p + len;
    }
}

size_t registry_search_path(const char *const *cli_dirs, size_t n_cli, const char *config_dirs,
                            char ***dirs, bool **explicit_dirs)
{
    path_list l = {0};
    for (size_t i = 0; i < n_cli; i++)
        path_add(&l, cli_dirs[i], strlen(cli_dirs[i]), true);
    path_add_list(&l, getenv("DOSSIER_PLUGIN_PATH"));
    path_add_list(&l, config_dirs);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        char build_bin[PATH_MAX];
        if (realpath(DOSSIER_BUILD_BIN_DIR, build_bin) && strcmp(build_bin, exe) == 0)
            path_add(&l, DOSSIER_BUILD_PLUGIN_DIR, strlen(DOSSIER_BUILD_PLUGIN_DIR), false);
        char installed[PATH_MAX];
        int m = snprintf(installed, sizeof installed, "%s/%s", exe, DOSSIER_BIN_TO_PLUGINS);
        if (m > 0 && (size_t)m < sizeof installed)
            path_add(&l, installed, (size_t)m, false);
    }
    path_add(&l, DOSSIER_INSTALL_PLUGIN_DIR, strlen(DOSSIER_INSTALL_PLUGIN_DIR), false);
    *dirs = l.dirs;
    *explicit_dirs = l.explicit_dirs;
    return l.n;
}

void registry_free_search_path(char **dirs, bool *explicit_dirs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(dirs[i]);
    free(dirs);
    free(explicit_dirs);
}
