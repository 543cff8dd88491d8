/* layout.h — the fixed-layout engine shared by the pdf and ofd plugins: from the brief tree
 * and the [pdf]/[ofd] style options it produces pages as display lists. It knows nothing of
 * libharu or of OFD; a backend replays the display lists, embeds the font subsets the layout
 * used and writes the outline from the anchors.
 *
 * Stages, each in its own file, all sharing one `lay_doc` (lay_doc_layout runs them in order):
 *
 *   lay_options.c   the style and font options both fixed-layout formats declare
 *   lay_style.c     options → page geometry, sizes and text styles (points)
 *   lay_fonts.c     fontconfig lookup, glyph coverage of every block's text, advance widths
 *                   from HarfBuzz (hmtx, in 1/1000 em as a PDF /W array states them)
 *   lay_subset.c    hb-subset of each face to what the brief sets (the bytes a backend embeds)
 *   lay_content.c   the brief tree (args->brief) → blocks: title block, facts, headings,
 *                   paragraphs, table, figures, notes, sources
 *   lay_punct.c     half-width punctuation next to Chinese set full-width ([pdf] punctuation)
 *   lay_lines.c     text blocks → line boxes (break opportunities from the host, widths from
 *                   the fonts) → items
 *   lay_justify.c   what each gap of a justified line may give (标点挤压) or take
 *   lay_table.c     a brief table: cells with note markers, column widths, rows, rules
 *   lay_chart.c     a brief figure: bars (with an optional line series) as vector paths
 *   lay_masthead.c  版头 (公文) / 报头 (简报) at the top of the first page
 *   lay_colophon.c  版记 / 报尾 at the foot of the last page
 *   lay_paginate.c  items → pages, with widow/orphan and keep-with-next rules, and the
 *                   bottom-anchored colophon
 *   lay_draw.c      pages → display lists: text runs, rules, page numbers, anchors
 *   lay_dl.c        the display list: glyph runs, paths (fill/stroke colours), anchors
 *   lay_glyphsheet.c  diagnostic: every glyph set, one per cell, instead of the brief
 *   lay_dump.c      test hook: DOSSIER_LAYOUT_DUMP=FILE writes the display lists as text
 *   lay_doc.c       the driver and the release of everything
 *
 * Coordinates: points (1/72 in), origin at the bottom left of the page, y up (as in PDF); a
 * backend with another system converts (OFD: millimetres, y down).
 *
 * Ownership: everything hangs off the lay_doc and is released by lay_doc_free(): vectors are
 * malloc'd, strings live in the doc's arena, the fonts own their HarfBuzz objects, each page
 * owns its display list. Brief and profile strings are borrowed (the host keeps them alive
 * during export). The font cache is the plugin state's (lay_font_cache_free).
 *
 * Errors are values: every stage returns a dossier_status; the first failure is recorded
 * with lay_fail() (which calls host->set_error) and later ones are not reported over it.
 *
 * Built as a static library with -fPIC and linked into each fixed-layout plugin: the plugins
 * still link nothing of dossier's core (docs/architecture.md says why).
 */
#ifndef DOSSIER_LAYOUT_H
#define DOSSIER_LAYOUT_H

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dossier/plugin.h"

#define LAY_PT_PER_MM (72.0 / 25.4)

/* ---------------------------------------------------------------- lay_util.c */

typedef struct lay_arena_chunk lay_arena_chunk;
/* Strings that live as long as the document. */
typedef struct lay_arena {
    lay_arena_chunk *head;
} lay_arena;

void *lay_arena_alloc(lay_arena *a, size_t size);
/* printf into the arena; NULL when out of memory. */
char *lay_arena_printf(lay_arena *a, const char *fmt, ...) DOSSIER_PRINTF(2, 3);
void lay_arena_free(lay_arena *a);

struct dossier_buf;
/* v with at most `decimals` (0–6) decimals, trailing zeros dropped, no "-0", whatever the
 * locale: the numbers of a PDF content stream or an OFD part. */
void lay_buf_decimal(struct dossier_buf *b, double v, int decimals);

/* Decodes one code point of valid UTF-8 (the model guarantees validity); returns its length. */
size_t lay_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the length. */
size_t lay_utf8_encode(uint32_t cp, char *out);

