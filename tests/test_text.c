/* test_text.c — the text engine: UTF-8, widths, break opportunities, wrapping.
 *
 * The wrapping tests check every result against an independent oracle: widths recomputed
 * with utf8proc_charwidth, the Chinese rules as literal character lists, number+unit tokens
 * as literal strings (plus a plain scan for numbers), grapheme boundaries from utf8proc, and
 * the greediness or necessity of every break from the published break opportunities.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "text_brkcache.h"
#include "units.h"

#ifndef TEXT_DATA_DIR
#define TEXT_DATA_DIR "tests/data/text"
#endif

/* ---- oracle ------------------------------------------------------------------------- */

static const char NO_START[] =
    "，。、；：？！）」』》〉】〕〗〙｝］”’…‥—·・～％‰℃〃々ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.;:!?)]}%！＂％），．：；？］｝";
static const char NO_END[] = "（「『《〈【〔〖〘〚｛［“‘([{";

/* Number+unit tokens of the sample paragraphs that must never be split. */
static const char *const TOKENS[] = {
    "430.77平方公里", "2.6%",     "323.7万人",  "30%",        "7926.0亿元", "7.0%",
    "22.4%",          "7217.2亿元", "8.2%",      "1.79万家",   "14.08万家",  "46%",
    "3970.5亿元",     "24.5%",    "3340亿元",   "15.8%",      "16.9%",      "5.6个百分点",
    "17.4%",          "50%",      "5036.8亿元", "88.8%",      "2.9亿美元",  "41.6亿美元",
    "7.6亿人民币",    "20亿元",   "9289亿元",   "1988年",     "60.3%",      "1/4",
};

static size_t cp_at(const char *s, size_t len, size_t i, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
    cr_assert_gt(n, 0, "invalid UTF-8 at %zu", i);
    *cp = c;
    return (size_t)n;
}

static bool in_list(const char *list, const char *s, size_t len, size_t i)
{
    int32_t cp;
    size_t n = cp_at(s, len, i, &cp);
    char ch[8] = {0};
    memcpy(ch, s + i, n);
    return strstr(list, ch) != NULL;
}

static bool is_ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_trailing_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Display width of a line without trailing spaces and newlines, per utf8proc. */
/* Display width of the bytes as printed, trailing spaces included (newlines excluded). */
static size_t ref_raw_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += cp_at(s, len, i, &cp);
        if (cp != '\n' && cp != '\r')
            w += (size_t)utf8proc_charwidth(cp);
    }
    return w;
}

static size_t ref_width(const char *s, size_t len)
{
    while (len > 0 && is_trailing_byte(s[len - 1]))
        len--;
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += cp_at(s, len, i, &cp);
        w += (size_t)utf8proc_charwidth(cp);
    }
    return w;
}

/* Facts about each byte position of a text, computed without the code under test. */
typedef struct oracle {
    const char *s;
    size_t len;
    char *brks;     /* text_break_opportunities: 0 / 1 / 2 */
    bool *boundary; /* position i starts a code point */
    bool *grapheme; /* position i is a grapheme cluster boundary */
    bool *token;    /* position i lies strictly inside a number(+unit) or a TOKENS one */
} oracle;

static void oracle_init(oracle *o, const char *s, size_t len)
{
    o->s = s;
    o->len = len;
    o->brks = malloc(len + 1);
    o->boundary = calloc(len + 1, 1);
    o->grapheme = calloc(len + 1, 1);
    o->token = calloc(len + 1, 1);
    cr_assert(o->brks && o->boundary && o->grapheme && o->token);
    cr_assert_eq(text_break_opportunities(s, len, o->brks), DOSSIER_OK);

    utf8proc_int32_t state = 0, prev = -1;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = cp_at(s, len, i, &cp);
        o->boundary[i] = true;
        o->grapheme[i] = prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state);
        prev = cp;
        i += n;
    }
    o->boundary[len] = o->grapheme[len] = true;

    /* Numbers: digits with '.', ',' or '/' between digits, and a unit right after. */
    for (size_t i = 0; i < len;) {
        if (!is_ascii_digit(s[i])) {
            i++;
            continue;
        }
        size_t e = i + 1;
        while (e < len && (is_ascii_digit(s[e]) || ((s[e] == '.' || s[e] == ',' || s[e] == '/') &&
                                                    e + 1 < len && is_ascii_digit(s[e + 1]))))
            e++;
        e += units_match_prefix(s + e, len - e);
        for (size_t k = i + 1; k < e; k++)
            o->token[k] = true;
        i = e;
    }
    for (size_t t = 0; t < sizeof TOKENS / sizeof TOKENS[0]; t++) {
        size_t tl = strlen(TOKENS[t]);
        for (size_t i = 0; i + tl <= len; i++) {
            if (memcmp(s + i, TOKENS[t], tl) != 0)
                continue;
            if (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.'))
                continue; /* part of a longer number */
            for (size_t k = i + 1; k < i + tl; k++)
                o->token[k] = true;
        }
    }
}

static void oracle_fini(oracle *o)
{
    free(o->brks);
    free(o->boundary);
    free(o->grapheme);
    free(o->token);
}

/* Last position before `end` (and after `start`) that starts a non-space code point. */
static size_t last_ink(const oracle *o, size_t start, size_t end)
{
    size_t i = end;
    while (i > start) {
        i--;
        if (o->boundary[i] && !is_trailing_byte(o->s[i]))
            return i;
    }
    return (size_t)-1;
}

