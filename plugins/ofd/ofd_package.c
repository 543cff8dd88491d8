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

#include "dossier/plugin_zip.h"

#include "ofd.h"

/* The parts in the package's order (see above), zipped into `out` (dossier/plugin_zip.h). */
dossier_status ofd_package(ofd_doc *d, dossier_buf *out)
{
    size_t n = 3 + d->L.fonts.n_faces + d->L.n_pages, k = 0;
    dossier_zip_entry *e = calloc(n, sizeof *e);
    char **names = calloc(n, sizeof *names);
    dossier_status s = DOSSIER_OK;
    if (!e || !names) {
        s = lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
        goto done;
    }
    e[k++] = (dossier_zip_entry){"OFD.xml", d->ofd_xml.data, d->ofd_xml.len, 0};
    e[k++] = (dossier_zip_entry){"Doc_0/Document.xml", d->document_xml.data,
                                 d->document_xml.len, 0};
    e[k++] = (dossier_zip_entry){"Doc_0/PublicRes.xml", d->public_res.data, d->public_res.len,
                                 0};
    for (size_t f = 0; f < d->L.fonts.n_faces; f++) {
        if (!d->subset[f])
            continue;
        unsigned len;
        const char *data = hb_blob_get_data(d->subset[f], &len);
        names[k] = lay_arena_printf(&d->L.arena, "Doc_0/Res/font_%u.ttf", d->font_id[f]);
        e[k] = (dossier_zip_entry){names[k], data, len, 0};
        k++;
    }
    for (size_t i = 0; i < d->L.n_pages; i++) {
        names[k] = lay_arena_printf(&d->L.arena, "Doc_0/Pages/Page_%zu/Content.xml", i);
        e[k] = (dossier_zip_entry){names[k], d->pages[i].data, d->pages[i].len, 0};
        k++;
    }
    for (size_t i = 0; i < k; i++)
        if (!e[i].name) {
            s = lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
            goto done;
        }
    char why[512];
    s = dossier_zip_build(e, k, d->L.brief->timestamp, out, why, sizeof why);
    if (s != DOSSIER_OK)
        lay_fail(&d->L, s, "%s", why);
done:
    free(e);
    free(names);
    return s;
}
