/* period.h — the period forms of an indicator ("2019", "2020H1", "2017..2019", …):
 * parsing, ordering and Chinese display. Pure functions, no allocation.
 */
#ifndef DOSSIER_PERIOD_H
#define DOSSIER_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

typedef enum period_unit { PERIOD_YEAR, PERIOD_HALF, PERIOD_QUARTER, PERIOD_MONTH, PERIOD_DAY } period_unit;

typedef struct period_point {
    period_unit unit;
    int year;
    int sub; /* half 1–2, quarter 1–4, month 1–12; 0 for a year */
    int day; /* PERIOD_DAY only */
} period_point;

typedef struct period {
    bool undated;
    bool is_range;
    period_point start, end; /* end == start when not a range */
} period;

/* Parses a period string; false when it is not one of the accepted forms. */
bool period_parse(const char *s, period *out);

/* When s is a range of two valid periods that period_parse refuses, writes why into `why`
 * and returns true. */
bool period_range_problem(const char *s, char *why, size_t cap);

/* Length in months: 12 for a year, 6 a half year, 36 for 2017..2019; 0 undated; -1 for a
 * day or a range of days. */
int period_months(const period *p);

/* A description of the accepted forms, for error messages. */
const char *period_forms(void);

/* Orders periods by start then end; undated periods sort last. */
int period_compare(const period *a, const period *b);

/* Chinese display, e.g. "2020年上半年", "2020年1—5月", "2017—2019年年均"; basis may be NULL.
 * snprintf-style: returns the length the full text needs. */
size_t period_format_zh(const period *p, const char *basis, char *buf, size_t cap);

/* True for the accepted basis words ("annual_average", …). */
bool period_basis_valid(const char *basis);
const char *period_basis_list(void);

#endif
