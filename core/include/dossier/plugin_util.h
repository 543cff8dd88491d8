/* dossier/plugin_util.h — optional header-only helpers for export plugins: an output file
 * whose first write error sticks (so a plugin writes freely and checks once, at the end), and
 * the sentence-end test the in-tree formats use when they run a heading into its paragraph.
 *
 * Not part of the ABI: everything here is `static inline`, compiled into the plugin that
 * includes it, and uses nothing of dossier's (only libc). A later dossier may add helpers or
 * change these; a plugin already built keeps the copy it was built with.
 *
 * Ownership: a dossier_out owns the FILE it opened until dossier_out_close.
 */
#ifndef DOSSIER_PLUGIN_UTIL_H
#define DOSSIER_PLUGIN_UTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
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
    o->f = fopen(path, "wb");
    if (!o->f)
        o->error = dossier_out_errno_();
    return o->f != NULL;
}

static inline void dossier_out_write(dossier_out *o, const char *s, size_t n)
{
    if (o->error == 0 && n > 0 && fwrite(s, 1, n, o->f) != n)
        o->error = dossier_out_errno_();
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
    if (vfprintf(o->f, fmt, ap) < 0)
        o->error = dossier_out_errno_();
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

/* For an export call: opens args->output_path, or records why not with set_error and
 * returns DOSSIER_ERR_IO. */
static inline dossier_status dossier_out_begin(dossier_out *o, const dossier_export_args *args)
{
    if (dossier_out_open(o, args->output_path))
        return DOSSIER_OK;
    args->host->set_error(args->ctx, "cannot open %s: %s", args->output_path, strerror(o->error));
    return DOSSIER_ERR_IO;
}

/* For an export call: closes the file and returns DOSSIER_OK, or records the first write
 * failure with set_error and returns DOSSIER_ERR_IO. */
static inline dossier_status dossier_out_end(dossier_out *o, const dossier_export_args *args)
{
    int err = dossier_out_close(o);
    if (err == 0)
        return DOSSIER_OK;
    args->host->set_error(args->ctx, "cannot write %s: %s", args->output_path, strerror(err));
    return DOSSIER_ERR_IO;
}

/* The indicators of a figures table chosen by a "key|all|none" option (the in-tree formats'
 * `table` key): the profile's key figures, every indicator, or none. Sets *n; the array is
 * the profile's (borrowed), NULL when *n is 0. */
static inline const dossier_indicator *const *dossier_table_indicators(const dossier_profile *p,
                                                                       const char *which,
                                                                       size_t *n)
{
    const dossier_indicator *const *inds = p->key_figures;
    *n = p->n_key_figures;
    if (strcmp(which, "all") == 0) {
        inds = p->indicators;
        *n = p->n_indicators;
    } else if (strcmp(which, "none") == 0) {
        *n = 0;
    }
    return *n > 0 ? inds : NULL;
}

/* True when UTF-8 text ends with sentence punctuation (。！？：； or . ! ? :), i.e. a heading
 * run into its paragraph needs no "。" added. */
static inline bool dossier_ends_with_stop(const char *s)
{
    static const char *const stops[] = {"。", "！", "？", "：", "；", ".", "!", "?", ":"};
    size_t n = strlen(s);
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        size_t k = strlen(stops[i]);
        if (n >= k && memcmp(s + n - k, stops[i], k) == 0)
            return true;
    }
    return false;
}

#ifdef __cplusplus
}
#endif
#endif /* DOSSIER_PLUGIN_UTIL_H */
