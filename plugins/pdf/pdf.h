/* pdf.h — private to the PDF plugin: the document being built and the stages that build it.
 *
 * An export runs in stages, each in its own file, all sharing one `pdf_doc`:
 *
 *   pdf_style.c     [pdf] options → page geometry, sizes and text styles (points)
 *   pdf_content.c   the brief tree (args->brief, composed by the core) → blocks: title block,
 *                   facts, headings, paragraphs, table, figures, notes, sources
 *   pdf_fonts.c     fontconfig lookup, glyph coverage of every block's text, hb-subset,
 *                   loading the subsets into libharu, advance widths
 *   pdf_layout.c    text blocks → line boxes (break opportunities from the host, widths
 *                   from the embedded fonts, justification) → items
 *   pdf_table.c     a brief table: cells with note markers, column widths, rows, rules
 *   pdf_chart.c     a brief figure: bars (with an optional line series) as vector graphics
 *   pdf_masthead.c  版头 (公文) / 报头 (简报) at the top of the first page
 *   pdf_colophon.c  版记 / 报尾 at the foot of the last page
 *   pdf_paginate.c  items → pages, with widow/orphan and keep-with-next rules, and the
 *                   bottom-anchored colophon
 *   pdf_render.c    pages → libharu pages: text runs, rules, page numbers
 *   pdf_outline.c   bookmarks mirroring the section hierarchy
 *   pdf_glyphsheet.c  diagnostic: every glyph set, one per cell, instead of the brief
 *   pdf_plugin.c    descriptor, options, document info, the export driver
 *
 * Ownership: everything hangs off the pdf_doc and is released by pdf_doc_free() (the
 * fontconfig configuration by the export driver): vectors are malloc'd, strings live in the
 * doc's arena, the fonts own their HarfBuzz objects and subset files. Brief and profile
 * strings are borrowed (the host keeps them alive during export).
 *
 * Errors are values: every stage returns a dossier_status; the first failure is recorded
 * with pdf_fail() (which calls host->set_error) and later ones are not reported over it.
 */
#ifndef DOSSIER_PDF_H
#define DOSSIER_PDF_H

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dossier/plugin.h"

#define PDF_PT_PER_MM (72.0 / 25.4)

/* ---------------------------------------------------------------- pdf_util.c */

typedef struct pdf_arena_chunk pdf_arena_chunk;
/* Strings that live as long as the document. */
typedef struct pdf_arena {
    pdf_arena_chunk *head;
} pdf_arena;

void *pdf_arena_alloc(pdf_arena *a, size_t size);
/* printf into the arena; NULL when out of memory. */
char *pdf_arena_printf(pdf_arena *a, const char *fmt, ...) DOSSIER_PRINTF(2, 3);
void pdf_arena_free(pdf_arena *a);

/* Decodes one code point of valid UTF-8 (the model guarantees validity); returns its length. */
size_t pdf_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the length. */
size_t pdf_utf8_encode(uint32_t cp, char *out);

/* ---------------------------------------------------------------- fonts */

/* What a piece of text is set in; each role has one configured face, and the faces of the
 * other roles serve as fallbacks for characters it lacks. */
typedef enum pdf_role {
    PDF_ROLE_BODY = 0, /* Song style: body text, tables, charts, page numbers */
    PDF_ROLE_HEADING1, /* Hei: level-1 headings (一、) */
    PDF_ROLE_HEADING2, /* Kai: level-2 headings ((一)) and the subtitle */
    PDF_ROLE_TITLE,    /* the document title */
    PDF_ROLE_COUNT
} pdf_role;

#define PDF_NO_FACE 0xFFu /* a default-ignorable character: not drawn, zero width */

