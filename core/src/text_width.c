/* text_width.c — display width of code points and UTF-8 text in terminal columns
 * (see text.h). East Asian width comes from utf8proc; the zero-width classes are decided
 * here by general category, because utf8proc_charwidth gives 1 to some invisible format
 * characters such as U+00AD SOFT HYPHEN.
 */
#include "text.h"

#include <utf8proc.h>

size_t text_char_width(int32_t cp)
{
    /* the commonest ranges first, as utf8proc classes them (test_text checks every one) */
    if (cp >= 0x20 && cp <= 0x7E)
        return 1;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x3029) ||
        (cp >= 0xFF01 && cp <= 0xFF60))
        return 2;
    if (cp < 0 || cp > 0x10FFFF)
        return 1;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return 0;
    default:
        break;
    }
    return utf8proc_charwidth(cp) >= 2 ? 2 : 1;
}

size_t text_width(const char *s, size_t len)
{
    size_t w = 0, i = 0;
    while (i < len) {
        int32_t cp;
        i += text_utf8_decode(s + i, len - i, &cp);
        w += text_char_width(cp);
    }
    return w;
}
