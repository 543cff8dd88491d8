/* figures.c — a minimal dossier export plugin: the profile's key figures as tab-separated
 * lines (name, figure as the source states it, period, scope). The plugin guide
 * (docs/plugin-guide.md) walks through it. */
#include <stdio.h>
#include <string.h>

#include <dossier/plugin.h>

/* The INI keys of [figures]; the host validates them before the plugin runs. */
static const dossier_option figures_options[] = {
    {"header", DOSSIER_OPT_BOOL, "true", "write a header line first", 0, 0, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

/* Tabs and newlines cannot occur in profile text (the loader rejects control characters),
 * so fields need no quoting. */
static dossier_status figures_export(const dossier_export_args *a)
{
    const dossier_host *host = a->host;
    const dossier_profile *p = a->profile;
    FILE *out = fopen(a->output_path, "w");
    if (!out) {
        host->set_error(a->ctx, "cannot open %s for writing", a->output_path);
        return DOSSIER_ERR_IO;
    }
    if (host->config_bool(a->ctx, "header"))
        fputs("name\tfigure\tperiod\tscope\n", out);
    for (size_t i = 0; i < p->n_key_figures; i++) {
        const dossier_indicator *ind = p->key_figures[i];
        char figure[256], period[256];
        host->format_figure(ind, figure, sizeof figure); /* "7926.0亿元", "近50家" */
        host->format_period(ind, period, sizeof period); /* "2019年" */
        fprintf(out, "%s\t%s\t%s\t%s\n", ind->name, figure, period, ind->scope);
    }
    if (fclose(out) != 0) {
        host->set_error(a->ctx, "cannot write %s", a->output_path);
        return DOSSIER_ERR_IO;
    }
    host->log(a->ctx, DOSSIER_LOG_DEBUG, "%zu figures written", p->n_key_figures);
    return DOSSIER_OK;
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "figures",
    .version = "1.0.0",
    .description = "key figures as tab-separated lines (SDK example)",
    .extension = "tsv",
    .mime_type = "text/tab-separated-values",
    .options = figures_options,
    .export_profile = figures_export,
};
