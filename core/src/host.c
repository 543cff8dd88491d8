/* host.c — the plugin services table (see host.h and dossier/plugin.h). */
#include "host.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"
#include "units.h"

struct dossier_host_ctx {
    char *plugin_name;
    const dossier_option *options;
    const config *cfg;
    host_log_fn sink;
    void *sink_user;
    char error[2048];
    long long written; /* what the plugin said it wrote, -1 when it said nothing */
};

dossier_host_ctx *host_ctx_new(const char *plugin_name, const dossier_option *options,
                               const config *cfg, host_log_fn sink, void *sink_user)
{
    dossier_host_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx || !(ctx->plugin_name = strdup(plugin_name))) {
        free(ctx);
        return NULL;
    }
    ctx->options = options;
    ctx->written = -1;
    ctx->cfg = cfg;
    ctx->sink = sink;
    ctx->sink_user = sink_user;
    return ctx;
}

void host_ctx_free(dossier_host_ctx *ctx)
{
    if (ctx)
        free(ctx->plugin_name);
    free(ctx);
}

void host_ctx_set_config(dossier_host_ctx *ctx, const config *cfg)
{
    ctx->cfg = cfg;
}

const char *host_ctx_error(const dossier_host_ctx *ctx)
{
    return ctx->error;
}

void host_ctx_clear_error(dossier_host_ctx *ctx)
{
    ctx->error[0] = '\0';
    ctx->written = -1;
}

long long host_ctx_written(const dossier_host_ctx *ctx)
{
    return ctx->written;
}

static void host_output_written(dossier_host_ctx *ctx, unsigned long long bytes)
{
    ctx->written = bytes > (unsigned long long)INT64_MAX ? INT64_MAX : (long long)bytes;
}

DOSSIER_PRINTF(3, 4) static void host_log(dossier_host_ctx *ctx, dossier_log_level level, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (ctx && ctx->sink)
        ctx->sink(ctx->sink_user, level, ctx->plugin_name, msg);
}

DOSSIER_PRINTF(2, 3) static void host_set_error(dossier_host_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->error, sizeof ctx->error, fmt, ap);
    va_end(ap);
}

/* The validated value of a declared option, or NULL for an undeclared key. */
static const char *option_value(dossier_host_ctx *ctx, const char *key,
                                const dossier_option **opt)
{
    *opt = config_option_find(ctx->options, key);
    if (!*opt || !ctx->cfg)
        return *opt ? (*opt)->default_value : NULL;
    return config_value(ctx->cfg, ctx->plugin_name, *opt);
}

static const char *host_config_string(dossier_host_ctx *ctx, const char *key)
{
    const dossier_option *opt;
    return option_value(ctx, key, &opt);
}

static long host_config_int(dossier_host_ctx *ctx, const char *key)
{
    const dossier_option *opt;
    const char *v = option_value(ctx, key, &opt);
    char why[128];
    long out = 0;
    if (v && !config_parse_long(opt, v, &out, why, sizeof why))
        config_parse_long(opt, opt->default_value, &out, why, sizeof why);
    return out;
}

static int host_config_bool(dossier_host_ctx *ctx, const char *key)
{
    const dossier_option *opt;
    const char *v = option_value(ctx, key, &opt);
    int out = 0;
    if (v && !config_parse_bool(v, &out) && opt->default_value)
        config_parse_bool(opt->default_value, &out);
    return out;
}

static double host_config_number(dossier_host_ctx *ctx, const char *key)
{
    const dossier_option *opt;
    const char *v = option_value(ctx, key, &opt);
    char why[128];
    double out = 0;
    if (v && !config_parse_number(opt, v, &out, why, sizeof why))
        config_parse_number(opt, opt->default_value, &out, why, sizeof why);
    return out;
}

static const dossier_profile *current_profile;

void host_set_profile(const dossier_profile *p)
{
    current_profile = p;
}

static int host_unit_base(const char *unit, const char **base, double *factor)
{
    const dossier_profile *p = current_profile;
    if (unit && p && DOSSIER_HAS_FIELD(p, dossier_profile, n_units))
        for (size_t i = 0; i < p->n_units; i++)
            if (strcmp(p->units[i]->symbol, unit) == 0) {
                *base = p->units[i]->base;
                *factor = p->units[i]->factor;
                return 1;
            }
    const unit_info *u = units_find(unit);
    *base = u ? u->base : NULL;
    *factor = u ? u->factor : 1.0;
    return u != NULL;
}

static const dossier_host host_table = {
    .struct_size = sizeof(dossier_host),
    .abi_major = DOSSIER_ABI_MAJOR,
    .abi_minor = DOSSIER_ABI_MINOR,
    .version = DOSSIER_VERSION,
    .log = host_log,
    .config_string = host_config_string,
    .config_int = host_config_int,
    .config_bool = host_config_bool,
    .config_number = host_config_number,
    .text_width = text_width,
    .text_wrap = text_wrap,
    .format_value = format_value,
    .format_figure = format_figure,
    .format_period = format_period,
    .set_error = host_set_error,
    .text_breaks = text_break_opportunities,
    .unit_base = host_unit_base,
    .output_written = host_output_written,
};

const dossier_host *host_services(void)
{
    return &host_table;
}
