/* pdf_plugin.c — the PDF brief plugin: descriptor, [pdf] options, document information, and
 * the export driver that runs the stages of pdf.h in order.
 *
 * The plugin renders the brief the core composed (args->brief, ABI 1.1); the [pdf] options
 * `table` and `charts` are read by the core when it composes the brief for pdf, not here.
 *
 * Reproducibility: the same profile and configuration give the same bytes. libharu 2.3.0
 * writes a trailer /ID only for encrypted documents (none here), names embedded fonts with
 * a counter (HPDFAA+…), and the creation date is the brief's timestamp (SOURCE_DATE_EPOCH or
 * the profile's as-of date), never the clock; font subsets reach libharu through unlinked temporary files
 * whose names never enter the PDF.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dossier/plugin_util.h"
#include "pdf.h"
#include "pdf_pdfa.h"

static const dossier_option pdf_options[] = {
    {"style", DOSSIER_OPT_CHOICE, "official",
     "official (GB/T 9704: A4, 16 pt body, 22 lines of 28 characters) or compact (9 pt body, "
     "narrow margins, few pages)",
     0, 0, "official|compact"},
    {"paper", DOSSIER_OPT_CHOICE, "a4",
     "paper size (off A4 the text block keeps the style's outer and bottom margins)", 0, 0,
     "a4|a5|b5|letter"},
    {"text_width", DOSSIER_OPT_NUMBER, "0",
     "width of the text block in mm; 0 = the style's (official 156)", 0, 1000, NULL},
    {"text_height", DOSSIER_OPT_NUMBER, "0",
     "height of the text block in mm; 0 = the style's (official 225)", 0, 1000, NULL},
    {"margin_top", DOSSIER_OPT_NUMBER, "0", "top margin in mm; 0 = the style's (official 37)",
     0, 1000, NULL},
    {"margin_binding", DOSSIER_OPT_NUMBER, "0",
     "binding-side (left) margin in mm; 0 = the style's (official 28)", 0, 1000, NULL},
    {"mirror_margins", DOSSIER_OPT_BOOL, "false",
     "put the binding margin on the right of even pages (double-sided printing)", 0, 0, NULL},
    {"body_size", DOSSIER_OPT_NUMBER, "0", "body text size in pt; 0 = the style's (official 16)",
     0, 96, NULL},
    {"title_size", DOSSIER_OPT_NUMBER, "0", "title size in pt; 0 = the style's (official 22)",
     0, 96, NULL},
    {"heading_size", DOSSIER_OPT_NUMBER, "0",
     "size of level-1 and level-2 headings in pt; 0 = the style's (official 16)", 0, 96, NULL},
    {"table_size", DOSSIER_OPT_NUMBER, "0",
     "size of the key-figures table in pt; 0 = the style's (official 12)", 0, 96, NULL},
    {"page_number_size", DOSSIER_OPT_NUMBER, "0",
     "size of the page numbers in pt; 0 = the style's (official 14)", 0, 96, NULL},
    {"lines_per_page", DOSSIER_OPT_INT, "0",
     "body lines per page (sets the line pitch); 0 = the style's pitch in whole lines "
     "(official on A4 at 16 pt: 22)",
     0, 200, NULL},
    {"chars_per_line", DOSSIER_OPT_INT, "0",
     "body characters per full line (sets the tracking); 0 = the style's pitch in whole "
     "characters (official on A4 at 16 pt: 28), "
     "-1 = natural widths",
     -1, 200, NULL},
    {"body_font", DOSSIER_OPT_STRING, "AR PL UMing CN",
     "fontconfig family of the body text (Song style)", 0, 0, NULL},
    {"body_font_file", DOSSIER_OPT_STRING, "",
     "TrueType file of the body font, instead of the family lookup", 0, 0, NULL},
    {"body_font_index", DOSSIER_OPT_INT, "0", "face index in body_font_file (.ttc)", 0, 65535,
     NULL},
    {"heading1_font", DOSSIER_OPT_STRING, "WenQuanYi Zen Hei",
     "fontconfig family of level-1 headings, captions and the table header (Hei)", 0, 0, NULL},
    {"heading1_font_file", DOSSIER_OPT_STRING, "", "TrueType file of the level-1 heading font",
     0, 0, NULL},
    {"heading1_font_index", DOSSIER_OPT_INT, "0", "face index in heading1_font_file", 0, 65535,
     NULL},
    {"heading2_font", DOSSIER_OPT_STRING, "AR PL UKai CN",
     "fontconfig family of level-2 headings and the subtitle (Kai)", 0, 0, NULL},
    {"heading2_font_file", DOSSIER_OPT_STRING, "", "TrueType file of the level-2 heading font",
     0, 0, NULL},
    {"heading2_font_index", DOSSIER_OPT_INT, "0", "face index in heading2_font_file", 0, 65535,
     NULL},
    {"title_font", DOSSIER_OPT_STRING, "WenQuanYi Zen Hei",
     "fontconfig family of the title and the document titles", 0, 0, NULL},
    {"title_font_file", DOSSIER_OPT_STRING, "", "TrueType file of the title font", 0, 0, NULL},
    {"title_font_index", DOSSIER_OPT_INT, "0", "face index in title_font_file", 0, 65535, NULL},
    {"missing_glyph", DOSSIER_OPT_CHOICE, "error",
     "a character no configured font has: error, or warn and print a white square", 0, 0,
     "error|warn"},
    {"table", DOSSIER_OPT_CHOICE, "key",
     "indicators in the figures table: the profile's key figures, all, or none", 0, 0,
     "key|all|none"},
    {"charts", DOSSIER_OPT_STRING, "all", "charts in the PDF only: all, none, or chart numbers "
     "(unset: [brief] charts)", 0, 0, NULL},
    {"author", DOSSIER_OPT_STRING, "", "Author of the document information (empty: none)", 0,
     0, NULL},
    {"keywords", DOSSIER_OPT_STRING, "",
     "extra Keywords of the document information, after the district's names", 0, 0, NULL},
    {"glyph_sheet", DOSSIER_OPT_BOOL, "false",
     "diagnostic: instead of the brief, print every character it sets, in each font that sets "
     "it, one per cell (the glyph-coverage test renders this)",
     0, 0, NULL},
    PDF_PDFA_OPTION,
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

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
    time_t t = (time_t)d->brief->timestamp;
    struct tm tm;
    if (d->brief->timestamp < 0 || !gmtime_r(&t, &tm))
        return pdf_fail(d, DOSSIER_ERR_CONFIG, "the brief's timestamp %lld is out of range",
                        d->brief->timestamp);
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
    const dossier_profile *p = d->p;
    const dossier_brief *b = d->brief;
    HPDF_Date date;
    dossier_status s = creation_date(d, &date);
    if (s != DOSSIER_OK)
        return s;
    char *subject = b->subject ? pdf_arena_printf(&d->arena, "%s", b->subject)
                               : pdf_arena_printf(&d->arena, "%s", b->title);
    char *keywords = pdf_arena_printf(&d->arena, "%s", p->name_zh);
    if (keywords && p->parent_zh)
        keywords = pdf_arena_printf(&d->arena, "%s; %s", keywords, p->parent_zh);
    if (keywords && p->name_en)
        keywords = pdf_arena_printf(&d->arena, "%s; %s", keywords, p->name_en);
    for (size_t i = 0; keywords && i < p->n_charts; i++)
        keywords = pdf_arena_printf(&d->arena, "%s; %s", keywords, p->charts[i]->title);
    const char *extra = d->host->config_string(d->ctx, "keywords");
    if (keywords && extra && *extra)
        keywords = pdf_arena_printf(&d->arena, "%s; %s", keywords, extra);
    char *creator = pdf_arena_printf(&d->arena, "dossier %s", d->host->version);
    if (!subject || !keywords || !creator)
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, b->title);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_SUBJECT, subject);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_KEYWORDS, keywords);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, creator);
    const char *author = d->host->config_string(d->ctx, "author");
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
    if (d->pdf)
        HPDF_Free(d->pdf);
    pdf_fonts_close(&d->fonts);
    for (size_t i = 0; i < d->n_tables; i++)
        pdf_table_free(d->tables[i]);
    for (size_t i = 0; i < d->n_charts; i++)
        pdf_chart_free(d->charts[i]);
    pdf_masthead_free(d->masthead);
    pdf_colophon_free(d->colophon);
    free(d->tables);
    free(d->charts);
    free(d->blocks);
    free(d->anchors);
    free(d->glyphs);
    free(d->lines);
    free(d->items);
    free(d->placed);
    free(d->pages);
    pdf_arena_free(&d->arena);
}

/* The state kept for the run (one per worker process): the fonts, found and opened once. */
static dossier_status pdf_init(const dossier_host *host, dossier_host_ctx *ctx, void **state)
{
    (void)host;
    (void)ctx;
    *state = calloc(1, sizeof(pdf_font_cache));
    return *state ? DOSSIER_OK : DOSSIER_ERR_NO_MEMORY;
}

