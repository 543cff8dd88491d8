/* tp_abort.c — a plugin that writes part of its output and then aborts. */
#include <stdio.h>
#include <stdlib.h>
#include "dossier/plugin.h"

static dossier_status abort_export(const dossier_export_args *a)
{
    FILE *f = fopen(a->output_path, "wb");
    if (f) {
        fputs("PARTIAL", f);
        fflush(f);
    }
    abort();
}
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "aborts", .version = "0.0.1",
                      .description = "test plugin that aborts mid-write", .extension = "abrt",
                      .export_profile = abort_export};
