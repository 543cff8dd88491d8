/* batch_progress.h — progress of a batch export on a terminal: one line on stderr, redrawn
 * at most five times a second, "dossier: 137/2800 profiles, 24.1/s, ETA 1m52s". When
 * stderr is not a terminal it draws nothing (the caller prints a summary line instead).
 * The CLI layer only: this module prints.
 */
#ifndef DOSSIER_BATCH_PROGRESS_H
#define DOSSIER_BATCH_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct batch_progress {
    bool enabled;
    size_t total;
    long long start_ms, drawn_ms;
    bool drawn;
} batch_progress;

long long batch_progress_now_ms(void);

/* Enabled when `want` and stderr is a terminal. */
void batch_progress_start(batch_progress *p, size_t total, bool want);
/* Redraws when due (or when done == total). */
void batch_progress_update(batch_progress *p, size_t done);
/* Clears the line. */
void batch_progress_end(batch_progress *p);

#endif
