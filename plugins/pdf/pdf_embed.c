/* pdf_embed.c — the fonts of the layout as PDF objects: for each face that sets something, a
 * Type 0 font over Identity-H with a CIDFontType2 descendant whose program is the hb-subset
 * file as it is (FontFile2, deflated with libdeflate), made here with libharu's object API so
 * that libharu writes them with the rest of the file.
 *
 * Codes: CID 1 … n are the face's characters in code point order (CID 0 is .notdef), so a
 * code is two bytes whatever the character, and characters beyond U+FFFF are set like any
 * other. The CIDToGIDMap maps a CID to the subset's glyph, the ToUnicode map a CID to its
 * character (UTF-16BE, with surrogate pairs), /W to the width the layout measured (hmtx
 * advance × 1000 / units per em, truncated; tests/pdf: pdf_advances). Two characters that share
 * a glyph keep two CIDs, so each copies out as itself.
 *
 * Why not libharu's fonts: its UTF-8 encoder and ToUnicode map are 16-bit (no character beyond
 * the BMP), it looks up all 65,536 BMP code points per font and writes a 128 KB CIDToGIDMap,
 * and it parses the subset again; its ToUnicode map used an operator readers reject.
 *
 * Ownership: libharu owns the dictionaries (freed with the document); pdf_fonts_free frees the
 * code maps; the subset blobs are freed here.
 */
#include <hb-ot.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/plugin_util.h"
#include "pdf.h"

#define PDF_MAX_ARRAY 8191 /* entries of one array (PDF 1.4's limit, PDF/A-1's rule) */

static const char *face_name(const lay_face *f)
{
    return f->family ? f->family : f->path;
}

/* A stream dictionary registered with the document, to be deflated before saving. */
static HPDF_Dict new_stream(pdf_doc *d)
{
    HPDF_Dict s = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
    if (s)
        s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    return s;
}

static HPDF_Dict new_indirect(pdf_doc *d)
{
    HPDF_Dict x = HPDF_Dict_New(d->pdf->mmgr);
    if (x && HPDF_Xref_Add(d->pdf->xref, x) != HPDF_OK)
        return NULL; /* HPDF_Xref_Add frees it on failure */
    return x;
}

/* The subset tag: six capitals from a hash of the name and the characters, so equal inputs
 * give equal names and different subsets (almost always) different ones. */
static void subset_tag(const lay_face *f, char tag[7])
{
    uint64_t h = 14695981039346656037u;
    for (const char *p = f->psname; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(f->used, &cp))
        h = (h ^ cp) * 1099511628211u;
    for (int i = 0; i < 6; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[6] = '\0';
}

/* ---------------------------------------------------------------- the face's CIDs */

typedef struct face_cids {
    uint32_t *cp;     /* per CID - 1: the character */
    uint16_t *gid;    /* per CID - 1: the subset's glyph */
    uint16_t *width;  /* per CID - 1: advance in 1/1000 em */
    size_t n;
} face_cids;

static void face_cids_free(face_cids *c)
{
    free(c->cp);
    free(c->gid);
    free(c->width);
}

static dossier_status cids_build(pdf_doc *d, size_t k, const hb_map_t *new_gid, face_cids *c,
                                 hb_map_t *cid_of)
{
    const lay_face *f = &d->L.fonts.faces[k];
    size_t n = hb_set_get_population(f->used);
    if (n > 0xFFFE)
        return lay_fail(&d->L, DOSSIER_ERR_UNSUPPORTED, "font \"%s\" would set %zu different "
                        "characters; a PDF font holds at most 65,534", face_name(f), n);
    c->cp = malloc(n * sizeof *c->cp);
    c->gid = malloc(n * sizeof *c->gid);
    c->width = malloc(n * sizeof *c->width);
    if (!c->cp || !c->gid || !c->width)
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(f->used, &cp)) {
        uint32_t old = 0;
        uint16_t w = 0;
        hb_codepoint_t g = HB_MAP_VALUE_INVALID;
        if (lay_fonts_glyph_of(f, cp, &old, &w))
            g = hb_map_get(new_gid, old);
        if (g == HB_MAP_VALUE_INVALID || g > 0xFFFF)
            return lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "font \"%s\": the subset lost the "
                            "glyph of U+%04X", face_name(f), (unsigned)cp);
        c->cp[c->n] = cp;
        c->gid[c->n] = (uint16_t)g;
        c->width[c->n] = w;
        c->n++;
        hb_map_set(cid_of, cp, (hb_codepoint_t)c->n);
    }
    if (!hb_map_allocation_successful(cid_of))
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    return DOSSIER_OK;
}

/* ---------------------------------------------------------------- the font's parts */

/* The map and ToUnicode are made in memory and deflated straight into their streams (a
 * libharu memory stream copies what it is given a byte at a time). */
