/* profile.h — loading a district profile (JSON) into the read-only model of dossier/model.h.
 *
 * profile_load reads, parses (jansson), validates and links a profile, reporting every
 * problem it finds into a diag_list: syntax errors as FILE:LINE:COL, schema errors as
 * FILE: JSON.PATH. On success *out is a model owned by the caller, to be released with
 * profile_free; on failure *out is NULL.
 */
#ifndef DOSSIER_PROFILE_H
#define DOSSIER_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "dossier/model.h"

typedef enum profile_status {
    PROFILE_OK = 0,
    PROFILE_UNREADABLE, /* the file cannot be opened or read, or is too large */
    PROFILE_INVALID     /* it was read but is not a valid profile */
} profile_status;

#define PROFILE_DEFAULT_MAX_BYTES ((size_t)64 << 20)

profile_status profile_load(const char *path, size_t max_bytes, dossier_profile **out,
                            diag_list *d);
/* Same, the model allocated in a batch's shared store (model_store.h) while it has room. */
typedef struct model_store model_store;
profile_status profile_load_in(const char *path, size_t max_bytes, model_store *store,
                               dossier_profile **out, diag_list *d);
/* True when the whole model is in its store (profile_load_in had room for it). */
bool profile_is_shared(const dossier_profile *p);
/* Same, from memory; `name` is used in messages and as the model's path. */
profile_status profile_parse(const char *name, const char *text, size_t len,
                             dossier_profile **out, diag_list *d);
void profile_free(dossier_profile *p);

#endif