/* ---------------------------------------------------------------- fonts */

/* What a piece of text is set in; each role has one configured face, and the faces of the
 * other roles, then the configured fallback faces (fallback_fonts), serve for characters it
 * lacks. */
typedef enum lay_role {
    LAY_ROLE_BODY = 0, /* Song style: body text, tables, charts, page numbers */
    LAY_ROLE_HEADING1, /* Hei: level-1 headings (一、) */
    LAY_ROLE_HEADING2, /* Kai: level-2 headings ((一)) and the subtitle */
    LAY_ROLE_TITLE,    /* the document title */
    LAY_ROLE_COUNT
} lay_role;

#define LAY_MAX_FALLBACK 4 /* fallback_fonts: faces tried after the roles' own */
#define LAY_MAX_FACES (LAY_ROLE_COUNT + LAY_MAX_FALLBACK)
#define LAY_NO_FACE 0xFFu /* a default-ignorable character: not drawn, zero width */

typedef struct lay_face {
    char *family;  /* configured family name; NULL when a file was configured */
    char *path;    /* font file */
    unsigned index; /* face within a collection (.ttc) */
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;   /* cmap lookups */
    hb_set_t *used;    /* code points set in this face: what the subset keeps */
    double ascent;     /* fractions of the em (descent negative) */
    double descent;
    unsigned upem;     /* units per em */
    char *psname;      /* PostScript name (name ID 6), or the family; names the font in a
                          backend */
} lay_face;

/* How one (role, code point) is set. */
typedef struct lay_glyph_map {
    uint32_t key;   /* role << 24 | code point; 0 = empty slot (code point 0 never occurs) */
    uint32_t draw;  /* code point drawn (the replacement for a missing character) */
    uint32_t gid;   /* glyph id of `draw` in the face (the original font's numbering) */
    uint16_t width; /* advance in 1/1000 em: hmtx advance × 1000 / upem, truncated (what a
                       PDF /W array states) */
    uint8_t face;   /* index into faces, or LAY_NO_FACE */
} lay_glyph_map;

/* Font lookups of earlier runs kept on disk (lay_fontdisk.c), valid while fontconfig's
 * folders and the font file are unchanged. */
typedef struct lay_fontdisk {
    bool usable, dirty;
    char file[4200];
    long long stamp; /* newest modification time of fontconfig's and the font folders */
    size_t n, hits; /* hits: lookups answered by entries read from the file */
    struct lay_fontdisk_entry {
        char *family, *path;
        unsigned index;
        long long size, mtime_ns;
        bool read; /* read from the file (not found by this run) */
    } *e;
} lay_fontdisk;

/* The fonts as found and opened, kept by the plugin's state for the whole run (one per
 * worker process): fontconfig is consulted and the font files are opened once, not once per
 * document. Only the per-document part (what is set, the subsets) is redone for every brief.
 * Owned by the plugin state (lay_font_cache_free). */
typedef struct lay_font_cache {
    bool ready;
    size_t n_faces;
    uint8_t role_face[LAY_ROLE_COUNT];
    struct lay_cached_face {
        char *family, *path;
        unsigned index;
        hb_blob_t *blob;
        hb_face_t *face;
        hb_font_t *font;
        double ascent, descent;
    } faces[LAY_MAX_FACES];
} lay_font_cache;

typedef struct lay_fonts {
    lay_face faces[LAY_MAX_FACES]; /* the roles' faces (shared when equal), then fallbacks */
    size_t n_faces;
    uint8_t role_face[LAY_ROLE_COUNT];
    lay_glyph_map *map;
    size_t map_cap, map_len;
    bool warn_missing; /* missing_glyph = warn */
    size_t n_missing;
} lay_fonts;

/* ---------------------------------------------------------------- style */

typedef enum lay_align { LAY_JUSTIFY = 0, LAY_LEFT, LAY_CENTER, LAY_RIGHT } lay_align;

