/* dossier/brief.h — the brief: one format-neutral document tree, composed once by the core from
 * a profile and the [brief] settings, and rendered by every document format (pdf, html, md,
 * txt, and plugins built elsewhere). It plays the part of cmark's node tree: the composer
 * decides what the brief says, in which order, with which labels, numbers, notes and markers;
 * a renderer decides only how its format says it.
 *
 * Shape (every node is a dossier_brief_node; `kind` says which payload pointer is set):
 *
 *   brief
 *   ├─ MASTHEAD        版头 (公文) / 报头 (简报): node->masthead            [official, bulletin]
 *   ├─ TITLE           the title block: node->title
 *   ├─ FACTS           children: FACT (所属, area, population …): node->fact
 *   ├─ SECTION part=TABLE     HEADING, TABLE (node->table, with its notes)
 *   ├─ SECTION part=CHARTS    HEADING, FIGURE… (node->figure, data paired by period)
 *   ├─ SECTION part=DOCUMENT  HEADING (the document's title), PARAGRAPH…, FIGURE…, SECTION…
 *   │    └─ SECTION part=DOCUMENT  HEADING (一、 / (一)), PARAGRAPH…, FIGURE…, SECTION…
 *   │         └─ PARAGRAPH with a run-in lead (一是…) — items that are run in get no SECTION
 *   │    A FIGURE stands right after the paragraph that first mentions it ([brief] figures =
 *   │    mention, the default; after the enumeration of run-in items that paragraph is part
 *   │    of); the charts part keeps the figures the text does not mention, and all of them
 *   │    with figures = part. A renderer prints a FIGURE wherever it stands.
 *   ├─ SECTION part=SOURCES   HEADING, SOURCE… (node->source)
 *   └─ COLOPHON        版记 (公文) / 报尾 (简报): node->colophon                  [official, bulletin]
 *
 * The top-level nodes follow the configured `parts` order; a part with nothing to say is left
 * out (no heading without content). The masthead, when there is one, is always first and the
 * colophon always last (the composer refuses another order). Heading levels are outline levels: 1 for the parts and
 * each document's title, 2 for a document's 一、 sections, 3 for (一), and so on.
 *
 * Text: every string is NUL-terminated UTF-8 without control characters, plain text (no markup;
 * a renderer escapes it for its format). Figures are already formatted as the source states
 * them ("7926.0亿元", "约1.79万家"). Optional strings are NULL when absent, never "".
 *
 * Ownership: the host owns the brief and everything reachable from it; it lives for the
 * export call it is passed to. Plugins never modify or free it. Pointers into the model
 * (dossier_indicator, dossier_source, dossier_chart) are the profile's, valid as long.
 *
 * ABI: added in plugin ABI 1.1 (dossier_export_args.brief). Every struct starts with
 * struct_size and only grows at the end; check DOSSIER_HAS_FIELD before reading a field added
 * later. Enums only gain values at the end: a renderer skips a node kind it does not know.
 */
#ifndef DOSSIER_BRIEF_H
#define DOSSIER_BRIEF_H

#include <stddef.h>

#include "dossier/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The built-in forms of a brief. */
typedef enum dossier_brief_template {
    DOSSIER_TEMPLATE_REPORT = 0,   /* the district brief: title block, figures, narrative */
    DOSSIER_TEMPLATE_BULLETIN = 1, /* 简报: 报头 (name, 期号, 编印单位, date) and 报尾 */
    DOSSIER_TEMPLATE_OFFICIAL = 2  /* 公文 after GB/T 9704-2012: 版头 and 版记 */
} dossier_brief_template;

typedef enum dossier_brief_kind {
    DOSSIER_NODE_MASTHEAD = 0, /* node->masthead */
    DOSSIER_NODE_TITLE = 1,    /* node->title */
    DOSSIER_NODE_FACTS = 2,    /* children: FACT */
    DOSSIER_NODE_FACT = 3,     /* node->fact */
    DOSSIER_NODE_SECTION = 4,  /* node->section; children: HEADING first, then the content */
    DOSSIER_NODE_HEADING = 5,  /* node->heading */
    DOSSIER_NODE_PARAGRAPH = 6, /* node->paragraph */
    DOSSIER_NODE_TABLE = 7,    /* node->table */
    DOSSIER_NODE_FIGURE = 8,   /* node->figure (a chart) */
    DOSSIER_NODE_SOURCE = 9,   /* node->source: one entry of the sources list */
    DOSSIER_NODE_COLOPHON = 10 /* node->colophon */
} dossier_brief_kind;

