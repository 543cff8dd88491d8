/* pdf_fonts.c — the fonts of a brief: found with fontconfig by family name (or taken from a
 * configured file), checked character by character, subset with HarfBuzz (hb-subset) to what
 * the document sets, and loaded into libharu.
 *
 * Why subset first: libharu 2.3.0's own "subset" keeps every table but `glyf` whole, about
 * 500–600 KB per CJK font; the hb-subset result is a small TrueType file that libharu embeds
 * as it is. The subset is written to an unlinked temporary file that libharu reads through
 * /proc/self/fd (libharu 2.3.0 loads TrueType fonts from files only); no name of it reaches
 * the PDF, so the output stays byte-identical from run to run.
 *
 * Widths: after loading, every (role, character) gets the advance libharu itself writes into
 * the PDF's /W array (HPDF_Font_GetUnicodeWidth, 1/1000 em), so what the layout measures is
 * exactly what a viewer positions.
 *
 * Ownership: pdf_fonts owns its HarfBuzz objects and names; libharu owns the loaded fonts.
 */
#include <errno.h>
#include <fcntl.h>
#include <hb-subset.h>
#include <hpdf_font.h>
#include <hpdf_streams.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "pdf.h"

static const char *const role_key[PDF_ROLE_COUNT] = {"body", "heading1", "heading2", "title"};

/* Debian packages of the fonts one is likely to configure, for the "not found" message. */
static const struct {
    const char *family_prefix;
    const char *package;
} font_packages[] = {
    {"AR PL UMing", "fonts-arphic-uming"},
    {"AR PL UKai", "fonts-arphic-ukai"},
    {"AR PL SungtiL", "fonts-arphic-bsmi00lp"},
    {"AR PL KaitiM", "fonts-arphic-gkai00mp"},
    {"WenQuanYi Zen Hei", "fonts-wqy-zenhei"},
    {"WenQuanYi Micro Hei", "fonts-wqy-microhei"},
    {"Noto Sans CJK", "fonts-noto-cjk"},
    {"Noto Serif CJK", "fonts-noto-cjk"},
    {"Droid Sans Fallback", "fonts-droid-fallback"},
    {"DejaVu", "fonts-dejavu-core"},
    {"Liberation", "fonts-liberation2"},
};

static const char *package_of(const char *family)
{
    for (size_t i = 0; i < sizeof font_packages / sizeof font_packages[0]; i++)
        if (strncasecmp(family, font_packages[i].family_prefix,
                        strlen(font_packages[i].family_prefix)) == 0)
            return font_packages[i].package;
    return NULL;
}

/* Family names compare as fontconfig compares them: ignoring ASCII case and blanks. */
static bool same_family(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (ca != cb)
            return false;
        if (!ca)
            return true;
        a++;
        b++;
    }
}

/* Finds `family` with fontconfig; the match must carry that family name (fontconfig always
 * returns some font). */
