/* pdf_plugin.c — the PDF brief plugin: descriptor, [pdf] options (the layout's, shared with
 * the ofd plugin), document information, and the export driver: the layout (plugins/layout)
 * makes the pages, then the fonts are embedded, the display lists replayed into libharu and
 * the outline written.
 *
 * The plugin renders the brief the core composed (args->brief, ABI 1.1); the [pdf] options
 * `table` and `charts` are read by the core when it composes the brief for pdf, not here.
 *
 * Reproducibility: the same profile and configuration give the same bytes. libharu 2.3.0
 * writes a trailer /ID only for encrypted documents (none here), embedded fonts are named
 * with a tag hashed from what they set, and the creation date is the brief's timestamp (SOURCE_DATE_EPOCH or
 * the profile's as-of date), never the clock; font subsets reach libharu from memory, and the
 * streams are compressed with libdeflate, which is deterministic.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dossier/plugin_util.h"
#include "pdf.h"
#include "pdf_pdfa.h"


dossier_status pdf_check_hpdf(pdf_doc *d, const char *doing)
{
    if (d->hpdf_error == HPDF_OK)
        return DOSSIER_OK;
    return lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libharu error 0x%04X (detail %u) while %s",
                    (unsigned)d->hpdf_error, (unsigned)d->hpdf_detail, doing);
}

dossier_status pdf_failed(pdf_doc *d, const char *doing)
{
    dossier_status s = pdf_check_hpdf(d, doing);
    return s != DOSSIER_OK ? s : lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libharu failed while %s",
                                          doing);
}

static void hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    pdf_doc *d = user;
    if (d->hpdf_error == HPDF_OK) {
        d->hpdf_error = error_no;
        d->hpdf_detail = detail_no;
    }
}

/* Creation date: the brief's timestamp (SOURCE_DATE_EPOCH when set, else the profile's as-of
 * date at UTC midnight), never the clock. */
static dossier_status creation_date(pdf_doc *d, HPDF_Date *out)
{
    memset(out, 0, sizeof *out);
    out->ind = 'Z';
    time_t t = (time_t)d->L.brief->timestamp;
    struct tm tm;
    if (d->L.brief->timestamp < 0 || !gmtime_r(&t, &tm))
        return lay_fail(&d->L, DOSSIER_ERR_CONFIG, "the brief's timestamp %lld is out of range",
                        d->L.brief->timestamp);
    out->year = tm.tm_year + 1900;
    out->month = tm.tm_mon + 1;
    out->day = tm.tm_mday;
    out->hour = tm.tm_hour;
    out->minutes = tm.tm_min;
    out->seconds = tm.tm_sec;
    return DOSSIER_OK;
}

static dossier_status document_info(pdf_doc *d)
{
    const dossier_profile *p = d->L.p;
    const dossier_brief *b = d->L.brief;
    lay_arena *arena = &d->L.arena;
    HPDF_Date date;
    dossier_status s = creation_date(d, &date);
    if (s != DOSSIER_OK)
        return s;
    char *subject = b->subject ? lay_arena_printf(arena, "%s", b->subject)
                               : lay_arena_printf(arena, "%s", b->title);
    char *keywords = lay_arena_printf(arena, "%s", p->name_zh);
    if (keywords && p->parent_zh)
        keywords = lay_arena_printf(arena, "%s; %s", keywords, p->parent_zh);
    if (keywords && p->name_en)
        keywords = lay_arena_printf(arena, "%s; %s", keywords, p->name_en);
    for (size_t i = 0; keywords && i < p->n_charts; i++)
        keywords = lay_arena_printf(arena, "%s; %s", keywords, p->charts[i]->title);
    const char *extra = d->L.host->config_string(d->L.ctx, "keywords");
    if (keywords && extra && *extra)
        keywords = lay_arena_printf(arena, "%s; %s", keywords, extra);
    char *creator = lay_arena_printf(arena, "dossier %s", d->L.host->version);
    if (!subject || !keywords || !creator)
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, b->title);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_SUBJECT, subject);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_KEYWORDS, keywords);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, creator);
    const char *author = d->L.host->config_string(d->L.ctx, "author");
    if (!author || !*author)
        author = b->author;
    if (author && *author)
        HPDF_SetInfoAttr(d->pdf, HPDF_INFO_AUTHOR, author);
    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
    return pdf_check_hpdf(d, "setting the document information");
}

static void pdf_doc_free(pdf_doc *d)
{
    pdf_fonts_free(d);
    if (d->pdf)
        HPDF_Free(d->pdf);
    free(d->pages);
    lay_doc_free(&d->L);
}

/* The state kept for the run (one per worker process): the fonts, found and opened once, and
 * the compressor with its buffers. */
