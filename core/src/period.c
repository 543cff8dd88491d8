/* period.c — period parsing, ordering and display (see period.h). */
#include "period.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static bool point_parse(const char *s, size_t n, period_point *p)
{
    memset(p, 0, sizeof *p);
    if (n < 4 || !digits(s, 4, &p->year) || p->year < 1000)
        return false;
    if (n == 4) {
        p->unit = PERIOD_YEAR;
        return true;
    }
    if (n == 6 && (s[4] == 'H' || s[4] == 'Q')) {
        p->unit = s[4] == 'H' ? PERIOD_HALF : PERIOD_QUARTER;
        p->sub = s[5] - '0';
        return p->sub >= 1 && p->sub <= (s[4] == 'H' ? 2 : 4);
    }
    if ((n == 7 || n == 10) && s[4] == '-' && digits(s + 5, 2, &p->sub) && p->sub >= 1 &&
        p->sub <= 12) {
        p->unit = PERIOD_MONTH;
        if (n == 7)
            return true;
        p->unit = PERIOD_DAY;
        return s[7] == '-' && digits(s + 8, 2, &p->day) && p->day >= 1 &&
               p->day <= days_in_month(p->year, p->sub);
    }
    return false;
}

/* First and last month covered, as year*12+month, so mixed units compare sensibly. */
static int point_first_month(const period_point *p)
{
    switch (p->unit) {
    case PERIOD_YEAR: return p->year * 12 + 1;
    case PERIOD_HALF: return p->year * 12 + (p->sub - 1) * 6 + 1;
    case PERIOD_QUARTER: return p->year * 12 + (p->sub - 1) * 3 + 1;
    default: return p->year * 12 + p->sub;
    }
}

static int point_last_month(const period_point *p)
{
    switch (p->unit) {
    case PERIOD_YEAR: return p->year * 12 + 12;
    case PERIOD_HALF: return p->year * 12 + p->sub * 6;
    case PERIOD_QUARTER: return p->year * 12 + p->sub * 3;
    default: return p->year * 12 + p->sub;
    }
}

bool period_parse(const char *s, period *out)
{
    memset(out, 0, sizeof *out);
    if (strcmp(s, "undated") == 0) {
        out->undated = true;
        return true;
    }
    const char *dots = strstr(s, "..");
    if (!dots) {
        if (!point_parse(s, strlen(s), &out->start))
            return false;
        out->end = out->start;
        return true;
    }
    out->is_range = true;
    if (!point_parse(s, (size_t)(dots - s), &out->start) ||
        !point_parse(dots + 2, strlen(dots + 2), &out->end))
        return false;
    /* A range joins two periods of one form, the earlier first, the second after the first
     * has ended: 2023Q1..2023Q3, 2020-01..2020-05. 2023Q3..2023-09 (a month inside the
     * quarter) and 2019..2020H1 say nothing a reader could check. */
    if (out->start.unit != out->end.unit)
        return false;
    if (out->start.unit == PERIOD_DAY) {
        int c = point_first_month(&out->start) - point_first_month(&out->end);
        return c < 0 || (c == 0 && out->start.day < out->end.day);
    }
    return point_last_month(&out->start) < point_first_month(&out->end);
}

bool period_range_problem(const char *s, char *why, size_t cap)
{
    const char *dots = strstr(s, "..");
    period_point a, b;
    if (!dots || !point_parse(s, (size_t)(dots - s), &a) ||
        !point_parse(dots + 2, strlen(dots + 2), &b))
        return false;
    if (a.unit != b.unit)
        snprintf(why, cap, "the two ends of a range have the same form (2023Q1..2023Q3, "
                 "2020-01..2020-05, 2017..2019)");
    else
        snprintf(why, cap, "a range goes from the earlier period to a later one");
    return true;
}

int period_months(const period *p)
{
    if (p->undated)
        return 0;
    if (p->start.unit == PERIOD_DAY)
        return -1;
    return point_last_month(&p->end) - point_first_month(&p->start) + 1;
}

