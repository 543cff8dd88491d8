/* md_out.c — the Markdown output stream: stdio writes whose first error sticks. */
#include "md.h"

#include <errno.h>
#include <stdarg.h>

bool md_open(md_out *o, const char *path)
{
    o->error = 0;
    o->f = fopen(path, "wb");
    if (!o->f)
        o->error = errno ? errno : EIO;
    return o->f != NULL;
}

void md_puts(md_out *o, const char *s)
{
    if (o->error == 0 && fputs(s, o->f) == EOF)
        o->error = errno ? errno : EIO;
}

void md_printf(md_out *o, const char *fmt, ...)
{
    if (o->error != 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (vfprintf(o->f, fmt, ap) < 0)
        o->error = errno ? errno : EIO;
    va_end(ap);
}

int md_close(md_out *o)
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
