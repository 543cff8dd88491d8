/* test_format.c — how indicators print: value literal, qualifier placement, unit, period and
 * basis (format.c, period.c), period parsing and ordering, snprintf-style truncation.
 *
 * Indicators are built by hand here, so these tests do not depend on the profile loader.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "forms.h"
#include "period.h"
#include "units.h"

static dossier_indicator make(const char *value_text, const char *unit, const char *qualifier,
                              const char *per, const char *basis)
{
    dossier_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.struct_size = sizeof ind;
    ind.id = "x";
    ind.name = "测试";
    ind.value_text = value_text;
    ind.unit = unit;
    ind.qualifier = qualifier;
    ind.period = per;
    ind.basis = basis;
    ind.scope = "海淀区";
    return ind;
}

/* Formats the figure and checks both the text and the returned length. */
static void expect_figure(const char *value_text, const char *unit, const char *qualifier,
                          const char *want)
{
    dossier_indicator ind = make(value_text, unit, qualifier, "2019", NULL);
    char buf[128];
    memset(buf, 'X', sizeof buf);
    size_t n = format_figure(&ind, buf, sizeof buf);
    cr_assert_str_eq(buf, want, "figure %s %s %s", value_text, qualifier ? qualifier : "-", unit);
    cr_assert_eq(n, strlen(want), "returned length for \"%s\"", want);
}

static void expect_period(const char *per, const char *basis, const char *want)
{
    dossier_indicator ind = make("1", "家", NULL, per, basis);
    char buf[128];
    memset(buf, 'X', sizeof buf);
    size_t n = format_period(&ind, buf, sizeof buf);
    cr_assert_str_eq(buf, want, "period \"%s\" basis %s", per, basis ? basis : "(none)");
    cr_assert_eq(n, strlen(want), "returned length for \"%s\"", want);
}

static period parsed(const char *s)
{
    period p;
    cr_assert(period_parse(s, &p), "period_parse(\"%s\") should accept it", s);
    return p;
}

/* ---- values and figures ------------------------------------------------------------- */

Test(format, value_is_the_literal_exactly)
{
    char buf[64];
    dossier_indicator ind = make("7926.0", "亿元", NULL, "2019", NULL);
    ind.value = 7926.0;
    ind.decimals = 1;
    cr_assert_eq(format_value(&ind, buf, sizeof buf), 6);
    cr_assert_str_eq(buf, "7926.0");

    dossier_indicator zeros = make("120.50", "亿元", NULL, "2023", NULL);
    zeros.value = 120.5;
    zeros.decimals = 2;
    format_value(&zeros, buf, sizeof buf);
    cr_assert_str_eq(buf, "120.50", "trailing zeros are the source's precision");
}

Test(format, figure_without_qualifier)
{
    expect_figure("7926.0", "亿元", NULL, "7926.0亿元");
    expect_figure("7.0", "%", NULL, "7.0%");
    expect_figure("430.77", "平方公里", NULL, "430.77平方公里");
    expect_figure("5.6", "个百分点", NULL, "5.6个百分点");
}

Test(format, qualifier_before_the_number)
{
    expect_figure("50", "家", "近", "近50家");
    expect_figure("1", "万家", "近", "近1万家");
    expect_figure("42.6", "万人", "约", "约42.6万人");
    expect_figure("100", "亿元", "超", "超100亿元");
    expect_figure("30", "%", "逾", "逾30%");
}

Test(format, qualifier_between_number_and_unit)
{
    expect_figure("2000", "家", "余", "2000余家");
    expect_figure("150", "家", "余", "150余家");
    expect_figure("20", "项", "多", "20多项");
}

Test(format, qualifier_after_the_unit)
{
    expect_figure("46", "%", "以上", "46%以上");
    expect_figure("71", "%", "左右", "71%左右");
    expect_figure("25", "%", "强", "25%强");
}

Test(format, qualifier_validation)
{
    const char *good[] = {"约", "近", "超", "逾", "余", "多", "以上", "左右", "强"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        cr_assert(format_qualifier_valid(good[i]), "%s is a qualifier", good[i]);
        cr_assert_not_null(strstr(format_qualifier_list(), good[i]),
                           "the list shown in messages names %s", good[i]);
    }
    cr_assert_not(format_qualifier_valid("接近"));
    cr_assert_not(format_qualifier_valid(""));
    cr_assert_not(format_qualifier_valid("约 "));
    cr_assert_not(format_qualifier_valid(NULL));
}

