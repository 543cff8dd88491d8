#!/usr/bin/python3
"""check_xlsx_print.py — the printed 指标 and 统计表 sheets are readable: the workbook of every
profile is converted to PDF by LibreOffice headless and read back with pdftotext -bbox and
pdffonts.

On every page of those sheets (the page header names the sheet):
- every word is at least 8 pt tall (the glyph box of a font is at least its size: a
  16-column sheet forced onto one page width printed at about 3 pt, boxes of about 4 pt);
- the header row and the first columns are repeated: on 指标 the headers 指标代码 and 指标名称
  and the id of at least one indicator, on 统计表 the header 指标;
- the fonts are embedded (pdffonts).
The sheet of Haidian's profile (16 columns, long notes) takes more than one page width.

The page setup itself (scale, no fit to one page, print titles) is checked with openpyxl by
check_xlsx.py (check_print).

Exit status 77 (skipped) when soffice, pdftotext or pdffonts is missing.
Usage: check_xlsx_print.py DOSSIER_BIN SOURCE_DIR WORK_DIR
"""
import html
import os
import re
import shutil
import subprocess
import sys

from check_xlsx_libreoffice import soffice
from xlsx_common import export, fail, load_profile

MIN_PT = 8.0
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r'([^<]*)</word>')


def pages_of(pdf):
    """[[(height, top, text)]] of every page."""
    # errors="replace": LibreOffice's PDF maps a character beyond U+FFFF to its two UTF-16
    # halves, which pdftotext writes as two invalid UTF-8 sequences; only sizes and the
    # header words are read here.
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True
                         ).stdout.decode("utf-8", errors="replace")
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([(float(m[3]) - float(m[1]), float(m[1]), html.unescape(m[4]))
                      for m in WORD.findall(page)])
    return pages


def check_fonts(pdf, label):
    out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    if not rows:
        fail(f"{label}: the PDF has no fonts")
    for row in rows:
        # name type encoding emb sub uni object ID: emb is the fourth column from the end
        if row.split()[-5] != "yes":
            fail(f"{label}: font not embedded: {row}")


def sheet_pages(pages, sheet):
    """(page number, words) of the pages whose page header (the top line) names `sheet`."""
    found = []
    for n, words in enumerate(pages, 1):
        if not words:
            continue
        top = min(w[1] for w in words)
        if any(w[2] == sheet and w[1] < top + 2 for w in words):
            found.append((n, words))
    return found


def check_sheet(pages, sheet, repeated, label, key=None):
    """Every page of `sheet` prints ≥ MIN_PT and repeats the `repeated` headers (and a word
    of `key`); returns the number of pages and the smallest word height."""
    found = sheet_pages(pages, sheet)
    if not found:
        fail(f"{label}: no page of the PDF prints the {sheet} sheet")
    for n, words in found:
        small = [w for w in words if w[0] < MIN_PT]
        if small:
            fail(f"{label}: page {n} ({sheet}) prints {len(small)} words below {MIN_PT} pt: "
                 f"{[(round(h, 2), t) for h, _, t in small[:5]]}")
        texts = {w[2] for w in words}
        if not set(repeated) <= texts:
            fail(f"{label}: page {n} ({sheet}) does not repeat the headers {repeated}")
        if key and not texts & key:
            fail(f"{label}: page {n} ({sheet}) shows no indicator's code (columns not repeated)")
    return len(found), min(w[0] for _, words in found for w in words)


def check_pdf(pdf, profile, label, several_wide):
    pages = pages_of(pdf)
    ids = {i["id"] for i in profile["indicators"]}
    n, smallest = check_sheet(pages, "指标", ["指标代码", "指标名称"], label, ids)
    if several_wide and n < 2:
        fail(f"{label}: 指标 prints on {n} page: it cannot be readable")
    m, smallest2 = check_sheet(pages, "统计表", ["指标"], label)
    check_fonts(pdf, label)
    return n, m, min(smallest, smallest2)


def main():
    for tool in ("soffice", "pdftotext", "pdffonts"):
        if not shutil.which(tool):
            print(f"{tool} not installed: skipped")
            sys.exit(77)
    dossier, source, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    home = os.path.join(work, "home")
    os.makedirs(os.path.join(home, "lo-profile"))
    good = os.path.join(source, "tests", "data", "good")
    profiles = [os.path.join(source, "data", "haidian.json")] + sorted(
        os.path.join(good, f) for f in os.listdir(good) if f.endswith(".json"))
    books = []
    for prof_path in profiles:
        profile = load_profile(prof_path)
        books.append((profile, export(dossier, prof_path, os.path.join(work, "export"))))
    pdfs = soffice(home, "pdf", os.path.join(work, "pdf"), [b for _, b in books])
    for (profile, _), pdf in zip(books, pdfs):
        label = profile["id"]
        n, m, smallest = check_pdf(pdf, profile, label, label == "haidian")
        print(f"ok {label}: 指标 prints on {n} pages, 统计表 on {m}, smallest word "
              f"{smallest:.1f} pt tall")


if __name__ == "__main__":
    main()