/* The text styles a brief uses. */
typedef enum lay_ts {
    LAY_TS_TITLE = 0,  /* 海淀区 */
    LAY_TS_SUBTITLE,   /* 区情概览与创新创业发展 */
    LAY_TS_DATELINE,   /* （资料截至2020年6月30日） */
    LAY_TS_META,       /* facts and source lines under the title */
    LAY_TS_DOC_TITLE,  /* title of a source document's narrative */
    LAY_TS_H1,         /* 一、 */
    LAY_TS_H2,         /* (一) */
    LAY_TS_BODY,
    LAY_TS_CAPTION,    /* 表1 / 图1 */
    LAY_TS_TABLE_HEAD,
    LAY_TS_TABLE,
    LAY_TS_CHART,
    LAY_TS_NOTE,       /* notes under tables and figures, the sources list */
    LAY_TS_PAGE_NUMBER,
    LAY_TS_MASTHEAD,   /* 发文机关标志 / 简报名称: large, red */
    LAY_TS_COLOPHON,   /* 版记 / 报尾 lines */
    LAY_TS_COUNT
} lay_ts;

typedef struct lay_textstyle {
    lay_role role;
    double size;     /* points */
    double tracking; /* extra advance after each glyph, points (may be negative) */
    double leading;  /* height of a line box */
    double indent;   /* first-line indent, points */
    lay_align align; /* full lines; the last line of a justified block is set left */
    bool no_lone;    /* no last line of a lone CJK character (table cells) */
} lay_textstyle;

typedef struct lay_style {
    const char *name;
    double page_w, page_h;
    double text_w, text_h;        /* the text block */
    double margin_top, margin_binding;
    bool mirror;                  /* binding side alternates (left on odd pages) */
    lay_textstyle ts[LAY_TS_COUNT];
    bool page_number_outer;       /* outer side, one character in; else centred */
    double page_number_gap;       /* from the text block's bottom to the numbers' top */
    double chart_ratio;           /* chart height / text width */
    double title_gap;             /* space after the title block */
    double section_gap;           /* space before a document title, the table, the sources */
} lay_style;

/* ---------------------------------------------------------------- content */

typedef enum lay_block_kind {
    LAY_BLK_TEXT = 0,
    LAY_BLK_SPACE,  /* vertical space; dropped at the top of a page */
    LAY_BLK_RULE,   /* the red rule under the title block */
    LAY_BLK_TABLE,
    LAY_BLK_CHART,
    LAY_BLK_ANCHOR, /* an outline entry for what follows */
    LAY_BLK_MASTHEAD, /* d->masthead */
    LAY_BLK_COLOPHON  /* d->colophon: placed at the foot of the last page */
} lay_block_kind;

typedef struct lay_block {
    lay_block_kind kind;
    lay_ts ts;          /* TEXT */
    const char *text;   /* TEXT: borrowed from the profile or in the arena */
    const char *where;  /* TEXT: where the text comes from, for messages */
    bool heading;       /* TEXT: keep with the next two lines */
    bool keep_prev;     /* TEXT: no page break before it (a table's note) */
    const char *hang;   /* TEXT: every line starts after this string's width ("注："), */
    bool hang_first;    /* TEXT: … but the first, which begins with that string */
    double height;      /* SPACE, RULE */
    size_t ref;         /* TABLE: tables[ref]; CHART: charts[ref]; ANCHOR: anchors[ref] */
} lay_block;

typedef struct lay_anchor {
    const char *title;
    int level;       /* 1 = top of the outline */
    size_t page;     /* after pagination */
    double y;        /* top of the heading, PDF coordinates */
    bool placed;
} lay_anchor;

/* ---------------------------------------------------------------- layout */

typedef struct lay_glyph {
    uint32_t cp;  /* code point drawn */
    uint32_t gid; /* its glyph id in the face */
    uint16_t width; /* advance in 1/1000 em */
    uint8_t face; /* index into fonts.faces */
    float adv;    /* advance in points at the line's size, without spacing */
    float after;  /* justification after it, points, added to the line's tc (negative: a
                     punctuation mark's blank given up, lay_justify.c) */
} lay_glyph;

/* One line box of text. */
typedef struct lay_line {
    size_t first;  /* glyphs[first .. first+n): the line's ink (trailing spaces dropped) */
    size_t n;
    double x;      /* offset of the first glyph from the box's left edge */
    double size;
    double tc;     /* character spacing: tracking plus justification */
    double width;  /* width as set */
    double baseline; /* from the top of the line box */
    double height;   /* the line box */
} lay_line;

typedef struct lay_table lay_table;
typedef struct lay_chart lay_chart;
typedef struct lay_masthead lay_masthead;
typedef struct lay_colophon lay_colophon;

