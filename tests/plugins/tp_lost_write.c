/* tp_lost_write.c — test plugin that says it wrote more than the file holds, as a plugin
 * whose last buffer was lost on a full disk would: the host must not rename the file. */
#include <stdio.h>
#include "dossier/plugin.h"

static dossier_status lost_export(const dossier_export_args *a)
{
    FILE *f = fopen(a->output_path, "w");
    if (!f)
        return DOSSIER_ERR_IO;
    fputs("0123456789", f);
    fclose(f);
    a->host->output_written(a->ctx, 4096 + 10);
    return DOSSIER_OK;
}

DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "lost", .extension = "lost",
                      .export_profile = lost_export};
