/* csv.h — private to the CSV plugin: the RFC 4180 record writer (csv_out.c) and the two table
 * layouts (csv_layout.c) used by csv_plugin.c. Depends only on the public SDK headers.
 */
#ifndef DOSSIER_CSV_H
#define DOSSIER_CSV_H

#include "dossier/plugin_util.h"

/* An RFC 4180 record writer on the SDK's sticky-error stream (dossier/plugin_util.h), which
 * the caller opens and closes (dossier_out_begin/end). Start with fresh = true. */
typedef struct csv_out {
    dossier_out out;
    bool fresh;  /* no field written yet in the current record */
} csv_out;

/* The UTF-8 byte-order mark. */
void csv_bom(csv_out *o);
/* One field of the current record; NULL is an empty field. Quoted when it contains a comma,
 * a double quote, CR or LF, with its quotes doubled. */
void csv_field(csv_out *o, const char *s);
/* Ends the record with CRLF. */
void csv_end(csv_out *o);

/* The layouts: header (when asked for) and one record per indicator. */
void csv_wide(csv_out *o, const dossier_host *h, const dossier_profile *p, bool header);
void csv_long(csv_out *o, const dossier_host *h, const dossier_profile *p, bool header);

#endif
