/* arena.h — a bump allocator that owns every allocation of one loaded profile.
 *
 * Everything allocated from an arena is freed at once by arena_free; nothing is freed
 * individually. Allocation failure aborts the process (the model is small and a partially
 * built model has no use), so callers never check for NULL.
 */
#ifndef DOSSIER_ARENA_H
#define DOSSIER_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* Zeroed, aligned for any type. */
void *arena_alloc(arena *a, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);

#endif
