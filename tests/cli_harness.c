/* cli_harness.c — the shared end-to-end test harness (see cli_harness.h). */
#include "cli_harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

char work[64];
char out_text[1 << 17], err_text[1 << 17];

void harness_setup(const char *name)
{
    snprintf(work, sizeof work, "/tmp/dossier-%s-XXXXXX", name);
    cr_assert_not_null(mkdtemp(work));
}

void harness_teardown(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", work, work);
    cr_assert_eq(system(cmd), 0);
}

void harness_slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, cap - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
}

int harness_run(const char *env, const char *args)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && env -u DOSSIER_CONFIG -u DOSSIER_PLUGIN_PATH -u SLURM_ARRAY_TASK_ID "
             "-u SLURM_ARRAY_TASK_COUNT -u SLURM_ARRAY_TASK_MIN -u JOB_COMPLETION_INDEX "
             "-u DOSSIER_SHARD_COUNT %s '%s' %s >stdout.txt 2>stderr.txt",
             work, env ? env : "", DOSSIER_BIN, args);
    int st = system(cmd);
    char path[256];
    snprintf(path, sizeof path, "%s/stdout.txt", work);
    harness_slurp(path, out_text, sizeof out_text);
    snprintf(path, sizeof path, "%s/stderr.txt", work);
    harness_slurp(path, err_text, sizeof err_text);
    cr_assert(WIFEXITED(st), "dossier did not exit normally: %s", err_text);
    return WEXITSTATUS(st);
}
