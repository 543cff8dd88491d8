/* pdf.h — private to the PDF plugin: the libharu backend of the fixed-layout engine
 * (plugins/layout). The layout turns the brief into pages as display lists; this plugin only
 *
 *   pdf_embed.c    each face's hb-subset as a Type 0 font over Identity-H made with libharu's
 *                  object API: CIDs in code point order, CIDToGIDMap, ToUnicode, /W, FontFile2
 *   pdf_deflate.c  every stream the plugin owns compressed with libdeflate before saving
 *   pdf_replay.c   replays every page's display list into a libharu page
 *   pdf_outline.c  writes the outline (bookmarks) from the layout's anchors
 *   pdf_text.c     outline titles and document information as UTF-16BE text strings
 *   pdf_plugin.c   descriptor, options (the layout's), document information, the driver
 *
 * Ownership: the pdf_doc owns the layout document (lay_doc_free) and the libharu document
 * (HPDF_Free), which owns the fonts and pages. Errors are values, recorded once with lay_fail.
 */
#ifndef DOSSIER_PDF_H
#define DOSSIER_PDF_H

#include <hpdf.h>
#include <hpdf_objects.h>

#include "layout.h"

struct libdeflate_compressor;

/* The plugin state, one per worker process: what every document reuses. */
typedef struct pdf_state {
    lay_font_cache fonts;                   /* the layout's fonts, found and opened once */
    struct libdeflate_compressor *deflater; /* made on first use, at deflater_level */
    int deflater_level;
    unsigned char *in, *out;                /* scratch for compressing one document */
    size_t in_cap, out_cap;
} pdf_state;

/* One face's font in the document (pdf_embed.c). */
typedef struct pdf_font {
    HPDF_Dict type0;      /* the Type 0 font; NULL when the face sets nothing */
    HPDF_Dict descriptor; /* its CIDFont's descriptor (PDF/A adds the CIDSet) */
    hb_map_t *cid_of;     /* code point → CID (1 … n_cids), owned (pdf_fonts_free) */
    size_t n_cids;
    char res[16];         /* its name in the pages' /Font resources: F1 … */
} pdf_font;

typedef struct pdf_doc {
    pdf_state *state;              /* the worker's (never NULL while exporting) */
    lay_doc L;                     /* the layout: pages as display lists, fonts, anchors */
    HPDF_Doc pdf;
    HPDF_STATUS hpdf_error, hpdf_detail; /* first libharu error */
    pdf_font fonts[LAY_MAX_FACES]; /* per face of L.fonts */
    HPDF_Dict font_res;            /* the /Font resources every page shares */
    HPDF_Page *pages;              /* per page of L.pages (malloc'd) */
} pdf_doc;

/* The class of a libharu object (HPDF_OCLASS_DICT …), its flags masked off. */
static inline unsigned pdf_obj_class(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_class & HPDF_OCLASS_ANY;
}

/* The dictionary (or stream) at entry i of the document's cross-reference table, or NULL. */
static inline HPDF_Dict pdf_xref_dict(HPDF_Doc pdf, HPDF_UINT i)
{
    HPDF_XrefEntry x = pdf->xref->entries->obj[i];
    return x && x->obj && pdf_obj_class(x->obj) == HPDF_OCLASS_DICT ? (HPDF_Dict)x->obj : NULL;
}

/* DOSSIER_ERR_LIBRARY naming the libharu error when one was raised, else DOSSIER_OK. */
dossier_status pdf_check_hpdf(pdf_doc *d, const char *doing);
/* A libharu call failed while `doing`: the error libharu raised (pdf_check_hpdf), else one
 * saying that much (a call that returned NULL or a status without raising). Never OK. */
dossier_status pdf_failed(pdf_doc *d, const char *doing);

/* pdf_embed.c: every face that sets something, subset and made a Type 0 font of d->pdf. */
dossier_status pdf_embed_fonts(pdf_doc *d);
/* pdf_embed.c: frees what pdf_embed_fonts kept outside libharu (the code maps). */
void pdf_fonts_free(pdf_doc *d);

/* pdf_embed.c: CapHeight in 1/1000 em (the font's OS/2 value, else HarfBuzz's estimate). */
int pdf_cap_height(const lay_face *f);

/* The [pdf] option, for the plugin's option table (pdf_deflate.c reads it). */
#define PDF_COMPRESSION_OPTION                                                             \
    {"compression_level", DOSSIER_OPT_INT, "4",                                            \
     "libdeflate level of every stream (font subsets, pages): 1 fastest to 12 smallest "   \
     "(docs/pdf.md: sizes and costs)",                                                     \
     1, 12, NULL}

/* pdf_deflate.c: dict's stream replaced by `data` deflated, marked /FlateDecode. */
dossier_status pdf_deflate_into(pdf_doc *d, HPDF_Dict dict, const void *data, size_t len);
/* pdf_deflate.c: every stream of the document that asks for FlateDecode and is not compressed
 * yet (page contents, the fonts' maps, PDF/A's ICC profile and CIDSets), compressed. */
dossier_status pdf_deflate_streams(pdf_doc *d);
/* pdf_deflate.c: the bytes of a stream made by pdf_deflate_into (owned by the stream, valid
 * while it lives), or NULL for any other stream. */
const unsigned char *pdf_stream_owned(HPDF_Stream s, size_t *len);
/* pdf_deflate.c: true when dict's stream was compressed by pdf_deflate_into. */
bool pdf_deflated(HPDF_Dict dict);
void pdf_state_free(pdf_state *st);

/* pdf_replay.c: one libharu page per layout page, drawn from its display list. */
dossier_status pdf_replay(pdf_doc *d);

/* pdf_text.c: cp as UTF-16 code units (a surrogate pair beyond U+FFFF); returns 1 or 2. */
size_t pdf_utf16(uint32_t cp, uint16_t out[2]);
/* pdf_text.c: the low 16 bits of v as four uppercase hex digits at o (a CID, a UTF-16 unit in
 * a hex string); returns o + 4. */
char *pdf_hex4(char *o, unsigned v);
/* pdf_text.c: dict[key] = the UTF-8 text as a PDF text string (UTF-16BE, any character). */
dossier_status pdf_text_set(pdf_doc *d, HPDF_Dict dict, const char *key, const char *utf8);
/* pdf_text.c: the text entries of the document information, so written (last, before saving:
 * PDF/A reads them as libharu stored them). */
dossier_status pdf_text_info(pdf_doc *d);

/* pdf_outline.c */
dossier_status pdf_outline_build(pdf_doc *d);

#endif