/* A split at position h (a code point boundary) that breaks a Chinese rule or a cluster. */
static bool split_is_bad(const oracle *o, size_t h)
{
    if (!o->grapheme[h] || o->token[h] || in_list(NO_START, o->s, o->len, h))
        return true;
    size_t k = last_ink(o, 0, h);
    if (k != (size_t)-1 && in_list(NO_END, o->s, o->len, k))
        return true;
    if (h < 3 || h + 3 > o->len)
        return false;
    return (memcmp(o->s + h, "…", 3) == 0 && memcmp(o->s + h - 3, "…", 3) == 0) ||
           (memcmp(o->s + h, "—", 3) == 0 && memcmp(o->s + h - 3, "—", 3) == 0);
}

/* A position where an emergency split may happen: before a visible non-space code point. */
static bool split_point(const oracle *o, size_t h)
{
    if (h >= o->len || !o->boundary[h] || o->s[h] == ' ')
        return false;
    int32_t cp;
    cp_at(o->s, o->len, h, &cp);
    return utf8proc_charwidth(cp) > 0;
}

/* ---- collecting lines --------------------------------------------------------------- */

typedef struct line {
    const char *p;
    size_t len, width;
} line;

typedef struct lines {
    line *v;
    size_t n, cap;
    size_t stop_after; /* return non-zero after this many lines; 0 = never */
} lines;

static int collect(const char *p, size_t len, size_t width, void *user)
{
    lines *ls = user;
    if (ls->n == ls->cap) {
        ls->cap = ls->cap ? ls->cap * 2 : 64;
        ls->v = realloc(ls->v, ls->cap * sizeof *ls->v);
        cr_assert_not_null(ls->v);
    }
    ls->v[ls->n++] = (line){p, len, width};
    return ls->stop_after && ls->n >= ls->stop_after;
}

static lines wrap(const char *s, size_t len, size_t width, size_t indent)
{
    lines ls = {0};
    dossier_status st = text_wrap(s, len, width, indent, collect, &ls);
    cr_assert_eq(st, DOSSIER_OK, "text_wrap failed (%d) at width %zu", st, width);
    return ls;
}

/* Counts of rule violations that the checks allowed because the width forced them. */
typedef struct forced {
    size_t bad_start, bad_end, emergency;
} forced;

/* Checks one wrapping of s against the whole contract; returns what the width forced. */
static forced check_wrap(const char *s, size_t len, size_t width, size_t indent, bool chinese)
{
    oracle o;
    oracle_init(&o, s, len);
    lines ls = wrap(s, len, width, indent);
    forced f = {0};
    size_t pos = 0;

    cr_assert_gt(ls.n, 0);
    for (size_t li = 0; li < ls.n; li++) {
        const line *l = &ls.v[li];
        size_t avail = li == 0 ? width - indent : width;
        size_t start = pos, end = pos + l->len;
        bool last = li + 1 == ls.n;

        /* Contiguous cover, no empty line, widths right and within the line. */
        cr_assert_eq(l->p, s + pos, "width %zu line %zu not contiguous", width, li);
        cr_assert_gt(l->len, 0, "width %zu: empty line %zu", width, li);
        cr_assert(o.boundary[end], "width %zu: line %zu ends inside a code point", width, li);
        size_t w = ref_width(l->p, l->len);
        cr_assert_eq(l->width, w, "width %zu line %zu: reported %zu, is %zu", width, li,
                     l->width, w);
        cr_assert_leq(w, avail, "width %zu line %zu is %zu wide: %.*s", width, li, w,
                      (int)l->len, l->p);
        cr_assert_leq(ref_raw_width(l->p, l->len), avail,
                      "width %zu line %zu with its trailing spaces is wider: %.*s", width, li,
                      (int)l->len, l->p);
        for (size_t b = start + 1; b < end; b++)
            cr_assert_neq(o.brks[b - 1], 2, "width %zu: line %zu runs over a newline", width, li);
        pos = end;
        if (last)
            break;

        if (o.brks[end - 1] == 2)
            continue;
        if (o.s[end] == ' ') {
            /* Only when the space could not fit at the end of this full line. */
            cr_assert_eq(ref_raw_width(s + start, end - start) + 1, avail + 1,
                         "width %zu: line %zu starts with a space it need not", width, li + 1);
            continue;
        }
        cr_assert(split_point(&o, end), "width %zu: line %zu starts with a zero-width or "
                                        "space character", width, li + 1);
        if (o.brks[end - 1] == 1) {
            /* Greedy: the line could not also take the next segment. */
            size_t next = end + 1;
            while (o.brks[next - 1] == 0)
                next++;
            size_t wider = ref_raw_width(s + start, next - start);
            cr_assert_gt(wider, avail, "width %zu: line %zu could have ended at %zu", width,
                         li, next);
            if (chinese && width >= 20)
                cr_assert(w + 8 >= avail || wider - w > 8,
                          "width %zu: line %zu is only %zu wide", width, li, w);
        } else {
            /* Emergency split: no opportunity in the line, and the split is the last one
             * that fits, or the last one that keeps the rules (when one exists). */
            f.emergency++;
            for (size_t b = start + 1; b < end; b++)
                cr_assert_neq(o.brks[b - 1], 1, "width %zu: emergency split of line %zu "
                                                "although it had an opportunity", width, li);
            size_t fit = start, cum = 0;
            for (size_t i = start; i < len;) {
                int32_t cp;
                size_t n = cp_at(s, len, i, &cp);
                size_t cw = (size_t)utf8proc_charwidth(cp);
                if (cp != ' ' && cw > 0 && cum + cw > avail)
                    break;
                cum += cw;
                i += n;
                fit = i;
            }
            cr_assert_leq(end, fit);
            for (size_t h = end + 1; h <= fit; h++)
                if (split_point(&o, h))
                    cr_assert(split_is_bad(&o, h), "width %zu: line %zu could have been split "
                                                   "later, at %zu", width, li, h);
            if (split_is_bad(&o, end))
                for (size_t h = start + 1; h < end; h++)
                    if (split_point(&o, h))
                        cr_assert(split_is_bad(&o, h), "width %zu: line %zu broke a rule "
                                                       "though %zu keeps them", width, li, h);
        }

        /* The Chinese rules hold except where an emergency split had to break them. */
        if (in_list(NO_START, s, len, end)) {
            cr_assert_eq(o.brks[end - 1], 0, "width %zu: line %zu starts with a closing mark",
                         width, li + 1);
            f.bad_start++;
        }
        size_t k = last_ink(&o, start, end);
        if (k != (size_t)-1 && in_list(NO_END, s, len, k)) {
            cr_assert_eq(o.brks[end - 1], 0, "width %zu: line %zu ends with an opening mark",
                         width, li);
            f.bad_end++;
        }
        if (o.token[end]) {
            cr_assert_eq(o.brks[end - 1], 0);
            /* Only when the token could not fit on a line of its own. */
            size_t a = end, b = end;
            while (o.token[a])
                a--;
            while (o.token[b])
                b++;
            cr_assert_gt(ref_width(s + a, b - a), avail, "width %zu: token at %zu split", width,
                         a);
        }
    }
    cr_assert_eq(pos, len, "width %zu: lines cover %zu of %zu bytes", width, pos, len);
    free(ls.v);
    oracle_fini(&o);
    return f;
}

