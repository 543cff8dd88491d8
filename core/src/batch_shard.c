/* batch_shard.c — --shard K/N and --shard auto (see batch_shard.h). */
#include "batch_shard.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_hash.h"

/* A decimal number without sign or blanks. */
static bool number(const char *s, unsigned long *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static bool env_number(const char *name, unsigned long *out, bool *present, char *why,
                       size_t cap)
{
    const char *v = getenv(name);
    *present = v && *v;
    if (!*present)
        return true;
    if (!number(v, out)) {
        snprintf(why, cap, "%s=\"%s\" is not a number", name, v);
        return false;
    }
    return true;
}

static bool from_env(unsigned long given_n, bool have_n, batch_shard *out, char *why,
                     size_t cap)
{
    unsigned long id, min = 0, count, index, n;
    bool has_id, has_min, has_count, has_index, has_n;
    if (!env_number("SLURM_ARRAY_TASK_ID", &id, &has_id, why, cap) ||
        !env_number("SLURM_ARRAY_TASK_MIN", &min, &has_min, why, cap) ||
        !env_number("SLURM_ARRAY_TASK_COUNT", &count, &has_count, why, cap))
        return false;
    if (has_id) {
        if (!has_count) {
            snprintf(why, cap, "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not");
            return false;
        }
        if (id < min) {
            snprintf(why, cap, "SLURM_ARRAY_TASK_ID %lu is below SLURM_ARRAY_TASK_MIN %lu", id,
                     min);
            return false;
        }
        if (have_n && given_n != count) {
            snprintf(why, cap, "--shard auto/%lu but SLURM_ARRAY_TASK_COUNT is %lu", given_n,
                     count);
            return false;
        }
        out->index = id - min;
        out->count = count;
        snprintf(out->source, sizeof out->source, "Slurm array task");
        return true;
    }
    if (!env_number("JOB_COMPLETION_INDEX", &index, &has_index, why, cap) ||
        !env_number("DOSSIER_SHARD_COUNT", &n, &has_n, why, cap))
        return false;
    if (has_index) {
        if (!have_n && !has_n) {
            snprintf(why, cap, "JOB_COMPLETION_INDEX is set but the shard count is not: use "
                               "--shard auto/N or DOSSIER_SHARD_COUNT=N");
            return false;
        }
        out->index = index;
        out->count = have_n ? given_n : n;
        snprintf(out->source, sizeof out->source, "Kubernetes completion index");
        return true;
    }
    snprintf(why, cap, "--shard auto needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT "
                       "(Slurm job array) or JOB_COMPLETION_INDEX (Kubernetes Indexed Job) in "
                       "the environment");
    return false;
}

bool batch_shard_parse(const char *spec, batch_shard *out, char *why, size_t cap)
{
    memset(out, 0, sizeof *out);
    const char *slash = strchr(spec, '/');
    unsigned long n = 0;
    bool have_n = slash && number(slash + 1, &n);
    if (slash && !have_n) {
        snprintf(why, cap, "--shard \"%s\": N after the slash is not a number", spec);
        return false;
    }
    bool ok;
    if (strncmp(spec, "auto", 4) == 0 && (spec[4] == '\0' || spec[4] == '/')) {
        ok = from_env(n, have_n, out, why, cap);
    } else {
        char k_text[32];
        size_t k_len = slash ? (size_t)(slash - spec) : strlen(spec);
        unsigned long k;
        if (!slash || k_len >= sizeof k_text) {
            snprintf(why, cap, "--shard \"%s\" is not K/N, auto or auto/N", spec);
            return false;
        }
        memcpy(k_text, spec, k_len);
        k_text[k_len] = '\0';
        if (!number(k_text, &k)) {
            snprintf(why, cap, "--shard \"%s\": K before the slash is not a number", spec);
            return false;
        }
        out->index = k;
        out->count = n;
        snprintf(out->source, sizeof out->source, "--shard");
        ok = true;
    }
    if (ok && out->count == 0) {
        snprintf(why, cap, "the shard count (%s) must be at least 1", out->source);
        ok = false;
    }
    if (ok && out->index >= out->count) {
        snprintf(why, cap, "shard %lu does not exist among %lu (%s; shards are numbered from 0)",
                 out->index, out->count, out->source);
        ok = false;
    }
    return ok;
}

bool batch_shard_contains(const batch_shard *s, const char *id)
{
    if (s->count == 0)
        return true;
    return batch_fnv1a64(id, strlen(id)) % s->count == s->index;
}
