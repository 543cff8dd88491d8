"""check_advances.py — the layout's advances are the PDF's widths:

    check_advances.py advances DOSSIER PROFILE WORKDIR

The shared layout (plugins/layout) measures every glyph with HarfBuzz on the font files; the
PDF backend only replays its display lists into libharu. The export runs with the test hook
DOSSIER_LAYOUT_DUMP, which writes every glyph run of the display lists (page, font, size,
origin, spacing, and per glyph its code point, glyph id and advance in 1/1000 em). Then, in
the PDF as qpdf uncompresses it:
- every glyph's advance equals the width the font's /W array (or /DW) gives its code
  (libharu writes them itself, from the embedded subset), font matched by its /BaseFont name;
- every run starts at a text position (Tm) of its page's content stream, to 0.01 pt.
"""
import os
import re
import shutil

from pdf_common import fail, export, run, main


def parse_w(arr):
    """/W [c [w1 w2 …] c1 c2 w …] → {code: width}."""
    toks = re.findall(r"\[|\]|-?\d+(?:\.\d+)?", arr)
    out, i = {}, 0
    while i < len(toks):
        c = int(toks[i])
        if toks[i + 1] == "[":
            j = i + 2
            while toks[j] != "]":
                out[c] = float(toks[j])
                c += 1
                j += 1
            i = j + 1
        else:
            for k in range(int(toks[i]), int(toks[i + 1]) + 1):
                out[k] = float(toks[i + 2])
            i += 3
    return out


def pdf_widths(qdf):
    """{PostScript name: {code: width}} from the CIDFonts (/BaseFont /TAG+Name[,Style])."""
    fonts = {}
    for m in re.finditer(rb"/BaseFont /[A-Z]{6}\+([^\s/,]+)[^\n]*\n(.*?)endobj", qdf, re.S):
        body = m.group(2)
        w = re.search(rb"/W \[(.*?)\n  \]", body, re.S)
        dw = re.search(rb"/DW (\d+)", body)
        if w:
            widths = parse_w(w.group(1).decode())
            widths["default"] = float(dw.group(1)) if dw else 1000.0  # PDF: /DW else 1000
            fonts[m.group(1).decode()] = widths
    return fonts


def page_positions(qdf):
    """Per page (1-based), the text matrix origins set in its content stream."""
    pages = {}
    parts = re.split(rb"%% Contents for page (\d+)\n", qdf)
    for k in range(1, len(parts), 2):
        pos = re.findall(rb"1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm", parts[k + 1].split(b"endstream")[0])
        pages[int(parts[k])] = [(float(x), float(y)) for x, y in pos]
    return pages


def check_advances(dossier, profile, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    dump = os.path.join(work, "layout.txt")
    env = dict(os.environ, DOSSIER_LAYOUT_DUMP=dump)
    pdf = export(dossier, profile, os.path.join(work, "out"), env=env)[1]
    qdf_path = os.path.join(work, "qdf.pdf")
    run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf_path])
    qdf = open(qdf_path, "rb").read()
    widths = pdf_widths(qdf)
    positions = page_positions(qdf)
    if not widths:
        fail("no /W arrays found in the PDF")
    n_glyphs = n_runs = 0
    bad = []
    for line in open(dump, encoding="utf-8"):
        f = line.split()
        if f[0] != "run" or f[1] != "pdf":
            continue
        page, font = int(f[2]), f[3]
        x, y = float(f[5]), float(f[6])
        if font not in widths:
            fail("font %s of the layout is not in the PDF (fonts: %s)" % (font, sorted(widths)))
        n_runs += 1
        if not any(abs(px - x) < 0.01 and abs(py - y) < 0.01 for px, py in positions.get(page, [])):
            bad.append("run at (%.2f, %.2f) on page %d has no text position in the PDF"
                       % (x, y, page))
        for g in f[8:]:
            cp, _, adv = g.split(":")
            cp, adv = int(cp, 16), int(adv)
            n_glyphs += 1
            w = widths[font].get(cp, widths[font]["default"])
            if abs(w - adv) > 1e-6:
                bad.append("U+%04X in %s: layout %d, PDF /W %s" % (cp, font, adv, w))
    if n_glyphs < 100:
        fail("only %d glyphs in the layout dump" % n_glyphs)
    print("%d glyphs in %d runs checked against %d fonts" % (n_glyphs, n_runs, len(widths)))
    if bad:
        fail("%d mismatches: %s" % (len(bad), "; ".join(bad[:10])))


if __name__ == "__main__":
    main({"advances": check_advances})
