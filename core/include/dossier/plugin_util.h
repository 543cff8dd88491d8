/* dossier/plugin_util.h — optional header-only helpers for export plugins (the SDK):
 * - dossier_brief_walk: visits the brief tree (dossier/brief.h) node by node, depth first;
 * - dossier_out: an output file whose first write error sticks (write freely, check once);
 * - dossier_buf: an in-memory output (for packages such as DOCX or OFD built in memory, then
 *   zipped), saved to the output path in one go;
 * - dossier_xml_text: XML/HTML escaping into either;
 * - dossier_time_iso8601: the brief's reproducible timestamp as text.
 *
 * Not part of the ABI: everything here is `static inline`, compiled into the plugin that
 * includes it, and uses nothing of dossier's (only libc). A later dossier may add helpers or
 * change these; a plugin already built keeps the copy it was built with.
 *
 * Ownership: a dossier_out owns the FILE it opened until dossier_out_close; a dossier_buf owns
 * its bytes until dossier_buf_free.
 */
#ifndef DOSSIER_PLUGIN_UTIL_H
#define DOSSIER_PLUGIN_UTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A file being written. After the first failure every write is skipped and the failure is
 * kept; dossier_out_close reports it. */
typedef struct dossier_out {
    FILE *f;
    int error; /* errno of the first failure, 0 while all is well */
    unsigned long long bytes; /* bytes handed to the file so far */
} dossier_out;

static inline int dossier_out_errno_(void)
{
    return errno ? errno : EIO;
}

/* Opens `path` for writing (binary: bytes are written as given). On failure returns false and
 * o->error says why. */
static inline bool dossier_out_open(dossier_out *o, const char *path)
{
    errno = 0;
    o->error = 0;
    o->bytes = 0;
    o->f = fopen(path, "wb");
    if (!o->f)
        o->error = dossier_out_errno_();
    return o->f != NULL;
}

static inline void dossier_out_write(dossier_out *o, const char *s, size_t n)
{
    if (o->error == 0 && n > 0 && fwrite(s, 1, n, o->f) != n)
        o->error = dossier_out_errno_();
    o->bytes += n;
}

static inline void dossier_out_puts(dossier_out *o, const char *s)
{
    dossier_out_write(o, s, strlen(s));
}

