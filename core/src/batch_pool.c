/* batch_pool.c — forked workers over a shared job table (see batch_pool.h). */
#define _DEFAULT_SOURCE 1 /* wait4, MAP_ANONYMOUS */
#include "batch_pool.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

typedef struct worker_slot {
    atomic_long current;     /* job being run, -1 when none */
    atomic_llong started_ms; /* when it started (CLOCK_MONOTONIC) */
    char tmp[PATH_MAX];      /* its temporary output in flight, "" when none */
} worker_slot;

typedef struct control {
    atomic_size_t next;      /* next job index to claim */
    worker_slot slot[BATCH_POOL_MAX_WORKERS];
} control;

/* Live workers, for the signal handler. */
static volatile pid_t pool_pids[BATCH_POOL_MAX_WORKERS];
static volatile sig_atomic_t pool_in_worker;

static void *map_shared(size_t bytes)
{
    void *m = mmap(NULL, bytes ? bytes : 1, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                   -1, 0);
    return m == MAP_FAILED ? NULL : m;
}

bool batch_pool_create(batch_pool *p, size_t n)
{
    memset(p, 0, sizeof *p);
    p->n = n;
    p->jobs = map_shared(n * sizeof *p->jobs);
    p->errors = map_shared(n * BATCH_POOL_ERROR_CAP);
    p->shared = map_shared(sizeof(control));
    if (!p->jobs || !p->errors || !p->shared) {
        int e = errno;
        batch_pool_destroy(p);
        errno = e;
        return false;
    }
    return true;
}

void batch_pool_destroy(batch_pool *p)
{
    if (p->jobs)
        munmap(p->jobs, p->n ? p->n * sizeof *p->jobs : 1);
    if (p->errors)
        munmap(p->errors, p->n ? p->n * BATCH_POOL_ERROR_CAP : 1);
    if (p->shared)
        munmap(p->shared, sizeof(control));
    free(p->workers);
    memset(p, 0, sizeof *p);
}

static bool write_all(int fd, const void *buf, size_t n)
{
    const char *s = buf;
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        s += w;
        n -= (size_t)w;
    }
    return true;
}

static pid_t pool_parent; /* the process that forks the workers */

static _Noreturn void worker_main(batch_pool *p, unsigned slot_index, int fd,
                                  const batch_pool_ops *ops)
{
    control *c = p->shared;
    worker_slot *slot = &c->slot[slot_index];
    for (;;) {
        size_t i = atomic_fetch_add(&c->next, 1);
        if (i >= p->n)
            break;
        batch_job *job = &p->jobs[i];
        if (job->state != BATCH_JOB_PENDING)
            continue;
        job->state = BATCH_JOB_RUNNING;
        /* The worker's own timeout, a little after the parent's: should the parent be unable
           to stop a hanging plugin, SIGALRM ends the worker all the same. */
        if (ops->timeout_s)
            alarm(ops->timeout_s + 30);
        atomic_store(&slot->started_ms, now_ms());
        atomic_store(&slot->current, (long)i);
        /* err is "" already (fresh mapping): not writing it keeps its page untouched, so a
           worker's memory does not grow with the number of jobs */
        char *err = batch_pool_error(p, i);
        bool ok = ops->run(ops->user, i, job, err, BATCH_POOL_ERROR_CAP, slot->tmp,
                           sizeof slot->tmp);
        job->state = ok ? BATCH_JOB_DONE : BATCH_JOB_FAILED;
        alarm(0);
        atomic_store(&slot->current, -1L);
        uint32_t done = (uint32_t)i;
        if (!write_all(fd, &done, sizeof done))
            break;
    }
    if (ops->worker_exit)
        ops->worker_exit(ops->user);
    fflush(NULL);
    _exit(0);
}

typedef struct live_worker {
    pid_t pid;
    int fd;
    unsigned slot;
    size_t stats;             /* index in p->workers */
    unsigned char carry[4];
    size_t got;
    long killed_job;          /* the job it was killed for running too long, -1 if none */
} live_worker;

