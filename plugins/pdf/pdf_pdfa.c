/* pdf_pdfa.c — [pdf] conformance = pdfa-1b: the document as PDF/A-1b (ISO 19005-1, level B),
 * checked with Apache PDFBox Preflight in the tests.
 *
 * libharu 2.3.0's own HPDF_PDFA_SetPDFAConformance does not get there with Chinese text: its
 * document ID comes from the clock, it adds no output intent, and its XMP neither escapes the
 * text nor carries the dc:format (and its own fonts lacked CapHeight and CIDSet). So this file
 * does it all itself, on libharu's object graph (the installed hpdf_*.h headers), after the
 * document is drawn and before it is saved:
 *
 *   - an sRGB output intent (GTS_PDFA1) with the ICC profile of Debian's icc-profiles-free,
 *     built into the plugin (pdf_srgb_icc.c, generated at configure time), so DeviceRGB and
 *     DeviceGray are allowed and the output does not depend on a file at run time;
 *   - each font's descriptor (made by pdf_embed.c for every PDF: the hb-subset file as
 *     FontFile2, CapHeight, /W in arrays of at most 8,191) gets a CIDSet of its CIDs;
 *   - outline destinations as direct arrays (PDFBox cannot read an indirect one);
 *   - XMP metadata (uncompressed, as PDF/A-1 wants) restating the document information:
 *     dc:title, dc:creator, dc:description, pdf:Keywords, pdf:Producer, xmp:CreatorTool,
 *     xmp:CreateDate, xmp:ModifyDate, and pdfaid:part 1, conformance B;
 *   - a document /ID that is the MD5 of the document information and every stream so far (the
 *     pages' contents, the fonts' maps), so equal inputs give equal bytes;
 *   - version 1.4. Nothing the plugin draws is transparent.
 */
#include "pdf_pdfa.h"

#include "dossier/plugin_util.h"

#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_info.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdlib.h>
#include <string.h>

/* The sRGB profile (pdf_srgb_icc.c, generated from icc-profiles-free's sRGB.icc). */
extern const unsigned char pdf_srgb_icc[];
extern const size_t pdf_srgb_icc_len;


bool pdf_pdfa_wanted(pdf_doc *d)
{
    const char *c = d->L.host->config_string(d->L.ctx, "conformance");
    return c && strcmp(c, "pdfa-1b") == 0;
}

/* ---------------------------------------------------------------- output intent */

static dossier_status output_intent(pdf_doc *d)
{
    HPDF_Doc pdf = d->pdf;
    if (pdf_srgb_icc_len == 0)
        return lay_fail(&d->L, DOSSIER_ERR_UNSUPPORTED,
                        "PDF/A needs an sRGB ICC profile, and this pdf plugin was built without "
                        "one (install icc-profiles-free and build it again)");
    HPDF_Dict icc = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!icc)
        return pdf_failed(d, "creating the ICC profile");
    icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_STATUS e = HPDF_Dict_AddNumber(icc, "N", 3);
    if (e == HPDF_OK)
        e = HPDF_Stream_Write(icc->stream, pdf_srgb_icc, (HPDF_UINT)pdf_srgb_icc_len);
    HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
    if (e != HPDF_OK || !intent || !intents)
        return pdf_failed(d, "creating the output intent");
    e = HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                          HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(intent, "RegistryName",
                          HPDF_String_New(pdf->mmgr, "http://www.color.org", NULL));
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(intent, "DestOutputProfile", icc);
    if (e == HPDF_OK)
        e = HPDF_Array_Add(intents, intent);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
    return e == HPDF_OK ? DOSSIER_OK : pdf_failed(d, "adding the output intent");
}

/* ---------------------------------------------------------------- fonts */

/* CIDSet: one bit per CID present, the most significant bit of byte 0 for CID 0 (.notdef);
 * a face's CIDs are 0 … n_cids (pdf_embed.c). */
