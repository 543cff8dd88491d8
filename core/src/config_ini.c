/* config_ini.c — reads an INI file into a config with iniparser, and finds the line of each
 * key (iniparser does not keep positions) so messages can name FILE:LINE.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* iniparser reports errors through one global printf-like callback; collect them here.
 * Configuration is read on one thread before any worker starts. */
static char ini_error[1024];

DOSSIER_PRINTF(1, 2) static int ini_collect_error(const char *fmt, ...)
{
    size_t used = strlen(ini_error);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(ini_error + used, sizeof ini_error - used, fmt, ap);
    va_end(ap);
    return n;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* Line of `key` in `section` (both lower-case) in the file, 0 when not found. Mirrors
 * iniparser's reading: the last occurrence wins. */
static int ini_locate(FILE *f, const char *section, const char *key)
{
    char line[4096], cur[256] = "";
    int lineno = 0, found = 0;
    rewind(f);
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (*s == '[') {
            char *end = strchr(s, ']');
            if (end) {
                *end = '\0';
                snprintf(cur, sizeof cur, "%s", trim(s + 1));
                for (char *p = cur; *p; p++)
                    *p = (char)tolower((unsigned char)*p);
            }
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq || *s == ';' || *s == '#')
            continue;
        *eq = '\0';
        char *k = trim(s);
        for (char *p = k; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (strcmp(cur, section) == 0 && strcmp(k, key) == 0)
            found = lineno;
    }
    return found;
}

config_status config_load_file(config *c, const char *path, diag_list *d)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_add(d, DIAG_ERROR, "%s: error: cannot open configuration file: %s", path,
                 strerror(errno));
        return CONFIG_UNREADABLE;
    }
    ini_error[0] = '\0';
    iniparser_set_error_callback(ini_collect_error);
    dictionary *ini = iniparser_load(path);
    if (!ini) {
        /* iniparser's text is "iniparser: syntax error in FILE (LINE):\n-> TEXT"; keep the
         * first line's facts and put it in our form. */
        char *msg = ini_error;
        const char *prefix = "iniparser: ";
        if (strncmp(msg, prefix, strlen(prefix)) == 0)
            msg += strlen(prefix);
        for (char *p = msg; *p; p++)
            if (*p == '\n')
                *p = ' ';
        diag_add(d, DIAG_ERROR, "%s: error: not a valid INI file: %s", path,
                 *msg ? trim(msg) : "unknown error");
        fclose(f);
        return CONFIG_INVALID;
    }
    /* iniparser files keys that precede every section under ":key" (empty section name).
     * Such a file is malformed and adds nothing. */
    config_status status = CONFIG_OK;
    for (int i = 0; i < ini->size; i++) {
        if (ini->key[i] && ini->key[i][0] == ':' && ini->val[i]) {
            diag_add(d, DIAG_ERROR, "%s:%d: error: key \"%s\" is outside any [section]", path,
                     ini_locate(f, "", ini->key[i] + 1), ini->key[i] + 1);
            status = CONFIG_INVALID;
        }
    }
    int nsec = status == CONFIG_OK ? iniparser_getnsec(ini) : 0;
    for (int i = 0; i < nsec; i++) {
        const char *sec = iniparser_getsecname(ini, i);
        int nkeys = iniparser_getsecnkeys(ini, sec);
        if (nkeys <= 0)
            continue;
        const char **keys = calloc((size_t)nkeys, sizeof *keys);
        if (!keys || !iniparser_getseckeys(ini, sec, keys)) {
            free(keys);
            continue;
        }
        for (int k = 0; k < nkeys; k++) {
            const char *full = keys[k]; /* "section:key" */
            const char *key = full + strlen(sec) + 1;
            const char *value = iniparser_getstring(ini, full, NULL);
            if (value) /* NULL marks a section header that merely looks like a key */
                config_put(c, sec, key, value, path, ini_locate(f, sec, key));
        }
        free(keys);
    }
    iniparser_freedict(ini);
    fclose(f);
    return status;
}
