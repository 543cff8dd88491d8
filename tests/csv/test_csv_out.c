/* test_csv_out.c — the CSV record writer (plugins/csv/csv_out.c) on its own, for what no
 * profile can carry (profile text holds no CR or LF), and the SDK's header-only helpers
 * (dossier/plugin_util.h): the sticky-error output stream, the table choice, the stop test.
 * Expected bytes follow RFC 4180 §2: fields separated by commas, records ended by CRLF, a
 * field with a comma, quote, CR or LF enclosed in quotes with its quotes doubled, other fields
 * bare.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"

/* Writes the records (rows of n fields, NULL = empty) and returns the file's bytes. */
static char *write_records(const char *const *fields, size_t n, size_t rows, size_t *len)
{
    char path[] = "/tmp/test_csv_out_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    csv_out o = {.fresh = true};
    cr_assert(dossier_out_open(&o.out, path));
    for (size_t r = 0; r < rows; r++) {
        for (size_t i = 0; i < n; i++)
            csv_field(&o, fields[r * n + i]);
        csv_end(&o);
    }
    cr_assert_eq(dossier_out_close(&o.out), 0);
    FILE *f = fopen(path, "rb");
    cr_assert(f);
    char *buf = calloc(1, 4096);
    *len = fread(buf, 1, 4095, f);
    fclose(f);
    unlink(path);
    return buf;
}

Test(csv_out, rfc4180_quoting)
{
    const char *fields[] = {"plain", "a,b", "say \"hi\"", "line1\r\nline2", "lf\nonly", "cr\r",
                            NULL, "", "\"", "汉字，全角逗号"};
    const char want[] = "plain,\"a,b\",\"say \"\"hi\"\"\",\"line1\r\nline2\",\"lf\nonly\","
                        "\"cr\r\",,,\"\"\"\",汉字，全角逗号\r\n";
    size_t len;
    char *got = write_records(fields, 10, 1, &len);
    cr_assert_eq(len, sizeof want - 1);
    cr_assert(memcmp(got, want, len) == 0, "got [%s]", got);
    free(got);
}

Test(csv_out, records_end_with_crlf)
{
    const char *fields[] = {"a", "b", "c", "d"};
    size_t len;
    char *got = write_records(fields, 2, 2, &len);
    cr_assert_str_eq(got, "a,b\r\nc,d\r\n");
    free(got);
}

Test(plugin_util, write_error_sticks_and_is_reported)
{
    dossier_out o;
    if (access("/dev/full", W_OK) != 0)
        cr_skip_test("no /dev/full");
    cr_assert(dossier_out_open(&o, "/dev/full"));
    for (int i = 0; i < 10000; i++) /* more than stdio buffers */
        dossier_out_puts(&o, "0123456789");
    dossier_out_printf(&o, "%d", 42);
    cr_assert_eq(dossier_out_close(&o), ENOSPC);
}

Test(plugin_util, open_failure_keeps_errno)
{
    dossier_out o;
    cr_assert_not(dossier_out_open(&o, "/nonexistent-dir/x"));
    cr_assert_eq(o.error, ENOENT);
    cr_assert_eq(dossier_out_close(&o), ENOENT);
}

Test(plugin_util, ends_with_stop)
{
    cr_assert(dossier_ends_with_stop("以问号结尾？"));
    cr_assert(dossier_ends_with_stop("句号。"));
    cr_assert(dossier_ends_with_stop("colon:"));
    cr_assert_not(dossier_ends_with_stop("没有标点"));
    cr_assert_not(dossier_ends_with_stop("括号）"));
    cr_assert_not(dossier_ends_with_stop(""));
}

Test(plugin_util, table_indicators_key_all_none)
{
    dossier_indicator a = {.struct_size = sizeof a, .id = "a"}, b = {.struct_size = sizeof b,
                                                                    .id = "b"};
    const dossier_indicator *all[] = {&a, &b}, *key[] = {&b};
    dossier_profile p = {.struct_size = sizeof p, .indicators = all, .n_indicators = 2,
                         .key_figures = key, .n_key_figures = 1};
    size_t n = 99;
    cr_assert_eq(dossier_table_indicators(&p, "key", &n), key);
    cr_assert_eq(n, 1);
    cr_assert_eq(dossier_table_indicators(&p, "all", &n), all);
    cr_assert_eq(n, 2);
    cr_assert_null(dossier_table_indicators(&p, "none", &n));
    cr_assert_eq(n, 0);
    p.n_key_figures = 0;
    cr_assert_null(dossier_table_indicators(&p, "key", &n));
    cr_assert_eq(n, 0);
}
