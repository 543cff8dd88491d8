/* format.h — how indicators are printed: the number with the precision the source states,
 * the qualifier (约/近/余/以上 …) in its place, the unit, and the period. Shared by every
 * format through the host services. snprintf-style functions: they write at most cap bytes
 * including the NUL and return the length the full text needs.
 */
#ifndef DOSSIER_FORMAT_H
#define DOSSIER_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "dossier/model.h"

/* "7926.0" — exactly the profile's literal (normalised when written with an exponent). */
size_t format_value(const dossier_indicator *ind, char *buf, size_t cap);
/* "7926.0亿元", "近50家", "2000余家", "46%以上", "超八成", "21.8:17.4:60.8", "下降3.2%". */
size_t format_figure(const dossier_indicator *ind, char *buf, size_t cap);
/* "2019年", "2020年上半年", "2017—2019年年均". */
size_t format_period(const dossier_indicator *ind, char *buf, size_t cap);

bool format_qualifier_valid(const char *q);
const char *format_qualifier_list(void);

#endif