/* What a top-level SECTION holds (and, for nested sections, the part they belong to). */
typedef enum dossier_brief_part {
    DOSSIER_PART_NONE = 0,
    DOSSIER_PART_TABLE = 1,    /* the key-figures table */
    DOSSIER_PART_CHARTS = 2,   /* the charts */
    DOSSIER_PART_DOCUMENT = 3, /* one source document's narrative */
    DOSSIER_PART_SOURCES = 4   /* the sources and the figures taken from each */
} dossier_brief_part;

/* Column alignment of table cells (numbers right, so that their digits line up). */
typedef enum dossier_brief_align {
    DOSSIER_ALIGN_LEFT = 0,
    DOSSIER_ALIGN_RIGHT = 1,
    DOSSIER_ALIGN_CENTER = 2
} dossier_brief_align;

/* A caveat the profile records about a figure (its `note`), or one the composer adds (a
 * period unlike its neighbours'). Shown next to the figure by its marker, and in full in the
 * notes under the table or figure. */
typedef struct dossier_brief_note {
    size_t struct_size;
    const char *marker;                 /* "①" … "⑩", then "(11)" (GBK has ①–⑩ only); NULL
                                           for a general note */
    const char *text;                   /* "初步核算" — without the marker, ends as written */
    const dossier_indicator *indicator; /* the figure it qualifies, or NULL */
    size_t number;                      /* 1-based place in brief->notes; 0 for a general note */
} dossier_brief_note;

/* 版头 / 报头. Only the fields the template prints are set. */
typedef struct dossier_brief_masthead {
    size_t struct_size;
    dossier_brief_template form;   /* OFFICIAL or BULLETIN */
    const char *classification;    /* optional: "内部资料　注意保存" (top left) */
    const char *name;              /* 发文机关标志 "北京市海淀区人民政府文件" / 简报名称 "海淀区情简报";
                                      printed large, in red */
    const char *issue;             /* bulletin: "第3期" (centred under the name) */
    const char *number;            /* official: 发文字号 "海政发〔2020〕12号" (centred over the rule) */
    const char *issuer;            /* bulletin: 编印单位 "海淀区统计局编" (left, over the rule) */
    const char *date;              /* bulletin: "2020年6月30日" (right, over the rule) */
} dossier_brief_masthead;

/* The title block. */
typedef struct dossier_brief_title {
    size_t struct_size;
    const char *title;    /* "海淀区" */
    const char *name_en;  /* optional: "Haidian District" (when [brief] english is on) */
    const char *subtitle; /* optional: "区情概览与创新创业发展" */
    const char *dateline; /* optional: "资料截至2020年6月30日" (the renderer may bracket it) */
} dossier_brief_title;

/* One identity fact: "所属：北京市（Beijing）", "区域面积：430.77平方公里（2019年）". */
typedef struct dossier_brief_fact {
    size_t struct_size;
    const char *label;                  /* "所属", or the indicator's name */
    const char *text;                   /* "北京市", "430.77平方公里" */
    const char *detail;                 /* optional, shown in brackets after text: "Beijing",
                                           "2019年" (the period, unless undated), and the
                                           indicator's note in full: "2019年；初步核算" */
    const dossier_brief_note *note;     /* reserved: NULL (a fact's note is in `detail`, so it
                                           needs no marker) */
    const dossier_indicator *indicator; /* optional: the figure stated */
} dossier_brief_fact;

typedef struct dossier_brief_section {
    size_t struct_size;
    dossier_brief_part part;
    const dossier_document *document; /* DOCUMENT: the narrative's document */
    const dossier_section *section;   /* a nested section: the profile's section */
} dossier_brief_section;

