/* units.h — the registry of measurement units a profile may use.
 *
 * Each unit has a symbol as printed after a number ("亿元"), a kind, and the base unit it
 * converts to with a factor (亿元 → 元 × 10^8, % → fraction × 0.01). Three layers, looked up
 * in this order: the units a profile declares (its top-level "units" array, held by the
 * profile's model), the units of the configuration (`[core] units_file`, registered once per
 * run with units_register), and the static built-in table.
 */
#ifndef DOSSIER_UNITS_H
#define DOSSIER_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef enum unit_kind {
    UNIT_CURRENCY,
    UNIT_COUNT,
    UNIT_PERCENT,
    UNIT_PERCENT_POINT,
    UNIT_AREA,
    UNIT_TIME,
    UNIT_MASS,
    UNIT_LENGTH,
    UNIT_VOLUME,
    UNIT_ENERGY,
    UNIT_POWER,
    UNIT_CONCENTRATION,
    UNIT_TEMPERATURE,
    UNIT_RATE,
    UNIT_MULTIPLE,
    UNIT_KIND_N
} unit_kind;

typedef struct unit_info {
    const char *symbol; /* as printed: "亿元" */
    unit_kind kind;
    const char *base;   /* base unit symbol: "元"; "" for a dimensionless fraction */
    double factor;      /* value in base unit = value × factor */
} unit_info;

/* The unit with this exact symbol among the configured and built-in units, or NULL. */
const unit_info *units_find(const char *symbol);

/* Length in bytes of the longest unit symbol that starts at s (at most len bytes), or 0. */
size_t units_match_prefix(const char *s, size_t len);

/* The built-in table, for listing accepted units in messages and documentation. */
const unit_info *units_all(size_t *count);

/* "currency", "count", "percent", "percentage_points", "area", …: the kind's name in
 * profiles and configuration. */
const char *units_kind_name(unit_kind k);
bool units_kind_parse(const char *name, unit_kind *out);
/* "currency, count, …" for messages. */
const char *units_kind_list(void);

/* Checks a declared unit against the units known so far (`known`, n of them, then the
 * configured and built-in ones) and fills *out with its base resolved: a base that is itself
 * a known unit of the same kind is followed (万亩 → 亩 × 10^4 → 平方米 × 6666666.67).
 * Returns NULL when it is valid, else why not (a static or `why` string). */
const char *units_resolve(const unit_info *known, size_t n, const char *symbol,
                          const char *kind, const char *base, double factor, unit_info *out,
                          char *why, size_t why_cap);

/* Reads a JSON units file ({"units": [{"symbol", "kind", "base", "factor"}, …]}) and
 * registers its units for the rest of the run; every problem is reported into d (with the
 * file and the JSON path). Returns false on an error. */
bool units_load_file(const char *path, diag_list *d);

/* Registers one unit for the rest of the run (copied). */
bool units_register(const unit_info *u);

/* A number that changes whenever units are registered or forgotten, for results that depend
 * on them (text_brkcache.c). */
unsigned long units_epoch(void);

/* Forgets the registered units (tests). */
void units_reset(void);

#endif
