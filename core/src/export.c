/* export.c — dispatch to a plugin with an atomic output file (see export.h). */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"

export_outcome export_run(plugin_entry *plugin, const config *cfg, const dossier_profile *p,
                          const char *out_dir, char **written, diag_list *d)
{
    const char *fmt = plugin->desc.name;
    if (written)
        *written = NULL;
    if (!registry_ensure_init(plugin, cfg, d))
        return EXPORT_FAILED;
    char name[256];
    snprintf(name, sizeof name, "%s.%s", p->id, plugin->desc.extension);
    atomic_file out;
    if (!atomic_file_begin(&out, out_dir, name)) {
        diag_add(d, DIAG_ERROR, "%s/%s: error: %s: cannot create the output: %s", out_dir, name,
                 fmt, strerror(errno));
        return EXPORT_UNWRITABLE;
    }
    host_ctx_clear_error(plugin->ctx);
    dossier_export_args args = {
        .struct_size = sizeof args,
        .profile = p,
        .host = host_services(),
        .ctx = plugin->ctx,
        .state = plugin->state,
        .output_path = out.tmp_path,
        .final_path = out.final_path,
    };
    dossier_status s = plugin->desc.export_profile(&args);
    if (s != DOSSIER_OK) {
        const char *why = host_ctx_error(plugin->ctx);
        diag_add(d, DIAG_ERROR, "%s: error: %s export failed (%s)%s%s; nothing was written",
                 out.final_path, fmt, dossier_status_string(s), *why ? ": " : "", why);
        atomic_file_abort(&out);
        return EXPORT_FAILED;
    }
    char *final = strdup(out.final_path);
    if (!atomic_file_commit(&out)) {
        diag_add(d, DIAG_ERROR, "%s: error: %s: cannot write the output: %s",
                 final ? final : name, fmt, strerror(errno));
        free(final);
        return EXPORT_UNWRITABLE;
    }
    if (written)
        *written = final;
    else
        free(final);
    return EXPORT_DONE;
}
