/* brief_settings.h — the [brief] section: which template, which parts in which order, which
 * figures and charts, the masthead and colophon fields, the labels. Read once per export from
 * the configuration layers, an optional template file, and the overlapping keys of a format's
 * own section ([pdf] table, [html] charts, [md] english), which win where they are set.
 *
 * Precedence, highest first: the format's own key (only where explicitly set), the [brief]
 * keys of the configuration (-c, --set, DOSSIER_CONFIG, defaults file), the template file's
 * [brief] keys, the built-in template's defaults, the option's default.
 *
 * Ownership: a brief_settings owns every string it holds; brief_settings_free releases them.
 */
#ifndef DOSSIER_BRIEF_SETTINGS_H
#define DOSSIER_BRIEF_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "dossier/brief.h"

/* The [brief] options, for validation, `dossier plugins -v` and config/dossier.ini. */
extern const dossier_option brief_options[];

typedef enum brief_part_id {
    BRIEF_PART_MASTHEAD = 0,
    BRIEF_PART_TITLE,
    BRIEF_PART_FACTS,
    BRIEF_PART_TABLE,
    BRIEF_PART_CHARTS,
    BRIEF_PART_NARRATIVE,
    BRIEF_PART_SOURCES,
    BRIEF_PART_COLOPHON,
    BRIEF_PART_COUNT
} brief_part_id;

typedef enum brief_table_choice { BRIEF_TABLE_KEY, BRIEF_TABLE_ALL, BRIEF_TABLE_NONE } brief_table_choice;

typedef struct brief_settings {
    dossier_brief_template form;
    char *template_name; /* "report" … or the template file as given */
    brief_part_id parts[BRIEF_PART_COUNT];
    size_t n_parts;
    brief_table_choice table;
    char **indicators;   /* explicit table rows (ids), or NULL: the `table` choice decides */
    size_t n_indicators;
    bool charts_all;     /* every chart; else charts[] (1-based numbers) */
    size_t *charts;
    size_t n_charts;
    bool english, cited;
    bool figures_at_mention; /* figures = mention: each figure after its first mention */
    /* masthead and colophon; NULL when not set */
    char *issuer, *name, *issue, *number, *date, *classification;
    char *cc, *report_to, *send_to, *distribute_to, *printer, *print_date;
    long copies;         /* 0: not printed */
    /* labels (never NULL) */
    char *label[32];
} brief_settings;

/* Index of each label in brief_settings.label (same order as dossier_brief_labels). */
enum {
    BRIEF_L_PARENT, BRIEF_L_AS_OF, BRIEF_L_KEY_FIGURES, BRIEF_L_ALL_FIGURES, BRIEF_L_CHARTS,
    BRIEF_L_SOURCES, BRIEF_L_NOTES, BRIEF_L_CITED, BRIEF_L_ORIGIN, BRIEF_L_COL_NAME,
    BRIEF_L_COL_FIGURE, BRIEF_L_COL_PERIOD, BRIEF_L_COL_SCOPE, BRIEF_L_COL_SOURCE,
    BRIEF_L_TABLE, BRIEF_L_FIGURE, BRIEF_L_COUNT
};

/* Reads the settings for exports in `format` (NULL: no format's own keys), whose plugin
 * declares `format_options` (only a key the format declares overrides [brief]). A relative
 * template file is looked up next to the profile (`profile_path`'s folder, may be NULL), then
 * in the working directory. False, with an error naming the key or file, when a value is
 * unusable. */
bool brief_settings_read(const config *cfg, const char *format,
                         const dossier_option *format_options, const char *profile_path,
                         brief_settings *out, diag_list *d);
void brief_settings_free(brief_settings *s);
/* Where a template file named `name` is read from for the profile at profile_path (may be
 * NULL): next to the profile when a regular file is there, else `name` as given. */
void brief_template_path(const char *name, const char *profile_path, char *path, size_t cap);
/* True when two settings compose the same brief. */
bool brief_settings_equal(const brief_settings *a, const brief_settings *b);

#endif
