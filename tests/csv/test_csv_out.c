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

Test(plugin_util, in_memory_output_and_xml_escaping)
{
    dossier_buf b;
    dossier_buf_init(&b);
    dossier_buf_puts(&b, "<p title=\"");
    dossier_buf_xml(&b, "A&B \"引\" 'x' <y>");
    dossier_buf_printf(&b, "\">%d</p>", 42);
    cr_assert_str_eq(b.data, "<p title=\"A&amp;B &quot;引&quot; &#39;x&#39; &lt;y&gt;\">42</p>");
    cr_assert_eq(b.len, strlen(b.data));
    /* a long printf goes through the heap */
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    dossier_buf_printf(&b, "%s", big);
    cr_assert_eq(b.len, strlen(b.data));
    cr_assert_eq(dossier_buf_save(&b, "/nonexistent-dir/x"), ENOENT);
    dossier_buf_free(&b);
    cr_assert_null(b.data);
}
