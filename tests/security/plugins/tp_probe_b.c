/* tp_probe_b.c — a plugin with a weak reference to tp_global_a's symbol: its export fails,
 * naming the symbol, when another plugin's symbols are visible to it (they must not be:
 * plugins are loaded RTLD_LOCAL). */
#include <stdio.h>
#include "dossier/plugin.h"

extern int dossier_tp_shared_symbol(void) __attribute__((weak));

static dossier_status probe_export(const dossier_export_args *a)
{
    if (dossier_tp_shared_symbol) {
        a->host->set_error(a->ctx, "another plugin's symbol dossier_tp_shared_symbol is visible");
        return DOSSIER_ERR_INTERNAL;
    }
    FILE *f = fopen(a->output_path, "wb");
    if (!f)
        return DOSSIER_ERR_IO;
    fputs("isolated\n", f);
    return fclose(f) == 0 ? DOSSIER_OK : DOSSIER_ERR_IO;
}
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "probeb", .version = "0.0.1",
                      .description = "test plugin probing for other plugins' symbols",
                      .extension = "pb", .export_profile = probe_export};
