/* pdf_pdfa.h — [pdf] conformance = pdfa-1b (pdf_pdfa.c): PDF/A-1b on libharu's object graph,
 * applied after the document is drawn and its information set, before it is saved. */
#ifndef DOSSIER_PDF_PDFA_H
#define DOSSIER_PDF_PDFA_H

#include "pdf.h"

/* The [pdf] option, for the plugin's option table. */
#define PDF_PDFA_OPTION                                                                    \
    {"conformance", DOSSIER_OPT_CHOICE, "none",                                            \
     "none, or pdfa-1b: PDF/A-1b for archiving (XMP metadata, sRGB output intent, fonts "  \
     "complete for PDF/A, a document ID from the content)",                                \
     0, 0, "none|pdfa-1b"}

/* Is conformance = pdfa-1b? */
bool pdf_pdfa_wanted(pdf_doc *d);
/* Makes the document PDF/A-1b when it is wanted; DOSSIER_OK and nothing done otherwise. */
dossier_status pdf_pdfa_apply(pdf_doc *d);

#endif
