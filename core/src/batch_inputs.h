/* batch_inputs.h — the profile files a batch export reads, from its PROFILE arguments and an
 * optional manifest.
 *
 * A PROFILE argument that is a directory stands for the "*.json" files directly inside it
 * (not hidden ones, not subdirectories), in byte order of their names; any other argument is
 * taken as a file. A manifest lists one path a line; blank lines and lines whose first
 * non-blank character is '#' are skipped, surrounding blanks are trimmed, and relative paths
 * are relative to the manifest's directory. The manifest's paths come after the arguments'.
 *
 * The list owns its strings (batch_inputs_free). Problems (unreadable directory or manifest)
 * go to a diag_list; nothing is printed.
 */
#ifndef DOSSIER_BATCH_INPUTS_H
#define DOSSIER_BATCH_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct batch_inputs {
    char **paths;
    size_t count, cap;
} batch_inputs;

void batch_inputs_init(batch_inputs *in);
void batch_inputs_free(batch_inputs *in);

/* Adds a file, or the *.json files of a directory. False (error in d) when a directory
 * cannot be read. */
bool batch_inputs_add_arg(batch_inputs *in, const char *arg, diag_list *d);
/* Adds every path a manifest lists. False (error in d) when it cannot be read. */
bool batch_inputs_add_manifest(batch_inputs *in, const char *manifest, diag_list *d);

#endif
