/* units.h — the registry of measurement units a profile may use.
 *
 * Each unit has a symbol as printed after a number ("亿元"), a kind, and the base unit it
 * converts to with a factor (亿元 → 元 × 10^8, % → fraction × 0.01). The table is static;
 * nothing here allocates.
 */
#ifndef DOSSIER_UNITS_H
#define DOSSIER_UNITS_H

#include <stddef.h>

typedef enum unit_kind {
    UNIT_CURRENCY,
    UNIT_COUNT,
    UNIT_PERCENT,
    UNIT_PERCENT_POINT,
    UNIT_AREA,
    UNIT_TIME
} unit_kind;

typedef struct unit_info {
    const char *symbol; /* as printed: "亿元" */
    unit_kind kind;
    const char *base;   /* base unit symbol: "元"; "" for a dimensionless fraction */
    double factor;      /* value in base unit = value × factor */
} unit_info;

/* The unit with this exact symbol, or NULL. */
const unit_info *units_find(const char *symbol);

/* Length in bytes of the longest unit symbol that starts at s (at most len bytes), or 0. */
size_t units_match_prefix(const char *s, size_t len);

/* The whole table, for listing accepted units in messages and documentation. */
const unit_info *units_all(size_t *count);

#endif