typedef enum lay_item_kind {
    LAY_IT_LINE = 0,
    LAY_IT_SPACE,
    LAY_IT_RULE,
    LAY_IT_ROW,
    LAY_IT_CHART,
    LAY_IT_ANCHOR,
    LAY_IT_MASTHEAD,
    LAY_IT_COLOPHON /* bottom-anchored: the foot of the last page */
} lay_item_kind;

/* What the paginator stacks: a line, a table row, a chart, a space … */
typedef struct lay_item {
    lay_item_kind kind;
    bool keep_next;   /* no page break between this item and the next */
    bool header;      /* ROW: a header row, repeated on each page the table spans */
    bool repeat_only; /* placed only with a repeated header (the table's 续表 line) */
    double height;
    size_t ref;       /* LINE: lines[ref]; ROW: tables[ref]; CHART: charts[ref]; ANCHOR */
    size_t row;       /* ROW: row of the table */
} lay_item;

typedef struct lay_placed {
    size_t item;
    double top; /* PDF y of the item's top */
} lay_placed;

/* ---------------------------------------------------------------- display lists (lay_dl.c) */

typedef struct lay_rgb {
    float r, g, b; /* 0..1 */
} lay_rgb;

/* One glyph of a run. Glyph i of a run is drawn with its origin at
 * x + Σ_{j<i} (adv_j + tc), on the run's baseline. */
typedef struct lay_dl_glyph {
    uint32_t cp;  /* the character it sets (what text extraction gives) */
    uint32_t gid; /* glyph id in the face's font file (original numbering) */
    float adv;    /* advance in points at the run's size, without spacing */
    uint16_t width; /* the same advance in 1/1000 em, as the font states it */
} lay_dl_glyph;

typedef enum lay_seg_kind {
    LAY_SEG_MOVE = 0,
    LAY_SEG_LINE,
    LAY_SEG_CURVE,
    LAY_SEG_CLOSE
} lay_seg_kind;

/* A path segment: MOVE and LINE use (x[0], y[0]); CURVE is a cubic Bézier with control
 * points 0 and 1 and end point 2. */
typedef struct lay_seg {
    lay_seg_kind kind;
    double x[3], y[3];
} lay_seg;

typedef enum lay_op_kind { LAY_OP_TEXT = 0, LAY_OP_PATH, LAY_OP_ANCHOR } lay_op_kind;

typedef struct lay_op {
    lay_op_kind kind;
    size_t first, n;  /* TEXT: glyphs[first .. first+n); PATH: segs[first .. first+n) */
    /* TEXT */
    uint8_t face;     /* index into fonts.faces */
    double size;      /* points */
    double x, y;      /* origin of the first glyph (baseline) */
    double tc;        /* spacing added after every glyph but the run's last when end_line */
    bool end_line;    /* the run ends its line: no spacing after its last glyph */
    lay_rgb fill;     /* TEXT and filled PATH */
    /* PATH */
    bool do_fill, do_stroke;
    lay_rgb stroke;
    double line_width;
    /* ANCHOR: d->anchors[ref], at height y */
    size_t ref;
} lay_op;

/* The graphics state the builder keeps (GSave/GRestore-like): colours and line width. */
typedef struct lay_gstate {
    lay_rgb fill, stroke;
    double line_width;
} lay_gstate;

/* One page's display list, in drawing order. Owned by its page (lay_dl_free). A failed
 * allocation sets `failed` and later calls do nothing. */
typedef struct lay_dl {
    lay_op *ops;
    size_t n_ops, cap_ops;
    lay_seg *segs;
    size_t n_segs, cap_segs;
    lay_dl_glyph *glyphs;
    size_t n_glyphs, cap_glyphs;
    size_t path_first; /* first segment of the path being built */
    lay_gstate gs, saved[8];
    size_t depth;
    bool failed;
} lay_dl;

