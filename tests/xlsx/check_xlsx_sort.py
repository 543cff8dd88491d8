#!/usr/bin/python3
"""check_xlsx_sort.py — what a finance user does to the workbook: sort 指标 by 指标名称 (with
openpyxl: rows moved, values and number formats with them), recalculate in LibreOffice headless,
and require every other sheet to show the same figures as the unsorted workbook recalculated the
same way. Cross-sheet references look figures up by indicator id (INDEX/MATCH), so a sort must
change nothing outside 指标; a reference by cell address would pick up another row's figure.

The workbooks are recalculated with a private LibreOffice profile that always recalculates on
load (see check_xlsx_libreoffice.py). Exit status 77 (skipped) when soffice is not installed.
Usage: check_xlsx_sort.py DOSSIER_BIN SOURCE_DIR WORK_DIR
"""
import os
import shutil
import sys

import openpyxl

from check_xlsx_libreoffice import RECALC_ALWAYS, soffice
from xlsx_common import close, export, fail


def sort_indicators(src, dst):
    """指标 rows 2.. sorted by 指标名称 (then id), every cell's value and format moved along."""
    wb = openpyxl.load_workbook(src)
    ws = wb["指标"]
    rows = [[(c.value, c.number_format) for c in r] for r in ws.iter_rows(min_row=2)]
    header = [c.value for c in ws[1]]
    name, ident = header.index("指标名称"), header.index("指标代码")
    before = [r[ident][0] for r in rows]
    rows.sort(key=lambda r: (str(r[name][0]), str(r[ident][0])), reverse=True)
    for i, r in enumerate(rows):
        for j, (v, fmt) in enumerate(r):
            c = ws.cell(row=i + 2, column=j + 1)
            c.value, c.number_format = v, fmt
    moved = sum(1 for i, r in enumerate(rows) if r[ident][0] != before[i])
    wb.save(dst)
    return [r[ident][0] for r in rows], moved


def figures(path):
    """Every non-empty cell of the sheets other than 指标: {(sheet, cell): value}."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets if ws.title != "指标"
            for row in ws.iter_rows() for c in row if c.value is not None}


def main():
    dossier, source, work = sys.argv[1:4]
    if not shutil.which("soffice"):
        print("soffice not installed: skipped")
        sys.exit(77)
    shutil.rmtree(work, ignore_errors=True)
    home = os.path.join(work, "home")
    os.makedirs(os.path.join(home, "lo-profile", "user"), exist_ok=True)
    with open(os.path.join(home, "lo-profile", "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC_ALWAYS)
    checked = 0
    for prof in ["data/haidian.json", "tests/data/good/lianshan.json"]:
        book = export(dossier, os.path.join(source, prof), os.path.join(work, "out"))
        base = os.path.splitext(os.path.basename(book))[0]
        plain = os.path.join(work, "in", base + ".xlsx")
        sorted_ = os.path.join(work, "in", base + "-sorted.xlsx")
        os.makedirs(os.path.dirname(plain), exist_ok=True)
        # both go through openpyxl, so the only difference is the order of 指标
        openpyxl.load_workbook(book).save(plain)
        order, moved = sort_indicators(book, sorted_)
        if moved == 0 and len(order) > 1:
            fail(f"{base}: the sort moved no row")
        a, b = soffice(home, "xlsx", os.path.join(work, "recalc"), [plain, sorted_])
        want, got = figures(a), figures(b)
        if set(want) != set(got):
            fail(f"{base}: sorting 指标 changed which cells hold figures: "
                 f"{sorted(set(want) ^ set(got))[:8]}")
        for k, v in want.items():
            w = got[k]
            same = close(v, w) if isinstance(v, (int, float)) and isinstance(w, (int, float)) \
                else v == w
            if not same:
                fail(f"{base}: after sorting 指标, {k[0]}!{k[1]} shows {w!r}, was {v!r}")
        if not any(isinstance(v, (int, float)) for (s, _), v in want.items() if s == "概览"):
            fail(f"{base}: no figures recalculated on 概览")
        checked += len(want)
    print(f"{checked} cells of 概览, 时间序列, 图表 and 正文 unchanged after sorting 指标")


if __name__ == "__main__":
    main()
