/* pdf_outline.c — the PDF outline (bookmarks) from the layout's anchors: one entry for the
 * title block and one per heading of the brief (parts, documents, 一、, (一) …), nested by the
 * headings' outline levels, each opening its page at the heading; the top levels start
 * expanded. The document opens on its first page with the outline shown. Titles are UTF-16BE
 * text strings (pdf_text.c).
 */
#include "pdf.h"

#define MAX_DEPTH 32

dossier_status pdf_outline_build(pdf_doc *d)
{
    struct {
        int level;
        HPDF_Outline outline;
    } stack[MAX_DEPTH];
    size_t depth = 0;
    for (size_t i = 0; i < d->L.n_anchors; i++) {
        const lay_anchor *a = &d->L.anchors[i];
        if (!a->placed)
            continue;
        while (depth && stack[depth - 1].level >= a->level)
            depth--;
        HPDF_Outline parent = depth ? stack[depth - 1].outline : NULL;
        HPDF_Outline o = HPDF_CreateOutline(d->pdf, parent, "", NULL);
        if (!o)
            return pdf_check_hpdf(d, "creating the outline");
        dossier_status s = pdf_text_set(d, o, "Title", a->title);
        if (s != DOSSIER_OK)
            return s;
        HPDF_Destination dst = HPDF_Page_CreateDestination(d->pages[a->page]);
        if (!dst)
            return pdf_check_hpdf(d, "creating the outline");
        /* libharu 2.3.0 rejects a null zoom in XYZ: fit the width at the heading instead. */
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(a->y + 4));
        HPDF_Outline_SetDestination(o, dst);
        HPDF_Outline_SetOpened(o, a->level <= 1 ? HPDF_TRUE : HPDF_FALSE);
        if (depth < MAX_DEPTH) {
            stack[depth].level = a->level;
            stack[depth].outline = o;
            depth++;
        }
    }
    if (d->L.n_pages) {
        HPDF_Destination open = HPDF_Page_CreateDestination(d->pages[0]);
        if (open) {
            HPDF_Destination_SetFit(open);
            HPDF_SetOpenAction(d->pdf, open);
        }
        HPDF_SetPageMode(d->pdf, d->L.n_anchors ? HPDF_PAGE_MODE_USE_OUTLINE
                                              : HPDF_PAGE_MODE_USE_NONE);
    }
    return pdf_check_hpdf(d, "creating the outline");
}