static dossier_status pdf_init(const dossier_host *host, dossier_host_ctx *ctx, void **state)
{
    (void)host;
    (void)ctx;
    *state = calloc(1, sizeof(pdf_state));
    return *state ? DOSSIER_OK : DOSSIER_ERR_NO_MEMORY;
}

static void pdf_fini(void *state)
{
    pdf_state_free(state);
}

static HPDF_STATUS out_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
    dossier_out *o = stream->attr;
    dossier_out_write(o, (const char *)ptr, siz);
    return o->error ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

/* libharu writes files through stdio and ignores what fclose says, so a full disk could cut
 * the last buffer off a PDF without an error. HPDF_SaveToStream saves into the document's
 * stream when it has one: a callback stream here, which hands every write to a dossier_out
 * (checked to its end), instead of a memory stream that libharu fills and we would read back,
 * a byte at a time each way. */
static dossier_status save(pdf_doc *d, const dossier_export_args *a)
{
    dossier_out o;
    dossier_status s = dossier_out_begin(&o, a);
    if (s != DOSSIER_OK)
        return lay_fail(&d->L, s, "cannot open %s", a->output_path);
    HPDF_Stream to_file = HPDF_CallbackWriter_New(d->pdf->mmgr, out_write, &o);
    if (!to_file) {
        dossier_out_close(&o);
        return pdf_failed(d, "making the output stream");
    }
    d->pdf->stream = to_file;
    HPDF_SaveToStream(d->pdf);
    d->pdf->stream = NULL;
    HPDF_Stream_Free(to_file);
    if (o.error) {
        HPDF_ResetError(d->pdf);
        return d->L.status = dossier_out_end(&o, a); /* says why: the file's errno */
    }
    s = pdf_check_hpdf(d, "saving the PDF");
    if (s != DOSSIER_OK) {
        dossier_out_close(&o);
        return s;
    }
    s = dossier_out_end(&o, a);
    if (s != DOSSIER_OK)
        d->L.status = s; /* dossier_out_end has said why */
    return s;
}

static dossier_status pdf_export(const dossier_export_args *a)
{
    /* Without init (a host that calls none), a state for this document alone. */
    pdf_state *own = a->state ? NULL : calloc(1, sizeof *own);
    pdf_state *st = a->state ? a->state : own;
    if (!st)
        return DOSSIER_ERR_NO_MEMORY;
    pdf_doc d = {.state = st,
                 .L = {.host = a->host, .ctx = a->ctx, .p = a->profile,
                       .font_cache = a->state ? &st->fonts : NULL,
                       .brief = dossier_args_brief(a)}};
    bool sheet = a->host->config_bool(a->ctx, "glyph_sheet");
    dossier_status s = lay_doc_layout(&d.L, sheet);
    if (s == DOSSIER_OK) {
        d.pdf = HPDF_New(hpdf_error, &d);
        if (!d.pdf)
            s = lay_fail(&d.L, DOSSIER_ERR_NO_MEMORY, "libharu cannot create a document");
    }
    if (s == DOSSIER_OK) {
        HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
        s = pdf_check_hpdf(&d, "setting up the document");
    }
    if (s == DOSSIER_OK)
        s = pdf_embed_fonts(&d);
    if (s == DOSSIER_OK)
        s = pdf_replay(&d);
    if (s == DOSSIER_OK && !sheet)
        s = pdf_outline_build(&d);
    if (s == DOSSIER_OK)
        s = document_info(&d);
    if (s == DOSSIER_OK)
        s = pdf_pdfa_apply(&d);
    if (s == DOSSIER_OK)
        s = pdf_deflate_streams(&d);
    if (s == DOSSIER_OK)
        s = pdf_text_info(&d);
    if (s == DOSSIER_OK)
        s = save(&d, a);
    if (s != DOSSIER_OK && d.L.status == DOSSIER_OK)
        lay_fail(&d.L, s, "%s", dossier_status_string(s));
    pdf_doc_free(&d);
    pdf_state_free(own);
    return s;
}

/* [pdf]: the layout's options (the same as [ofd]: the same settings give the same pages), then
 * the PDF's own, conformance and compression. */
static const dossier_option pdf_options[] = {
#include "lay_option_entries.h"
    PDF_PDFA_OPTION,
    PDF_COMPRESSION_OPTION,
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "pdf",
    .version = "1.0.0",
    .description = "official PDF brief (GB/T 9704 layout, subset CJK fonts, table, chart, "
                   "outline, 版头 and 版记)",
    .extension = "pdf",
    .mime_type = "application/pdf",
    .options = pdf_options,
    .init = pdf_init,
    .export_profile = pdf_export,
    .fini = pdf_fini,
};
