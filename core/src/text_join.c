/* text_join.c — strings joined as snprintf's "%s%s…" would (see text.h). */
#include <string.h>

#include "text.h"

size_t text_join(char *buf, size_t cap, const char *const *parts, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        const char *part = parts[i] ? parts[i] : ""; /* a plugin's hand-built indicator */
        size_t len = strlen(part);
        if (total + 1 < cap) {
            size_t room = cap - 1 - total;
            memcpy(buf + total, part, len < room ? len : room);
        }
        total += len;
    }
    if (cap > 0)
        buf[total < cap ? total : cap - 1] = '\0';
    return total;
}
