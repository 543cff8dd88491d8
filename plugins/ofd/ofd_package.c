/* ofd_package.c — the OFD package zipped in memory with libzip: OFD.xml, Doc_0/Document.xml,
 * Doc_0/PublicRes.xml, Doc_0/Res/font_N.ttf (the subsets), Doc_0/Pages/Page_N/Content.xml,
 * always in this order, every entry deflated and with the brief's time (brief->timestamp), so the same brief gives the same bytes.
 *
 * Ownership: libzip reads the parts from the caller's buffers while the archive is written;
 * the finished archive is copied into `out` (the caller's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <zip.h>

#include "dossier/plugin_util.h"

#include "ofd.h"

static dossier_status zip_fail(ofd_doc *d, const char *what, zip_error_t *ze)
{
    dossier_status s = lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libzip: %s: %s", what,
                                zip_error_strerror(ze));
    zip_error_fini(ze);
    return s;
}

static bool add(zip_t *za, const char *name, const void *data, size_t len, bool deflate,
                time_t mtime)
{
    zip_source_t *s = zip_source_buffer(za, data, len, 0);
    zip_int64_t idx = s ? zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
        if (s)
            zip_source_free(s);
        return false;
    }
    return zip_set_file_compression(za, (zip_uint64_t)idx, deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                    deflate ? 6 : 0) == 0 &&
           zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) == 0;
}

static bool add_parts(ofd_doc *d, zip_t *za, time_t mtime, const char **failed)
{
    static char name[64];
    *failed = "OFD.xml";
    if (!add(za, "OFD.xml", d->ofd_xml.data, d->ofd_xml.len, true, mtime))
        return false;
    *failed = "Doc_0/Document.xml";
    if (!add(za, *failed, d->document_xml.data, d->document_xml.len, true, mtime))
        return false;
    *failed = "Doc_0/PublicRes.xml";
    if (!add(za, *failed, d->public_res.data, d->public_res.len, true, mtime))
        return false;
    for (size_t k = 0; k < d->L.fonts.n_faces; k++) {
        if (!d->subset[k])
            continue;
        unsigned len;
        const char *data = hb_blob_get_data(d->subset[k], &len);
        snprintf(name, sizeof name, "Doc_0/Res/font_%u.ttf", d->font_id[k]);
        *failed = name;
        if (!add(za, name, data, len, true, mtime))
            return false;
    }
    for (size_t i = 0; i < d->L.n_pages; i++) {
        snprintf(name, sizeof name, "Doc_0/Pages/Page_%zu/Content.xml", i);
        *failed = name;
        if (!add(za, name, d->pages[i].data, d->pages[i].len, true, mtime))
            return false;
    }
    return true;
}

dossier_status ofd_package(ofd_doc *d, dossier_buf *out)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!mem)
        return zip_fail(d, "in-memory archive", &ze);
    zip_t *za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
    if (!za) {
        zip_source_free(mem);
        return zip_fail(d, "in-memory archive", &ze);
    }
    zip_source_keep(mem);
    const char *failed = "";
    if (!add_parts(d, za, dossier_zip_entry_time(d->L.brief->timestamp), &failed)) {
        zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)), 0);
        zip_discard(za);
        zip_source_free(mem);
        return zip_fail(d, failed, &ze);
    }
    if (zip_close(za) < 0) {
        zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)), 0);
        zip_discard(za);
        zip_source_free(mem);
        return zip_fail(d, "writing the archive", &ze);
    }
    if (zip_source_open(mem) < 0) {
        zip_source_free(mem);
        return zip_fail(d, "reading the archive", &ze);
    }
    char chunk[16384];
    zip_int64_t got;
    while ((got = zip_source_read(mem, chunk, sizeof chunk)) > 0)
        dossier_buf_write(out, chunk, (size_t)got);
    zip_source_close(mem);
    zip_source_free(mem);
    zip_error_fini(&ze);
    if (got < 0)
        return lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libzip: reading the archive failed");
    return out->error ? lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory") : DOSSIER_OK;
}
