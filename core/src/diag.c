/* diag.c — diagnostic list (see diag.h). */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag_list *d)
{
    memset(d, 0, sizeof *d);
}

void diag_free(diag_list *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->items[i].text);
    free(d->items);
    diag_init(d);
}

static void diag_push(diag_list *d, diag_severity sev, char *text)
{
    if (sev == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
    if ((d->limit && d->count >= d->limit) || !text) {
        d->dropped++;
        free(text);
        return;
    }
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        diag_entry *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            d->dropped++;
            free(text);
            return;
        }
        d->items = items;
        d->cap = cap;
    }
    d->items[d->count].severity = sev;
    d->items[d->count].text = text;
    d->count++;
}

void diag_vadd(diag_list *d, diag_severity sev, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (text)
        vsnprintf(text, (size_t)n + 1, fmt, ap);
    diag_push(d, sev, text);
}

void diag_add(diag_list *d, diag_severity sev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, sev, fmt, ap);
    va_end(ap);
}

void diag_move(diag_list *dst, diag_list *src)
{
    for (size_t i = 0; i < src->count; i++) {
        diag_push(dst, src->items[i].severity, src->items[i].text);
        src->items[i].text = NULL;
    }
    dst->dropped += src->dropped;
    free(src->items);
    diag_init(src);
}

diag_mark diag_mark_of(const diag_list *d)
{
    return (diag_mark){d->count, d->errors, d->warnings, d->dropped};
}

void diag_rewind(diag_list *d, diag_mark m)
{
    for (size_t i = m.count; i < d->count; i++)
        free(d->items[i].text);
    if (m.count < d->count)
        d->count = m.count;
    d->errors = m.errors;
    d->warnings = m.warnings;
    d->dropped = m.dropped;
}