typedef struct pdf_face {
    char *family;  /* configured family name; NULL when a file was configured */
    char *path;    /* font file */
    unsigned index; /* face within a collection (.ttc) */
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;   /* cmap lookups */
    hb_set_t *used;    /* code points set in this face: what the subset keeps */
    double ascent;     /* fractions of the em (descent negative) */
    double descent;
    FILE *subset;      /* the subset handed to libharu; open until the PDF is saved */
    HPDF_Font hfont;
    size_t subset_bytes;
} pdf_face;

/* How one (role, code point) is set. */
typedef struct pdf_glyph_map {
    uint32_t key;   /* role << 24 | code point; 0 = empty slot (code point 0 never occurs) */
    uint32_t draw;  /* code point drawn (the replacement for a missing character) */
    uint16_t width; /* advance in 1/1000 em, as libharu writes it into the PDF */
    uint8_t face;   /* index into faces, or PDF_NO_FACE */
} pdf_glyph_map;

/* The fonts as found and opened, kept by the plugin's state for the whole run (one per
 * worker process): fontconfig is consulted and the font files are opened once, not once per
 * document. Only the per-document part (what is set, the subsets) is redone for every brief.
 * Owned by the plugin state (pdf_font_cache_free). */
typedef struct pdf_font_cache {
    bool ready;
    size_t n_faces;
    uint8_t role_face[PDF_ROLE_COUNT];
    struct pdf_cached_face {
        char *family, *path;
        unsigned index;
        hb_blob_t *blob;
        hb_face_t *face;
        hb_font_t *font;
        double ascent, descent;
    } faces[PDF_ROLE_COUNT];
} pdf_font_cache;

typedef struct pdf_fonts {
    pdf_face faces[PDF_ROLE_COUNT];
    size_t n_faces;
    uint8_t role_face[PDF_ROLE_COUNT];
    pdf_glyph_map *map;
    size_t map_cap, map_len;
    bool warn_missing; /* missing_glyph = warn */
    size_t n_missing;
    bool embedded;
} pdf_fonts;

/* ---------------------------------------------------------------- style */

typedef enum pdf_align { PDF_JUSTIFY = 0, PDF_LEFT, PDF_CENTER, PDF_RIGHT } pdf_align;

/* The text styles a brief uses. */
typedef enum pdf_ts {
    PDF_TS_TITLE = 0,  /* 海淀区 */
    PDF_TS_SUBTITLE,   /* 区情概览与创新创业发展 */
    PDF_TS_DATELINE,   /* （资料截至2020年6月30日） */
    PDF_TS_META,       /* facts and source lines under the title */
    PDF_TS_DOC_TITLE,  /* title of a source document's narrative */
    PDF_TS_H1,         /* 一、 */
    PDF_TS_H2,         /* (一) */
    PDF_TS_BODY,
    PDF_TS_CAPTION,    /* 表1 / 图1 */
    PDF_TS_TABLE_HEAD,
    PDF_TS_TABLE,
    PDF_TS_CHART,
    PDF_TS_NOTE,       /* notes under tables and figures, the sources list */
    PDF_TS_PAGE_NUMBER,
    PDF_TS_MASTHEAD,   /* 发文机关标志 / 简报名称: large, red */
    PDF_TS_COLOPHON,   /* 版记 / 报尾 lines */
    PDF_TS_COUNT
} pdf_ts;

typedef struct pdf_textstyle {
    pdf_role role;
    double size;     /* points */
    double tracking; /* extra advance after each glyph, points (may be negative) */
    double leading;  /* height of a line box */
    double indent;   /* first-line indent, points */
    pdf_align align; /* full lines; the last line of a justified block is set left */
} pdf_textstyle;

typedef struct pdf_style {
    const char *name;
    double page_w, page_h;
    double text_w, text_h;        /* the text block */
    double margin_top, margin_binding;
    bool mirror;                  /* binding side alternates (left on odd pages) */
    pdf_textstyle ts[PDF_TS_COUNT];
    bool page_number_outer;       /* outer side, one character in; else centred */
    double page_number_gap;       /* from the text block's bottom to the numbers' top */
    double chart_ratio;           /* chart height / text width */
    double title_gap;             /* space after the title block */
    double section_gap;           /* space before a document title, the table, the sources */
} pdf_style;

