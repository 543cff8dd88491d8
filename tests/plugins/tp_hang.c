/* tp_hang.c — a plugin that never returns: stopped by [core] plugin_timeout, or by a signal
 * to dossier. */
#include <stdio.h>
#include <unistd.h>
#include "dossier/plugin.h"

static dossier_status hang_export(const dossier_export_args *a)
{
    FILE *f = fopen(a->output_path, "wb");
    if (f) {
        fputs("PARTIAL", f);
        fclose(f);
    }
    for (;;)
        pause();
    return DOSSIER_OK;
}
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "hang", .version = "0.0.1",
                      .description = "test plugin that hangs", .extension = "hang",
                      .export_profile = hang_export};
