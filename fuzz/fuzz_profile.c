/* fuzz_profile.c — libFuzzer target: the profile loader (parse, build, link) on any bytes,
 * then, for every profile that loads, the brief composer with the default settings and with
 * every part of the bulletin form. Every input must end in a model and a brief, or in
 * diagnostics, never in a crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>

#include "brief_compose.h"
#include "profile.h"

static void compose(const dossier_profile *p, const char *const *sets)
{
    config cfg;
    config_init(&cfg);
    diag_list d;
    diag_init(&d);
    for (size_t i = 0; sets[i]; i++)
        config_set_arg(&cfg, sets[i], &d);
    brief_settings s;
    if (brief_settings_read(&cfg, NULL, NULL, NULL, &s, &d)) {
        brief_doc_free(brief_compose(p, &s, &d));
        brief_settings_free(&s);
    }
    config_free(&cfg);
    diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list d;
    diag_init(&d);
    dossier_profile *p = NULL;
    if (profile_parse("fuzz.json", (const char *)data, size, &p, &d) == PROFILE_OK && p) {
        static const char *const report[] = {NULL};
        static const char *const bulletin[] = {
            "brief.template=bulletin", "brief.name=简报", "brief.issue=1", "brief.issuer=单位",
            "brief.report_to=甲", "brief.copies=3", "brief.table=all", NULL};
        compose(p, report);
        compose(p, bulletin);
    }
    profile_free(p);
    diag_free(&d);
    return 0;
}
