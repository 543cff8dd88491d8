/* registry.h — finding, loading and checking export plugins (dlopen).
 *
 * The registry owns each loaded plugin: its dlopen handle, a copy of its descriptor (zero-
 * extended to this host's struct size), its state after init, and its host context.
 * registry_free calls every plugin's fini and unloads it. Problems with a plugin file are
 * warnings (the file is skipped, the run goes on); nothing is printed here.
 */
#ifndef DOSSIER_REGISTRY_H
#define DOSSIER_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "dossier/plugin.h"
#include "host.h"

typedef struct plugin_entry {
    dossier_plugin desc; /* the plugin's descriptor, zero-extended */
    void *handle;
    char *path;          /* owned: absolute path of the file */
    dossier_host_ctx *ctx; /* owned */
    void *state;
    bool initialized, init_failed;
    dossier_option *own_options; /* owned: the option table re-read with the plugin's stride
                                    when its option_size differs from ours, else NULL */
} plugin_entry;

typedef struct registry {
    plugin_entry *items; /* sorted by format name after registry_sort */
    size_t count, cap;
    host_log_fn sink;
    void *sink_user;
    char **skipped;      /* owned: "FILE: reason" of every plugin file that was skipped */
    size_t n_skipped;
} registry;

void registry_init(registry *r, host_log_fn sink, void *sink_user);
void registry_free(registry *r);

/* Loads every "*.so" file in dir (in name order). A directory that does not exist is a
 * warning when `explicit_dir` (the user named it), silently skipped otherwise. */
void registry_load_dir(registry *r, const char *dir, bool explicit_dir, diag_list *d);
/* Loads one plugin file; false (with a warning) when it is skipped. */
bool registry_load_file(registry *r, const char *path, diag_list *d);
void registry_sort(registry *r);

plugin_entry *registry_find(const registry *r, const char *name);

/* Runs the plugin's init once (on first use); false when it failed (reason in d). */
bool registry_ensure_init(plugin_entry *e, const config *cfg, diag_list *d);

/* The directories to search, in order: explicit dirs, DOSSIER_PLUGIN_PATH, the config's
 * plugin_dir, the build tree's plugin folder (when running from the build tree), the
 * installed plugin folder. Fills `dirs` (owned strings) and `explicit` flags; returns the
 * count. */
size_t registry_search_path(const char *const *cli_dirs, size_t n_cli, const char *config_dirs,
                            char ***dirs, bool **explicit_dirs);
void registry_free_search_path(char **dirs, bool *explicit_dirs, size_t n);

#endif
