/* lay_subset.c — each face subset with HarfBuzz (hb-subset) to the characters the brief sets:
 * the TrueType file a fixed-layout backend embeds (the PDF through libharu, the OFD under
 * Res/). Outlines and metrics are kept (hmtx unchanged, so the advances the layout measured
 * are the ones a reader finds); hinting, layout and bitmap tables are dropped.
 *
 * Why subset first: libharu 2.3.0's own "subset" keeps every table but `glyf` whole, about
 * 500–600 KB per CJK font; an OFD would carry the whole font. The subsets of the Haidian
 * brief are 279 KiB for three faces.
 *
 * Ownership: the blob returned belongs to the caller (hb_blob_destroy).
 */
#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* A format 4 `cmap` for the characters `used` of the subset `sub`, in few segments.
 *
 * Why: for every UTF-8 font libharu 2.3.0 looks up all 65,536 BMP code points in the cmap
 * (CIDFontType2_New), scanning the segments linearly each time. hb-subset writes one segment
 * per run of consecutive code points, several hundred for a Chinese text, so that loop cost
 * some 40 % of an export. Here nearby code points share a segment, the gaps mapped to glyph 0
 * through the glyphIdArray: a handful of segments, a few KB more before compression.
 * Returns NULL when the characters cannot be written so (the caller keeps hb-subset's). */
static hb_blob_t *compact_cmap(hb_face_t *sub, const hb_set_t *used)
{
    enum { MAX_SEGS = 512 };
    uint16_t cps[65536 / 2];
    uint16_t gids[65536 / 2];
    if (hb_set_get_population(used) > sizeof cps / sizeof cps[0])
        return NULL;
    hb_font_t *font = hb_font_create(sub);
    size_t n = 0;
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(used, &cp) && cp < 0xFFFF) {
        hb_codepoint_t g;
        if (hb_font_get_nominal_glyph(font, cp, &g) && g && g <= 0xFFFF) {
            cps[n] = (uint16_t)cp;
            gids[n++] = (uint16_t)g;
        }
    }
    hb_font_destroy(font);
    if (n == 0)
        return NULL;
    /* The largest gap a segment may bridge such that the table stays under 64 KB. */
    size_t start[MAX_SEGS], end[MAX_SEGS], nseg = 0, cells = 0;
    for (unsigned gap = 4096;; gap /= 2) {
        nseg = 0;
        cells = 0;
        for (size_t i = 0; i < n && nseg < MAX_SEGS; i++) {
            if (nseg && cps[i] - end[nseg - 1] <= gap) {
                end[nseg - 1] = cps[i];
                continue;
            }
            start[nseg] = cps[i];
            end[nseg++] = cps[i];
        }
        if (nseg >= MAX_SEGS)
            return NULL;
        for (size_t k = 0; k < nseg; k++)
            cells += end[k] - start[k] + 1;
        if (16 + 8 * (nseg + 1) + 2 * cells <= 65000)
            break;
        if (gap == 1)
            return NULL;
    }
    size_t segs = nseg + 1; /* and the final 0xFFFF segment */
    size_t sub_len = 16 + 8 * segs + 2 * cells;
    size_t len = 4 + 8 * 2 + sub_len;
    unsigned char *t = calloc(1, len);
    if (!t)
        return NULL;
#define PUT16(off, v) (t[(off)] = (unsigned char)((v) >> 8), t[(off) + 1] = (unsigned char)(v))
    PUT16(0, 0);
    PUT16(2, 2); /* two encoding records, one subtable: (0, 3) and (3, 1) */
    PUT16(4, 0);
    PUT16(6, 3);
    t[8] = 0, t[9] = 0, PUT16(10, 20);
    PUT16(12, 3);
    PUT16(14, 1);
    t[16] = 0, t[17] = 0, PUT16(18, 20);
    unsigned char *s = t + 20;
    size_t o = 0;
#undef PUT16
#define PUT16(off, v) (s[(off)] = (unsigned char)((v) >> 8), s[(off) + 1] = (unsigned char)(v))
    unsigned pow2 = 1, log2 = 0;
    while (pow2 * 2 <= segs) {
        pow2 *= 2;
        log2++;
    }
    PUT16(0, 4);
    PUT16(2, sub_len);
    PUT16(4, 0);
    PUT16(6, 2 * segs);
    PUT16(8, 2 * pow2);
    PUT16(10, log2);
    PUT16(12, 2 * segs - 2 * pow2);
    size_t ends = 14, starts = 16 + 2 * segs, deltas = starts + 2 * segs,
           ranges = deltas + 2 * segs, glyphs = ranges + 2 * segs;
    size_t at = 0, i = 0; /* cells written so far; next used character */
    for (size_t k = 0; k < nseg; k++) {
        PUT16(ends + 2 * k, end[k]);
        PUT16(starts + 2 * k, start[k]);
        PUT16(deltas + 2 * k, 0);
        /* idRangeOffset: from this field to the segment's first glyphIdArray cell */
        PUT16(ranges + 2 * k, 2 * (segs - k) + 2 * at);
        for (size_t c = start[k]; c <= end[k]; c++, at++)
            if (i < n && cps[i] == c) {
                o = glyphs + 2 * at;
                PUT16(o, gids[i]);
                i++;
            }
    }
    PUT16(ends + 2 * nseg, 0xFFFF);
    PUT16(starts + 2 * nseg, 0xFFFF);
    PUT16(deltas + 2 * nseg, 1);
    PUT16(ranges + 2 * nseg, 0);
#undef PUT16
    return hb_blob_create((const char *)t, (unsigned)len, HB_MEMORY_MODE_WRITABLE, t, free);
}