typedef struct dossier_brief_heading {
    size_t struct_size;
    int level;          /* outline level: 1 = a part or a document's title; 2 = 一、; 3 = (一) … */
    int section_level;  /* the profile section's level (1 for 一、), 0 for parts and documents */
    const char *marker; /* optional: "一、", "(一)" */
    const char *title;  /* heading text without the marker */
    const char *text;   /* marker and title as one string: "一、基本情况" (for outlines) */
} dossier_brief_heading;

typedef struct dossier_brief_paragraph {
    size_t struct_size;
    const char *lead; /* optional: a run-in lead set in bold (or the heading face), which opens
                         the paragraph: "一是优化政务服务环境。" — the 。 already added */
    const char *text; /* the paragraph after the lead ("" only when the item has no text) */
} dossier_brief_paragraph;

/* One column of a table. */
typedef struct dossier_brief_column {
    size_t struct_size;
    const char *label;         /* "指标", "数值", "时期", "范围", "来源" */
    dossier_brief_align align;
    int wraps;                 /* the cells may be broken across lines (never for numbers) */
} dossier_brief_column;

/* One cell; `note` set where a note qualifies the cell's figure (render its marker after
 * the text, superscript where the format can). */
typedef struct dossier_brief_cell {
    size_t struct_size;
    const char *text;
    const dossier_brief_note *note; /* optional */
} dossier_brief_cell;

typedef struct dossier_brief_row {
    size_t struct_size;
    const dossier_indicator *indicator; /* the figure of this row */
    const dossier_brief_cell *const *cells; /* n_columns of them */
    const char *value;   /* the number of the figure cell as written in the profile ("7926.0"),
                            for formats that can carry it as data */
} dossier_brief_row;

typedef struct dossier_brief_table {
    size_t struct_size;
    const char *caption; /* optional: "表1　主要指标" */
    const dossier_brief_column *const *columns;
    size_t n_columns;
    size_t figure_column; /* index of the column holding the figures */
    const dossier_brief_row *const *rows;
    size_t n_rows;
    const char *notes_label; /* "注" — the notes are printed as "注：①初步核算；②…" or as a list */
    const dossier_brief_note *const *notes; /* general notes first (marker NULL), then numbered */
    size_t n_notes;
} dossier_brief_table;

/* One category of a chart: a period, with the primary and (optional) secondary figure of it. */
typedef struct dossier_brief_point {
    size_t struct_size;
    const char *category;                 /* the period as printed: "2019年", "2020年上半年" */
    const dossier_indicator *primary;     /* may be NULL when only the secondary has the period */
    const char *label;                    /* the primary's value label without the series unit
                                             ("7926.0"; "22.4%"; another unit in full); "" when
                                             only the secondary series has this period */
    double value;                         /* primary in the series' unit (converted) */
    int has_value;                        /* 0 when there is no primary or it cannot convert */
    const dossier_indicator *secondary;   /* optional: the secondary figure of the same period */
    const char *label2;                   /* its full figure: "6.1%" */
    double value2;
    int has_value2;
    const dossier_brief_note *note;       /* optional: the primary figure's note */
    const dossier_brief_note *note2;      /* optional: the secondary figure's note */
    const dossier_brief_note *unlike_note; /* set with `unlike`: why the period stands apart */
    int unlike;                           /* the period's kind or length differs from most of the
                                             others (a half-year among years): draw it apart and
                                             never join it to its neighbours with a line */
} dossier_brief_point;

typedef struct dossier_brief_figure {
    size_t struct_size;
    int number;                 /* 1-based among the brief's figures, in reading order */
    const char *caption;        /* "图1　地区生产总值" */
    const char *title;          /* "地区生产总值" */
    const dossier_chart *chart; /* the profile's chart */
    const char *unit;           /* the primary series' unit: "亿元" */
    const char *unit_label;     /* "单位：亿元" (single series) or NULL */
    const char *legend;         /* with a secondary series: "地区生产总值（亿元）" */
    const char *unit2;          /* optional: the secondary series' unit */
    const char *legend2;        /* optional: "地区生产总值增速（%）" */
    const dossier_brief_point *const *points; /* in period order */
    size_t n_points;
    const char *notes_label;    /* "注" */
    const dossier_brief_note *const *notes;
    size_t n_notes;
} dossier_brief_figure;

