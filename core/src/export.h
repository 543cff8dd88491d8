/* export.h — one profile in one format: runs the plugin's export into a temporary file in the
 * output directory and renames it over `<dir>/<profile id>.<extension>` only on success.
 *
 * With isolation the plugin runs in a child process (fork): a plugin that crashes, aborts or
 * runs past the timeout fails only its own format, and the parent removes its temporary file.
 */
#ifndef DOSSIER_EXPORT_H
#define DOSSIER_EXPORT_H

#include <stdbool.h>

#include "config.h"
#include "diag.h"
#include "dossier/model.h"
#include "registry.h"

typedef enum export_outcome {
    EXPORT_DONE = 0,
    EXPORT_FAILED,     /* the plugin failed, crashed or timed out; nothing was written */
    EXPORT_UNWRITABLE, /* the output could not be created, written (the plugin returned
                          DOSSIER_ERR_IO) or renamed */
    EXPORT_MISCONFIGURED /* the plugin found a configuration value unusable (it returned
                            DOSSIER_ERR_CONFIG); nothing was written */
} export_outcome;

typedef struct export_settings {
    bool isolate;          /* run the plugin in a child process */
    unsigned timeout_s;    /* with isolate: kill the child after this many seconds (0: never) */
    char *tmp_note;        /* optional: receives the temporary file's path while it exists
                              ("" otherwise), for a supervisor that may have to remove it */
    size_t tmp_note_cap;
    bool hash;             /* hash the output before it is renamed into place (not after, when
                              a concurrent run may already have replaced it) */
    unsigned char sha[32]; /* with hash, on success: SHA-256 of what this run wrote */
    long long bytes;       /* with hash, on success: its size; -1 when it could not be read */
} export_settings;

/* Exports; on success *written (optional) receives a malloc'ed copy of the output path.
 * `brief` (borrowed, may be NULL) is handed to the plugin as args->brief. */
export_outcome export_run(plugin_entry *plugin, const config *cfg, const dossier_profile *p,
                          const dossier_brief *brief,
                          const char *out_dir, export_settings *settings, char **written,
                          diag_list *d);

/* Kills the child of an isolated export in progress, if any. Async-signal-safe. */
void export_kill_child(void);

#endif
