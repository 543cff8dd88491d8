/* json_read.h — reads JSON text into a jansson tree and the source text of its numbers
 * (json_literals.h) in one pass: how the profile loader reads every piece of a profile.
 *
 * jansson's own reader takes about 150 instructions a byte (a character at a time through a
 * stream, then a second scan for the number literals); the fast reader here scans the buffer
 * directly and builds the same tree with jansson's constructors. It accepts only text it is
 * sure jansson accepts with the same tree; on anything else (a syntax error, a \u0000 or a
 * lone surrogate, a duplicate key, an integer or real out of range, nesting deeper than
 * JSON_READ_MAX_DEPTH, a number longer than JSON_READ_MAX_NUMBER bytes, a flag it does not
 * know) it steps aside and jansson reads the text, so every error is jansson's, with its
 * line and column.
 */
#ifndef DOSSIER_JSON_READ_H
#define DOSSIER_JSON_READ_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "json_literals.h"

#define JSON_READ_MAX_DEPTH 256
#define JSON_READ_MAX_NUMBER 63
#define JSON_READ_NO_HOLE SIZE_MAX

/* The tree json_loadb(text, len, flags) gives for text[0..len) without text[hole_from ..
 * hole_to) (JSON_READ_NO_HOLE for both to read it all), a new reference the caller releases,
 * with its number literals in *lits (the caller frees them; they point into text). NULL when
 * the text is not JSON, with *err (when err is not NULL) set by jansson and *lits empty. */
json_t *json_read_tree(const char *text, size_t len, size_t hole_from, size_t hole_to,
                       size_t flags, json_literals *lits, json_error_t *err);

/* The fast reader alone (for its tests): NULL, *lits empty, when it steps aside. Honours
 * JSON_REJECT_DUPLICATES and JSON_DECODE_ANY and steps aside for any other flag; rejects
 * duplicate keys even without the flag (jansson would keep the last). */
json_t *json_read_fast(const char *text, size_t len, size_t hole_from, size_t hole_to,
                       size_t flags, json_literals *lits);

#endif