/* One entry of the sources list. */
typedef struct dossier_brief_source {
    size_t struct_size;
    const dossier_source *source;
    const char *marker; /* "[1]" — the same number as in the table's 来源 column */
    const char *text;   /* "《海淀区》，北京市发展和改革委员会，原文：000_….txt。" */
    const char *link;   /* optional: a URL that appears verbatim in text (make it a link) */
    const char *cited;  /* optional: "所引数据：地区生产总值7926.0亿元（2019年，一、…）；…。" */
} dossier_brief_source;

/* One line of a colophon: "抄送：区委办公室，区人大常委会办公室。" or "报：…". */
typedef struct dossier_brief_line {
    size_t struct_size;
    const char *label; /* "抄送", "报", "送", "发" */
    const char *text;
} dossier_brief_line;

/* 版记 (公文) / 报尾 (简报), at the foot of the last page: the lines, then a last line with
 * `left` at the left edge and `right` at the right edge. */
typedef struct dossier_brief_colophon {
    size_t struct_size;
    dossier_brief_template form;
    const dossier_brief_line *const *lines;
    size_t n_lines;
    const char *left;  /* official: 印发机关 "北京市海淀区人民政府办公室"; bulletin: NULL */
    const char *right; /* official: "2020年6月30日印发"; bulletin: "（共印50份）" */
} dossier_brief_colophon;

typedef struct dossier_brief_node dossier_brief_node;
struct dossier_brief_node {
    size_t struct_size;
    dossier_brief_kind kind;
    const char *id;    /* unique in the brief (a profile section named like a part gets "-2"):
                          an anchor for links and outlines; the profile's ids where they exist */
    const char *where; /* where it comes from in the profile ("documents[0].sections[1]"), for
                          messages; may be NULL */
    const dossier_brief_node *const *children;
    size_t n_children;
    /* The payload of `kind`; the others are NULL. */
    const dossier_brief_masthead *masthead;
    const dossier_brief_title *title;
    const dossier_brief_fact *fact;
    const dossier_brief_section *section;
    const dossier_brief_heading *heading;
    const dossier_brief_paragraph *paragraph;
    const dossier_brief_table *table;
    const dossier_brief_figure *figure;
    const dossier_brief_source *source;
    const dossier_brief_colophon *colophon;
};

/* The labels the brief prints, from [brief] label_* (defaults in brackets). */
typedef struct dossier_brief_labels {
    size_t struct_size;
    const char *parent;        /* 所属 */
    const char *as_of;         /* 资料截至 */
    const char *key_figures;   /* 主要指标 (table = key) */
    const char *all_figures;   /* 指标 (table = all) */
    const char *charts;        /* 图表 */
    const char *sources;       /* 资料来源 */
    const char *notes;         /* 注 */
    const char *cited;         /* 所引数据 */
    const char *origin;        /* 原文 */
    const char *col_name, *col_figure, *col_period, *col_scope, *col_source; /* 指标 数值 时期 范围 来源 */
    const char *table_prefix;  /* 表 (captions "表1") */
    const char *figure_prefix; /* 图 (captions "图1") */
} dossier_brief_labels;

typedef struct dossier_brief {
    size_t struct_size;
    dossier_brief_template form;
    const char *template_name;   /* "report", "bulletin", "official", or the template file */
    const dossier_profile *profile;
    const char *title;           /* document title for metadata: "海淀区　区情概览与创新创业发展" */
    const char *subject;         /* optional, for metadata */
    const char *author;          /* optional: the issuing body, for metadata */
    const char *date;            /* the brief's date, "2020年6月30日" (masthead and colophon) */
    const char *date_iso;        /* the same as "2020-06-30" */
    long long timestamp;         /* seconds since 1970 (UTC) for every format that stores a time:
                                    SOURCE_DATE_EPOCH when set, else the profile's as-of date */
    const dossier_brief_labels *labels;
    const dossier_brief_node *const *nodes; /* the top-level nodes, in the configured order */
    size_t n_nodes;
    const dossier_brief_note *const *notes; /* every numbered note of the brief, in order */
    size_t n_notes;
    int timestamp_from_env;      /* timestamp came from SOURCE_DATE_EPOCH (else the as-of date) */
} dossier_brief;

#ifdef __cplusplus
}
#endif
#endif /* DOSSIER_BRIEF_H */