const char *period_forms(void)
{
    return "YYYY, YYYYH1-2, YYYYQ1-4, YYYY-MM, YYYY-MM-DD, a range START..END of those, "
           "or \"undated\"";
}

int period_compare(const period *a, const period *b)
{
    if (a->undated || b->undated)
        return (int)a->undated - (int)b->undated;
    int d = point_first_month(&a->start) - point_first_month(&b->start);
    if (d == 0)
        d = point_last_month(&a->end) - point_last_month(&b->end);
    if (d == 0)
        d = a->start.day - b->start.day;
    return d;
}

static const char *const half_zh[] = {"", "上半年", "下半年"};
static const char *const quarter_zh[] = {"", "第一季度", "第二季度", "第三季度", "第四季度"};

/* Formats a point; with_year false leaves the year out (for the second half of a range). */
static int point_format(const period_point *p, bool with_year, char *buf, size_t cap)
{
    char year[16] = "";
    if (with_year)
        snprintf(year, sizeof year, "%d年", p->year);
    switch (p->unit) {
    case PERIOD_YEAR: return snprintf(buf, cap, "%s", with_year ? year : "");
    case PERIOD_HALF: return snprintf(buf, cap, "%s%s", year, half_zh[p->sub]);
    case PERIOD_QUARTER: return snprintf(buf, cap, "%s%s", year, quarter_zh[p->sub]);
    case PERIOD_MONTH: return snprintf(buf, cap, "%s%d月", year, p->sub);
    case PERIOD_DAY: return snprintf(buf, cap, "%s%d月%d日", year, p->sub, p->day);
    }
    return 0;
}

size_t period_format_zh(const period *p, const char *basis, char *buf, size_t cap)
{
    char text[160];
    if (p->undated) {
        snprintf(text, sizeof text, "未注明时间");
    } else if (!p->is_range) {
        point_format(&p->start, true, text, sizeof text);
    } else if (p->start.unit == PERIOD_YEAR && p->end.unit == PERIOD_YEAR) {
        snprintf(text, sizeof text, "%d—%d年", p->start.year, p->end.year);
    } else if (p->start.unit == PERIOD_MONTH && p->end.unit == PERIOD_MONTH &&
               p->start.year == p->end.year) {
        snprintf(text, sizeof text, "%d年%d—%d月", p->start.year, p->start.sub, p->end.sub);
    } else {
        char a[48], b[48];
        point_format(&p->start, true, a, sizeof a);
        point_format(&p->end, p->end.year != p->start.year, b, sizeof b);
        snprintf(text, sizeof text, "%s—%s", a, b);
    }
    const char *suffix = "";
    const char *prefix = "";
    if (basis && strcmp(basis, "annual_average") == 0)
        suffix = "年均";
    else if (basis && strcmp(basis, "daily_average") == 0)
        suffix = "日均";
    else if (basis && strcmp(basis, "cumulative") == 0)
        suffix = "累计";
    else if (basis && strcmp(basis, "end_of_period") == 0 && !p->undated) {
        prefix = "截至";
        const period_point *e = &p->end;
        suffix = e->unit == PERIOD_YEAR ? "底" : e->unit == PERIOD_DAY ? "" : "末";
    }
    const char *parts[3] = {prefix, text, suffix};
    if (p->undated && *suffix) { /* "累计（时间未注明）" */
        parts[0] = suffix;
        parts[1] = "（时间未注明）";
        parts[2] = "";
    }
    return text_join(buf, cap, parts, 3);
}

static const char *const basis_words[] = {"annual_average", "daily_average", "end_of_period",
                                          "cumulative"};

bool period_basis_valid(const char *basis)
{
    for (size_t i = 0; i < sizeof basis_words / sizeof basis_words[0]; i++)
        if (strcmp(basis, basis_words[i]) == 0)
            return true;
    return false;
}

const char *period_basis_list(void)
{
    return "annual_average, daily_average, end_of_period, cumulative";
}
