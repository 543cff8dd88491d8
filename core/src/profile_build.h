/* profile_build.h — private to the profile loader: turns a parsed JSON tree into the model
 * (profile_build.c checks shapes and values field by field) and resolves the references
 * between its parts (profile_link.c: ids, bases, sections, series, charts).
 */
#ifndef DOSSIER_PROFILE_BUILD_H
#define DOSSIER_PROFILE_BUILD_H

#include <jansson.h>

#include "arena.h"
#include "diag.h"
#include "model_store.h"
#include "dossier/model.h"
#include "json_literals.h"
#include "json_read.h"
#include "json_split.h"
#include "units.h"

/* References as written, kept until profile_link resolves them. */
typedef struct indicator_refs {
    const char *path; /* "indicators[3]" */
    const char *document, *section, *base;
} indicator_refs;

typedef struct section_entry {
    const dossier_section *section;
    const char *document; /* source id of its document */
    const char *path;
} section_entry;

typedef struct chart_refs {
    const char *path, *title, *series, *secondary;
} chart_refs;

typedef struct profile_builder {
    arena *a;       /* the model's */
    arena *scratch; /* the build's: paths, references, indexes; freed when it ends */
    diag_list *d;
    const char *file;
    json_literals literals;
    size_t errors_at_start;

    dossier_profile *p;
    indicator_refs *ind_refs; /* parallel to p->indicators */
    section_entry *sections;  /* every section, depth first */
    size_t n_sections, cap_sections;
    const char **document_source_ids; /* parallel to p->documents */
    const char **source_paths;        /* parallel to p->sources */
    const char *fact_area, *fact_population;
    const char **key_ids;
    const char **key_paths;
    size_t n_key_ids;
    chart_refs *charts;
    size_t n_charts;
    unit_info *units; /* the profile's declared units, resolved (parallel to p->units) */
    size_t n_units;
    const char **shared; /* hash set of the texts stored once (store_text), in scratch */
    size_t n_shared, cap_shared;
    const json_split *split; /* indicators parsed one at a time from text; or NULL */
    const char *text;
    bool reparse; /* an element of split is not valid JSON */
} profile_builder;

/* The unit with this symbol: declared by the profile, configured or built in; NULL if none. */
const unit_info *pb_unit(const profile_builder *b, const char *symbol);

/* Builds and links; NULL (after reporting every problem into d) when the profile is invalid.
 * The model is allocated in the batch's shared store while it has room (store may be NULL).
 * With `split` (json_split.h), root is the skeleton and the indicators are parsed one at a
 * time from text; when one of them is not valid JSON, NULL with *reparse set and whatever
 * was reported so far still in d: the caller drops it and parses the whole text. `literals`
 * are root's number literals (json_read.h), taken over: *literals is left empty. */
dossier_profile *profile_build(const char *file, const json_t *root, json_literals *literals,
                               const char *text, const json_split *split, model_store *store,
                               diag_list *d, bool *reparse);

/* Resolves references and builds series; reports problems. Called by profile_build. */
void profile_link(profile_builder *b);

/* Error at a JSON path: "FILE: PATH: error: MESSAGE". */
void pb_error(profile_builder *b, const char *path, const char *fmt, ...) DOSSIER_PRINTF(3, 4);

#endif
