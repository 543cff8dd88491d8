/* test_json_split.c — json_split (core/src/json_split.c): the elements of a profile's
 * top-level "indicators" array are delimited exactly, the skeleton parses without them and
 * its number literals are still found, and every text the scan does not expect is declined
 * (the loader then parses the whole text, so syntax errors stay jansson's).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "json_literals.h"
#include "json_read.h"
#include "json_split.h"

static const char *span_text(const char *text, const json_split *s, size_t i, char *buf,
                             size_t cap)
{
    size_t n = s->items[i].len < cap - 1 ? s->items[i].len : cap - 1;
    memcpy(buf, text + s->items[i].start, n);
    buf[n] = '\0';
    return buf;
}

Test(split, delimits_every_element)
{
    const char *t = " {\"a\": [1, {\"x\": \"]}\"}], \"indicators\" :\n [ {\"id\": \"a\", \"v\": "
                    "[1, [2]]} ,\"s\\\"]\", 12.50,null,{}\t] , \"b\": 7926.0 }  ";
    json_split s;
    cr_assert(json_split_find(t, strlen(t), &s));
    cr_assert_eq(s.count, 5);
    char buf[128];
    cr_assert_str_eq(span_text(t, &s, 0, buf, sizeof buf), "{\"id\": \"a\", \"v\": [1, [2]]}");
    cr_assert_str_eq(span_text(t, &s, 1, buf, sizeof buf), "\"s\\\"]\"");
    cr_assert_str_eq(span_text(t, &s, 2, buf, sizeof buf), "12.50");
    cr_assert_str_eq(span_text(t, &s, 3, buf, sizeof buf), "null");
    cr_assert_str_eq(span_text(t, &s, 4, buf, sizeof buf), "{}");
    cr_assert_eq(t[s.open], '[');
    cr_assert_eq(t[s.close], ']');
    json_split_free(&s);
}

Test(split, skeleton_parses_without_the_elements_and_keeps_its_literals)
{
    const char *t = "{\"a\": 1.50, \"indicators\": [{\"v\": 3.0}, 4], \"b\": [7926.0, -0.10]}";
    json_split s;
    cr_assert(json_split_find(t, strlen(t), &s));
    json_error_t err;
    json_literals lit;
    json_t *root = json_read_tree(t, strlen(t), s.open + 1, s.close, JSON_REJECT_DUPLICATES,
                                  &lit, &err);
    cr_assert_not_null(root, "%s", err.text);
    cr_assert_eq(json_array_size(json_object_get(root, "indicators")), 0);
    cr_assert_eq(lit.count, 3, "the elements' numbers are not the skeleton's");
    const json_literal *l = json_literals_find(&lit, json_object_get(root, "a"));
    cr_assert(l && l->len == 4 && memcmp(l->text, "1.50", 4) == 0);
    l = json_literals_find(&lit, json_array_get(json_object_get(root, "b"), 1));
    cr_assert(l && l->len == 5 && memcmp(l->text, "-0.10", 5) == 0);
    json_literals_free(&lit);
    json_decref(root);
    json_split_free(&s);
}

Test(split, declines_what_it_does_not_expect)
{
    static const char *const texts[] = {
        "",
        "[1, 2]",
        "{\"a\": 1}",                              /* no indicators */
        "{\"indicators\": []}",                    /* nothing to gain */
        "{\"indicators\": {\"a\": 1}}",            /* not an array */
        "{\"indicators\": [1 2]}",                 /* no comma */
        "{\"indicators\": [1, ]}",                 /* trailing comma */
        "{\"indicators\": [, 1]}",
        "{\"indicators\": [1,, 2]}",
        "{\"indicators\": [1]",                    /* unclosed object */
        "{\"indicators\": [\"a]}",                 /* unclosed string */
        "{\"indicators\": [1] \"b\": 2}",          /* no comma between members */
        "{\"indic\\u0061tors\": [1]}",             /* an escaped key: parsed whole */
        "{\"a\" 1, \"indicators\": [1]}",          /* no colon */
        "{\"indicators\": [1],}",
        "{\"indicators\": [1]\f}",                 /* not JSON white space */
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        json_split s;
        cr_assert_not(json_split_find(texts[i], strlen(texts[i]), &s), "%s", texts[i]);
        cr_assert_null(s.items);
        cr_assert_eq(s.count, 0);
    }
}

/* {"indicators": [E]} where E is `depth` nested arrays; its length. */
static size_t nested(char *t, size_t cap, int depth)
{
    size_t n = (size_t)snprintf(t, cap, "{\"indicators\": [");
    for (int i = 0; i < depth; i++)
        t[n++] = '[';
    for (int i = 0; i < depth; i++)
        t[n++] = ']';
    n += (size_t)snprintf(t + n, cap - n, "]}");
    return n;
}

Test(split, declines_elements_nested_deeper_than_its_limit)
{
    char t[512];
    json_split s;
    cr_assert_not(json_split_find(t, nested(t, sizeof t, JSON_SPLIT_MAX_DEPTH + 1), &s));
    cr_assert(json_split_find(t, nested(t, sizeof t, JSON_SPLIT_MAX_DEPTH), &s));
    cr_assert_eq(s.count, 1);
    json_split_free(&s);
}

Test(split, only_the_first_indicators_member)
{
    /* a repeated key stays in the skeleton, where jansson rejects it */
    const char *t = "{\"indicators\": [1], \"indicators\": [2]}";
    json_split s;
    cr_assert(json_split_find(t, strlen(t), &s));
    cr_assert_eq(s.count, 1);
    json_error_t err;
    json_literals lit;
    cr_assert_null(json_read_tree(t, strlen(t), s.open + 1, s.close, JSON_REJECT_DUPLICATES,
                                  &lit, &err));
    cr_assert_str_eq(err.text, "duplicate object key near '\"indicators\"'");
    cr_assert_eq(lit.count, 0);
    json_split_free(&s);
}