static dossier_status find_family(pdf_doc *d, FcConfig *fc, const char *role, const char *family,
                                  char **path, unsigned *index)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat || !FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family)) {
        if (pat)
            FcPatternDestroy(pat);
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    FcConfigSubstitute(fc, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(fc, pat, &res);
    FcPatternDestroy(pat);
    bool same = false;
    FcChar8 *s;
    for (int i = 0; m && FcPatternGetString(m, FC_FAMILY, i, &s) == FcResultMatch; i++)
        if (same_family((const char *)s, family))
            same = true;
    FcChar8 *file = NULL;
    int idx = 0;
    if (same && FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
        same = false;
    if (same && FcPatternGetInteger(m, FC_INDEX, 0, &idx) != FcResultMatch)
        idx = 0;
    if (!same) {
        if (m)
            FcPatternDestroy(m);
        const char *pkg = package_of(family);
        if (pkg)
            return pdf_fail(d, DOSSIER_ERR_CONFIG,
                            "font \"%s\" (%s_font) not found; install the Debian package %s",
                            family, role, pkg);
        return pdf_fail(d, DOSSIER_ERR_CONFIG,
                        "font \"%s\" (%s_font) not found; install a package that provides it "
                        "(`fc-list : family` lists the installed families) or set %s_font_file",
                        family, role, role);
    }
    *path = strdup((const char *)file);
    *index = (unsigned)idx & 0xFFFFu; /* the upper bits name a variable-font instance */
    FcPatternDestroy(m);
    return *path ? DOSSIER_OK : pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
}

static dossier_status open_face(pdf_doc *d, pdf_face *f, const char *role)
{
    const char *what = f->family ? f->family : f->path;
    f->blob = hb_blob_create_from_file_or_fail(f->path);
    if (!f->blob)
        return pdf_fail(d, DOSSIER_ERR_CONFIG, "font \"%s\" (%s_font): cannot read %s", what,
                        role, f->path);
    unsigned count = hb_face_count(f->blob);
    if (f->index >= count)
        return pdf_fail(d, DOSSIER_ERR_CONFIG,
                        "font \"%s\" (%s_font): %s has %u face(s); index %u does not exist",
                        what, role, f->path, count, f->index);
    f->face = hb_face_create(f->blob, f->index);
    hb_blob_t *glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    if (glyf_len == 0)
        return pdf_fail(d, DOSSIER_ERR_CONFIG,
                        "font \"%s\" (%s_font, %s) has no TrueType outlines; libharu 2.3.0 "
                        "embeds TrueType (glyf) fonts only",
                        what, role, f->path);
    unsigned upem = hb_face_get_upem(f->face);
    f->font = hb_font_create(f->face);
    hb_font_set_scale(f->font, (int)upem, (int)upem);
    hb_font_extents_t ext;
    if (hb_font_get_h_extents(f->font, &ext) && ext.ascender > ext.descender) {
        f->ascent = (double)ext.ascender / upem;
        f->descent = (double)ext.descender / upem;
    } else {
        f->ascent = 0.88;
        f->descent = -0.12;
    }
    f->used = hb_set_create();
    if (!hb_set_allocation_successful(f->used))
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    return DOSSIER_OK;
}

static dossier_status fonts_find(pdf_doc *d)
{
    pdf_fonts *fs = &d->fonts;
    for (int r = 0; r < PDF_ROLE_COUNT; r++) {
        char key[64];
        snprintf(key, sizeof key, "%s_font_file", role_key[r]);
        const char *file = d->host->config_string(d->ctx, key);
        snprintf(key, sizeof key, "%s_font_index", role_key[r]);
        unsigned index = (unsigned)d->host->config_int(d->ctx, key);
        snprintf(key, sizeof key, "%s_font", role_key[r]);
        const char *family = d->host->config_string(d->ctx, key);
        char *path = NULL;
        dossier_status s;
        if (file && *file) {
            if (access(file, R_OK) != 0)
                return pdf_fail(d, DOSSIER_ERR_CONFIG, "%s_font_file \"%s\": %s", role_key[r],
                                file, strerror(errno));
            path = strdup(file);
            family = NULL;
            if (!path)
                return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        } else {
            if (!family || !*family)
                return pdf_fail(d, DOSSIER_ERR_CONFIG, "%s_font is empty and no %s_font_file "
                                "is set", role_key[r], role_key[r]);
            s = find_family(d, d->fc, role_key[r], family, &path, &index);
            if (s != DOSSIER_OK)
                return s;
        }
        /* Two roles in the same face share it. */
        size_t k = 0;
        while (k < fs->n_faces &&
               !(strcmp(fs->faces[k].path, path) == 0 && fs->faces[k].index == index))
            k++;
        if (k < fs->n_faces) {
            free(path);
            fs->role_face[r] = (uint8_t)k;
            continue;
        }
        pdf_face *f = &fs->faces[fs->n_faces++];
        f->path = path;
        f->index = index;
        f->family = family ? strdup(family) : NULL;
        if (family && !f->family)
            return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        fs->role_face[r] = (uint8_t)k;
        s = open_face(d, f, role_key[r]);
        if (s != DOSSIER_OK)
            return s;
    }
    return DOSSIER_OK;
}

static void cache_store(pdf_font_cache *c, const pdf_fonts *fs)
{
    for (size_t k = 0; k < fs->n_faces; k++) {
        const pdf_face *f = &fs->faces[k];
        struct pdf_cached_face *cf = &c->faces[k];
        cf->family = f->family ? strdup(f->family) : NULL;
        cf->path = strdup(f->path);
        if ((f->family && !cf->family) || !cf->path) {
            c->n_faces = k + 1;
            pdf_font_cache_free(c);
            return;
        }
        cf->index = f->index;
        cf->blob = hb_blob_reference(f->blob);
        cf->face = hb_face_reference(f->face);
        cf->font = hb_font_reference(f->font);
        cf->ascent = f->ascent;
        cf->descent = f->descent;
    }
    c->n_faces = fs->n_faces;
    memcpy(c->role_face, fs->role_face, sizeof c->role_face);
    c->ready = true;
}

static dossier_status cache_load(pdf_doc *d, const pdf_font_cache *c)
{
    pdf_fonts *fs = &d->fonts;
    for (size_t k = 0; k < c->n_faces; k++) {
        const struct pdf_cached_face *cf = &c->faces[k];
        pdf_face *f = &fs->faces[fs->n_faces++];
        f->family = cf->family ? strdup(cf->family) : NULL;
        f->path = strdup(cf->path);
        f->index = cf->index;
        f->blob = hb_blob_reference(cf->blob);
        f->face = hb_face_reference(cf->face);
        f->font = hb_font_reference(cf->font);
        f->ascent = cf->ascent;
        f->descent = cf->descent;
        f->used = hb_set_create();
        if ((cf->family && !f->family) || !f->path || !hb_set_allocation_successful(f->used))
            return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    memcpy(fs->role_face, c->role_face, sizeof fs->role_face);
    return DOSSIER_OK;
}

dossier_status pdf_fonts_open(pdf_doc *d)
{
    d->fonts.warn_missing =
        strcmp(d->host->config_string(d->ctx, "missing_glyph"), "warn") == 0;
    if (d->font_cache && d->font_cache->ready)
        return cache_load(d, d->font_cache);
    /* fontconfig is loaded only while the fonts are found, and released at once: a
     * configuration left undestroyed leaks inside fontconfig 2.14. */
    d->fc = FcInitLoadConfigAndFonts();
    if (!d->fc)
        return pdf_fail(d, DOSSIER_ERR_LIBRARY, "fontconfig cannot load its configuration");
    dossier_status s = fonts_find(d);
    FcConfigDestroy(d->fc);
    d->fc = NULL;
    if (s == DOSSIER_OK && d->font_cache)
        cache_store(d->font_cache, &d->fonts);
    return s;
}

void pdf_font_cache_free(pdf_font_cache *c)
{
    for (size_t k = 0; k < c->n_faces; k++) {
        struct pdf_cached_face *cf = &c->faces[k];
        hb_font_destroy(cf->font);
        hb_face_destroy(cf->face);
        hb_blob_destroy(cf->blob);
        free(cf->path);
        free(cf->family);
    }
    memset(c, 0, sizeof *c);
}

/* ---------------------------------------------------------------- the glyph map */

static uint32_t map_key(pdf_role role, uint32_t cp)
{
    return (uint32_t)role << 24 | cp;
}

static size_t map_slot(const pdf_fonts *f, uint32_t key)
{
    size_t mask = f->map_cap - 1;
    size_t i = (key * 2654435761u) & mask;
    while (f->map[i].key != 0 && f->map[i].key != key)
        i = (i + 1) & mask;
    return i;
}

static bool map_grow(pdf_fonts *f)
{
    size_t cap = f->map_cap ? f->map_cap * 2 : 1024;
    pdf_glyph_map *old = f->map;
    size_t old_cap = f->map_cap;
    f->map = calloc(cap, sizeof *f->map);
    if (!f->map) {
        f->map = old;
        return false;
    }
    f->map_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            f->map[map_slot(f, old[i].key)] = old[i];
    free(old);
    return true;
}

const pdf_glyph_map *pdf_fonts_glyph(const pdf_fonts *f, pdf_role role, uint32_t cp)
{
    if (!f->map_cap)
        return NULL;
    const pdf_glyph_map *e = &f->map[map_slot(f, map_key(role, cp))];
    return e->key ? e : NULL;
}

/* Default-ignorable characters (format controls, variation selectors) take no space and
 * need no glyph. */
static bool is_ignorable(uint32_t cp)
{
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
        return true;
    return hb_unicode_general_category(hb_unicode_funcs_get_default(), cp) ==
           HB_UNICODE_GENERAL_CATEGORY_FORMAT;
}

/* libharu 2.3.0 reads a font's format-4 cmap and encodes text as 16-bit code units: only
 * characters of the Basic Multilingual Plane can be set. */
static bool face_has(const pdf_face *f, uint32_t cp)
{
    hb_codepoint_t g;
    return cp <= 0xFFFF && hb_font_get_nominal_glyph(f->font, cp, &g);
}

/* The face that sets cp in `role`: its own face first, then the others in order. */
static int face_for(const pdf_fonts *fs, pdf_role role, uint32_t cp)
{
    int own = fs->role_face[role];
    if (face_has(&fs->faces[own], cp))
        return own;
    for (size_t k = 0; k < fs->n_faces; k++)
        if ((int)k != own && face_has(&fs->faces[k], cp))
            return (int)k;
    return -1;
}

static void face_names(const pdf_fonts *fs, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t k = 0; k < fs->n_faces; k++) {
        size_t n = strlen(buf);
        snprintf(buf + n, cap - n, "%s\"%s\"", k ? ", " : "",
                 fs->faces[k].family ? fs->faces[k].family : fs->faces[k].path);
    }
}

static dossier_status resolve(pdf_doc *d, pdf_role role, uint32_t cp, const char *where,
                              size_t char_no, pdf_glyph_map *out)
{
    pdf_fonts *fs = &d->fonts;
    out->draw = cp;
    if (is_ignorable(cp)) {
        out->face = PDF_NO_FACE;
        return DOSSIER_OK;
    }
    int k = face_for(fs, role, cp);
    if (k < 0) {
        char ch[8] = {0}, names[512];
        pdf_utf8_encode(cp, ch);
        face_names(fs, names, sizeof names);
        const char *why = cp > 0xFFFF ? " (libharu 2.3.0 sets only characters up to U+FFFF)"
                                      : "";
        if (!fs->warn_missing)
            return pdf_fail(d, DOSSIER_ERR_ENCODING,
                            "character \"%s\" (U+%04X) in %s, character %zu, is in none of "
                            "the fonts %s%s; install a font that has it and configure it, or "
                            "set missing_glyph = warn to print \xE2\x96\xA1 instead",
                            ch, (unsigned)cp, where, char_no, names, why);
        d->host->log(d->ctx, DOSSIER_LOG_WARNING,
                     "character \"%s\" (U+%04X) in %s, character %zu, is in none of the fonts "
                     "%s%s; printed as \xE2\x96\xA1",
                     ch, (unsigned)cp, where, char_no, names, why);
        fs->n_missing++;
        out->draw = 0x25A1; /* WHITE SQUARE */
        k = face_for(fs, role, out->draw);
        if (k < 0) {
            out->draw = '?';
            k = face_for(fs, role, out->draw);
        }
        if (k < 0)
            return pdf_fail(d, DOSSIER_ERR_ENCODING,
                            "no font has a replacement for the missing character U+%04X",
                            (unsigned)cp);
    }
    out->face = (uint8_t)k;
    hb_set_add(fs->faces[k].used, out->draw);
    return DOSSIER_OK;
}

dossier_status pdf_fonts_use(pdf_doc *d, pdf_role role, const char *text, const char *where)
{
    pdf_fonts *fs = &d->fonts;
    size_t len = strlen(text), char_no = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pdf_utf8_decode(text + i, len - i, &cp);
        char_no++;
        if (fs->map_len * 2 >= fs->map_cap && !map_grow(fs))
            return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        uint32_t key = map_key(role, cp);
        pdf_glyph_map *e = &fs->map[map_slot(fs, key)];
        if (e->key)
            continue;
        pdf_glyph_map g = {.key = key};
        dossier_status s = resolve(d, role, cp, where, char_no, &g);
        if (s != DOSSIER_OK)
            return s;
        *e = g;
        fs->map_len++;
    }
    return DOSSIER_OK;
}

/* ---------------------------------------------------------------- subsetting and loading */

/* The subset as a font file, with a `prep` table that is never empty.
 *
 * Why: libharu 2.3.0 rewrites the font in its 13 "required" tables, `prep` last. A table the
 * font lacks is written empty at the end, and when the tables before it add up to a multiple
 * of 4096 bytes (libharu's memory-stream block), seeking to that empty table's offset fails
 * (HPDF_INVALID_OBJECT on save; one export in a few thousand, depending on the text). Hinting
 * is dropped, so `prep` would always be empty: a three-byte no-op program (PUSHB 0, POP)
 * keeps the last table non-empty. Rasterisers that hint run it and nothing changes. */
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

static hb_blob_t *subset_face(pdf_face *f)
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

/* libharu 2.3.0 gives a UTF-8 font its encoding CMap as ToUnicode map, written with
 * `begincidrange`, which is not a ToUnicode operator: poppler warns on every page and strict
 * readers may not extract the text. The codes it writes are the BMP code points themselves
 * (Identity-H), so the right map is code → the same code point: written here as bfchar
 * entries for the characters this face sets, into the stream libharu will compress and save.
 * hpdf_font.h is installed by libhpdf-dev; the fields used exist in 2.3.0 and 2.4. */
static dossier_status fix_to_unicode(pdf_doc *d, pdf_face *f)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)f->hfont->attr;
    if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream)
        return DOSSIER_OK;
    HPDF_Stream st = attr->cmap_stream->stream;
    HPDF_MemStream_FreeData(st);
    HPDF_STATUS e = HPDF_Stream_WriteStr(
        st, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    unsigned total = hb_set_get_population(f->used), done = 0;
    char line[64];
    while (e == HPDF_OK && hb_set_next(f->used, &cp)) {
        if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            total--;
            continue;
        }
        if (done % 100 == 0) {
            unsigned n = total - done < 100 ? total - done : 100;
            snprintf(line, sizeof line, "%s%u beginbfchar\n", done ? "endbfchar\n" : "", n);
            e = HPDF_Stream_WriteStr(st, line);
        }
        snprintf(line, sizeof line, "<%04X> <%04X>\n", (unsigned)cp, (unsigned)cp);
        if (e == HPDF_OK)
            e = HPDF_Stream_WriteStr(st, line);
        done++;
    }
    if (e == HPDF_OK && done)
        e = HPDF_Stream_WriteStr(st, "endbfchar\n");
    if (e == HPDF_OK)
        e = HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
                                     "end\nend\n");
    if (e != HPDF_OK)
        return pdf_fail(d, DOSSIER_ERR_LIBRARY, "libharu cannot write a ToUnicode map "
                        "(error 0x%04X)", (unsigned)e);
    return DOSSIER_OK;
}

