/* dossier/plugin.h — the export plugin ABI: descriptor, host services, status codes.
 *
 * A plugin is a shared object that exports one data symbol, DOSSIER_PLUGIN_SYMBOL, holding a
 * `dossier_plugin` descriptor initialised with DOSSIER_PLUGIN_INIT. The host reads the
 * descriptor's ABI version and size before it calls anything of the plugin. The SDK is this
 * header and model.h only: plugins link against nothing of dossier's, and no memory crosses
 * the boundary (the host owns the model, the config values and the error buffer; the plugin
 * owns its state and the file it writes).
 *
 * Stability: within ABI major 1, structs only grow at the end, enums only gain values at the
 * end, and host services are only appended (each marked with the minor that added it). A host
 * loads plugins of its own major whose minor is not newer than its own.
 *
 * Lifecycle, per run: init (optional, once) → export (once per profile) → fini (optional).
 */
#ifndef DOSSIER_PLUGIN_H
#define DOSSIER_PLUGIN_H

#include <stdarg.h>
#include <stddef.h>

#include "dossier/brief.h"
#include "dossier/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DOSSIER_ABI_MAJOR 1
#define DOSSIER_ABI_MINOR 2

/* Name of the data symbol every plugin exports. */
#define DOSSIER_PLUGIN_SYMBOL "dossier_plugin_descriptor"

#if defined(__GNUC__)
#define DOSSIER_PLUGIN_EXPORT __attribute__((visibility("default")))
#define DOSSIER_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define DOSSIER_PLUGIN_EXPORT
#define DOSSIER_PRINTF(f, a)
#endif

/* Status codes. Append-only: a value, once released, keeps its number and meaning. */
typedef enum dossier_status {
    DOSSIER_OK = 0,
    DOSSIER_ERR_INVALID_ARGUMENT = 1, /* a caller passed something unusable */
    DOSSIER_ERR_NO_MEMORY = 2,
    DOSSIER_ERR_IO = 3,               /* reading or writing a file failed */
    DOSSIER_ERR_CONFIG = 4,           /* a configuration value is unusable */
    DOSSIER_ERR_DATA = 5,             /* the profile cannot be rendered in this format */
    DOSSIER_ERR_ENCODING = 6,         /* a character cannot be encoded or set */
    DOSSIER_ERR_UNSUPPORTED = 7,      /* the request is valid but not supported */
    DOSSIER_ERR_LIBRARY = 8,          /* a third-party library reported an error */
    DOSSIER_ERR_INTERNAL = 9          /* a bug */
} dossier_status;