/* ---------------------------------------------------------------- content */

typedef enum pdf_block_kind {
    PDF_BLK_TEXT = 0,
    PDF_BLK_SPACE,  /* vertical space; dropped at the top of a page */
    PDF_BLK_RULE,   /* the red rule under the title block */
    PDF_BLK_TABLE,
    PDF_BLK_CHART,
    PDF_BLK_ANCHOR, /* an outline entry for what follows */
    PDF_BLK_MASTHEAD, /* d->masthead */
    PDF_BLK_COLOPHON  /* d->colophon: placed at the foot of the last page */
} pdf_block_kind;

typedef struct pdf_block {
    pdf_block_kind kind;
    pdf_ts ts;          /* TEXT */
    const char *text;   /* TEXT: borrowed from the profile or in the arena */
    const char *where;  /* TEXT: where the text comes from, for messages */
    bool heading;       /* TEXT: keep with the next two lines */
    bool keep_prev;     /* TEXT: no page break before it (a table's note) */
    const char *hang;   /* TEXT: every line starts after this string's width ("注："), */
    bool hang_first;    /* TEXT: … but the first, which begins with that string */
    double height;      /* SPACE, RULE */
    size_t ref;         /* TABLE: tables[ref]; CHART: charts[ref]; ANCHOR: anchors[ref] */
} pdf_block;

typedef struct pdf_anchor {
    const char *title;
    int level;       /* 1 = top of the outline */
    size_t page;     /* after pagination */
    double y;        /* top of the heading, PDF coordinates */
    bool placed;
} pdf_anchor;

/* ---------------------------------------------------------------- layout */

typedef struct pdf_glyph {
    uint32_t cp;  /* code point drawn */
    uint8_t face; /* index into fonts.faces */
    float adv;    /* advance in points at the line's size, without spacing */
} pdf_glyph;

/* One line box of text. */
typedef struct pdf_line {
    size_t first;  /* glyphs[first .. first+n): the line's ink (trailing spaces dropped) */
    size_t n;
    double x;      /* offset of the first glyph from the box's left edge */
    double size;
    double tc;     /* character spacing: tracking plus justification */
    double width;  /* width as set */
    double baseline; /* from the top of the line box */
    double height;   /* the line box */
} pdf_line;

typedef struct pdf_table pdf_table;
typedef struct pdf_chart pdf_chart;
typedef struct pdf_masthead pdf_masthead;
typedef struct pdf_colophon pdf_colophon;

typedef enum pdf_item_kind {
    PDF_IT_LINE = 0,
    PDF_IT_SPACE,
    PDF_IT_RULE,
    PDF_IT_ROW,
    PDF_IT_CHART,
    PDF_IT_ANCHOR,
    PDF_IT_MASTHEAD,
    PDF_IT_COLOPHON /* bottom-anchored: the foot of the last page */
} pdf_item_kind;

/* What the paginator stacks: a line, a table row, a chart, a space … */
typedef struct pdf_item {
    pdf_item_kind kind;
    bool keep_next;   /* no page break between this item and the next */
    bool header;      /* ROW: a header row, repeated on each page the table spans */
    double height;
    size_t ref;       /* LINE: lines[ref]; ROW: tables[ref]; CHART: charts[ref]; ANCHOR */
    size_t row;       /* ROW: row of the table */
} pdf_item;

typedef struct pdf_placed {
    size_t item;
    double top; /* PDF y of the item's top */
} pdf_placed;

typedef struct pdf_page {
    size_t first, n; /* placed[first .. first+n) */
    HPDF_Page page;
} pdf_page;

/* ---------------------------------------------------------------- the document */

