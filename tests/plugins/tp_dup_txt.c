/* tp_dup_txt.c — a second plugin claiming the format name "txt": skipped as a duplicate. */
#include <stdio.h>
#include "dossier/plugin.h"

static dossier_status ok_export(const dossier_export_args *a) { (void)a; return DOSSIER_OK; }
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "txt", .extension = "txt",
                      .description = "impostor", .export_profile = ok_export};