static char *read_data(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", TEXT_DATA_DIR, name);
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "cannot open %s", path);
    char *buf = malloc(1 << 16);
    cr_assert_not_null(buf);
    *len = fread(buf, 1, 1 << 16, fp);
    cr_assert(feof(fp), "%s is too large", path);
    fclose(fp);
    cr_assert_gt(*len, 0);
    return buf;
}

static const char *const CHINESE[] = {
    "01_basic_situation.txt", "02_haidian_model.txt", "03_gdp.txt",
    "04_enterprises.txt",     "05_resilience.txt",    "06_haidian_park.txt",
    "07_structure.txt",       "08_policy.txt",
};
#define N_CHINESE (sizeof CHINESE / sizeof CHINESE[0])

/* Width of the widest run without an opportunity (what a line must be able to hold for the
 * rules never to give way). */
static size_t widest_run(const char *s, size_t len)
{
    char *brks = malloc(len);
    cr_assert_eq(text_break_opportunities(s, len, brks), DOSSIER_OK);
    size_t best = 0, from = 0;
    for (size_t i = 0; i < len; i++) {
        if (brks[i] != 0) {
            size_t w = ref_width(s + from, i + 1 - from);
            best = w > best ? w : best;
            from = i + 1;
        }
    }
    free(brks);
    return best;
}

/* ---- UTF-8 -------------------------------------------------------------------------- */

static void assert_invalid(const char *s, size_t len, size_t want)
{
    size_t bad = 12345;
    cr_assert_not(text_utf8_valid(s, len, &bad), "accepted invalid input");
    cr_assert_eq(bad, want, "bad_offset %zu, want %zu", bad, want);
    cr_assert_not(text_utf8_valid(s, len, NULL));
}

Test(utf8, accepts_valid_text)
{
    const char *s = "海淀区 GDP 7926.0亿元，😀 e\xCC\x81 \xF4\x8F\xBF\xBF \xEF\xBF\xBF";
    size_t bad = 99;
    cr_assert(text_utf8_valid(s, strlen(s), &bad));
    cr_assert_eq(bad, 99, "bad_offset touched on success");
    cr_assert(text_utf8_valid("", 0, NULL));
    cr_assert(text_utf8_valid("a\0b", 3, NULL), "U+0000 is valid");
}

Test(utf8, rejects_overlong_forms)
{
    assert_invalid("\xC0\x80", 2, 0);
    assert_invalid("ab\xC1\xBF", 4, 2);
    assert_invalid("x\xE0\x80\x80", 4, 1);
    assert_invalid("海\xF0\x8F\xBF\xBF", 7, 3);
}

Test(utf8, rejects_surrogates_and_beyond_unicode)
{
    assert_invalid("\xED\xA0\x80", 3, 0);
    assert_invalid("ok\xED\xBF\xBF", 5, 2);
    assert_invalid("\xF4\x90\x80\x80", 4, 0);
    assert_invalid("abc\xF5\x80\x80\x80", 7, 3);
    assert_invalid("\xFF", 1, 0);
}