void lay_dl_init(lay_dl *dl);
void lay_dl_free(lay_dl *dl);
void lay_dl_save(lay_dl *dl);
void lay_dl_restore(lay_dl *dl);
void lay_dl_fill_rgb(lay_dl *dl, double r, double g, double b);
void lay_dl_stroke_rgb(lay_dl *dl, double r, double g, double b);
void lay_dl_fill_gray(lay_dl *dl, double g);
void lay_dl_stroke_gray(lay_dl *dl, double g);
void lay_dl_line_width(lay_dl *dl, double w);
void lay_dl_move(lay_dl *dl, double x, double y);
void lay_dl_line(lay_dl *dl, double x, double y);
void lay_dl_curve(lay_dl *dl, double x1, double y1, double x2, double y2, double x3, double y3);
void lay_dl_close(lay_dl *dl);
/* A closed rectangle (x, y: lower left), and a circle of four Bézier arcs. */
void lay_dl_rect(lay_dl *dl, double x, double y, double w, double h);
void lay_dl_circle(lay_dl *dl, double cx, double cy, double r);
/* End the path being built: paint it, or drop it. */
void lay_dl_stroke(lay_dl *dl);
void lay_dl_fill(lay_dl *dl);
void lay_dl_fill_stroke(lay_dl *dl);
void lay_dl_end_path(lay_dl *dl);
/* A run of glyphs of one face in the current fill colour. */
void lay_dl_text(lay_dl *dl, uint8_t face, double size, double x, double y, double tc,
                 bool end_line, const lay_dl_glyph *g, size_t n);
void lay_dl_anchor(lay_dl *dl, size_t ref, double y);

typedef struct lay_page {
    size_t first, n; /* placed[first .. first+n) */
    lay_dl dl;       /* what the page shows */
} lay_page;

/* ---------------------------------------------------------------- the document */

typedef struct lay_doc {
    const dossier_host *host;
    dossier_host_ctx *ctx;
    const dossier_profile *p;
    const dossier_brief *brief; /* what the document says (the host's) */
    FcConfig *fc; /* private fontconfig configuration while fonts are being found */
    lay_fontdisk *fontdisk; /* the disk cache while fonts are being found, or NULL */
    lay_font_cache *font_cache; /* the plugin state's, or NULL (no init: nothing kept) */
    dossier_status status; /* first failure */
    lay_style st;
    lay_fonts fonts;
    lay_arena arena;

    lay_block *blocks;
    size_t n_blocks, cap_blocks;
    lay_anchor *anchors;
    size_t n_anchors, cap_anchors;
    lay_table **tables;
    size_t n_tables, cap_tables;
    lay_chart **charts;
    size_t n_charts, cap_charts;
    lay_masthead *masthead; /* at most one of each per brief */
    lay_colophon *colophon;
    lay_glyph *glyphs;
    size_t n_glyphs, cap_glyphs;
    lay_line *lines;
    size_t n_lines, cap_lines;
    lay_item *items;
    size_t n_items, cap_items;
    lay_placed *placed;
    size_t n_placed, cap_placed;
    lay_page *pages;
    bool fullwidth; /* [pdf] punctuation = fullwidth (lay_punct.c) */
    bool sheet; /* the pages are the glyph sheet's (display lists made at once) */
    size_t n_pages, cap_pages;
} lay_doc;

/* Records the first failure (calling host->set_error) and returns `status`. */
dossier_status lay_fail(lay_doc *d, dossier_status status, const char *fmt, ...)
    DOSSIER_PRINTF(3, 4);
/* Appends a zeroed element to a vector of the doc; NULL (and the status recorded) when out
 * of memory. Use through LAY_PUSH(d, name). */
