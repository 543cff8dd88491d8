/* txt_writer.c — the plain-text output buffer: lines, rules, wrapping through the host's text
 * engine (UAX #14 with Chinese rules), hanging indents and alignment within the width. */
#include "txt.h"

#include <stdlib.h>
#include <string.h>

void tw_init(txt_writer *w, const dossier_host *host, dossier_host_ctx *ctx, size_t width)
{
    memset(w, 0, sizeof *w);
    w->status = DOSSIER_OK;
    w->host = host;
    w->ctx = ctx;
    w->width = width;
}

void tw_free(txt_writer *w)
{
    free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
}

static void fail(txt_writer *w, dossier_status s)
{
    if (w->status == DOSSIER_OK) {
        w->status = s;
        if (s == DOSSIER_ERR_NO_MEMORY)
            w->host->set_error(w->ctx, "out of memory");
    }
}

void tw_append(txt_writer *w, const char *s, size_t len)
{
    if (w->status != DOSSIER_OK)
        return;
    if (w->len + len + 1 > w->cap) {
        size_t cap = w->cap ? w->cap : 4096;
        while (cap < w->len + len + 1)
            cap *= 2;
        char *grown = realloc(w->buf, cap);
        if (!grown) {
            fail(w, DOSSIER_ERR_NO_MEMORY);
            return;
        }
        w->buf = grown;
        w->cap = cap;
    }
    memcpy(w->buf + w->len, s, len);
    w->len += len;
    w->buf[w->len] = '\0';
}

void tw_puts(txt_writer *w, const char *s)
{
    tw_append(w, s, strlen(s));
}

void tw_line(txt_writer *w, const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                       s[len - 1] == '\r'))
        len--;
    tw_append(w, s, len);
    tw_append(w, "\n", 1);
}

void tw_blank(txt_writer *w)
{
    tw_append(w, "\n", 1);
}

void tw_repeat(txt_writer *w, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tw_puts(w, s);
}

size_t tw_width(const txt_writer *w, const char *s)
{
    return s ? w->host->text_width(s, strlen(s)) : 0;
}

char *tw_concat(txt_writer *w, const char *const *parts, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += parts[i] ? strlen(parts[i]) : 0;
    char *s = malloc(len + 1);
    if (!s) {
        fail(w, DOSSIER_ERR_NO_MEMORY);
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (parts[i]) {
            size_t k = strlen(parts[i]);
            memcpy(s + o, parts[i], k);
            o += k;
        }
    s[o] = '\0';
    return s;
}

/* How each wrapped line is written. */
typedef struct wrap_state {
    txt_writer *w;
    const char *first_prefix; /* before the first line */
    size_t hang;              /* spaces before the other lines */
    dossier_brief_align align;
    bool first;
} wrap_state;

static int wrap_line(const char *line, size_t len, size_t width, void *user)
{
    wrap_state *st = user;
    size_t fill = st->w->width > width + st->hang ? st->w->width - width - st->hang : 0;
    if (st->align == DOSSIER_ALIGN_RIGHT)
        tw_repeat(st->w, " ", fill);
    else if (st->align == DOSSIER_ALIGN_CENTER)
        tw_repeat(st->w, " ", fill / 2);
    if (st->first && st->first_prefix)
        tw_puts(st->w, st->first_prefix);
    else if (!st->first)
        tw_repeat(st->w, " ", st->hang);
    st->first = false;
    if (st->align == DOSSIER_ALIGN_LEFT) {
        /* Kept whole (trailing spaces included, they fit the width) so that joining the lines
         * gives the text back exactly; only a newline the engine may include is dropped. */
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        tw_append(st->w, line, len);
        tw_blank(st->w);
    } else {
        tw_line(st->w, line, len);
    }
    return st->w->status != DOSSIER_OK;
}

static void wrap(txt_writer *w, const char *text, size_t width, size_t first_indent,
                 wrap_state *st)
{
    if (w->status != DOSSIER_OK || !text || !*text)
        return;
    dossier_status s = w->host->text_wrap(text, strlen(text), width, first_indent, wrap_line, st);
    if (s != DOSSIER_OK && w->status == DOSSIER_OK) {
        size_t n = strlen(text) < 40 ? strlen(text) : 40;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--; /* quote whole characters */
        w->host->set_error(w->ctx, "cannot wrap the text \"%.*s…\": %s", (int)n, text,
                           dossier_status_string(s));
        fail(w, s);
    }
}

void tw_wrapped(txt_writer *w, const char *text, const char *first_prefix, size_t first_width)
{
    if (first_prefix && first_width + 2 > w->width) {
        /* no room after the prefix: the prefix on its own lines, the text under it */
        tw_aligned(w, first_prefix, DOSSIER_ALIGN_LEFT);
        first_prefix = NULL;
        first_width = 0;
    }
    wrap_state st = {w, first_prefix, 0, DOSSIER_ALIGN_LEFT, true};
    wrap(w, text, w->width, first_width, &st);
}

void tw_hanging(txt_writer *w, const char *text, const char *prefix)
{
    size_t hang = tw_width(w, prefix);
    if (hang * 2 > w->width) {
        tw_wrapped(w, text, prefix, hang);
        return;
    }
    wrap_state st = {w, prefix, hang, DOSSIER_ALIGN_LEFT, true};
    wrap(w, text, w->width - hang, 0, &st);
}

void tw_aligned(txt_writer *w, const char *text, dossier_brief_align align)
{
    wrap_state st = {w, NULL, 0, align, true};
    wrap(w, text, w->width, 0, &st);
}

void tw_left_right(txt_writer *w, const char *left, const char *right)
{
    size_t lw = tw_width(w, left), rw = tw_width(w, right);
    if (left && right && lw + 2 + rw <= w->width) {
        tw_puts(w, left);
        tw_repeat(w, " ", w->width - lw - rw);
        tw_puts(w, right);
        tw_blank(w);
        return;
    }
    tw_aligned(w, left, DOSSIER_ALIGN_LEFT);
    tw_aligned(w, right, DOSSIER_ALIGN_RIGHT);
}
