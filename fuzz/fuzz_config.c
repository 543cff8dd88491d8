/* fuzz_config.c — libFuzzer target: the INI configuration reader (iniparser plus our line
 * locator) and the validation of values against declared options. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"

static const dossier_option fuzz_options[] = {
    {"width", DOSSIER_OPT_INT, "80", "", 20, 1000, NULL},
    {"ending", DOSSIER_OPT_CHOICE, "lf", "", 0, 0, "lf|crlf"},
    {"flag", DOSSIER_OPT_BOOL, "true", "", 0, 0, NULL},
    {"ratio", DOSSIER_OPT_NUMBER, "0.5", "", 0, 1, NULL},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/dossier-fuzz-config-%ld.ini", (long)getpid());
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    config c;
    config_init(&c);
    diag_list d;
    diag_init(&d);
    if (config_load_file(&c, path, &d) == CONFIG_OK) {
        config_section_schema schemas[] = {{"core", config_core_options}, {"txt", fuzz_options}};
        config_validate(&c, schemas, 2, &d);
    }
    config_free(&c);
    diag_free(&d);
    return 0;
}
