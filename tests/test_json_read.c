/* test_json_read.c — json_read (core/src/json_read.c), the one-pass reader in front of
 * jansson: whatever it accepts, jansson accepts with the same tree (types, values, key order,
 * string bytes) and the same number literals; whatever jansson rejects, it rejects too (so
 * jansson reports the error). Checked on hand-picked texts, on every JSON file of the test
 * data, on the split pieces of data/haidian.json and on thousands of mutations of them.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "json_split.h"

static bool same_tree(const json_t *a, const json_t *b)
{
    if (json_typeof(a) != json_typeof(b))
        return false;
    switch (json_typeof(a)) {
    case JSON_INTEGER:
        return json_integer_value(a) == json_integer_value(b);
    case JSON_REAL: {
        double x = json_real_value(a), y = json_real_value(b);
        return memcmp(&x, &y, sizeof x) == 0;
    }
    case JSON_STRING:
        return json_string_length(a) == json_string_length(b) &&
               memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
    case JSON_ARRAY:
        if (json_array_size(a) != json_array_size(b))
            return false;
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!same_tree(json_array_get(a, i), json_array_get(b, i)))
                return false;
        return true;
    case JSON_OBJECT: {
        if (json_object_size(a) != json_object_size(b))
            return false;
        void *ia = json_object_iter((json_t *)a), *ib = json_object_iter((json_t *)b);
        for (; ia && ib; ia = json_object_iter_next((json_t *)a, ia),
                         ib = json_object_iter_next((json_t *)b, ib)) {
            size_t ka = json_object_iter_key_len(ia), kb = json_object_iter_key_len(ib);
            if (ka != kb || memcmp(json_object_iter_key(ia), json_object_iter_key(ib), ka) != 0 ||
                !same_tree(json_object_iter_value(ia), json_object_iter_value(ib)))
                return false;
        }
        return !ia && !ib;
    }
    default:
        return true; /* true, false, null */
    }
}

/* Every number of a (read with literals la) has the literal of its twin in b (lb). */
static bool same_literals(const json_t *a, const json_literals *la, const json_t *b,
                          const json_literals *lb)
{
    if (json_is_number(a)) {
        const json_literal *x = json_literals_find(la, a), *y = json_literals_find(lb, b);
        return x && y && x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
    }
    if (json_is_array(a)) {
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!same_literals(json_array_get(a, i), la, json_array_get(b, i), lb))
                return false;
    } else if (json_is_object(a)) {
        void *ia = json_object_iter((json_t *)a), *ib = json_object_iter((json_t *)b);
        for (; ia; ia = json_object_iter_next((json_t *)a, ia),
                   ib = json_object_iter_next((json_t *)b, ib))
            if (!same_literals(json_object_iter_value(ia), la, json_object_iter_value(ib), lb))
                return false;
    }
    return true;
}

typedef enum { AGREE, STEPS_ASIDE } expect;

/* Reads text (without text[hole_from..hole_to)) with both readers and checks they agree;
 * STEPS_ASIDE: jansson accepts what the fast reader leaves to it. Returns whether jansson
 * accepted. */