static void pdf_fini(void *state)
{
    if (state)
        pdf_font_cache_free(state);
    free(state);
}

/* libharu writes files through stdio and ignores what fclose says, so a full disk could cut
 * the last buffer off a PDF without an error. The document is saved into libharu's memory
 * stream instead and copied to the output with every write checked to its end. */
static dossier_status save(pdf_doc *d, const dossier_export_args *a)
{
    HPDF_SaveToStream(d->pdf);
    dossier_status s = pdf_check_hpdf(d, "saving the PDF");
    if (s != DOSSIER_OK)
        return s;
    dossier_out o;
    s = dossier_out_begin(&o, a);
    if (s != DOSSIER_OK)
        return pdf_fail(d, s, "cannot open %s", a->output_path);
    HPDF_ResetStream(d->pdf);
    HPDF_BYTE chunk[65536];
    for (;;) {
        HPDF_UINT32 n = sizeof chunk;
        HPDF_STATUS r = HPDF_ReadFromStream(d->pdf, chunk, &n);
        dossier_out_write(&o, (const char *)chunk, n);
        if (r == HPDF_STREAM_EOF)
            break;
        if (r != HPDF_OK) {
            dossier_out_close(&o);
            return pdf_fail(d, DOSSIER_ERR_LIBRARY, "reading the saved PDF back: libharu "
                            "error 0x%04X", (unsigned)r);
        }
    }
    s = dossier_out_end(&o, a);
    if (s != DOSSIER_OK)
        d->status = s; /* dossier_out_end has said why */
    return s;
}

