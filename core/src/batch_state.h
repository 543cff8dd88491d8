/* batch_state.h — --skip-unchanged: what an output was made from, recorded next to it.
 *
 * The key of an output is the SHA-256 of everything that decides its bytes: the dossier
 * version, the format, the plugin file (absolute path, size, modification time, declared
 * version), the format's effective options (every option the plugin declares, configured or
 * default, in declaration order), the [brief] options and template file, the path and SHA-256
 * of the content of [core] units_file when it is set, SOURCE_DATE_EPOCH, and the SHA-256 of
 * the profile file.
 * It is stored in DIR/.dossier-state/<id>.<ext>.sha256 as two lines, "<key>" and
 * "<sha256 of the output> <bytes>", written atomically after the output itself; the digest is
 * of the temporary file before it was renamed into place, so it is what this run wrote. An
 * output is up to date when that file holds the same key and the output has exactly the
 * recorded content (size and SHA-256); anything else (missing, replaced by a concurrent run,
 * other key, unreadable state, a state file that is not a regular file, a state folder that
 * is a symlink) means export it again. Runs into one directory lock each output (a lock file
 * in the state folder) from its export to its record, so two runs never interleave there.
 * Fonts found through fontconfig are not part of the key: after changing installed fonts,
 * run once without --skip-unchanged.
 */
#ifndef DOSSIER_BATCH_STATE_H
#define DOSSIER_BATCH_STATE_H

#include <stdbool.h>

#include "batch_hash.h"
#include "config.h"
#include "registry.h"

#define BATCH_STATE_DIR ".dossier-state"

/* The key of one profile (given by the hex SHA-256 of its file) in one format. */
void batch_state_key(const plugin_entry *plugin, const config *cfg, const char *profile_path,
                     const char *profile_sha, char key[BATCH_SHA256_HEX]);

/* Whether out_dir/name is up to date for this key. */
bool batch_state_fresh(const char *out_dir, const char *name, const char *key);

/* Records the key of out_dir/name with the output's digest and size. False with errno set
 * when the state cannot be written (the output itself stays). */
bool batch_state_record(const char *out_dir, const char *name, const char *key,
                        const char *output_sha, long long bytes);

/* Takes the lock of out_dir/name (blocking): a file descriptor, or -1 with errno set. */
int batch_state_lock(const char *out_dir, const char *name);
void batch_state_unlock(int fd);

/* Forgets what was recorded for out_dir/name: called when the output is rewritten without
 * --skip-unchanged, so a later run with it cannot take the new file for the old key. */
void batch_state_forget(const char *out_dir, const char *name);

#endif
