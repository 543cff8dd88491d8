/* arena.h — a bump allocator that owns every allocation of one loaded profile.
 *
 * Everything allocated from an arena is freed at once by arena_free; nothing is freed
 * individually. Allocation failure aborts the process (the model is small and a partially
 * built model has no use), so callers never check for NULL.
 */
#ifndef DOSSIER_ARENA_H
#define DOSSIER_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct arena arena;
typedef struct model_store model_store;

arena *arena_new(void);
/* An arena whose blocks come from a batch's shared model store (model_store.h) while it has
 * room, then from malloc (arena_spilled then says so); store NULL: arena_new. */
arena *arena_new_in(model_store *store);
/* True when some of the arena's memory is not in its store. */
bool arena_spilled(const arena *a);
void arena_free(arena *a);
/* Zeroed, aligned for any type. */
void *arena_alloc(arena *a, size_t size);
/* Strings are packed: byte-aligned, not rounded up. arena_chars: n bytes for one, not
 * zeroed. */
char *arena_chars(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);

#endif
