/* batch_leftovers.c — removing what killed runs left behind (see batch_leftovers.h). */
#include "batch_leftovers.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch_state.h"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "<name><suffix>.XXXXXX" after the leading dot: the name, when it is one of ours. */
static bool ours(const char *entry, const char *suffix, char **names, size_t n)
{
    size_t len = strlen(entry), ls = strlen(suffix);
    if (entry[0] != '.' || len < 1 + ls + 7 + 1 || entry[len - 7] != '.')
        return false;
    for (size_t i = len - 6; i < len; i++) {
        char ch = entry[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
            return false;
    }
    size_t base = len - 7 - ls - 1; /* without the dot, the suffix and ".XXXXXX" */
    if (memcmp(entry + 1 + base, suffix, ls) != 0)
        return false;
    char key[1024];
    if (base >= sizeof key)
        return false;
    memcpy(key, entry + 1, base);
    key[base] = '\0';
    const char *k = key;
    return bsearch(&k, names, n, sizeof *names, cmp_names) != NULL;
}

static size_t clean_dir(const char *dir, const char *suffix, char **names, size_t n,
                        time_t cutoff)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!ours(e->d_name, suffix, names, n))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < cutoff &&
            unlink(path) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}

size_t batch_leftovers_clean(const char *out_dir, char **names, size_t n, long long min_age_s)
{
    if (n == 0)
        return 0;
    qsort(names, n, sizeof *names, cmp_names);
    time_t cutoff = time(NULL) - (time_t)min_age_s;
    size_t removed = clean_dir(out_dir, "", names, n, cutoff);
    char state[4096];
    snprintf(state, sizeof state, "%s/%s", out_dir, BATCH_STATE_DIR);
    struct stat st;
    if (lstat(state, &st) == 0 && S_ISDIR(st.st_mode))
        removed += clean_dir(state, ".sha256", names, n, cutoff);
    return removed;
}
