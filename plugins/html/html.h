/* html.h — private to the HTML plugin: the output stream with escaping (html_out.c), the
 * stylesheet (html_style.c), the SVG charts (html_chart.c) and the narrative
 * (html_narrative.c) used by html_plugin.c. Depends only on the public plugin header.
 */
#ifndef DOSSIER_HTML_H
#define DOSSIER_HTML_H

#include <stdbool.h>
#include <stdio.h>

#include "dossier/plugin.h"

/* The file being written; the first write error sticks and is reported by ho_close. */
typedef struct html_out {
    FILE *f;
    int error; /* errno of the first failure, 0 while all is well */
} html_out;

bool ho_open(html_out *o, const char *path);
void ho_puts(html_out *o, const char *s);
void ho_printf(html_out *o, const char *fmt, ...) DOSSIER_PRINTF(2, 3);
/* Text with & < > " ' escaped; good in content and in quoted attribute values. */
void ho_text(html_out *o, const char *s);
/* A number with `decimals` digits after a '.', whatever the locale ("-12.5"). */
void ho_num(html_out *o, double v, int decimals);
/* The same into buf (at most cap bytes with the NUL). */
void fmt_num(char *buf, size_t cap, double v, int decimals);
/* Closes the file; 0 on success, else the errno of the first failure. */
int ho_close(html_out *o);

/* Everything one page needs. */
typedef struct html_doc {
    html_out o;
    const dossier_host *host;
    dossier_host_ctx *ctx;
    const dossier_profile *p;
} html_doc;

/* The <style> element: screen and print rules; `paper` is "a4" or "letter". */
void html_style(html_out *o, const char *paper);

/* Chart `number` (1-based) as a <figure> with an inline SVG and its caption. */
dossier_status html_chart(html_doc *d, const dossier_chart *chart, size_t number);

/* The documents' narratives, one <article> each. */
void html_narrative(html_doc *d);

#endif
