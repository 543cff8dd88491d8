/* cli.c — argument parsing, help, and the session shared by the commands (see cli.h). */
#include "cli.h"
#include "units.h"

#include "batch_inputs.h"
#include "brief_compose.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fputs(
        "Usage:\n"
        "  dossier export [-f FORMATS|all] [-o DIR] [-c CONFIG] [--set SECTION.KEY=VALUE]...\n"
        "                 [--plugin-dir DIR]... [-j N] [--manifest FILE] [--shard K/N|auto]\n"
        "                 [--skip-unchanged] [--report FILE] [--on-failure keep|remove-stale]\n"
        "                 [PROFILE|DIR]...\n"
        "  dossier validate [-c CONFIG] [--set ...] [--manifest FILE] [--sources DIR]\n"
        "                 [PROFILE|DIR]...\n"
        "  dossier plugins [--verbose] [--plugin-dir DIR]...\n"
        "  dossier --help | --version\n"
        "\n"
        "Turns district profiles (JSON) into documents: one file per profile and format,\n"
        "written as DIR/<profile id>.<extension> (DIR: -o, else [core] output_dir, else out/).\n"
        "\n"
        "Options:\n"
        "  -f, --format LIST      comma-separated formats (see `dossier plugins`) or \"all\"\n"
        "  -o, --output DIR       output directory (created when missing)\n"
        "  -c, --config FILE      INI configuration, over $DOSSIER_CONFIG and the defaults\n"
        "      --set S.K=VALUE    one configuration value, over every file (repeatable)\n"
        "      --plugin-dir DIR   search DIR for plugins first (repeatable)\n"
        "  -j, --jobs N           export with N worker processes (default: the number of\n"
        "                         online cores, at most one per profile)\n"
        "      --manifest FILE    the profiles FILE lists, one path a line (export, validate)\n"
        "      --sources DIR      validate: trace every figure to its source text in DIR\n"
        "                         (# comments; relative paths are relative to FILE)\n"
        "      --shard K/N        export only the profiles whose id hashes (FNV-1a 64) to\n"
        "                         shard K of N, numbered from 0\n"
        "      --shard auto[/N]   K and N from SLURM_ARRAY_TASK_ID/_COUNT, or K from\n"
        "                         JOB_COMPLETION_INDEX and N from /N or DOSSIER_SHARD_COUNT\n"
        "      --skip-unchanged   skip outputs whose profile, options, plugin and dossier\n"
        "                         version are unchanged (state in DIR/.dossier-state/)\n"
        "      --report FILE      write a JSON report of every output and failure\n"
        "      --on-failure WHAT  when a format fails: keep its older output (default; it is\n"
        "                         reported as out of date) or remove-stale (delete it, so the\n"
        "                         folder never holds a mixed set)\n"
        "  -q, --quiet            print errors only\n"
        "  -v, --verbose          more detail (plugins: ABI version and options)\n"
        "  -h, --help             this text\n"
        "  -V, --version          the version\n"
        "\n"
        "A PROFILE that is a directory stands for the *.json files in it (sorted by name).\n"
        "Every profile is loaded and checked before anything is written; two profiles with\n"
        "the same id are an error. Progress is shown on a terminal, a summary line otherwise.\n"
        "\n"
        "Plugins are searched in: --plugin-dir, $DOSSIER_PLUGIN_PATH (colon-separated),\n"
        "[core] plugin_dir, the build tree (when run from it), the installed plugin folder.\n"
        "\n"
        "Exit status:\n"
        "  0  success\n"
        "  1  internal error\n"
        "  2  usage error\n"
        "  3  a profile is not valid (data error)\n"
        "  4  a profile or configuration file cannot be read\n"
        "  5  an output cannot be written\n"
        "  6  a format's export failed\n"
        "  7  a configuration value is invalid\n"
        "  8  a requested format has no plugin\n"
        "When several things fail, the status is that of the first failure.\n",
        out);
}

bool cli_gather_inputs(cli_session *s, batch_inputs *paths)
{
    diag_list d;
    diag_init(&d);
    bool ok = true;
    for (size_t i = 0; i < s->opt->n_args; i++)
        ok &= batch_inputs_add_arg(paths, s->opt->args[i], &d);
    if (s->opt->manifest)
        ok &= batch_inputs_add_manifest(paths, s->opt->manifest, &d);
    cli_print_diags(s, &d);
    if (!ok)
        cli_fail(s, EXIT_INPUT);
    return ok;
}

void cli_fail(cli_session *s, int code)
{
    if (s->exit_code == EXIT_OK)
        s->exit_code = code;
}

void cli_print_diags(const cli_session *s, diag_list *d)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].severity == DIAG_ERROR || !s->opt->quiet)
            fprintf(stderr, "%s\n", d->items[i].text);
    if (d->dropped)
        fprintf(stderr, "(%zu more messages not shown)\n", d->dropped);
    diag_free(d);
}

