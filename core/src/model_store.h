/* model_store.h — memory the parent of a batch shares with its workers: the profiles it loaded
 * to check them stay there, so a worker exports them without parsing them again.
 *
 * One anonymous shared mapping of a fixed budget ([core] model_memory), made before the
 * workers are forked: they see every model at the same address, and fork copies no page
 * table for it (shared mappings are faulted in lazily), so a worker's resident memory holds
 * only the model it is exporting; it gives it back (model_store_release) when it moves on.
 * Allocation is a bump pointer; a profile that does not fit is rewound (the parent frees it
 * and the worker parses it again, as without a store).
 */
#ifndef DOSSIER_MODEL_STORE_H
#define DOSSIER_MODEL_STORE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct model_store model_store;

/* NULL when budget is 0 or the mapping cannot be made (then profiles are parsed twice). */
model_store *model_store_new(size_t budget);
void model_store_free(model_store *s);
/* size bytes, aligned for any type, zeroed; NULL when the budget is used up. */
void *model_store_alloc(model_store *s, size_t size);
/* The allocation point, to rewind to or to name a range with. */
size_t model_store_mark(const model_store *s);
/* Everything allocated since `mark` dropped and its memory returned. */
void model_store_rewind(model_store *s, size_t mark);
/* In a worker: the store's pages unmapped from this process (the parent keeps them), once it
 * is done with a model. */
void model_store_release(const model_store *s);
/* Bytes in use, for the record. */
size_t model_store_used(const model_store *s);

#endif