static HPDF_Dict cid_to_gid(pdf_doc *d, const face_cids *c)
{
    HPDF_Dict s = new_stream(d);
    unsigned char *map = calloc(c->n + 1, 2);
    if (!s || !map) {
        free(map);
        return NULL;
    }
    for (size_t i = 0; i < c->n; i++) {
        map[2 * (i + 1)] = (unsigned char)(c->gid[i] >> 8);
        map[2 * (i + 1) + 1] = (unsigned char)c->gid[i];
    }
    dossier_status st = pdf_deflate_into(d, s, map, 2 * (c->n + 1));
    free(map);
    return st == DOSSIER_OK ? s : NULL;
}

static HPDF_Dict to_unicode(pdf_doc *d, const face_cids *c)
{
    HPDF_Dict s = new_stream(d);
    if (!s)
        return NULL;
    dossier_buf b;
    dossier_buf_init(&b);
    dossier_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
                         "def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (size_t i = 0; i < c->n; i++) {
        if (i % 100 == 0) {
            size_t n = c->n - i < 100 ? c->n - i : 100;
            dossier_buf_printf(&b, "%s%zu beginbfchar\n", i ? "endbfchar\n" : "", n);
        }
        /* <CID> <UTF-16BE>, a surrogate pair beyond U+FFFF */
        uint16_t u[2];
        size_t units = pdf_utf16(c->cp[i], u);
        char line[24], *o = line;
        *o++ = '<';
        o = pdf_hex4(o, (unsigned)(i + 1));
        *o++ = '>';
        *o++ = ' ';
        *o++ = '<';
        for (size_t k = 0; k < units; k++)
            o = pdf_hex4(o, u[k]);
        *o++ = '>';
        *o++ = '\n';
        dossier_buf_write(&b, line, (size_t)(o - line));
    }
    if (c->n)
        dossier_buf_puts(&b, "endbfchar\n");
    dossier_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    dossier_status st = b.error ? lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory")
                                : pdf_deflate_into(d, s, b.data, b.len);
    dossier_buf_free(&b);
    return st == DOSSIER_OK ? s : NULL;
}

/* /W: `1 [w1 w2 …]`, cut into arrays of at most PDF_MAX_ARRAY widths. */
static HPDF_Array widths(pdf_doc *d, const face_cids *c)
{
    HPDF_MMgr mmgr = d->pdf->mmgr;
    HPDF_Array w = HPDF_Array_New(mmgr);
    HPDF_STATUS e = w ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_Array run = NULL;
    for (size_t i = 0; e == HPDF_OK && i < c->n; i++) {
        if (i % PDF_MAX_ARRAY == 0) {
            run = HPDF_Array_New(mmgr);
            e = run ? HPDF_Array_AddNumber(w, (HPDF_INT32)(i + 1)) : HPDF_FAILD_TO_ALLOC_MEM;
            if (e == HPDF_OK)
                e = HPDF_Array_Add(w, run);
        }
        if (e == HPDF_OK)
            e = HPDF_Array_AddNumber(run, c->width[i]);
    }
    return e == HPDF_OK ? w : NULL;
}

static int16_t be16(const char *p)
{
    return (int16_t)((unsigned char)p[0] << 8 | (unsigned char)p[1]);
}

int pdf_cap_height(const lay_face *f)
{
    hb_position_t cap = 0;
    hb_ot_metrics_get_position_with_fallback(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap);
    int x_scale = 0, y_scale = 0;
    hb_font_get_scale(f->font, &x_scale, &y_scale);
    if (y_scale <= 0)
        return 0;
    return (int)((double)cap * 1000.0 / y_scale + (cap >= 0 ? 0.5 : -0.5));
}

/* The descriptor: the bounding box of the subset's glyphs (its `head`) in 1/1000 em, its top
 * and bottom as Ascent and Descent, as libharu computed them before; FontFile2 the subset. */
static HPDF_Dict descriptor(pdf_doc *d, size_t k, const char *name, hb_blob_t *subset)
{
    const lay_face *f = &d->L.fonts.faces[k];
    HPDF_MMgr mmgr = d->pdf->mmgr;
    hb_face_t *sub = hb_face_create(subset, 0);
    hb_blob_t *head = hb_face_reference_table(sub, HB_TAG('h', 'e', 'a', 'd'));
    unsigned head_len = 0;
    const char *h = hb_blob_get_data(head, &head_len);
    int upem = (int)hb_face_get_upem(sub);
    int bbox[4] = {0, 0, 0, 0};
    for (int i = 0; head_len >= 54 && i < 4; i++)
        bbox[i] = be16(h + 36 + 2 * i) * 1000 / upem;
    hb_blob_destroy(head);
    hb_face_destroy(sub);
    hb_position_t xh = 0;
    int x_height = hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_X_HEIGHT, &xh) && f->upem
                       ? (int)(xh * 1000 / (int)f->upem)
                       : 0;
    unsigned len;
    const char *data = hb_blob_get_data(subset, &len);
    HPDF_Dict desc = new_indirect(d);
    HPDF_Dict file = HPDF_DictStream_New(mmgr, d->pdf->xref);
    HPDF_Box box = {(HPDF_REAL)bbox[0], (HPDF_REAL)bbox[1], (HPDF_REAL)bbox[2],
                    (HPDF_REAL)bbox[3]};
    if (!desc || !file || pdf_deflate_into(d, file, data, len) != DOSSIER_OK)
        return NULL;
    HPDF_STATUS e = HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(desc, "FontName", name);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "Flags", 32); /* nonsymbolic */
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(mmgr, box));
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "ItalicAngle", 0);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "Ascent", bbox[3]);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "Descent", bbox[1]);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "CapHeight", pdf_cap_height(f));
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "XHeight", x_height);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "StemV", 0);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(desc, "FontFile2", file);
    return e == HPDF_OK ? desc : NULL;
}

