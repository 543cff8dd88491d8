/* json_split.h — finds the elements of a profile's top-level "indicators" array in its JSON
 * text, so the loader can read the rest of the file (the skeleton: json_read_tree with the
 * array's elements as its hole) and then one indicator at a time, instead of holding the tree
 * of the whole file (about 1.5 KB per indicator) while the model is built.
 *
 * The scan only finds where things are; json_read still reads every byte (the skeleton, and
 * each element on its own). Anything the scan does not expect (a syntax error, an element
 * nesting deeper than JSON_SPLIT_MAX_DEPTH, no top-level "indicators" array or an empty one)
 * makes json_split_find return false: the caller then parses the whole text as one tree, as
 * before, so every syntax error is reported by jansson with its line and column.
 */
#ifndef DOSSIER_JSON_SPLIT_H
#define DOSSIER_JSON_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_SPLIT_MAX_DEPTH 64

typedef struct json_span {
    size_t start, len; /* text[start .. start + len) */
} json_span;

typedef struct json_split {
    size_t open, close; /* text[open] is the array's '[', text[close] its ']' */
    json_span *items;   /* owned: the elements, in order */
    size_t count;
} json_split;

/* False (and *out empty) when the text has no non-empty top-level "indicators" array the scan
 * can delimit, or memory runs out. Borrows nothing: spans are offsets into text. */
bool json_split_find(const char *text, size_t len, json_split *out);
void json_split_free(json_split *s);

#endif
