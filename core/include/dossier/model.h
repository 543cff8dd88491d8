/* dossier/model.h — the read-only district profile model handed to export plugins.
 *
 * Ownership: every object reachable from a `dossier_profile` is allocated and freed by the
 * core. Plugins receive `const` pointers that stay valid for the duration of the export call
 * and must neither modify nor free them. All strings are NUL-terminated, valid UTF-8 without
 * control characters; optional strings are NULL when absent (never "").
 *
 * ABI rules: every struct here begins with `struct_size` and only grows at the end (new
 * fields in a later ABI minor). Collections are arrays of pointers, so a plugin built against
 * an older header can still index them. Check `struct_size` before reading a field that was
 * added after ABI 1.0 (use DOSSIER_HAS_FIELD).
 */
#ifndef DOSSIER_MODEL_H
#define DOSSIER_MODEL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* True when the struct instance *p is large enough to contain `field`. */
#define DOSSIER_HAS_FIELD(p, type, field) \
    ((p)->struct_size >= offsetof(type, field) + sizeof(((type *)0)->field))

/* A source document the profile was built from (one per seed text). */
typedef struct dossier_source {
    size_t struct_size;
    const char *id;        /* "overview"; unique within the profile */
    const char *title;     /* document title as published */
    const char *publisher; /* optional: publishing body */
    const char *date;      /* optional: publication date, "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
    const char *origin;    /* optional: where the text was taken from (file name or URL) */
} dossier_source;

/* One narrative section; sections nest (一、 → (一) → 一是 …). */
typedef struct dossier_section dossier_section;
struct dossier_section {
    size_t struct_size;
    const char *id;                 /* unique within the profile, e.g. "overview.2.1" */
    const char *marker;             /* optional: "一、", "(一)", "一是"; NULL when unnumbered */
    const char *title;              /* heading text without the marker */
    int level;                      /* 1 for top-level sections, 2 for their children, … */
    const char *const *paragraphs;  /* paragraph texts, in order */
    size_t n_paragraphs;
    const dossier_section *const *children;
    size_t n_children;
};

/* The narrative of one source document. */
typedef struct dossier_document {
    size_t struct_size;
    const dossier_source *source;  /* the source this narrative comes from */
    const char *title;             /* heading of the document's narrative */
    const char *const *paragraphs; /* lead paragraphs before the first section */
    size_t n_paragraphs;
    const dossier_section *const *sections;
    size_t n_sections;
} dossier_document;

/* A unit a profile declares, its base resolved (added in ABI 1.2). */
typedef struct dossier_unit {
    size_t struct_size;
    const char *symbol; /* "万亩" */
    const char *kind;   /* "area" (see dossier_indicator.unit_kind) */
    const char *base;   /* "平方米"; "" for a fraction */
    double factor;      /* value in base = value × factor */
} dossier_unit;

/* One quantitative statement of a source. */
typedef struct dossier_indicator dossier_indicator;
struct dossier_indicator {
    size_t struct_size;
    const char *id;         /* unique within the profile */
    const char *name;       /* Chinese name, e.g. "地区生产总值" */
    const char *name_en;    /* optional English name */
    double value;           /* numeric value in `unit` */
    const char *value_text; /* the figure exactly as written: "7926.0", "-3.2", "六成", "1/4",
                               "21.8:17.4:60.8" */
    int decimals;           /* digits after the decimal point in value_text (0 for integers) */
    const char *unit;       /* a known unit symbol: "亿元", "%", "平方公里", …; "" for a share
                               in words (六成) or a ratio (21.8:17.4:60.8), which have none */
    const char *qualifier;  /* optional: "约", "近", "超", "余", "多", "以上", "左右", "强" */
    const char *period;     /* "2019", "2020H1", "2020-01..2020-05", "2017..2019", "undated" */
    const char *basis;      /* optional: "annual_average", "end_of_period", "cumulative" */
    const char *scope;      /* the area or body the figure is about: "海淀区", "海淀园", … */
    const dossier_source *source;   /* the document stating the figure */
    const dossier_section *section; /* optional: the section stating it */
    const dossier_indicator *base;  /* optional: the indicator a share/growth refers to */
    const char *relation;   /* with base: "share", "growth", "contribution", "difference", "ratio" */
    const char *series;     /* optional: series key grouping one quantity over periods */
    const char *note;       /* optional free text */

    /* Added in ABI 1.2 (check DOSSIER_HAS_FIELD before reading). */
    const char *unit_kind;  /* "currency", "count", "percent", "percentage_points", "area",
                               "time", "mass", "length", "volume", "energy", "power",
                               "concentration", "temperature", "rate", "multiple"; "share"
                               for a share in words or a fraction; "ratio" for a ratio */
    const char *unit_base;  /* base unit the value converts to ("元"); "" for a fraction
                               (%, ‰, 个百分点, shares); NULL for a ratio */
    double unit_factor;     /* value × unit_factor = value in unit_base */
    const char *form;       /* "number" (digits: 7926.0), "share" (六成, 一半, 1/4, 三分之一:
                               value is the fraction 0.6, 0.5, 0.25 …), "ratio"
                               (21.8:17.4:60.8: no single value, see parts) */
    int has_value;          /* 1 when `value` is a number one may compute with (0: a ratio) */
    const double *parts;    /* a ratio's parts (21.8, 17.4, 60.8); NULL otherwise */
    size_t n_parts;
    const char *decrease;   /* optional: "下降", "减少" or "降低", the source's word for a
                               negative value; the figure prints it before the magnitude */
    int period_months;      /* length of the period in months (12 a year, 6 a half year, 36
                               for 2017..2019); 0 undated; -1 a day or a range of days */
    const char *quote;      /* optional: the source sentence stating the figure, verbatim */
};

/* Indicators sharing a `series` key, ordered by period (earliest first). */
typedef struct dossier_series {
    size_t struct_size;
    const char *key;   /* the series key */
    const char *name;  /* name of its first indicator */
    const char *unit;  /* unit of its first indicator */
    const dossier_indicator *const *points;
    size_t n_points;
} dossier_series;

/* A chart the profile asks for: a series, optionally with a second (e.g. growth) series. */
typedef struct dossier_chart {
    size_t struct_size;
    const char *title;
    const dossier_series *series;
    const dossier_series *secondary; /* optional */
} dossier_chart;

typedef struct dossier_profile {
    size_t struct_size;
    const char *path;       /* file the profile was loaded from */
    const char *id;         /* [a-z0-9][a-z0-9_-]*, used for output file names */
    const char *name_zh;
    const char *name_en;    /* optional */
    const char *parent_zh;  /* optional: parent region */
    const char *parent_en;  /* optional */
    const char *as_of;      /* "YYYY-MM-DD" */
    const char *subtitle;   /* optional */
    const dossier_indicator *area;       /* optional: the indicator giving the area */
    const dossier_indicator *population; /* optional: the indicator giving the population */
    const dossier_source *const *sources;
    size_t n_sources;
    const dossier_document *const *documents;
    size_t n_documents;
    const dossier_indicator *const *indicators; /* in profile order */
    size_t n_indicators;
    const dossier_indicator *const *key_figures; /* the profile's selection, or all */
    size_t n_key_figures;
    const dossier_series *const *series; /* every series key, by key; check n_points > 1 */
    size_t n_series;
    const dossier_chart *const *charts;
    size_t n_charts;

    /* Added in ABI 1.2: the units the profile declares (its "units" array), resolved. */
    const dossier_unit *const *units;
    size_t n_units;
} dossier_profile;

#ifdef __cplusplus
}
#endif
#endif /* DOSSIER_MODEL_H */
