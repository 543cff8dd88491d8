/* tp_global_a.c — a plugin that exports an extra global symbol. With RTLD_LOCAL no plugin
 * loaded after it can bind to it (tp_probe_b checks). */
#include "dossier/plugin.h"

__attribute__((visibility("default"))) int dossier_tp_shared_symbol(void);
__attribute__((visibility("default"))) int dossier_tp_shared_symbol(void) { return 42; }

static dossier_status global_export(const dossier_export_args *a)
{
    (void)a;
    return DOSSIER_OK;
}
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "globala", .version = "0.0.1",
                      .description = "test plugin exporting a global symbol",
                      .extension = "ga", .export_profile = global_export};