static HPDF_Dict system_info(pdf_doc *d)
{
    HPDF_Dict si = HPDF_Dict_New(d->pdf->mmgr);
    if (!si)
        return NULL;
    HPDF_STATUS e = HPDF_Dict_Add(si, "Registry", HPDF_String_New(d->pdf->mmgr, "Adobe", NULL));
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(si, "Ordering", HPDF_String_New(d->pdf->mmgr, "Identity", NULL));
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(si, "Supplement", 0);
    return e == HPDF_OK ? si : NULL;
}

/* Face k's Type 0 font, its parts made from the subset. */
static dossier_status build_font(pdf_doc *d, size_t k, hb_blob_t *subset, const face_cids *c)
{
    const lay_face *f = &d->L.fonts.faces[k];
    pdf_font *pf = &d->fonts[k];
    char tag[7], name[160];
    subset_tag(f, tag);
    snprintf(name, sizeof name, "%s+%.120s", tag, f->psname);
    HPDF_Dict type0 = new_indirect(d), cid = new_indirect(d);
    HPDF_Dict desc = type0 && cid ? descriptor(d, k, name, subset) : NULL;
    if (d->L.status != DOSSIER_OK)
        return d->L.status;
    HPDF_Dict map = desc ? cid_to_gid(d, c) : NULL, tou = map ? to_unicode(d, c) : NULL;
    HPDF_Array w = tou ? widths(d, c) : NULL, descendants = HPDF_Array_New(d->pdf->mmgr);
    HPDF_Dict si = system_info(d);
    if (!w || !descendants || !si)
        return pdf_failed(d, "building a font");
    HPDF_STATUS e = HPDF_Dict_AddName(cid, "Type", "Font");
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(cid, "BaseFont", name);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(cid, "CIDSystemInfo", si);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(cid, "FontDescriptor", desc);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(cid, "DW", 1000);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(cid, "W", w);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(cid, "CIDToGIDMap", map);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(type0, "Type", "Font");
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(type0, "Subtype", "Type0");
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(type0, "BaseFont", name);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    if (e == HPDF_OK)
        e = HPDF_Array_Add(descendants, cid);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(type0, "DescendantFonts", descendants);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(type0, "ToUnicode", tou);
    snprintf(pf->res, sizeof pf->res, "F%u", (unsigned)(k + 1));
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(d->font_res, pf->res, type0);
    if (e != HPDF_OK)
        return pdf_failed(d, "building a font");
    pf->type0 = type0;
    pf->descriptor = desc;
    pf->n_cids = c->n;
    return DOSSIER_OK;
}

static dossier_status embed_face(pdf_doc *d, size_t k)
{
    hb_map_t *new_gid = NULL;
    hb_blob_t *subset = lay_subset_face(&d->L, k, &new_gid);
    if (!subset)
        return d->L.status;
    face_cids c = {0};
    d->fonts[k].cid_of = hb_map_create();
    dossier_status s = cids_build(d, k, new_gid, &c, d->fonts[k].cid_of);
    if (s == DOSSIER_OK)
        s = build_font(d, k, subset, &c);
    face_cids_free(&c);
    hb_map_destroy(new_gid);
    hb_blob_destroy(subset);
    return s;
}

dossier_status pdf_embed_fonts(pdf_doc *d)
{
    d->font_res = new_indirect(d);
    if (!d->font_res)
        return pdf_failed(d, "creating the font resources");
    const lay_fonts *fs = &d->L.fonts;
    for (size_t k = 0; k < fs->n_faces; k++) {
        if (hb_set_is_empty(fs->faces[k].used))
            continue;
        dossier_status s = embed_face(d, k);
        if (s != DOSSIER_OK)
            return s;
    }
    return pdf_check_hpdf(d, "embedding the fonts");
}

void pdf_fonts_free(pdf_doc *d)
{
    for (size_t k = 0; k < LAY_MAX_FACES; k++) {
        hb_map_destroy(d->fonts[k].cid_of);
        d->fonts[k].cid_of = NULL;
    }
}
