/* test_batch_hash.c — the hashes batch export relies on: SHA-256 against the FIPS 180-2
 * test vectors (and sha256sum for a file), FNV-1a 64 against its reference vectors, the
 * --shard parser with its environment variables, and manifest/directory input lists. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_hash.h"
#include "batch_inputs.h"
#include "batch_shard.h"

static void hex_of(const void *data, size_t len, char *hex)
{
    batch_sha256 c;
    unsigned char d[32];
    batch_sha256_init(&c);
    batch_sha256_update(&c, data, len);
    batch_sha256_final(&c, d);
    batch_sha256_hex(d, hex);
}

Test(sha256, fips_180_2_vectors)
{
    char hex[BATCH_SHA256_HEX];
    hex_of("abc", 3, hex);
    cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hex_of(two, strlen(two), hex);
    cr_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *million = malloc(1000000);
    memset(million, 'a', 1000000);
    hex_of(million, 1000000, hex);
    cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* the same in uneven pieces, across block boundaries */
    batch_sha256 c;
    unsigned char d[32];
    batch_sha256_init(&c);
    size_t at = 0, step = 1;
    while (at < 1000000) {
        size_t n = step < 1000000 - at ? step : 1000000 - at;
        batch_sha256_update(&c, million + at, n);
        at += n;
        step = step * 7 % 131 + 1;
    }
    batch_sha256_final(&c, d);
    batch_sha256_hex(d, hex);
    cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(million);
    hex_of("", 0, hex);
    cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

Test(sha256, padding_edges_match_sha256sum)
{
    /* lengths around the 55/56/64-byte padding boundaries, checked with coreutils */
    char path[] = "/tmp/dossier-sha-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    size_t lengths[] = {55, 56, 57, 63, 64, 65, 119, 120, 128, 70000};
    for (size_t k = 0; k < sizeof lengths / sizeof *lengths; k++) {
        FILE *f = fopen(path, "wb");
        for (size_t i = 0; i < lengths[k]; i++)
            fputc((int)(i * 31 % 251), f);
        fclose(f);
        unsigned char d[32];
        long long size = 0;
        cr_assert(batch_sha256_file(path, d, &size));
        cr_assert_eq(size, (long long)lengths[k]);
        char hex[BATCH_SHA256_HEX], want[65] = "";
        batch_sha256_hex(d, hex);
        char cmd[128];
        snprintf(cmd, sizeof cmd, "sha256sum %s", path);
        FILE *p = popen(cmd, "r");
        cr_assert_eq(fscanf(p, "%64s", want), 1);
        pclose(p);
        cr_assert_str_eq(hex, want, "length %zu", lengths[k]);
    }
    unlink(path);
    unsigned char d[32];
    cr_assert_not(batch_sha256_file("/nonexistent/file", d, NULL));
}

Test(fnv1a64, reference_vectors)
{
    cr_assert_eq(batch_fnv1a64("", 0), 0xcbf29ce484222325ULL);
    cr_assert_eq(batch_fnv1a64("a", 1), 0xaf63dc4c8601ec8cULL);
    cr_assert_eq(batch_fnv1a64("foobar", 6), 0x85944171f73967e8ULL);
}

static void clear_env(void)
{
    unsetenv("SLURM_ARRAY_TASK_ID");
    unsetenv("SLURM_ARRAY_TASK_MIN");
    unsetenv("SLURM_ARRAY_TASK_COUNT");
    unsetenv("JOB_COMPLETION_INDEX");
    unsetenv("DOSSIER_SHARD_COUNT");
}

TestSuite(shard, .init = clear_env, .fini = clear_env);