Test(utf8, rejects_truncated_and_stray_bytes)
{
    assert_invalid("海\xE6\xB5", 5, 3);           /* truncated at the end */
    assert_invalid("\xE6\xB5海", 5, 0);           /* truncated, then more text */
    assert_invalid("ab\xF0\x9F\x98", 5, 2);
    assert_invalid("xyz\x80", 4, 3);               /* lone continuation byte */
    assert_invalid("海\xB5\xB7", 5, 3);
    assert_invalid("海淀区", 8, 6);                /* cut inside the last character */
}

Test(utf8, decodes_one_code_point)
{
    int32_t cp;
    cr_assert_eq(text_utf8_decode("A", 1, &cp), 1);
    cr_assert_eq(cp, 'A');
    cr_assert_eq(text_utf8_decode("é", 2, &cp), 2);
    cr_assert_eq(cp, 0xE9);
    cr_assert_eq(text_utf8_decode("海淀", 6, &cp), 3);
    cr_assert_eq(cp, 0x6D77);
    cr_assert_eq(text_utf8_decode("😀", 4, &cp), 4);
    cr_assert_eq(cp, 0x1F600);
    cr_assert_eq(text_utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
    cr_assert_eq(cp, 0x10FFFF);
    cr_assert_eq(text_utf8_decode("海", 2, &cp), 1, "must not read past len");
    cr_assert_eq(cp, -1);
    cr_assert_eq(text_utf8_decode("\x80", 1, &cp), 1);
    cr_assert_eq(cp, -1);
    cr_assert_eq(text_utf8_decode("\xE0\x80\x80", 3, &cp), 1);
    cr_assert_eq(cp, -1);
    cr_assert_eq(text_utf8_decode("\xED\xA0\x80", 3, &cp), 1);
    cr_assert_eq(cp, -1);
}

/* ---- width -------------------------------------------------------------------------- */

#define W(str) text_width((str), strlen(str))

Test(width, of_text)
{
    cr_assert_eq(W("海淀区"), 6);
    cr_assert_eq(W("GDP"), 3);
    cr_assert_eq(W("7926.0亿元"), 10);
    cr_assert_eq(W("e\xCC\x81"), 1, "combining acute accent");
    cr_assert_eq(W("😀"), 2);
    cr_assert_eq(W("，"), 2);
    cr_assert_eq(W("“海淀模式”"), 10);
    cr_assert_eq(W("a\xE2\x80\x8B" "b"), 2, "zero-width space");
    cr_assert_eq(W("a\n"), 1);
    cr_assert_eq(W(""), 0);
    cr_assert_eq(text_width("a\xFF\x80z", 4), 4, "invalid bytes count 1 each");
}

Test(width, of_code_points)
{
    cr_assert_eq(text_char_width('A'), 1);
    cr_assert_eq(text_char_width(0x6D77), 2);
    cr_assert_eq(text_char_width(0x3000), 2, "ideographic space");
    cr_assert_eq(text_char_width(0xFF0C), 2);
    cr_assert_eq(text_char_width(0x0301), 0);
    cr_assert_eq(text_char_width(0x200D), 0);
    cr_assert_eq(text_char_width(0x00AD), 0, "soft hyphen is invisible");
    cr_assert_eq(text_char_width('\t'), 0);
    cr_assert_eq(text_char_width(0x2028), 0);
    cr_assert_eq(text_char_width(-1), 1);
    cr_assert_eq(text_char_width(0x110000), 1);
}

/* text_char_width answers the commonest ranges without asking utf8proc: for every code point
 * it gives what utf8proc's category and East Asian width say. */
Test(width, every_code_point_as_utf8proc_says)
{
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        utf8proc_category_t c = utf8proc_category(cp);
        size_t want = c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME ||
                              c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF ||
                              c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP
                          ? 0
                      : utf8proc_charwidth(cp) >= 2 ? 2
                                                    : 1;
        if (text_char_width(cp) != want)
            cr_assert_fail("U+%04X: %zu, utf8proc says %zu", (unsigned)cp, text_char_width(cp),
                           want);
    }
}

/* ---- break opportunities ------------------------------------------------------------ */

/* `marked` is the text with '|' wherever a line may break (except at the end). */
static void assert_breaks(const char *marked)
{
    size_t n = strlen(marked);
    char *s = malloc(n + 1), *want = calloc(n + 1, 1), *brks = malloc(n + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (marked[i] == '|')
            want[len - 1] = 1;
        else
            s[len++] = marked[i];
    }
    want[len - 1] = 2;
    cr_assert_eq(text_break_opportunities(s, len, brks), DOSSIER_OK);
    for (size_t i = 0; i < len; i++)
        cr_assert_eq(brks[i], want[i], "%s: at byte %zu got %d, want %d", marked, i, brks[i],
                     want[i]);
    free(s);
    free(want);
    free(brks);
}

Test(breaks, chinese_punctuation)
{
    assert_breaks("了|“海|淀|模|式”、|“海|淀|经|验”。");
    assert_breaks("园|（以|下|简|称|海|淀|园）|是");
    assert_breaks("高|新|区——|北|京|市……|好");
    assert_breaks("中|⋯⋯|中");
    assert_breaks("中ー々〃ぁ～·・％‰℃|中");     /* UAX #14 alone breaks before 〃ぁ～·％‰℃ */
    assert_breaks("中！＂％），．：；？］｝|中");
    assert_breaks("中,.;:!?)]}%|中");
    assert_breaks("中|（「『《〈【〔〖〘〚｛［“‘([{中");
    assert_breaks("中|（ 中");                    /* spaces after an opening mark */
    assert_breaks("a |( b");
}