static HPDF_Dict cid_set(pdf_doc *d, size_t n_cids)
{
    size_t bytes = (n_cids + 1 + 7) / 8;
    unsigned char *bits = malloc(bytes);
    HPDF_Dict s = bits ? HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref) : NULL;
    if (s) {
        memset(bits, 0xFF, bytes);
        if ((n_cids + 1) % 8)
            bits[bytes - 1] = (unsigned char)(0xFF00u >> ((n_cids + 1) % 8));
        s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        if (HPDF_Stream_Write(s->stream, bits, (HPDF_UINT)bytes) != HPDF_OK)
            s = NULL;
    }
    free(bits);
    return s;
}

/* Each font's descriptor gets the CIDSet PDF/A-1 asks for; /W (one entry per CID, in arrays
 * of at most 8,191) and CapHeight are already as PDF/A-1 wants them. */
static dossier_status fonts(pdf_doc *d)
{
    for (size_t k = 0; k < d->L.fonts.n_faces; k++) {
        const pdf_font *pf = &d->fonts[k];
        if (!pf->type0)
            continue;
        HPDF_Dict set = cid_set(d, pf->n_cids);
        if (!set || HPDF_Dict_Add(pf->descriptor, "CIDSet", set) != HPDF_OK)
            return pdf_failed(d, "adding a CIDSet");
    }
    return DOSSIER_OK;
}

/* ---------------------------------------------------------------- outline */

static void *unproxy(void *obj)
{
    HPDF_Obj_Header *h = obj;
    return h && h->obj_class == HPDF_OCLASS_PROXY ? ((HPDF_Proxy)obj)->obj : obj;
}

/* The entry's /Dest (an indirect array, libharu's way) replaced by a direct copy. */
static HPDF_STATUS direct_dest(HPDF_Dict item)
{
    HPDF_DictElement el = NULL;
    for (HPDF_UINT i = 0; i < item->list->count; i++) {
        HPDF_DictElement x = item->list->obj[i];
        if (strcmp(x->key, "Dest") == 0)
            el = x;
    }
    if (!el)
        return HPDF_OK;
    HPDF_Array dest = unproxy(el->value);
    if (pdf_obj_class(dest) != HPDF_OCLASS_ARRAY)
        return HPDF_OK;
    HPDF_Array copy = HPDF_Array_New(item->mmgr);
    if (!copy)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS e = HPDF_OK;
    for (HPDF_UINT i = 0; e == HPDF_OK && i < dest->list->count; i++) {
        void *v = unproxy(dest->list->obj[i]);
        switch (pdf_obj_class(v)) {
        case HPDF_OCLASS_NAME: e = HPDF_Array_AddName(copy, HPDF_Name_GetValue(v)); break;
        case HPDF_OCLASS_NUMBER: e = HPDF_Array_AddNumber(copy, ((HPDF_Number)v)->value); break;
        case HPDF_OCLASS_REAL: e = HPDF_Array_AddReal(copy, ((HPDF_Real)v)->value); break;
        case HPDF_OCLASS_DICT: e = HPDF_Array_Add(copy, v); break; /* the page: a reference */
        default: e = HPDF_Array_Add(copy, HPDF_Null_New(item->mmgr)); break;
        }
    }
    if (e != HPDF_OK) {
        HPDF_Array_Free(copy);
        return e;
    }
    return HPDF_Dict_Add(item, "Dest", copy);
}

static HPDF_Dict child(HPDF_Dict item, const char *key)
{
    for (HPDF_UINT i = 0; i < item->list->count; i++) {
        HPDF_DictElement x = item->list->obj[i];
        if (strcmp(x->key, key) == 0) {
            void *v = unproxy(x->value);
            return pdf_obj_class(v) == HPDF_OCLASS_DICT ? v : NULL;
        }
    }
    return NULL;
}

static HPDF_STATUS outline_items(HPDF_Dict first, int depth)
{
    HPDF_STATUS e = HPDF_OK;
    for (HPDF_Dict it = first; it && e == HPDF_OK && depth < 64; it = child(it, "Next")) {
        e = direct_dest(it);
        if (e == HPDF_OK)
            e = outline_items(child(it, "First"), depth + 1);
    }
    return e;
}

