/* txt_plugin.c — the plain-text brief for a terminal or a mail: the brief tree the core
 * composes (dossier/brief.h), rendered at a fixed width by txt_render.c, then saved with the
 * configured line ending and encoding. */
#include <string.h>

#include "dossier/plugin_util.h"
#include "txt.h"

static const dossier_option txt_options[] = {
    {"width", DOSSIER_OPT_INT, "80", "line width in columns (a Chinese character is two)", 20,
     1000, NULL},
    {"indent", DOSSIER_OPT_INT, "2", "first-line indent of paragraphs, in Chinese characters",
     0, 8, NULL},
    {"line_ending", DOSSIER_OPT_CHOICE, "lf", "line ending", 0, 0, "lf|crlf"},
    {"encoding", DOSSIER_OPT_CHOICE, "utf-8",
     "output encoding (gb18030 for older Chinese systems; gbk fails on characters it lacks)", 0,
     0, "utf-8|gb18030|gbk"},
    /* Read by the core, which composes the brief's table for txt with it ([brief] table). */
    {"table", DOSSIER_OPT_CHOICE, "key",
     "indicators in the figures table: the profile's key figures, all, or none", 0, 0,
     "key|all|none"},
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

static dossier_status txt_export(const dossier_export_args *a)
{
    const dossier_brief *brief = dossier_args_brief(a);
    if (!brief) {
        a->host->set_error(a->ctx, "the host is too old: the txt plugin renders the brief of "
                                   "plugin ABI 1.1");
        return DOSSIER_ERR_UNSUPPORTED;
    }
    size_t width = (size_t)a->host->config_int(a->ctx, "width");
    size_t indent = (size_t)a->host->config_int(a->ctx, "indent");
    if (indent * 2 + 2 > width) {
        a->host->set_error(a->ctx, "indent of %zu characters leaves no room in width %zu",
                           indent, width);
        return DOSSIER_ERR_CONFIG;
    }
    txt_doc d = {.brief = brief, .indent_chars = indent, .state = TXT_AT_START};
    tw_init(&d.w, a->host, a->ctx, width);
    txt_render(&d);
    dossier_status st =
        tw_save(&d.w, a->output_path, a->host->config_string(a->ctx, "encoding"),
                strcmp(a->host->config_string(a->ctx, "line_ending"), "crlf") == 0);
    tw_free(&d.w);
    return st;
}

DOSSIER_PLUGIN_DEFINE{
    DOSSIER_PLUGIN_INIT,
    .name = "txt",
    .version = "1.1.0",
    .description = "plain-text brief for terminals and mail",
    .extension = "txt",
    .mime_type = "text/plain; charset=utf-8",
    .options = txt_options,
    .export_profile = txt_export,
};
