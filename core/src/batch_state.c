/* batch_state.c — keys and state files of --skip-unchanged (see batch_state.h). */
#include "batch_state.h"

#include "brief_settings.h"

#include <errno.h>
#include <sys/file.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"

static void put(batch_sha256 *c, const char *label, const char *value)
{
    batch_sha256_update(c, label, strlen(label));
    batch_sha256_update(c, "=", 1);
    batch_sha256_update(c, value ? value : "", value ? strlen(value) + 1 : 0);
    batch_sha256_update(c, "\n", 1);
}

void batch_state_key(const plugin_entry *plugin, const config *cfg, const char *profile_path,
                     const char *profile_sha, char key[BATCH_SHA256_HEX])
{
    batch_sha256 c;
    batch_sha256_init(&c);
    put(&c, "dossier-state", "1");
    put(&c, "dossier", DOSSIER_VERSION);
    put(&c, "format", plugin->desc.name);
    put(&c, "plugin", plugin->path);
    put(&c, "plugin-version", plugin->desc.version);
    struct stat st;
    char ident[96] = "";
    if (stat(plugin->path, &st) == 0)
        snprintf(ident, sizeof ident, "%lld %lld.%09ld", (long long)st.st_size,
                 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    put(&c, "plugin-file", ident);
    for (const dossier_option *o = plugin->desc.options; o && o->key; o++)
        put(&c, o->key, config_value(cfg, plugin->desc.name, o));
    /* The brief is composed from [brief] (and a template file, identified like the plugin). */
    for (const dossier_option *o = brief_options; o->key; o++)
        put(&c, o->key, config_value(cfg, "brief", o));
    /* The template file as the brief reads it for this profile (next to it, else as given):
       its content, so an edit of the file redoes the outputs. */
    const config_entry *tpl = config_find(cfg, "brief", "template");
    ident[0] = '\0';
    if (tpl && strcasecmp(tpl->value, "report") != 0 && strcasecmp(tpl->value, "bulletin") != 0 &&
        strcasecmp(tpl->value, "official") != 0) {
        char path[4096];
        unsigned char digest[32];
        brief_template_path(tpl->value, profile_path, path, sizeof path);
        if (batch_sha256_file(path, digest, NULL))
            batch_sha256_hex(digest, ident);
    }
    put(&c, "template-file", ident);
    /* The units of [core] units_file decide base-unit values (XLSX, CSV): its content. */
    char units[4096], hex[BATCH_SHA256_HEX] = "";
    if (config_units_file(cfg, units, sizeof units)) {
        unsigned char digest[32];
        long long size;
        if (batch_sha256_file(units, digest, &size))
            batch_sha256_hex(digest, hex);
        else
            snprintf(hex, sizeof hex, "unreadable");
        put(&c, "units-file", units);
    }
    put(&c, "units-file-sha256", hex);
    put(&c, "SOURCE_DATE_EPOCH", getenv("SOURCE_DATE_EPOCH"));
    put(&c, "profile", profile_sha);
    unsigned char d[32];
    batch_sha256_final(&c, d);
    batch_sha256_hex(d, key);
}

static char *state_path(const char *out_dir, const char *name)
{
    size_t n = strlen(out_dir) + strlen(name) + sizeof BATCH_STATE_DIR + 16;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s/%s.sha256", out_dir, BATCH_STATE_DIR, name);
    return p;
}

void batch_state_forget(const char *out_dir, const char *name)
{
    char *path = state_path(out_dir, name);
    unlink(path);
    free(path);
}

/* The state folder, unless it is not a real folder (a symlink is never followed: the state
 * of one output directory must not be written elsewhere). NULL with errno set otherwise. */
static char *state_dir(const char *out_dir, bool create)
{
    size_t n = strlen(out_dir) + sizeof BATCH_STATE_DIR + 2;
    char *dir = malloc(n);
    if (!dir)
        abort();
    snprintf(dir, n, "%s/%s", out_dir, BATCH_STATE_DIR);
    struct stat st;
    if (lstat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return dir;
        errno = S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR;
    } else if (errno == ENOENT && create && atomic_file_mkdirs(dir)) {
        return dir;
    }
    free(dir);
    return NULL;
}

/* Opens a regular file of the state folder for reading without blocking on a FIFO or
 * following a symlink; NULL otherwise. */
static FILE *open_state_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > 4096) {
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "r");
    if (!f)
        close(fd);
    return f;
}

bool batch_state_fresh(const char *out_dir, const char *name, const char *key)
{
    char *dir = state_dir(out_dir, false);
    if (!dir)
        return false;
    free(dir);
    char *path = state_path(out_dir, name);
    FILE *f = open_state_file(path);
    free(path);
    if (!f)
        return false;
    char stored[BATCH_SHA256_HEX] = "", sha[BATCH_SHA256_HEX] = "";
    long long bytes = -1;
    int n = fscanf(f, "%64s %64s %lld", stored, sha, &bytes);
    fclose(f);
    if (n != 3 || strcmp(stored, key) != 0)
        return false;
    size_t len = strlen(out_dir) + strlen(name) + 2;
    char *out = malloc(len);
    if (!out)
        abort();
    snprintf(out, len, "%s/%s", out_dir, name);
    /* The output must be the very bytes recorded for this key: a concurrent run may have
       replaced it since (its own key is recorded then, or ours is, with other bytes). */
    struct stat st;
    bool fresh = lstat(out, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == bytes;
    if (fresh) {
        unsigned char digest[32];
        char hex[BATCH_SHA256_HEX];
        long long size = -1;
        fresh = batch_sha256_file(out, digest, &size) && size == bytes;
        if (fresh) {
            batch_sha256_hex(digest, hex);
            fresh = strcmp(hex, sha) == 0;
        }
    }
    free(out);
    return fresh;
}

int batch_state_lock(const char *out_dir, const char *name)
{
    char *dir = state_dir(out_dir, true);
    if (!dir)
        return -1;
    size_t n = strlen(dir) + strlen(name) + 8;
    char *path = malloc(n);
    if (!path)
        abort();
    snprintf(path, n, "%s/.%s.lock", dir, name);
    free(dir);
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    free(path);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    }
    return fd;
}

void batch_state_unlock(int fd)
{
    if (fd >= 0)
        close(fd); /* releases the lock */
}

bool batch_state_record(const char *out_dir, const char *name, const char *key,
                        const char *output_sha, long long bytes)
{
    char *dir = state_dir(out_dir, true);
    if (!dir)
        return false;
    char file[512];
    snprintf(file, sizeof file, "%s.sha256", name);
    atomic_file f;
    bool ok = atomic_file_begin(&f, dir, file);
    free(dir);
    if (!ok)
        return false;
    FILE *w = fopen(f.tmp_path, "w");
    ok = w && fprintf(w, "%s\n%s %lld\n", key, output_sha, bytes) > 0;
    if (w && fclose(w) != 0)
        ok = false;
    if (!ok) {
        int e = errno;
        atomic_file_abort(&f);
        errno = e;
        return false;
    }
    return atomic_file_commit(&f);
}
