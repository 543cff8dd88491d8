/* lay_justify.c — how much each gap of a justified line may give or take (标点挤压 and
 * inter-character spacing, after the W3C 中文排版需求 clreq and JLREQ):
 *
 * - Shrink (pulling a token in): a full-width punctuation mark is half ink, half blank. The
 *   blank side of a closing or stop mark (，。、；：！？）》」』】〕”’) is its right, that of an
 *   opening mark (（《「『【〔“‘) its left; up to half an em of it can be given up between two
 *   glyphs, never more than the glyph's measured blank (its ink extents from HarfBuzz, less
 *   0.05 em, so that a centred mark of a Taiwanese-style font is not overlapped).
 * - Stretch (pushing out): at most LAY_JUSTIFY_CJK (0.1 em) between two characters of which
 *   one is CJK (ideograph, kana, full-width form or CJK punctuation), at most LAY_JUSTIFY_MIXED
 *   (0.25 em, the clreq space between Chinese and Western text) where CJK meets a Latin letter
 *   or a digit and at a space; nothing inside a run of Latin letters, digits and their
 *   punctuation (92.39, GDP, 1,000): a number is never spread apart.
 * A line that cannot be filled within these limits is left short (ragged), never spread more.
 */
#include "layout.h"

static bool in(uint32_t cp, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

/* Closing and stop marks: ink on the left, blank on the right. */
static const uint32_t closing_marks[] = {
    0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x300B, 0x3009,
    0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x201D, 0x2019, 0xFF0E,
};
/* Opening marks: blank on the left. */
static const uint32_t opening_marks[] = {
    0xFF08, 0x300A, 0x3008, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x201C, 0x2018,
};

lay_jclass lay_justify_class(uint32_t cp)
{
    if (cp == ' ' || cp == 0x3000 || cp == '\t')
        return LAY_J_SPACE;
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
        in(cp, closing_marks, sizeof closing_marks / sizeof closing_marks[0]) ||
        in(cp, opening_marks, sizeof opening_marks / sizeof opening_marks[0]) ||
        cp == 0x2026 || cp == 0x2014)
        return LAY_J_CJK;
    return LAY_J_LATIN;
}

double lay_justify_stretch(uint32_t a, uint32_t b, double size)
{
    lay_jclass ca = lay_justify_class(a), cb = lay_justify_class(b);
    if (ca == LAY_J_SPACE || cb == LAY_J_SPACE)
        return LAY_JUSTIFY_MIXED * size;
    if (ca == LAY_J_LATIN && cb == LAY_J_LATIN)
        return 0;
    if (ca == LAY_J_CJK && cb == LAY_J_CJK)
        return LAY_JUSTIFY_CJK * size;
    return LAY_JUSTIFY_MIXED * size;
}

void lay_justify_blanks(const lay_doc *d, uint32_t cp, uint8_t face, uint32_t gid,
                        uint16_t width, double size, float *left, float *right)
{
    *left = *right = 0;
    bool close = in(cp, closing_marks, sizeof closing_marks / sizeof closing_marks[0]);
    bool open = !close && in(cp, opening_marks, sizeof opening_marks / sizeof opening_marks[0]);
    if ((!close && !open) || face == LAY_NO_FACE || width < 900) /* not full-width */
        return;
    const lay_face *f = &d->fonts.faces[face];
    hb_glyph_extents_t ext;
    if (!f->upem || !hb_font_get_glyph_extents(f->font, gid, &ext) || ext.width <= 0)
        return;
    double em = f->upem, adv = width / 1000.0;
    double lb = ext.x_bearing / em, rb = adv - (ext.x_bearing + ext.width) / em;
    double give = (close ? rb : lb) - 0.05;
    if (give > 0.5)
        give = 0.5;
    if (give <= 0)
        return;
    if (close)
        *right = (float)(give * size);
    else
        *left = (float)(give * size);
}