Test(shard, explicit_and_auto)
{
    batch_shard s;
    char why[512];
    cr_assert(batch_shard_parse("2/5", &s, why, sizeof why), "%s", why);
    cr_assert_eq(s.index, 2);
    cr_assert_eq(s.count, 5);
    const char *bad[] = {"5/5", "1/0", "x/2", "1/", "/3", "1", "-1/3", "1/3x", "auto/0", "autox"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_not(batch_shard_parse(bad[i], &s, why, sizeof why), "%s accepted", bad[i]);
    cr_assert_not(batch_shard_parse("auto", &s, why, sizeof why));
    setenv("SLURM_ARRAY_TASK_ID", "7", 1);
    setenv("SLURM_ARRAY_TASK_MIN", "5", 1);
    setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
    cr_assert(batch_shard_parse("auto", &s, why, sizeof why), "%s", why);
    cr_assert_eq(s.index, 2);
    cr_assert_eq(s.count, 4);
    cr_assert_not(batch_shard_parse("auto/3", &s, why, sizeof why));
    cr_assert(batch_shard_parse("auto/4", &s, why, sizeof why));
    clear_env();
    setenv("JOB_COMPLETION_INDEX", "3", 1);
    cr_assert_not(batch_shard_parse("auto", &s, why, sizeof why));
    cr_assert(strstr(why, "DOSSIER_SHARD_COUNT"), "%s", why);
    cr_assert(batch_shard_parse("auto/10", &s, why, sizeof why));
    cr_assert_eq(s.index, 3);
    cr_assert_eq(s.count, 10);
    cr_assert_not(batch_shard_parse("auto/3", &s, why, sizeof why), "index 3 of 3");
    setenv("DOSSIER_SHARD_COUNT", "4", 1);
    cr_assert(batch_shard_parse("auto", &s, why, sizeof why));
    cr_assert_eq(s.count, 4);
}

Test(shard, every_id_in_exactly_one_shard)
{
    batch_shard s[4];
    char why[256], spec[16];
    for (int k = 0; k < 4; k++) {
        snprintf(spec, sizeof spec, "%d/4", k);
        cr_assert(batch_shard_parse(spec, &s[k], why, sizeof why));
    }
    int per[4] = {0};
    for (int i = 0; i < 2800; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%04d", i);
        int n = 0;
        for (int k = 0; k < 4; k++)
            if (batch_shard_contains(&s[k], id)) {
                n++;
                per[k]++;
            }
        cr_assert_eq(n, 1, "%s", id);
    }
    for (int k = 0; k < 4; k++) /* roughly even: 700 each */
        cr_assert(per[k] > 600 && per[k] < 800, "shard %d has %d", k, per[k]);
    batch_shard none = {0};
    cr_assert(batch_shard_contains(&none, "anything"));
}

Test(inputs, manifest_and_directory)
{
    char dir[] = "/tmp/dossier-inputs-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char cmd[512];
    snprintf(cmd, sizeof cmd, "mkdir -p %s/m %s/p && touch %s/p/b.json %s/p/a.json "
             "%s/p/.x.json %s/p/c.txt && printf '# c\\n\\n x.json \\n/abs/y.json\\n' > %s/m/l",
             dir, dir, dir, dir, dir, dir, dir);
    cr_assert_eq(system(cmd), 0);
    batch_inputs in;
    batch_inputs_init(&in);
    diag_list d;
    diag_init(&d);
    char arg[256];
    snprintf(arg, sizeof arg, "%s/p/", dir);
    cr_assert(batch_inputs_add_arg(&in, arg, &d));
    snprintf(arg, sizeof arg, "%s/m/l", dir);
    cr_assert(batch_inputs_add_manifest(&in, arg, &d));
    cr_assert_not(batch_inputs_add_manifest(&in, "/nonexistent/list", &d));
    cr_assert_eq(d.errors, 1);
    cr_assert_eq(in.count, 4);
    char want[256];
    snprintf(want, sizeof want, "%s/p/a.json", dir);
    cr_assert_str_eq(in.paths[0], want);
    snprintf(want, sizeof want, "%s/p/b.json", dir);
    cr_assert_str_eq(in.paths[1], want);
    snprintf(want, sizeof want, "%s/m/x.json", dir);
    cr_assert_str_eq(in.paths[2], want);
    cr_assert_str_eq(in.paths[3], "/abs/y.json");
    batch_inputs_free(&in);
    diag_free(&d);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}
