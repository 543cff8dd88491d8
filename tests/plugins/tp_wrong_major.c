/* tp_wrong_major.c — test plugin built for a future ABI major: must be refused. */
#include <stdio.h>
#include "dossier/plugin.h"

static dossier_status ok_export(const dossier_export_args *a) { (void)a; return DOSSIER_OK; }
DOSSIER_PLUGIN_EXPORT const dossier_plugin dossier_plugin_descriptor = {
    .abi_major = 2, .abi_minor = 0, .struct_size = sizeof(dossier_plugin),
    .option_size = sizeof(dossier_option), .name = "wrongmajor", .extension = "wm",
    .export_profile = ok_export};
