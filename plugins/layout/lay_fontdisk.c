/* lay_fontdisk.c — the font lookups of earlier runs, kept on disk so that a fresh process
 * finds its fonts without loading fontconfig's configuration (about 27 M instructions: its
 * XML files parsed, a tenth of a one-brief export).
 *
 * The file ($XDG_CACHE_HOME/dossier/fonts-1, else ~/.cache/dossier/fonts-1) holds a stamp and
 * one line per family: family, font file, face index, the file's size and modification time.
 * An entry is used only when
 *   - the stamp equals the newest modification time of fontconfig's configuration and cache
 *     folders and of the usual font folders (installing a font with apt or fc-cache, or
 *     changing the configuration, changes it: every entry is then looked up again);
 *   - the font file still has that size and time;
 *   - the face at that index carries the family name (its `name` table), as fontconfig's
 *     match must (lay_fonts.c: find_family).
 * Nothing is cached with FONTCONFIG_FILE, FONTCONFIG_PATH or FONTCONFIG_SYSROOT set (another
 * configuration), or with DOSSIER_FONT_CACHE=off. A missing, foreign (not the user's, or
 * writable by others), unreadable or malformed file is ignored; writing is best effort (a
 * temporary file renamed into place), never an error. Only successful lookups are stored.
 *
 * Ownership: a lay_fontdisk owns its entries and strings (lay_fontdisk_close).
 */
#include <errno.h>
#include <fcntl.h>
#include <hb-ot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"

#define FONTDISK_MAX 64
#define FONTDISK_MAGIC "dossier-fonts 1"

static long long mtime_ns(const struct stat *st)
{
    return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* `base` + `tail` into buf; false when it does not fit or base is unset. */
static bool join(char *buf, size_t cap, const char *base, const char *tail)
{
    if (!base || !*base)
        return false;
    int n = snprintf(buf, cap, "%s%s", base, tail);
    return n > 0 && (size_t)n < cap;
}

/* The newest modification time among fontconfig's folders and the font folders. */
static long long fontconfig_stamp(void)
{
    const char *home = getenv("HOME"), *xc = getenv("XDG_CACHE_HOME"),
               *xg = getenv("XDG_CONFIG_HOME"), *xd = getenv("XDG_DATA_HOME");
    char p[12][4096];
    size_t n = 0;
    static const char *const fixed[] = {"/etc/fonts", "/etc/fonts/conf.d",
                                        "/var/cache/fontconfig", "/usr/share/fonts",
                                        "/usr/local/share/fonts"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        snprintf(p[n++], sizeof p[0], "%s", fixed[i]);
    if (xc && *xc ? join(p[n], sizeof p[0], xc, "/fontconfig")
                  : join(p[n], sizeof p[0], home, "/.cache/fontconfig"))
        n++;
    if (xg && *xg ? join(p[n], sizeof p[0], xg, "/fontconfig")
                  : join(p[n], sizeof p[0], home, "/.config/fontconfig"))
        n++;
    if (xg && *xg ? join(p[n], sizeof p[0], xg, "/fontconfig/conf.d")
                  : join(p[n], sizeof p[0], home, "/.config/fontconfig/conf.d"))
        n++;
    if (xd && *xd ? join(p[n], sizeof p[0], xd, "/fonts")
                  : join(p[n], sizeof p[0], home, "/.local/share/fonts"))
        n++;
    if (join(p[n], sizeof p[0], home, "/.fonts"))
        n++;
    if (join(p[n], sizeof p[0], home, "/.fonts.conf"))
        n++;
    long long newest = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(p[i], &st) == 0 && mtime_ns(&st) > newest)
            newest = mtime_ns(&st);
    }
    return newest;
}

static bool cache_allowed(void)
{
    const char *off = getenv("DOSSIER_FONT_CACHE");
    return !(off && strcmp(off, "off") == 0) && !getenv("FONTCONFIG_FILE") &&
           !getenv("FONTCONFIG_PATH") && !getenv("FONTCONFIG_SYSROOT");
}

/* The cache file's path; false when there is no home for it. */
static bool cache_path(char *buf, size_t cap, char *dir, size_t dir_cap)
{
    const char *xc = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (!(xc && *xc ? join(dir, dir_cap, xc, "/dossier")
                    : join(dir, dir_cap, home, "/.cache/dossier")))
        return false;
    return join(buf, cap, dir, "/fonts-1");
}

static void entry_free(struct lay_fontdisk_entry *e)
{
    free(e->family);
    free(e->path);
}