static inline void dossier_out_printf(dossier_out *o, const char *fmt, ...) DOSSIER_PRINTF(2, 3);
static inline void dossier_out_printf(dossier_out *o, const char *fmt, ...)
{
    if (o->error != 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(o->f, fmt, ap);
    if (n < 0)
        o->error = dossier_out_errno_();
    else
        o->bytes += (unsigned long long)n;
    va_end(ap);
}

/* Flushes and closes the file; returns 0 on success, else the errno of the first failure
 * (use strerror on it in the message given to set_error). */
static inline int dossier_out_close(dossier_out *o)
{
    if (!o->f)
        return o->error ? o->error : EIO;
    if (fflush(o->f) != 0 && o->error == 0)
        o->error = dossier_out_errno_();
    if (fclose(o->f) != 0 && o->error == 0)
        o->error = dossier_out_errno_();
    o->f = NULL;
    return o->error;
}

/* ---- the brief tree ------------------------------------------------------------------ */

/* Called for every node: first with entering = 1, then (after its children) with entering = 0.
 * Return non-zero to stop the walk; dossier_brief_walk then returns that value. */
typedef int (*dossier_brief_visit_fn)(const dossier_brief_node *node, int entering, void *user);

static inline int dossier_brief_walk_node(const dossier_brief_node *n, dossier_brief_visit_fn fn,
                                          void *user)
{
    int r = fn(n, 1, user);
    for (size_t i = 0; r == 0 && i < n->n_children; i++)
        r = dossier_brief_walk_node(n->children[i], fn, user);
    return r ? r : fn(n, 0, user);
}

/* Visits every top-level node of the brief and its descendants, in reading order. */
static inline int dossier_brief_walk(const dossier_brief *b, dossier_brief_visit_fn fn,
                                     void *user)
{
    int r = 0;
    for (size_t i = 0; r == 0 && b && i < b->n_nodes; i++)
        r = dossier_brief_walk_node(b->nodes[i], fn, user);
    return r;
}

/* The brief handed to an export call, or NULL from a host older than ABI 1.1. */
static inline const dossier_brief *dossier_args_brief(const dossier_export_args *args)
{
    return DOSSIER_HAS_FIELD(args, dossier_export_args, brief) ? args->brief : NULL;
}

/* ---- in-memory output ---------------------------------------------------------------- */

typedef struct dossier_buf {
    char *data;
    size_t len, cap;
    int error; /* ENOMEM after a failed allocation; later writes are skipped */
} dossier_buf;

static inline void dossier_buf_init(dossier_buf *b)
{
    memset(b, 0, sizeof *b);
}

static inline void dossier_buf_free(dossier_buf *b)
{
    free(b->data);
    dossier_buf_init(b);
}

static inline void dossier_buf_write(dossier_buf *b, const char *s, size_t n)
{
    if (b->error || n == 0)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *g = (char *)realloc(b->data, cap);
        if (!g) {
            b->error = ENOMEM;
            return;
        }
        b->data = g;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void dossier_buf_puts(dossier_buf *b, const char *s)
{
    dossier_buf_write(b, s, strlen(s));
}

static inline void dossier_buf_printf(dossier_buf *b, const char *fmt, ...) DOSSIER_PRINTF(2, 3);
static inline void dossier_buf_printf(dossier_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->error = b->error ? b->error : EINVAL;
        return;
    }
    if ((size_t)n < sizeof small) {
        dossier_buf_write(b, small, (size_t)n);
        return;
    }
    char *big = (char *)malloc((size_t)n + 1);
    if (!big) {
        b->error = ENOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    dossier_buf_write(b, big, (size_t)n);
    free(big);
}

/* For an export call: opens args->output_path, or records why not with set_error and
 * returns DOSSIER_ERR_IO. */
static inline dossier_status dossier_out_begin(dossier_out *o, const dossier_export_args *args)
{
    if (dossier_out_open(o, args->output_path))
        return DOSSIER_OK;
    args->host->set_error(args->ctx, "cannot open %s: %s", args->output_path, strerror(o->error));
    return DOSSIER_ERR_IO;
}

/* For an export call: closes the file and returns DOSSIER_OK (telling the host how many bytes
 * were written, so that it can check the file before it renames it), or records the first
 * write failure with set_error and returns DOSSIER_ERR_IO. */
static inline dossier_status dossier_out_end(dossier_out *o, const dossier_export_args *args)
{
    unsigned long long bytes = o->bytes;
    int err = dossier_out_close(o);
    if (err == 0) {
        if (DOSSIER_HOST_HAS(args->host, output_written))
            args->host->output_written(args->ctx, bytes);
        return DOSSIER_OK;
    }
    args->host->set_error(args->ctx, "cannot write %s: %s", args->output_path, strerror(err));
    return DOSSIER_ERR_IO;
}

/* Writes a whole buffer to `path` (for an export call: args->output_path) and closes it;
 * returns 0, or the errno of the first failure (the buffer's own, or the file's). */
static inline int dossier_buf_save(const dossier_buf *b, const char *path)
{
    if (b->error)
        return b->error;
    dossier_out o;
    if (!dossier_out_open(&o, path))
        return o.error;
    dossier_out_write(&o, b->data ? b->data : "", b->len);
    return dossier_out_close(&o);
}

/* For an export call: saves the buffer to args->output_path and returns DOSSIER_OK (telling
 * the host the size written), or records the failure with set_error and returns
 * DOSSIER_ERR_IO (DOSSIER_ERR_NO_MEMORY when the buffer itself ran out of memory). */
static inline dossier_status dossier_buf_end(const dossier_buf *b, const dossier_export_args *args)
{
    if (b->error == ENOMEM) {
        args->host->set_error(args->ctx, "out of memory building %s", args->output_path);
        return DOSSIER_ERR_NO_MEMORY;
    }
    int err = dossier_buf_save(b, args->output_path);
    if (err != 0) {
        args->host->set_error(args->ctx, "cannot write %s: %s", args->output_path, strerror(err));
        return DOSSIER_ERR_IO;
    }
    if (DOSSIER_HOST_HAS(args->host, output_written))
        args->host->output_written(args->ctx, b->len);
    return DOSSIER_OK;
}

/* ---- XML and HTML escaping ------------------------------------------------------------ */

/* Calls sink with `s` in pieces, & < > " ' replaced by entities: safe in element content and
 * in attribute values quoted with either quote. */
static inline void dossier_xml_escape(const char *s, void (*sink)(void *, const char *, size_t),
                                      void *user)
{
    const char *run = s;
    for (; *s; s++) {
        const char *ent = *s == '&'    ? "&amp;"
                          : *s == '<'  ? "&lt;"
                          : *s == '>'  ? "&gt;"
                          : *s == '"'  ? "&quot;"
                          : *s == '\'' ? "&#39;"
                                       : NULL;
        if (!ent)
            continue;
        if (s > run)
            sink(user, run, (size_t)(s - run));
        sink(user, ent, strlen(ent));
        run = s + 1;
    }
    if (s > run)
        sink(user, run, (size_t)(s - run));
}

static inline void dossier_buf_sink_(void *b, const char *s, size_t n)
{
    dossier_buf_write((dossier_buf *)b, s, n);
}

static inline void dossier_out_sink_(void *o, const char *s, size_t n)
{
    dossier_out_write((dossier_out *)o, s, n);
}

/* Escaped text into a buffer or a file. */
static inline void dossier_buf_xml(dossier_buf *b, const char *s)
{
    dossier_xml_escape(s, dossier_buf_sink_, b);
}

static inline void dossier_out_xml(dossier_out *o, const char *s)
{
    dossier_xml_escape(s, dossier_out_sink_, o);
}

/* ---- time ----------------------------------------------------------------------------- */

/* "2020-06-30T00:00:00Z" for seconds since 1970 (UTC), e.g. brief->timestamp; buf holds at
 * least 21 bytes. No locale, no time zone, no libc time functions: the same on every host. */
static inline void dossier_time_iso8601(long long t, char buf[21])
{
    long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    long long secs = t - days * 86400;
    /* civil_from_days (H. Hinnant) */
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long d = doy - (153 * mp + 2) / 5 + 1;
    long long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 0 || y > 9999) /* outside what ISO 8601 writes with four digits */
        y = y < 0 ? 0 : 9999;
    long long parts[6] = {y, m, d, secs / 3600, secs / 60 % 60, secs % 60};
    static const char layout[] = "dddd-dd-ddTdd:dd:ddZ";
    /* written digit by digit: no snprintf, so no format-truncation warning for callers */
    int part = 0, left = 4;
    long long div = 1000;
    for (int i = 0; i < 20; i++) {
        if (layout[i] != 'd') {
            buf[i] = layout[i];
            continue;
        }
        buf[i] = (char)('0' + parts[part] / div % 10);
        div /= 10;
        if (--left == 0 && ++part < 6) {
            left = 2;
            div = 10;
        }
    }
    buf[20] = '\0';
}

#if defined(_POSIX_C_SOURCE) && _POSIX_C_SOURCE >= 200112L
#include <time.h>
/* The time to hand a zip library that stores local DOS dates (libzip converts with
 * localtime()) so that the entries read as `t`'s UTC time in every time zone: the instant
 * whose local time reads as t's UTC time, and no earlier than 1980-01-01 (the first DOS date).
 * For packages (DOCX, OFD) stamped with brief->timestamp. POSIX (gmtime_r, mktime). */
static inline time_t dossier_zip_entry_time(long long t)
{
    if (t < 315532800) /* 1980-01-01 */
        t = 315532800;
    time_t tt = (time_t)t;
    struct tm utc;
    if (!gmtime_r(&tt, &utc))
        return tt;
    utc.tm_isdst = -1;
    time_t local = mktime(&utc);
    return local == (time_t)-1 ? tt : local;
}
#endif

#ifdef __cplusplus
}
#endif
#endif /* DOSSIER_PLUGIN_UTIL_H */
