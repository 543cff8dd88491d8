/* batch_pool.h — runs a table of jobs in N forked worker processes and supervises them.
 *
 * Processes rather than threads: plugins keep global state and their libraries (libharu,
 * libxlsxwriter, fontconfig) are not thread-safe. Each worker is forked from the caller
 * after the plugins are loaded, initialises each plugin at most once (on its first job of
 * that format) and keeps it for all its later jobs, so fonts and other per-plugin state are
 * set up once per worker. Workers take the next job from a shared counter, so a slow job
 * does not hold up the others.
 *
 * The job table and the error texts live in shared memory (mmap) owned by the pool: the
 * caller fills each job's profile/plugin/key before batch_pool_run and reads the results
 * after. The workers are the isolation: a worker that dies (a plugin crashed) or that runs
 * one job longer than timeout_s (then killed) fails only the job it was running: the pool
 * removes the temporary file that job had recorded, calls on_lost, and starts a new worker
 * for the jobs left. This costs nothing per document, where a fork per export (export.h's
 * isolation) costs about as much as a small export. Nothing is printed here; the callbacks
 * decide.
 */
#ifndef DOSSIER_BATCH_POOL_H
#define DOSSIER_BATCH_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "batch_hash.h"

typedef enum batch_job_state {
    BATCH_JOB_PENDING = 0,
    BATCH_JOB_RUNNING,
    BATCH_JOB_DONE,
    BATCH_JOB_FAILED,
    BATCH_JOB_SKIPPED /* up to date (--skip-unchanged); set by the caller before the run */
} batch_job_state;

typedef struct batch_job {
    uint32_t profile;          /* caller's index */
    uint32_t plugin;           /* caller's index */
    int state;                 /* batch_job_state, written by the worker that owns the job */
    int exit_code;             /* the caller's code for a failure, 0 otherwise */
    long long ms;              /* wall-clock milliseconds of the export */
    long long bytes;           /* output size, -1 when not measured */
    char key[BATCH_SHA256_HEX]; /* --skip-unchanged key, "" when not used */
    char sha[BATCH_SHA256_HEX]; /* output digest, "" when not computed */
} batch_job;

#define BATCH_POOL_ERROR_CAP 1024
#define BATCH_POOL_MAX_WORKERS 256

typedef struct batch_worker_stats {
    long pid;
    size_t jobs;       /* jobs it finished (done or failed) */
    long max_rss_kb;   /* its peak resident set, children included (wait4) */
    int status;        /* raw wait status */
} batch_worker_stats;

typedef struct batch_pool_ops {
    void *user;
    /* In a worker: runs job i (state already RUNNING). Returns true when it succeeded; on
     * failure fills job->exit_code and err (first error line). tmp_note is where export_run
     * keeps the path of the temporary file in flight. */
    bool (*run)(void *user, size_t i, batch_job *job, char *err, size_t cap, char *tmp_note,
                size_t tmp_cap);
    /* In a worker, before it exits: release what it built. Optional. */
    void (*worker_exit)(void *user);
    /* In the parent: job i was lost with its worker; `how` says how the worker died. Fill
     * job->exit_code and err. */
    void (*on_lost)(void *user, size_t i, batch_job *job, const char *how, char *err,
                    size_t cap);
    /* In the parent: job i finished (any outcome), or 0 with `tick` for a timer refresh
     * (every refresh_ms when refresh_ms > 0). Optional. */
    void (*on_finished)(void *user, size_t i, bool tick);
    int refresh_ms;
    /* Kill a worker whose job runs longer than this many seconds (0: no limit). */
    unsigned timeout_s;
} batch_pool_ops;

typedef struct batch_pool {
    batch_job *jobs;          /* shared, n entries */
    size_t n;
    char *errors;             /* shared, n * BATCH_POOL_ERROR_CAP */
    batch_worker_stats *workers; /* owned, one per worker process started */
    size_t n_workers;
    void *shared;             /* the control block (claims, per-worker slots) */
} batch_pool;

/* Maps the shared table for n jobs (all zero: pending). False with errno on failure. */
bool batch_pool_create(batch_pool *p, size_t n);
void batch_pool_destroy(batch_pool *p);
static inline char *batch_pool_error(const batch_pool *p, size_t i)
{
    return p->errors + i * BATCH_POOL_ERROR_CAP;
}

/* Runs every pending job with at most `workers` processes (fewer when fewer jobs are
 * pending). Returns false when workers could not be started (errno set); jobs not run are
 * left PENDING. */
bool batch_pool_run(batch_pool *p, unsigned workers, const batch_pool_ops *ops);

/* For a SIGINT/SIGTERM handler in the parent: sends sig to every worker and waits for them
 * (they remove their own temporary files). Async-signal-safe; does nothing in a worker. */
void batch_pool_stop_workers(int sig);

#endif
