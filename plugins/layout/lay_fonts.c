/* lay_fonts.c — the fonts of a brief: found with fontconfig by family name (or taken from a
 * configured file), opened with HarfBuzz, and checked character by character: each (role,
 * character) gets the face that sets it (the role's own, else another configured one), its
 * glyph id and its advance. lay_subset.c cuts each face down to what it sets.
 *
 * Widths: the advance of a glyph is its hmtx advance × 1000 / units per em, truncated to
 * an integer number of 1/1000 em: exactly the number a PDF /W array states for it (libharu
 * computes it so from the same hmtx, which hb-subset keeps), and what OFD's DeltaX is made
 * of. The layout measures with these, so what it places is what every backend positions.
 *
 * Characters beyond U+FFFF (CJK Extension B and later, e.g. 𬌗 in place names) are set like
 * any other when a configured face has them: the roles' faces, then `fallback_fonts`. Faces
 * must have TrueType (glyf) outlines, which both fixed-layout backends embed.
 *
 * Ownership: lay_fonts owns its HarfBuzz objects and names; the font cache (one per worker
 * process, the plugin state) owns its own references.
 */
#include <errno.h>
#include <fcntl.h>
#include <hb-ot.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "layout.h"

static const char *const role_key[LAY_ROLE_COUNT] = {"body", "heading1", "heading2", "title"};

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
    {"HanaMin", "fonts-hanazono"},
    {"BabelStone Han", "fonts-babelstone-han"},
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

bool lay_same_family(const char *a, const char *b)
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
static dossier_status find_family(lay_doc *d, const char *key, const char *family, char **path,
                                  unsigned *index)
{
    if (d->fontdisk && lay_fontdisk_find(d->fontdisk, family, path, index))
        return DOSSIER_OK;
    /* fontconfig is loaded only when a family is not in the disk cache, and released when the
     * fonts are found (lay_fonts_open). */
    if (!d->fc && !(d->fc = FcInitLoadConfigAndFonts()))
        return lay_fail(d, DOSSIER_ERR_LIBRARY, "fontconfig cannot load its configuration");
    FcConfig *fc = d->fc;
    FcPattern *pat = FcPatternCreate();
    if (!pat || !FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family)) {
        if (pat)
            FcPatternDestroy(pat);
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    FcConfigSubstitute(fc, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(fc, pat, &res);
    FcPatternDestroy(pat);
    bool same = false;
    FcChar8 *s;
    for (int i = 0; m && FcPatternGetString(m, FC_FAMILY, i, &s) == FcResultMatch; i++)
        if (lay_same_family((const char *)s, family))
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
            return lay_fail(d, DOSSIER_ERR_CONFIG,
                            "font \"%s\" (%s) not found; install the Debian package %s",
                            family, key, pkg);
        return lay_fail(d, DOSSIER_ERR_CONFIG,
                        "font \"%s\" (%s) not found; install a package that provides it "
                        "(`fc-list : family` lists the installed families) or name its file "
                        "instead", family, key);
    }
    *path = strdup((const char *)file);
    *index = (unsigned)idx & 0xFFFFu; /* the upper bits name a variable-font instance */
    FcPatternDestroy(m);
    if (!*path)
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    if (d->fontdisk)
        lay_fontdisk_put(d->fontdisk, family, *path, *index);
    return DOSSIER_OK;
}

/* Units per em and the PostScript name (name ID 6; else the family, else the file name)
 * of an opened face: what a backend names the font by. */
static bool face_identity(lay_face *f)
{
    f->upem = hb_face_get_upem(f->face);
    char name[128];
    unsigned len = sizeof name;
    if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len,
                            name) == 0 || !*name) {
        const char *base = strrchr(f->path, '/');
        snprintf(name, sizeof name, "%s", f->family ? f->family : base ? base + 1 : f->path);
    }
    f->psname = strdup(name);
    return f->psname != NULL;
}

