#!/usr/bin/python3
"""check_xlsx_libreoffice.py — LibreOffice headless as a second, independent reader:

1. it opens every workbook the plugin writes (every profile, normal and constant_memory mode)
   and converts it to CSV and back to XLSX: all five sheets and every indicator row survive;
2. it recalculates the formulas to the values the plugin cached: a copy of the workbook whose
   cached formula results are all replaced by 0 is converted with a private LibreOffice profile
   set to always recalculate on load (by default LibreOffice trusts the cached values of an
   XLSX file, which would prove nothing), and every recalculated value must equal the cached
   one of the original.

LibreOffice starts slowly, so all files go through two soffice runs (one per target format).
It runs with a private user installation and HOME inside WORK_DIR (CI runs as root, with HOME
unset or /root), in its own process group, killed on a timeout.

Exit status 77 (skipped) when soffice is not installed.
Usage: check_xlsx_libreoffice.py DOSSIER_BIN SOURCE_DIR WORK_DIR
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile

import openpyxl

from xlsx_common import close, export, fail, load_profile

TIMEOUT = 150  # seconds for one soffice run

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice(home, target, outdir, paths):
    """Converts `paths` to `target` in one soffice run; returns the output paths."""
    os.makedirs(outdir, exist_ok=True)
    profile = os.path.join(home, "lo-profile")
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--nologo", "--nodefault", "--nolockcheck", "--convert-to", target, "--outdir", outdir]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAL_", "OOO_", "UNO_"))}
    env.update(HOME=home, TMPDIR=home, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("DISPLAY", None)
    p = subprocess.Popen(cmd + paths, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    try:
        out, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)  # soffice's own group: the script, oosplash, soffice.bin
        p.communicate()
        fail(f"soffice did not finish converting to {target} in {TIMEOUT} s")
    ext = target.split(":")[0]
    outs = [os.path.join(outdir, os.path.splitext(os.path.basename(x))[0] + "." + ext)
            for x in paths]
    missing = [o for o in outs if not os.path.exists(o)]
    if p.returncode != 0 or missing:
        fail(f"soffice --convert-to {target} exited {p.returncode}, missing {missing}: {out} {err}")
    return outs


def zero_cached_results(src, dst):
    """Copies the workbook with every cached formula result replaced by 0."""
    n = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data, k = re.subn(rb"(<f>[^<]*</f>)<v>[^<]*</v>", rb"\1<v>0</v>", data)
                n += k
            zout.writestr(info, data)
    return n


def check_recalc(path, recalc_path, n, label):
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    recalc = openpyxl.load_workbook(recalc_path, data_only=True)
    compared = nonzero = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if not (isinstance(c.value, str) and c.value.startswith("=")):
                    continue
                want = cached[ws.title][c.coordinate].value
                got = recalc[ws.title][c.coordinate].value
                # LibreOffice writes 15 significant digits
                if not isinstance(got, (int, float)) or not close(got, want, 1e-12):
                    fail(f"{label}: {ws.title}!{c.coordinate} {c.value}: LibreOffice "
                         f"recalculates {got!r}, the file caches {want!r}")
                compared += 1
                nonzero += want != 0
    if compared != n or nonzero == 0:
        fail(f"{label}: compared {compared} of {n} formulas ({nonzero} non-zero)")
    return compared


def check_opens(path, csv, roundtrip, profile, label):
    with open(csv, encoding="utf-8", errors="replace") as f:
        if profile["name"]["zh"] not in f.read():
            fail(f"{label}: the CSV of the first sheet lacks the district name")
    wb = openpyxl.load_workbook(roundtrip)
    if wb.sheetnames != openpyxl.load_workbook(path).sheetnames:
        fail(f"{label}: LibreOffice sees sheets {wb.sheetnames}")
    ws = wb.worksheets[1]
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    if ids != [i["id"] for i in profile["indicators"]]:
        fail(f"{label}: LibreOffice sees other indicator rows")


def main():
    if not shutil.which("soffice"):
        print("soffice not installed (apt-get install libreoffice-calc-nogui): skipped")
        sys.exit(77)
    dossier, source, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    home = os.path.join(work, "home")
    os.makedirs(os.path.join(home, "lo-profile", "user"))
    with open(os.path.join(home, "lo-profile", "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC_ALWAYS)

    good = os.path.join(source, "tests", "data", "good")
    profiles = [os.path.join(source, "data", "haidian.json")] + sorted(
        os.path.join(good, f) for f in os.listdir(good) if f.endswith(".json"))
    cases = []  # (label, profile, workbook, zeroed copy, number of formulas)
    for prof_path in profiles:
        profile = load_profile(prof_path)
        for cm in [False, True]:
            name = f"{profile['id']}-{cm:d}"
            path = export(dossier, prof_path, os.path.join(work, "export", name),
                          *(["xlsx.constant_memory=true"] if cm else []))
            inputs = os.path.join(work, "in")
            os.makedirs(inputs, exist_ok=True)
            original = os.path.join(inputs, f"{name}.xlsx")
            shutil.copyfile(path, original)
            zeroed = os.path.join(inputs, f"{name}-zeroed.xlsx")
            n = zero_cached_results(path, zeroed)
            if n == 0:
                fail(f"{name}: no formulas found")
            cases.append((f"{profile['id']} (constant_memory={cm})", profile, original, zeroed, n))

    # 44: comma, 34: double quote, 76: UTF-8
    csvs = soffice(home, "csv:Text - txt - csv (StarCalc):44,34,76", os.path.join(work, "csv"),
                   [c[2] for c in cases])
    xlsxs = soffice(home, "xlsx", os.path.join(work, "xlsx"),
                    [c[2] for c in cases] + [c[3] for c in cases])
    for i, (label, profile, original, zeroed, n) in enumerate(cases):
        check_opens(original, csvs[i], xlsxs[i], profile, label)
        k = check_recalc(original, xlsxs[len(cases) + i], n, label)
        print(f"ok {label}: opens; {k} formulas recalculate to the cached values")


if __name__ == "__main__":
    main()
