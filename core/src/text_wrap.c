/* text_wrap.c — line-break opportunities with Chinese tailoring, and greedy wrapping
 * (see text.h).
 *
 * One pass classifies every position: libunibreak (UAX #14, language "zh") says where a line
 * may or must end, the Chinese rules below veto some of those, and the positions left
 * without an opportunity are ranked for emergency splits of runs wider than a line. A second
 * pass fills lines greedily. Both are O(len) and share one buffer of len bytes.
 */
#include "text.h"

#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_brkcache.h"
#include "units.h"

/* Status of the position after each byte; the first three are text_break_opportunities'. */
enum {
    BRK_NONE = 0,      /* no split here, not even in an emergency */
    BRK_ALLOW = 1,     /* a line may end here */
    BRK_MUST = 2,      /* a line must end here */
    BRK_SPLIT = 3,     /* emergency split that keeps the Chinese rules and grapheme clusters */
    BRK_SPLIT_LAST = 4 /* emergency split that breaks one of them: the last resort */
};

/* 行首禁则: characters that must not start a line. Sorted, for bsearch. */
static const int32_t no_start[] = {
    0x0021, 0x0025, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003F, 0x005D, 0x007D, 0x00B7,
    0x2014, 0x2019, 0x201D, 0x2025, 0x2026, 0x2030, 0x2103, 0x3001, 0x3002, 0x3003, 0x3005,
    0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x3041, 0x3043, 0x3045,
    0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x30A1, 0x30A3, 0x30A5, 0x30A7,
    0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FB, 0x30FC, 0xFF01,
    0xFF02, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF5E,
};

/* 行尾禁则: opening brackets and quotes, which must not end a line. Sorted. */
static const int32_t no_end[] = {
    0x0028, 0x005B, 0x007B, 0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014,
    0x3016, 0x3018, 0x301A, 0xFF08, 0xFF3B, 0xFF5B,
};

static pthread_once_t linebreak_once = PTHREAD_ONCE_INIT;

