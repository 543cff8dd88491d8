/* figure_match.h — finding a figure in prose as its source writes it: the one reading of
 * "this text states this indicator", shared by `dossier validate --sources` (provenance.c)
 * and the brief's figure placement (brief_mention.c).
 *
 * Ownership: figure_squeeze returns a malloc'd string the caller frees; figure_in borrows.
 */
#ifndef DOSSIER_FIGURE_MATCH_H
#define DOSSIER_FIGURE_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "dossier/model.h"

/* The first len bytes of s with blanks (ASCII, U+3000, U+00A0) and line breaks removed, so
 * that 「1.84 万亿元」 compares equal to 1.84万亿元; malloc'd (aborts when out of memory). */
char *figure_squeeze(const char *s, size_t len);

/* True when `hay` (squeezed) states the figure of ind: its value as printed with its unit and
 * qualifier (7926.0亿元, 约1.79万家), not inside a longer number (2.6% is not in 22.6%);
 * 近万家 for 1 万家 with 近; the magnitude with the source's word for a decrease (下降了3.2%);
 * or a hedge governing a share phrase (约占北京市总面积的2.6%). */
bool figure_in(const dossier_indicator *ind, const char *hay);

#endif