static bool spawn(batch_pool *p, live_worker *live, size_t n_live, unsigned slot,
                  const batch_pool_ops *ops)
{
    batch_worker_stats *grown = realloc(p->workers, (p->n_workers + 1) * sizeof *grown);
    if (!grown)
        return false;
    p->workers = grown;
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    control *c = p->shared;
    atomic_store(&c->slot[slot].current, -1L);
    c->slot[slot].tmp[0] = '\0';
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fds[0]);
        close(fds[1]);
        errno = e;
        return false;
    }
    if (pid == 0) {
        pool_in_worker = 1;
        /* A worker never outlives its parent: killed with it (kill -9 of the parent included),
           and if the parent is already gone (a race with the fork), it goes at once. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != pool_parent)
            _exit(1);
        close(fds[0]);
        for (size_t k = 0; k < n_live; k++)
            close(live[k].fd);
        worker_main(p, slot, fds[1], ops);
    }
    close(fds[1]);
    pool_pids[slot] = pid;
    p->workers[p->n_workers] = (batch_worker_stats){.pid = (long)pid};
    live[n_live] = (live_worker){.pid = pid, .fd = fds[0], .slot = slot,
                                 .stats = p->n_workers++, .killed_job = -1};
    return true;
}

static void describe_death(int st, char *how, size_t cap)
{
    if (WIFSIGNALED(st))
        snprintf(how, cap, "crashed (signal %d, %s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
    else
        snprintf(how, cap, "exited with status %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* The worker behind w closed its pipe: reap it and account for the job it held. Returns
 * whether it died abnormally without holding a job. */
static bool reap(batch_pool *p, const live_worker *w, const batch_pool_ops *ops)
{
    control *c = p->shared;
    int st = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(w->pid, &st, 0, &ru) < 0 && errno == EINTR)
        ;
    pool_pids[w->slot] = 0;
    batch_worker_stats *s = &p->workers[w->stats];
    s->max_rss_kb = ru.ru_maxrss;
    s->status = st;
    worker_slot *slot = &c->slot[w->slot];
    long cur = atomic_load(&slot->current);
    bool abnormal = !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    if (cur >= 0) {
        if (slot->tmp[0])
            unlink(slot->tmp);
        slot->tmp[0] = '\0';
        batch_job *job = &p->jobs[cur];
        job->state = BATCH_JOB_FAILED;
        char how[160];
        if (cur == w->killed_job)
            snprintf(how, sizeof how,
                     "timed out after %u s ([core] plugin_timeout) and was stopped",
                     ops->timeout_s);
        else
            describe_death(st, how, sizeof how);
        char *err = batch_pool_error(p, (size_t)cur);
        err[0] = '\0';
        ops->on_lost(ops->user, (size_t)cur, job, how, err, BATCH_POOL_ERROR_CAP);
        s->jobs++;
        if (ops->on_finished)
            ops->on_finished(ops->user, (size_t)cur, false);
        atomic_store(&slot->current, -1L);
        return false;
    }
    return abnormal;
}

/* How long poll may sleep: until the next progress refresh or the next job deadline. */
static int wait_ms(const batch_pool *p, const live_worker *live, size_t n_live,
                   const batch_pool_ops *ops)
{
    long long wait = ops->refresh_ms > 0 ? ops->refresh_ms : -1;
    if (!ops->timeout_s)
        return (int)wait;
    const control *c = p->shared;
    long long now = now_ms();
    for (size_t k = 0; k < n_live; k++) {
        const worker_slot *slot = &c->slot[live[k].slot];
        if (live[k].killed_job >= 0)
            continue;
        /* An idle worker may claim a job right after this look (it just reported one): that
           job's deadline is one timeout away at the least, so sleep no longer than that. */
        long long left = ops->timeout_s * 1000LL;
        if (atomic_load(&slot->current) >= 0)
            left = atomic_load(&slot->started_ms) + ops->timeout_s * 1000LL - now;
        if (left < 0)
            left = 0;
        if (wait < 0 || left < wait)
            wait = left;
    }
    return wait > 60000 ? 60000 : (int)wait;
}

