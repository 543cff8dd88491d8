/* pdf_embed.c — the fonts of the layout embedded with libharu: each face that sets
 * something is subset by the layout (lay_subset_face), parsed by libharu from memory (its
 * TrueType parser over a memory stream: no temporary file), and embedded as it is: the
 * descriptor is made here with the hb-subset file, deflated with libdeflate, as FontFile2, so
 * libharu neither rewrites the font at save nor compresses it again. libharu computes the /W
 * widths from the subset's hmtx exactly as the layout measured them (tests/pdf: pdf_advances
 * checks it).
 *
 * The installed hpdf_*.h headers expose what is used (libhpdf-dev 2.3.0; the same fields in
 * 2.4): HPDF_TTFontDef_Load, the document's font definition list and subset tag, the font
 * definition's descriptor.
 *
 * Ownership: libharu owns the loaded fonts (freed with the document); the blobs are freed here.
 */
#include <hb-ot.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/* libharu 2.3.0 gives a UTF-8 font its encoding CMap as ToUnicode map, written with
 * `begincidrange`, which is not a ToUnicode operator: poppler warns on every page and strict
 * readers may not extract the text. The codes it writes are the BMP code points themselves
 * (Identity-H), so the right map is code → the same code point: written here as bfchar
 * entries for the characters this face sets, into the stream libharu will compress and save.
 * hpdf_font.h is installed by libhpdf-dev; the fields used exist in 2.3.0 and 2.4. */
static dossier_status fix_to_unicode(pdf_doc *d, size_t k)
{
    const lay_face *f = &d->L.fonts.faces[k];
    HPDF_FontAttr attr = (HPDF_FontAttr)d->fonts[k]->attr;
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
        return lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libharu cannot write a ToUnicode map "
                        "(error 0x%04X)", (unsigned)e);
    return DOSSIER_OK;
}

/* The subset parsed by libharu from memory (HPDF_TTFontDef_Load on a memory stream, which
 * it then owns), registered and tagged as HPDF_LoadTTFontFromFile would (hpdf_doc.c,
 * LoadTTFontFromStream: the next tag HPDFAA, HPDFAB …). Returns the name HPDF_GetFont knows it
 * by, NULL on failure. */
static const char *load_def(pdf_doc *d, const char *data, unsigned len)
{
    HPDF_Doc pdf = d->pdf;
    HPDF_Stream st = HPDF_MemStream_New(pdf->mmgr, len);
    if (!st)
        return NULL;
    if (HPDF_Stream_Write(st, (const HPDF_BYTE *)data, len) != HPDF_OK) {
        HPDF_Stream_Free(st);
        return NULL;
    }
    HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, st, HPDF_TRUE);
    if (!def)
        return NULL;
    HPDF_FontDef have = HPDF_Doc_FindFontDef(pdf, def->base_font);
    if (have) {
        HPDF_FontDef_Free(def);
        return have->base_font;
    }
    if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    if (pdf->ttfont_tag[0] == 0) {
        memcpy(pdf->ttfont_tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; i--) {
            if (++pdf->ttfont_tag[i] <= 'Z')
                break;
            pdf->ttfont_tag[i] = 'A';
        }
    }
    HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
    return def->base_font;
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

/* The font descriptor, made here so that libharu does not make its own at save time (it
 * skips it when HPDF_FontDef_Rec.descriptor is set, hpdf_font_cid.c): libharu's would re-read
 * the subset table by table and write it again (HPDF_TTFontDef_SaveFontData), then deflate it
 * with zlib. Here the hb-subset file is the FontFile2 as it is, deflated with libdeflate.
 * The entries are libharu's plus CapHeight (required by the PDF reference; libharu 2.3.0
 * leaves it out); PDF/A adds its CIDSet to this descriptor (pdf_pdfa.c). */
static dossier_status descriptor(pdf_doc *d, size_t k, const char *data, unsigned len)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)d->fonts[k]->attr;
    HPDF_FontDef def = attr->fontdef;
    if (def->descriptor)
        return DOSSIER_OK; /* one per font definition */
    HPDF_TTFontDefAttr def_attr = (HPDF_TTFontDefAttr)def->attr;
    HPDF_MMgr mmgr = d->pdf->mmgr;
    HPDF_Dict desc = HPDF_Dict_New(mmgr);
    HPDF_Dict file = HPDF_DictStream_New(mmgr, d->pdf->xref);
    if (!desc || !file)
        return pdf_check_hpdf(d, "building a font descriptor") != DOSSIER_OK
                   ? d->L.status
                   : lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    dossier_status s = pdf_deflate_into(d, file, data, len);
    if (s != DOSSIER_OK)
        return s;
    HPDF_STATUS e = HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(file, "Length2", 0);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(file, "Length3", 0);
    if (e == HPDF_OK)
        e = HPDF_Xref_Add(d->pdf->xref, desc);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(desc, "FontName", def_attr->base_font);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "Flags", def->flags);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(mmgr, def->font_bbox));
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "Descent", def->descent);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "CapHeight", pdf_cap_height(&d->L.fonts.faces[k]));
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
    if (e == HPDF_OK)
        e = HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(desc, "FontFile2", file);
    if (e != HPDF_OK)
        return pdf_check_hpdf(d, "building a font descriptor") != DOSSIER_OK
                   ? d->L.status
                   : lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libharu cannot build a font "
                              "descriptor (error 0x%04X)", (unsigned)e);
    def->descriptor = desc;
    return DOSSIER_OK;
}

/* Loads the subset into libharu, as a CID font over the UTF-8 encoder, with its descriptor. */
static dossier_status load_subset(pdf_doc *d, size_t k, hb_blob_t *blob)
{
    const lay_face *f = &d->L.fonts.faces[k];
    const char *what = f->family ? f->family : f->path;
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    const char *name = load_def(d, data, len);
    if (!name || pdf_check_hpdf(d, "loading a font") != DOSSIER_OK)
        return lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libharu cannot load the subset of font \"%s\"",
                        what);
    d->fonts[k] = HPDF_GetFont(d->pdf, name, "UTF-8");
    if (!d->fonts[k] || pdf_check_hpdf(d, "loading a font") != DOSSIER_OK)
        return lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libharu cannot use font \"%s\"", what);
    dossier_status s = fix_to_unicode(d, k);
    if (s == DOSSIER_OK)
        s = descriptor(d, k, data, len);
    return s;
}

dossier_status pdf_embed_fonts(pdf_doc *d)
{
    const lay_fonts *fs = &d->L.fonts;
    for (size_t k = 0; k < fs->n_faces; k++) {
        if (hb_set_is_empty(fs->faces[k].used))
            continue;
        hb_blob_t *blob = lay_subset_face(&d->L, k);
        if (!blob)
            return d->L.status;
        dossier_status s = load_subset(d, k, blob);
        hb_blob_destroy(blob);
        if (s != DOSSIER_OK)
            return s;
    }
    return pdf_check_hpdf(d, "embedding the fonts");
}
