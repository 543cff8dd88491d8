/* csv_out.c — RFC 4180 records: comma-separated fields, CRLF after every record, a field in
 * double quotes when it contains a comma, quote, CR or LF, its quotes doubled. */
#include "csv.h"

#include <string.h>

void csv_bom(csv_out *o)
{
    dossier_out_write(&o->out, "\xEF\xBB\xBF", 3);
}

void csv_field(csv_out *o, const char *s)
{
    if (!o->fresh)
        dossier_out_write(&o->out, ",", 1);
    o->fresh = false;
    if (!s)
        return;
    if (strcspn(s, ",\"\r\n") == strlen(s)) {
        dossier_out_puts(&o->out, s);
        return;
    }
    dossier_out_write(&o->out, "\"", 1);
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        dossier_out_write(&o->out, s, (size_t)(q - s));
        dossier_out_write(&o->out, "\"\"", 2);
    }
    dossier_out_puts(&o->out, s);
    dossier_out_write(&o->out, "\"", 1);
}

void csv_end(csv_out *o)
{
    dossier_out_write(&o->out, "\r\n", 2);
    o->fresh = true;
}
