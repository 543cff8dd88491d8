/* diag.h — collected diagnostics (errors and warnings) with their location.
 *
 * Library functions never print: they append to a diag_list, and the CLI decides how to show
 * it. A diag_list owns its message strings; diag_free releases them.
 * Messages are complete lines without the trailing newline, in the form
 * "FILE:LINE:COL: error: TEXT" or "FILE: PATH: error: TEXT" (see diag_add callers).
 */
#ifndef DOSSIER_DIAG_H
#define DOSSIER_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "dossier/plugin.h"

typedef enum diag_severity { DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct diag_entry {
    diag_severity severity;
    char *text; /* owned */
} diag_entry;

typedef struct diag_list {
    diag_entry *items;
    size_t count, cap;
    size_t errors, warnings;
    size_t limit; /* 0 = unlimited; entries past it are counted but not stored */
    size_t dropped;
} diag_list;

void diag_init(diag_list *d);
void diag_free(diag_list *d);
void diag_add(diag_list *d, diag_severity sev, const char *fmt, ...) DOSSIER_PRINTF(3, 4);
void diag_vadd(diag_list *d, diag_severity sev, const char *fmt, va_list ap)
    DOSSIER_PRINTF(3, 0);
/* A point in a list to go back to: diag_rewind drops (and frees) what was added since. */
typedef struct diag_mark {
    size_t count, errors, warnings, dropped;
} diag_mark;
diag_mark diag_mark_of(const diag_list *d);
void diag_rewind(diag_list *d, diag_mark m);
/* Moves every entry of src to the end of dst; src is left empty. */
void diag_move(diag_list *dst, diag_list *src);

#endif
