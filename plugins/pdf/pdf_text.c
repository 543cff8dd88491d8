/* pdf_text.c — text strings of the document (outline titles, document information) written as
 * UTF-16BE with its byte order mark, as hex strings, for every character including those
 * beyond U+FFFF (surrogate pairs). libharu's UTF-8 encoder turns only the Basic Multilingual
 * Plane into UTF-16, and the fonts no longer need it (pdf_embed.c).
 *
 * Ownership: the strings made belong to libharu's document once added to a dictionary.
 */
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

size_t pdf_utf16(uint32_t cp, uint16_t out[2])
{
    if (cp <= 0xFFFF) {
        out[0] = (uint16_t)cp;
        return 1;
    }
    uint32_t v = cp - 0x10000;
    out[0] = (uint16_t)(0xD800 + (v >> 10));
    out[1] = (uint16_t)(0xDC00 + (v & 0x3FF));
    return 2;
}

char *pdf_hex4(char *o, unsigned v)
{
    static const char digits[] = "0123456789ABCDEF";
    for (int k = 3; k >= 0; k--)
        *o++ = digits[(v >> (4 * k)) & 0xF];
    return o;
}

/* UTF-8 text as a PDF text string (FE FF, then UTF-16BE); NULL when out of memory. Text
 * checked by the core is valid UTF-8; a byte that is not becomes U+FFFD. */
static HPDF_Binary text_string(pdf_doc *d, const char *utf8)
{
    size_t len = strlen(utf8);
    unsigned char *u = malloc(2 + 4 * len);
    if (!u)
        return NULL;
    size_t n = 0;
    u[n++] = 0xFE;
    u[n++] = 0xFF;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = lay_utf8_decode(utf8 + i, len - i, &cp);
        if (k == 0) {
            cp = 0xFFFD;
            k = 1;
        }
        i += k;
        uint16_t units[2];
        for (size_t j = 0, m = pdf_utf16(cp, units); j < m; j++) {
            u[n++] = (unsigned char)(units[j] >> 8);
            u[n++] = (unsigned char)units[j];
        }
    }
    HPDF_Binary b = HPDF_Binary_New(d->pdf->mmgr, u, (HPDF_UINT)n);
    free(u);
    return b;
}

dossier_status pdf_text_set(pdf_doc *d, HPDF_Dict dict, const char *key, const char *utf8)
{
    HPDF_Binary b = text_string(d, utf8);
    if (!b || HPDF_Dict_Add(dict, key, b) != HPDF_OK)
        return pdf_failed(d, "writing a text string");
    return DOSSIER_OK;
}

dossier_status pdf_text_info(pdf_doc *d)
{
    static const char *const keys[] = {"Title", "Author", "Subject", "Keywords", "Creator"};
    HPDF_Dict info = d->pdf->info;
    for (size_t i = 0; info && i < sizeof keys / sizeof keys[0]; i++) {
        HPDF_DictElement el = NULL;
        for (HPDF_UINT k = 0; k < info->list->count && !el; k++) {
            HPDF_DictElement x = info->list->obj[k];
            if (strcmp(x->key, keys[i]) == 0)
                el = x;
        }
        HPDF_Obj_Header *h = el ? el->value : NULL;
        if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_STRING)
            continue;
        char *v = strdup((const char *)((HPDF_String)el->value)->value);
        dossier_status s = v ? pdf_text_set(d, info, keys[i], v)
                             : lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
        free(v);
        if (s != DOSSIER_OK)
            return s;
    }
    return DOSSIER_OK;
}
