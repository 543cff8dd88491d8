/* csv_plugin.c — the indicator table as RFC 4180 CSV in UTF-8 for spreadsheets and statistics
 * tools: one record per indicator (wide) or per series point (long); see csv_layout.c for the
 * columns. */
#include <string.h>

#include "csv.h"

static const dossier_option csv_options[] = {
    {"layout", DOSSIER_OPT_CHOICE, "wide",
     "wide: one row per indicator with all its fields; long: series, period, value rows for "
     "statistics tools", 0, 0, "wide|long"},
    {"bom", DOSSIER_OPT_BOOL, "true",
     "start with a UTF-8 byte-order mark so that Excel reads the Chinese text correctly "
     "(false for tools that do not skip one)", 0, 0, NULL},
    {"header", DOSSIER_OPT_BOOL, "true", "write the column names as the first row", 0, 0, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

static dossier_status csv_export(const dossier_export_args *a)
{
    const dossier_host *host = a->host;
    csv_out o = {.fresh = true};
    dossier_status st = dossier_out_begin(&o.out, a);
    if (st != DOSSIER_OK)
        return st;
    if (host->config_bool(a->ctx, "bom"))
        csv_bom(&o);
    bool header = host->config_bool(a->ctx, "header");
    if (strcmp(host->config_string(a->ctx, "layout"), "long") == 0)
        csv_long(&o, host, a->profile, header);
    else
        csv_wide(&o, host, a->profile, header);
    st = dossier_out_end(&o.out, a);
    if (st == DOSSIER_OK)
        host->log(a->ctx, DOSSIER_LOG_DEBUG, "%zu indicators written", a->profile->n_indicators);
    return st;
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "csv",
    .version = "1.0.0",
    .description = "indicator table as RFC 4180 CSV (UTF-8), wide or long layout",
    .extension = "csv",
    .mime_type = "text/csv; charset=utf-8",
    .options = csv_options,
    .export_profile = csv_export,
};
