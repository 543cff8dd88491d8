/* fuzz_text.c — libFuzzer target: the text engine. The first two bytes choose the width and
 * the first-line indent; the rest is the text. For valid UTF-8 the wrap must keep its
 * contract: lines cover the text exactly, and none is wider than its width. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef struct check {
    const char *text;
    size_t pos, width, avail;
} check;

static int on_line(const char *line, size_t len, size_t width, void *user)
{
    check *c = user;
    /* The one documented exception to the width: a wide character alone on a first line
     * narrower than it (first_indent == width - 1). */
    bool exception = c->avail < 2 && width == 2;
    if (line != c->text + c->pos || (width > c->avail && !exception))
        abort();
    size_t nl = 0;
    while (nl < len && (line[len - 1 - nl] == '\n' || line[len - 1 - nl] == '\r'))
        nl++;
    size_t raw = text_width(line, len - nl); /* trailing spaces included */
    if (raw > c->avail && !(exception && raw == 2))
        abort();
    c->pos += len;
    c->avail = c->width;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t width = 2 + data[0] % 200;
    size_t indent = data[1] % width;
    const char *s = (const char *)data + 2;
    size_t len = size - 2;
    text_width(s, len);
    if (!text_utf8_valid(s, len, NULL))
        return 0;
    char *brks = malloc(len ? len : 1);
    if (brks && text_break_opportunities(s, len, brks) != DOSSIER_OK)
        abort();
    free(brks);
    check c = {s, 0, width, width - indent};
    if (text_wrap(s, len, width, indent, on_line, &c) != DOSSIER_OK || c.pos != len)
        abort();
    return 0;
}
