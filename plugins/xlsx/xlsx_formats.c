/* xlsx_formats.c — cell formats and figures: a cache of libxlsxwriter formats keyed by style and
 * number format (so 100,000 indicators share a handful of formats), and the conversion of an
 * indicator into cells: the stated value with a number format built from its precision, unit
 * and qualifier (`"约"#,##0.00"万家"`), and its value in the base unit given by the host
 * (亿元 → 元 × 10^8; % → a fraction shown with a % format).
 *
 * Ownership: the cache owns its keys; the lxw_format objects belong to the workbook.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx.h"

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t format_hash(xw_style style, const char *num_format)
{
    uint64_t h = fnv1a(14695981039346656037ULL, &style, sizeof style);
    return num_format ? fnv1a(h, num_format, strlen(num_format)) : h;
}

static bool same_key(const xw_format_entry *e, xw_style style, const char *num_format)
{
    if (e->style != style)
        return false;
    if (!e->num_format || !num_format)
        return e->num_format == num_format;
    return strcmp(e->num_format, num_format) == 0;
}

static bool formats_grow(xw *x)
{
    size_t cap = x->formats_cap ? x->formats_cap * 2 : 64;
    xw_format_entry *t = calloc(cap, sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < x->formats_cap; i++) {
        xw_format_entry *e = &x->formats[i];
        if (!e->format)
            continue;
        size_t j = (size_t)format_hash(e->style, e->num_format) & (cap - 1);
        while (t[j].format)
            j = (j + 1) & (cap - 1);
        t[j] = *e;
    }
    free(x->formats);
    x->formats = t;
    x->formats_cap = cap;
    return true;
}

static void apply_style(xw *x, lxw_format *f, xw_style style)
{
    format_set_font_name(f, x->font);
    format_set_font_size(f, x->font_size);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    switch (style) {
    case XS_CELL: break;
    case XS_WRAP:
    case XS_PARA: format_set_text_wrap(f); break;
    case XS_HEADER:
        format_set_bold(f);
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        format_set_bg_color(f, 0xDDEBF7);
        format_set_bottom(f, LXW_BORDER_THIN);
        break;
    case XS_TITLE:
        format_set_bold(f);
        format_set_font_size(f, x->font_size + 5);
        format_set_font_color(f, 0x1F4E79);
        break;
    case XS_SUBTITLE:
        format_set_font_size(f, x->font_size + 1);
        format_set_font_color(f, 0x595959);
        break;
    case XS_H1:
        format_set_bold(f);
        format_set_font_size(f, x->font_size + 3);
        format_set_font_color(f, 0x1F4E79);
        format_set_text_wrap(f);
        break;
    case XS_H2:
        format_set_bold(f);
        format_set_font_size(f, x->font_size + 1);
        format_set_text_wrap(f);
        break;
    case XS_H3:
        format_set_bold(f);
        format_set_text_wrap(f);
        break;
    case XS_LABEL: format_set_bold(f); break;
    case XS_NOTE:
        format_set_font_color(f, 0x595959);
        format_set_text_wrap(f);
        break;
    case XS_SECTION:
        format_set_bold(f);
        format_set_font_size(f, x->font_size + 1);
        format_set_font_color(f, 0x1F4E79);
        format_set_bottom(f, LXW_BORDER_THIN);
        break;
    case XS_N: break;
    }
}

lxw_format *xw_format(xw *x, xw_style style, const char *num_format)
{
    if (num_format && !*num_format)
        num_format = NULL;
    if (x->formats_cap) {
        size_t j = (size_t)format_hash(style, num_format) & (x->formats_cap - 1);
        for (; x->formats[j].format; j = (j + 1) & (x->formats_cap - 1))
            if (same_key(&x->formats[j], style, num_format))
                return x->formats[j].format;
    }
    if ((x->formats_len + 1) * 2 > x->formats_cap && !formats_grow(x)) {
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for cell formats");
        return NULL;
    }
    char *key = num_format ? strdup(num_format) : NULL;
    lxw_format *f = workbook_add_format(x->wb);
    if ((num_format && !key) || !f) {
        free(key);
        xw_fail(x, DOSSIER_ERR_NO_MEMORY, "out of memory for cell formats");
        return NULL;
    }
    apply_style(x, f, style);
    if (num_format)
        format_set_num_format(f, num_format);
    size_t j = (size_t)format_hash(style, num_format) & (x->formats_cap - 1);
    while (x->formats[j].format)
        j = (j + 1) & (x->formats_cap - 1);
    x->formats[j] = (xw_format_entry){style, key, f};
    x->formats_len++;
    return f;
}

void xw_formats_free(xw *x)
{
    for (size_t i = 0; i < x->formats_cap; i++)
        free(x->formats[i].num_format);
    free(x->formats);
    x->formats = NULL;
    x->formats_cap = x->formats_len = 0;
}

/* Appends s[0..k) to the NUL-terminated text in buf, cut at cap - 1 bytes as snprintf would. */
static void append_n(char *buf, size_t cap, const char *s, size_t k)
{
    size_t n = strlen(buf);
    if (n + 1 >= cap)
        return;
    if (k > cap - 1 - n)
        k = cap - 1 - n;
    memcpy(buf + n, s, k);
    buf[n + k] = '\0';
}

