/* config_ini.c — reads an INI file into a config with iniparser, and finds the line of each
 * key (iniparser does not keep positions) so messages can name FILE:LINE. Before iniparser
 * sees a file, ini_check_text refuses what is not a configuration file (binary data, NUL
 * bytes, invalid UTF-8, control characters, lines longer than iniparser reads, huge files)
 * with FILE:LINE:COL, so no raw byte of a hostile file reaches a message.
 */
#include "config.h"

#include <ctype.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* iniparser 4.1 reads lines into a 1024-byte buffer; a longer line is its error. */
#define INI_MAX_LINE 1000
/* A UTF-8 byte-order mark, which Windows editors write: skipped, like in profiles. */
#define BOM "\xEF\xBB\xBF"
/* A configuration file is a few kilobytes; more is not one. */
#define INI_MAX_BYTES (1L << 20)

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
        char *s = line;
        if (lineno == 1 && memcmp(s, BOM, 3) == 0)
            s += 3;
        s = trim(s);
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

/* Checks that the file is text iniparser can read faithfully. Returns CONFIG_OK, or
 * CONFIG_INVALID after one error naming FILE:LINE[:COL]; *empty tells that the file holds no
 * byte at all (/dev/null as a configuration is fine). */
static config_status ini_check_text(FILE *f, const char *path, bool *empty, diag_list *d)
{
    struct stat st;
    bool regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
    /* read up to INI_MAX_BYTES + 1 bytes, growing the buffer as the file goes on */
    size_t cap = 0, n = 0;
    char *buf = NULL;
    do {
        cap = cap ? cap * 4 : 16384;
        if (cap > INI_MAX_BYTES + 1)
            cap = INI_MAX_BYTES + 1;
        char *grown = realloc(buf, cap);
        if (!grown) {
            free(buf);
            diag_add(d, DIAG_ERROR, "%s: error: out of memory", path);
            return CONFIG_INVALID;
        }
        buf = grown;
        n += fread(buf + n, 1, cap - n, f);
    } while (n == cap && cap < INI_MAX_BYTES + 1);
    if (ferror(f)) {
        /* a read error is not an empty file: the settings it holds would be lost silently */
        diag_add(d, DIAG_ERROR, "%s: error: cannot read configuration file: %s", path,
                 strerror(errno ? errno : EIO));
        free(buf);
        return CONFIG_UNREADABLE;
    }
    rewind(f);
    *empty = n == 0;
    config_status status = CONFIG_OK;
    if (n > INI_MAX_BYTES) {
        diag_add(d, DIAG_ERROR, "%s: error: larger than %ld bytes; not a configuration file",
                 path, INI_MAX_BYTES);
        status = CONFIG_INVALID;
    } else if (!regular && n > 0) {
        diag_add(d, DIAG_ERROR, "%s: error: not a regular file", path);
        status = CONFIG_INVALID;
    }
    int line = 1;
    for (size_t i = 0; status == CONFIG_OK && i <= n; line++) {
        size_t end = i;
        while (end < n && buf[end] != '\n')
            end++;
        size_t len = end - i;
        if (len > 0 && buf[end - 1] == '\r')
            len--;
        size_t bad;
        if (len > INI_MAX_LINE) {
            diag_add(d, DIAG_ERROR, "%s:%d: error: line too long (%zu bytes; at most %d)", path,
                     line, len, INI_MAX_LINE);
            status = CONFIG_INVALID;
        } else if (!text_utf8_valid(buf + i, len, &bad)) {
            diag_add(d, DIAG_ERROR, "%s:%d:%zu: error: invalid UTF-8 (byte 0x%02X); a "
                     "configuration file is UTF-8 text", path, line, bad + 1,
                     (unsigned char)buf[i + bad]);
            status = CONFIG_INVALID;
        } else {
            for (size_t k = 0; k < len; k++) {
                unsigned char ch = (unsigned char)buf[i + k];
                if ((ch < 0x20 && ch != '\t') || ch == 0x7F) {
                    diag_add(d, DIAG_ERROR, "%s:%d:%zu: error: %s U+%04X; a configuration "
                             "file is UTF-8 text", path, line, k + 1,
                             ch ? "control character" : "NUL byte", ch);
                    status = CONFIG_INVALID;
                    break;
                }
            }
        }
        i = end + 1;
    }
    free(buf);
    return status;
}

