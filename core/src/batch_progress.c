/* batch_progress.c — the progress line (see batch_progress.h). */
#include "batch_progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

long long batch_progress_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void batch_progress_start(batch_progress *p, size_t total, bool want)
{
    p->enabled = want && isatty(STDERR_FILENO);
    p->total = total;
    p->start_ms = batch_progress_now_ms();
    p->drawn_ms = 0;
    p->drawn = false;
}

void batch_progress_update(batch_progress *p, size_t done)
{
    if (!p->enabled)
        return;
    long long now = batch_progress_now_ms();
    if (done < p->total && p->drawn && now - p->drawn_ms < 200)
        return;
    p->drawn_ms = now;
    p->drawn = true;
    double secs = (double)(now - p->start_ms) / 1000.0;
    double rate = secs > 0 ? (double)done / secs : 0;
    char eta[32] = "--";
    if (rate > 0 && done < p->total) {
        long left = (long)((double)(p->total - done) / rate + 0.5);
        if (left >= 3600)
            snprintf(eta, sizeof eta, "%ldh%02ldm", left / 3600, left / 60 % 60);
        else
            snprintf(eta, sizeof eta, "%ldm%02lds", left / 60, left % 60);
    } else if (done >= p->total) {
        snprintf(eta, sizeof eta, "0m00s");
    }
    fprintf(stderr, "\r\033[Kdossier: %zu/%zu profiles, %.1f/s, ETA %s", done, p->total, rate,
            eta);
    fflush(stderr);
}

void batch_progress_end(batch_progress *p)
{
    if (p->enabled && p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}
