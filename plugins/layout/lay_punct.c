/* lay_punct.c — half-width punctuation next to Chinese characters set in its full-width
 * form (`[pdf] punctuation = fullwidth`, the default): a typographic normalisation of what
 * the brief says, not a change of content (GB/T 15834 punctuates Chinese text with the
 * full-width marks; sources typed on a Western keyboard often carry , ; : ( ) "). Figures and
 * words are never touched.
 *
 * The rule, per mark (spaces between the mark and its neighbours are ignored, and dropped
 * around a mark that is converted):
 *   , ; : ! ?  become ，；：！？ when the character before or after is Chinese (an ideograph
 *              or a full-width mark) — but never between two digits (1,000; 10:30);
 *   (          becomes （ when the character before or after is Chinese, and its matching )
 *              becomes ） (so 生产总值(GDP) gives 生产总值（GDP）); an unmatched ) follows the
 *              rule of , ;
 *   "          pairs alternate opening and closing within the text; a pair becomes “ ” when
 *              the character before the opening one or after it is Chinese.
 */
#include <stdlib.h>
#include <string.h>

#include "layout.h"

static bool chinese(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60) ||
           cp == 0x201C || cp == 0x201D;
}

static bool digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* The text decoded, one code point each. */
static uint32_t *decode(const char *s, size_t *n)
{
    size_t len = strlen(s);
    uint32_t *cp = malloc((len + 1) * sizeof *cp);
    if (!cp)
        return NULL;
    *n = 0;
    for (size_t i = 0; i < len;)
        i += lay_utf8_decode(s + i, len - i, &cp[(*n)++]);
    return cp;
}

/* The nearest character before i (dir -1) or after it (+1) that is not a space; 0 at the
 * ends. */
static uint32_t near(const uint32_t *cp, size_t n, size_t i, int dir)
{
    for (size_t k = i;;) {
        if ((dir < 0 && k == 0) || (dir > 0 && k + 1 >= n))
            return 0;
        k = dir < 0 ? k - 1 : k + 1;
        if (cp[k] != ' ')
            return cp[k];
    }
}

static uint32_t full_form(uint32_t c)
{
    switch (c) {
    case ',': return 0xFF0C;
    case ';': return 0xFF1B;
    case ':': return 0xFF1A;
    case '!': return 0xFF01;
    case '?': return 0xFF1F;
    case '(': return 0xFF08;
    case ')': return 0xFF09;
    default: return 0;
    }
}

/* Marks each position of cp to convert (out[i] = the full-width form, else 0). */
static void decide(const uint32_t *cp, size_t n, uint32_t *out)
{
    size_t open_stack[64], depth = 0;
    bool quote_open = false, quote_convert = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cp[i], b = near(cp, n, i, -1), a = near(cp, n, i, +1);
        bool beside = chinese(b) || chinese(a);
        out[i] = 0;
        if (c == '"') {
            if (!quote_open)
                quote_convert = beside;
            if (quote_convert)
                out[i] = quote_open ? 0x201D : 0x201C;
            quote_open = !quote_open;
        } else if (c == '(') {
            if (beside)
                out[i] = 0xFF08;
            if (depth < sizeof open_stack / sizeof open_stack[0])
                open_stack[depth] = i;
            depth++;
        } else if (c == ')' && depth > 0) {
            depth--;
            size_t o = depth < sizeof open_stack / sizeof open_stack[0] ? open_stack[depth]
                                                                        : SIZE_MAX;
            if (o != SIZE_MAX ? out[o] != 0 : beside)
                out[i] = 0xFF09;
        } else if (full_form(c) && beside && !(digit(b) && digit(a))) {
            out[i] = full_form(c);
        }
    }
}

const char *lay_punct_fullwidth(lay_doc *d, const char *s)
{
    if (!s || !strpbrk(s, ",;:!?()\""))
        return s;
    size_t n;
    uint32_t *cp = decode(s, &n);
    uint32_t *conv = cp ? malloc((n + 1) * sizeof *conv) : NULL;
    char *out = conv ? lay_arena_alloc(&d->arena, strlen(s) * 3 + 1) : NULL;
    if (!out) {
        free(cp);
        free(conv);
        lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        return NULL;
    }
    decide(cp, n, conv);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (cp[i] == ' ') {
            /* A space next to a converted mark goes: the full-width form has its own room. */
            size_t a = i, b = i;
            while (a > 0 && cp[a - 1] == ' ')
                a--;
            while (b + 1 < n && cp[b + 1] == ' ')
                b++;
            if ((a > 0 && conv[a - 1]) || (b + 1 < n && conv[b + 1]))
                continue;
        }
        len += lay_utf8_encode(conv[i] ? conv[i] : cp[i], out + len);
    }
    out[len] = '\0';
    free(cp);
    free(conv);
    return out;
}
