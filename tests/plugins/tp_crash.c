/* tp_crash.c — a plugin whose export dereferences NULL: with isolation it fails only its own
 * format. */
#include <signal.h>
#include "dossier/plugin.h"

static dossier_status crash_export(const dossier_export_args *a)
{
    (void)a;
    raise(SIGSEGV);
    return DOSSIER_OK;
}
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "crash", .version = "0.0.1",
                      .description = "test plugin that crashes", .extension = "crash",
                      .export_profile = crash_export};