/* Kills the workers whose current job is past the timeout; they are reaped at their EOF. */
static void stop_overdue(const batch_pool *p, live_worker *live, size_t n_live,
                         const batch_pool_ops *ops)
{
    const control *c = p->shared;
    long long now = now_ms();
    for (size_t k = 0; k < n_live; k++) {
        const worker_slot *slot = &c->slot[live[k].slot];
        long cur = atomic_load(&slot->current);
        if (cur < 0 || live[k].killed_job >= 0)
            continue;
        if (now - atomic_load(&slot->started_ms) >= ops->timeout_s * 1000LL &&
            atomic_load(&slot->current) == cur) {
            live[k].killed_job = cur;
            kill(live[k].pid, SIGKILL);
        }
    }
}

bool batch_pool_run(batch_pool *p, unsigned workers, const batch_pool_ops *ops)
{
    pool_parent = getpid();
    control *c = p->shared;
    atomic_store(&c->next, 0);
    size_t pending = 0;
    for (size_t i = 0; i < p->n; i++)
        pending += p->jobs[i].state == BATCH_JOB_PENDING;
    if (workers > pending)
        workers = (unsigned)pending;
    if (workers > BATCH_POOL_MAX_WORKERS)
        workers = BATCH_POOL_MAX_WORKERS;
    if (workers == 0)
        return true;
    live_worker live[BATCH_POOL_MAX_WORKERS];
    struct pollfd pfd[BATCH_POOL_MAX_WORKERS];
    size_t n_live = 0;
    for (unsigned k = 0; k < workers; k++) {
        if (!spawn(p, live, n_live, k, ops)) {
            if (n_live == 0)
                return false;
            break; /* run with the workers there are */
        }
        n_live++;
    }
    unsigned lost_idle = 0;
    bool ok = true;
    while (n_live > 0) {
        for (size_t k = 0; k < n_live; k++)
            pfd[k] = (struct pollfd){.fd = live[k].fd, .events = POLLIN};
        int r = poll(pfd, (nfds_t)n_live, wait_ms(p, live, n_live, ops));
        if (ops->timeout_s)
            stop_overdue(p, live, n_live, ops);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r == 0 && ops->on_finished)
                ops->on_finished(ops->user, 0, true);
            continue;
        }
        bool dead[BATCH_POOL_MAX_WORKERS] = {false};
        for (size_t k = 0; k < n_live; k++) {
            if (!pfd[k].revents)
                continue;
            live_worker *w = &live[k];
            unsigned char buf[4096];
            memcpy(buf, w->carry, w->got);
            ssize_t got = read(w->fd, buf + w->got, sizeof buf - w->got);
            if (got < 0 && errno == EINTR)
                continue;
            if (got > 0) {
                size_t total = w->got + (size_t)got, used = 0;
                for (; used + 4 <= total; used += 4) {
                    uint32_t i;
                    memcpy(&i, buf + used, sizeof i);
                    p->workers[w->stats].jobs++;
                    if (ops->on_finished)
                        ops->on_finished(ops->user, i, false);
                }
                w->got = total - used;
                memcpy(w->carry, buf + used, w->got);
                continue;
            }
            /* EOF or error: the worker is gone. */
            close(w->fd);
            if (reap(p, w, ops))
                lost_idle++;
            dead[k] = true;
        }
        size_t kept = 0;
        unsigned free_slots[BATCH_POOL_MAX_WORKERS];
        size_t n_free = 0;
        for (size_t k = 0; k < n_live; k++) {
            if (dead[k])
                free_slots[n_free++] = live[k].slot;
            else
                live[kept++] = live[k];
        }
        n_live = kept;
        for (size_t k = 0; k < n_free; k++) {
            if (atomic_load(&c->next) >= p->n || lost_idle > 3)
                break;
            if (spawn(p, live, n_live, free_slots[k], ops))
                n_live++;
            else if (n_live == 0)
                ok = false;
        }
    }
    return ok;
}

void batch_pool_stop_workers(int sig)
{
    if (pool_in_worker)
        return;
    for (int k = 0; k < BATCH_POOL_MAX_WORKERS; k++)
        if (pool_pids[k] > 0)
            kill(pool_pids[k], sig);
    for (int k = 0; k < BATCH_POOL_MAX_WORKERS; k++)
        if (pool_pids[k] > 0) {
            while (waitpid(pool_pids[k], NULL, 0) < 0 && errno == EINTR)
                ;
            pool_pids[k] = 0;
        }
}
