/* pdf.h — private to the PDF plugin: the libharu backend of the fixed-layout engine
 * (plugins/layout). The layout turns the brief into pages as display lists; this plugin only
 *
 *   pdf_embed.c    loads each face's hb-subset into libharu (with a valid ToUnicode map)
 *   pdf_replay.c   replays every page's display list into a libharu page
 *   pdf_outline.c  writes the outline (bookmarks) from the layout's anchors
 *   pdf_plugin.c   descriptor, options (the layout's), document information, the driver
 *
 * Ownership: the pdf_doc owns the layout document (lay_doc_free) and the libharu document
 * (HPDF_Free), which owns the fonts and pages. Errors are values, recorded once with lay_fail.
 */
#ifndef DOSSIER_PDF_H
#define DOSSIER_PDF_H

#include <hpdf.h>

#include "layout.h"

typedef struct pdf_doc {
    lay_doc L;                     /* the layout: pages as display lists, fonts, anchors */
    HPDF_Doc pdf;
    HPDF_STATUS hpdf_error, hpdf_detail; /* first libharu error */
    HPDF_Font fonts[LAY_ROLE_COUNT]; /* per face of L.fonts; NULL when it sets nothing */
    HPDF_Page *pages;              /* per page of L.pages (malloc'd) */
} pdf_doc;

/* DOSSIER_ERR_LIBRARY naming the libharu error when one was raised, else DOSSIER_OK. */
dossier_status pdf_check_hpdf(pdf_doc *d, const char *doing);

/* pdf_embed.c: every face that sets something, subset and loaded into d->pdf. */
dossier_status pdf_embed_fonts(pdf_doc *d);

/* pdf_replay.c: one libharu page per layout page, drawn from its display list. */
dossier_status pdf_replay(pdf_doc *d);

/* pdf_outline.c */
dossier_status pdf_outline_build(pdf_doc *d);

#endif