/* Writes the subset to an unlinked temporary file and loads it into libharu. */
static dossier_status load_subset(pdf_doc *d, pdf_face *f, hb_blob_t *blob)
{
    const char *what = f->family ? f->family : f->path;
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    const char *tmpdir = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/dossier-font-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(tmpl);
    if (fd < 0)
        return pdf_fail(d, DOSSIER_ERR_IO, "cannot create a temporary file in %s: %s",
                        tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = errno;
            close(fd);
            unlink(tmpl);
            return pdf_fail(d, DOSSIER_ERR_IO, "cannot write a temporary font file: %s",
                            strerror(e));
        }
        done += (size_t)w;
    }
    /* libharu reads the file through its own descriptor until the PDF is freed; the name
     * goes at once when /proc/self/fd can stand in for it. */
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    bool via_proc = access(proc, R_OK) == 0;
    if (via_proc)
        unlink(tmpl);
    const char *name = HPDF_LoadTTFontFromFile(d->pdf, via_proc ? proc : tmpl, HPDF_TRUE);
    close(fd);
    if (!via_proc)
        unlink(tmpl); /* libharu keeps the file open */
    if (!name || pdf_check_hpdf(d, "loading a font") != DOSSIER_OK)
        return pdf_fail(d, DOSSIER_ERR_LIBRARY, "libharu cannot load the subset of font \"%s\"",
                        what);
    f->hfont = HPDF_GetFont(d->pdf, name, "UTF-8");
    if (!f->hfont || pdf_check_hpdf(d, "loading a font") != DOSSIER_OK)
        return pdf_fail(d, DOSSIER_ERR_LIBRARY, "libharu cannot use font \"%s\"", what);
    dossier_status fixed = fix_to_unicode(d, f);
    if (fixed != DOSSIER_OK)
        return fixed;
    f->subset_bytes = len;
    return DOSSIER_OK;
}

