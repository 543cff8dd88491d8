/* tp_marker.c — a plugin built for another ABI major whose every function leaves a marker
 * file ($DOSSIER_TEST_MARKER.<what>): the host must call none of them, since it reads the
 * descriptor first. Its ELF constructor also leaves one: the dynamic loader runs it during
 * dlopen, before any check is possible (docs/security.md says so; the test pins it). */
#include <stdio.h>
#include <stdlib.h>
#include "dossier/plugin.h"

static void mark(const char *what)
{
    const char *base = getenv("DOSSIER_TEST_MARKER");
    if (!base)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s.%s", base, what);
    FILE *f = fopen(path, "w");
    if (f)
        fclose(f);
}

__attribute__((constructor)) static void on_load(void) { mark("constructor"); }

static dossier_status marker_init(const dossier_host *host, dossier_host_ctx *ctx, void **state)
{
    (void)host, (void)ctx, (void)state;
    mark("init");
    return DOSSIER_OK;
}

static void marker_fini(void *state)
{
    (void)state;
    mark("fini");
}

static dossier_status marker_export(const dossier_export_args *a)
{
    (void)a;
    mark("export");
    return DOSSIER_OK;
}

DOSSIER_PLUGIN_EXPORT const dossier_plugin dossier_plugin_descriptor = {
    .abi_major = DOSSIER_ABI_MAJOR + 1, .abi_minor = 0, .struct_size = sizeof(dossier_plugin),
    .option_size = sizeof(dossier_option), .name = "marker", .extension = "mark",
    .init = marker_init, .fini = marker_fini, .export_profile = marker_export};
