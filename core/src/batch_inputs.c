/* batch_inputs.c — PROFILE arguments, directories and manifests to a list of files (see
 * batch_inputs.h). */
#include "batch_inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void batch_inputs_init(batch_inputs *in)
{
    memset(in, 0, sizeof *in);
}

void batch_inputs_free(batch_inputs *in)
{
    for (size_t i = 0; i < in->count; i++)
        free(in->paths[i]);
    free(in->paths);
    batch_inputs_init(in);
}

/* Takes ownership of path. */
static void push(batch_inputs *in, char *path)
{
    if (!path)
        abort();
    if (in->count == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 64;
        char **grown = realloc(in->paths, cap * sizeof *grown);
        if (!grown)
            abort();
        in->paths = grown;
        in->cap = cap;
    }
    in->paths[in->count++] = path;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    char *s = malloc(n + strlen(name) + 2);
    if (!s)
        abort();
    memcpy(s, dir, n);
    s[n] = '/';
    strcpy(s + n + 1, name);
    return s;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_json_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

bool batch_inputs_add_arg(batch_inputs *in, const char *arg, diag_list *d)
{
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        push(in, strdup(arg)); /* the loader reports a missing file */
        return true;
    }
    DIR *dir = opendir(arg);
    if (!dir) {
        diag_add(d, DIAG_ERROR, "%s: error: cannot read the directory: %s", arg,
                 strerror(errno));
        return false;
    }
    size_t first = in->count;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (!is_json_name(e->d_name))
            continue;
        char *path = join(arg, e->d_name);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            free(path);
        else
            push(in, path);
    }
    closedir(dir);
    qsort(in->paths + first, in->count - first, sizeof *in->paths, by_name);
    if (in->count == first)
        diag_add(d, DIAG_WARNING, "%s: warning: the directory has no *.json file", arg);
    return true;
}

bool batch_inputs_add_manifest(batch_inputs *in, const char *manifest, diag_list *d)
{
    FILE *f = fopen(manifest, "r");
    if (!f) {
        diag_add(d, DIAG_ERROR, "%s: error: cannot read the manifest: %s", manifest,
                 strerror(errno));
        return false;
    }
    char *base = strdup(manifest);
    if (!base)
        abort();
    char *slash = strrchr(base, '/');
    if (slash)
        slash[slash == base ? 1 : 0] = '\0';
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        char *end = s + strlen(s);
        while (end > s && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' ||
                           end[-1] == '\t'))
            *--end = '\0';
        if (*s == '\0' || *s == '#')
            continue;
        push(in, s[0] == '/' || !slash ? strdup(s) : join(base, s));
    }
    bool ok = !ferror(f);
    if (!ok)
        diag_add(d, DIAG_ERROR, "%s: error: cannot read the manifest: %s", manifest,
                 strerror(errno));
    free(line);
    free(base);
    fclose(f);
    return ok;
}
