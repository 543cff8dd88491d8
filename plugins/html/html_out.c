/* html_out.c — small output helpers: numbers printed the same in every locale (SVG
 * coordinates, axis labels) and one escaped element, written to the SDK's dossier_out. */
#include "html.h"

#include <string.h>

void fmt_num(char *buf, size_t cap, double v, int decimals)
{
    if (decimals > 9)
        decimals = 9;
    unsigned long long scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    double a = (v < 0 ? -v : v) * (double)scale + 0.5;
    unsigned long long n = a < 9e18 ? (unsigned long long)a : 0; /* beyond any chart */
    const char *sign = v < 0 && n > 0 ? "-" : "";
    if (decimals > 0)
        snprintf(buf, cap, "%s%llu.%0*llu", sign, n / scale, decimals, n % scale);
    else
        snprintf(buf, cap, "%s%llu", sign, n);
}

void ho_num(dossier_out *o, double v, int decimals)
{
    char buf[64];
    fmt_num(buf, sizeof buf, v, decimals);
    dossier_out_puts(o, buf);
}

void ho_elem(dossier_out *o, const char *tag, const char *cls, const char *text)
{
    if (!text)
        return;
    dossier_out_printf(o, "<%s class=\"%s\">", tag, cls);
    dossier_out_xml(o, text);
    dossier_out_printf(o, "</%s>\n", tag);
}
