/* lay_dump.c — a test hook: when the environment variable DOSSIER_LAYOUT_DUMP names a file,
 * the display lists are appended to it as text, one line per glyph run:
 *
 *   run FORMAT PAGE PSNAME SIZE X Y TC  CP:GID:WIDTH CP:GID:WIDTH …
 *
 * (code points and glyph ids in hex, widths in 1/1000 em, lengths in points). The tests
 * compare it with what a backend wrote (the PDF's /W arrays, the OFD's DeltaX). Nothing is
 * written when the variable is unset; a file that cannot be opened is an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

dossier_status lay_dump_page(lay_doc *d, size_t p, const char *format)
{
    const char *path = getenv("DOSSIER_LAYOUT_DUMP");
    if (!path || !*path)
        return DOSSIER_OK;
    FILE *f = fopen(path, "a");
    if (!f)
        return lay_fail(d, DOSSIER_ERR_IO, "DOSSIER_LAYOUT_DUMP %s: %s", path, strerror(errno));
    const lay_dl *dl = &d->pages[p].dl;
    for (size_t i = 0; i < dl->n_ops; i++) {
        const lay_op *op = &dl->ops[i];
        if (op->kind != LAY_OP_TEXT)
            continue;
        fprintf(f, "run %s %zu %s %.4f %.4f %.4f %.4f", format, p + 1,
                d->fonts.faces[op->face].psname, op->size, op->x, op->y, op->tc);
        for (size_t k = 0; k < op->n; k++) {
            const lay_dl_glyph *g = &dl->glyphs[op->first + k];
            fprintf(f, " %X:%X:%u", (unsigned)g->cp, (unsigned)g->gid, (unsigned)g->width);
        }
        fputc('\n', f);
    }
    return fclose(f) == 0 ? DOSSIER_OK
                          : lay_fail(d, DOSSIER_ERR_IO, "DOSSIER_LAYOUT_DUMP %s: write failed",
                                     path);
}
