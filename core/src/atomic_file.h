/* atomic_file.h — an output that appears whole or not at all.
 *
 * atomic_file_begin creates an empty temporary file next to the target (same directory, so
 * the final rename is atomic); the writer fills tmp_path; atomic_file_commit flushes it to
 * disk and renames it over the target (a symlink at the target is replaced, never followed);
 * atomic_file_abort removes it. An existing target is untouched until the commit.
 * The struct owns its two path strings until commit or abort.
 */
#ifndef DOSSIER_ATOMIC_FILE_H
#define DOSSIER_ATOMIC_FILE_H

#include <stdbool.h>

typedef struct atomic_file {
    char *tmp_path;
    char *final_path;
} atomic_file;

/* False with errno set when the temporary file cannot be created. */
bool atomic_file_begin(atomic_file *f, const char *dir, const char *name);
/* False with errno set when flushing or renaming failed (the temporary file is removed). */
bool atomic_file_commit(atomic_file *f);
void atomic_file_abort(atomic_file *f);

/* Removes every temporary file not yet committed or aborted. Async-signal-safe: meant for
 * a SIGINT/SIGTERM handler, so an interrupted run leaves no temporary file behind. */
void atomic_file_remove_pending(void);

/* Creates dir and its missing parents (mode 0777 & ~umask). False with errno on failure. */
bool atomic_file_mkdirs(const char *dir);

#endif
