/* cli.h — the `dossier` command line: options, exit codes, and the session every command
 * sets up (configuration layers, plugin registry). The CLI is the only layer that prints.
 */
#ifndef DOSSIER_CLI_H
#define DOSSIER_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "batch_inputs.h"
#include "config.h"
#include "diag.h"
#include "registry.h"

/* Exit codes, documented in --help and README.md. When several things fail, the code is the
 * one of the first failure. */
enum {
    EXIT_OK = 0,
    EXIT_INTERNAL = 1,  /* a bug or out of memory */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_DATA = 3,      /* a profile is not valid */
    EXIT_INPUT = 4,     /* a profile or config file cannot be read */
    EXIT_OUTPUT = 5,    /* an output cannot be written */
    EXIT_EXPORT = 6,    /* a format's export failed */
    EXIT_CONFIG = 7,    /* a configuration value is invalid */
    EXIT_FORMAT = 8     /* a requested format has no plugin */
};

typedef struct cli_options {
    const char *command;
    const char *formats;    /* -f */
    const char *output_dir; /* -o */
    const char *config_file; /* -c */
    const char **sets;      /* --set, in order */
    size_t n_sets;
    const char **plugin_dirs; /* --plugin-dir, in order */
    size_t n_plugin_dirs;
    bool quiet, verbose;
    unsigned jobs;          /* -j, 0: the number of online cores */
    const char *manifest;   /* --manifest */
    const char *shard;      /* --shard, as given */
    bool skip_unchanged;    /* --skip-unchanged */
    const char *report_file; /* --report */
    bool remove_stale;      /* --on-failure remove-stale */
    const char *sources_dir; /* --sources (validate) */
    char **args;            /* positional arguments after the command */
    size_t n_args;
} cli_options;

typedef struct cli_session {
    cli_options *opt;
    config cfg;
    registry reg;
    int exit_code; /* the first failure's code, EXIT_OK while none */
} cli_session;

int cli_main(int argc, char **argv);

/* Prints diagnostics (warnings unless quiet) and empties the list. */
void cli_print_diags(const cli_session *s, diag_list *d);
/* The profile files the PROFILE arguments (files or directories) and --manifest name, in
 * order, into `paths` (owned by the caller); false, with the error printed and EXIT_INPUT
 * recorded, when a directory or the manifest cannot be read. */
bool cli_gather_inputs(cli_session *s, batch_inputs *paths);
/* Records a failure: the first failure decides the exit code. */
void cli_fail(cli_session *s, int code);

/* Loads the configuration layers and the plugins and validates the configuration.
 * False (exit code recorded) when the command cannot go on. */
bool cli_session_open(cli_session *s, cli_options *opt);
void cli_session_close(cli_session *s);

int cmd_export(cli_session *s);
int cmd_validate(cli_session *s);
int cmd_plugins(cli_session *s);

#endif