/* ---- periods ------------------------------------------------------------------------ */

Test(format, period_display)
{
    expect_period("2019", NULL, "2019年");
    expect_period("2020H1", NULL, "2020年上半年");
    expect_period("2020H2", NULL, "2020年下半年");
    expect_period("2020Q1", NULL, "2020年第一季度");
    expect_period("2020Q3", NULL, "2020年第三季度");
    expect_period("2020-05", NULL, "2020年5月");
    expect_period("2020-06-30", NULL, "2020年6月30日");
    expect_period("2020-01..2020-05", NULL, "2020年1—5月");
    expect_period("2017..2019", NULL, "2017—2019年");
    expect_period("2019-11..2020-02", NULL, "2019年11月—2020年2月");
    expect_period("undated", NULL, "未注明时间");
}

Test(format, period_with_basis)
{
    expect_period("2017..2019", "annual_average", "2017—2019年年均");
    expect_period("2017..2019", "daily_average", "2017—2019年日均");
    expect_period("2019", "end_of_period", "截至2019年底");
    expect_period("2020-05", "end_of_period", "截至2020年5月末");
    expect_period("2020H1", "end_of_period", "截至2020年上半年末");
    expect_period("2020-06-30", "end_of_period", "截至2020年6月30日");
    expect_period("2016..2019", "cumulative", "2016—2019年累计");
    /* An undated stock has no end to be "as of"; an undated total still says what it is. */
    expect_period("undated", "end_of_period", "未注明时间");
    expect_period("undated", "cumulative", "累计（时间未注明）");
    expect_period("undated", "annual_average", "年均（时间未注明）");
}

Test(format, unparsable_period_prints_as_written)
{
    /* The loader rejects these; the formatter must still not invent a date. */
    expect_period("2019年", NULL, "2019年");
    expect_period("sometime", NULL, "sometime");
}

Test(period, parse_accepts_each_form)
{
    period p = parsed("2019");
    cr_assert_eq(p.start.unit, PERIOD_YEAR);
    cr_assert_eq(p.start.year, 2019);
    cr_assert_not(p.is_range);
    cr_assert_not(p.undated);

    p = parsed("2020H1");
    cr_assert_eq(p.start.unit, PERIOD_HALF);
    cr_assert_eq(p.start.sub, 1);

    p = parsed("2020Q4");
    cr_assert_eq(p.start.unit, PERIOD_QUARTER);
    cr_assert_eq(p.start.sub, 4);

    p = parsed("2020-12");
    cr_assert_eq(p.start.unit, PERIOD_MONTH);
    cr_assert_eq(p.start.sub, 12);

    p = parsed("2020-02-29");
    cr_assert_eq(p.start.unit, PERIOD_DAY);
    cr_assert_eq(p.start.sub, 2);
    cr_assert_eq(p.start.day, 29);

    parsed("2000-02-29"); /* divisible by 400: a leap year */

    p = parsed("2020-01..2020-05");
    cr_assert(p.is_range);
    cr_assert_eq(p.start.sub, 1);
    cr_assert_eq(p.end.sub, 5);

    p = parsed("2017..2019");
    cr_assert(p.is_range);
    cr_assert_eq(p.start.year, 2017);
    cr_assert_eq(p.end.year, 2019);

    p = parsed("undated");
    cr_assert(p.undated);
}

Test(period, parse_rejects_malformed)
{
    const char *bad[] = {
        "2019年",      "2020H3",     "2020H0",      "2020Q5",      "2020-13",
        "2020-00",     "2019-02-29", "1900-02-29",  "2020-04-31",  "2020-01-00",
        "2020..2019",  "2019..2019", "",            "20199",       "201",
        "0999",        "2020-1",     "2020-01-1",   "2020-01-01x", "2019x",
        "2020..",      "..2020",     "2020-0a",     " 2019",       "2019 ",
        "Undated",     "2020h1",     "2020-01..2020-01",
        /* a range joins two periods of one form, the second after the first has ended */
        "2023Q3..2023-09", "2019..2020H1", "2020-01..2020Q2", "2023Q1..2023Q1",
        "2023Q3..2023Q2", "2020-05-31..2020-05-31", "2020H1..2020-12-31",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        period p;
        cr_assert_not(period_parse(bad[i], &p), "period_parse(\"%s\") should reject it",
                      bad[i]);
    }
}