static const char *level_name(dossier_log_level l)
{
    return l == DOSSIER_LOG_ERROR ? "error" : l == DOSSIER_LOG_WARNING ? "warning"
           : l == DOSSIER_LOG_INFO ? "info" : "debug";
}

static void log_sink(void *user, dossier_log_level level, const char *plugin, const char *msg)
{
    const cli_session *s = user;
    if ((level < DOSSIER_LOG_WARNING && !s->opt->verbose) ||
        (level == DOSSIER_LOG_WARNING && s->opt->quiet))
        return;
    fprintf(stderr, "dossier: %s: %s: %s\n", plugin, level_name(level), msg);
}

static bool load_config(cli_session *s, diag_list *d)
{
    const char *env = getenv("DOSSIER_CONFIG");
    config_status st = CONFIG_OK;
    if (env && *env)
        st = config_load_file(&s->cfg, env, d);
    if (st == CONFIG_OK && s->opt->config_file)
        st = config_load_file(&s->cfg, s->opt->config_file, d);
    for (size_t i = 0; st == CONFIG_OK && i < s->opt->n_sets; i++)
        st = config_set_arg(&s->cfg, s->opt->sets[i], d);
    if (st != CONFIG_OK)
        cli_fail(s, st == CONFIG_UNREADABLE ? EXIT_INPUT : EXIT_CONFIG);
    return st == CONFIG_OK;
}

bool cli_session_open(cli_session *s, cli_options *opt)
{
    memset(s, 0, sizeof *s);
    s->opt = opt;
    long long epoch;
    char why[200];
    if (brief_source_date_epoch(&epoch, why, sizeof why) < 0) {
        fprintf(stderr, "dossier: error: %s\n", why);
        cli_fail(s, EXIT_CONFIG);
        return false;
    }
    config_init(&s->cfg);
    registry_init(&s->reg, log_sink, s);
    diag_list d;
    diag_init(&d);
    if (!load_config(s, &d)) {
        cli_print_diags(s, &d);
        return false;
    }
    const config_entry *pd = config_find(&s->cfg, "core", "plugin_dir");
    char **dirs;
    bool *explicit_dirs;
    size_t n = registry_search_path(opt->plugin_dirs, opt->n_plugin_dirs, pd ? pd->value : NULL,
                                    &dirs, &explicit_dirs);
    for (size_t i = 0; i < n; i++)
        registry_load_dir(&s->reg, dirs[i], explicit_dirs[i], &d);
    registry_free_search_path(dirs, explicit_dirs, n);
    registry_sort(&s->reg);

    config_section_schema *schemas = calloc(s->reg.count + 2, sizeof *schemas);
    if (!schemas)
        abort();
    schemas[0] = (config_section_schema){"core", config_core_options};
    schemas[1] = (config_section_schema){"brief", brief_options};
    for (size_t i = 0; i < s->reg.count; i++)
        schemas[i + 2] = (config_section_schema){s->reg.items[i].desc.name,
                                                 s->reg.items[i].desc.options};
    bool ok = config_validate(&s->cfg, schemas, s->reg.count + 2, &d);
    free(schemas);
    cli_print_diags(s, &d);
    if (!ok) {
        cli_fail(s, EXIT_CONFIG);
        return ok;
    }
    /* [core] units_file: units every profile of the run may use; relative to the file that
     * sets it (to the working directory from --set). */
    char path[4096];
    if (config_units_file(&s->cfg, path, sizeof path)) {
        diag_init(&d);
        ok = units_load_file(path, &d);
        cli_print_diags(s, &d);
        if (!ok)
            cli_fail(s, EXIT_CONFIG);
    }
    return ok;
}

void cli_session_close(cli_session *s)
{
    registry_free(&s->reg);
    config_free(&s->cfg);
}

static bool push(const char ***list, size_t *n, const char *item)
{
    const char **grown = realloc(*list, (*n + 1) * sizeof *grown);
    if (!grown)
        return false;
    grown[(*n)++] = item;
    *list = grown;
    return true;
}