dossier_status pdf_fonts_embed(pdf_doc *d)
{
    pdf_fonts *fs = &d->fonts;
    for (size_t k = 0; k < fs->n_faces; k++) {
        pdf_face *f = &fs->faces[k];
        if (hb_set_is_empty(f->used))
            continue;
        hb_blob_t *blob = subset_face(f);
        if (!blob || hb_blob_get_length(blob) == 0) {
            hb_blob_destroy(blob);
            return pdf_fail(d, DOSSIER_ERR_LIBRARY, "hb-subset cannot subset font \"%s\" (%s)",
                            f->family ? f->family : f->path, f->path);
        }
        dossier_status s = load_subset(d, f, blob);
        hb_blob_destroy(blob);
        if (s != DOSSIER_OK)
            return s;
    }
    for (size_t i = 0; i < fs->map_cap; i++) {
        pdf_glyph_map *e = &fs->map[i];
        if (!e->key || e->face == PDF_NO_FACE)
            continue;
        HPDF_INT w = HPDF_Font_GetUnicodeWidth(fs->faces[e->face].hfont, (HPDF_UNICODE)e->draw);
        e->width = (uint16_t)(w > 0 ? w : 0);
    }
    fs->embedded = true;
    return pdf_check_hpdf(d, "measuring glyphs");
}

void pdf_fonts_close(pdf_fonts *fs)
{
    for (size_t k = 0; k < fs->n_faces; k++) {
        pdf_face *f = &fs->faces[k];
        hb_set_destroy(f->used);
        hb_font_destroy(f->font);
        hb_face_destroy(f->face);
        hb_blob_destroy(f->blob);
        free(f->path);
        free(f->family);
    }
    free(fs->map);
    memset(fs, 0, sizeof *fs);
}
