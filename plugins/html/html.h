/* html.h — private to the HTML plugin: escaping and numbers (html_out.c), the stylesheet
 * (html_style.c), the SVG charts (html_chart.c) and the narrative (html_narrative.c) used by
 * html_plugin.c. Depends only on the public SDK headers; the output stream is the SDK's
 * dossier_out (dossier/plugin_util.h).
 */
#ifndef DOSSIER_HTML_H
#define DOSSIER_HTML_H

#include "dossier/plugin_util.h"

/* Text with & < > " ' escaped; good in content and in quoted attribute values. */
void ho_text(dossier_out *o, const char *s);
/* A number with `decimals` digits after a '.', whatever the locale ("-12.5"). */
void ho_num(dossier_out *o, double v, int decimals);
/* The same into buf (at most cap bytes with the NUL). */
void fmt_num(char *buf, size_t cap, double v, int decimals);

/* Everything one page needs. */
typedef struct html_doc {
    dossier_out o;
    const dossier_host *host;
    dossier_host_ctx *ctx;
    const dossier_profile *p;
} html_doc;

/* The <style> element: screen and print rules; `paper` is "a4" or "letter". */
void html_style(dossier_out *o, const char *paper);

/* Chart `number` (1-based) as a <figure> with an inline SVG and its caption. */
dossier_status html_chart(html_doc *d, const dossier_chart *chart, size_t number);

/* The documents' narratives, one <article> each. */
void html_narrative(html_doc *d);

#endif
