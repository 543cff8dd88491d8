/* tp_no_export.c — test plugin without the required export callback: must be refused. */
#include <stdio.h>
#include "dossier/plugin.h"

DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "noexport", .extension = "ne"};
