/* tp_fails_export.c — a valid plugin whose export always fails with a reason. */
#include <stdio.h>
#include "dossier/plugin.h"

static dossier_status fail_export(const dossier_export_args *a)
{
    a->host->set_error(a->ctx, "deliberate failure for %s", a->profile->id);
    return DOSSIER_ERR_DATA;
}
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "failing", .version = "0.0.1",
                      .description = "test plugin that always fails", .extension = "fail",
                      .export_profile = fail_export};
