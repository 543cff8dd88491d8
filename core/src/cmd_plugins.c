/* cmd_plugins.c — `dossier plugins`: what was loaded, from where, with which options. */
#include <stdio.h>

#include "cli.h"

static const char *type_name(dossier_option_type t)
{
    switch (t) {
    case DOSSIER_OPT_STRING: return "string";
    case DOSSIER_OPT_INT: return "integer";
    case DOSSIER_OPT_BOOL: return "boolean";
    case DOSSIER_OPT_CHOICE: return "choice";
    case DOSSIER_OPT_NUMBER: return "number";
    }
    return "?";
}

int cmd_plugins(cli_session *s)
{
    if (s->reg.count == 0)
        fprintf(stderr, "dossier: no plugins found (see `dossier --help` for the search path)\n");
    for (size_t i = 0; i < s->reg.count; i++) {
        const plugin_entry *e = &s->reg.items[i];
        const dossier_plugin *p = &e->desc;
        printf("%-8s %-8s .%-6s %s\n         %s\n", p->name, p->version, p->extension,
               p->description, e->path);
        if (!s->opt->verbose)
            continue;
        printf("         ABI %u.%u, MIME type %s\n", p->abi_major, p->abi_minor, p->mime_type);
        for (const dossier_option *o = p->options; o && o->key; o++) {
            printf("         [%s] %s (%s", p->name, o->key, type_name(o->type));
            if (o->type == DOSSIER_OPT_INT || o->type == DOSSIER_OPT_NUMBER)
                printf(", %g to %g", o->min, o->max);
            if (o->type == DOSSIER_OPT_CHOICE)
                printf(": %s", o->choices);
            printf(", default \"%s\"): %s\n", o->default_value ? o->default_value : "",
                   o->help ? o->help : "");
        }
    }
    return s->exit_code;
}
