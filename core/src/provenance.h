/* provenance.h — checks of `dossier validate` beyond loading: every figure traced to its
 * source text (--sources DIR), and series or charts that mix unlike periods. Diagnostics are
 * values (warnings into a diag_list); nothing here prints.
 */
#ifndef DOSSIER_PROVENANCE_H
#define DOSSIER_PROVENANCE_H

#include <stddef.h>

#include "diag.h"
#include "dossier/model.h"

/* Looks for each indicator's figure (value as printed, unit, qualifier; blanks ignored) in its
 * quote, and the quote in the source text DIR/<origin> (else the figure in the text). One
 * warning per figure it cannot trace; returns how many. */
size_t provenance_check(const dossier_profile *p, const char *dir, diag_list *d);

/* A warning for each series with points of unlike periods (another length or basis), naming
 * the charts that draw it; returns how many. */
size_t provenance_unlike_periods(const dossier_profile *p, diag_list *d);

#endif
