/* tp_bad_option.c — test plugin declaring an option whose default is not of its type. */
#include <stdio.h>
#include "dossier/plugin.h"

static const dossier_option opts[] = {
    {"size", DOSSIER_OPT_INT, "abc", "a size", 1, 10, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL}};
static dossier_status ok_export(const dossier_export_args *a) { (void)a; return DOSSIER_OK; }
DOSSIER_PLUGIN_DEFINE{DOSSIER_PLUGIN_INIT, .name = "badoption", .extension = "bo",
                      .options = opts, .export_profile = ok_export};
