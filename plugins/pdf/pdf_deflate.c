/* pdf_deflate.c — every stream the plugin owns compressed with libdeflate before libharu
 * saves the document, so libharu's own zlib pass (hard-coded level, about half of an export's
 * CPU before) never runs.
 *
 * How: libharu writes a stream's /Filter from the dictionary's `filter` field and deflates
 * with zlib when it says FlateDecode. A stream compressed here holds the deflated bytes, has
 * `filter` NONE (libharu copies them as they are) and a `write_fn` that states
 * /Filter /FlateDecode in the dictionary (hpdf_objects.h: write_fn runs after the entries,
 * before `>>`). libharu still writes the file: objects, lengths, cross-reference table.
 *
 * libdeflate is deterministic for a given level, so the output stays byte-reproducible. The
 * compressor lives in the plugin state (one per worker process), so a batch allocates it once;
 * its scratch buffers are freed when a document's streams are done.
 */
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/* libdeflate's level is [pdf] compression_level (default 4). Measured on the 23 streams of
 * data/haidian.json's brief (535 KB, the font subsets 97 % of it), bytes after compression:
 * zlib's default (6) 245,371; libdeflate 1 256,757, 2 253,129, 3 249,858, 4 248,268,
 * 5 244,507, 6 242,932, 7 241,892; CPU per brief 2.95, 4.08, 4.39, 4.51, 5.28, 6.18, 7.90 ms
 * (zlib 13.52). 4 is the knee: 5 costs a sixth more for 1.5 % less. */
static int configured_level(const pdf_doc *d)
{
    long v = d->L.host->config_int(d->L.ctx, "compression_level");
    return v < 1 ? 1 : v > 12 ? 12 : (int)v; /* the option table bounds it already */
}

static HPDF_STATUS write_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

bool pdf_deflated(HPDF_Dict dict)
{
    return dict->write_fn == write_filter;
}

static bool grow(unsigned char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 65536;
    while (n < need)
        n *= 2;
    unsigned char *p = realloc(*buf, n);
    if (!p)
        return false;
    *buf = p;
    *cap = n;
    return true;
}

void pdf_state_free(pdf_state *st)
{
    if (!st)
        return;
    lay_font_cache_free(&st->fonts);
    if (st->deflater)
        libdeflate_free_compressor(st->deflater);
    free(st->in);
    free(st->out);
    free(st);
}

/* The deflated bytes of one stream, held by a libharu callback stream that reads them out as
 * the file is written: a memory stream would copy them in and out again a byte at a time
 * (HPDF_MemCpy), about 4 % of an export. Freed with the stream (free_fn). */
typedef struct owned_bytes {
    size_t len, pos;
    unsigned char data[];
} owned_bytes;

static HPDF_STATUS owned_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
    owned_bytes *b = s->attr;
    size_t n = b->len - b->pos;
    if (n > *siz)
        n = *siz;
    memcpy(ptr, b->data + b->pos, n);
    b->pos += n;
    *siz = (HPDF_UINT)n;
    return b->pos == b->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS owned_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    owned_bytes *b = s->attr;
    long long at = mode == HPDF_SEEK_SET ? 0 : mode == HPDF_SEEK_CUR ? (long long)b->pos
                                                                      : (long long)b->len;
    at += pos;
    if (at < 0 || at > (long long)b->len)
        return HPDF_STREAM_EOF;
    b->pos = (size_t)at;
    return HPDF_OK;
}

static HPDF_INT32 owned_tell(HPDF_Stream s)
{
    return (HPDF_INT32)((owned_bytes *)s->attr)->pos;
}

static HPDF_UINT32 owned_size(HPDF_Stream s)
{
    return (HPDF_UINT32)((owned_bytes *)s->attr)->len;
}

static void owned_free(HPDF_Stream s)
{
    free(s->attr);
    s->attr = NULL;
}

const unsigned char *pdf_stream_owned(HPDF_Stream s, size_t *len)
{
    if (!s || s->read_fn != owned_read)
        return NULL;
    const owned_bytes *b = s->attr;
    *len = b->len;
    return b->data;
}

/* Replaces dict's stream by one that holds `data` deflated. */
dossier_status pdf_deflate_into(pdf_doc *d, HPDF_Dict dict, const void *data, size_t len)
{
    pdf_state *st = d->state;
    int level = configured_level(d);
    if (st->deflater && st->deflater_level != level) {
        libdeflate_free_compressor(st->deflater);
        st->deflater = NULL;
    }
    if (!st->deflater) {
        if (!(st->deflater = libdeflate_alloc_compressor(level)))
            return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "libdeflate: out of memory");
        st->deflater_level = level;
    }
    size_t bound = libdeflate_zlib_compress_bound(st->deflater, len);
    if (!grow(&st->out, &st->out_cap, bound))
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    size_t n = libdeflate_zlib_compress(st->deflater, data, len, st->out, st->out_cap);
    if (n == 0)
        return lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libdeflate cannot compress a stream");
    owned_bytes *b = malloc(sizeof *b + n);
    if (!b)
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    b->len = n;
    b->pos = 0;
    memcpy(b->data, st->out, n);
    HPDF_Stream s = HPDF_CallbackReader_New(d->pdf->mmgr, owned_read, owned_seek, owned_tell,
                                            owned_size, b);
    if (!s) {
        free(b);
        return pdf_failed(d, "making a stream");
    }
    s->free_fn = owned_free;
    HPDF_Stream_Free(dict->stream);
    dict->stream = s;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_filter;
    return DOSSIER_OK;
}

/* Deflates what dict's memory stream holds (its buffers gathered into one). */
static dossier_status deflate_stream(pdf_doc *d, HPDF_Dict dict)
{
    if (!dict || !dict->stream || dict->stream->type != HPDF_STREAM_MEMORY ||
        pdf_deflated(dict) || dict->write_fn)
        return DOSSIER_OK;
    pdf_state *st = d->state;
    HPDF_Stream s = dict->stream;
    HPDF_UINT nbuf = HPDF_MemStream_GetBufCount(s);
    size_t len = 0;
    const void *data = NULL;
    if (nbuf == 1) {
        HPDF_UINT n = 0;
        data = HPDF_MemStream_GetBufPtr(s, 0, &n);
        len = n;
    } else if (nbuf > 1) {
        if (!grow(&st->in, &st->in_cap, (size_t)HPDF_Stream_Size(s)))
            return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
        for (HPDF_UINT k = 0; k < nbuf; k++) {
            HPDF_UINT n = 0;
            HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, k, &n);
            if (p && n) {
                memcpy(st->in + len, p, n);
                len += n;
            }
        }
        data = st->in;
    }
    if (len == 0) {
        dict->filter = HPDF_STREAM_FILTER_NONE; /* nothing to compress: written empty */
        return DOSSIER_OK;
    }
    return pdf_deflate_into(d, dict, data, len);
}

dossier_status pdf_deflate_streams(pdf_doc *d)
{
    HPDF_List entries = d->pdf->xref->entries;
    for (HPDF_UINT i = 0; i < entries->count; i++) {
        HPDF_Dict dict = pdf_xref_dict(d->pdf, i);
        if (!dict)
            continue;
        if (dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
            continue;
        dossier_status s = deflate_stream(d, dict);
        if (s != DOSSIER_OK)
            return s;
    }
    /* The scratch goes before libharu writes the file: kept, it would add about 1 MB to
     * every worker's peak, for a malloc saved per document. */
    pdf_state *st = d->state;
    free(st->in);
    free(st->out);
    st->in = st->out = NULL;
    st->in_cap = st->out_cap = 0;
    return DOSSIER_OK;
}
