/* json_split.c — delimits the elements of the top-level "indicators" array (see
 * json_split.h). */
#include "json_split.h"

#include <stdlib.h>
#include <string.h>

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

/* t[*i] is '"': *i moves past the closing quote. */
static bool skip_string(const char *t, size_t len, size_t *i)
{
    for (size_t k = *i + 1; k < len; k++) {
        if (t[k] == '\\')
            k++;
        else if (t[k] == '"') {
            *i = k + 1;
            return true;
        }
    }
    return false;
}

/* Moves *i past one value: a string, a bracketed value (brackets counted, not matched: the
 * parse that follows checks them) or a scalar token. False at the end of the text or deeper
 * than `max_depth`. */
static bool skip_value(const char *t, size_t len, size_t *i, int max_depth)
{
    if (*i >= len)
        return false;
    if (t[*i] == '"')
        return skip_string(t, len, i);
    if (t[*i] == '{' || t[*i] == '[') {
        int depth = 0;
        for (size_t k = *i; k < len;) {
            char c = t[k];
            if (c == '"') {
                if (!skip_string(t, len, &k))
                    return false;
                continue;
            }
            if (c == '{' || c == '[') {
                if (++depth > max_depth)
                    return false;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    *i = k + 1;
                    return true;
                }
            }
            k++;
        }
        return false;
    }
    size_t k = *i;
    while (k < len && !strchr(",]} \t\n\r", t[k]))
        k++;
    if (k == *i)
        return false;
    *i = k;
    return true;
}

static bool push(json_split *s, size_t *cap, size_t start, size_t end)
{
    if (s->count == *cap) {
        size_t n = *cap ? *cap * 2 : 256;
        json_span *items = realloc(s->items, n * sizeof *items);
        if (!items)
            return false;
        s->items = items;
        *cap = n;
    }
    s->items[s->count++] = (json_span){start, end - start};
    return true;
}

/* t[*i] is the array's '[': its elements into s. */
static bool scan_array(const char *t, size_t len, size_t *i, json_split *s)
{
    size_t cap = 0;
    s->open = *i;
    size_t k = skip_ws(t, len, *i + 1);
    if (k < len && t[k] == ']')
        return false; /* empty: nothing to gain */
    for (;;) {
        size_t start = k;
        if (!skip_value(t, len, &k, JSON_SPLIT_MAX_DEPTH) || !push(s, &cap, start, k))
            return false;
        k = skip_ws(t, len, k);
        if (k < len && t[k] == ',') {
            k = skip_ws(t, len, k + 1);
            continue;
        }
        if (k < len && t[k] == ']') {
            s->close = k;
            *i = k + 1;
            return true;
        }
        return false;
    }
}

bool json_split_find(const char *text, size_t len, json_split *out)
{
    memset(out, 0, sizeof *out);
    size_t i = skip_ws(text, len, 0);
    if (i >= len || text[i] != '{')
        return false;
    i = skip_ws(text, len, i + 1);
    bool found = false;
    while (i < len && text[i] == '"') {
        size_t key = i + 1;
        if (!skip_string(text, len, &i))
            break;
        bool indicators = i - 1 - key == 10 && memcmp(text + key, "indicators", 10) == 0;
        i = skip_ws(text, len, i);
        if (i >= len || text[i] != ':')
            break;
        i = skip_ws(text, len, i + 1);
        bool ok = !found && indicators && i < len && text[i] == '['
                      ? (found = scan_array(text, len, &i, out))
                      : skip_value(text, len, &i, 1 << 20);
        if (!ok)
            break;
        i = skip_ws(text, len, i);
        if (i < len && text[i] == ',') {
            i = skip_ws(text, len, i + 1);
            continue;
        }
        if (i < len && text[i] == '}')
            return found;
        break;
    }
    json_split_free(out);
    return false;
}

void json_split_free(json_split *s)
{
    free(s->items);
    memset(s, 0, sizeof *s);
}
