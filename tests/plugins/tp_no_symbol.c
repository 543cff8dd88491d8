/* tp_no_symbol.c — a shared object without the descriptor symbol: must be refused. */
#include <stdio.h>
#include "dossier/plugin.h"

DOSSIER_PLUGIN_EXPORT int not_a_dossier_plugin = 1;
