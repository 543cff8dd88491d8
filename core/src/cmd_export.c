/* cmd_export.c — `dossier export`: load every profile, check ids, export each in each format. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "cli.h"
#include "export.h"
#include "profile.h"

/* Resolves the format list to plugins; false (exit code recorded) when one is unknown. */
static bool select_formats(cli_session *s, const char *list, plugin_entry ***out, size_t *n)
{
    *out = calloc(s->reg.count + 1, sizeof **out);
    *n = 0;
    if (!*out)
        abort();
    if (strcmp(list, "all") == 0) {
        for (size_t i = 0; i < s->reg.count; i++)
            (*out)[(*n)++] = &s->reg.items[i];
        if (*n == 0) {
            fprintf(stderr, "dossier: error: no export plugin found (see `dossier --help` for "
                            "where plugins are searched)\n");
            cli_fail(s, EXIT_FORMAT);
            return false;
        }
        return true;
    }
    bool ok = true;
    char *copy = strdup(list);
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        plugin_entry *e = registry_find(&s->reg, tok);
        if (!e) {
            fprintf(stderr, "dossier: error: no plugin for format \"%s\" (available:", tok);
            for (size_t i = 0; i < s->reg.count; i++)
                fprintf(stderr, " %s", s->reg.items[i].desc.name);
            fprintf(stderr, "%s)\n", s->reg.count ? "" : " none");
            ok = false;
            continue;
        }
        bool seen = false;
        for (size_t i = 0; i < *n; i++)
            seen |= (*out)[i] == e;
        if (!seen)
            (*out)[(*n)++] = e;
    }
    free(copy);
    if (ok && *n == 0) {
        fprintf(stderr, "dossier: error: the format list \"%s\" names no format\n", list);
        ok = false;
    }
    if (!ok)
        cli_fail(s, EXIT_FORMAT);
    return ok;
}

static size_t max_profile_bytes(const cli_session *s)
{
    const dossier_option *opt = config_option_find(config_core_options, "max_profile_size");
    long mib = 64;
    char why[128];
    config_parse_long(opt, config_value(&s->cfg, "core", opt), &mib, why, sizeof why);
    return (size_t)mib << 20;
}

/* Loads every profile; invalid ones are reported and left NULL. */
static dossier_profile **load_profiles(cli_session *s)
{
    dossier_profile **profiles = calloc(s->opt->n_args + 1, sizeof *profiles);
    if (!profiles)
        abort();
    size_t max = max_profile_bytes(s);
    for (size_t i = 0; i < s->opt->n_args; i++) {
        diag_list d;
        diag_init(&d);
        profile_status st = profile_load(s->opt->args[i], max, &profiles[i], &d);
        cli_print_diags(s, &d);
        if (st != PROFILE_OK)
            cli_fail(s, st == PROFILE_UNREADABLE ? EXIT_INPUT : EXIT_DATA);
    }
    for (size_t i = 0; i < s->opt->n_args; i++)
        for (size_t j = 0; profiles[i] && j < i; j++)
            if (profiles[j] && strcmp(profiles[i]->id, profiles[j]->id) == 0) {
                fprintf(stderr, "%s: error: profile id \"%s\" is also the id of %s; both would "
                        "write the same files\n", profiles[i]->path, profiles[i]->id,
                        profiles[j]->path);
                cli_fail(s, EXIT_DATA);
            }
    return profiles;
}

static void on_signal(int sig)
{
    export_kill_child();
    atomic_file_remove_pending();
    signal(sig, SIG_DFL);
    raise(sig);
}

static export_settings settings_of(const cli_session *s, size_t n_plugins)
{
    const dossier_option *io = config_option_find(config_core_options, "isolate");
    const dossier_option *to = config_option_find(config_core_options, "plugin_timeout");
    const char *isolate = config_value(&s->cfg, "core", io);
    long timeout = 300;
    char why[128];
    config_parse_long(to, config_value(&s->cfg, "core", to), &timeout, why, sizeof why);
    int on = 0;
    bool isolated = strcasecmp(isolate, "auto") == 0 ? n_plugins > 1
                    : config_parse_bool(isolate, &on) && on;
    return (export_settings){.isolate = isolated, .timeout_s = (unsigned)timeout};
}

int cmd_export(cli_session *s)
{
    const dossier_option *fo = config_option_find(config_core_options, "formats");
    const dossier_option *oo = config_option_find(config_core_options, "output_dir");
    const char *formats = s->opt->formats ? s->opt->formats : config_value(&s->cfg, "core", fo);
    const char *out_dir = s->opt->output_dir ? s->opt->output_dir
                                             : config_value(&s->cfg, "core", oo);
    plugin_entry **plugins;
    size_t n_plugins;
    if (!select_formats(s, formats, &plugins, &n_plugins)) {
        free(plugins);
        return s->exit_code;
    }
    export_settings settings = settings_of(s, n_plugins);
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    dossier_profile **profiles = load_profiles(s);
    bool duplicate_ids = s->exit_code == EXIT_DATA;
    bool any = false;
    for (size_t i = 0; i < s->opt->n_args && !duplicate_ids; i++)
        any |= profiles[i] != NULL;
    if (any && !atomic_file_mkdirs(out_dir)) {
        fprintf(stderr, "%s: error: cannot create the output directory: %s\n", out_dir,
                strerror(errno));
        cli_fail(s, EXIT_OUTPUT);
        any = false;
    }
    for (size_t i = 0; any && !duplicate_ids && i < s->opt->n_args; i++) {
        if (!profiles[i])
            continue;
        for (size_t k = 0; k < n_plugins; k++) {
            diag_list d;
            diag_init(&d);
            char *written = NULL;
            export_outcome r = export_run(plugins[k], &s->cfg, profiles[i], out_dir, &settings,
                                         &written, &d);
            cli_print_diags(s, &d);
            if (r == EXPORT_DONE && !s->opt->quiet)
                printf("wrote %s\n", written);
            free(written);
            if (r != EXPORT_DONE)
                cli_fail(s, r == EXPORT_UNWRITABLE ? EXIT_OUTPUT : EXIT_EXPORT);
        }
    }
    fflush(stdout);
    for (size_t i = 0; i < s->opt->n_args; i++)
        profile_free(profiles[i]);
    free(profiles);
    free(plugins);
    return s->exit_code;
}
