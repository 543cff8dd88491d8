/* lay_util.c — small helpers of the layout: a string arena, growable vectors, UTF-8, numbers,
 * and the error recording every stage uses (see layout.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/plugin_util.h"
#include "layout.h"

struct lay_arena_chunk {
    lay_arena_chunk *next;
    size_t used, cap;
    max_align_t data[]; /* cap bytes */
};

#define LAY_ARENA_CHUNK 16384

void *lay_arena_alloc(lay_arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    lay_arena_chunk *c = a->head;
    if (!c || c->cap - c->used < size) {
        size_t cap = size > LAY_ARENA_CHUNK ? size : LAY_ARENA_CHUNK;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->cap = cap;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    return p;
}

char *lay_arena_printf(lay_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = lay_arena_alloc(a, (size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void lay_arena_free(lay_arena *a)
{
    lay_arena_chunk *c = a->head;
    while (c) {
        lay_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

size_t lay_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80 || len < 2) {
        *cp = u[0];
        return 1;
    }
    if (u[0] < 0xE0) {
        *cp = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
        return 2;
    }
    if (u[0] < 0xF0 || len < 4) {
        *cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
              (len > 2 ? (u[2] & 0x3F) : 0);
        return len < 3 ? len : 3;
    }
    *cp = (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
          (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
    return 4;
}

size_t lay_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *u = (unsigned char *)out;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | cp >> 6);
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | cp >> 12);
        u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | cp >> 18);
    u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

dossier_status lay_fail(lay_doc *d, dossier_status status, const char *fmt, ...)
{
    if (d->status == DOSSIER_OK) {
        char msg[1536];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        d->host->set_error(d->ctx, "%s", msg);
        d->status = status;
    }
    return status;
}

void *lay_vec_push(lay_doc *d, void *vec_ptr, size_t *n, size_t *cap, size_t size)
{
    void *items;
    memcpy(&items, vec_ptr, sizeof items); /* vec_ptr is the address of a T * */
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        void *grown = realloc(items, ncap * size);
        if (!grown) {
            lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
            return NULL;
        }
        items = grown;
        memcpy(vec_ptr, &items, sizeof items);
        *cap = ncap;
    }
    void *elem = (char *)items + *n * size;
    memset(elem, 0, size);
    (*n)++;
    return elem;
}

void lay_buf_decimal(dossier_buf *b, double v, int decimals)
{
    static const long long scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(v))
        v = 0; /* never produced by the layout; no undefined behaviour if it were */
    long long t = llround(v * (double)scale[decimals]);
    /* Digits written here, not with printf: a page holds thousands of numbers. */
    char buf[48], *end = buf + sizeof buf, *p = end;
    bool neg = t < 0;
    unsigned long long u = neg ? 0ull - (unsigned long long)t : (unsigned long long)t;
    int d = 0;
    bool frac = false;
    for (; d < decimals; d++, u /= 10) {
        unsigned digit = (unsigned)(u % 10);
        if (digit || frac) {
            *--p = (char)('0' + digit);
            frac = true;
        }
    }
    if (frac)
        *--p = '.';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        *--p = '-';
    dossier_buf_write(b, p, (size_t)(end - p));
}
