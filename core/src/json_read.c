/* json_read.c — the one-pass JSON reader, with jansson behind it (see json_read.h). */
#include "json_read.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

typedef struct reader {
    const char *t;
    size_t p, lim, len;  /* lim is hole_from until the hole is passed, then len */
    size_t hole_from, hole_to;
    json_literals *lits;
    size_t lits_cap;
    char *scratch; /* owned: decoded strings with escapes */
    size_t scratch_cap;
} reader;

/* Skips white space; the hole is passed over here only, between tokens, so no token is read
 * across it (jansson, reading the text without it, might join two: then the fast parse fails
 * and jansson's stands). */
static void skip_ws(reader *r)
{
    for (;;) {
        while (r->p < r->lim) {
            char c = r->t[r->p];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            r->p++;
        }
        if (r->p != r->hole_from || r->lim != r->hole_from)
            return;
        r->p = r->hole_to;
        r->lim = r->len;
    }
}

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Decodes the escaped string whose body is t[from .. to) into r->scratch (never longer than
 * the body: an escape is at least as long as what it stands for). False on what jansson
 * rejects: an unknown escape, \u0000, a lone surrogate. */
static bool unescape(reader *r, size_t from, size_t to, size_t *n_out)
{
    size_t need = to - from + 1;
    if (need > r->scratch_cap) {
        char *s = realloc(r->scratch, need);
        if (!s)
            return false;
        r->scratch = s;
        r->scratch_cap = need;
    }
    const char *t = r->t;
    char *o = r->scratch;
    size_t n = 0;
    for (size_t i = from; i < to;) {
        if (t[i] != '\\') {
            o[n++] = t[i++];
            continue;
        }
        char e = t[i + 1]; /* the scan made sure a character follows a backslash */
        i += 2;
        switch (e) {
        case '"': o[n++] = '"'; continue;
        case '\\': o[n++] = '\\'; continue;
        case '/': o[n++] = '/'; continue;
        case 'b': o[n++] = '\b'; continue;
        case 'f': o[n++] = '\f'; continue;
        case 'n': o[n++] = '\n'; continue;
        case 'r': o[n++] = '\r'; continue;
        case 't': o[n++] = '\t'; continue;
        case 'u': break;
        default: return false;
        }
        int v = to - i >= 4 ? hex4(t + i) : -1;
        if (v <= 0 || (v >= 0xDC00 && v <= 0xDFFF))
            return false;
        i += 4;
        uint32_t cp = (uint32_t)v;
        if (v >= 0xD800 && v <= 0xDBFF) {
            int lo = to - i >= 6 && t[i] == '\\' && t[i + 1] == 'u' ? hex4(t + i + 2) : -1;
            if (lo < 0xDC00 || lo > 0xDFFF)
                return false;
            cp = 0x10000 + (((uint32_t)v - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
            i += 6;
        }
        n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)o + n);
    }
    *n_out = n;
    return true;
}

/* r->t[r->p] is '"': the string's bytes in *s, *n (in the text when it has no escapes, else
 * in r->scratch until the next string is read); r->p moves past the closing quote. */