static dossier_status open_face(lay_doc *d, lay_face *f, const char *key)
{
    const char *what = f->family ? f->family : f->path;
    f->blob = hb_blob_create_from_file_or_fail(f->path);
    if (!f->blob)
        return lay_fail(d, DOSSIER_ERR_CONFIG, "font \"%s\" (%s): cannot read %s", what, key,
                        f->path);
    unsigned count = hb_face_count(f->blob);
    if (f->index >= count)
        return lay_fail(d, DOSSIER_ERR_CONFIG,
                        "font \"%s\" (%s): %s has %u face(s); index %u does not exist",
                        what, key, f->path, count, f->index);
    f->face = hb_face_create(f->blob, f->index);
    hb_blob_t *glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    if (glyf_len == 0)
        return lay_fail(d, DOSSIER_ERR_CONFIG,
                        "font \"%s\" (%s, %s) has no TrueType outlines; the fixed-layout "
                        "formats embed TrueType (glyf) fonts only", what, key, f->path);
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
    if (!hb_set_allocation_successful(f->used) || !face_identity(f))
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    return DOSSIER_OK;
}

/* The face of `path` (face `index`), opened unless an earlier role or fallback has it; takes
 * `path` and `family` (both malloc'd; family may be NULL). *k is its index. */
static dossier_status add_face(lay_doc *d, char *path, unsigned index, char *family,
                               const char *key, size_t *k)
{
    lay_fonts *fs = &d->fonts;
    for (*k = 0; *k < fs->n_faces; (*k)++)
        if (strcmp(fs->faces[*k].path, path) == 0 && fs->faces[*k].index == index) {
            free(path);
            free(family);
            return DOSSIER_OK;
        }
    if (fs->n_faces == LAY_MAX_FACES) {
        free(path);
        free(family);
        return lay_fail(d, DOSSIER_ERR_CONFIG, "%s: more than %d fonts", key, LAY_MAX_FACES);
    }
    lay_face *f = &fs->faces[fs->n_faces++];
    f->path = path;
    f->index = index;
    f->family = family;
    return open_face(d, f, key);
}

/* `file` (when it is set) or else `family` found with fontconfig: the path and family
 * add_face takes. */
