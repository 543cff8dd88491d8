#!/usr/bin/python3
"""check_xlsx_libreoffice.py — LibreOffice headless as a second, independent reader:

1. it opens every workbook the plugin writes (normal and constant_memory mode) and converts it
   to CSV and back to XLSX: all five sheets and every indicator row survive;
2. it recalculates the formulas to the values the plugin cached: a copy of the workbook whose
   cached formula results are all replaced by 0 is converted with a private LibreOffice profile
   set to always recalculate on load (by default LibreOffice trusts the cached values of an
   XLSX file, which would prove nothing), and every recalculated value must equal the cached
   one of the original.

Exit status 77 (skipped) when soffice is not installed.
Usage: check_xlsx_libreoffice.py DOSSIER_BIN SOURCE_DIR WORK_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

from xlsx_common import close, export, fail, load_profile

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice(profile_dir, target, outdir, path):
    cmd = ["soffice", f"-env:UserInstallation=file://{profile_dir}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", outdir, path]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    base = os.path.splitext(os.path.basename(path))[0]
    out = os.path.join(outdir, f"{base}.{target.split(':')[0]}")
    if r.returncode != 0 or not os.path.exists(out):
        fail(f"soffice could not convert {path} to {target}: {r.returncode} {r.stdout} {r.stderr}")
    return out


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


def check_recalc(profile_dir, path, work, label):
    zeroed = os.path.join(work, "zeroed.xlsx")
    n = zero_cached_results(path, zeroed)
    if n == 0:
        fail(f"{label}: no formulas found")
    out = soffice(profile_dir, "xlsx", os.path.join(work, "recalc"), zeroed)
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    recalc = openpyxl.load_workbook(out, data_only=True)
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


def check_opens(profile_dir, path, profile, work, label):
    # 44: comma, 34: double quote, 76: UTF-8
    csv = soffice(profile_dir, "csv:Text - txt - csv (StarCalc):44,34,76", os.path.join(work, "csv"),
                  path)
    with open(csv, encoding="utf-8", errors="replace") as f:
        if profile["name"]["zh"] not in f.read():
            fail(f"{label}: the CSV of the first sheet lacks the district name")
    out = soffice(profile_dir, "xlsx", os.path.join(work, "roundtrip"), path)
    wb = openpyxl.load_workbook(out)
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
    os.makedirs(work)
    profile_dir = tempfile.mkdtemp(prefix="lo-profile-", dir=work)
    os.makedirs(os.path.join(profile_dir, "user"))
    with open(os.path.join(profile_dir, "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC_ALWAYS)
    for rel in ["data/haidian.json", "tests/data/good/qingxi.json"]:
        prof_path = os.path.join(source, rel)
        profile = load_profile(prof_path)
        for cm in [False, True]:
            label = f"{profile['id']} (constant_memory={cm})"
            sub = os.path.join(work, f"{profile['id']}-{cm:d}")
            path = export(dossier, prof_path, sub, *(["xlsx.constant_memory=true"] if cm else []))
            check_opens(profile_dir, path, profile, sub, label)
            n = check_recalc(profile_dir, path, sub, label)
            print(f"ok {label}: opens; {n} formulas recalculate to the cached values")


if __name__ == "__main__":
    main()
