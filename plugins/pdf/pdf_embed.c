/* pdf_embed.c — the fonts of the layout embedded with libharu: each face that sets
 * something is subset by the layout (lay_subset_face) and handed to libharu through an
 * unlinked temporary file, read through /proc/self/fd (libharu 2.3.0 loads TrueType fonts from
 * files only); no name of it reaches the PDF, so the output stays byte-identical from run to
 * run. libharu computes the /W widths from the subset's hmtx exactly as the layout measured
 * them (tests/pdf: pdf_advances checks it).
 *
 * Ownership: libharu owns the loaded fonts (freed with the document); the blobs are freed here.
 */
#include <errno.h>
#include <fcntl.h>
#include <hpdf_font.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Writes the subset to an unlinked temporary file and loads it into libharu. */
static dossier_status load_subset(pdf_doc *d, size_t k, hb_blob_t *blob)
{
    const lay_face *f = &d->L.fonts.faces[k];
    const char *what = f->family ? f->family : f->path;
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    const char *tmpdir = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/dossier-font-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(tmpl);
    if (fd < 0)
        return lay_fail(&d->L, DOSSIER_ERR_IO, "cannot create a temporary file in %s: %s",
                        tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = errno;
            close(fd);
            unlink(tmpl);
            return lay_fail(&d->L, DOSSIER_ERR_IO, "cannot write a temporary font file: %s",
                            strerror(e));
        }
        done += (size_t)w;
    }
    /* libharu reads the file through its own descriptor until the PDF is freed; the name
     * goes at once when /proc/self/fd can stand in for it. */
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    bool via_proc = access(proc, R_OK) == 0;
    if (via_proc)
        unlink(tmpl);
    const char *name = HPDF_LoadTTFontFromFile(d->pdf, via_proc ? proc : tmpl, HPDF_TRUE);
    close(fd);
    if (!via_proc)
        unlink(tmpl); /* libharu keeps the file open */
    if (!name || pdf_check_hpdf(d, "loading a font") != DOSSIER_OK)
        return lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libharu cannot load the subset of font \"%s\"",
                        what);
    d->fonts[k] = HPDF_GetFont(d->pdf, name, "UTF-8");
    if (!d->fonts[k] || pdf_check_hpdf(d, "loading a font") != DOSSIER_OK)
        return lay_fail(&d->L, DOSSIER_ERR_LIBRARY, "libharu cannot use font \"%s\"", what);
    return fix_to_unicode(d, k);
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
