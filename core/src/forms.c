/* forms.c — worded values: shares in words or fractions, ratios (see forms.h). */
#include "forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 一 … 十 (两 for 二), the numerals shares are written with. */
static int numeral(const char *s, size_t *len)
{
    static const char *const words[] = {"一", "二", "两", "三", "四", "五",
                                        "六", "七", "八", "九", "十"};
    static const int values[] = {1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i]);
        if (strncmp(s, words[i], n) == 0) {
            *len = n;
            return values[i];
        }
    }
    return 0;
}

/* A plain decimal: digits, optionally '.' and digits. Returns its length, 0 when none. */
static size_t decimal(const char *s, double *v)
{
    size_t i = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0)
        return 0;
    if (s[i] == '.') {
        size_t j = i + 1;
        while (s[j] >= '0' && s[j] <= '9')
            j++;
        if (j == i + 1)
            return 0;
        i = j;
    }
    char buf[64];
    if (i >= sizeof buf)
        return 0;
    memcpy(buf, s, i);
    buf[i] = '\0';
    *v = strtod(buf, NULL);
    return i;
}

const char *forms_list(void)
{
    return "a share in words (六成, 一半, 三分之一), a fraction (1/4) or a ratio "
           "(21.8:17.4:60.8)";
}

const char *forms_name(value_form f)
{
    return f == FORM_SHARE ? "share" : f == FORM_RATIO ? "ratio" : "number";
}

bool forms_parse(const char *text, form_value *out, char *why, size_t cap)
{
    memset(out, 0, sizeof *out);
    size_t n;
    /* 六成, 两成 */
    int k = numeral(text, &n);
    if (k && k < 10 && strcmp(text + n, "成") == 0) {
        out->form = FORM_SHARE;
        out->value = k / 10.0;
        return true;
    }
    if (strcmp(text, "一半") == 0 || strcmp(text, "半数") == 0) {
        out->form = FORM_SHARE;
        out->value = 0.5;
        return true;
    }
    /* 三分之一: denominator 分之 numerator */
    if (k) {
        const char *rest = text + n;
        if (strncmp(rest, "分之", strlen("分之")) == 0) {
            size_t m;
            int num = numeral(rest + strlen("分之"), &m);
            if (num && rest[strlen("分之") + m] == '\0') {
                if (num > k) {
                    snprintf(why, cap, "\"%s\" is more than the whole", text);
                    return false;
                }
                out->form = FORM_SHARE;
                out->value = (double)num / k;
                return true;
            }
        }
    }
    /* 1/4, 1/10 */
    double a, b;
    size_t la = decimal(text, &a);
    if (la && text[la] == '/' && !strchr(text, '.')) {
        size_t lb = decimal(text + la + 1, &b);
        if (lb && text[la + 1 + lb] == '\0') {
            if (b == 0 || a > b) {
                snprintf(why, cap, "the fraction \"%s\" is not a share (numerator 0 to the "
                         "denominator, denominator not 0)", text);
                return false;
            }
            out->form = FORM_SHARE;
            out->value = a / b;
            return true;
        }
    }
    /* 21.8:17.4:60.8 (ASCII or full-width colons, as the source writes them) */
    if (la) {
        const char *s = text;
        out->n_parts = 0;
        for (;;) {
            double v;
            size_t l = decimal(s, &v);
            if (!l)
                break;
            if (out->n_parts == FORMS_MAX_PARTS) {
                snprintf(why, cap, "a ratio has at most %d parts", FORMS_MAX_PARTS);
                return false;
            }
            out->parts[out->n_parts++] = v;
            s += l;
            if (*s == '\0') {
                if (out->n_parts < 2)
                    break;
                out->form = FORM_RATIO;
                out->value = 0;
                return true;
            }
            if (*s == ':')
                s++;
            else if (strncmp(s, "：", strlen("：")) == 0)
                s += strlen("：");
            else
                break;
        }
        out->n_parts = 0;
    }
    snprintf(why, cap, "\"%s\" is not a figure dossier can read: write a number as a JSON "
             "number without quotes (e.g. 7926.0), or as text: %s", text, forms_list());
    return false;
}
