/* dossier/plugin_zip.h — optional header-only SDK helper for package formats (DOCX, OFD …): a
 * zip archive built in memory with libzip from parts the plugin already holds in memory, with
 * fixed entry times (the brief's timestamp), in the order given, so that the same brief gives
 * the same bytes. Include it only in a plugin that links libzip (pkg-config libzip); like
 * plugin_util.h it is compiled into the plugin and is not part of the ABI.
 *
 * Ownership: the entries' bytes stay the caller's; the archive is appended to the caller's
 * dossier_buf.
 */
#ifndef DOSSIER_PLUGIN_ZIP_H
#define DOSSIER_PLUGIN_ZIP_H

#include <zip.h>

#include "dossier/plugin_util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One member of the archive. */
typedef struct dossier_zip_entry {
    const char *name;  /* path inside the archive, UTF-8 */
    const void *data;
    size_t len;
    int store;         /* non-zero: stored as is (already compressed); else deflated */
} dossier_zip_entry;

/* Appends the archive of `entries` to `out`, every entry stamped with
 * dossier_zip_entry_time(timestamp). DOSSIER_OK, or DOSSIER_ERR_LIBRARY /
 * DOSSIER_ERR_NO_MEMORY with a message naming the member in why (cap bytes). */
static inline dossier_status dossier_zip_build(const dossier_zip_entry *entries, size_t n,
                                               long long timestamp, dossier_buf *out,
                                               char *why, size_t cap)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
    const char *doing = "creating the archive in memory";
    if (!za) {
        if (mem)
            zip_source_free(mem);
        snprintf(why, cap, "libzip: %s: %s", doing, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return DOSSIER_ERR_LIBRARY;
    }
    zip_source_keep(mem);
    time_t mtime = dossier_zip_entry_time(timestamp);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        doing = entries[i].name;
        zip_source_t *s = zip_source_buffer(za, entries[i].data, entries[i].len, 0);
        zip_int64_t idx = s ? zip_file_add(za, entries[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0 && s)
            zip_source_free(s);
        ok = idx >= 0 &&
             zip_set_file_compression(za, (zip_uint64_t)idx,
                                      entries[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                      entries[i].store ? 0 : 6) == 0 &&
             zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) == 0;
    }
    if (ok) {
        doing = "writing the archive";
        ok = zip_close(za) == 0;
    }
    if (!ok) {
        zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)), 0);
        snprintf(why, cap, "libzip: %s: %s", doing, zip_error_strerror(&ze));
        zip_discard(za);
        zip_source_free(mem);
        zip_error_fini(&ze);
        return DOSSIER_ERR_LIBRARY;
    }
    zip_error_fini(&ze);
    if (zip_source_open(mem) < 0) {
        zip_source_free(mem);
        snprintf(why, cap, "libzip: reading the archive back failed");
        return DOSSIER_ERR_LIBRARY;
    }
    char chunk[16384];
    zip_int64_t got;
    while ((got = zip_source_read(mem, chunk, sizeof chunk)) > 0)
        dossier_buf_write(out, chunk, (size_t)got);
    zip_source_close(mem);
    zip_source_free(mem);
    if (got < 0) {
        snprintf(why, cap, "libzip: reading the archive back failed");
        return DOSSIER_ERR_LIBRARY;
    }
    if (out->error) {
        snprintf(why, cap, "out of memory");
        return DOSSIER_ERR_NO_MEMORY;
    }
    return DOSSIER_OK;
}

#ifdef __cplusplus
}
#endif
#endif /* DOSSIER_PLUGIN_ZIP_H */
