/* test_format.c — how indicators print: value literal, qualifier placement, unit, period and
 * basis (format.c, period.c), period parsing and ordering, snprintf-style truncation.
 *
 * Indicators are built by hand here, so these tests do not depend on the profile loader.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "period.h"

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
