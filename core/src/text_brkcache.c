/* text_brkcache.c — the break classifications of texts already classified in this process
 * (see text_brkcache.h).
 *
 * One export renders the same brief in several formats, and each one that sets text (PDF,
 * XLSX row heights, TXT) asks for the break opportunities of the same paragraphs: the work is
 * done once and the result copied. Entries are keyed by the text's bytes (FNV-1a 64, then the
 * bytes compared) and by the units registry's epoch, since number + unit runs depend on
 * the registered units. Texts and codes are copied into one pool of TEXT_BRKCACHE_BYTES,
 * allocated once; when a new entry does not fit, every entry is dropped and filling starts
 * again from the pool's start. So a large profile whose texts never repeat costs a hash and a
 * copy per text, and a worker's memory stays the same over a batch (one block, no heap
 * fragments left between documents). A mutex makes it safe from several threads.
 */
#include "text_brkcache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch_hash.h"
#include "units.h"

#define TEXT_BRKCACHE_SLOTS 1024                  /* a power of two; at most half are used */
#define TEXT_BRKCACHE_BYTES ((size_t)256 << 10)   /* text + codes held at most */
#define TEXT_BRKCACHE_MIN 16                      /* shorter texts are cheaper to classify */

typedef struct entry {
    uint64_t hash;
    size_t len;
    char *data; /* in the pool: the text's len bytes, then its len codes; NULL: a free slot */
} entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry slots[TEXT_BRKCACHE_SLOTS];
static char *pool; /* owned: TEXT_BRKCACHE_BYTES, allocated on the first put */
static size_t n_used, bytes_used;
static unsigned long epoch;

static void drop_all(void)
{
    if (n_used)
        memset(slots, 0, sizeof slots);
    n_used = bytes_used = 0;
}

/* The slot holding s, or the free slot where it would go (linear probing). */
static entry *find(const char *s, size_t len, uint64_t h)
{
    for (size_t i = (size_t)h & (TEXT_BRKCACHE_SLOTS - 1);;
         i = (i + 1) & (TEXT_BRKCACHE_SLOTS - 1)) {
        entry *e = &slots[i];
        if (!e->data || (e->hash == h && e->len == len && memcmp(e->data, s, len) == 0))
            return e;
    }
}

/* Called with the lock held: entries made under other units are dropped. */
static void check_epoch(void)
{
    unsigned long now = units_epoch();
    if (now != epoch) {
        drop_all();
        epoch = now;
    }
}

bool text_brkcache_get(const char *s, size_t len, char *brks)
{
    if (len < TEXT_BRKCACHE_MIN)
        return false;
    uint64_t h = batch_fnv1a64(s, len);
    pthread_mutex_lock(&lock);
    check_epoch();
    entry *e = find(s, len, h);
    bool hit = e->data != NULL;
    if (hit)
        memcpy(brks, e->data + len, len);
    pthread_mutex_unlock(&lock);
    return hit;
}

void text_brkcache_put(const char *s, size_t len, const char *brks)
{
    if (len < TEXT_BRKCACHE_MIN || 2 * len > TEXT_BRKCACHE_BYTES)
        return;
    uint64_t h = batch_fnv1a64(s, len);
    pthread_mutex_lock(&lock);
    check_epoch();
    if (!pool)
        pool = malloc(TEXT_BRKCACHE_BYTES);
    if (pool) { /* else nothing is kept: a cache loses nothing */
        if (bytes_used + 2 * len > TEXT_BRKCACHE_BYTES ||
            2 * (n_used + 1) > TEXT_BRKCACHE_SLOTS)
            drop_all(); /* slots half full at most, so probes stay short */
        entry *e = find(s, len, h);
        if (!e->data) { /* else another thread put it first */
            char *data = pool + bytes_used;
            memcpy(data, s, len);
            memcpy(data + len, brks, len);
            *e = (entry){h, len, data};
            n_used++;
            bytes_used += 2 * len;
        }
    }
    pthread_mutex_unlock(&lock);
}

void text_brkcache_clear(void)
{
    pthread_mutex_lock(&lock);
    drop_all();
    free(pool);
    pool = NULL;
    pthread_mutex_unlock(&lock);
}
