/* html_out.c — the HTML output stream: stdio writes whose first error sticks, text escaping,
 * and numbers printed the same in every locale (SVG coordinates, axis labels). */
#include "html.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

bool ho_open(html_out *o, const char *path)
{
    o->error = 0;
    o->f = fopen(path, "wb");
    if (!o->f)
        o->error = errno ? errno : EIO;
    return o->f != NULL;
}

static void put(html_out *o, const char *s, size_t n)
{
    if (o->error == 0 && n > 0 && fwrite(s, 1, n, o->f) != n)
        o->error = errno ? errno : EIO;
}

void ho_puts(html_out *o, const char *s)
{
    put(o, s, strlen(s));
}

void ho_printf(html_out *o, const char *fmt, ...)
{
    if (o->error != 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (vfprintf(o->f, fmt, ap) < 0)
        o->error = errno ? errno : EIO;
    va_end(ap);
}

void ho_text(html_out *o, const char *s)
{
    while (*s) {
        size_t run = strcspn(s, "&<>\"'");
        put(o, s, run);
        s += run;
        switch (*s) {
        case '&': ho_puts(o, "&amp;"); break;
        case '<': ho_puts(o, "&lt;"); break;
        case '>': ho_puts(o, "&gt;"); break;
        case '"': ho_puts(o, "&quot;"); break;
        case '\'': ho_puts(o, "&#39;"); break;
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

void ho_num(html_out *o, double v, int decimals)
{
    char buf[64];
    fmt_num(buf, sizeof buf, v, decimals);
    ho_puts(o, buf);
}

int ho_close(html_out *o)
{
    if (!o->f)
        return o->error ? o->error : EIO;
    if (fflush(o->f) != 0 && o->error == 0)
        o->error = errno ? errno : EIO;
    if (fclose(o->f) != 0 && o->error == 0)
        o->error = errno ? errno : EIO;
    o->f = NULL;
    return o->error;
}