void *lay_vec_push(lay_doc *d, void *vec_ptr, size_t *n, size_t *cap, size_t size);
#define LAY_PUSH(d, name) \
    lay_vec_push((d), &(d)->name, &(d)->n_##name, &(d)->cap_##name, sizeof *(d)->name)

/* lay_style.c */
dossier_status lay_style_resolve(lay_doc *d);
/* Left edge of the text block on page `index` (0-based). */
double lay_style_text_left(const lay_style *st, size_t index);

/* lay_fonts.c */
/* Opens the configured fonts: from d->font_cache when it is ready, else with fontconfig (and
 * fills the cache). */
dossier_status lay_fonts_open(lay_doc *d);
void lay_font_cache_free(lay_font_cache *c);
/* Resolves every character of `text` set in `role` (fallback faces, missing characters). */
dossier_status lay_fonts_use(lay_doc *d, lay_role role, const char *text, const char *where);
/* Family names compare as fontconfig compares them: ignoring ASCII case and blanks. */
bool lay_same_family(const char *a, const char *b);
/* lay_fontdisk.c: the disk cache read (nothing when it is off, stale or not the user's);
 * a family found there (its font file unchanged, naming that family); a family fontconfig
 * found, to keep; the cache written back (when `save` and something was added) and freed. */
void lay_fontdisk_open(lay_fontdisk *c);
bool lay_fontdisk_find(lay_fontdisk *c, const char *family, char **path, unsigned *index);
void lay_fontdisk_put(lay_fontdisk *c, const char *family, const char *path, unsigned index);
void lay_fontdisk_close(lay_fontdisk *c, bool save);

/* lay_subset.c: face k subset with hb-subset to the characters it sets, as a TrueType file
 * (the caller owns the blob); NULL with the failure recorded. A face that sets nothing
 * (hb_set_is_empty(used)) is not to be embedded. With new_gid, *new_gid gets the glyph
 * numbering of the subset: original glyph id → subset glyph id (the caller owns the map). */
hb_blob_t *lay_subset_face(lay_doc *d, size_t k, hb_map_t **new_gid);
/* How `cp` is set in `role`; NULL when it was never registered with lay_fonts_use. */
const lay_glyph_map *lay_fonts_glyph(const lay_fonts *f, lay_role role, uint32_t cp);
void lay_fonts_close(lay_fonts *f);
/* The glyph id and advance (1/1000 em) of cp in face f; false (0, 0) when it has none. */
bool lay_fonts_glyph_of(const lay_face *f, uint32_t cp, uint32_t *gid, uint16_t *width);

/* lay_content.c */
dossier_status lay_content_build(lay_doc *d);
/* Registers the text of every block with the fonts. */
dossier_status lay_content_register_text(lay_doc *d);

/* lay_layout.c */
/* Breaks `text` into lines `width` wide in text style `ts` (the first line `first_indent`
 * narrower); the lines are appended to d->lines (first index and count returned). */
dossier_status lay_layout_text(lay_doc *d, const char *text, const lay_textstyle *ts,
                               double width, double first_indent, size_t *first, size_t *n);
/* Width of a single-line string as set in ts (no breaking). */
double lay_layout_width(lay_doc *d, const char *text, const lay_textstyle *ts);
/* Turns every block into items. */
dossier_status lay_layout_blocks(lay_doc *d);
lay_item *lay_layout_push_item(lay_doc *d, lay_item_kind kind, double height, size_t ref);

/* lay_table.c */
/* A table of the brief; ref in d->tables. */
dossier_status lay_table_build(lay_doc *d, const dossier_brief_table *bt, const char *where,
                               size_t *ref);
dossier_status lay_table_register_text(lay_doc *d, const lay_table *t);
dossier_status lay_table_layout(lay_doc *d, lay_table *t, size_t ref);
/* Draws row `row` with its top at y; `first_on_page` and `last_on_page` decide the rules. */
void lay_table_draw_row(lay_doc *d, lay_dl *dl, const lay_table *t, size_t row,
                        double x, double top, bool first_on_page, bool last_on_page);
/* The items repeated at the top of each page the table continues on: 续表 and the header. */
size_t lay_table_header_items(const lay_table *t, size_t *first_item);
void lay_table_free(lay_table *t);

/* lay_chart.c */
/* A figure of the brief; ref in d->charts. */
dossier_status lay_chart_build(lay_doc *d, const dossier_brief_figure *f, const char *where,
                               size_t *ref);
dossier_status lay_chart_register_text(lay_doc *d, const lay_chart *c);
double lay_chart_height(const lay_doc *d, const lay_chart *c);
void lay_chart_draw(lay_doc *d, lay_dl *dl, const lay_chart *c, double x, double top);
void lay_chart_free(lay_chart *c);

/* lay_masthead.c */
dossier_status lay_masthead_build(lay_doc *d, const dossier_brief_masthead *m);
dossier_status lay_masthead_register_text(lay_doc *d, const lay_masthead *m);
double lay_masthead_height(lay_doc *d, const lay_masthead *m);
void lay_masthead_draw(lay_doc *d, lay_dl *dl, const lay_masthead *m, double x, double top);
void lay_masthead_free(lay_masthead *m);

/* lay_colophon.c */
dossier_status lay_colophon_build(lay_doc *d, const dossier_brief_colophon *c);
dossier_status lay_colophon_register_text(lay_doc *d, const lay_colophon *c);
/* Lays out the lines; the height is what the colophon takes above the text block's bottom. */
dossier_status lay_colophon_layout(lay_doc *d, lay_colophon *c, double *height);
void lay_colophon_draw(lay_doc *d, lay_dl *dl, const lay_colophon *c, double x, double top);
void lay_colophon_free(lay_colophon *c);

/* Red of the masthead, its rules and the title block's rule. */
#define LAY_RED_R 0.85f
#define LAY_RED_G 0.0f
#define LAY_RED_B 0.0f

/* lay_paginate.c */
dossier_status lay_paginate(lay_doc *d);

/* lay_draw.c */
/* Page p's display list (after lay_paginate), into d->pages[p].dl; it also places the
 * page's outline anchors. Backends call it through lay_page_dl. */
dossier_status lay_draw_page(lay_doc *d, size_t p);
/* Draws a laid-out line with the left of its box at x and the top of its box at top. */
void lay_draw_line(lay_doc *d, lay_dl *dl, const lay_line *ln, double x, double top);
/* Draws a single-line string; `align` relative to x (LEFT: starts at x, CENTER: centred on
 * x, RIGHT: ends at x). Returns its width. */
double lay_draw_string(lay_doc *d, lay_dl *dl, const char *text, const lay_textstyle *ts,
                       double x, double baseline, lay_align align);

/* lay_glyphsheet.c */
/* Pages with every character registered with the fonts, per face, one per cell (instead of
 * lay_paginate and lay_draw). */
dossier_status lay_glyphsheet(lay_doc *d);

/* lay_justify.c: what each gap of a justified line may give (标点挤压) or take. */
#define LAY_JUSTIFY_CJK 0.1   /* em: most extra space between two characters, one CJK */
#define LAY_JUSTIFY_MIXED 0.25 /* em: … where CJK meets Latin or a digit, and at a space */
typedef enum lay_jclass { LAY_J_CJK = 0, LAY_J_LATIN, LAY_J_SPACE } lay_jclass;
lay_jclass lay_justify_class(uint32_t cp);
/* Most extra space (points) between a and b at `size`: 0 inside Latin/digit runs. */
double lay_justify_stretch(uint32_t a, uint32_t b, double size);
/* The blank a full-width punctuation mark can give up on its left and right (points). */
void lay_justify_blanks(const lay_doc *d, uint32_t cp, uint8_t face, uint32_t gid,
                        uint16_t width, double size, float *left, float *right);

/* lay_punct.c: s with half-width , ; : ! ? ( ) " next to Chinese characters in their
 * full-width forms (in the arena; s itself when nothing changes; NULL when out of memory). */
const char *lay_punct_fullwidth(lay_doc *d, const char *s);

/* lay_options.c: the options of the layout, ended by a NULL key; a backend copies them in
 * front of its own. */
extern const dossier_option lay_options[];
extern const size_t lay_n_options;

/* lay_doc.c */
/* Runs style, fonts, content and text registration, then — glyph_sheet false — lines and
 * pagination (every page's items and anchors are known; the display lists are drawn page by
 * page by lay_page_dl); or the glyph sheet (its display lists are made at once). */
dossier_status lay_doc_layout(lay_doc *d, bool glyph_sheet);
/* Page p's display list, drawn now, and written to the dump hook with `format`; valid until
 * lay_page_done(d, p). Drawing one page at a time keeps only one display list in memory (a
 * brief of thousands of pages). NULL, with the failure recorded, on failure. */
const lay_dl *lay_page_dl(lay_doc *d, size_t p, const char *format);
/* Releases page p's display list. */
void lay_page_done(lay_doc *d, size_t p);
void lay_doc_free(lay_doc *d);

/* lay_dump.c: when DOSSIER_LAYOUT_DUMP names a file, appends every glyph run of page p
 * (page, face's PostScript name, size, x, y, spacing, and per glyph code point, glyph id,
 * advance in 1/1000 em) to it, for tests that compare the layout with what a backend wrote. */
dossier_status lay_dump_page(lay_doc *d, size_t p, const char *format);

#endif
