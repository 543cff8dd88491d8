/* text.h — the core's text engine: UTF-8 validation and decoding, display width (East Asian
 * width, CJK = 2 columns), line-break opportunities with Chinese tailoring, and greedy line
 * wrapping. Every format that lays out text uses these; no plugin re-implements them.
 *
 * Ownership: nothing here takes ownership of an argument. Text is borrowed (`s`, `len` bytes,
 * not necessarily NUL-terminated); the caller owns `brks`; text_wrap allocates one scratch
 * buffer per call and frees it before it returns, and the line pointers it hands to the
 * callback point into the caller's text. The only state kept between calls is a bounded memo
 * of break classifications (text_brkcache.c), so that the formats of one export classify a
 * paragraph once; it never changes a result. All functions are thread-safe (libunibreak's
 * tables are initialised once, under pthread_once; the memo has a mutex).
 *
 * Files: text_utf8.c (validation, decoding), text_width.c (widths), text_wrap.c (break
 * opportunities, wrapping), text_brkcache.c (the memo), text_join.c (joining strings).
 */
#ifndef DOSSIER_TEXT_H
#define DOSSIER_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dossier/plugin.h" /* dossier_status, dossier_line_fn */

/* True when s[0..len) is valid UTF-8: no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequence. On failure, *bad_offset (if bad_offset != NULL) is the
 * offset of the first byte that does not start a well-formed sequence, i.e. the first
 * position where text_utf8_decode yields -1. */
bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decodes the code point at s (len >= 1 bytes available): returns the bytes consumed and
 * sets *cp. For an ill-formed sequence it returns 1 and sets *cp = -1, so a caller can step
 * over bad input one byte at a time. */
size_t text_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Display columns of one code point: 0 for combining marks, format characters (zero-width
 * space, joiners), controls and line/paragraph separators; 2 for East Asian Wide and
 * Fullwidth characters and wide emoji (utf8proc_charwidth); 1 otherwise, including -1 and
 * other values that are not code points (an invalid byte shows as one replacement char). */
size_t text_char_width(int32_t cp);

/* Display columns of UTF-8 text: the sum of text_char_width; an invalid byte counts 1. */
size_t text_width(const char *s, size_t len);

/* Break opportunities of s[0..len) for Chinese text: fills brks[0..len) (caller-allocated,
 * len bytes) with, for each byte i, the status of the position after it:
 *   2  a line must end here: after a newline (LF, CR not followed by LF, CRLF, VT, FF, NEL,
 *      U+2028, U+2029), and at the end of the text (brks[len - 1] is always 2);
 *   1  a line may end here;
 *   0  otherwise (including inside a UTF-8 sequence).
 * Opportunities are UAX #14's (libunibreak, language "zh"), minus the Chinese tailoring:
 * no break before closing punctuation and the other 行首禁则 characters, none after an
 * opening bracket or quote (spaces in between do not help), none inside "……", "——", none
 * inside a grapheme cluster (emoji ZWJ sequences, flags), and none inside a number
 * ("7926.0", "1,234", "1/4") or between a number and a unit that immediately follows it
 * (units_match_prefix: "7926.0亿元", "46%"). No opportunity is followed by a space or a
 * zero-width character.
 * Returns DOSSIER_ERR_INVALID_ARGUMENT for invalid UTF-8 or a NULL pointer with len > 0. */
dossier_status text_break_opportunities(const char *s, size_t len, char *brks);

/* True for the code points of the plainest text (ASCII printables, CJK Unified Ideographs,
 * CJK and fullwidth punctuation, dashes and quotes): their grapheme cluster break class is
 * Other and none is Extended_Pictographic, so a cluster always ends between two of them and
 * classifying skips utf8proc there. Exposed for the test that checks this against utf8proc. */
bool text_grapheme_plain(int32_t cp);

/* The n NUL-terminated parts joined into buf as snprintf(buf, cap, "%s%s…") would join them:
 * cut at cap - 1 bytes and terminated when cap > 0 (buf may be NULL when cap is 0); returns
 * the length of the whole join. A NULL part counts as empty. For the formatters, where snprintf parsed its format string
 * for every figure. */
size_t text_join(char *buf, size_t cap, const char *const *parts, size_t n);

/* Wraps s[0..len) into lines of at most `width` columns, the first at most
 * `width - first_indent`, and hands them in order to fn(line, line_len, line_width, user).
 *
 * - The lines cover the text contiguously: concatenated, they give back s[0..len) exactly.
 *   Spaces at a break stay at the end of the line before it, and a newline belongs to the
 *   line it ends. No line is empty; for len == 0, fn is not called at all.
 * - line_width is the line's display width up to its last visible character, so trailing
 *   ASCII spaces, tabs and newlines do not count (U+3000 ideographic space is content).
 *   The trailing spaces still count toward the width: a line printed whole, spaces and
 *   all, never exceeds it.
 * - Lines end at mandatory breaks and otherwise greedily at the last opportunity of
 *   text_break_opportunities that fits. When a run without opportunities is wider than the
 *   line, it is split between code points (never before a combining mark or other
 *   zero-width character), preferring a split that keeps the Chinese rules and grapheme
 *   clusters; if there is none, the width wins over the rules.
 * - The one exception to the width: a wide character that does not fit an empty line goes
 *   alone on it. That can only happen on the first line when first_indent == width - 1.
 *
 * Returns DOSSIER_OK (also when fn returned non-zero, which stops the wrapping), or
 * DOSSIER_ERR_INVALID_ARGUMENT (width < 2, first_indent >= width, invalid UTF-8, NULL fn,
 * NULL s with len > 0), or DOSSIER_ERR_NO_MEMORY. Time and memory are O(len). */
dossier_status text_wrap(const char *s, size_t len, size_t width, size_t first_indent,
                         dossier_line_fn fn, void *user);

#endif
