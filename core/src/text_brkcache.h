/* text_brkcache.h — a process-wide memo of text_wrap.c's break classifications, so that the
 * formats of one export classify each paragraph once (see text_brkcache.c).
 *
 * Ownership: the cache copies what it is given into one block it owns (freed by
 * text_brkcache_clear); `s` and `brks` stay the caller's. Thread-safe.
 */
#ifndef DOSSIER_TEXT_BRKCACHE_H
#define DOSSIER_TEXT_BRKCACHE_H

#include <stdbool.h>
#include <stddef.h>

/* Copies the codes stored for s[0..len) into brks (len bytes) and returns true, or returns
 * false when there are none (a short text is never stored). */
bool text_brkcache_get(const char *s, size_t len, char *brks);

/* Stores the codes of s[0..len). Silently does nothing when out of memory. */
void text_brkcache_put(const char *s, size_t len, const char *brks);

/* Drops every entry and frees the block (tests, and tools that check for leaks). */
void text_brkcache_clear(void);

#endif
