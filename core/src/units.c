/* units.c — the static unit table and lookups (see units.h). */
#include "units.h"

#include <string.h>

static const unit_info unit_table[] = {
    {"万亿元", UNIT_CURRENCY, "元", 1e12},
    {"亿元", UNIT_CURRENCY, "元", 1e8},
    {"万元", UNIT_CURRENCY, "元", 1e4},
    {"元", UNIT_CURRENCY, "元", 1},
    {"亿人民币", UNIT_CURRENCY, "元", 1e8},
    {"亿美元", UNIT_CURRENCY, "美元", 1e8},
    {"万美元", UNIT_CURRENCY, "美元", 1e4},
    {"美元", UNIT_CURRENCY, "美元", 1},
    {"万家", UNIT_COUNT, "家", 1e4},
    {"家", UNIT_COUNT, "家", 1},
    {"万人", UNIT_COUNT, "人", 1e4},
    {"人", UNIT_COUNT, "人", 1},
    {"万个", UNIT_COUNT, "个", 1e4},
    {"个", UNIT_COUNT, "个", 1},
    {"项", UNIT_COUNT, "项", 1},
    {"笔", UNIT_COUNT, "笔", 1},
    {"件", UNIT_COUNT, "件", 1},
    {"所", UNIT_COUNT, "所", 1},
    {"条", UNIT_COUNT, "条", 1},
    {"次", UNIT_COUNT, "次", 1},
    {"%", UNIT_PERCENT, "", 0.01},
    {"‰", UNIT_PERCENT, "", 0.001},
    {"个百分点", UNIT_PERCENT_POINT, "个百分点", 1},
    {"平方公里", UNIT_AREA, "平方公里", 1},
    {"公顷", UNIT_AREA, "公顷", 1},
    {"年", UNIT_TIME, "年", 1},
};

const unit_info *units_all(size_t *count)
{
    *count = sizeof unit_table / sizeof unit_table[0];
    return unit_table;
}

const unit_info *units_find(const char *symbol)
{
    if (!symbol)
        return NULL;
    for (size_t i = 0; i < sizeof unit_table / sizeof unit_table[0]; i++)
        if (strcmp(unit_table[i].symbol, symbol) == 0)
            return &unit_table[i];
    return NULL;
}

size_t units_match_prefix(const char *s, size_t len)
{
    size_t best = 0;
    for (size_t i = 0; i < sizeof unit_table / sizeof unit_table[0]; i++) {
        size_t n = strlen(unit_table[i].symbol);
        if (n > best && n <= len && memcmp(s, unit_table[i].symbol, n) == 0)
            best = n;
    }
    return best;
}
