/* tp_tiny_descriptor.c — a descriptor whose size field is impossibly small: must be refused
 * before any other field is read. */
#include <stdio.h>
#include "dossier/plugin.h"

static dossier_status ok_export(const dossier_export_args *a) { (void)a; return DOSSIER_OK; }
DOSSIER_PLUGIN_EXPORT const dossier_plugin dossier_plugin_descriptor = {
    .abi_major = DOSSIER_ABI_MAJOR, .abi_minor = 0, .struct_size = 8,
    .name = "tiny", .extension = "tiny", .export_profile = ok_export};
