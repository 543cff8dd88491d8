/* docx.h — private to the DOCX plugin. The document is built as OOXML parts in memory
 * (dossier_buf) while the brief tree is walked (docx_plugin.c), then zipped with libzip
 * (docx_package.c). One file per job: run and paragraph markup (docx_xml.c), the brief's
 * blocks (docx_blocks.c), masthead and colophon (docx_matter.c), the figures table
 * (docx_table.c), notes as footnotes (docx_notes.c), charts as DrawingML chart parts
 * (docx_chart.c), styles and fonts (docx_styles.c), page setup, footers and settings
 * (docx_page.c). Depends only on the public SDK headers and libzip.
 */
#ifndef DOSSIER_DOCX_H
#define DOSSIER_DOCX_H

#include <stdbool.h>

#include "dossier/plugin_util.h"

/* Page setup after GB/T 9704-2012 (A4), in twips (1/20 pt). */
#define DOCX_PAGE_W 11906
#define DOCX_PAGE_H 16838
#define DOCX_MARGIN_TOP 2098    /* 37 mm */
#define DOCX_MARGIN_BOTTOM 1984 /* 35 mm */
#define DOCX_MARGIN_LEFT 1588   /* 28 mm */
#define DOCX_MARGIN_RIGHT 1474  /* 26 mm */
#define DOCX_TEXT_W (DOCX_PAGE_W - DOCX_MARGIN_LEFT - DOCX_MARGIN_RIGHT) /* 8844: 156 mm */
#define DOCX_TEXT_H (DOCX_PAGE_H - DOCX_MARGIN_TOP - DOCX_MARGIN_BOTTOM) /* 12756: 225 mm */
#define DOCX_EMU_PER_TWIP 635
#define DOCX_RED "E60012"

/* The fonts of the styles ([docx] options): Latin, and East Asian with the name Word and WPS
 * fall back to (fontTable.xml w:altName) when an office lacks the first. */
typedef struct docx_font {
    const char *name, *alt;
} docx_font;

typedef struct docx_fonts {
    const char *latin;
    docx_font body, hei, kai, title, page_number;
} docx_fonts;

/* Everything one document needs while it is built. Parts own their buffers. */
typedef struct docx_doc {
    const dossier_host *host;
    dossier_host_ctx *ctx;
    const dossier_brief *b;
    docx_fonts fonts;
    int body_size;       /* half-points: 32 = 16 pt */
    bool grid;           /* GB/T 9704 document grid: 22 lines of 28 characters */
    dossier_buf body;    /* the children of <w:body> */
    dossier_buf notes;   /* the <w:footnote> elements after the two separators */
    dossier_buf rels;    /* relationships of document.xml beyond the fixed ones */
    int next_rid;        /* the next rIdN for rels */
    int n_footnotes;
    unsigned char *noted; /* per brief->notes: its footnote was placed */
    dossier_buf *charts; /* word/charts/chartN.xml, N = index + 1 */
    size_t n_charts;
    int next_drawing_id;
    dossier_status st;   /* the first failure */
} docx_doc;

/* ---- run and paragraph markup (docx_xml.c) ---- */
/* <w:p><w:pPr><w:pStyle w:val="style"/>ppr</w:pPr>; ppr (raw markup) may be NULL. */
void dx_p_open(dossier_buf *b, const char *style, const char *ppr);
void dx_p_close(dossier_buf *b);
/* <w:r><w:rPr>rpr</w:rPr><w:t xml:space="preserve">escaped text</w:t></w:r>; rpr may be NULL;
 * nothing for NULL or empty text. */
void dx_run(dossier_buf *b, const char *rpr, const char *text);
/* A whole paragraph of one run. */
void dx_para(dossier_buf *b, const char *style, const char *ppr, const char *rpr,
             const char *text);
/* An attribute value, escaped: ` name="value"`. */
void dx_attr(dossier_buf *b, const char *name, const char *value);
/* A number without locale ("-12.5", at most `decimals` digits after the point). */
void dx_num(dossier_buf *b, double v, int decimals);
/* A relationship of document.xml; returns its id number (rIdN). */
int dx_rel(docx_doc *d, const char *type, const char *target, bool external);
/* Number of characters of UTF-8 text (code points). */
size_t dx_chars(const char *s);

/* ---- the brief's blocks (docx_blocks.c, docx_matter.c) ---- */
void docx_title(docx_doc *d, const dossier_brief_title *t);
void docx_fact(docx_doc *d, const dossier_brief_fact *f);
void docx_heading(docx_doc *d, const dossier_brief_heading *h);
void docx_paragraph(docx_doc *d, const dossier_brief_paragraph *p);
void docx_source(docx_doc *d, const dossier_brief_source *s);
void docx_masthead(docx_doc *d, const dossier_brief_masthead *m);
void docx_colophon(docx_doc *d, const dossier_brief_colophon *c);

/* ---- the figures table (docx_table.c) ---- */
void docx_table(docx_doc *d, const dossier_brief_table *t);

/* ---- notes as footnotes (docx_notes.c) ---- */
/* The note's marker after a figure: a footnote reference showing the marker where the note
 * is first referenced, the marker in the footnote-reference style after that. */
void docx_note_ref(docx_doc *d, const dossier_brief_note *note);
/* A footnote reference for each numbered note not placed yet (by a figure's caption). */
void docx_notes_refs(docx_doc *d, const dossier_brief_note *const *notes, size_t n);
/* Under a table or figure: the general notes (no marker) as "注：text", and a footnote for
 * each numbered note not placed yet (its reference after the label). */
void docx_notes_under(docx_doc *d, const char *label, const dossier_brief_note *const *notes,
                      size_t n);
/* word/footnotes.xml */
void docx_footnotes_xml(docx_doc *d, dossier_buf *out);

/* ---- charts (docx_chart.c) ---- */
void docx_figure(docx_doc *d, const dossier_brief_figure *f);

/* ---- styles, fonts, page (docx_styles.c, docx_page.c) ---- */
void docx_styles_xml(const docx_doc *d, dossier_buf *out);
void docx_fonttable_xml(const docx_doc *d, dossier_buf *out);
void docx_sectpr(const docx_doc *d, dossier_buf *out);
/* footer1.xml (odd pages: right) or footer2.xml (even pages: left) */
void docx_footer_xml(const docx_doc *d, bool even, dossier_buf *out);
void docx_settings_xml(const docx_doc *d, dossier_buf *out);

/* ---- the package (docx_package.c) ---- */
/* Zips every part of the document into `out` (a complete .docx); errors as a status with
 * the reason given to set_error. */
dossier_status docx_package(docx_doc *d, dossier_buf *out);

#endif
