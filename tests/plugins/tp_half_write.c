/* tp_half_write.c — a plugin that writes part of its output and then fails: the host must
 * leave no partial file and keep an older output. */
#include <stdio.h>
#include "dossier/plugin.h"

static dossier_status half_export(const dossier_export_args *a)
{
    FILE *f = fopen(a->output_path, "wb");
    if (f) {
        fputs("PARTIAL OUTPUT", f);
        fclose(f);
    }
    a->host->set_error(a->ctx, "disk full (simulated) after writing half of %s", a->final_path);
    return DOSSIER_ERR_IO;
}
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "halfwrite", .version = "0.0.1",
                      .description = "test plugin that fails mid-write", .extension = "half",
                      .export_profile = half_export};
