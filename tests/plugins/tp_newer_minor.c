/* tp_newer_minor.c — test plugin needing a newer ABI minor than the host: must be refused. */
#include <stdio.h>
#include "dossier/plugin.h"

static dossier_status ok_export(const dossier_export_args *a) { (void)a; return DOSSIER_OK; }
DOSSIER_PLUGIN_EXPORT const dossier_plugin dossier_plugin_descriptor = {
    .abi_major = DOSSIER_ABI_MAJOR, .abi_minor = 99, .struct_size = sizeof(dossier_plugin),
    .option_size = sizeof(dossier_option), .name = "newerminor", .extension = "nm",
    .export_profile = ok_export};
