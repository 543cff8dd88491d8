/* forms.h — the worded forms a profile's "value" may take besides a JSON number: a share in
 * words or as a fraction (六成 → 0.6, 一半 → 0.5, 三分之一 → 1/3, 1/4 → 0.25) and a ratio of
 * several parts (21.8:17.4:60.8). The text is kept exactly as written; this module only says
 * which form it is and what it is worth. Pure functions, no allocation.
 */
#ifndef DOSSIER_FORMS_H
#define DOSSIER_FORMS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum value_form { FORM_NUMBER, FORM_SHARE, FORM_RATIO } value_form;

#define FORMS_MAX_PARTS 16

typedef struct form_value {
    value_form form;
    double value;                  /* a share: the fraction; a ratio: 0 */
    size_t n_parts;                /* a ratio: its parts */
    double parts[FORMS_MAX_PARTS];
} form_value;

/* Recognises a worded value; false (with the reason in why) when text is none of the forms. */
bool forms_parse(const char *text, form_value *out, char *why, size_t cap);

/* The forms, for messages: "a share in words (六成, 一半, 三分之一), a fraction (1/4) or a
 * ratio (21.8:17.4:60.8)". */
const char *forms_list(void);

const char *forms_name(value_form f); /* "number", "share", "ratio" */

#endif
