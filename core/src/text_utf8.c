/* text_utf8.c — strict UTF-8 decoding and validation (see text.h).
 *
 * Written here rather than taken from utf8proc because callers need the exact offset of the
 * first bad byte and a decoder that steps over bad input one byte at a time. Well-formed
 * sequences are those of Unicode Table 3-7: the ranges of the second byte exclude overlong
 * forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
 */
#include "text.h"

static bool is_cont(unsigned char c)
{
    return c >= 0x80 && c <= 0xBF;
}

size_t text_utf8_decode(const char *s, size_t len, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    int32_t v;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *cp = -1; /* continuation byte, C0/C1 (always overlong) or F5..FF */
        return 1;
    }
    if (len < n || u[1] < lo || u[1] > hi) {
        *cp = -1;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if (!is_cont(u[i])) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    *cp = v;
    return n;
}

bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* the common cases inline: ASCII, and a three-byte sequence led by E1..EC or EE..EF
         * (CJK text), whose second byte may be any continuation byte */
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        if (u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED && len - i >= 3 && is_cont(u[i + 1]) &&
            is_cont(u[i + 2])) {
            i += 3;
            continue;
        }
        int32_t cp;
        size_t n = text_utf8_decode(s + i, len - i, &cp);
        if (cp < 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}