static void append(char *buf, size_t cap, const char *s)
{
    append_n(buf, cap, s, strlen(s));
}

bool xw_period_year(const char *period, int *year)
{
    if (!period)
        return false;
    const char *dots = strstr(period, "..");
    const char *end = dots ? dots + 2 : period;
    if (strspn(end, "0123456789") < 4)
        return false; /* "undated" */
    *year = (end[0] - '0') * 1000 + (end[1] - '0') * 100 + (end[2] - '0') * 10 + (end[3] - '0');
    return true;
}

void xw_number_format(char *buf, size_t cap, int decimals, bool percent)
{
    if (decimals > 15)
        decimals = 15;
    append(buf, cap, "#,##0");
    if (decimals > 0) {
        append(buf, cap, ".");
        for (int i = 0; i < decimals; i++)
            append(buf, cap, "0");
    }
    if (percent)
        append(buf, cap, "%");
}

void xw_format_literal(char *buf, size_t cap, const char *text)
{
    if (!text || !*text)
        return;
    append(buf, cap, "\"");
    for (const char *c = text; *c;) {
        size_t run = strcspn(c, "\"");
        append_n(buf, cap, c, run);
        c += run;
        if (*c == '"') {
            append(buf, cap, "\"\\\"\""); /* close, escaped quote, reopen */
            c++;
        }
    }
    append(buf, cap, "\"");
}

size_t xw_number_text(double v, int decimals, bool percent, char *buf, size_t cap)
{
    char digits[512];
    if (decimals > 15)
        decimals = 15;
    if (decimals < 0)
        decimals = 0;
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(percent ? v * 100 : v));
    const char *dot = strchr(digits, '.');
    size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits);
    char out[600];
    size_t n = 0;
    if (v < 0 && strspn(digits, "0.") != strlen(digits))
        out[n++] = '-';
    for (size_t i = 0; i < int_len; i++) {
        out[n++] = digits[i];
        size_t left = int_len - i - 1;
        if (left > 0 && left % 3 == 0)
            out[n++] = ',';
    }
    out[n] = '\0';
    if (dot)
        append(out, sizeof out, dot);
    if (percent)
        append(out, sizeof out, "%");
    n = strlen(out);
    if (cap) {
        buf[0] = '\0';
        append_n(buf, cap, out, n);
    }
    return n;
}