/* Copies iniparser's text into out with every byte outside printable ASCII and UTF-8 shown
 * as \xHH, and iniparser's own "iniparser: " prefixes and newlines dropped. */
static void ini_clean_message(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    const char *prefix = "iniparser: ";
    for (size_t i = 0; in[i] && o + 5 < cap;) {
        if (strncmp(in + i, prefix, strlen(prefix)) == 0) {
            i += strlen(prefix);
            continue;
        }
        unsigned char ch = (unsigned char)in[i];
        if (ch == '\n') {
            out[o++] = ' ';
            i++;
        } else if (ch >= 0x20 && ch != 0x7F) {
            out[o++] = (char)ch;
            i++;
        } else {
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", ch);
            i++;
        }
    }
    out[o] = '\0';
}

config_status config_load_file(config *c, const char *path, diag_list *d)
{
    /* O_NONBLOCK: a FIFO with no writer must not block the open; FIFOs and sockets are
     * refused, devices such as /dev/null are read (and checked) like files. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) ||
                                           S_ISDIR(st.st_mode))) {
        close(fd);
        diag_add(d, DIAG_ERROR, "%s: error: cannot read configuration file: not a regular "
                 "file", path);
        return CONFIG_UNREADABLE;
    }
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    if (!f && fd >= 0)
        close(fd);
    if (!f) {
        diag_add(d, DIAG_ERROR, "%s: error: cannot open configuration file: %s", path,
                 strerror(errno));
        return CONFIG_UNREADABLE;
    }
    bool empty = false;
    errno = 0;
    config_status checked = ini_check_text(f, path, &empty, d);
    if (checked != CONFIG_OK) {
        fclose(f);
        return checked;
    }
    if (empty) {
        fclose(f);
        return CONFIG_OK;
    }
    ini_error[0] = '\0';
    iniparser_set_error_callback(ini_collect_error);
    /* iniparser reads only from a path, and would take a BOM for part of line 1: give it a
     * copy without one (an unlinked temporary file, through /proc/self/fd). */
    FILE *copy = NULL;
    char source[64];
    const char *ini_path = path;
    char head[3] = {0};
    if (fread(head, 1, 3, f) == 3 && memcmp(head, BOM, 3) == 0 && (copy = tmpfile())) {
        char chunk[4096];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
            fwrite(chunk, 1, got, copy);
        fflush(copy);
        snprintf(source, sizeof source, "/proc/self/fd/%d", fileno(copy));
        ini_path = source;
    }
    rewind(f);
    dictionary *ini = iniparser_load(ini_path);
    if (copy)
        fclose(copy);
    if (!ini) {
        /* iniparser's text is "iniparser: syntax error in FILE (LINE):\n-> TEXT", once per
         * bad line; report the first in our form, FILE:LINE: error: ... */
        char msg[sizeof ini_error + 64];
        ini_clean_message(ini_error, msg, sizeof msg);
        int line = 0;
        char *at = strstr(msg, ini_path);
        at = at ? strstr(at + strlen(ini_path), " (") : NULL;
        char *text = at ? strstr(at, "): -> ") : NULL;
        if (at && sscanf(at, " (%d)", &line) == 1 && text) {
            text += strlen("): -> ");
            char *next = strstr(text, " syntax error in ");
            if (!next)
                next = strstr(text, " input line too long in ");
            if (next)
                *next = '\0';
            diag_add(d, DIAG_ERROR, "%s:%d: error: not a valid INI file: syntax error in \"%s\" "
                     "(expected [section], key = value, or a ; comment)%s", path, line,
                     trim(text), next ? "; more lines follow" : "");
        } else {
            diag_add(d, DIAG_ERROR, "%s: error: not a valid INI file: %s", path,
                     *msg ? trim(msg) : "unknown error");
        }
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
