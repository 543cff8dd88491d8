/* cli_harness.h — what the end-to-end suites (test_cli, test_batch, test_hostile) share: a
 * fresh work directory for each test, and running the real dossier binary (DOSSIER_BIN) in it
 * with its output captured. Everything here is test-process global; Criterion runs the tests
 * of a suite one at a time (-j1 in CTest). */
#ifndef DOSSIER_CLI_HARNESS_H
#define DOSSIER_CLI_HARNESS_H

#include <stddef.h>

/* The current test's work directory, and the last run's stdout and stderr. */
extern char work[64];
extern char out_text[1 << 17], err_text[1 << 17];

/* Creates /tmp/dossier-<name>-XXXXXX as `work` (a Criterion .init). */
void harness_setup(const char *name);
/* Removes `work`, making it writable first (a Criterion .fini). */
void harness_teardown(void);
/* Reads at most cap - 1 bytes of `path` into buf, NUL-terminated; empty when unreadable. */
void harness_slurp(const char *path, char *buf, size_t cap);
/* Runs `ENV dossier ARGS` (shell fragments) in `work`, with DOSSIER_CONFIG,
 * DOSSIER_PLUGIN_PATH and the job systems' shard variables unset; returns the exit status,
 * with stdout and stderr in out_text and err_text. Fails the test if dossier was killed. */
int harness_run(const char *env, const char *args);

#endif
