/* batch_report.h — the JSON report of a batch export (--report FILE).
 *
 * Shape (all keys always present):
 *   {"dossier": VERSION, "shard": {"index": K, "count": N} or null,
 *    "summary": {"profiles": n, "written": n, "skipped": n, "failed": n, "seconds": s,
 *                "workers": n},
 *    "outputs":  [{"profile", "id", "format", "path", "bytes", "sha256", "milliseconds"}],
 *    "skipped":  [{"profile", "id", "format", "path"}],
 *    "failures": [{"profile", "id" (null when the profile did not load), "format" (null when
 *                  the profile itself failed), "exit_code", "message",
 *                  "stale" (an older output of that format was kept and is out of date),
 *                  "removed" (an older output was removed: --on-failure remove-stale)}],
 *    "workers":  [{"pid", "jobs", "max_rss_kb"}]}
 * Outputs are listed in job order (profiles in input order, formats as -f lists them, by
 * name for "all"), so the
 * report of a run does not depend on which worker finished first. The report is built in
 * memory (owned json_t, released by batch_report_write or batch_report_free) and written
 * atomically. Nothing is printed.
 */
#ifndef DOSSIER_BATCH_REPORT_H
#define DOSSIER_BATCH_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct batch_report {
    json_t *root;
} batch_report;

void batch_report_init(batch_report *r, unsigned long shard_index, unsigned long shard_count);
void batch_report_free(batch_report *r);

void batch_report_output(batch_report *r, const char *profile, const char *id,
                         const char *format, const char *path, long long bytes,
                         const char *sha256, long long ms);
void batch_report_skipped(batch_report *r, const char *profile, const char *id,
                          const char *format, const char *path);
/* id and format may be NULL. */
void batch_report_failure(batch_report *r, const char *profile, const char *id,
                          const char *format, int exit_code, const char *message, bool stale,
                          bool removed);
void batch_report_worker(batch_report *r, long pid, size_t jobs, long max_rss_kb);
void batch_report_summary(batch_report *r, size_t profiles, size_t written, size_t skipped,
                          size_t failed, double seconds, size_t workers);

/* Writes the report to path atomically, creating its directory. False with errno set on failure. */
bool batch_report_write(const batch_report *r, const char *path);

#endif
