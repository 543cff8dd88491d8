/* export.h — one profile in one format: runs the plugin's export into a temporary file in the
 * output directory and renames it over `<dir>/<profile id>.<extension>` only on success.
 */
#ifndef DOSSIER_EXPORT_H
#define DOSSIER_EXPORT_H

#include "config.h"
#include "diag.h"
#include "dossier/model.h"
#include "registry.h"

typedef enum export_outcome {
    EXPORT_DONE = 0,
    EXPORT_FAILED,     /* the plugin failed; nothing was written */
    EXPORT_UNWRITABLE  /* the output could not be created or renamed */
} export_outcome;

/* Exports; on success *written (optional) receives a malloc'ed copy of the output path. */
export_outcome export_run(plugin_entry *plugin, const config *cfg, const dossier_profile *p,
                          const char *out_dir, char **written, diag_list *d);

#endif
