/* config.h — dossier's configuration: INI files (iniparser) and --set overrides layered over
 * built-in defaults, validated against the options the core and each plugin declare.
 *
 * A config owns copies of every section, key, value and origin string; config_free releases
 * them. Section and key names are case-insensitive (stored lower-case, as iniparser does).
 * Precedence is the order of loading: a later config_load_file / config_set_arg replaces an
 * earlier value of the same key. Nothing is printed: problems go to a diag_list.
 */
#ifndef DOSSIER_CONFIG_H
#define DOSSIER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "dossier/plugin.h"

typedef struct config_entry {
    char *section, *key, *value;
    char *origin; /* file name, or "--set" */
    int line;     /* 0 when not from a file */
} config_entry;

typedef struct config {
    config_entry *items;
    size_t count, cap;
} config;

/* The options of one section, for validation and defaults. */
typedef struct config_section_schema {
    const char *name;
    const dossier_option *options; /* terminated by a NULL key */
} config_section_schema;

typedef enum config_status {
    CONFIG_OK = 0,
    CONFIG_UNREADABLE, /* the file cannot be opened */
    CONFIG_INVALID     /* syntax error, bad value, malformed --set */
} config_status;

void config_init(config *c);
void config_free(config *c);

/* Adds every key of an INI file (an unreadable or malformed file adds nothing). */
config_status config_load_file(config *c, const char *path, diag_list *d);
/* Adds one "SECTION.KEY=VALUE" override. */
config_status config_set_arg(config *c, const char *arg, diag_list *d);
/* Adds or replaces one value. */
void config_put(config *c, const char *section, const char *key, const char *value,
                const char *origin, int line);

const config_entry *config_find(const config *c, const char *section, const char *key);

/* The path of [core] units_file as the run reads it: relative to the file that sets it (to the
 * working directory when it comes from --set). False when it is not set. */
bool config_units_file(const config *c, char *path, size_t cap);

/* The core's own options: the [core] section. */
extern const dossier_option config_core_options[];

/* Warns about keys and sections that no schema declares (naming file, line and the accepted
 * keys) and reports values that do not parse or are out of range as errors. Returns false
 * when there was at least one error. */
bool config_validate(const config *c, const config_section_schema *schemas, size_t n,
                     diag_list *d);

/* The value of a declared option: the configured one or the option's default. */
const char *config_value(const config *c, const char *section, const dossier_option *opt);
const dossier_option *config_option_find(const dossier_option *options, const char *key);

/* A value as it can be shown in a message (at most 60 characters, control bytes as \xHH). */
void config_quote(const char *value, char *out, size_t cap);

/* Parses a value of an option's type; false (with a reason in why) when it is not valid. */
bool config_parse_long(const dossier_option *opt, const char *value, long *out, char *why,
                       size_t cap);
bool config_parse_bool(const char *value, int *out);
bool config_parse_number(const dossier_option *opt, const char *value, double *out, char *why,
                         size_t cap);
bool config_check_value(const dossier_option *opt, const char *value, char *why, size_t cap);

#endif
