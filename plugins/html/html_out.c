/* html_out.c — HTML text escaping, and numbers printed the same in every locale (SVG
 * coordinates, axis labels), written to the SDK's dossier_out stream. */
#include "html.h"

#include <string.h>

void ho_text(dossier_out *o, const char *s)
{
    while (*s) {
        size_t run = strcspn(s, "&<>\"'");
        dossier_out_write(o, s, run);
        s += run;
        switch (*s) {
        case '&': dossier_out_puts(o, "&amp;"); break;
        case '<': dossier_out_puts(o, "&lt;"); break;
        case '>': dossier_out_puts(o, "&gt;"); break;
        case '"': dossier_out_puts(o, "&quot;"); break;
        case '\'': dossier_out_puts(o, "&#39;"); break;
        default: return;
        }
        s++;
    }
}

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

