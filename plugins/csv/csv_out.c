/* csv_out.c — RFC 4180 records: comma-separated fields, CRLF after every record, a field in
 * double quotes when it contains a comma, quote, CR or LF, its quotes doubled. */
#include "csv.h"

#include <errno.h>
#include <string.h>

static void put(csv_out *o, const char *s, size_t n)
{
    if (o->error == 0 && n > 0 && fwrite(s, 1, n, o->f) != n)
        o->error = errno ? errno : EIO;
}

bool csv_open(csv_out *o, const char *path)
{
    o->error = 0;
    o->fresh = true;
    o->f = fopen(path, "wb");
    if (!o->f)
        o->error = errno ? errno : EIO;
    return o->f != NULL;
}

void csv_bom(csv_out *o)
{
    put(o, "\xEF\xBB\xBF", 3);
}

void csv_field(csv_out *o, const char *s)
{
    if (!o->fresh)
        put(o, ",", 1);
    o->fresh = false;
    if (!s)
        return;
    if (strcspn(s, ",\"\r\n") == strlen(s)) {
        put(o, s, strlen(s));
        return;
    }
    put(o, "\"", 1);
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        put(o, s, (size_t)(q - s));
        put(o, "\"\"", 2);
    }
    put(o, s, strlen(s));
    put(o, "\"", 1);
}

void csv_end(csv_out *o)
{
    put(o, "\r\n", 2);
    o->fresh = true;
}

int csv_close(csv_out *o)
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
