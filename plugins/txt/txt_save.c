/* txt_save.c — writing the finished text: "\n" or "\r\n" line ends, UTF-8 or another encoding
 * through iconv (a character the encoding lacks is an error naming it and its place). */
#include "txt.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Line (1-based) and column of byte offset `at` in the UTF-8 buffer, for messages. */
static void position_of(const char *buf, size_t at, size_t *line, size_t *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < at; i++) {
        if (buf[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static dossier_status encode(txt_writer *w, const char *in, size_t in_len, const char *encoding,
                             char **out, size_t *out_len)
{
    iconv_t cd = iconv_open(encoding, "UTF-8");
    if (cd == (iconv_t)-1) {
        w->host->set_error(w->ctx, "this system's iconv cannot convert to %s", encoding);
        return DOSSIER_ERR_UNSUPPORTED;
    }
    size_t cap = in_len * 2 + 16;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return DOSSIER_ERR_NO_MEMORY;
    }
    char *src = (char *)in, *dst = buf;
    size_t src_left = in_len, dst_left = cap;
    dossier_status status = DOSSIER_OK;
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == (size_t)-1 ||
        iconv(cd, NULL, NULL, &dst, &dst_left) == (size_t)-1) {
        size_t at = (size_t)(src - in), line, col;
        position_of(in, at, &line, &col);
        if (errno == EILSEQ) {
            size_t n = 1;
            while (at + n < in_len && ((unsigned char)in[at + n] & 0xC0) == 0x80)
                n++;
            w->host->set_error(w->ctx, "character \"%.*s\" (output line %zu, column %zu) cannot "
                               "be encoded in %s; use encoding = utf-8 or gb18030", (int)n,
                               in + at, line, col, encoding);
            status = DOSSIER_ERR_ENCODING;
        } else {
            w->host->set_error(w->ctx, "conversion to %s failed at output line %zu: %s",
                               encoding, line, strerror(errno));
            status = DOSSIER_ERR_ENCODING;
        }
    }
    iconv_close(cd);
    if (status != DOSSIER_OK) {
        free(buf);
        return status;
    }
    *out = buf;
    *out_len = cap - dst_left;
    return DOSSIER_OK;
}

dossier_status tw_save(txt_writer *w, const char *path, const char *encoding, bool crlf)
{
    if (w->status != DOSSIER_OK)
        return w->status;
    const char *text = w->buf ? w->buf : "";
    size_t len = w->len;
    char *converted = NULL;
    if (crlf) {
        size_t lines = 0;
        for (size_t i = 0; i < len; i++)
            lines += text[i] == '\n';
        converted = malloc(len + lines + 1);
        if (!converted)
            return DOSSIER_ERR_NO_MEMORY;
        size_t o = 0;
        for (size_t i = 0; i < len; i++) {
            if (text[i] == '\n')
                converted[o++] = '\r';
            converted[o++] = text[i];
        }
        text = converted;
        len = o;
    }
    char *encoded = NULL;
    if (strcasecmp(encoding, "utf-8") != 0) {
        size_t enc_len;
        dossier_status s = encode(w, text, len, encoding, &encoded, &enc_len);
        if (s != DOSSIER_OK) {
            free(converted);
            return s;
        }
        text = encoded;
        len = enc_len;
    }
    FILE *f = fopen(path, "wb");
    dossier_status status = DOSSIER_OK;
    if (!f || fwrite(text, 1, len, f) != len || fflush(f) != 0) {
        w->host->set_error(w->ctx, "cannot write %s: %s", path, strerror(errno));
        status = DOSSIER_ERR_IO;
    }
    if (f && fclose(f) != 0 && status == DOSSIER_OK) {
        w->host->set_error(w->ctx, "cannot write %s: %s", path, strerror(errno));
        status = DOSSIER_ERR_IO;
    }
    free(converted);
    free(encoded);
    return status;
}
