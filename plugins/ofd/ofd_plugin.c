/* ofd_plugin.c — the OFD brief plugin (GB/T 33190-2016, 电子文件存储与交换格式
 * 版式文档):
 * descriptor, [ofd] options (the layout's, the same keys as [pdf]), and the export driver.
 *
 * The shared layout (plugins/layout) makes the pages exactly as for the PDF: same geometry,
 * same line breaks, same pages. Then the fonts used are subset and numbered, every page's
 * display list becomes a Content.xml, the document parts are written and everything is
 * zipped in memory and saved in one go (docs/ofd.md).
 *
 * Reproducibility: IDs are given in writing order, the DocID is a hash of the brief, the
 * dates and zip entry times come from brief->timestamp, the parts are zipped in a fixed order:
 * the same profile and configuration give the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "ofd.h"

static void ofd_doc_free(ofd_doc *d)
{
    for (size_t k = 0; k < LAY_MAX_FACES; k++)
        hb_blob_destroy(d->subset[k]);
    for (size_t i = 0; d->pages && i < d->L.n_pages; i++)
        dossier_buf_free(&d->pages[i]);
    free(d->pages);
    dossier_buf_free(&d->ofd_xml);
    dossier_buf_free(&d->document_xml);
    dossier_buf_free(&d->public_res);
    lay_doc_free(&d->L);
}

/* Fonts get IDs 1..F (faces that set something, subset now), pages the next P. */
static dossier_status number(ofd_doc *d)
{
    d->next_id = 1;
    for (size_t k = 0; k < d->L.fonts.n_faces; k++) {
        if (hb_set_is_empty(d->L.fonts.faces[k].used))
            continue;
        d->subset[k] = lay_subset_face(&d->L, k, NULL);
        if (!d->subset[k])
            return d->L.status;
        d->font_id[k] = d->next_id++;
    }
    d->page_id0 = d->next_id;
    d->next_id += (unsigned)d->L.n_pages;
    return DOSSIER_OK;
}

static dossier_status write_parts(ofd_doc *d)
{
    d->pages = calloc(d->L.n_pages ? d->L.n_pages : 1, sizeof *d->pages);
    if (!d->pages)
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    bool oom = false;
    for (size_t i = 0; i < d->L.n_pages; i++) {
        const lay_dl *dl = lay_page_dl(&d->L, i, "ofd");
        if (!dl)
            return d->L.status;
        ofd_page_xml(d, dl, &d->pages[i]);
        lay_page_done(&d->L, i);
        oom |= d->pages[i].error != 0;
    }
    ofd_ofd_xml(d, &d->ofd_xml);
    ofd_public_res_xml(d, &d->public_res);
    ofd_document_xml(d, &d->document_xml); /* last: MaxUnitID */
    oom |= d->ofd_xml.error || d->public_res.error || d->document_xml.error;
    return oom ? lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory") : DOSSIER_OK;
}

static dossier_status ofd_init(const dossier_host *host, dossier_host_ctx *ctx, void **state)
{
    (void)host;
    (void)ctx;
    *state = calloc(1, sizeof(lay_font_cache)); /* the fonts, found once per worker */
    return *state ? DOSSIER_OK : DOSSIER_ERR_NO_MEMORY;
}

static void ofd_fini(void *state)
{
    if (state)
        lay_font_cache_free(state);
    free(state);
}

static dossier_status ofd_export(const dossier_export_args *a)
{
    ofd_doc d = {.L = {.host = a->host, .ctx = a->ctx, .p = a->profile, .font_cache = a->state,
                       .brief = dossier_args_brief(a)}};
    dossier_status s = lay_doc_layout(&d.L, a->host->config_bool(a->ctx, "glyph_sheet"));
    if (s == DOSSIER_OK)
        s = number(&d);
    if (s == DOSSIER_OK)
        s = write_parts(&d);
    dossier_buf zip;
    dossier_buf_init(&zip);
    if (s == DOSSIER_OK)
        s = ofd_package(&d, &zip);
    if (s == DOSSIER_OK) {
        s = dossier_buf_end(&zip, a);
        if (s != DOSSIER_OK)
            d.L.status = s; /* dossier_buf_end has said why */
    }
    if (s != DOSSIER_OK && d.L.status == DOSSIER_OK)
        lay_fail(&d.L, s, "%s", dossier_status_string(s));
    dossier_buf_free(&zip);
    ofd_doc_free(&d);
    return s;
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "ofd",
    .version = "1.0.0",
    .description = "OFD brief (GB/T 33190-2016: the PDF's pages, subset fonts embedded, "
                   "outline)",
    .extension = "ofd",
    .mime_type = "application/ofd",
    .options = lay_options,
    .init = ofd_init,
    .export_profile = ofd_export,
    .fini = ofd_fini,
};
