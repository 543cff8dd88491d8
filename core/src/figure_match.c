/* figure_match.c — a figure found in prose as its source writes it (see figure_match.h). */
#include "figure_match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

char *figure_squeeze(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (!out)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            i++;
        } else if (i + 3 <= len && memcmp(s + i, "\xE3\x80\x80", 3) == 0) {
            i += 3; /* U+3000 */
        } else if (i + 2 <= len && memcmp(s + i, "\xC2\xA0", 2) == 0) {
            i += 2; /* U+00A0 */
        } else {
            out[n++] = s[i++];
        }
    }
    out[n] = '\0';
    return out;
}

/* The first occurrence of needle in hay that does not continue a number before it (a digit
 * or a decimal point right before a needle that starts with a digit), or NULL. */
static const char *find_whole(const char *hay, const char *needle)
{
    bool digit = needle[0] >= '0' && needle[0] <= '9';
    for (const char *at = strstr(hay, needle); at; at = strstr(at + 1, needle))
        if (!digit || at == hay || !((at[-1] >= '0' && at[-1] <= '9') || at[-1] == '.'))
            return at;
    return NULL;
}

bool figure_in(const dossier_indicator *ind, const char *hay)
{
    char fig[512];
    format_figure(ind, fig, sizeof fig);
    char *f = figure_squeeze(fig, strlen(fig));
    bool found = find_whole(hay, f) != NULL;
    free(f);
    if (found)
        return true;
    /* 近万家 is value 1 in 万家 with 近: the source leaves the 1 out */
    if (strcmp(ind->value_text, "1") == 0 && ind->unit[0]) {
        char alt[256];
        snprintf(alt, sizeof alt, "%s%s", ind->qualifier ? ind->qualifier : "", ind->unit);
        if (strstr(hay, alt))
            return true;
    }
    const char *num = ind->value_text[0] == '-' ? ind->value_text + 1 : ind->value_text;
    char core[256];
    snprintf(core, sizeof core, "%s%s", num, ind->unit);
    /* 下降3.2% may be written 下降了3.2%: the magnitude with its unit and the word */
    if (ind->decrease)
        return find_whole(hay, core) && strstr(hay, ind->decrease);
    /* a hedge may govern a share phrase: 约占北京市总面积的2.6% */
    const char *q = ind->qualifier;
    if (q && (!strcmp(q, "约") || !strcmp(q, "近") || !strcmp(q, "超") || !strcmp(q, "逾")))
        for (const char *at = strstr(hay, q); at; at = strstr(at + 1, q)) {
            const char *c = find_whole(at, core);
            if (c && c - at <= 48)
                return true;
        }
    return false;
}
