#!/usr/bin/python3
"""bench.py — measures dossier against the Python peers and prints Markdown tables.

Usage: bench.py [--bin build/bin/dossier] [--n 1000] [--peer-n N] [--repeat 11]
                [--work /dev/shm] [--grow 10,100,1000] [--big 100000] [--only scaling|big]

Peers: the Python ones (peer_python.py: ReportLab, XlsxWriter, plain text) on the same work,
and Typst (typst/peer_typst.mjs: the brief's text and key-figure table compiled by
@myriaddreamin/typst-ts-node-compiler 0.7.0 in one Node process; `cd bench/typst && npm
install` first, else its rows are skipped). Per-document costs in a batch are marginal ones:
(time for N profiles - time for 10) / (N - 10), so start-up and font set-up are left out.

Everything runs on a RAM disk (/dev/shm) so the disk does not decide the result. Each
command runs under GNU time (/usr/bin/time): wall-clock seconds, CPU seconds (user + system,
children included; read from wait4's rusage with microsecond resolution, not GNU time's
10 ms steps) and the peak resident set of the largest process in the tree (GNU time's %M). Per-worker peaks come from dossier's own --report (wait4's ru_maxrss of each worker).
For one profile the median of --repeat runs is shown, dossier and the peer run alternately, and
the ratios are medians of the per-pair ratios (the machine's speed drifts; a pair shares it).
There the times are the command's own: it is started with posix_spawn and its rusage read with
wait4 (user + system of the command and the processes it waited for), because GNU time's own
start-up (one to three milliseconds of CPU) is a tenth of a one-brief export and would be
counted as dossier's; the peak memory comes from separate runs under GNU time, and the target
row is also measured the old way, under GNU time, in the same run, for comparison.
Standard library only.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"
FORMATS = "pdf,xlsx,txt"
TYPST = os.path.join(HERE, "typst")


def timed(cmd, env=None):
    """(wall s, cpu s, peak KB) of one run; raises when the command fails.

    The command runs under GNU time, which gives the peak resident set of the largest process
    in the tree (%M: its own wait4 of the command, which it exec'd from a small process; a
    child forked from this Python process would start at Python's size). CPU is wait4's rusage
    of GNU time itself, read here: user + system of the command and every process it waited
    for (plus about a millisecond of GNU time's own), with microsecond resolution instead of
    the 10 ms steps GNU time prints."""
    with tempfile.NamedTemporaryFile("r") as mem, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", mem.name] + cmd,
                             stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if p.returncode != 0:
            err.seek(0)
            raise SystemExit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd),
                                                      err.read().decode()[-2000:]))
        kb = int(mem.read().split()[-1])
    return wall, ru.ru_utime + ru.ru_stime, kb


def spawned(cmd):
    """(wall s, cpu s) of one run of the command alone; raises when it fails.

    posix_spawn starts it without a timer process in between (glibc spawns with vfork, so
    nothing of this Python process is copied), and wait4's rusage is the command's user +
    system time and that of every process it waited for, with microsecond resolution."""
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as err:
        fa = [(os.POSIX_SPAWN_DUP2, null.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        t0 = time.monotonic()
        pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=fa)
        _, status, ru = os.wait4(pid, 0)
        wall = time.monotonic() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit("failed (%d): %s\n%s" % (os.waitstatus_to_exitcode(status),
                                                      " ".join(cmd),
                                                      err.read().decode()[-2000:]))
    return wall, ru.ru_utime + ru.ru_stime


def paired_runs(cmd_a, cmd_b, repeat, before_a=None, before_b=None, run=spawned):
    """Runs a and b alternately `repeat` times with `run`: a machine whose speed drifts over a
    minute (a shared VM) then slows both alike. Returns each one's (median wall, median CPU,
    peak KB) and the medians of the per-pair ratios b/a of wall and CPU time. The peak is the
    largest of two further runs of each under GNU time (spawned() measures no memory)."""
    runs_a, runs_b = [], []
    for _ in range(repeat):
        if before_a:
            before_a()
        runs_a.append(run(cmd_a))
        if before_b:
            before_b()
        runs_b.append(run(cmd_b))

    def peak(cmd, before):
        kb = 0
        for _ in range(2):
            if before:
                before()
            kb = max(kb, timed(cmd)[2])
        return kb

    def summary(runs, cmd, before):
        return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                peak(cmd, before))
    return (summary(runs_a, cmd_a, before_a), summary(runs_b, cmd_b, before_b),
            statistics.median(b[0] / a[0] for a, b in zip(runs_a, runs_b)),
            statistics.median(b[1] / a[1] for a, b in zip(runs_a, runs_b)))


def median_run(cmd, repeat, before=None):
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(timed(cmd))
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            max(r[2] for r in runs))


def sizes(out_dir, ext):
    return [os.path.getsize(os.path.join(out_dir, n)) for n in os.listdir(out_dir)
            if n.endswith("." + ext)]


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def mb(kb):
    return "%.1f" % (kb / 1024.0)


def scaling(dossier, profiles, n, out):
    """-j 2 against -j 1, alternating, best of 3: the fastest run is the one the machine's
    other load disturbed least."""
    best = {1: None, 2: None}
    for _ in range(3):
        for j in (1, 2):
            fresh(out + "-s")
            r = timed([dossier, "export", "-q", "-j", str(j), "-f", FORMATS, "-o", out + "-s",
                       profiles])
            if best[j] is None or r[0] < best[j][0]:
                best[j] = r
    print("\n### -j 2 against -j 1, best of 3 alternating runs on %d profiles "
          "(load average %.1f)\n" % (n, os.getloadavg()[0]))
    print("| workers | wall s | CPU s | profiles/s |")
    print("|---|---|---|---|")
    for j in (1, 2):
        print("| -j %d | %.2f | %.2f | %.1f |" % (j, best[j][0], best[j][1], n / best[j][0]))
    print("\n-j 2 is %.2f× faster than -j 1 (wall, best runs)." % (best[1][0] / best[2][0]))


def marginal(cmd_of, small, large, n_small, n_large, out):
    """CPU seconds per document between a run of n_small and one of n_large (best of 2)."""
    best = []
    for d, n in ((small, n_small), (large, n_large)):
        runs = []
        for _ in range(2):
            fresh(out)
            runs.append(timed(cmd_of(d, out)))
        best.append(min(runs, key=lambda r: r[1]))
    return ((best[1][1] - best[0][1]) / (n_large - n_small),
            (best[1][0] - best[0][0]) / (n_large - n_small), best[1])


def per_document(dossier, peer, subset, n, out):
    """Marginal CPU per document in a batch (start-up and per-process set-up excluded)."""
    if n <= 10:
        return
    small, large = subset(10), subset(n)
    rows = []
    d_all = marginal(lambda d, o: [dossier, "export", "-q", "-j", "1", "-f", FORMATS, "-o", o,
                                   d], small, large, 10, n, out + "-m")
    p_all = marginal(lambda d, o: peer + ["-f", FORMATS, "-o", o, d], small, large, 10, n,
                     out + "-m")
    rows.append(("pdf + xlsx + txt", d_all, "Python peers", p_all))
    d_pdf = marginal(lambda d, o: [dossier, "export", "-q", "-j", "1", "-f", "pdf", "-o", o,
                                   d], small, large, 10, n, out + "-m")
    p_pdf = marginal(lambda d, o: peer + ["-f", "pdf", "-o", o, d], small, large, 10, n,
                     out + "-m")
    rows.append(("pdf", d_pdf, "ReportLab", p_pdf))
    node = shutil.which("node")
    if node and os.path.isdir(os.path.join(TYPST, "node_modules")):
        t_pdf = marginal(lambda d, o: [node, os.path.join(TYPST, "peer_typst.mjs"), "-o", o, d],
                         small, large, 10, n, out + "-m")
        rows.append(("pdf", d_pdf, "Typst (typst-ts-node-compiler 0.7.0, one Node process)",
                     t_pdf))
    else:
        print("\n(Typst peer skipped: run `npm install` in bench/typst)")
    print("\n### Per document in a batch: marginal CPU between 10 and %d profiles "
          "(-j 1, best of 2)\n" % n)
    print("| work | dossier CPU ms | dossier wall ms | peer | peer CPU ms | peer wall ms "
          "| peer/dossier CPU |")
    print("|---|---|---|---|---|---|---|")
    for label, d, name, p in rows:
        print("| %s | %.1f | %.1f | %s | %.1f | %.1f | %.1f× |"
              % (label, d[0] * 1000, d[1] * 1000, name, p[0] * 1000, p[1] * 1000,
                 p[0] / d[0] if d[0] > 0 else float("nan")))


def big_profile(dossier, n, work, out):
    """Peak memory of a profile of n indicators (xlsx_synth.py) exported with -j 1: the
    largest process (GNU time) and the worker (--report), for xlsx + csv (issue 14's target),
    the load alone, csv alone and xlsx + csv with [xlsx] constant_memory."""
    big = os.path.join(work, "big.json")
    subprocess.run([PY, os.path.join(HERE, "xlsx_synth.py"), str(n), big], check=True)
    print("\n### A profile of %d indicators: xlsx + csv\n" % n)
    print("| run | wall s | CPU s | peak MB (largest process) | peak MB (worker) |")
    print("|---|---|---|---|---|")
    rep = os.path.join(work, "big-report.json")
    for label, args in [("xlsx + csv, -j 1", ["-f", "xlsx,csv"]),
                        ("load only (validate)", None),
                        ("csv, -j 1", ["-f", "csv"]),
                        ("xlsx + csv, -j 1, [xlsx] constant_memory = true",
                         ["-f", "xlsx,csv", "--set", "xlsx.constant_memory=true"])]:
        if args is None:
            r = timed([dossier, "validate", "-q", big])
            print("| %s | %.2f | %.2f | %s | – |" % (label, r[0], r[1], mb(r[2])))
            continue
        fresh(out + "-big")
        r = timed([dossier, "export", "-q", "-j", "1", "-o", out + "-big", "--report", rep]
                  + args + [big])
        with open(rep) as f:
            worker = max(w["max_rss_kb"] for w in json.load(f)["workers"])
        print("| %s | %.2f | %.2f | %s | %s |" % (label, r[0], r[1], mb(r[2]), mb(worker)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin", "dossier"))
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--peer-n", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--work", default="/dev/shm")
    ap.add_argument("--grow", default="10,100,1000")
    ap.add_argument("--scaling-n", type=int, default=200)
    ap.add_argument("--big", type=int, default=100000,
                    help="indicators of the large profile (xlsx + csv memory); 0: skip")
    ap.add_argument("--only", choices=["scaling", "one", "big"], default=None,
                    help="run one section only: -j scaling, one profile in a fresh process, "
                         "or the large profile")
    a = ap.parse_args()
    peer_n = a.peer_n if a.peer_n is not None else a.n
    dossier = os.path.abspath(a.bin)
    peer = [PY, os.path.join(HERE, "peer_python.py")]
    work = os.path.join(a.work, "dossier-bench-%d" % os.getpid())
    fresh(work)
    env = dict(os.environ)
    env.pop("DOSSIER_CONFIG", None)
    one = os.path.join(ROOT, "data", "haidian.json")
    try:
        if a.only == "big":
            print("load average at start: %.1f" % os.getloadavg()[0])
            big_profile(dossier, a.big, work, os.path.join(work, "out"))
            print("\nload average at the end: %.1f" % os.getloadavg()[0])
            return
        n_max = max([a.n, peer_n] + [int(x) for x in a.grow.split(",") if x])
        prof = os.path.join(work, "profiles")
        subprocess.run([PY, os.path.join(HERE, "gen_profiles.py"), str(n_max), prof], check=True)
        names = sorted(os.listdir(prof))

        def subset(n):
            d = os.path.join(work, "set-%d" % n)
            if not os.path.isdir(d):
                os.makedirs(d)
                for name in names[:n]:
                    os.symlink(os.path.join(prof, name), os.path.join(d, name))
            return d

        out = os.path.join(work, "out")
        load = os.getloadavg()
        if a.only == "scaling":
            scaling(dossier, subset(min(a.scaling_n, n_max)), min(a.scaling_n, n_max), out)
            return

        print("## dossier vs Python peers (%s, %d CPUs, load average %.1f at start)\n"
              % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.cpu_count(), load[0]))

        # --- one profile -------------------------------------------------------------
        print("### One profile (data/haidian.json), median of %d runs\n" % a.repeat)
        print("dossier and the peer run alternately; the ratios are the medians of the %d "
              "per-pair ratios. Times are the command's own (posix_spawn and wait4); peak "
              "memory from two runs under GNU time.\n" % a.repeat)
        print("| work | dossier wall s | dossier CPU s | dossier peak MB | peer wall s "
              "| peer CPU s | peer peak MB | peer/dossier wall | peer/dossier CPU "
              "| dossier/peer memory |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        rows = [("pdf + xlsx + txt, -j 1", FORMATS, ["-j", "1"]),
                ("pdf + xlsx + txt, -j 2", FORMATS, ["-j", "2"]),
                ("pdf", "pdf", ["-j", "1"]), ("xlsx", "xlsx", ["-j", "1"]),
                ("txt", "txt", ["-j", "1"])]
        one_sizes = {}
        for label, fmts, extra in rows:
            d, p, wall_x, cpu_x = paired_runs(
                [dossier, "export", "-q", "-f", fmts, "-o", out + "-d"] + extra + [one],
                peer + ["-f", fmts, "-o", out + "-p", one], a.repeat,
                lambda: fresh(out + "-d"), lambda: fresh(out + "-p"))
            for ext in fmts.split(","):
                one_sizes[ext] = (sizes(out + "-d", ext)[0], sizes(out + "-p", ext)[0])
            print("| %s | %.3f | %.3f | %s | %.3f | %.3f | %s | %s | %s | %.2f |"
                  % (label, d[0], d[1], mb(d[2]), p[0], p[1], mb(p[2]), "%.1f×" % wall_x,
                     "%.1f×" % cpu_x, d[2] / p[2]))
        # the target row the way rounds one to four measured it: under GNU time, whose own
        # CPU is counted with each command's
        d, p, wall_x, cpu_x = paired_runs(
            [dossier, "export", "-q", "-f", FORMATS, "-o", out + "-d", "-j", "1", one],
            peer + ["-f", FORMATS, "-o", out + "-p", one], a.repeat,
            lambda: fresh(out + "-d"), lambda: fresh(out + "-p"),
            run=lambda cmd: timed(cmd)[:2])
        print("\nThe first row measured under GNU time instead (its own CPU counted with each "
              "command's), in the same run: dossier %.3f s, peer %.3f s, peer/dossier CPU "
              "%.1f×." % (d[1], p[1], cpu_x))
        print("\nOutput sizes for data/haidian.json (bytes): " + ", ".join(
            "%s dossier %d / peer %d (%.2f)" % (ext, s[0], s[1], s[0] / s[1])
            for ext, s in one_sizes.items()))
        if a.only == "one":
            return

        # --- batches -----------------------------------------------------------------
        print("\n### Batches of synthetic profiles (bench/gen_profiles.py), pdf + xlsx + txt\n")
        print("| run | profiles | wall s | CPU s | profiles/s | peak MB (largest process) "
              "| peak MB per worker (max) | PDF bytes (mean) |")
        print("|---|---|---|---|---|---|---|---|")
        batch = {}
        for j in (1, 2):
            fresh(out + "-b")
            rep = os.path.join(work, "report-%d.json" % j)
            r = timed([dossier, "export", "-q", "-j", str(j), "-f", FORMATS, "-o", out + "-b",
                       "--report", rep, subset(a.n)])
            with open(rep) as f:
                report = json.load(f)
            worker_peak = max(w["max_rss_kb"] for w in report["workers"])
            pdfs = sizes(out + "-b", "pdf")
            batch[j] = r
            print("| dossier -j %d | %d | %.2f | %.2f | %.1f | %s | %s | %d |"
                  % (j, a.n, r[0], r[1], a.n / r[0], mb(r[2]), mb(worker_peak),
                     statistics.mean(pdfs)))
        if peer_n:
            fresh(out + "-pb")
            r = timed(peer + ["-f", FORMATS, "-o", out + "-pb", subset(peer_n)])
            pdfs = sizes(out + "-pb", "pdf")
            print("| Python peer (one process) | %d | %.2f | %.2f | %.1f | %s | – | %d |"
                  % (peer_n, r[0], r[1], peer_n / r[0], mb(r[2]), statistics.mean(pdfs)))
            # the same profiles with dossier, for sizes and per-profile speed on equal input
            fresh(out + "-db")
            d = timed([dossier, "export", "-q", "-j", "1", "-f", FORMATS, "-o", out + "-db",
                       subset(peer_n)])
            dp = statistics.mean(sizes(out + "-db", "pdf"))
            print("| dossier -j 1, same profiles as the peer | %d | %.2f | %.2f | %.1f | %s | "
                  "– | %d |" % (peer_n, d[0], d[1], peer_n / d[0], mb(d[2]), dp))
            print("\nPeer/dossier on %d profiles (-j 1): wall %.1f×, CPU %.1f×; mean PDF size "
                  "dossier/ReportLab %.2f." % (peer_n, r[0] / d[0], r[1] / d[1],
                                               dp / statistics.mean(pdfs)))
        print("\n-j 2 vs -j 1 on %d profiles: wall %.2f× faster (CPU %.2f s vs %.2f s)."
              % (a.n, batch[1][0] / batch[2][0], batch[2][1], batch[1][1]))

        # --- per document in a batch: marginal CPU, dossier against both peers -------
        per_document(dossier, peer, subset, min(peer_n or a.n, a.n), out)

        # --- a large profile: xlsx + csv memory --------------------------------------
        if a.big:
            big_profile(dossier, a.big, work, out)

        # --- memory as the batch grows ----------------------------------------------
        print("\n### Peak memory per worker as the batch grows (-j 2, pdf + xlsx + txt)\n")
        print("| profiles | worker peaks MB | parent + workers peak MB | wall s |")
        print("|---|---|---|---|")
        for n in [int(x) for x in a.grow.split(",") if x]:
            fresh(out + "-g")
            rep = os.path.join(work, "grow-%d.json" % n)
            r = timed([dossier, "export", "-q", "-j", "2", "-f", FORMATS, "-o", out + "-g",
                       "--report", rep, subset(n)])
            with open(rep) as f:
                report = json.load(f)
            peaks = ", ".join(mb(w["max_rss_kb"]) for w in report["workers"])
            print("| %d | %s | %s | %.2f |" % (n, peaks, mb(r[2]), r[0]))
        scaling(dossier, subset(min(a.scaling_n, n_max)), min(a.scaling_n, n_max), out)
        print("\nload average at the end: %.1f" % os.getloadavg()[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