static dossier_status pdf_export(const dossier_export_args *a)
{
    pdf_doc d = {.host = a->host, .ctx = a->ctx, .p = a->profile, .font_cache = a->state,
                 .brief = dossier_args_brief(a)};
    dossier_status s = d.brief ? pdf_style_resolve(&d)
                               : pdf_fail(&d, DOSSIER_ERR_UNSUPPORTED,
                                          "this host hands no brief to plugins (it is older "
                                          "than plugin ABI 1.1)");
    if (s == DOSSIER_OK)
        s = pdf_fonts_open(&d);
    if (s == DOSSIER_OK)
        s = pdf_content_build(&d);
    if (s == DOSSIER_OK)
        s = pdf_content_register_text(&d);
    if (s == DOSSIER_OK) {
        d.pdf = HPDF_New(hpdf_error, &d);
        if (!d.pdf)
            s = pdf_fail(&d, DOSSIER_ERR_NO_MEMORY, "libharu cannot create a document");
    }
    if (s == DOSSIER_OK) {
        HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(d.pdf);
        HPDF_SetCurrentEncoder(d.pdf, "UTF-8");
        s = pdf_check_hpdf(&d, "setting up the document");
    }
    if (s == DOSSIER_OK)
        s = pdf_fonts_embed(&d);
    bool sheet = d.host->config_bool(d.ctx, "glyph_sheet");
    if (s == DOSSIER_OK && sheet)
        s = pdf_glyphsheet_render(&d);
    if (s == DOSSIER_OK && !sheet)
        s = pdf_layout_blocks(&d);
    if (s == DOSSIER_OK && !sheet)
        s = pdf_paginate(&d);
    if (s == DOSSIER_OK && !sheet)
        s = pdf_render(&d);
    if (s == DOSSIER_OK && !sheet)
        s = pdf_outline_build(&d);
    if (s == DOSSIER_OK)
        s = document_info(&d);
    if (s == DOSSIER_OK)
        s = pdf_pdfa_apply(&d);
    if (s == DOSSIER_OK)
        s = save(&d, a);
    if (s != DOSSIER_OK && d.status == DOSSIER_OK)
        pdf_fail(&d, s, "%s", dossier_status_string(s));
    pdf_doc_free(&d);
    return s;
}

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
