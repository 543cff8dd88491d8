/* brief_compose.h — composes the brief tree (dossier/brief.h) of one profile from its
 * settings: every decision about what a brief says is made here, once, for every format.
 *
 * Ownership: a brief_doc owns the tree (one arena); brief_doc_free releases it. The tree
 * borrows from the profile, which must outlive the brief_doc.
 */
#ifndef DOSSIER_BRIEF_COMPOSE_H
#define DOSSIER_BRIEF_COMPOSE_H

#include "brief_settings.h"
#include "diag.h"
#include "dossier/brief.h"

typedef struct brief_doc brief_doc;

/* The brief, or NULL with an error naming the profile and the setting (an unknown indicator
 * id in [brief] indicators, a chart number the profile does not have). */
brief_doc *brief_compose(const dossier_profile *p, const brief_settings *s, diag_list *d);
const dossier_brief *brief_doc_brief(const brief_doc *b);
void brief_doc_free(brief_doc *b);

/* "2020-06-30" → "2020年6月30日" into buf (other text is copied as it is). */
void brief_date_zh(const char *iso, char *buf, size_t cap);
/* The one reading of SOURCE_DATE_EPOCH for every format: 0 when it is unset or empty, 1 with
 * *t when it is a number of seconds from 0 to 253402300799 (9999-12-31T23:59:59Z), -1 with a
 * message in why otherwise (the CLI refuses to run then: exit 7). */
int brief_source_date_epoch(long long *t, char *why, size_t cap);
/* The reproducible time of an export: SOURCE_DATE_EPOCH when valid, else midnight UTC of
 * `iso_date` (YYYY-MM-DD), else 0. */
long long brief_timestamp(const char *iso_date);

#endif
