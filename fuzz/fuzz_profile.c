/* fuzz_profile.c — libFuzzer target: the profile loader (parse, build, link) on any bytes.
 * Every input must end in a model or in diagnostics, never in a crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>

#include "profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list d;
    diag_init(&d);
    dossier_profile *p = NULL;
    profile_parse("fuzz.json", (const char *)data, size, &p, &d);
    profile_free(p);
    diag_free(&d);
    return 0;
}
