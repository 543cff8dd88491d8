/* profile_load.c — reads a profile file and parses its JSON; hands the tree to the builder.
 *
 * Every piece is read by json_read (a one-pass reader that leaves every error to jansson).
 * A profile's indicators are most of a large file: when json_split finds them, the rest is
 * read first and the builder reads one indicator at a time, so the tree of the whole file is
 * never held (about 1.5 KB per indicator). If an indicator turns out not to be valid JSON,
 * what was built and reported is dropped and the whole text is parsed as one tree, so the
 * syntax error is jansson's, with its line and column, exactly as without the split.
 */
#include "profile.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json_read.h"
#include "json_split.h"
#include "model_store.h"
#include "profile_build.h"

static profile_status parse_in(const char *name, const char *text, size_t len,
                               model_store *store, dossier_profile **out, diag_list *d);

profile_status profile_load(const char *path, size_t max_bytes, dossier_profile **out,
                            diag_list *d)
{
    return profile_load_in(path, max_bytes, NULL, out, d);
}

profile_status profile_load_in(const char *path, size_t max_bytes, model_store *store,
                               dossier_profile **out, diag_list *d)
{
    *out = NULL;
    /* O_NONBLOCK: opening a FIFO with no writer must not wait forever; it is refused below
     * as not a regular file. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        diag_add(d, DIAG_ERROR, "%s: error: cannot open: %s", path, strerror(errno));
        return PROFILE_UNREADABLE;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add(d, DIAG_ERROR, "%s: error: not a regular file", path);
        close(fd);
        return PROFILE_UNREADABLE;
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        diag_add(d, DIAG_ERROR,
                 "%s: error: file is %lld bytes, larger than the limit of %zu bytes "
                 "(raise [core] max_profile_size to accept it)",
                 path, (long long)st.st_size, max_bytes);
        close(fd);
        return PROFILE_UNREADABLE;
    }
    size_t size = (size_t)st.st_size, got = 0;
    char *buf = malloc(size + 1);
    if (!buf) {
        diag_add(d, DIAG_ERROR, "%s: error: out of memory reading %zu bytes", path, size);
        close(fd);
        return PROFILE_UNREADABLE;
    }
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            diag_add(d, DIAG_ERROR, "%s: error: read failed: %s", path,
                     n < 0 ? strerror(errno) : "file shrank while reading");
            free(buf);
            close(fd);
            return PROFILE_UNREADABLE;
        }
        got += (size_t)n;
    }
    close(fd);
    buf[size] = '\0';
    profile_status s = parse_in(path, buf, size, store, out, d);
    free(buf);
    return s;
}

profile_status profile_parse(const char *name, const char *text, size_t len,
                             dossier_profile **out, diag_list *d)
{
    return parse_in(name, text, len, NULL, out, d);
}

/* The skeleton, then the indicators one at a time (json_split.h). False when the text does
 * not split or is not valid JSON, with nothing built or reported: the caller parses it whole. */
static bool parse_split(const char *name, const char *text, size_t len, model_store *store,
                        dossier_profile **out, diag_list *d, profile_status *st)
{
    json_split split;
    if (!json_split_find(text, len, &split))
        return false;
    json_error_t err;
    json_literals lits;
    json_t *skeleton = json_read_tree(text, len, split.open + 1, split.close,
                                      JSON_REJECT_DUPLICATES, &lits, &err);
    bool reparse = skeleton == NULL;
    if (skeleton) {
        size_t mark = store ? model_store_mark(store) : 0;
        diag_mark dm = diag_mark_of(d);
        *out = profile_build(name, skeleton, &lits, text, &split, store, d, &reparse);
        json_decref(skeleton);
        if (reparse) { /* an indicator is not valid JSON: the whole parse will say where */
            diag_rewind(d, dm);
            if (store)
                model_store_rewind(store, mark);
        }
    }
    json_split_free(&split);
    *st = *out ? PROFILE_OK : PROFILE_INVALID;
    return !reparse;
}

static profile_status parse_in(const char *name, const char *text, size_t len,
                               model_store *store, dossier_profile **out, diag_list *d)
{
    *out = NULL;
    if (len == 0) {
        diag_add(d, DIAG_ERROR, "%s: error: the file is empty; a profile is a JSON object",
                 name);
        return PROFILE_INVALID;
    }
    /* Editors on Windows save a UTF-8 byte-order mark; it carries no meaning in JSON. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    profile_status st;
    if (parse_split(name, text, len, store, out, d, &st))
        return st;
    bool reparse;
    json_error_t err;
    json_literals lits;
    json_t *root = json_read_tree(text, len, JSON_READ_NO_HOLE, JSON_READ_NO_HOLE,
                                  JSON_REJECT_DUPLICATES, &lits, &err);
    if (!root) {
        if (err.line > 0)
            diag_add(d, DIAG_ERROR, "%s:%d:%d: error: %s", name, err.line, err.column, err.text);
        else
            diag_add(d, DIAG_ERROR, "%s: error: %s", name, err.text);
        return PROFILE_INVALID;
    }
    dossier_profile *p = profile_build(name, root, &lits, text, NULL, store, d, &reparse);
    json_decref(root);
    if (!p)
        return PROFILE_INVALID;
    *out = p;
    return PROFILE_OK;
}