static dossier_status locate(lay_doc *d, const char *key, const char *file, unsigned index,
                             const char *family, size_t *k)
{
    char *path = NULL, *fam = NULL;
    if (file) {
        if (access(file, R_OK) != 0)
            return lay_fail(d, DOSSIER_ERR_CONFIG, "%s: font file \"%s\": %s", key, file,
                            strerror(errno));
        path = strdup(file);
    } else {
        dossier_status s = find_family(d, key, family, &path, &index);
        if (s != DOSSIER_OK)
            return s;
        fam = strdup(family);
    }
    if (!path || (!file && !fam)) {
        free(path);
        free(fam);
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    return add_face(d, path, index, fam, key, k);
}

static dossier_status role_faces(lay_doc *d)
{
    lay_fonts *fs = &d->fonts;
    for (int r = 0; r < LAY_ROLE_COUNT; r++) {
        char key[64];
        snprintf(key, sizeof key, "%s_font_file", role_key[r]);
        const char *file = d->host->config_string(d->ctx, key);
        snprintf(key, sizeof key, "%s_font_index", role_key[r]);
        unsigned index = (unsigned)d->host->config_int(d->ctx, key);
        snprintf(key, sizeof key, "%s_font", role_key[r]);
        const char *family = d->host->config_string(d->ctx, key);
        if (file && *file)
            snprintf(key, sizeof key, "%s_font_file", role_key[r]);
        else if (!family || !*family)
            return lay_fail(d, DOSSIER_ERR_CONFIG, "%s_font is empty and no %s_font_file "
                            "is set", role_key[r], role_key[r]);
        size_t k;
        dossier_status s = locate(d, key, file && *file ? file : NULL, index, family, &k);
        if (s != DOSSIER_OK)
            return s;
        fs->role_face[r] = (uint8_t)k; /* two roles in the same face share it */
    }
    return DOSSIER_OK;
}

/* The next non-empty entry [*a, *b) of a list separated by ';' or ',' (blanks around an entry
 * ignored), *p moved past it; false at the end of the list. */
static bool next_entry(const char **p, const char **a, const char **b)
{
    while (**p) {
        size_t len = strcspn(*p, ";,");
        *a = *p;
        *b = *p + len;
        *p += len + ((*p)[len] != '\0');
        while (*a < *b && (**a == ' ' || **a == '\t'))
            (*a)++;
        while (*b > *a && ((*b)[-1] == ' ' || (*b)[-1] == '\t'))
            (*b)--;
        if (*a < *b)
            return true;
    }
    return false;
}

/* An entry naming a font file without a folder (font.ttf, fonts.ttc:1). */
static bool has_font_suffix(const char *item)
{
    const char *dot = strrchr(item, '.');
    return dot && (strncasecmp(dot, ".ttf", 4) == 0 || strncasecmp(dot, ".ttc", 4) == 0 ||
                   strncasecmp(dot, ".otf", 4) == 0) &&
           (dot[4] == '\0' || dot[4] == ':');
}

/* fallback_fonts: entries separated by ';' or ',', blanks around them ignored; an entry with
 * a '/' or ending in .ttf, .ttc or .otf is a file ("FILE:N" names face N of a collection),
 * any other a fontconfig family.
 * The entries are counted before any is looked up, so that a list too long is said as such. */
static dossier_status fallback_faces(lay_doc *d)
{
    static const char key[] = "fallback_fonts";
    const char *list = d->host->config_string(d->ctx, key), *p, *a, *b;
    size_t n = 0;
    for (p = list ? list : ""; next_entry(&p, &a, &b);)
        n++;
    if (n > LAY_MAX_FALLBACK)
        return lay_fail(d, DOSSIER_ERR_CONFIG, "%s: %zu fonts given; at most %d", key, n,
                        LAY_MAX_FALLBACK);
    for (p = list ? list : ""; next_entry(&p, &a, &b);) {
        char item[1024];
        if ((size_t)(b - a) >= sizeof item)
            return lay_fail(d, DOSSIER_ERR_CONFIG, "%s: an entry is too long", key);
        memcpy(item, a, (size_t)(b - a));
        item[b - a] = '\0';
        unsigned index = 0;
        bool file = strchr(item, '/') != NULL || has_font_suffix(item);
        char *colon = file ? strrchr(item, ':') : NULL;
        if (colon && colon[1] && strlen(colon + 1) <= 5 &&
            strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
            index = (unsigned)atoi(colon + 1);
            *colon = '\0';
        }
        size_t k;
        dossier_status s = locate(d, key, file ? item : NULL, index, item, &k);
        if (s != DOSSIER_OK)
            return s;
    }
    return DOSSIER_OK;
}

static dossier_status fonts_find(lay_doc *d)
{
    dossier_status s = role_faces(d);
    return s == DOSSIER_OK ? fallback_faces(d) : s;
}

static void cache_store(lay_font_cache *c, const lay_fonts *fs)
{
    for (size_t k = 0; k < fs->n_faces; k++) {
        const lay_face *f = &fs->faces[k];
        struct lay_cached_face *cf = &c->faces[k];
        cf->family = f->family ? strdup(f->family) : NULL;
        cf->path = strdup(f->path);
        if ((f->family && !cf->family) || !cf->path) {
            c->n_faces = k + 1;
            lay_font_cache_free(c);
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

static dossier_status cache_load(lay_doc *d, const lay_font_cache *c)
{
    lay_fonts *fs = &d->fonts;
    for (size_t k = 0; k < c->n_faces; k++) {
        const struct lay_cached_face *cf = &c->faces[k];
        lay_face *f = &fs->faces[fs->n_faces++];
        f->family = cf->family ? strdup(cf->family) : NULL;
        f->path = strdup(cf->path);
        f->index = cf->index;
        f->blob = hb_blob_reference(cf->blob);
        f->face = hb_face_reference(cf->face);
        f->font = hb_font_reference(cf->font);
        f->ascent = cf->ascent;
        f->descent = cf->descent;
        f->used = hb_set_create();
        if ((cf->family && !f->family) || !f->path || !hb_set_allocation_successful(f->used) ||
            !face_identity(f))
            return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    memcpy(fs->role_face, c->role_face, sizeof fs->role_face);
    return DOSSIER_OK;
}

dossier_status lay_fonts_open(lay_doc *d)
{
    d->fonts.warn_missing =
        strcmp(d->host->config_string(d->ctx, "missing_glyph"), "warn") == 0;
    if (d->font_cache && d->font_cache->ready)
        return cache_load(d, d->font_cache);
    /* Families are looked up in the disk cache of earlier runs (lay_fontdisk.c), else with
     * fontconfig, loaded only then and released at once: a configuration left undestroyed
     * leaks inside fontconfig 2.14. */
    lay_fontdisk disk;
    lay_fontdisk_open(&disk);
    d->fontdisk = &disk;
    dossier_status s = fonts_find(d);
    if (d->fc)
        FcConfigDestroy(d->fc);
    d->fc = NULL;
    d->fontdisk = NULL;
    if (disk.hits)
        d->host->log(d->ctx, DOSSIER_LOG_DEBUG, "fonts: %zu lookups answered by the cache %s",
                     disk.hits, disk.file);
    lay_fontdisk_close(&disk, s == DOSSIER_OK);
    if (s == DOSSIER_OK && d->font_cache)
        cache_store(d->font_cache, &d->fonts);
    return s;
}

void lay_font_cache_free(lay_font_cache *c)
{
    for (size_t k = 0; k < c->n_faces; k++) {
        struct lay_cached_face *cf = &c->faces[k];
        hb_font_destroy(cf->font);
        hb_face_destroy(cf->face);
        hb_blob_destroy(cf->blob);
        free(cf->path);
        free(cf->family);
    }
    memset(c, 0, sizeof *c);
}

/* ---------------------------------------------------------------- the glyph map */

static uint32_t map_key(lay_role role, uint32_t cp)
{
    return (uint32_t)role << 24 | cp;
}

static size_t map_slot(const lay_fonts *f, uint32_t key)
{
    size_t mask = f->map_cap - 1;
    size_t i = (key * 2654435761u) & mask;
    while (f->map[i].key != 0 && f->map[i].key != key)
        i = (i + 1) & mask;
    return i;
}

static bool map_grow(lay_fonts *f)
{
    size_t cap = f->map_cap ? f->map_cap * 2 : 1024;
    lay_glyph_map *old = f->map;
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

const lay_glyph_map *lay_fonts_glyph(const lay_fonts *f, lay_role role, uint32_t cp)
{
    if (!f->map_cap)
        return NULL;
    const lay_glyph_map *e = &f->map[map_slot(f, map_key(role, cp))];
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

static bool face_has(const lay_face *f, uint32_t cp)
{
    hb_codepoint_t g;
    if (!hb_font_get_nominal_glyph(f->font, cp, &g))
        return false;
    /* A cmap entry for a glyph without an outline (an empty placeholder) is not a glyph:
     * a visible character is then taken from a face that draws it. */
    hb_unicode_general_category_t gc =
        hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
    if (gc == HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR || cp < 0x21)
        return true;
    hb_glyph_extents_t ext;
    return hb_font_get_glyph_extents(f->font, g, &ext) && ext.width != 0 && ext.height != 0;
}

/* The face that sets cp in `role`: its own face first, then the other configured faces in
 * order — the first whose cmap maps cp to a glyph with an outline. */
static int face_for(const lay_fonts *fs, lay_role role, uint32_t cp)
{
    int own = fs->role_face[role];
    if (face_has(&fs->faces[own], cp))
        return own;
    for (size_t k = 0; k < fs->n_faces; k++)
        if ((int)k != own && face_has(&fs->faces[k], cp))
            return (int)k;
    return -1;
}

static void face_names(const lay_fonts *fs, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (size_t k = 0; k < fs->n_faces; k++) {
        size_t n = strlen(buf);
        snprintf(buf + n, cap - n, "%s\"%s\"", k ? ", " : "",
                 fs->faces[k].family ? fs->faces[k].family : fs->faces[k].path);
    }
}

static dossier_status resolve(lay_doc *d, lay_role role, uint32_t cp, const char *where,
                              size_t char_no, lay_glyph_map *out)
{
    lay_fonts *fs = &d->fonts;
    out->draw = cp;
    if (is_ignorable(cp)) {
        out->face = LAY_NO_FACE;
        return DOSSIER_OK;
    }
    int k = face_for(fs, role, cp);
    if (k < 0) {
        char ch[8] = {0}, names[512];
        lay_utf8_encode(cp, ch);
        face_names(fs, names, sizeof names);
        if (!fs->warn_missing)
            return lay_fail(d, DOSSIER_ERR_ENCODING,
                            "character \"%s\" (U+%04X) in %s, character %zu, is in none of "
                            "the fonts %s; install a font that has it and name it in "
                            "fallback_fonts, or set missing_glyph = warn to print \xE2\x96\xA1 "
                            "instead",
                            ch, (unsigned)cp, where, char_no, names);
        d->host->log(d->ctx, DOSSIER_LOG_WARNING,
                     "character \"%s\" (U+%04X) in %s, character %zu, is in none of the fonts "
                     "%s; printed as \xE2\x96\xA1",
                     ch, (unsigned)cp, where, char_no, names);
        fs->n_missing++;
        out->draw = 0x25A1; /* WHITE SQUARE */
        k = face_for(fs, role, out->draw);
        if (k < 0) {
            out->draw = '?';
            k = face_for(fs, role, out->draw);
        }
        if (k < 0)
            return lay_fail(d, DOSSIER_ERR_ENCODING,
                            "no font has a replacement for the missing character U+%04X",
                            (unsigned)cp);
    }
    out->face = (uint8_t)k;
    lay_fonts_glyph_of(&fs->faces[k], out->draw, &out->gid, &out->width);
    hb_set_add(fs->faces[k].used, out->draw);
    return DOSSIER_OK;
}

bool lay_fonts_glyph_of(const lay_face *f, uint32_t cp, uint32_t *gid, uint16_t *width)
{
    hb_codepoint_t g = 0;
    *gid = 0;
    *width = 0;
    if (!hb_font_get_nominal_glyph(f->font, cp, &g))
        return false;
    /* The font's scale is its upem: the advance in font units, as hmtx states it. */
    hb_position_t adv = hb_font_get_glyph_h_advance(f->font, g);
    *gid = g;
    *width = (uint16_t)(adv > 0 && f->upem ? (uint32_t)adv * 1000u / f->upem : 0);
    return true;
}

dossier_status lay_fonts_use(lay_doc *d, lay_role role, const char *text, const char *where)
{
    lay_fonts *fs = &d->fonts;
    size_t len = strlen(text), char_no = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += lay_utf8_decode(text + i, len - i, &cp);
        char_no++;
        if (fs->map_len * 2 >= fs->map_cap && !map_grow(fs))
            return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        uint32_t key = map_key(role, cp);
        lay_glyph_map *e = &fs->map[map_slot(fs, key)];
        if (e->key)
            continue;
        lay_glyph_map g = {.key = key};
        dossier_status s = resolve(d, role, cp, where, char_no, &g);
        if (s != DOSSIER_OK)
            return s;
        *e = g;
        fs->map_len++;
    }
    return DOSSIER_OK;
}

void lay_fonts_close(lay_fonts *fs)
{
    for (size_t k = 0; k < fs->n_faces; k++) {
        lay_face *f = &fs->faces[k];
        hb_set_destroy(f->used);
        hb_font_destroy(f->font);
        hb_face_destroy(f->face);
        hb_blob_destroy(f->blob);
        free(f->path);
        free(f->family);
        free(f->psname);
    }
    free(fs->map);
    memset(fs, 0, sizeof *fs);
}