static bool in_set(const int32_t *set, size_t n, int32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (set[mid] == cp)
            return true;
        if (set[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

#define IN_SET(set, cp) in_set((set), sizeof(set) / sizeof((set)[0]), (cp))

/* "……", "——" (and "‥‥", "⋯⋯") are one mark written with two characters. */
static bool is_doubled_mark(int32_t cp)
{
    return cp == 0x2026 || cp == 0x2014 || cp == 0x2025 || cp == 0x22EF;
}

bool text_grapheme_plain(int32_t cp)
{
    return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0xFF01 && cp <= 0xFF5E) ||
           (cp >= 0x2010 && cp <= 0x2027);
}

static bool is_digit(int32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Spaces stay at the end of a line (they count toward its width, not its ink). */
static bool is_blank(int32_t cp)
{
    return cp == ' ' || cp == '\t';
}

/* End of the number starting at s[p]: digits, with '.', ',' or '/' between two digits. */
static size_t number_end(const char *s, size_t len, size_t p)
{
    size_t e = p;
    while (e < len) {
        int32_t cp, next;
        size_t k = text_utf8_decode(s + e, len - e, &cp);
        if (is_digit(cp)) {
            e += k;
            continue;
        }
        if (e > p && (cp == '.' || cp == ',' || cp == '/') && e + 1 < len) {
            text_utf8_decode(s + e + 1, len - e - 1, &next);
            if (is_digit(next)) {
                e += 1;
                continue;
            }
        }
        break;
    }
    return e;
}

/* libunibreak 1.1 aborts on a failed assertion for U+FFFF (its internal end-of-text mark) and
 * for regional indicators U+1F1E6..U+1F1FF (a class its pair table lacks). Returns the text to
 * hand to it: s itself, or a copy in *copy where each of those is replaced by a stand-in of the
 * same UTF-8 length: U+0800 (class AL) and U+20000 (class ID). Flag pairs are then kept
 * together by the grapheme rule in classify. NULL when out of memory. */
static const char *unibreak_safe(const char *s, size_t len, char **copy)
{
    const unsigned char *u = (const unsigned char *)s;
    *copy = NULL;
    for (size_t i = 0; i < len; i++) {
        bool ffff = u[i] == 0xEF && i + 2 < len && u[i + 1] == 0xBF && u[i + 2] == 0xBF;
        bool ri = u[i] == 0xF0 && i + 3 < len && u[i + 1] == 0x9F && u[i + 2] == 0x87 &&
                  u[i + 3] >= 0xA6;
        if (!ffff && !ri)
            continue;
        if (!*copy) {
            *copy = malloc(len);
            if (!*copy)
                return NULL;
            memcpy(*copy, s, len);
        }
        if (ffff)
            memcpy(*copy + i, "\xE0\xA0\x80", 3);
        else
            memcpy(*copy + i, "\xF0\xA0\x80\x80", 4);
    }
    return *copy ? *copy : s;
}

static dossier_status classify_uncached(const char *s, size_t len, char *brks);

/* Fills brks with BRK_* codes. s must be valid UTF-8 and len > 0. A text seen before in this
 * process (another format of the same brief) is classified once. */
static dossier_status classify(const char *s, size_t len, char *brks)
{
    if (text_brkcache_get(s, len, brks))
        return DOSSIER_OK;
    dossier_status st = classify_uncached(s, len, brks);
    if (st == DOSSIER_OK)
        text_brkcache_put(s, len, brks);
    return st;
}

static dossier_status classify_uncached(const char *s, size_t len, char *brks)
{
    char *copy;
    const char *safe = unibreak_safe(s, len, &copy);
    if (!safe)
        return DOSSIER_ERR_NO_MEMORY;
    pthread_once(&linebreak_once, init_linebreak);
    set_linebreaks_utf8((const utf8_t *)safe, len, "zh", brks);
    free(copy);

    int32_t a, b;
    size_t p = 0, n = text_utf8_decode(s, len, &a);
    int32_t last_ink = is_blank(a) ? -1 : a; /* last non-blank code point up to a */
    size_t num_from = 0, num_to = 0; /* positions strictly between are inside number+unit */
    utf8proc_int32_t grapheme_state = 0;

    for (;;) {
        size_t q = p + n;
        for (size_t i = p; i + 1 < q; i++)
            brks[i] = BRK_NONE;
        if (q >= len) {
            brks[len - 1] = BRK_MUST;
            return DOSSIER_OK;
        }
        if (p >= num_to && is_digit(a)) {
            size_t e = number_end(s, len, p);
            num_from = p;
            num_to = e + units_match_prefix(s + e, len - e);
        }

        size_t m = text_utf8_decode(s + q, len - q, &b);
        bool grapheme = true;
        if (text_grapheme_plain(a) && text_grapheme_plain(b))
            grapheme_state = UTF8PROC_BOUNDCLASS_OTHER; /* what utf8proc would leave */
        else
            grapheme = utf8proc_grapheme_break_stateful(a, b, &grapheme_state);
        /* The grapheme rule is ours too: libunibreak 1.1 breaks after a ZWJ. */
        bool ruled = !grapheme || IN_SET(no_start, b) ||
                     (last_ink >= 0 && IN_SET(no_end, last_ink)) ||
                     (a == b && is_doubled_mark(a)) || (q > num_from && q < num_to);
        char lb = brks[q - 1];
        char code;
        if (lb == LINEBREAK_MUSTBREAK)
            code = BRK_MUST;
        else if (lb == LINEBREAK_ALLOWBREAK && !ruled)
            code = BRK_ALLOW;
        else if (is_blank(b) || text_char_width(b) == 0)
            code = BRK_NONE; /* no line starts with a space or a zero-width character */
        else if (ruled)
            code = BRK_SPLIT_LAST;
        else
            code = BRK_SPLIT;
        brks[q - 1] = code;

        if (!is_blank(b))
            last_ink = b;
        a = b;
        p = q;
        n = m;
    }
}

dossier_status text_break_opportunities(const char *s, size_t len, char *brks)
{
    if (len == 0)
        return DOSSIER_OK;
    if (!s || !brks || !text_utf8_valid(s, len, NULL))
        return DOSSIER_ERR_INVALID_ARGUMENT;
    dossier_status st = classify(s, len, brks);
    for (size_t i = 0; st == DOSSIER_OK && i < len; i++)
        if (brks[i] != BRK_ALLOW && brks[i] != BRK_MUST)
            brks[i] = 0;
    return st;
}

/* A position where the current line could end. `ink` is the line's width if it ends there
 * (up to its last visible character), `cum` the width including trailing spaces. */
typedef struct candidate {
    bool set;
    size_t pos, ink, cum;
} candidate;

enum { CAND_ALLOW, CAND_SPLIT, CAND_LAST, CAND_KINDS };

typedef struct wrapper {
    const char *s;
    dossier_line_fn fn;
    void *user;
    size_t width, avail;   /* avail: width available to the current line */
    size_t start;          /* where the current line starts */
    size_t cum, ink;       /* widths from start to the current position */
    candidate cand[CAND_KINDS]; /* latest candidate of each kind within the line */
} wrapper;

/* Ends the current line at `end`; the widths are those at `end`. Returns fn's verdict. */
static int end_line(wrapper *w, size_t end, size_t ink, size_t cum)
{
    int stop = w->fn(w->s + w->start, end - w->start, ink, w->user);
    w->start = end;
    w->avail = w->width;
    w->cum -= cum;
    w->ink = w->ink > cum ? w->ink - cum : 0;
    for (int k = 0; k < CAND_KINDS; k++) {
        candidate *c = &w->cand[k];
        if (c->pos <= end) {
            c->set = false;
        } else {
            c->cum -= cum;
            c->ink = c->ink > cum ? c->ink - cum : 0;
        }
    }
    return stop;
}

static candidate *best_candidate(wrapper *w)
{
    for (int k = 0; k < CAND_KINDS; k++)
        if (w->cand[k].set)
            return &w->cand[k];
    return NULL;
}

/* Whether `s` is one line as text_wrap sets it: no mandatory break (Unicode line breaking
 * classes BK, CR, LF, NL) and at most `avail` wide. *ink: its width up to the last visible
 * character, as the loop in text_wrap computes it. A short text (a cell, a name) is so decided
 * without classifying its break opportunities. */
static bool one_line(const char *s, size_t len, size_t avail, size_t *ink)
{
    size_t cum = 0;
    *ink = 0;
    for (size_t p = 0; p < len;) {
        int32_t cp;
        p += text_utf8_decode(s + p, len - p, &cp);
        if ((cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
            return false;
        size_t cw = text_char_width(cp);
        if (cw > 0 && !is_blank(cp))
            *ink = cum + cw;
        cum += cw;
        if (cum > avail)
            return false;
    }
    return true;
}

dossier_status text_wrap(const char *s, size_t len, size_t width, size_t first_indent,
                         dossier_line_fn fn, void *user)
{
    if (width < 2 || first_indent >= width || !fn || (!s && len > 0))
        return DOSSIER_ERR_INVALID_ARGUMENT;
    if (len == 0)
        return DOSSIER_OK;
    if (!text_utf8_valid(s, len, NULL))
        return DOSSIER_ERR_INVALID_ARGUMENT;
    size_t ink;
    if (one_line(s, len, width - first_indent, &ink)) {
        fn(s, len, ink, user);
        return DOSSIER_OK;
    }
    char *brks = malloc(len);
    if (!brks)
        return DOSSIER_ERR_NO_MEMORY;
    dossier_status st = classify(s, len, brks);
    if (st != DOSSIER_OK) {
        free(brks);
        return st;
    }

    wrapper w = {.s = s, .fn = fn, .user = user, .width = width,
                 .avail = width - first_indent};
    size_t p = 0;
    while (p < len) {
        int32_t cp;
        size_t n = text_utf8_decode(s + p, len - p, &cp);
        size_t cw = text_char_width(cp);
        if (cw > 0 && !is_blank(cp)) {
            candidate *c;
            /* With no candidate the line is empty: a wide char wider than it goes alone. */
            while (w.cum + cw > w.avail && (c = best_candidate(&w)) != NULL)
                if (end_line(&w, c->pos, c->ink, c->cum))
                    goto done;
            w.ink = w.cum + cw;
        } else if (cw > 0 && w.cum + cw > w.avail) {
            /* Spaces count toward the width too, so that a line printed with its trailing
             * spaces (and the text joined back from the lines) never exceeds it. */
            /* A break opportunity if one fits; else end the line before the space rather than
             * split the word before it. */
            while (w.cum + cw > w.avail && p > w.start) {
                candidate *c = &w.cand[CAND_ALLOW];
                bool fits = c->set && c->cum <= w.avail && c->pos > w.start;
                if (fits ? end_line(&w, c->pos, c->ink, c->cum) : end_line(&w, p, w.ink, w.cum))
                    goto done;
            }
        }
        w.cum += cw;
        p += n;

        char code = brks[p - 1];
        if (code == BRK_MUST) {
            if (end_line(&w, p, w.ink, w.cum))
                goto done;
        } else if (code != BRK_NONE) {
            int k = code == BRK_ALLOW ? CAND_ALLOW : code == BRK_SPLIT ? CAND_SPLIT : CAND_LAST;
            w.cand[k] = (candidate){.set = true, .pos = p, .ink = w.ink, .cum = w.cum};
        }
    }
done:
    free(brks);
    return DOSSIER_OK;
}
