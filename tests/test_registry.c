/* test_registry.c — the plugin host: loading the real txt plugin and deliberately broken test
 * plugins through the real loader, the search order, and the host services. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "registry.h"

static registry reg;
static diag_list diags;

static void setup(void)
{
    registry_init(&reg, NULL, NULL);
    diag_init(&diags);
}

static void teardown(void)
{
    registry_free(&reg);
    diag_free(&diags);
}

TestSuite(registry, .init = setup, .fini = teardown);

/* The only warning, which must mention every given fragment. */
static void expect_one_warning(const char *a, const char *b)
{
    cr_assert_eq(diags.count, 1, "expected one warning, got %zu", diags.count);
    cr_assert_eq(diags.items[0].severity, DIAG_WARNING);
    const char *t = diags.items[0].text;
    cr_assert(strstr(t, a), "warning \"%s\" lacks \"%s\"", t, a);
    if (b)
        cr_assert(strstr(t, b), "warning \"%s\" lacks \"%s\"", t, b);
}

static void load_test_plugin(const char *name)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", TEST_PLUGIN_DIR, name);
    registry_load_dir(&reg, dir, true, &diags);
}

Test(registry, loads_the_txt_plugin)
{
    registry_load_dir(&reg, BUILD_PLUGIN_DIR, true, &diags);
    cr_assert_eq(diags.count, 0);
    plugin_entry *e = registry_find(&reg, "txt");
    cr_assert_not_null(e);
    cr_assert_str_eq(e->desc.extension, "txt");
    cr_assert_eq(e->desc.abi_major, DOSSIER_ABI_MAJOR);
    cr_assert(strstr(e->path, "dossier-txt.so"));
    cr_assert_not_null(e->desc.options);
}

Test(registry, refuses_wrong_major)
{
    load_test_plugin("tp_wrong_major");
    cr_assert_eq(reg.count, 0);
    expect_one_warning("tp_wrong_major.so", "ABI 2.0");
}

Test(registry, refuses_newer_minor)
{
    load_test_plugin("tp_newer_minor");
    cr_assert_eq(reg.count, 0);
    expect_one_warning("tp_newer_minor.so", "needs plugin ABI 1.99");
}

Test(registry, refuses_missing_symbol)
{
    load_test_plugin("tp_no_symbol");
    cr_assert_eq(reg.count, 0);
    expect_one_warning("tp_no_symbol.so", "no symbol \"dossier_plugin_descriptor\"");
}

Test(registry, refuses_missing_export_callback)
{
    load_test_plugin("tp_no_export");
    cr_assert_eq(reg.count, 0);
    expect_one_warning("tp_no_export.so", "export callback is NULL");
}

Test(registry, refuses_impossible_descriptor_size)
{
    load_test_plugin("tp_tiny_descriptor");
    cr_assert_eq(reg.count, 0);
    expect_one_warning("tp_tiny_descriptor.so", "descriptor size 8");
}

Test(registry, refuses_bad_option_table)
{
    load_test_plugin("tp_bad_option");
    cr_assert_eq(reg.count, 0);
    expect_one_warning("tp_bad_option.so", "option \"size\" is malformed");
}

Test(registry, skips_duplicate_format_name)
{
    registry_load_dir(&reg, BUILD_PLUGIN_DIR, false, &diags);
    size_t built = reg.count;
    cr_assert_geq(built, 1);
    load_test_plugin("tp_dup_txt");
    cr_assert_eq(reg.count, built);
    cr_assert_str_neq(registry_find(&reg, "txt")->desc.description, "impostor");
    expect_one_warning("tp_dup_txt.so", "format \"txt\" is already provided by");
}

Test(registry, same_file_twice_is_loaded_once_silently)
{
    registry_load_dir(&reg, BUILD_PLUGIN_DIR, false, &diags);
    size_t built = reg.count;
    cr_assert_geq(built, 1);
    registry_load_dir(&reg, BUILD_PLUGIN_DIR, false, &diags);
    cr_assert_eq(reg.count, built);
    cr_assert_eq(diags.count, 0);
}

Test(registry, not_a_shared_object)
{
    char dir[] = "/tmp/dossier-test-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char path[1100];
    snprintf(path, sizeof path, "%s/junk.so", dir);
    FILE *f = fopen(path, "w");
    fputs("this is not an ELF file\n", f);
    fclose(f);
    registry_load_dir(&reg, dir, true, &diags);
    unlink(path);
    rmdir(dir);
    cr_assert_eq(reg.count, 0);
    expect_one_warning("junk.so", "not a loadable shared object");
}

Test(registry, missing_directory_warns_only_when_explicit)
{
    registry_load_dir(&reg, "/nonexistent/dossier/plugins", false, &diags);
    cr_assert_eq(diags.count, 0);
    registry_load_dir(&reg, "/nonexistent/dossier/plugins", true, &diags);
    expect_one_warning("/nonexistent/dossier/plugins", "cannot be read");
}

Test(registry, the_run_goes_on_after_a_bad_plugin)
{
    load_test_plugin("tp_wrong_major");
    load_test_plugin("tp_fails_export");
    size_t before = reg.count;
    cr_assert_eq(before, 1);
    registry_load_dir(&reg, BUILD_PLUGIN_DIR, false, &diags);
    registry_sort(&reg);
    cr_assert_gt(reg.count, before);
    cr_assert_not_null(registry_find(&reg, "failing"));
    cr_assert_not_null(registry_find(&reg, "txt"));
    for (size_t i = 1; i < reg.count; i++)
        cr_assert_lt(strcmp(reg.items[i - 1].desc.name, reg.items[i].desc.name), 0);
}

Test(registry, search_path_order)
{
    setenv("DOSSIER_PLUGIN_PATH", "/env/a:/env/b", 1);
    const char *cli[] = {"/cli/one", "/cli/two"};
    char **dirs;
    bool *expl;
    size_t n = registry_search_path(cli, 2, "/cfg/x:/cfg/y", &dirs, &expl);
    unsetenv("DOSSIER_PLUGIN_PATH");
    const char *want[] = {"/cli/one", "/cli/two", "/env/a", "/env/b", "/cfg/x", "/cfg/y"};
    cr_assert_geq(n, 7);
    for (size_t i = 0; i < 6; i++) {
        cr_assert_str_eq(dirs[i], want[i]);
        cr_assert(expl[i]);
    }
    /* the installed folder comes last and is not an explicit directory */
    cr_assert(strstr(dirs[n - 1], "dossier/plugins"));
    cr_assert_not(expl[n - 1]);
    registry_free_search_path(dirs, expl, n);
}

Test(registry, refuses_plugins_others_can_write)
{
    char dir[] = "/tmp/dossier-test-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cp %s/dossier-txt.so %s/", BUILD_PLUGIN_DIR, dir);
    cr_assert_eq(system(cmd), 0);
    char so[1100];
    snprintf(so, sizeof so, "%s/dossier-txt.so", dir);

    chmod(so, 0666); /* the file writable by everyone */
    registry_load_dir(&reg, dir, true, &diags);
    cr_assert_eq(reg.count, 0);
    expect_one_warning("plugin refused", "writable by other users (fix with: chmod go-w");
    diag_free(&diags);

    chmod(so, 0644);
    chmod(dir, 0777); /* the folder writable by everyone */
    registry_load_dir(&reg, dir, true, &diags);
    cr_assert_eq(reg.count, 0);
    expect_one_warning("plugin refused", dir);
    diag_free(&diags);

    chmod(dir, 0755);
    registry_load_dir(&reg, dir, true, &diags);
    cr_assert_eq(reg.count, 1, "the same plugin loads once permissions are safe");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}