typedef struct pdf_doc {
    const dossier_host *host;
    dossier_host_ctx *ctx;
    const dossier_profile *p;
    const dossier_brief *brief; /* what the document says (the host's) */
    FcConfig *fc; /* private fontconfig configuration while fonts are being found */
    pdf_font_cache *font_cache; /* the plugin state's, or NULL (no init: nothing kept) */
    dossier_status status; /* first failure */
    pdf_style st;
    pdf_fonts fonts;
    pdf_arena arena;
    HPDF_Doc pdf;
    HPDF_STATUS hpdf_error, hpdf_detail; /* first libharu error */

    pdf_block *blocks;
    size_t n_blocks, cap_blocks;
    pdf_anchor *anchors;
    size_t n_anchors, cap_anchors;
    pdf_table **tables;
    size_t n_tables, cap_tables;
    pdf_chart **charts;
    size_t n_charts, cap_charts;
    pdf_masthead *masthead; /* at most one of each per brief */
    pdf_colophon *colophon;
    pdf_glyph *glyphs;
    size_t n_glyphs, cap_glyphs;
    pdf_line *lines;
    size_t n_lines, cap_lines;
    pdf_item *items;
    size_t n_items, cap_items;
    pdf_placed *placed;
    size_t n_placed, cap_placed;
    pdf_page *pages;
    size_t n_pages, cap_pages;
} pdf_doc;

/* Records the first failure (calling host->set_error) and returns `status`. */
dossier_status pdf_fail(pdf_doc *d, dossier_status status, const char *fmt, ...)
    DOSSIER_PRINTF(3, 4);
/* DOSSIER_ERR_LIBRARY naming the libharu error when one was raised, else DOSSIER_OK. */
dossier_status pdf_check_hpdf(pdf_doc *d, const char *doing);
/* Appends a zeroed element to a vector of the doc; NULL (and the status recorded) when out
 * of memory. Use through PDF_PUSH(d, name). */
