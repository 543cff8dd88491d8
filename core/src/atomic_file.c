/* atomic_file.c — temporary file, fsync, rename (see atomic_file.h). */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporary files in flight, for atomic_file_remove_pending. Fixed storage so a signal
 * handler can read it without locks or allocation. */
#define PENDING_SLOTS 16
static char pending_path[PENDING_SLOTS][PATH_MAX];
static volatile sig_atomic_t pending_used[PENDING_SLOTS];

static void pending_add(const char *path)
{
    for (int i = 0; i < PENDING_SLOTS; i++)
        if (!pending_used[i] && strlen(path) < PATH_MAX) {
            memcpy(pending_path[i], path, strlen(path) + 1);
            pending_used[i] = 1;
            return;
        }
}

static void pending_remove(const char *path)
{
    for (int i = 0; i < PENDING_SLOTS; i++)
        if (pending_used[i] && strcmp(pending_path[i], path) == 0) {
            pending_used[i] = 0;
            return;
        }
}

void atomic_file_remove_pending(void)
{
    for (int i = 0; i < PENDING_SLOTS; i++)
        if (pending_used[i])
            unlink(pending_path[i]);
}

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static mode_t file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

bool atomic_file_begin(atomic_file *f, const char *dir, const char *name)
{
    f->tmp_path = NULL;
    f->final_path = path_join(dir, name);
    size_t n = strlen(dir) + strlen(name) + 16;
    char *tmp = malloc(n);
    if (!f->final_path || !tmp) {
        free(f->final_path);
        free(tmp);
        errno = ENOMEM;
        return false;
    }
    snprintf(tmp, n, "%s/.%s.XXXXXX", dir, name);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        free(f->final_path);
        f->final_path = NULL;
        errno = e;
        return false;
    }
    if (fchmod(fd, file_mode()) != 0) {
        /* keep mkstemp's 0600: safe, only less convenient */
    }
    close(fd);
    f->tmp_path = tmp;
    pending_add(tmp);
    return true;
}

static bool fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return false;
    int r = fsync(fd);
    int e = errno;
    close(fd);
    errno = e;
    return r == 0 || errno == EINVAL; /* some file systems cannot fsync a directory */
}

bool atomic_file_commit(atomic_file *f)
{
    bool ok = fsync_path(f->tmp_path, O_RDONLY) && rename(f->tmp_path, f->final_path) == 0;
    int e = errno;
    if (ok) {
        pending_remove(f->tmp_path);
        char *slash = strrchr(f->final_path, '/');
        if (slash) {
            *slash = '\0';
            fsync_path(*f->final_path ? f->final_path : "/", O_RDONLY | O_DIRECTORY);
            *slash = '/';
        }
        free(f->tmp_path);
        f->tmp_path = NULL;
    } else {
        atomic_file_abort(f);
    }
    free(f->final_path);
    f->final_path = NULL;
    errno = e;
    return ok;
}

void atomic_file_abort(atomic_file *f)
{
    if (f->tmp_path) {
        unlink(f->tmp_path);
        pending_remove(f->tmp_path);
        free(f->tmp_path);
        f->tmp_path = NULL;
    }
    free(f->final_path);
    f->final_path = NULL;
}

bool atomic_file_mkdirs(const char *dir)
{
    char path[PATH_MAX];
    if (!*dir) { /* the loop below starts at path[1] */
        errno = ENOENT;
        return false;
    }
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return false;
    }
    for (char *p = path + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST)
                return false;
            *p = c;
            if (!c)
                break;
        }
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return false;
    }
    return true;
}
