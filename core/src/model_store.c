/* model_store.c — the batch's shared model memory (see model_store.h). */
#define _GNU_SOURCE 1 /* MAP_ANONYMOUS, MAP_NORESERVE, madvise, MADV_REMOVE */
#include "model_store.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct model_store {
    unsigned char *base;
    size_t size, used;
};

model_store *model_store_new(size_t budget)
{
    if (budget == 0)
        return NULL;
    model_store *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    /* MAP_NORESERVE: the budget is address space; only what is written is memory. */
    void *p = mmap(NULL, budget, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS |
                   MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        free(s);
        return NULL;
    }
    s->base = p;
    s->size = budget;
    return s;
}

void model_store_free(model_store *s)
{
    if (!s)
        return;
    munmap(s->base, s->size);
    free(s);
}

void *model_store_alloc(model_store *s, size_t size)
{
    const size_t align = alignof(max_align_t);
    size_t at = (s->used + align - 1) & ~(align - 1);
    if (at > s->size || s->size - at < size)
        return NULL;
    s->used = at + size;
    return s->base + at; /* fresh pages of a shared anonymous mapping read as zeros */
}

size_t model_store_mark(const model_store *s)
{
    return s->used;
}

static size_t page_size(void)
{
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? (size_t)p : 4096;
}

void model_store_rewind(model_store *s, size_t mark)
{
    if (mark >= s->used)
        return;
    size_t page = page_size();
    size_t from = (mark + page - 1) / page * page, to = (s->used + page - 1) / page * page;
    /* the partial page below `from` keeps the previous model's tail: zeroed by hand */
    memset(s->base + mark, 0, (from < s->used ? from : s->used) - mark);
    if (to > from)
        madvise(s->base + from, to - from, MADV_REMOVE); /* zeros again, memory freed */
    s->used = mark;
}

void model_store_release(const model_store *s)
{
    /* All of it, not the one model's range: a read fault maps the pages around it too
     * (fault-around, 64 KB by default), which would otherwise stay mapped, a few KB per
     * profile. Unmapping what is not mapped costs little. */
    size_t page = page_size(), to = (s->used + page - 1) / page * page;
    if (to)
        madvise(s->base, to, MADV_DONTNEED);
}

size_t model_store_used(const model_store *s)
{
    return s ? s->used : 0;
}