Test(breaks, numbers_and_units)
{
    assert_breaks("总|值|7926.0亿元，|同|比");
    assert_breaks("面|积|430.77平方公里,|约|占");
    assert_breaks("有|46%|以|上");
    assert_breaks("增|加|5.6个百分点。");
    assert_breaks("约|1.79万家，|占|全|市|的|1/4；");
    assert_breaks("GDP |5036.8亿元，");
    assert_breaks("共|1,234,567人次");
    assert_breaks("规|模 |12 |亿|元");            /* a unit after a space may go */
    assert_breaks("2019年|底");
}

Test(breaks, latin_emoji_newlines)
{
    assert_breaks("Zhongguancun |Science |Park |的 |GDP");
    assert_breaks("😀|😀|中");
    assert_breaks("👩\xE2\x80\x8D💻|中");          /* libunibreak 1.1 breaks after ZWJ */
    assert_breaks("🇨🇳|🇨🇳|中");                   /* libunibreak 1.1 aborts on these */
    assert_breaks("a\xEF\xBF\xBF" "b");           /* and on U+FFFF */
    assert_breaks("cafe\xCC\x81 |x");

    const char *s = "a\nb\r\nc\xE2\x80\xA8" "d";
    char brks[16];
    cr_assert_eq(text_break_opportunities(s, strlen(s), brks), DOSSIER_OK);
    const char want[] = {0, 2, 0, 0, 2, 0, 0, 0, 2, 2};
    cr_assert_eq(strlen(s), sizeof want);
    for (size_t i = 0; i < sizeof want; i++)
        cr_assert_eq(brks[i], want[i], "byte %zu: %d", i, brks[i]);
}

Test(breaks, rules_hold_over_the_samples)
{
    for (size_t f = 0; f < N_CHINESE + 1; f++) {
        size_t len;
        const char *name = f < N_CHINESE ? CHINESE[f] : "09_mixed.txt";
        char *s = read_data(name, &len);
        oracle o;
        oracle_init(&o, s, len);
        size_t tokens = 0;
        for (size_t b = 1; b < len; b++) {
            if (!o.boundary[b]) {
                cr_assert_eq(o.brks[b - 1], 0, "break inside a UTF-8 sequence");
                continue;
            }
            if (o.brks[b - 1] != 1)
                continue;
            cr_assert_not(split_is_bad(&o, b), "%s: forbidden break at %zu: %.12s", name, b,
                          s + b);
            cr_assert(split_point(&o, b), "%s: break before a space or mark", name);
        }
        for (size_t b = 0; b < len; b++)
            tokens += o.token[b];
        cr_assert_gt(tokens, 0, "%s: no number found", name);
        cr_assert_eq(o.brks[len - 1], 2);
        oracle_fini(&o);
        free(s);
    }
}

Test(breaks, invalid_input)
{
    char brks[4];
    cr_assert_eq(text_break_opportunities("a\xFF", 2, brks), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_break_opportunities(NULL, 2, brks), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_break_opportunities("ab", 2, NULL), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_break_opportunities("", 0, brks), DOSSIER_OK);
}

/* ---- wrapping: exact results -------------------------------------------------------- */

static void assert_lines(const char *s, size_t width, size_t indent, const char *const *want,
                         const size_t *widths, size_t n)
{
    lines ls = wrap(s, strlen(s), width, indent);
    cr_assert_eq(ls.n, n, "%zu lines, want %zu (first: %.*s)", ls.n, n, (int)ls.v[0].len,
                 ls.v[0].p);
    for (size_t i = 0; i < n; i++) {
        cr_assert(ls.v[i].len == strlen(want[i]) && memcmp(ls.v[i].p, want[i], ls.v[i].len) == 0,
                  "line %zu is \"%.*s\", want \"%s\"", i, (int)ls.v[i].len, ls.v[i].p, want[i]);
        cr_assert_eq(ls.v[i].width, widths[i], "line %zu width %zu", i, ls.v[i].width);
    }
    free(ls.v);
}

#define LINES(...) ((const char *const[]){__VA_ARGS__})
#define WIDTHS(...) ((const size_t[]){__VA_ARGS__})
#define COUNT(...) (sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

Test(wrap, chinese_paragraph)
{
    /* 28 columns (GB/T 9704: 14 characters here), two-character first-line indent. */
    const char *s = "中关村科技园区海淀园（以下简称海淀园）是中关村的发祥地，也是中国高新区的"
                    "发源地和领头羊。";
    assert_lines(s, 28, 4,
                 LINES("中关村科技园区海淀园（以", "下简称海淀园）是中关村的发祥",
                       "地，也是中国高新区的发源地和", "领头羊。"),
                 WIDTHS(24, 28, 28, 8), 4);
    /* "（" cannot end the line, "）" cannot start one: 以下简称海淀园） moves as a block. */
    assert_lines(s, 20, 0,
                 LINES("中关村科技园区海淀园", "（以下简称海淀园）是", "中关村的发祥地，也是",
                       "中国高新区的发源地和", "领头羊。"),
                 WIDTHS(20, 20, 20, 20, 8), 5);
    assert_lines(s, 14, 0,
                 LINES("中关村科技园区", "海淀园（以下简", "称海淀园）是中", "关村的发祥地，",
                       "也是中国高新区", "的发源地和领头", "羊。"),
                 WIDTHS(14, 14, 14, 14, 14, 14, 4), 7);
}

