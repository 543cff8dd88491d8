#!/usr/bin/env python3
"""check_table_layout.py — the figures table's columns and continuation, on the real PDF.

- No cell line holds a lone CJK character (年年/均, 总收/入): column widths come from the
  content. Every glyph's position comes from MuPDF's structured text (`mutool draw -F
  stext`); the glyphs of the table's size on one baseline are cut into cells where a gap of
  more than 0.8 em separates them; a piece that is one CJK ideograph is a lone character
  (unless the profile has a one-character text of its own).
- A table continued on the next page (`brief.table=all`, 24 pages of Haidian's indicators)
  starts each continuation page with 续表 and then the header row (pdftotext -bbox-layout);
  the table's first page has no 续表.

  check_table_layout.py cells DOSSIER PROFILE WORKDIR [KEY=VALUE ...]
  check_table_layout.py continued DOSSIER PROFILE WORKDIR
"""
import json
import re

from check_spacing import stext_lines
from pdf_common import export, fail, lines, main, table_columns, load_profile, squash

TABLE_SIZE = 12.0  # the official style's table size (docs/pdf.md)
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def check_cells(dossier, profile, work, *sets):
    with open(profile, encoding="utf-8") as f:
        singles = {s for s in strings(json.load(f)) if IDEOGRAPH.fullmatch(s)}
    _, pdf, _ = export(dossier, profile, work, ("pdf.table=all",) + sets)
    pieces = 0
    bad = []
    for page, glyphs in stext_lines(pdf):
        cell = []
        for g in glyphs + [None]:
            if g is not None and abs(g[4] - TABLE_SIZE) > 0.01:
                continue
            if g is None or (cell and (g[0] - cell[-1][1] > 0.8 * TABLE_SIZE
                                       or abs(g[2] - cell[-1][2]) > 0.5)):
                text = "".join(c[3] for c in cell)
                if cell:
                    pieces += 1
                if IDEOGRAPH.fullmatch(text) and text not in singles:
                    bad.append("page %d: %s at x %.1f" % (page, text, cell[0][0]))
                cell = []
            if g is not None:
                cell.append(g)
    if pieces < 50:
        fail("only %d table cell lines found" % pieces)
    if bad:
        fail("%d cell lines hold a lone character: %s" % (len(bad), "; ".join(bad[:10])))


def check_continued(dossier, profile, work):
    p = load_profile(profile)
    _, pdf, _ = export(dossier, profile, work, ("pdf.table=all",))
    head = squash("".join(table_columns(p)))
    by_page = {}
    for l in lines(pdf):
        by_page.setdefault(l[0], []).append(l)
    table_pages = []
    for pg in sorted(by_page):
        # Rows: the lines of one top (the header's cells are lines of their own).
        rows = {}
        for l in by_page[pg]:
            rows.setdefault(round(l[2]), []).append(l)
        texts = ["".join(squash(l[5]) for l in sorted(rows[y], key=lambda l: l[1]))
                 for y in sorted(rows)]
        if head in texts:
            table_pages.append((pg, texts))
    if len(table_pages) < 3:
        fail("the table spans %d pages, expected several" % len(table_pages))
    first_pg, first = table_pages[0]
    if "续表" in first:
        fail("page %d: 续表 on the table's first page" % (first_pg + 1))
    for pg, texts in table_pages[1:]:
        if texts[0] != "续表" or texts[1] != head:
            fail("page %d: the continued table starts with %s, expected 续表 and %s"
                 % (pg + 1, texts[:2], head))
    print("%d continuation pages start with 续表 and the header" % (len(table_pages) - 1))


if __name__ == "__main__":
    main({"cells": check_cells, "continued": check_continued})