static bool check(const char *text, size_t len, size_t hole_from, size_t hole_to, size_t flags,
                  expect e)
{
    bool hole = hole_from < hole_to && hole_to <= len;
    char *plain = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!hole || i < hole_from || i >= hole_to)
            plain[n++] = text[i];
    json_error_t err;
    json_t *j = json_loadb(plain, n, flags, &err);
    json_literals lj = {0};
    if (j)
        cr_assert(json_literals_build(&lj, j, plain, n));
    json_literals lf;
    json_t *f = json_read_fast(text, len, hole_from, hole_to, flags, &lf);
    if (e == STEPS_ASIDE) {
        cr_assert_not_null(j, "jansson rejects %.*s: %s", (int)n, plain, err.text);
        cr_assert_null(f, "the fast reader accepts %.*s", (int)n, plain);
    } else {
        cr_assert_eq(f != NULL, j != NULL, "readers disagree on %.*s (jansson: %s)", (int)n,
                     plain, j ? "accepts" : err.text);
    }
    if (f) {
        cr_assert(same_tree(f, j), "trees differ for %.*s", (int)n, plain);
        cr_assert(same_literals(f, &lf, j, &lj), "literals differ for %.*s", (int)n, plain);
        cr_assert_eq(lf.count, lj.count);
    } else {
        cr_assert_eq(lf.count, 0);
        cr_assert_null(lf.items);
    }
    /* json_read_tree gives jansson's answer either way */
    json_literals lt;
    json_error_t et;
    json_t *t = json_read_tree(text, len, hole_from, hole_to, flags, &lt, &et);
    cr_assert_eq(t != NULL, j != NULL);
    if (t) {
        cr_assert(same_tree(t, j));
        cr_assert(same_literals(t, &lt, j, &lj));
    } else {
        cr_assert_str_eq(et.text, err.text);
        cr_assert_eq(et.line, err.line);
        cr_assert_eq(et.column, err.column);
    }
    bool accepted = j != NULL;
    json_decref(t);
    json_decref(f);
    json_decref(j);
    json_literals_free(&lt);
    json_literals_free(&lf);
    json_literals_free(&lj);
    free(plain);
    return accepted;
}

static bool check_str(const char *s, size_t flags)
{
    return check(s, strlen(s), JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, flags, AGREE);
}

#define ANY (JSON_DECODE_ANY | JSON_REJECT_DUPLICATES)