Test(wrap, keeps_numbers_with_units)
{
    const char *s = "初步核算,2019年海淀实现地区生产总值7926.0亿元,同比增长7.0%;";
    assert_lines(s, 24, 0,
                 LINES("初步核算,2019年海淀实现", "地区生产总值7926.0亿元,",
                       "同比增长7.0%;"),
                 WIDTHS(23, 23, 13), 3);
    assert_lines(s, 20, 0,
                 LINES("初步核算,2019年海淀", "实现地区生产总值", "7926.0亿元,同比增长",
                       "7.0%;"),
                 WIDTHS(19, 16, 19, 5), 4);
}

Test(wrap, mixed_latin)
{
    assert_lines("Zhongguancun Science Park 的 GDP 增速", 16, 0,
                 LINES("Zhongguancun ", "Science Park 的 ", "GDP 增速"), WIDTHS(12, 15, 8),
                 3);
}

/* Trailing spaces stay on their line and count toward the width (the line as printed never
 * exceeds it), but not toward the reported width. When a word fills a line exactly, the line
 * ends before the space that follows rather than splitting the word. */
Test(wrap, trailing_spaces_fit_the_width)
{
    assert_lines("abc def ghi", 8, 0, LINES("abc def ", "ghi"), WIDTHS(7, 3), 2);
    assert_lines("abc def ghi", 7, 0, LINES("abc ", "def ghi"), WIDTHS(3, 7), 2);
    assert_lines("abc def ghi", 4, 0, LINES("abc ", "def ", "ghi"), WIDTHS(3, 3, 3), 3);
    assert_lines("abc def ghi", 3, 0, LINES("abc", " ", "def", " ", "ghi"), WIDTHS(3, 0, 3, 0, 3),
                 5);
    assert_lines("ab      cd", 4, 0, LINES("ab  ", "    ", "cd"), WIDTHS(2, 0, 2), 3);
}

Test(wrap, mandatory_breaks_end_lines)
{
    assert_lines("第一行\n第二行\r\n第三\xE2\x80\xA8四", 80, 0,
                 LINES("第一行\n", "第二行\r\n", "第三\xE2\x80\xA8", "四"), WIDTHS(6, 6, 4, 2),
                 4);
    assert_lines("a\n\nb\n", 10, 0, LINES("a\n", "\n", "b\n"), WIDTHS(1, 0, 1), 3);
    assert_lines("海淀区位于北京 \n市区", 6, 0, LINES("海淀区", "位于北", "京 \n", "市区"),
                 WIDTHS(6, 6, 2, 4), 4);
}

Test(wrap, emergency_split_of_long_runs)
{
    assert_lines("abcdefghij", 4, 0, LINES("abcd", "efgh", "ij"), WIDTHS(4, 4, 2), 3);
    assert_lines("abcdefghij", 4, 1, LINES("abc", "defg", "hij"), WIDTHS(3, 4, 3), 3);
    /* Not before a closing mark when the line can give one character back. */
    assert_lines("abcdefg。", 4, 0, LINES("abcd", "ef", "g。"), WIDTHS(4, 2, 3), 3);
    /* Combining marks stay with their base. */
    assert_lines("e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, 0,
                 LINES("e\xCC\x81" "e\xCC\x81", "e\xCC\x81" "e\xCC\x81", "e\xCC\x81"),
                 WIDTHS(2, 2, 1), 3);
    /* Nor before a zero-width character (here U+2060 WORD JOINER). */
    assert_lines("abc\xE2\x81\xA0。", 4, 0, LINES("ab", "c\xE2\x81\xA0。"), WIDTHS(2, 3), 2);
    /* Nor inside a number, when that can be avoided. */
    assert_lines("abc1/4", 4, 0, LINES("abc", "1/4"), WIDTHS(3, 3), 2);
    /* A number+unit longer than the line: the width wins. */
    assert_lines("7926.0亿元", 6, 0, LINES("7926.0", "亿元"), WIDTHS(6, 4), 2);
    /* Wide characters in an odd width leave a column free. */
    assert_lines("。。。。", 5, 0, LINES("。。", "。。"), WIDTHS(4, 4), 2);
}

Test(wrap, wide_char_alone_on_a_one_column_first_line)
{
    /* The documented exception: width - first_indent == 1 and a wide first character. */
    assert_lines("中文", 2, 1, LINES("中", "文"), WIDTHS(2, 2), 2);
    assert_lines("a中文", 2, 1, LINES("a", "中", "文"), WIDTHS(1, 2, 2), 3);
}

Test(wrap, empty_text_gives_no_line)
{
    lines ls = wrap("", 0, 10, 0);
    cr_assert_eq(ls.n, 0);
    ls = wrap(NULL, 0, 10, 0);
    cr_assert_eq(ls.n, 0);
}