/* Parses argv; returns -1 to go on, else an exit code. */
static int parse(int argc, char **argv, cli_options *o)
{
    enum { OPT_SET = 256, OPT_PLUGIN_DIR, OPT_MANIFEST, OPT_SHARD, OPT_SKIP, OPT_REPORT,
           OPT_ON_FAILURE, OPT_SOURCES };
    static const struct option longs[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"config", required_argument, NULL, 'c'},
        {"set", required_argument, NULL, OPT_SET},
        {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
        {"jobs", required_argument, NULL, 'j'},
        {"manifest", required_argument, NULL, OPT_MANIFEST},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"skip-unchanged", no_argument, NULL, OPT_SKIP},
        {"report", required_argument, NULL, OPT_REPORT},
        {"on-failure", required_argument, NULL, OPT_ON_FAILURE},
        {"sources", required_argument, NULL, OPT_SOURCES},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    int c;
    /* GNU getopt permutes: options may stand anywhere; the first operand is the command. */
    while ((c = getopt_long(argc, argv, "f:o:c:j:qvhV", longs, NULL)) != -1) {
        switch (c) {
        case 'f': o->formats = optarg; break;
        case 'o': o->output_dir = optarg; break;
        case 'c': o->config_file = optarg; break;
        case OPT_SET:
            if (!push(&o->sets, &o->n_sets, optarg))
                return EXIT_INTERNAL;
            break;
        case OPT_PLUGIN_DIR:
            if (!push(&o->plugin_dirs, &o->n_plugin_dirs, optarg))
                return EXIT_INTERNAL;
            break;
        case 'j': {
            char *end;
            unsigned long n = strtoul(optarg, &end, 10);
            if (*optarg < '1' || *optarg > '9' || *end || n > 256) {
                fprintf(stderr, "dossier: -j \"%s\": give a number of workers from 1 to 256\n",
                        optarg);
                return EXIT_USAGE;
            }
            o->jobs = (unsigned)n;
            break;
        }
        case OPT_MANIFEST: o->manifest = optarg; break;
        case OPT_SHARD: o->shard = optarg; break;
        case OPT_SKIP: o->skip_unchanged = true; break;
        case OPT_REPORT: o->report_file = optarg; break;
        case OPT_ON_FAILURE:
            if (strcmp(optarg, "keep") != 0 && strcmp(optarg, "remove-stale") != 0) {
                fprintf(stderr, "dossier: error: --on-failure %s: expected keep or "
                        "remove-stale\n", optarg);
                return EXIT_USAGE;
            }
            o->remove_stale = strcmp(optarg, "remove-stale") == 0;
            break;
        case OPT_SOURCES: o->sources_dir = optarg; break;
        case 'q': o->quiet = true; break;
        case 'v': o->verbose = true; break;
        case 'h': usage(stdout); return EXIT_OK;
        case 'V': printf("dossier %s (plugin ABI %d.%d)\n", DOSSIER_VERSION, DOSSIER_ABI_MAJOR,
                         DOSSIER_ABI_MINOR);
            return EXIT_OK;
        case ':':
        case '?':
        default:
            if (optopt && strchr("focj", optopt))
                fprintf(stderr, "dossier: option -%c needs a value\n", optopt);
            else if (optind > 0 && optind <= argc)
                fprintf(stderr, "dossier: unknown or incomplete option '%s'\n", argv[optind - 1]);
            fputs("Try 'dossier --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc)
        o->command = argv[optind++];
    o->args = argv + optind;
    o->n_args = (size_t)(argc - optind);
    return -1;
}

int cli_main(int argc, char **argv)
{
    /* Past a file-size limit (ulimit -f) a write must fail with EFBIG and be reported, not
     * kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    cli_options o = {0};
    int code = parse(argc, argv, &o);
    if (code >= 0 || !o.command) {
        if (code < 0) {
            fputs("dossier: no command given\n", stderr);
            usage(stderr);
            code = EXIT_USAGE;
        }
        free(o.sets);
        free(o.plugin_dirs);
        return code;
    }
    int (*run)(cli_session *) = NULL;
    if (strcmp(o.command, "export") == 0)
        run = cmd_export;
    else if (strcmp(o.command, "validate") == 0)
        run = cmd_validate;
    else if (strcmp(o.command, "plugins") == 0)
        run = cmd_plugins;
    else if (strcmp(o.command, "help") == 0) {
        usage(stdout);
        code = EXIT_OK;
    } else {
        fprintf(stderr, "dossier: unknown command '%s' (commands: export, validate, plugins)\n"
                        "Try 'dossier --help'.\n", o.command);
        code = EXIT_USAGE;
    }
    if (run) {
        bool manifest = strcmp(o.command, "plugins") != 0 && o.manifest;
        if ((strcmp(o.command, "plugins") != 0) && o.n_args == 0 && !manifest) {
            fprintf(stderr, "dossier %s: no PROFILE given\nTry 'dossier --help'.\n", o.command);
            code = EXIT_USAGE;
        } else if (strcmp(o.command, "plugins") == 0 && o.n_args > 0) {
            fprintf(stderr, "dossier plugins: unexpected argument '%s'\n", o.args[0]);
            code = EXIT_USAGE;
        } else {
            cli_session s;
            if (cli_session_open(&s, &o))
                run(&s);
            code = s.exit_code;
            cli_session_close(&s);
        }
    }
    free(o.sets);
    free(o.plugin_dirs);
    return code;
}