Test(json_read, numbers_as_jansson_reads_them)
{
    static const char *const ok[] = {
        "0", "-0", "7926.0", "12.50", "-0.10", "1e5", "1E+5", "2.5e-3", "-0.0e-0",
        "9223372036854775807", "-9223372036854775808", "1e-400", "1.7976931348623157e308",
        "123456789012345678901234567890.5", "0.1", "5e0",
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        cr_assert(check_str(ok[i], ANY), "%s", ok[i]);
    static const char *const bad[] = {
        "9223372036854775808", "-9223372036854775809", "1e309", "-1e400", "01", "-01",
        "1.", ".5", "-", "+1", "1e", "1e+", "1.e5", "0x10", "1..2", "--1", "Infinity", "NaN",
        "1 2",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_not(check_str(bad[i], ANY), "%s", bad[i]);
}

Test(json_read, strings_as_jansson_reads_them)
{
    static const char *const ok[] = {
        "\"\"", "\"a\\\"b\\\\c\\/d\"", "\"\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u4E2D\"",
        "\"\\uD83D\\uDE00\"", "\"\xe4\xb8\xad\xe6\x96\x87\"", "\"\xf0\x9f\x98\x80\"",
        "\"\x7f\"", "\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf4\x8f\xbf\xbf\"",
        "\"7926.0\"", "\"\\uDBFF\\uDFFF\"", "\"\\u00E9\\u00e9\"",
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        cr_assert(check_str(ok[i], ANY), "%s", ok[i]);
    static const char *const bad[] = {
        "\"\\u0000\"", "\"\\uD83D\"", "\"\\uDE00\"", "\"\\uD83D\\u0041\"", "\"\\uD83Dx\"",
        "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\x01\"", "\"\t\"", "\"\xc0\x80\"",
        "\"\xc1\xbf\"", "\"\xe0\x80\x80\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
        "\"\xf5\x80\x80\x80\"", "\"\xe4\xb8\"", "\"\x80\"", "\"abc", "\"abc\\\"", "'a'",
        "\"\\uD800\\uD800\"", "\"\\uD83D\\u12\"", "\"\\uDBFF\\uE000\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_not(check_str(bad[i], ANY), "%s", bad[i]);
}

Test(json_read, structure_as_jansson_reads_it)
{
    static const char *const ok[] = {
        "{}", "[]", " \t\r\n{ \"a\" : [ 1 , { } , [ ] , null , true , false ] } \n",
        "{\"\": 1, \"b\": {\"c\": [7926.0, \"x\"]}}", "[[[[[]]]]]",
        "{\"z\": 1, \"a\": 2, \"m\": 3}", "{\"k\\u00e9\": 1, \"k\xc3\xa9x\": 2}",
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        cr_assert(check_str(ok[i], ANY), "%s", ok[i]);
    static const char *const bad[] = {
        "", " ", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a: 1}", "{\"a\":}", "[1 2]",
        "{\"a\":1 \"b\":2}", "[", "]", "{", "[1]]", "{} {}", "[1]x", "tru", "nul", "falsey",
        "\f[]", "[]\f", "{\"a\":1,\"a\":2}", "{\"k\\u0000\": 1}", "\xef\xbb\xbf[]",
        "{\"a\":[1,{\"b\":2,\"b\":3}]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_not(check_str(bad[i], ANY), "%s", bad[i]);
    cr_assert_not(check("[\0]", 3, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, ANY, AGREE));
    cr_assert_not(check("[\"\0\"]", 5, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, ANY, AGREE));
}

Test(json_read, flags_as_jansson_honours_them)
{
    /* without JSON_DECODE_ANY only an object or an array stands at the top */
    cr_assert_not(check_str("1", JSON_REJECT_DUPLICATES));
    cr_assert_not(check_str("\"a\"", JSON_REJECT_DUPLICATES));
    cr_assert(check_str("[1]", JSON_REJECT_DUPLICATES));
    /* jansson keeps the last of two equal keys without JSON_REJECT_DUPLICATES; the fast reader
     * leaves that to it, as it does a flag it does not know */
    const char *dup = "{\"a\": \"x\", \"a\": \"y\"}";
    cr_assert(check(dup, strlen(dup), JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, JSON_DECODE_ANY,
                    STEPS_ASIDE));
    const char *arr = "[1, 2.5]";
    cr_assert(check(arr, strlen(arr), JSON_READ_NO_HOLE, JSON_READ_NO_HOLE,
                    JSON_DECODE_INT_AS_REAL, STEPS_ASIDE));
}

Test(json_read, steps_aside_past_its_limits)
{
    char t[2 * JSON_READ_MAX_DEPTH + 8];
    for (int depth = JSON_READ_MAX_DEPTH; depth <= JSON_READ_MAX_DEPTH + 1; depth++) {
        for (int i = 0; i < depth; i++) {
            t[i] = '[';
            t[depth + i] = ']';
        }
        check(t, 2 * (size_t)depth, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, ANY,
              depth > JSON_READ_MAX_DEPTH ? STEPS_ASIDE : AGREE);
    }
    char num[JSON_READ_MAX_NUMBER + 2] = "0.";
    memset(num + 2, '0', JSON_READ_MAX_NUMBER - 2);
    num[JSON_READ_MAX_NUMBER - 1] = '5';
    cr_assert(check(num, JSON_READ_MAX_NUMBER, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, ANY, AGREE));
    num[JSON_READ_MAX_NUMBER] = '1';
    cr_assert(check(num, JSON_READ_MAX_NUMBER + 1, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, ANY,
                    STEPS_ASIDE));
}

Test(json_read, a_hole_is_passed_between_tokens_only)
{
    const char *t = "{\"a\": 1.50, \"indicators\": [{\"v\": 3.0}, 4], \"b\": [7926.0, -0.10]}";
    json_split s;
    cr_assert(json_split_find(t, strlen(t), &s));
    cr_assert(check(t, strlen(t), s.open + 1, s.close, JSON_REJECT_DUPLICATES, AGREE));
    json_split_free(&s);
    /* jansson joins "[tr" and "ue]" across the hole into true; the fast reader does not read
     * a token across it and leaves the text to jansson */
    const char *j = "[trxxue]";
    cr_assert(check(j, strlen(j), 3, 5, ANY, STEPS_ASIDE));
    /* a hole the reader never reaches (inside a string) */
    const char *k = "[\"abcd\"]";
    cr_assert(check(k, strlen(k), 3, 5, ANY, STEPS_ASIDE));
    /* a hole right after a number: the literal ends where the hole starts, read by either
     * reader (jansson's path is taken with a flag the fast reader leaves to it) */
    const char *n = "[12]";
    cr_assert(check(n, strlen(n), 2, 3, ANY, AGREE));
    cr_assert(check(n, strlen(n), 2, 3, JSON_DECODE_INT_AS_REAL, STEPS_ASIDE));
    /* a skeleton jansson reads (a number too long for the fast reader): its literals are
     * still found around the hole */
    const char *sk = "{\"a\": 1.50, \"indicators\": [{\"v\": 3.0}, 4], \"b\": [-0.10, "
                     "0.000000000000000000000000000000000000000000000000000000000000001]}";
    cr_assert(json_split_find(sk, strlen(sk), &s));
    cr_assert(check(sk, strlen(sk), s.open + 1, s.close, JSON_REJECT_DUPLICATES, STEPS_ASIDE));
    json_split_free(&s);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* Every .json under dir (recursively), whole; `count` counts them. */
static void check_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t nl = strlen(e->d_name);
        if (nl > 5 && strcmp(e->d_name + nl - 5, ".json") == 0) {
            size_t len;
            char *t = slurp(path, &len);
            check(t, len, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, JSON_REJECT_DUPLICATES, AGREE);
            free(t);
            ++*count;
        } else if (!strchr(e->d_name, '.')) {
            DIR *sub = opendir(path);
            if (sub) {
                closedir(sub);
                check_dir(path, count);
            }
        }
    }
    closedir(d);
}

Test(json_read, every_test_file_as_jansson_reads_it)
{
    size_t count = 0;
    check_dir(TEST_DATA_DIR, &count);
    check_dir(SOURCE_DIR "/data", &count);
    cr_assert_gt(count, 40);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* One random edit of t (len bytes, room for 16 more): a byte replaced by one that matters to
 * JSON, deleted or inserted, a short run duplicated, or the text cut. */
static size_t mutate(char *t, size_t len)
{
    static const char picks[] = "\"\\{}[],:0123456789.-+eEtfnu \t\n\x01\x1f\x7f\x80\xbf\xc0\xc3"
                                "\xa9\xe4\xb8\xad\xed\xa0\xf4\x90\xff";
    size_t at = len ? next_random() % len : 0;
    char c = picks[next_random() % (sizeof picks - 1)];
    if (next_random() % 9 == 0)
        c = '\0';
    switch (next_random() % 5) {
    case 0:
        if (len)
            t[at] = c;
        return len;
    case 1:
        if (len)
            memmove(t + at, t + at + 1, len - at - 1);
        return len ? len - 1 : 0;
    case 2:
        memmove(t + at + 1, t + at, len - at);
        t[at] = c;
        return len + 1;
    case 3: {
        size_t n = 1 + next_random() % 8;
        if (at + n > len)
            n = len - at;
        memmove(t + at + n, t + at, len - at);
        return len + n;
    }
    default:
        return at;
    }
}

Test(json_read, haidian_split_and_mutated_as_jansson_reads_it, .timeout = 300)
{
    size_t len;
    char *t = slurp(SOURCE_DIR "/data/haidian.json", &len);
    json_split s;
    cr_assert(json_split_find(t, len, &s));
    cr_assert(check(t, len, s.open + 1, s.close, JSON_REJECT_DUPLICATES, AGREE));
    size_t accepted = 0, rejected = 0;
    for (size_t i = 0; i < s.count; i++) {
        const char *el = t + s.items[i].start;
        size_t n = s.items[i].len;
        cr_assert(check(el, n, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, ANY, AGREE));
        char *buf = malloc(n + 64);
        for (int m = 0; m < 60; m++) {
            memcpy(buf, el, n);
            size_t k = n;
            int edits = 1 + (int)(next_random() % 3);
            for (int e = 0; e < edits; e++)
                k = mutate(buf, k);
            if (check(buf, k, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE, ANY, AGREE))
                accepted++;
            else
                rejected++;
        }
        free(buf);
    }
    /* the mutations must exercise both answers */
    cr_assert_gt(accepted, 200);
    cr_assert_gt(rejected, 2000);
    json_split_free(&s);
    free(t);
}
