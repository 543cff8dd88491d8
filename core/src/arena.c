/* arena.c — bump allocation in chained blocks (see arena.h). */
#include "arena.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_store.h"

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    bool in_store; /* the store's, never freed here */
    alignas(max_align_t) unsigned char data[];
} arena_block;

struct arena {
    arena_block *head;
    model_store *store; /* NULL: malloc only */
    bool in_store;      /* this struct is the store's */
    bool spilled;       /* a block had to come from malloc */
};

static void *arena_oom(void)
{
    fputs("dossier: out of memory\n", stderr);
    abort();
}

arena *arena_new(void)
{
    arena *a = calloc(1, sizeof *a);
    if (!a)
        arena_oom();
    return a;
}

arena *arena_new_in(model_store *store)
{
    if (!store)
        return arena_new();
    arena *a = model_store_alloc(store, sizeof *a);
    if (!a) {
        a = arena_new();
        a->spilled = true;
        return a;
    }
    memset(a, 0, sizeof *a);
    a->store = store;
    a->in_store = true;
    return a;
}

bool arena_spilled(const arena *a)
{
    return !a->in_store || a->spilled;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    for (arena_block *b = a->head, *next; b; b = next) {
        next = b->next;
        if (!b->in_store)
            free(b);
    }
    if (!a->in_store)
        free(a);
}

/* size bytes at the given alignment (a power of two, at most max_align_t's), not zeroed. */
static void *arena_take(arena *a, size_t size, size_t align)
{
    arena_block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->cap || b->cap - at < size) {
        size_t cap = size > 16384 ? size : 16384;
        b = a->store && !a->spilled ? model_store_alloc(a->store, sizeof *b + cap) : NULL;
        bool in_store = b != NULL;
        if (!b) {
            a->spilled = a->spilled || a->store != NULL;
            b = malloc(sizeof *b + cap);
        }
        if (!b)
            arena_oom();
        b->used = 0;
        b->cap = cap;
        b->in_store = in_store;
        b->next = a->head;
        a->head = b;
        at = 0;
    }
    void *p = b->data + at;
    b->used = at + size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    void *p = arena_take(a, size, align);
    memset(p, 0, size);
    return p;
}

char *arena_chars(arena *a, size_t n)
{
    return arena_take(a, n ? n : 1, 1); /* a string needs no alignment */
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_chars(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}