void *pdf_vec_push(pdf_doc *d, void *vec_ptr, size_t *n, size_t *cap, size_t size);
#define PDF_PUSH(d, name) \
    pdf_vec_push((d), &(d)->name, &(d)->n_##name, &(d)->cap_##name, sizeof *(d)->name)

/* pdf_style.c */
dossier_status pdf_style_resolve(pdf_doc *d);
/* Left edge of the text block on page `index` (0-based). */
double pdf_style_text_left(const pdf_style *st, size_t index);

/* pdf_fonts.c */
/* Opens the configured fonts: from d->font_cache when it is ready, else with fontconfig (and
 * fills the cache). */
dossier_status pdf_fonts_open(pdf_doc *d);
void pdf_font_cache_free(pdf_font_cache *c);
/* Resolves every character of `text` set in `role` (fallback faces, missing characters). */
dossier_status pdf_fonts_use(pdf_doc *d, pdf_role role, const char *text, const char *where);
/* Subsets every face to what it sets and loads the subsets into d->pdf. */
dossier_status pdf_fonts_embed(pdf_doc *d);
/* How `cp` is set in `role`; NULL when it was never registered with pdf_fonts_use. */
const pdf_glyph_map *pdf_fonts_glyph(const pdf_fonts *f, pdf_role role, uint32_t cp);
void pdf_fonts_close(pdf_fonts *f);

/* pdf_content.c */
dossier_status pdf_content_build(pdf_doc *d);
/* Registers the text of every block with the fonts. */
dossier_status pdf_content_register_text(pdf_doc *d);

/* pdf_layout.c */
/* Breaks `text` into lines `width` wide in text style `ts` (the first line `first_indent`
 * narrower); the lines are appended to d->lines (first index and count returned). */
dossier_status pdf_layout_text(pdf_doc *d, const char *text, const pdf_textstyle *ts,
                               double width, double first_indent, size_t *first, size_t *n);
/* Width of a single-line string as set in ts (no breaking). */
double pdf_layout_width(pdf_doc *d, const char *text, const pdf_textstyle *ts);
/* Turns every block into items. */
dossier_status pdf_layout_blocks(pdf_doc *d);
pdf_item *pdf_layout_push_item(pdf_doc *d, pdf_item_kind kind, double height, size_t ref);

/* pdf_table.c */
/* A table of the brief; ref in d->tables. */
dossier_status pdf_table_build(pdf_doc *d, const dossier_brief_table *bt, const char *where,
                               size_t *ref);
dossier_status pdf_table_register_text(pdf_doc *d, const pdf_table *t);
dossier_status pdf_table_layout(pdf_doc *d, pdf_table *t, size_t ref);
/* Draws row `row` with its top at y; `first_on_page` and `last_on_page` decide the rules. */
void pdf_table_draw_row(pdf_doc *d, HPDF_Page page, const pdf_table *t, size_t row,
                        double x, double top, bool first_on_page, bool last_on_page);
/* The header rows' items (repeated at the top of each page the table continues on). */
size_t pdf_table_header_items(const pdf_table *t, size_t *first_item);
void pdf_table_free(pdf_table *t);

/* pdf_chart.c */
/* A figure of the brief; ref in d->charts. */
dossier_status pdf_chart_build(pdf_doc *d, const dossier_brief_figure *f, const char *where,
                               size_t *ref);
dossier_status pdf_chart_register_text(pdf_doc *d, const pdf_chart *c);
double pdf_chart_height(const pdf_doc *d, const pdf_chart *c);
void pdf_chart_draw(pdf_doc *d, HPDF_Page page, const pdf_chart *c, double x, double top);
void pdf_chart_free(pdf_chart *c);

/* pdf_masthead.c */
dossier_status pdf_masthead_build(pdf_doc *d, const dossier_brief_masthead *m);
dossier_status pdf_masthead_register_text(pdf_doc *d, const pdf_masthead *m);
double pdf_masthead_height(pdf_doc *d, const pdf_masthead *m);
void pdf_masthead_draw(pdf_doc *d, HPDF_Page page, const pdf_masthead *m, double x, double top);
void pdf_masthead_free(pdf_masthead *m);

/* pdf_colophon.c */
dossier_status pdf_colophon_build(pdf_doc *d, const dossier_brief_colophon *c);
dossier_status pdf_colophon_register_text(pdf_doc *d, const pdf_colophon *c);
/* Lays out the lines; the height is what the colophon takes above the text block's bottom. */
dossier_status pdf_colophon_layout(pdf_doc *d, pdf_colophon *c, double *height);
void pdf_colophon_draw(pdf_doc *d, HPDF_Page page, const pdf_colophon *c, double x, double top);
void pdf_colophon_free(pdf_colophon *c);

/* Red of the masthead, its rules and the title block's rule. */
#define PDF_RED_R 0.85f
#define PDF_RED_G 0.0f
#define PDF_RED_B 0.0f

/* pdf_paginate.c */
dossier_status pdf_paginate(pdf_doc *d);

/* pdf_render.c */
dossier_status pdf_render(pdf_doc *d);
/* Draws a laid-out line with the left of its box at x and the top of its box at top. */
void pdf_render_line(pdf_doc *d, HPDF_Page page, const pdf_line *ln, double x, double top);
/* Draws a single-line string; `align` relative to x (LEFT: starts at x, CENTER: centred on
 * x, RIGHT: ends at x). Returns its width. */
double pdf_render_string(pdf_doc *d, HPDF_Page page, const char *text, const pdf_textstyle *ts,
                         double x, double baseline, pdf_align align);

/* pdf_outline.c */
dossier_status pdf_outline_build(pdf_doc *d);

/* pdf_glyphsheet.c */
/* Draws every character registered with the fonts, per face, one per cell (after embed). */
dossier_status pdf_glyphsheet_render(pdf_doc *d);

#endif