/* The decrease word of a negative figure (下降3.2%), or NULL. */
static const char *decrease_of(const dossier_indicator *ind)
{
    if (!DOSSIER_HAS_FIELD(ind, dossier_indicator, decrease) || !ind->decrease ||
        ind->value_text[0] != '-')
        return NULL;
    return ind->decrease;
}

/* The text format_figure puts before and after the number: "约" and "万家" for 约1.79万家
 * (a decrease's word is left out: the number format's negative section says it). */
static void affixes(xw *x, const dossier_indicator *ind, char *pre, size_t pcap, char *suf,
                    size_t scap)
{
    char fig[512];
    x->host->format_figure(ind, fig, sizeof fig);
    const char *word = decrease_of(ind);
    const char *num = word ? ind->value_text + 1 : ind->value_text;
    const char *start = fig;
    if (word && strncmp(fig, word, strlen(word)) == 0)
        start += strlen(word);
    const char *at = strstr(start, num);
    if (!at) {
        pre[0] = '\0';
        snprintf(suf, scap, "%s", ind->unit);
        return;
    }
    snprintf(pre, pcap, "%.*s", (int)(at - start), start);
    snprintf(suf, scap, "%s", at + strlen(num));
}

/* With a decrease word, a format of two sections: the negative one shows the magnitude after
 * the word, as the source prints it (-3.2 shows 下降3.2%). */
static void with_decrease(char *fmt, size_t cap, const char *word)
{
    if (!word)
        return;
    char pos[200];
    snprintf(pos, sizeof pos, "%s", fmt);
    append(fmt, cap, ";");
    xw_format_literal(fmt, cap, word);
    append(fmt, cap, pos);
}

/* `suf` with the unit replaced by `repl` (which may be ""). */
static void replace_unit(const char *suf, const char *unit, const char *repl, char *out,
                         size_t cap)
{
    const char *at = *unit ? strstr(suf, unit) : NULL;
    if (!at) {
        snprintf(out, cap, "%s", suf);
        return;
    }
    snprintf(out, cap, "%.*s%s%s", (int)(at - suf), suf, repl, at + strlen(unit));
}

/* The literal value text scaled by 10^e, parsed as a decimal: "2.6" at e = -2 gives the double
 * nearest to 0.026 (not 2.6 × 0.01, which can differ in the last bit). */
static bool scaled_literal(const char *text, int e, double *out)
{
    if (!text || !*text || strspn(text, "0123456789.-+") != strlen(text))
        return false;
    char buf[128];
    snprintf(buf, sizeof buf, "%se%d", text, e);
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (*end || errno)
        return false;
    *out = v;
    return true;
}

/* A worded figure: a share (六成 is 0.6, shown as its words, with 60% in the base column) or
 * a ratio (text only). */
static void worded_figure(xw *x, const dossier_indicator *ind, xw_figure *f)
{
    if (!ind->has_value) {
        f->text_only = true;
        f->value_width = xw_width(x, f->text);
        return;
    }
    char pre[128], suf[128];
    affixes(x, ind, pre, sizeof pre, suf, sizeof suf);
    xw_format_literal(f->value_format, sizeof f->value_format, f->text);
    snprintf(f->full_format, sizeof f->full_format, "%s", f->value_format);
    f->value_width = f->full_width = xw_width(x, f->text);
    f->has_base = true;
    f->fraction = true;
    f->base_unit = "";
    f->base = ind->value;
    double pct = ind->value * 100;
    int shown = fabs(pct - round(pct)) < 1e-9 ? 0 : 1;
    char num[64];
    xw_format_literal(f->base_format, sizeof f->base_format, pre);
    xw_number_format(f->base_format, sizeof f->base_format, shown, true);
    xw_format_literal(f->base_format, sizeof f->base_format, suf);
    f->base_width = xw_width(x, pre) + xw_number_text(f->base, shown, true, num, sizeof num) +
                    xw_width(x, suf);
}

