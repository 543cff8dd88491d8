/* tp_grown_option.c — test plugin built as a later ABI 1.x might be: its dossier_option
 * entries are larger than this host's (a field appended at the end), and option_size says
 * so. The host must read the table with the plugin's stride and honour its options. */
#include <stdio.h>
#include "dossier/plugin.h"

typedef struct grown_option {
    dossier_option base;
    const char *added_later; /* a field this host does not know */
} grown_option;

static const grown_option grown_options[] = {
    {{"level", DOSSIER_OPT_INT, "3", "a level", 0, 9, NULL}, "unknown"},
    {{"label", DOSSIER_OPT_STRING, "none", "a label", 0, 0, NULL}, "unknown"},
    {{NULL, 0, NULL, NULL, 0, 0, NULL}, NULL},
};

static dossier_status grown_export(const dossier_export_args *a)
{
    FILE *f = fopen(a->output_path, "w");
    if (!f)
        return DOSSIER_ERR_IO;
    fprintf(f, "level=%ld label=%s brief=%s\n", a->host->config_int(a->ctx, "level"),
            a->host->config_string(a->ctx, "label"), a->brief ? "yes" : "no");
    return fclose(f) == 0 ? DOSSIER_OK : DOSSIER_ERR_IO;
}

DOSSIER_PLUGIN_EXPORT const dossier_plugin dossier_plugin_descriptor = {
    .abi_major = DOSSIER_ABI_MAJOR, .abi_minor = DOSSIER_ABI_MINOR,
    .struct_size = sizeof(dossier_plugin), .option_size = sizeof(grown_option),
    .name = "grown", .extension = "grown", .options = &grown_options[0].base,
    .export_profile = grown_export};
