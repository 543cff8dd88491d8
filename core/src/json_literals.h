/* json_literals.h — recovers the source text of JSON numbers after jansson parsed them.
 *
 * jansson keeps a number only as a double or an integer, which loses the precision an author
 * wrote (7926.0 becomes 7926). This module scans the original text for number tokens, which
 * appear in the same order as a depth-first walk of the parsed tree (jansson keeps object keys
 * in insertion order and the parse rejects duplicate keys), and maps each json_t number to its
 * literal. The map owns its arrays; it borrows the json_t pointers and the text.
 */
#ifndef DOSSIER_JSON_LITERALS_H
#define DOSSIER_JSON_LITERALS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct json_literal {
    const json_t *value;
    const char *text; /* points into the parsed buffer */
    size_t len;
} json_literal;

typedef struct json_literals {
    json_literal *items; /* sorted by value pointer */
    size_t count;
} json_literals;

/* Builds the map for root parsed from text[0..len). False when the text and the tree
 * disagree (which would be a bug) or memory runs out. */
bool json_literals_build(json_literals *map, const json_t *root, const char *text, size_t len);
/* Same, root parsed from text without text[hole_from .. hole_to) (json_split.h). */
bool json_literals_build_hole(json_literals *map, const json_t *root, const char *text,
                              size_t len, size_t hole_from, size_t hole_to);
/* Appends one literal, growing items (*cap is its capacity, 0 for a new map); false when
 * memory runs out. A map filled this way is sorted with json_literals_sort before lookups. */
bool json_literals_push(json_literals *map, size_t *cap, const json_t *value, const char *text,
                        size_t len);
void json_literals_sort(json_literals *map);
/* The literal of a number value, or NULL. */
const json_literal *json_literals_find(const json_literals *map, const json_t *value);
void json_literals_free(json_literals *map);

#endif