Test(period, compare_orders_by_start_then_end)
{
    /* In series order. A Jan–May range and the first half both start in January 2020; the one
     * that ends first (May before June) sorts first. Undated figures go last. */
    const char *order[] = {"2016",       "2019",   "2020-01", "2020-01..2020-05", "2020H1",
                           "2020-07-01", "2020Q3", "2020H2",  "2021",             "undated"};
    size_t n = sizeof order / sizeof order[0];
    for (size_t i = 0; i < n; i++) {
        period a = parsed(order[i]);
        cr_assert_eq(period_compare(&a, &a), 0, "%s equals itself", order[i]);
        for (size_t j = i + 1; j < n; j++) {
            period b = parsed(order[j]);
            cr_assert_lt(period_compare(&a, &b), 0, "%s < %s", order[i], order[j]);
            cr_assert_gt(period_compare(&b, &a), 0, "%s > %s", order[j], order[i]);
        }
    }
}

Test(period, basis_words)
{
    const char *good[] = {"annual_average", "daily_average", "end_of_period", "cumulative"};
    for (size_t i = 0; i < 4; i++) {
        cr_assert(period_basis_valid(good[i]), "%s", good[i]);
        cr_assert_not_null(strstr(period_basis_list(), good[i]));
    }
    cr_assert_not(period_basis_valid("average"));
    cr_assert_not(period_basis_valid(""));
    cr_assert_not(period_basis_valid("Cumulative"));
}

/* ---- snprintf semantics ------------------------------------------------------------- */

Test(format, truncation_returns_the_full_length)
{
    char buf[4];
    dossier_indicator ind = make("7926.0", "亿元", "近", "2020H1", "end_of_period");

    const char *full = "近7926.0亿元";
    memset(buf, 'X', sizeof buf);
    size_t n = format_figure(&ind, buf, sizeof buf);
    cr_assert_eq(n, strlen(full));
    cr_assert_eq(buf[3], '\0', "the result is NUL-terminated within the cap");
    cr_assert_eq(memcmp(buf, full, 3), 0, "it holds the start of the text");

    memset(buf, 'X', sizeof buf);
    n = format_value(&ind, buf, sizeof buf);
    cr_assert_eq(n, 6);
    cr_assert_str_eq(buf, "792");

    const char *per = "截至2020年上半年末";
    memset(buf, 'X', sizeof buf);
    n = format_period(&ind, buf, sizeof buf);
    cr_assert_eq(n, strlen(per));
    cr_assert_eq(buf[3], '\0');
    cr_assert_eq(memcmp(buf, per, 3), 0);

    /* cap 0: nothing is written, the length is still returned (for sizing a buffer). */
    cr_assert_eq(format_figure(&ind, NULL, 0), strlen(full));
    cr_assert_eq(format_period(&ind, NULL, 0), strlen(per));
    char one = 'X';
    cr_assert_eq(format_value(&ind, &one, 1), 6);
    cr_assert_eq(one, '\0');

    /* Exactly enough room. */
    char exact[64];
    n = format_figure(&ind, exact, strlen(full) + 1);
    cr_assert_str_eq(exact, full);
    cr_assert_eq(n, strlen(full));
}

/* ---- decreases and worded forms ------------------------------------------------------ */

static void expect_decrease(const char *value_text, const char *unit, const char *qualifier,
                            const char *word, const char *want)
{
    dossier_indicator ind = make(value_text, unit, qualifier, "2023", NULL);
    ind.decrease = word;
    char buf[128];
    size_t n = format_figure(&ind, buf, sizeof buf);
    cr_assert_str_eq(buf, want);
    cr_assert_eq(n, strlen(want));
}

Test(format, decreases_print_as_the_source_writes_them)
{
    expect_decrease("-3.2", "%", NULL, "下降", "下降3.2%");
    expect_decrease("-1260", "户", NULL, "减少", "减少1260户");
    expect_decrease("-0.8", "个千分点", NULL, "下降", "下降0.8个千分点");
    expect_decrease("-5", "个百分点", "近", "降低", "降低近5个百分点");
    expect_decrease("-200", "家", "余", "减少", "减少200余家");
    expect_decrease("-3.2", "%", NULL, NULL, "-3.2%"); /* no word: the signed literal */
}