/* Reads the entries of an open cache file whose stamp is `stamp`. */
static void read_entries(lay_fontdisk *c, FILE *f, long long stamp)
{
    char line[4600];
    long long have = -1;
    if (!fgets(line, sizeof line, f) ||
        sscanf(line, FONTDISK_MAGIC " %lld", &have) != 1 || have != stamp)
        return;
    while (c->n < FONTDISK_MAX && fgets(line, sizeof line, f)) {
        char *fam = line, *path = strchr(fam, '\t');
        char *rest = path ? strchr(path + 1, '\t') : NULL;
        if (!rest)
            continue;
        *path++ = '\0';
        *rest++ = '\0';
        struct lay_fontdisk_entry e = {.read = true};
        if (sscanf(rest, "%u %lld %lld", &e.index, &e.size, &e.mtime_ns) != 3 || !*fam ||
            path[0] != '/')
            continue;
        e.family = strdup(fam);
        e.path = strdup(path);
        if (!e.family || !e.path) {
            entry_free(&e);
            return;
        }
        c->e[c->n++] = e;
    }
}

void lay_fontdisk_open(lay_fontdisk *c)
{
    memset(c, 0, sizeof *c);
    char dir[4096];
    if (!cache_allowed() || !cache_path(c->file, sizeof c->file, dir, sizeof dir))
        return;
    c->e = calloc(FONTDISK_MAX, sizeof *c->e);
    if (!c->e)
        return;
    c->stamp = fontconfig_stamp();
    c->usable = true;
    int fd = open(c->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
        (st.st_mode & 022)) {
        close(fd);
        return;
    }
    FILE *f = fdopen(fd, "r");
    if (!f) {
        close(fd);
        return;
    }
    read_entries(c, f, c->stamp);
    fclose(f);
}

/* Whether face `index` of the font file names `family` (any platform, any language). */
static bool face_is(const char *path, unsigned index, const char *family)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        return false;
    bool is = false;
    if (index < hb_face_count(blob)) {
        hb_face_t *face = hb_face_create(blob, index);
        unsigned n = 0;
        const hb_ot_name_entry_t *names = hb_ot_name_list_names(face, &n);
        for (unsigned i = 0; i < n && !is; i++) {
            if (names[i].name_id != HB_OT_NAME_ID_FONT_FAMILY &&
                names[i].name_id != HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY)
                continue;
            char s[256];
            unsigned len = sizeof s;
            hb_ot_name_get_utf8(face, names[i].name_id, names[i].language, &len, s);
            is = lay_same_family(s, family);
        }
        hb_face_destroy(face);
    }
    hb_blob_destroy(blob);
    return is;
}

bool lay_fontdisk_find(lay_fontdisk *c, const char *family, char **path, unsigned *index)
{
    for (size_t i = 0; c->usable && i < c->n; i++) {
        const struct lay_fontdisk_entry *e = &c->e[i];
        struct stat st;
        if (strcmp(e->family, family) != 0)
            continue;
        if (stat(e->path, &st) != 0 || st.st_size != e->size || mtime_ns(&st) != e->mtime_ns ||
            !face_is(e->path, e->index, family))
            return false;
        *path = strdup(e->path);
        *index = e->index;
        c->hits += e->read;
        return *path != NULL;
    }
    return false;
}

void lay_fontdisk_put(lay_fontdisk *c, const char *family, const char *path, unsigned index)
{
    struct stat st;
    if (!c->usable || strchr(family, '\t') || strchr(family, '\n') || strchr(path, '\t') ||
        strchr(path, '\n') || path[0] != '/' || stat(path, &st) != 0)
        return;
    size_t i = 0;
    while (i < c->n && strcmp(c->e[i].family, family) != 0)
        i++;
    if (i == FONTDISK_MAX)
        return;
    struct lay_fontdisk_entry e = {.family = strdup(family), .path = strdup(path),
                                   .index = index, .size = st.st_size, .mtime_ns = mtime_ns(&st)};
    if (!e.family || !e.path) {
        entry_free(&e);
        return;
    }
    if (i < c->n)
        entry_free(&c->e[i]);
    else
        c->n++;
    c->e[i] = e;
    c->dirty = true;
}

/* Writes the entries: a temporary file in the cache folder, renamed over the old one. */
static void write_entries(const lay_fontdisk *c)
{
    char dir[4096], tmp[4200];
    char file[sizeof c->file];
    if (!cache_path(file, sizeof file, dir, sizeof dir))
        return;
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    if (slash && slash != parent) {
        *slash = '\0';
        mkdir(parent, 0700); /* ~/.cache may not exist yet */
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return;
    snprintf(tmp, sizeof tmp, "%s/.fonts-1.%ld", dir, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(tmp);
        return;
    }
    fprintf(f, FONTDISK_MAGIC " %lld\n", c->stamp);
    for (size_t i = 0; i < c->n; i++)
        fprintf(f, "%s\t%s\t%u %lld %lld\n", c->e[i].family, c->e[i].path, c->e[i].index,
                c->e[i].size, c->e[i].mtime_ns);
    bool ok = fflush(f) == 0 && !ferror(f);
    if (fclose(f) != 0)
        ok = false;
    if (!ok || rename(tmp, file) != 0)
        unlink(tmp);
}

void lay_fontdisk_close(lay_fontdisk *c, bool save)
{
    if (save && c->usable && c->dirty)
        write_entries(c);
    for (size_t i = 0; c->e && i < c->n; i++)
        entry_free(&c->e[i]);
    free(c->e);
    memset(c, 0, sizeof *c);
}
