/* export.c — dispatch to a plugin with an atomic output file, in process or in a child
 * process (see export.h). */
#include "export.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "batch_hash.h"

static volatile pid_t export_child = 0;

/* Results of a run besides the plugin's own status codes (which are >= 0). */
enum { RUN_DIED = -1, RUN_INIT_FAILED = -2 };

void export_kill_child(void)
{
    if (export_child > 0)
        kill(export_child, SIGKILL);
}

/* Runs the plugin in this process: its status, or RUN_INIT_FAILED with the full message in
 * why; the reason of a failure goes to why. */
static int run_inline(plugin_entry *plugin, const config *cfg, const dossier_profile *p,
                      const dossier_brief *brief, const atomic_file *out, char *why, size_t cap)
{
    diag_list d;
    diag_init(&d);
    why[0] = '\0';
    if (!registry_ensure_init(plugin, cfg, &d)) {
        snprintf(why, cap, "%s", d.count ? d.items[0].text : "initialisation failed");
        diag_free(&d);
        return RUN_INIT_FAILED;
    }
    diag_free(&d);
    host_ctx_clear_error(plugin->ctx);
    dossier_export_args args = {
        .struct_size = sizeof args,
        .profile = p,
        .host = host_services(),
        .ctx = plugin->ctx,
        .state = plugin->state,
        .output_path = out->tmp_path,
        .final_path = out->final_path,
        .brief = brief,
    };
    host_set_profile(p);
    dossier_status s = plugin->desc.export_profile(&args);
    host_set_profile(NULL);
    if (s != DOSSIER_OK) {
        snprintf(why, cap, "%s", host_ctx_error(plugin->ctx));
        return (int)s;
    }
    /* The plugin said how much it wrote: the file must hold that much (a write lost in a
       stdio buffer on a full disk would otherwise pass as success). */
    long long said = host_ctx_written(plugin->ctx);
    struct stat st;
    if (said >= 0 && (stat(out->tmp_path, &st) != 0 || (long long)st.st_size != said)) {
        snprintf(why, cap, "the plugin wrote %lld bytes but the file holds %lld (a write was "
                 "lost: disk full?)", said, stat(out->tmp_path, &st) == 0 ? (long long)st.st_size : -1LL);
        return DOSSIER_ERR_IO;
    }
    return (int)s;
}

static bool write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs the plugin in a child process. Returns what run_inline returned there, or RUN_DIED
 * with `why` saying how the child died (signal, timeout). */
