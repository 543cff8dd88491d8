/* batch_leftovers.h — what an earlier run killed with SIGKILL (or a crash of the machine)
 * left behind: the temporary files of its outputs (DIR/.<id>.<ext>.XXXXXX) and of their
 * --skip-unchanged state (DIR/.dossier-state/.<id>.<ext>.sha256.XXXXXX). A signal a process can
 * catch removes them itself; SIGKILL cannot be caught, so the next run removes them.
 *
 * Safe by construction: only files of exactly that pattern, for outputs this run writes (so a
 * user's own hidden files are never touched), that are regular files and older than
 * `min_age_s` seconds (so a concurrent run's temporary file, which lives at most as long as
 * its plugin's timeout, is never touched).
 */
#ifndef DOSSIER_BATCH_LEFTOVERS_H
#define DOSSIER_BATCH_LEFTOVERS_H

#include <stddef.h>

/* `names` are the output file names of this run ("<id>.<ext>"), in any order (sorted here).
 * Returns how many leftovers were removed. */
size_t batch_leftovers_clean(const char *out_dir, char **names, size_t n, long long min_age_s);

#endif