/* The subset as a font file, with the compact `cmap` above and a `prep` table that is never
 * empty.
 *
 * Why `prep`: libharu 2.3.0 rewrites the font in its 13 "required" tables, `prep` last. A
 * table the font lacks is written empty at the end, and when the tables before it add up to a
 * multiple of 4096 bytes (libharu's memory-stream block), seeking to that empty table's offset
 * fails (HPDF_INVALID_OBJECT on save; one export in a few thousand, depending on the text).
 * Hinting is dropped, so `prep` would always be empty: a three-byte no-op program (PUSHB 0,
 * POP) keeps the last table non-empty. Rasterisers that hint run it and nothing changes. */
static hb_blob_t *finish_subset(hb_face_t *subset, const hb_set_t *used)
{
    hb_blob_t *file = hb_face_reference_blob(subset);
    if (hb_blob_get_length(file) == 0)
        return file;
    /* hb-subset's result is a builder face, which cannot list its tables: read the file. */
    hb_face_t *sub = hb_face_create(file, 0);
    hb_blob_destroy(file);
    hb_face_t *b = hb_face_builder_create();
    hb_tag_t tags[64];
    unsigned n = sizeof tags / sizeof tags[0];
    unsigned total = hb_face_get_table_tags(sub, 0, &n, tags);
    if (total > n) {
        hb_face_destroy(b);
        hb_face_destroy(sub);
        return NULL;
    }
    hb_blob_t *cmap = compact_cmap(sub, used);
    bool ok = true, has_prep = false;
    for (unsigned i = 0; i < n; i++) {
        hb_blob_t *t = hb_face_reference_table(sub, tags[i]);
        if (tags[i] == HB_TAG('p', 'r', 'e', 'p')) {
            has_prep = hb_blob_get_length(t) > 0;
            if (!has_prep) {
                hb_blob_destroy(t);
                continue;
            }
        }
        if (tags[i] == HB_TAG('c', 'm', 'a', 'p') && cmap)
            ok = ok && hb_face_builder_add_table(b, tags[i], cmap);
        else
            ok = ok && hb_face_builder_add_table(b, tags[i], t);
        hb_blob_destroy(t);
    }
    hb_blob_destroy(cmap);
    if (!has_prep) {
        static const char noop[] = {(char)0xB0, 0x00, 0x21}; /* PUSHB[0] 0; POP */
        hb_blob_t *t = hb_blob_create(noop, sizeof noop, HB_MEMORY_MODE_READONLY, NULL, NULL);
        ok = ok && hb_face_builder_add_table(b, HB_TAG('p', 'r', 'e', 'p'), t);
        hb_blob_destroy(t);
    }
    hb_blob_t *blob = ok && n ? hb_face_reference_blob(b) : NULL;
    hb_face_destroy(b);
    hb_face_destroy(sub);
    return blob;
}

static hb_blob_t *subset(const lay_face *f)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_union(hb_subset_input_unicode_set(in), f->used);
    /* Outlines and metrics are all libharu uses: no hinting, no layout or bitmap tables. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NAME_LEGACY);
    static const hb_tag_t drop[] = {
        HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
        HB_TAG('k', 'e', 'r', 'n'), HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'),
        HB_TAG('V', 'O', 'R', 'G'), HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'),
        HB_TAG('E', 'B', 'S', 'C'), HB_TAG('C', 'B', 'D', 'T'), HB_TAG('C', 'B', 'L', 'C'),
        HB_TAG('s', 'b', 'i', 'x'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('g', 'a', 's', 'p'),
        HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X'),
        HB_TAG('P', 'C', 'L', 'T'),
    };
    hb_set_t *tags = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(tags, drop[i]);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return NULL;
    hb_blob_t *blob = finish_subset(sub, f->used);
    hb_face_destroy(sub);
    return blob;
}

hb_blob_t *lay_subset_face(lay_doc *d, size_t k)
{
    const lay_face *f = &d->fonts.faces[k];
    hb_blob_t *blob = subset(f);
    if (!blob || hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        lay_fail(d, DOSSIER_ERR_LIBRARY, "hb-subset cannot subset font \"%s\" (%s)",
                 f->family ? f->family : f->path, f->path);
        return NULL;
    }
    return blob;
}
