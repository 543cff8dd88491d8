/* csv.h — private to the CSV plugin: the RFC 4180 record writer (csv_out.c) and the two table
 * layouts (csv_layout.c) used by csv_plugin.c. Depends only on the public plugin header.
 */
#ifndef DOSSIER_CSV_H
#define DOSSIER_CSV_H

#include <stdbool.h>
#include <stdio.h>

#include "dossier/plugin.h"

/* The file being written; the first write error sticks and is reported by csv_close. */
typedef struct csv_out {
    FILE *f;
    int error;   /* errno of the first failure, 0 while all is well */
    bool fresh;  /* no field written yet in the current record */
} csv_out;

bool csv_open(csv_out *o, const char *path);
/* The UTF-8 byte-order mark. */
void csv_bom(csv_out *o);
/* One field of the current record; NULL is an empty field. Quoted when it contains a comma,
 * a double quote, CR or LF, with its quotes doubled. */
void csv_field(csv_out *o, const char *s);
/* Ends the record with CRLF. */
void csv_end(csv_out *o);
/* Closes the file; 0 on success, else the errno of the first failure. */
int csv_close(csv_out *o);

/* The layouts: header (when asked for) and one record per indicator. */
void csv_wide(csv_out *o, const dossier_profile *p, bool header);
void csv_long(csv_out *o, const dossier_profile *p, bool header);

#endif
