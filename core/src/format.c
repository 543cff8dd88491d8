/* format.c — indicator display (see format.h). */
#include "format.h"

#include <string.h>

#include "period.h"
#include "text.h"

typedef enum { Q_BEFORE_NUMBER, Q_BEFORE_UNIT, Q_AFTER_UNIT } qualifier_place;

static const struct {
    const char *word;
    qualifier_place place;
} qualifiers[] = {
    {"约", Q_BEFORE_NUMBER}, {"近", Q_BEFORE_NUMBER}, {"超", Q_BEFORE_NUMBER},
    {"逾", Q_BEFORE_NUMBER}, {"余", Q_BEFORE_UNIT},   {"多", Q_BEFORE_UNIT},
    {"以上", Q_AFTER_UNIT},  {"左右", Q_AFTER_UNIT},  {"强", Q_AFTER_UNIT},
};

static int qualifier_index(const char *q)
{
    for (size_t i = 0; q && i < sizeof qualifiers / sizeof qualifiers[0]; i++)
        if (strcmp(q, qualifiers[i].word) == 0)
            return (int)i;
    return -1;
}

bool format_qualifier_valid(const char *q)
{
    return qualifier_index(q) >= 0;
}

const char *format_qualifier_list(void)
{
    return "约, 近, 超, 逾, 余, 多, 以上, 左右, 强";
}

size_t format_value(const dossier_indicator *ind, char *buf, size_t cap)
{
    return text_join(buf, cap, &ind->value_text, 1);
}

size_t format_figure(const dossier_indicator *ind, char *buf, size_t cap)
{
    int q = qualifier_index(ind->qualifier);
    const char *w = q >= 0 ? qualifiers[q].word : "";
    qualifier_place place = q >= 0 ? qualifiers[q].place : Q_AFTER_UNIT;
    /* A decrease prints as the source writes it: 下降3.2%, 减少5家 (the value is -3.2, -5). */
    const char *decrease = "", *number = ind->value_text;
    if (DOSSIER_HAS_FIELD(ind, dossier_indicator, decrease) && ind->decrease &&
        number[0] == '-') {
        decrease = ind->decrease;
        number++;
    }
    const char *parts[] = {decrease, place == Q_BEFORE_NUMBER ? w : "", number,
                           place == Q_BEFORE_UNIT ? w : "", ind->unit,
                           place == Q_AFTER_UNIT ? w : ""};
    return text_join(buf, cap, parts, sizeof parts / sizeof parts[0]);
}

size_t format_period(const dossier_indicator *ind, char *buf, size_t cap)
{
    period p;
    if (!period_parse(ind->period, &p))
        return text_join(buf, cap, &ind->period, 1);
    return period_format_zh(&p, ind->basis, buf, cap);
}