static bool read_string(reader *r, const char **s, size_t *n)
{
    const unsigned char *t = (const unsigned char *)r->t;
    size_t i = r->p + 1, lim = r->lim;
    bool escaped = false;
    while (i < lim) {
        unsigned c = t[i];
        if (c == '"')
            break;
        if (c == '\\') {
            if (i + 1 >= lim)
                return false;
            escaped = true;
            i += 2;
        } else if (c < 0x20) {
            return false;
        } else if (c < 0x80) {
            i++;
        } else {
            int32_t cp; /* jansson's rules are Unicode's: no overlong, surrogate, cut sequence */
            i += text_utf8_decode(r->t + i, lim - i, &cp);
            if (cp < 0)
                return false;
        }
    }
    if (i >= lim)
        return false;
    size_t from = r->p + 1;
    r->p = i + 1;
    if (!escaped) {
        *s = r->t + from;
        *n = i - from;
        return true;
    }
    if (!unescape(r, from, i, n))
        return false;
    *s = r->scratch;
    return memchr(*s, '\0', *n) == NULL; /* \u0000 is refused above; kept as a guard */
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A number token at r->p, converted as jansson converts it (strtoll without a fraction or an
 * exponent, else strtod), with its literal recorded. A conversion that stops short of the
 * token (strtod under a locale whose decimal point is not '.', which jansson translates)
 * steps aside. */
static json_t *read_number(reader *r)
{
    const char *t = r->t;
    size_t s = r->p, q = s, lim = r->lim;
    bool real = false;
    if (t[q] == '-')
        q++;
    if (q < lim && t[q] == '0')
        q++;
    else if (q < lim && t[q] >= '1' && t[q] <= '9')
        while (q < lim && is_digit(t[q]))
            q++;
    else
        return NULL;
    if (q < lim && t[q] == '.') {
        q++;
        if (q >= lim || !is_digit(t[q]))
            return NULL;
        while (q < lim && is_digit(t[q]))
            q++;
        real = true;
    }
    if (q < lim && (t[q] == 'e' || t[q] == 'E')) {
        q++;
        if (q < lim && (t[q] == '+' || t[q] == '-'))
            q++;
        if (q >= lim || !is_digit(t[q]))
            return NULL;
        while (q < lim && is_digit(t[q]))
            q++;
        real = true;
    }
    size_t n = q - s;
    if (n > JSON_READ_MAX_NUMBER)
        return NULL;
    char buf[JSON_READ_MAX_NUMBER + 1];
    memcpy(buf, t + s, n);
    buf[n] = '\0';
    errno = 0;
    char *end;
    json_t *v;
    if (!real) {
        long long i = strtoll(buf, &end, 10);
        if (errno == ERANGE || end != buf + n)
            return NULL;
        v = json_integer(i);
    } else {
        double d = strtod(buf, &end);
        if ((errno == ERANGE && isinf(d)) || end != buf + n)
            return NULL;
        v = json_real(d);
    }
    if (v && !json_literals_push(r->lits, &r->lits_cap, v, t + s, n)) {
        json_decref(v);
        return NULL;
    }
    r->p = q;
    return v;
}

static bool word(reader *r, const char *w, size_t n)
{
    if (r->lim - r->p < n || memcmp(r->t + r->p, w, n) != 0)
        return false;
    r->p += n;
    return true;
}

static json_t *read_value(reader *r, int depth);

/* Past an opening bracket and the white space after it; true (and past the closing one too)
 * when the array or object is empty. */
static bool opened_empty(reader *r, char close)
{
    r->p++;
    skip_ws(r);
    if (r->p < r->lim && r->t[r->p] == close) {
        r->p++;
        return true;
    }
    return false;
}

/* After an element or a member: 0 past the closing bracket, 1 past a comma (and the white
 * space after it), -1 on anything else. */
static int after_item(reader *r, char close)
{
    skip_ws(r);
    if (r->p >= r->lim)
        return -1;
    char c = r->t[r->p++];
    if (c == close)
        return 0;
    if (c != ',')
        return -1;
    skip_ws(r);
    return 1;
}

static json_t *read_array(reader *r, int depth)
{
    json_t *a = json_array();
    if (!a)
        return NULL;
    if (opened_empty(r, ']'))
        return a;
    for (;;) {
        json_t *v = read_value(r, depth);
        if (!v || json_array_append_new(a, v) != 0)
            break;
        int next = after_item(r, ']');
        if (next == 0)
            return a;
        if (next < 0)
            break;
    }
    json_decref(a);
    return NULL;
}

static json_t *read_object(reader *r, int depth)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    if (opened_empty(r, '}'))
        return o;
    for (;;) {
        const char *k;
        size_t kn;
        if (r->p >= r->lim || r->t[r->p] != '"' || !read_string(r, &k, &kn))
            break;
        if (json_object_getn(o, k, kn))
            break; /* a duplicate: jansson's to report or to resolve */
        char *own = NULL;
        if (k == r->scratch) { /* the value's strings reuse the scratch buffer */
            own = malloc(kn + 1);
            if (!own)
                break;
            memcpy(own, k, kn);
            k = own;
        }
        skip_ws(r);
        json_t *v = NULL;
        if (r->p < r->lim && r->t[r->p] == ':') {
            r->p++;
            skip_ws(r);
            v = read_value(r, depth);
        }
        int set = v ? json_object_setn_new_nocheck(o, k, kn, v) : -1;
        free(own);
        if (set != 0)
            break;
        int next = after_item(r, '}');
        if (next == 0)
            return o;
        if (next < 0)
            break;
    }
    json_decref(o);
    return NULL;
}