Test(format, worded_figures_print_their_text)
{
    expect_figure("六成", "", NULL, "六成");
    expect_figure("八成", "", "超", "超八成");
    expect_figure("四成", "", "以上", "四成以上");
    expect_figure("一半", "", "左右", "一半左右");
    expect_figure("1/3", "", "近", "近1/3");
    expect_figure("1/4", "", NULL, "1/4");
    expect_figure("1/10", "", "强", "1/10强");
    expect_figure("21.8:17.4:60.8", "", NULL, "21.8:17.4:60.8");
    expect_figure("1.1", "倍", NULL, "1.1倍");
}

static void expect_share(const char *text, double value)
{
    form_value f;
    char why[256];
    cr_assert(forms_parse(text, &f, why, sizeof why), "%s: %s", text, why);
    cr_assert_eq(f.form, FORM_SHARE, "%s is a share", text);
    cr_assert_float_eq(f.value, value, 1e-12, "%s", text);
}

Test(forms, shares_in_words_and_fractions)
{
    expect_share("六成", 0.6);
    expect_share("两成", 0.2);
    expect_share("九成", 0.9);
    expect_share("一半", 0.5);
    expect_share("半数", 0.5);
    expect_share("三分之一", 1.0 / 3);
    expect_share("四分之三", 0.75);
    expect_share("十分之一", 0.1);
    expect_share("1/4", 0.25);
    expect_share("1/10", 0.1);
    expect_share("2/3", 2.0 / 3);
}

Test(forms, ratios)
{
    form_value f;
    char why[256];
    cr_assert(forms_parse("21.8:17.4:60.8", &f, why, sizeof why));
    cr_assert_eq(f.form, FORM_RATIO);
    cr_assert_eq(f.n_parts, 3);
    cr_assert_float_eq(f.parts[0], 21.8, 1e-12);
    cr_assert_float_eq(f.parts[2], 60.8, 1e-12);
    cr_assert(forms_parse("4.1：38.2：57.7", &f, why, sizeof why), "full-width colons");
    cr_assert_eq(f.n_parts, 3);
    cr_assert(forms_parse("1:2", &f, why, sizeof why));
    cr_assert_eq(f.n_parts, 2);
}

Test(forms, refused)
{
    const char *bad[] = {"七成半", "十成", "成", "六", "0/0", "5/4", "1/0", "1.5/3", "21.8:",
                         ":1", "1::2", "21.8:17.4:", "六成多", "一分之二", "1 / 4", "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        form_value f;
        char why[256] = "";
        cr_assert_not(forms_parse(bad[i], &f, why, sizeof why), "\"%s\" is refused", bad[i]);
        cr_assert(why[0], "and says why");
    }
}

/* ---- periods: lengths, ranges ------------------------------------------------------- */

Test(period, lengths_in_months)
{
    const struct {
        const char *s;
        int months;
    } want[] = {
        {"2019", 12},          {"2020H1", 6},   {"2020Q3", 3},   {"2020-05", 1},
        {"2020-05-31", -1},    {"2017..2019", 36}, {"2020-01..2020-05", 5},
        {"2023Q1..2023Q3", 9}, {"undated", 0},  {"2020-01-01..2020-03-31", -1},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        period p = parsed(want[i].s);
        cr_assert_eq(period_months(&p), want[i].months, "%s", want[i].s);
    }
    char why[128];
    cr_assert(period_range_problem("2023Q3..2023-09", why, sizeof why));
    cr_assert_str_eq(why, "the two ends of a range have the same form (2023Q1..2023Q3, "
                          "2020-01..2020-05, 2017..2019)");
    cr_assert(period_range_problem("2019..2018", why, sizeof why));
    cr_assert_str_eq(why, "a range goes from the earlier period to a later one");
    cr_assert_not(period_range_problem("2019年", why, sizeof why));
}

/* ---- the unit table ------------------------------------------------------------------ */

static void expect_unit(const char *symbol, unit_kind kind, const char *base, double factor)
{
    const unit_info *u = units_find(symbol);
    cr_assert_not_null(u, "%s is built in", symbol);
    cr_assert_eq(u->kind, kind, "kind of %s", symbol);
    cr_assert_str_eq(u->base, base, "base of %s", symbol);
    cr_assert_float_eq(u->factor, factor, factor * 1e-12, "factor of %s", symbol);
}