void xw_figure_make(xw *x, const dossier_indicator *ind, xw_figure *f)
{
    memset(f, 0, sizeof *f);
    f->value = ind->value;
    x->host->format_figure(ind, f->text, sizeof f->text);
    if (DOSSIER_HAS_FIELD(ind, dossier_indicator, form) && ind->form &&
        strcmp(ind->form, "number") != 0) {
        worded_figure(x, ind, f);
        return;
    }
    const char *word = decrease_of(ind);
    char pre[128], suf[128], rest[128];
    affixes(x, ind, pre, sizeof pre, suf, sizeof suf);
    char num[600];
    size_t num_w;
    size_t word_w = word ? xw_width(x, word) : 0;

    const char *base = NULL;
    double factor = 0;
    if (x->host->unit_base(ind->unit, &base, &factor) && base && factor > 0) {
        f->has_base = true;
        f->base_unit = base;
        f->fraction = *base == '\0';
        f->natural_value = f->fraction && fabs(factor - 0.01) > 1e-12;
        int e = (int)lround(log10(factor));
        bool power_of_ten = fabs(pow(10, e) - factor) <= factor * 1e-12;
        if (!power_of_ten || !scaled_literal(ind->value_text, e, &f->base))
            f->base = ind->value * factor;
        int digits = power_of_ten ? ind->decimals - e : ind->decimals;
        if (f->fraction) {
            /* a % format shows the fraction × 100 */
            int shown = digits - 2 < 0 ? 0 : digits - 2;
            replace_unit(suf, ind->unit, "", rest, sizeof rest);
            xw_format_literal(f->base_format, sizeof f->base_format, pre);
            xw_number_format(f->base_format, sizeof f->base_format, shown, true);
            xw_format_literal(f->base_format, sizeof f->base_format, rest);
            num_w = xw_number_text(f->base, shown, true, num, sizeof num);
            f->base_width = xw_width(x, pre) + num_w + xw_width(x, rest) + word_w;
        } else {
            int shown = digits < 0 ? 0 : digits;
            replace_unit(suf, ind->unit, base, rest, sizeof rest);
            xw_format_literal(f->base_format, sizeof f->base_format, pre);
            xw_number_format(f->base_format, sizeof f->base_format, shown, false);
            xw_format_literal(f->base_format, sizeof f->base_format, rest);
            num_w = xw_number_text(f->base, shown, false, num, sizeof num);
            f->base_width = xw_width(x, pre) + num_w + xw_width(x, rest) + word_w;
        }
        with_decrease(f->base_format, sizeof f->base_format, word);
    }

    /* the stated number with everything format_figure prints around it */
    xw_format_literal(f->full_format, sizeof f->full_format, pre);
    xw_number_format(f->full_format, sizeof f->full_format, ind->decimals, false);
    xw_format_literal(f->full_format, sizeof f->full_format, suf);
    num_w = xw_number_text(f->value, ind->decimals, false, num, sizeof num);
    f->full_width = xw_width(x, pre) + num_w + xw_width(x, suf) + word_w;
    with_decrease(f->full_format, sizeof f->full_format, word);
    if (f->fraction) {
        /* the stated number, bare: "7.0" with 单位 "%" beside it; the computable percentage is
         * the base-unit cell */
        xw_number_format(f->value_format, sizeof f->value_format, ind->decimals, false);
        f->value_width = xw_number_text(f->value, ind->decimals, false, num, sizeof num) +
                         word_w;
        with_decrease(f->value_format, sizeof f->value_format, word);
    } else {
        snprintf(f->value_format, sizeof f->value_format, "%s", f->full_format);
        f->value_width = f->full_width;
    }
}

xw_natural xw_figure_natural(const xw_figure *f)
{
    if (f->natural_value)
        return (xw_natural){IC_VALUE, f->value, f->full_format};
    if (f->fraction)
        return (xw_natural){IC_BASE_VALUE, f->base, f->base_format};
    return (xw_natural){IC_VALUE, f->value, f->value_format};
}