Test(wrap, invalid_arguments)
{
    lines ls = {0};
    const char *s = "海淀区";
    cr_assert_eq(text_wrap(s, 9, 0, 0, collect, &ls), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_wrap(s, 9, 1, 0, collect, &ls), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_wrap(s, 9, 10, 10, collect, &ls), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_wrap(s, 9, 10, 11, collect, &ls), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_wrap("海淀\xE5", 7, 10, 0, collect, &ls), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_wrap("a\xC0\x80", 3, 10, 0, collect, &ls), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_wrap(s, 9, 10, 0, NULL, &ls), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(text_wrap(NULL, 9, 10, 0, collect, &ls), DOSSIER_ERR_INVALID_ARGUMENT);
    cr_assert_eq(ls.n, 0, "callback called on invalid input");
    cr_assert_eq(text_wrap(s, 9, 2, 1, collect, &ls), DOSSIER_OK);
    free(ls.v);
}

Test(wrap, callback_stops_early)
{
    size_t len;
    char *s = read_data("01_basic_situation.txt", &len);
    for (size_t stop = 1; stop <= 3; stop++) {
        lines ls = {.stop_after = stop};
        cr_assert_eq(text_wrap(s, len, 20, 4, collect, &ls), DOSSIER_OK);
        cr_assert_eq(ls.n, stop);
        free(ls.v);
    }
    free(s);

    lines ls = {.stop_after = 2}; /* also after a line ended by a newline */
    cr_assert_eq(text_wrap("a\nb\nc\n", 6, 10, 0, collect, &ls), DOSSIER_OK);
    cr_assert_eq(ls.n, 2);
    free(ls.v);
}

/* ---- wrapping: every width over the samples ----------------------------------------- */

Test(wrap, real_paragraphs_every_width)
{
    for (size_t f = 0; f < N_CHINESE; f++) {
        size_t len;
        char *s = read_data(CHINESE[f], &len);
        size_t run = widest_run(s, len);
        cr_assert_lt(run, 20, "%s: unexpected long run", CHINESE[f]);
        for (size_t width = 10; width <= 120; width++) {
            for (size_t indent = 0; indent <= 4; indent += 4) {
                forced fc = check_wrap(s, len, width, indent, true);
                if (width > run + indent) {
                    cr_assert_eq(fc.emergency, 0, "%s width %zu: emergency split", CHINESE[f],
                                 width);
                    cr_assert_eq(fc.bad_start + fc.bad_end, 0);
                }
            }
        }
        free(s);
    }
}

Test(wrap, mixed_paragraph_every_width)
{
    size_t len;
    char *s = read_data("09_mixed.txt", &len);
    cr_assert(strstr(s, "😀") && strstr(s, "Zhongguancun") && strstr(s, "e\xCC\x81"));
    size_t emergencies = 0;
    for (size_t width = 10; width <= 120; width++)
        for (size_t indent = 0; indent <= 4; indent += 4)
            emergencies += check_wrap(s, len, width, indent, false).emergency;
    cr_assert_gt(emergencies, 0, "the 300-character token should need splitting");
    free(s);
}

Test(wrap, paragraph_of_100000_characters)
{
    size_t cap = 400000, len = 0, chars = 0;
    char *s = malloc(cap);
    cr_assert_not_null(s);
    for (size_t f = 0; chars < 100000; f = (f + 1) % N_CHINESE) {
        size_t n;
        char *p = read_data(CHINESE[f], &n);
        while (n > 0 && p[n - 1] == '\n')
            n--;
        if (len + n > cap)
            break;
        memcpy(s + len, p, n);
        len += n;
        for (size_t i = 0; i < n; i++)
            chars += ((unsigned char)p[i] & 0xC0) != 0x80;
        free(p);
    }
    cr_assert_geq(chars, 100000);
    check_wrap(s, len, 56, 4, true);
    check_wrap(s, len, 13, 0, true);
    free(s);
}

Test(wrap, unbreakable_token_of_5000_characters)
{
    size_t len = 5000;
    char *s = malloc(len);
    for (size_t i = 0; i < len; i++)
        s[i] = (char)('a' + i % 26);
    for (size_t width = 10; width <= 120; width += 7) {
        for (size_t indent = 0; indent <= 4; indent += 4) {
            check_wrap(s, len, width, indent, false);
            lines ls = wrap(s, len, width, indent);
            for (size_t i = 0; i + 1 < ls.n; i++)
                cr_assert_eq(ls.v[i].width, i == 0 ? width - indent : width);
            cr_assert_leq(ls.v[ls.n - 1].width, width);
            cr_assert_eq(ls.n, 1 + (len + indent - 1) / width);
            free(ls.v);
        }
    }
    free(s);

    /* The same with wide closing marks, whose every split breaks a rule. */
    len = 3 * 2000;
    s = malloc(len);
    for (size_t i = 0; i < len; i += 3)
        memcpy(s + i, "。", 3);
    lines ls = wrap(s, len, 57, 0);
    cr_assert_eq(ls.n, 2000 / 28 + 1);
    for (size_t i = 0; i + 1 < ls.n; i++)
        cr_assert_eq(ls.v[i].width, 56);
    free(ls.v);
    check_wrap(s, len, 57, 0, false);
    free(s);
}

/* Classifying skips utf8proc between two "plain" code points; that is right only if each of
 * them has grapheme break class Other (utf8proc's state after such a pair is then Other and
 * the break is always allowed, rule GB999). */
Test(breaks, plain_code_points_have_grapheme_class_other)
{
    size_t plain = 0;
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (!text_grapheme_plain(cp))
            continue;
        plain++;
        cr_assert_eq(utf8proc_get_property(cp)->boundclass, UTF8PROC_BOUNDCLASS_OTHER,
                     "U+%04X", (unsigned)cp);
    }
    cr_assert_gt(plain, 20000);
    cr_assert_not(text_grapheme_plain(0x302A)); /* a combining tone mark */
    cr_assert_not(text_grapheme_plain(0x3030)); /* Extended_Pictographic */
    cr_assert_not(text_grapheme_plain(0x200D)); /* ZWJ */
}