static dossier_status outline(pdf_doc *d)
{
    HPDF_Dict root = child(d->pdf->catalog, "Outlines");
    if (root && outline_items(child(root, "First"), 0) != HPDF_OK)
        return pdf_failed(d, "making the outline's destinations direct");
    return DOSSIER_OK;
}

/* ---------------------------------------------------------------- XMP metadata */

/* open, the text as XML character data, close; nothing without a text. */
static void element(dossier_buf *b, const char *open, const char *text, const char *close)
{
    if (!text)
        return;
    dossier_buf_puts(b, open);
    dossier_buf_xml(b, text);
    dossier_buf_puts(b, close);
}

/* "D:YYYYMMDDHHmmSS…" (libharu's form, in UTC: Z) → "YYYY-MM-DDTHH:mm:SSZ". */
static const char *xmp_date(const char *pdf_date, char out[32])
{
    if (!pdf_date || strncmp(pdf_date, "D:", 2) != 0 || strlen(pdf_date) < 16)
        return NULL;
    const char *p = pdf_date + 2;
    snprintf(out, 32, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s+00:00", p, p + 4, p + 6, p + 8, p + 10, p + 12);
    return out;
}

static const char *info(pdf_doc *d, HPDF_InfoType t)
{
    const char *v = HPDF_GetInfoAttr(d->pdf, t);
    return v && *v ? v : NULL;
}

/* libharu writes a UTC date as "D:YYYYMMDDHHmmSSZ00'00'", which PDFBox does not read as the
 * time the XMP states: the Info dates are rewritten as "D:YYYYMMDDHHmmSS+00'00'". */
static HPDF_STATUS info_date(pdf_doc *d, const char *key, const char *pdf_date)
{
    char v[40];
    if (!pdf_date || strlen(pdf_date) < 16)
        return HPDF_OK;
    snprintf(v, sizeof v, "%.16s+00'00'", pdf_date);
    HPDF_Dict info = d->pdf->info;
    return info ? HPDF_Dict_Add(info, key, HPDF_String_New(d->pdf->mmgr, v, NULL)) : HPDF_OK;
}

static dossier_status metadata(pdf_doc *d)
{
    char created[32], modified[32];
    if (info_date(d, "CreationDate", info(d, HPDF_INFO_CREATION_DATE)) != HPDF_OK ||
        info_date(d, "ModDate", info(d, HPDF_INFO_MOD_DATE)) != HPDF_OK)
        return pdf_failed(d, "restating the document dates");
    const char *title = info(d, HPDF_INFO_TITLE), *author = info(d, HPDF_INFO_AUTHOR),
               *subject = info(d, HPDF_INFO_SUBJECT), *keywords = info(d, HPDF_INFO_KEYWORDS),
               *creator = info(d, HPDF_INFO_CREATOR), *producer = info(d, HPDF_INFO_PRODUCER),
               *cdate = xmp_date(info(d, HPDF_INFO_CREATION_DATE), created),
               *mdate = xmp_date(info(d, HPDF_INFO_MOD_DATE), modified);
    dossier_buf b;
    dossier_buf_init(&b);
    dossier_buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
              "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
              "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
              "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
              "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
              "</rdf:Description>\n"
              "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
              "<dc:format>application/pdf</dc:format>\n");
    element(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", title,
            "</rdf:li></rdf:Alt></dc:title>\n");
    element(&b, "<dc:creator><rdf:Seq><rdf:li>", author, "</rdf:li></rdf:Seq></dc:creator>\n");
    element(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", subject,
            "</rdf:li></rdf:Alt></dc:description>\n");
    dossier_buf_puts(&b, "</rdf:Description>\n"
              "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    element(&b, "<xmp:CreatorTool>", creator, "</xmp:CreatorTool>\n");
    element(&b, "<xmp:CreateDate>", cdate, "</xmp:CreateDate>\n");
    element(&b, "<xmp:ModifyDate>", mdate, "</xmp:ModifyDate>\n");
    dossier_buf_puts(&b, "</rdf:Description>\n"
              "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    element(&b, "<pdf:Producer>", producer, "</pdf:Producer>\n");
    element(&b, "<pdf:Keywords>", keywords, "</pdf:Keywords>\n");
    dossier_buf_puts(&b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    if (b.error) {
        dossier_buf_free(&b);
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    HPDF_Dict xmp = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
    HPDF_STATUS e = xmp ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (xmp)
        xmp->filter = HPDF_STREAM_FILTER_NONE; /* PDF/A-1: metadata is not filtered */
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(xmp, "Type", "Metadata");
    if (e == HPDF_OK)
        e = HPDF_Dict_AddName(xmp, "Subtype", "XML");
    if (e == HPDF_OK)
        e = HPDF_Stream_Write(xmp->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    dossier_buf_free(&b);
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(d->pdf->catalog, "Metadata", xmp);
    return e == HPDF_OK ? DOSSIER_OK : pdf_failed(d, "adding the XMP metadata");
}

/* ---------------------------------------------------------------- document ID */

static void hash_str(HPDF_MD5_CTX *md5, const char *s)
{
    if (s)
        HPDF_MD5Update(md5, (const HPDF_BYTE *)s, (HPDF_UINT32)strlen(s) + 1);
    else
        HPDF_MD5Update(md5, (const HPDF_BYTE *)"", 1);
}

static dossier_status document_id(pdf_doc *d)
{
    HPDF_MD5_CTX md5;
    HPDF_MD5Init(&md5);
    static const HPDF_InfoType fields[] = {
        HPDF_INFO_TITLE, HPDF_INFO_AUTHOR, HPDF_INFO_SUBJECT, HPDF_INFO_KEYWORDS,
        HPDF_INFO_CREATOR, HPDF_INFO_PRODUCER, HPDF_INFO_CREATION_DATE, HPDF_INFO_MOD_DATE};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        hash_str(&md5, HPDF_GetInfoAttr(d->pdf, fields[i]));
    HPDF_List entries = d->pdf->xref->entries;
    for (HPDF_UINT i = 0; i < entries->count; i++) {
        HPDF_Dict dict = pdf_xref_dict(d->pdf, i);
        if (!dict)
            continue;
        size_t owned_len;
        const unsigned char *owned = pdf_stream_owned(dict->stream, &owned_len);
        if (owned) {
            HPDF_MD5Update(&md5, owned, (HPDF_UINT32)owned_len);
            continue;
        }
        if (!dict->stream || dict->stream->type != HPDF_STREAM_MEMORY)
            continue;
        for (HPDF_UINT k = 0; k < HPDF_MemStream_GetBufCount(dict->stream); k++) {
            HPDF_UINT len = 0;
            HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(dict->stream, k, &len);
            if (p && len)
                HPDF_MD5Update(&md5, p, len);
        }
    }
    HPDF_BYTE id[HPDF_MD5_KEY_LEN];
    HPDF_MD5Final(id, &md5);
    HPDF_Array ids = HPDF_Array_New(d->pdf->mmgr);
    HPDF_STATUS e = ids ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (e == HPDF_OK)
        e = HPDF_Array_Add(ids, HPDF_Binary_New(d->pdf->mmgr, id, HPDF_MD5_KEY_LEN));
    if (e == HPDF_OK)
        e = HPDF_Array_Add(ids, HPDF_Binary_New(d->pdf->mmgr, id, HPDF_MD5_KEY_LEN));
    if (e == HPDF_OK)
        e = HPDF_Dict_Add(d->pdf->trailer, "ID", ids);
    return e == HPDF_OK ? DOSSIER_OK : pdf_failed(d, "adding the document ID");
}

/* ---------------------------------------------------------------- driver */

dossier_status pdf_pdfa_apply(pdf_doc *d)
{
    if (!pdf_pdfa_wanted(d))
        return DOSSIER_OK;
    d->pdf->pdf_version = HPDF_VER_14;
    dossier_status s = output_intent(d);
    if (s == DOSSIER_OK)
        s = fonts(d);
    if (s == DOSSIER_OK)
        s = outline(d);
    if (s == DOSSIER_OK)
        s = metadata(d);
    if (s == DOSSIER_OK)
        s = document_id(d); /* last: it hashes every stream made before it */
    if (s == DOSSIER_OK)
        s = pdf_check_hpdf(d, "making the document PDF/A-1b");
    return s;
}
