/* tp_unresolved.c — a plugin that needs a function nothing provides. Loaded with RTLD_NOW it
 * is refused when it is loaded, never half-way through an export. */
#include "dossier/plugin.h"

extern int dossier_tp_function_nobody_defines(void);

static dossier_status unresolved_export(const dossier_export_args *a)
{
    (void)a;
    return dossier_tp_function_nobody_defines() ? DOSSIER_OK : DOSSIER_ERR_INTERNAL;
}
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "unresolved", .version = "0.0.1",
                      .description = "test plugin with an undefined symbol",
                      .extension = "unres", .export_profile = unresolved_export};