Test(units, every_unit_of_a_bulletin)
{
    /* the units issue 13 lists, each with its kind and factor */
    expect_unit("户", UNIT_COUNT, "户", 1);
    expect_unit("万吨", UNIT_MASS, "吨", 1e4);
    expect_unit("吨", UNIT_MASS, "吨", 1);
    expect_unit("万平方米", UNIT_AREA, "平方米", 1e4);
    expect_unit("平方米", UNIT_AREA, "平方米", 1);
    expect_unit("人次", UNIT_COUNT, "人次", 1);
    expect_unit("万人次", UNIT_COUNT, "人次", 1e4);
    expect_unit("亿人次", UNIT_COUNT, "人次", 1e8);
    expect_unit("辆", UNIT_COUNT, "辆", 1);
    expect_unit("万辆", UNIT_COUNT, "辆", 1e4);
    expect_unit("岁", UNIT_TIME, "岁", 1);
    expect_unit("亿千瓦时", UNIT_ENERGY, "千瓦时", 1e8);
    expect_unit("万千瓦时", UNIT_ENERGY, "千瓦时", 1e4);
    expect_unit("微克/立方米", UNIT_CONCENTRATION, "微克/立方米", 1);
    expect_unit("平方千米", UNIT_AREA, "平方米", 1e6);
    expect_unit("公里", UNIT_LENGTH, "米", 1e3);
    expect_unit("千米", UNIT_LENGTH, "米", 1e3);
    expect_unit("万亩", UNIT_AREA, "平方米", 1e8 / 15);
    expect_unit("亩", UNIT_AREA, "平方米", 1e4 / 15);
    expect_unit("头", UNIT_COUNT, "头", 1);
    expect_unit("万头", UNIT_COUNT, "头", 1e4);
    expect_unit("张", UNIT_COUNT, "张", 1);
    expect_unit("倍", UNIT_MULTIPLE, "倍", 1);
    expect_unit("个千分点", UNIT_PERCENT_POINT, "", 0.001);
    expect_unit("天", UNIT_TIME, "天", 1);
    expect_unit("℃", UNIT_TEMPERATURE, "℃", 1);
    expect_unit("元/人", UNIT_RATE, "元/人", 1);
    expect_unit("立方米", UNIT_VOLUME, "立方米", 1);
    expect_unit("千公顷", UNIT_AREA, "平方米", 1e7);
    expect_unit("万标准箱", UNIT_COUNT, "标准箱", 1e4);
    /* fractions and their differences share one base, so % and 个百分点 agree */
    expect_unit("%", UNIT_PERCENT, "", 0.01);
    expect_unit("‰", UNIT_PERCENT, "", 0.001);
    expect_unit("个百分点", UNIT_PERCENT_POINT, "", 0.01);
    /* 平方千米 and 平方公里 are one unit under two names */
    const unit_info *a = units_find("平方千米"), *b = units_find("平方公里");
    cr_assert_eq(a->kind, b->kind);
    cr_assert_str_eq(a->base, b->base);
    cr_assert_float_eq(a->factor, b->factor, 1e-9);
}

Test(units, declared_units_resolve_through_their_base)
{
    unit_info u;
    char why[256];
    cr_assert_null(units_resolve(NULL, 0, "万亩", "area", "亩", 1e4, &u, why, sizeof why));
    cr_assert_str_eq(u.base, "平方米");
    cr_assert_null(units_resolve(NULL, 0, "株", "count", "株", 1, &u, why, sizeof why));
    unit_info known[] = {u};
    cr_assert_null(units_resolve(known, 1, "万株", "count", "株", 1e4, &u, why, sizeof why));
    cr_assert_str_eq(u.base, "株");
    cr_assert_float_eq(u.factor, 1e4, 1e-9);
    cr_assert_null(units_resolve(NULL, 0, "平方千米", "area", "平方米", 1e6, &u, why, sizeof why),
                   "a declaration that repeats a built-in unit is harmless");
    cr_assert_not_null(units_resolve(NULL, 0, "平方千米", "area", "平方米", 1e3, &u, why,
                                     sizeof why));
    cr_assert_not_null(units_resolve(NULL, 0, "株 ", "count", "株", 1, &u, why, sizeof why));
    cr_assert_not_null(units_resolve(NULL, 0, "株", "count", "株", -1, &u, why, sizeof why));
    cr_assert_not_null(units_resolve(NULL, 0, "株", "plants", "株", 1, &u, why, sizeof why));
    size_t n;
    units_all(&n);
    cr_assert_geq(n, 90, "a bulletin's units are built in");
}