/* Static description of a status; never NULL. Codes newer than this header are "unknown". */
static inline const char *dossier_status_string(dossier_status status)
{
    switch (status) {
    case DOSSIER_OK: return "success";
    case DOSSIER_ERR_INVALID_ARGUMENT: return "invalid argument";
    case DOSSIER_ERR_NO_MEMORY: return "out of memory";
    case DOSSIER_ERR_IO: return "input/output error";
    case DOSSIER_ERR_CONFIG: return "configuration error";
    case DOSSIER_ERR_DATA: return "data error";
    case DOSSIER_ERR_ENCODING: return "encoding error";
    case DOSSIER_ERR_UNSUPPORTED: return "unsupported";
    case DOSSIER_ERR_LIBRARY: return "library error";
    case DOSSIER_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}

typedef enum dossier_log_level {
    DOSSIER_LOG_DEBUG = 0,
    DOSSIER_LOG_INFO = 1,
    DOSSIER_LOG_WARNING = 2,
    DOSSIER_LOG_ERROR = 3
} dossier_log_level;

/* Types of the INI options a plugin declares. The host validates every value before the
 * plugin runs, so the getters below only ever return valid values. */
typedef enum dossier_option_type {
    DOSSIER_OPT_STRING = 0, /* any text */
    DOSSIER_OPT_INT = 1,    /* integer within [min, max] */
    DOSSIER_OPT_BOOL = 2,   /* true/false, yes/no, on/off, 1/0 */
    DOSSIER_OPT_CHOICE = 3, /* one of `choices`, a '|'-separated list such as "lf|crlf" */
    DOSSIER_OPT_NUMBER = 4  /* decimal number within [min, max] */
} dossier_option_type;

/* One INI key of the plugin's section `[<name>]`. Arrays end with an entry whose key is NULL.
 * The descriptor's option_size is the size of one entry as the plugin was built: since ABI 1.1
 * the host accepts any size from the 1.0 struct up, reads entries with that stride and the
 * fields it knows, so this struct may grow at the end in a later minor. */
typedef struct dossier_option {
    const char *key;
    dossier_option_type type;
    const char *default_value; /* as it would be written in the INI file */
    const char *help;          /* one line */
    double min, max;           /* INT and NUMBER only */
    const char *choices;       /* CHOICE only */
} dossier_option;

/* Opaque per-plugin context: identifies the calling plugin to the host services. */
typedef struct dossier_host_ctx dossier_host_ctx;

/* Called once per line by text_wrap. `line` points into the wrapped text (not NUL-terminated)
 * and covers it contiguously: concatenating all lines gives the text back. `width` is the
 * display width of the line without trailing spaces (which still fit within the wrap width).
 * Return non-zero to stop. */
typedef int (*dossier_line_fn)(const char *line, size_t len, size_t width, void *user);

/* Services the host offers to plugins. Append-only; check the size before using a service
 * added after 1.0 (DOSSIER_HOST_HAS(host, member)). */
typedef struct dossier_host {
    /* The table's size. Named `struct_size` like every other struct since ABI 1.1; `size` is
     * the 1.0 name of the same field, kept so that 1.0 sources still compile. */
    union {
        size_t struct_size;
        size_t size;
    };
    unsigned abi_major, abi_minor;
    const char *version; /* dossier version, e.g. "0.1.0" */

    /* Logging, prefixed with the plugin name. */
    void (*log)(dossier_host_ctx *ctx, dossier_log_level level, const char *fmt, ...)
        DOSSIER_PRINTF(3, 4);

    /* Configuration of the plugin's own INI section. Keys must be declared in the plugin's
     * option table; an undeclared key yields NULL / 0. Returned strings are host-owned and
     * live until the plugin is unloaded. */
    const char *(*config_string)(dossier_host_ctx *ctx, const char *key);
    long (*config_int)(dossier_host_ctx *ctx, const char *key);
    int (*config_bool)(dossier_host_ctx *ctx, const char *key);
    double (*config_number)(dossier_host_ctx *ctx, const char *key);

    /* Display width in terminal columns of UTF-8 text (East Asian wide = 2). */
    size_t (*text_width)(const char *utf8, size_t len);

    /* Breaks UTF-8 text into lines of at most `width` columns (the first line at most
     * `width - first_indent`) at UAX #14 opportunities with Chinese line-breaking rules; a
     * token longer than a line is split between characters. */
    dossier_status (*text_wrap)(const char *utf8, size_t len, size_t width, size_t first_indent,
                                dossier_line_fn fn, void *user);

    /* Formatting of an indicator, snprintf-style: writes at most cap bytes including the NUL
     * and returns the length the full text needs. */
    size_t (*format_value)(const dossier_indicator *ind, char *buf, size_t cap);  /* "7926.0" */
    size_t (*format_figure)(const dossier_indicator *ind, char *buf, size_t cap); /* "近50家" */
    size_t (*format_period)(const dossier_indicator *ind, char *buf, size_t cap); /* "2019年" */

    /* Records why the current call fails; the host prints it with the format's name. */
    void (*set_error)(dossier_host_ctx *ctx, const char *fmt, ...) DOSSIER_PRINTF(2, 3);

    /* Line-break opportunities of UTF-8 text with the same Chinese rules as text_wrap, for
     * formats that measure text themselves (proportional fonts): fills brks[0..len) (caller-
     * allocated) with 1 where a line may end after byte i, 2 where it must (after a newline,
     * and always after the last byte), else 0. */
    dossier_status (*text_breaks)(const char *utf8, size_t len, char *brks);

    /* The base unit of a unit symbol and the factor to it: 亿元 → "元", 1e8; 万家 → "家",
     * 1e4; % → "" (a fraction), 0.01. Returns 0 for an unknown unit (then *base = NULL). */
    int (*unit_base)(const char *unit, const char **base, double *factor);

    /* Added in 1.1: tells the host how many bytes the plugin wrote to output_path. Before it
     * renames the file the host checks that the file holds exactly that many, so a write lost
     * in a buffer (a full disk at fclose) cannot pass as success. Optional; dossier_out_end
     * (plugin_util.h) calls it for the plugins that write through dossier_out. */
    void (*output_written)(dossier_host_ctx *ctx, unsigned long long bytes);
} dossier_host;

#define DOSSIER_HOST_HAS(host, member) \
    ((host)->struct_size >= offsetof(dossier_host, member) + sizeof((host)->member))

/* Everything one export call needs. */
typedef struct dossier_export_args {
    size_t struct_size;
    const dossier_profile *profile;
    const dossier_host *host;
    dossier_host_ctx *ctx;
    void *state;             /* what init stored, or NULL */
    const char *output_path; /* temporary file to write; the host renames it on success */
    const char *final_path;  /* where the output will end up (for messages) */
    /* Added in ABI 1.1: the brief composed by the core for this profile and this format
     * (dossier/brief.h); document formats render it instead of walking the profile. Check
     * DOSSIER_HAS_FIELD(args, dossier_export_args, brief) in a plugin that may meet a 1.0 host
     * (none exists that loads 1.1 plugins, but the check costs nothing). Host-owned. */
    const dossier_brief *brief;
} dossier_export_args;

typedef struct dossier_plugin {
    unsigned abi_major;
    unsigned abi_minor;
    size_t struct_size;
    size_t option_size;      /* sizeof(dossier_option) the plugin was built with */

    const char *name;        /* format name used with -f, e.g. "txt"; [a-z0-9_-]+ */
    const char *version;     /* plugin version */
    const char *description; /* one line */
    const char *extension;   /* output file extension without the dot */
    const char *mime_type;
    const dossier_option *options; /* may be NULL */

    /* Optional: called once before the first export. */
    dossier_status (*init)(const dossier_host *host, dossier_host_ctx *ctx, void **state);
    /* Required: writes args->output_path. On failure, call set_error and return non-OK. */
    dossier_status (*export_profile)(const dossier_export_args *args);
    /* Optional: frees what init allocated. */
    void (*fini)(void *state);
} dossier_plugin;

/* Fills the version and size fields; use as the first initialiser of the descriptor. */
#define DOSSIER_PLUGIN_INIT                                                          \
    .abi_major = DOSSIER_ABI_MAJOR, .abi_minor = DOSSIER_ABI_MINOR,                  \
    .struct_size = sizeof(dossier_plugin), .option_size = sizeof(dossier_option)

/* Declares the descriptor: DOSSIER_PLUGIN_DEFINE { DOSSIER_PLUGIN_INIT, .name = "x", … }; */
#define DOSSIER_PLUGIN_DEFINE \
    DOSSIER_PLUGIN_EXPORT const dossier_plugin dossier_plugin_descriptor =

#ifdef __cplusplus
}
#endif
#endif /* DOSSIER_PLUGIN_H */
