/* ofd.h — private to the OFD plugin: the OFD backend (GB/T 33190-2016) of the fixed-layout
 * engine (plugins/layout). The layout makes the same pages as for the PDF, as display lists;
 * this plugin writes them as an OFD package:
 *
 *   ofd_xml.c      numbers (mm, no locale), colours, points: pt → mm with y down
 *   ofd_page.c     one page's display list → Doc_0/Pages/Page_N/Content.xml (TextObject with
 *                  TextCode X/Y/DeltaX, PathObject with AbbreviatedData)
 *   ofd_doc.c      OFD.xml (DocInfo), Doc_0/Document.xml (CommonData, Pages, Outlines),
 *                  Doc_0/PublicRes.xml (the fonts)
 *   ofd_package.c  the parts and the font subsets zipped in memory (libzip), fixed order and
 *                  fixed entry times
 *   ofd_plugin.c   descriptor, options (the layout's), the export driver
 *
 * IDs: every object gets a document-wide unique ID in writing order: the fonts 1..F, the
 * pages F+1..F+P, then each page's layer and objects; Document.xml's MaxUnitID is the last.
 *
 * Ownership: the ofd_doc owns the layout document (lay_doc_free) and the buffers of the
 * parts (ofd_doc_free). Errors are values, recorded once with lay_fail.
 */
#ifndef DOSSIER_OFD_H
#define DOSSIER_OFD_H

#include "dossier/plugin_util.h"
#include "layout.h"

#define OFD_NS "http://www.ofdspec.org/2016"
#define OFD_MM_PER_PT (25.4 / 72.0)

typedef struct ofd_doc {
    lay_doc L;
    unsigned font_id[LAY_MAX_FACES]; /* per face: its Font ID in PublicRes, 0 = not used */
    hb_blob_t *subset[LAY_MAX_FACES]; /* per used face: the TrueType file embedded */
    unsigned page_id0;                /* ID of the first page; page i is page_id0 + i */
    unsigned next_id;                 /* the next free ID */
    dossier_buf ofd_xml, document_xml, public_res;
    dossier_buf *pages;               /* Content.xml per page */
} ofd_doc;

/* ofd_xml.c */
/* A length in points as millimetres with at most three decimals, without locale. */
void ofd_mm(dossier_buf *b, double pt);
/* x in points → mm from the left; y in points up → mm down from the page's top. */
double ofd_x(const ofd_doc *d, double x);
double ofd_y(const ofd_doc *d, double y);
/* A number in millimetres (already converted), three decimals at most. */
void ofd_num(dossier_buf *b, double mm);
/* <ofd:TAG Value="R G B"/> */
void ofd_color(dossier_buf *b, const char *tag, lay_rgb c);

/* ofd_page.c */
void ofd_page_xml(ofd_doc *d, const lay_dl *dl, dossier_buf *b);

/* ofd_doc.c */
void ofd_ofd_xml(ofd_doc *d, dossier_buf *b);
void ofd_document_xml(ofd_doc *d, dossier_buf *b);
void ofd_public_res_xml(ofd_doc *d, dossier_buf *b);

/* ofd_package.c: every part and font into the zip, the zip into `out`. */
dossier_status ofd_package(ofd_doc *d, dossier_buf *out);

#endif
