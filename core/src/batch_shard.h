/* batch_shard.h — which profiles one machine of many exports (--shard).
 *
 * A profile belongs to shard FNV-1a-64(id bytes) mod N (batch_hash.h): the hash of its id
 * alone, so every machine agrees without talking to the others, whatever order or subset of
 * files it is given.
 *
 * "--shard K/N" names the shard directly (0 <= K < N). "--shard auto" takes it from the
 * environment, in this order:
 *   Slurm job arrays: K = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN (MIN taken as 0 when
 *     unset), N = SLURM_ARRAY_TASK_COUNT (so the array must be a contiguous range, e.g.
 *     --array=0-27; a task outside 0..N-1 is an error, never a silent gap);
 *   Kubernetes Indexed Jobs: K = JOB_COMPLETION_INDEX, N from "--shard auto/N", else from
 *     DOSSIER_SHARD_COUNT (Kubernetes does not pass the completion count itself).
 * "auto/N" with Slurm variables set checks that they agree with N.
 */
#ifndef DOSSIER_BATCH_SHARD_H
#define DOSSIER_BATCH_SHARD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct batch_shard {
    unsigned long index, count; /* count 0: no sharding */
    char source[64];            /* where the numbers came from, for messages */
} batch_shard;

/* Parses a --shard value (environment read through getenv). False with a reason in why. */
bool batch_shard_parse(const char *spec, batch_shard *out, char *why, size_t cap);

/* Whether the profile with this id is exported by this shard. */
bool batch_shard_contains(const batch_shard *s, const char *id);

#endif