/* The memo of classifications gives what classifying gives, and forgets what it holds when
 * the registered units change (a number + unit run depends on them). */
Test(breaks, memo_follows_the_registered_units)
{
    const char *s = "共有1234喵喵和其他东西在这里";
    size_t len = strlen(s), unit_at = strlen("共有1234");
    char *a = malloc(len), *b = malloc(len);
    cr_assert_eq(text_break_opportunities(s, len, a), DOSSIER_OK);
    cr_assert_eq(a[unit_at - 1], 1, "a break between 1234 and an unknown unit");
    cr_assert_eq(text_break_opportunities(s, len, b), DOSSIER_OK); /* from the memo */
    cr_assert_arr_eq(a, b, len);
    unit_info cat = {"喵喵", UNIT_COUNT, "喵喵", 1.0};
    cr_assert(units_register(&cat));
    cr_assert_eq(text_break_opportunities(s, len, b), DOSSIER_OK);
    cr_assert_eq(b[unit_at - 1], 0, "no break between 1234 and a registered unit");
    units_reset();
    cr_assert_eq(text_break_opportunities(s, len, b), DOSSIER_OK);
    cr_assert_arr_eq(a, b, len);
    free(a);
    free(b);
}

/* Past its bound (256 KB, 512 texts) the memo starts again: thousands of distinct texts keep
 * giving what a fresh classification gives. */
Test(breaks, memo_stays_right_past_its_bound)
{
    enum { TEXTS = 3000, CAP = 1024 };
    char *s = malloc(CAP), *a = malloc(CAP), *b = malloc(CAP);
    for (int i = 0; i < TEXTS; i++) {
        int n = snprintf(s, CAP, "第%d段：", i);
        for (int k = 0; n + 40 < CAP && k < 30 + i % 7; k++)
            n += snprintf(s + n, (size_t)(CAP - n), k % 5 ? "海淀区%d.%d亿元，" : "“科技”（%d%%）。",
                          i + k, k);
        cr_assert_eq(text_break_opportunities(s, (size_t)n, a), DOSSIER_OK);
        cr_assert_eq(text_break_opportunities(s, (size_t)n, b), DOSSIER_OK);
        cr_assert_arr_eq(a, b, (size_t)n, "text %d: the memo differs", i);
        if (i % 500 == 0) {
            text_brkcache_clear();
            cr_assert_eq(text_break_opportunities(s, (size_t)n, b), DOSSIER_OK);
            cr_assert_arr_eq(a, b, (size_t)n, "text %d: fresh classification differs", i);
        }
    }
    text_brkcache_clear();
    free(s);
    free(a);
    free(b);
}

/* text_join gives what snprintf("%s%s%s%s") gives, for every buffer size: the same bytes, the
 * same terminator, the same returned length. */
Test(join, cuts_and_counts_as_snprintf_does)
{
    static const char *const sets[][4] = {
        {"", "", "", ""},
        {"下降", "", "3.2", "%"},
        {"近", "50", "", "家"},
        {"2000", "余", "家", ""},
        {"7926.0", "亿元", "以上", "a long tail to cut in the middle of"},
    };
    for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
        for (size_t cap = 0; cap < 72; cap++) {
            char want[80], got[80];
            memset(want, 'x', sizeof want);
            memset(got, 'x', sizeof got);
            int n = snprintf(cap ? want : NULL, cap, "%s%s%s%s", sets[s][0], sets[s][1],
                             sets[s][2], sets[s][3]);
            size_t m = text_join(cap ? got : NULL, cap, sets[s], 4);
            cr_assert_eq(m, (size_t)n, "set %zu, cap %zu", s, cap);
            cr_assert_arr_eq(got, want, sizeof got, "set %zu, cap %zu", s, cap);
        }
    }
}

/* The reference: validity and first bad offset by decoding one code point at a time. */
static bool valid_by_decoding(const char *s, size_t len, size_t *bad)
{
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = text_utf8_decode(s + i, len - i, &cp);
        if (cp < 0) {
            *bad = i;
            return false;
        }
        i += n;
    }
    return true;
}

/* text_utf8_valid's inline paths (ASCII, three-byte sequences) agree with decoding on every
 * sequence of up to three bytes from 0x00..0xFF x 0x70..0xC7 x 0x70..0xC7, cut or not. */
Test(utf8, validation_agrees_with_decoding)
{
    char s[8];
    for (int a = 0; a < 256; a++)
        for (int b = 0x70; b < 0xC8; b++)
            for (int c = 0x70; c < 0xC8; c++) {
                s[0] = 'x';
                s[1] = (char)a;
                s[2] = (char)b;
                s[3] = (char)c;
                s[4] = 'y';
                for (size_t len = 2; len <= 5; len++) {
                    size_t want_bad = 99, got_bad = 99;
                    bool want = valid_by_decoding(s, len, &want_bad);
                    bool got = text_utf8_valid(s, len, &got_bad);
                    cr_assert_eq(got, want, "%02x %02x %02x, %zu bytes", a, b, c, len);
                    cr_assert_eq(got_bad, want_bad, "%02x %02x %02x, %zu bytes", a, b, c, len);
                }
            }
}
