/* json_literals.c — number literal recovery (see json_literals.h). */
#include "json_literals.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct token_cursor {
    const char *text;
    size_t len, pos;
    size_t hole_from, hole_to; /* text the tree was not parsed from, skipped */
} token_cursor;

/* Advances to the next number token outside strings; false at the end of the text. */
static bool next_number(token_cursor *c, const char **start, size_t *n)
{
    const char *s = c->text;
    while (c->pos < c->len) {
        if (c->pos == c->hole_from && c->hole_to > c->hole_from) {
            c->pos = c->hole_to;
            continue;
        }
        char ch = s[c->pos];
        if (ch == '"') {
            for (c->pos++; c->pos < c->len && s[c->pos] != '"'; c->pos++)
                if (s[c->pos] == '\\')
                    c->pos++;
            c->pos++;
        } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
            size_t b = c->pos; /* a token ends where the hole starts, as the parse read it */
            size_t end = c->hole_from > c->pos && c->hole_from < c->len ? c->hole_from : c->len;
            while (c->pos < end && strchr("+-0123456789.eE", s[c->pos]) && s[c->pos])
                c->pos++;
            *start = s + b;
            *n = c->pos - b;
            return true;
        } else {
            c->pos++;
        }
    }
    return false;
}

static int literal_cmp(const void *a, const void *b)
{
    const json_t *x = ((const json_literal *)a)->value, *y = ((const json_literal *)b)->value;
    return (x > y) - (x < y);
}

bool json_literals_push(json_literals *map, size_t *cap, const json_t *value, const char *text,
                        size_t len)
{
    if (map->count == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        json_literal *items = realloc(map->items, n * sizeof *items);
        if (!items)
            return false;
        map->items = items;
        *cap = n;
    }
    map->items[map->count++] = (json_literal){value, text, len};
    return true;
}

void json_literals_sort(json_literals *map)
{
    if (map->count > 1) /* qsort(NULL, 0, …) is undefined behaviour */
        qsort(map->items, map->count, sizeof *map->items, literal_cmp);
}

typedef struct walk {
    json_literals *map;
    size_t cap;
    token_cursor cur;
    bool ok;
} walk;

static void walk_value(walk *w, const json_t *v)
{
    if (!w->ok)
        return;
    if (json_is_number(v)) {
        const char *start;
        size_t n;
        if (!next_number(&w->cur, &start, &n)) {
            w->ok = false;
            return;
        }
        if (!json_literals_push(w->map, &w->cap, v, start, n))
            w->ok = false;
    } else if (json_is_object(v)) {
        const char *key;
        json_t *child;
        json_object_foreach((json_t *)v, key, child) walk_value(w, child);
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            walk_value(w, json_array_get(v, i));
    }
}

bool json_literals_build(json_literals *map, const json_t *root, const char *text, size_t len)
{
    return json_literals_build_hole(map, root, text, len, SIZE_MAX, SIZE_MAX);
}

bool json_literals_build_hole(json_literals *map, const json_t *root, const char *text,
                              size_t len, size_t hole_from, size_t hole_to)
{
    memset(map, 0, sizeof *map);
    walk w = {.map = map, .cur = {text, len, 0, hole_from, hole_to}, .ok = true};
    walk_value(&w, root);
    const char *extra;
    size_t n;
    if (w.ok && next_number(&w.cur, &extra, &n))
        w.ok = false; /* more literals than numbers: the walk order assumption broke */
    if (!w.ok) {
        json_literals_free(map);
        return false;
    }
    json_literals_sort(map);
    return true;
}

const json_literal *json_literals_find(const json_literals *map, const json_t *value)
{
    json_literal key = {.value = value};
    if (map->count == 0) /* bsearch on a NULL array is undefined behaviour */
        return NULL;
    return bsearch(&key, map->items, map->count, sizeof *map->items, literal_cmp);
}

void json_literals_free(json_literals *map)
{
    free(map->items);
    memset(map, 0, sizeof *map);
}
