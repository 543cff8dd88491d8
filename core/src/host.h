/* host.h — the services table handed to plugins (dossier_host) and the per-plugin context
 * behind it: the plugin's name, its declared options and configuration, its error buffer and
 * where its log lines go.
 *
 * A host context is owned by the registry entry of its plugin (host_ctx_free). The services
 * table is static and lives for the whole process.
 */
#ifndef DOSSIER_HOST_H
#define DOSSIER_HOST_H

#include "config.h"
#include "dossier/plugin.h"

/* Receives a plugin's log line (without trailing newline). */
typedef void (*host_log_fn)(void *user, dossier_log_level level, const char *plugin,
                            const char *message);

const dossier_host *host_services(void);

/* The profile being exported, whose declared units unit_base also knows (NULL: none). */
void host_set_profile(const dossier_profile *p);

dossier_host_ctx *host_ctx_new(const char *plugin_name, const dossier_option *options,
                               const config *cfg, host_log_fn sink, void *sink_user);
void host_ctx_free(dossier_host_ctx *ctx);
/* Points the context at another configuration (the one of the current run). */
void host_ctx_set_config(dossier_host_ctx *ctx, const config *cfg);
/* The message the plugin recorded with set_error, or "" when none. */
const char *host_ctx_error(const dossier_host_ctx *ctx);
/* Clears the error and the written size before an export call. */
void host_ctx_clear_error(dossier_host_ctx *ctx);
/* The size the plugin said it wrote (output_written), or -1. */
long long host_ctx_written(const dossier_host_ctx *ctx);

#endif