static json_t *read_value(reader *r, int depth)
{
    if (r->p >= r->lim)
        return NULL;
    char c = r->t[r->p];
    switch (c) {
    case '{':
        return depth < JSON_READ_MAX_DEPTH ? read_object(r, depth + 1) : NULL;
    case '[':
        return depth < JSON_READ_MAX_DEPTH ? read_array(r, depth + 1) : NULL;
    case '"': {
        const char *s;
        size_t n;
        return read_string(r, &s, &n) ? json_stringn_nocheck(s, n) : NULL;
    }
    case 't':
        return word(r, "true", 4) ? json_true() : NULL;
    case 'f':
        return word(r, "false", 5) ? json_false() : NULL;
    case 'n':
        return word(r, "null", 4) ? json_null() : NULL;
    default:
        return c == '-' || is_digit(c) ? read_number(r) : NULL;
    }
}

json_t *json_read_fast(const char *text, size_t len, size_t hole_from, size_t hole_to,
                       size_t flags, json_literals *lits)
{
    memset(lits, 0, sizeof *lits);
    if (flags & ~(size_t)(JSON_REJECT_DUPLICATES | JSON_DECODE_ANY))
        return NULL;
    bool hole = hole_from < hole_to && hole_to <= len;
    reader r = {.t = text, .len = len, .lim = hole ? hole_from : len,
                .hole_from = hole ? hole_from : JSON_READ_NO_HOLE,
                .hole_to = hole ? hole_to : JSON_READ_NO_HOLE, .lits = lits};
    skip_ws(&r);
    json_t *root = NULL;
    if (r.p < r.lim && ((flags & JSON_DECODE_ANY) || r.t[r.p] == '{' || r.t[r.p] == '['))
        root = read_value(&r, 0);
    if (root) {
        skip_ws(&r);
        if (r.p != len || r.lim != len) { /* text after the value, or the hole not passed */
            json_decref(root);
            root = NULL;
        }
    }
    free(r.scratch);
    if (!root) {
        json_literals_free(lits);
        return NULL;
    }
    json_literals_sort(lits);
    return root;
}

typedef struct hole_reader {
    const char *text;
    size_t len, pos, hole_from, hole_to;
} hole_reader;

static size_t read_around_hole(void *buffer, size_t buflen, void *data)
{
    hole_reader *r = data;
    if (r->pos == r->hole_from)
        r->pos = r->hole_to;
    size_t end = r->pos < r->hole_from ? r->hole_from : r->len;
    size_t n = end - r->pos < buflen ? end - r->pos : buflen;
    memcpy(buffer, r->text + r->pos, n);
    r->pos += n;
    return n;
}

json_t *json_read_tree(const char *text, size_t len, size_t hole_from, size_t hole_to,
                       size_t flags, json_literals *lits, json_error_t *err)
{
    json_error_t none;
    if (!err)
        err = &none;
    json_t *root = json_read_fast(text, len, hole_from, hole_to, flags, lits);
    if (root)
        return root;
    bool hole = hole_from < hole_to && hole_to <= len;
    if (hole) {
        hole_reader hr = {text, len, 0, hole_from, hole_to};
        root = json_load_callback(read_around_hole, &hr, flags, err);
    } else {
        root = json_loadb(text, len, flags, err);
    }
    if (root && !json_literals_build_hole(lits, root, text, len, hole ? hole_from : SIZE_MAX,
                                          hole ? hole_to : SIZE_MAX)) {
        json_decref(root);
        snprintf(err->text, sizeof err->text, "internal error recovering number literals");
        err->line = err->column = -1;
        err->position = 0;
        return NULL;
    }
    return root;
}
