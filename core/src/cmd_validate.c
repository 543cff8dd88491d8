/* cmd_validate.c — `dossier validate`: load and check profiles (files, directories, a
 * manifest: the same inputs as export) and compose each one's brief with the [brief]
 * settings, as export would; write nothing. */
#include <stdio.h>
#include <stdlib.h>

#include "batch_inputs.h"
#include "brief_compose.h"
#include "cli.h"
#include "profile.h"
#include "provenance.h"

static size_t count_sections(const dossier_section *const *s, size_t n)
{
    size_t total = n;
    for (size_t i = 0; i < n; i++)
        total += count_sections(s[i]->children, s[i]->n_children);
    return total;
}

int cmd_validate(cli_session *s)
{
    const dossier_option *opt = config_option_find(config_core_options, "max_profile_size");
    long mib = 64;
    char why[128];
    config_parse_long(opt, config_value(&s->cfg, "core", opt), &mib, why, sizeof why);
    batch_inputs paths;
    batch_inputs_init(&paths);
    cli_gather_inputs(s, &paths);
    for (size_t i = 0; i < paths.count; i++) {
        diag_list d;
        diag_init(&d);
        dossier_profile *p = NULL;
        profile_status st = profile_load(paths.paths[i], (size_t)mib << 20, &p, &d);
        size_t errors = d.errors;
        cli_print_diags(s, &d);
        bool brief_ok = true;
        if (st == PROFILE_OK) {
            diag_init(&d);
            brief_settings bs;
            brief_ok = brief_settings_read(&s->cfg, NULL, NULL, p->path, &bs, &d);
            if (brief_ok) {
                brief_doc *b = brief_compose(p, &bs, &d);
                brief_ok = b != NULL;
                brief_doc_free(b);
                brief_settings_free(&bs);
            }
            cli_print_diags(s, &d);
            if (!brief_ok)
                cli_fail(s, EXIT_CONFIG);
        }
        if (st == PROFILE_OK) {
            diag_init(&d);
            provenance_unlike_periods(p, &d);
            size_t untraced = s->opt->sources_dir ? provenance_check(p, s->opt->sources_dir, &d)
                                                  : 0;
            cli_print_diags(s, &d);
            if (untraced) {
                fprintf(stderr, "%s: %zu of %zu figures not traced to their source\n", p->path,
                        untraced, p->n_indicators);
                cli_fail(s, EXIT_DATA);
            }
        }
        if (st == PROFILE_OK && brief_ok) {
            size_t sections = 0;
            for (size_t k = 0; k < p->n_documents; k++)
                sections += count_sections(p->documents[k]->sections,
                                           p->documents[k]->n_sections);
            if (!s->opt->quiet)
                printf("%s: ok: profile \"%s\" (%s), %zu indicators, %zu series, %zu documents, "
                       "%zu sections\n", p->path, p->id, p->name_zh, p->n_indicators,
                       p->n_series, p->n_documents, sections);
            profile_free(p);
        } else if (st == PROFILE_OK) {
            profile_free(p);
        } else {
            fprintf(stderr, "%s: %zu error%s\n", paths.paths[i], errors, errors == 1 ? "" : "s");
            cli_fail(s, st == PROFILE_UNREADABLE ? EXIT_INPUT : EXIT_DATA);
        }
    }
    batch_inputs_free(&paths);
    return s->exit_code;
}