static int run_isolated(plugin_entry *plugin, const config *cfg, const dossier_profile *p,
                        const dossier_brief *brief, const atomic_file *out, unsigned timeout_s, char *why, size_t cap)
{
    int fds[2];
    if (pipe(fds) != 0) {
        snprintf(why, cap, "cannot create a pipe: %s", strerror(errno));
        return RUN_DIED;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, cap, "cannot start a child process: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return RUN_DIED;
    }
    if (pid == 0) {
        close(fds[0]);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        char msg[4096];
        int s = run_inline(plugin, cfg, p, brief, out, msg, sizeof msg);
        if (plugin->initialized && plugin->desc.fini)
            plugin->desc.fini(plugin->state);
        size_t n = strlen(msg);
        bool ok = write_all(fds[1], &s, sizeof s) && write_all(fds[1], msg, n);
        fflush(NULL);
        _exit(ok ? 0 : 1);
    }
    export_child = pid;
    close(fds[1]);
    char buf[4096 + sizeof(int)];
    size_t got = 0;
    bool timed_out = false;
    long long deadline = timeout_s ? now_ms() + (long long)timeout_s * 1000 : 0;
    for (;;) {
        int wait_ms = -1;
        if (deadline) {
            long long left = deadline - now_ms();
            if (left <= 0) {
                timed_out = true;
                break;
            }
            wait_ms = left > 60000 ? 60000 : (int)left;
        }
        struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
        int r = poll(&pfd, 1, wait_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue;
        ssize_t n = read(fds[0], buf + got, sizeof buf - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || (got += (size_t)n) >= sizeof buf - 1)
            break;
    }
    close(fds[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    export_child = 0;
    if (timed_out) {
        snprintf(why, cap, "timed out after %u s ([core] plugin_timeout) and was stopped",
                 timeout_s);
        return RUN_DIED;
    }
    if (WIFSIGNALED(st)) {
        int sig = WTERMSIG(st);
        snprintf(why, cap, "crashed (signal %d, %s)", sig, strsignal(sig));
        return RUN_DIED;
    }
    if (got < sizeof(int) || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        snprintf(why, cap, "exited without reporting a result (exit status %d)",
                 WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        return RUN_DIED;
    }
    int s;
    memcpy(&s, buf, sizeof s);
    buf[got] = '\0';
    snprintf(why, cap, "%s", buf + sizeof s);
    return s;
}

static export_outcome finish(plugin_entry *plugin, atomic_file *out_file, int s,
                             const char *why, export_settings *settings, char **written,
                             diag_list *d);

export_outcome export_run(plugin_entry *plugin, const config *cfg, const dossier_profile *p,
                          const dossier_brief *brief,
                          const char *out_dir, export_settings *settings, char **written,
                          diag_list *d)
{
    const char *fmt = plugin->desc.name;
    if (written)
        *written = NULL;
    if (plugin->init_failed)
        return EXPORT_FAILED; /* already reported */
    char name[256];
    snprintf(name, sizeof name, "%s.%s", p->id, plugin->desc.extension);
    atomic_file out;
    if (!atomic_file_begin(&out, out_dir, name)) {
        diag_add(d, DIAG_ERROR, "%s/%s: error: %s: cannot create the output: %s", out_dir, name,
                 fmt, strerror(errno));
        return EXPORT_UNWRITABLE;
    }
    if (settings && settings->tmp_note)
        snprintf(settings->tmp_note, settings->tmp_note_cap, "%s", out.tmp_path);
    char why[4096];
    int s = settings && settings->isolate
                ? run_isolated(plugin, cfg, p, brief, &out, settings->timeout_s, why, sizeof why)
                : run_inline(plugin, cfg, p, brief, &out, why, sizeof why);
    export_outcome r = finish(plugin, &out, s, why, settings, written, d);
    if (settings && settings->tmp_note && settings->tmp_note_cap)
        settings->tmp_note[0] = '\0';
    return r;
}

/* Commits or aborts the output after the plugin ran with status s. */
static export_outcome finish(plugin_entry *plugin, atomic_file *out_file, int s,
                             const char *why, export_settings *settings, char **written,
                             diag_list *d)
{
    const char *fmt = plugin->desc.name;
    atomic_file out = *out_file;
    if (s != DOSSIER_OK) {
        if (s == RUN_INIT_FAILED) {
            diag_add(d, DIAG_ERROR, "%s", why); /* already a full message */
            plugin->init_failed = true;
        } else if (s == RUN_DIED) {
            diag_add(d, DIAG_ERROR, "%s: error: %s export %s; nothing was written",
                     out.final_path, fmt, why);
        } else {
            diag_add(d, DIAG_ERROR, "%s: error: %s export failed (%s)%s%s; nothing was written",
                     out.final_path, fmt, dossier_status_string((dossier_status)s),
                     *why ? ": " : "", why);
        }
        atomic_file_abort(&out);
        /* A plugin that could not write its file (disk full, quota) met an output problem;
         * one that refused a setting (a font not found, a sheet name Excel refuses), a
         * configuration problem. */
        return s == DOSSIER_ERR_IO       ? EXPORT_UNWRITABLE
               : s == DOSSIER_ERR_CONFIG ? EXPORT_MISCONFIGURED
                                         : EXPORT_FAILED;
    }
    if (settings && settings->hash && !batch_sha256_file(out.tmp_path, settings->sha,
                                                         &settings->bytes))
        settings->bytes = -1;
    char *final = strdup(out.final_path);
    if (!atomic_file_commit(&out)) {
        diag_add(d, DIAG_ERROR, "%s: error: %s: cannot write the output: %s",
                 final ? final : "(output)", fmt, strerror(errno));
        free(final);
        return EXPORT_UNWRITABLE;
    }
    if (written)
        *written = final;
    else
        free(final);
    return EXPORT_DONE;
}
