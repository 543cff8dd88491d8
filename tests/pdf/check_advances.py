"""check_advances.py — the layout's advances are the PDF's widths:

    check_advances.py advances DOSSIER PROFILE WORKDIR

The shared layout (plugins/layout) measures every glyph with HarfBuzz on the font files; the
PDF backend only replays its display lists into libharu. The export runs with the test hook
DOSSIER_LAYOUT_DUMP, which writes every glyph run of the display lists (page, font, size,
origin, spacing, and per glyph its code point, glyph id and advance in 1/1000 em). Then, in
the PDF as qpdf uncompresses it:
- every glyph's advance equals the width the font's /W array (or /DW) gives the code its
  ToUnicode map gives that character, font matched by its /BaseFont name; the widths are
  checked against the embedded subset's own hmtx by check_glyphs' readers and by PDFBox;
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


def to_unicode(qdf, num):
    """{character: code} from the ToUnicode stream object `num` of a qdf file."""
    m = re.search(rb"\n%d 0 obj\n.*?stream\n(.*?)endstream" % num, qdf, re.S)
    out = {}
    for code, hexu in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]+)>", m.group(1) if m else b""):
        out.setdefault(bytes.fromhex(hexu.decode()).decode("utf-16-be"), int(code, 16))
    return out


def pdf_widths(qdf):
    """{PostScript name: {code point: width}} from the Type 0 fonts (/BaseFont
    /TAG+Name[,Style]): each character's code from ToUnicode, its width from the CIDFont."""
    cid_w = {}
    for m in re.finditer(rb"\n(\d+) 0 obj\n<<\n(.*?)endobj", qdf, re.S):
        body = m.group(2)
        if b"/CIDFontType2" not in body:
            continue
        w = re.search(rb"/W \[(.*?)\n  \]", body, re.S)
        dw = re.search(rb"/DW (\d+)", body)
        widths = parse_w(w.group(1).decode()) if w else {}
        widths["default"] = float(dw.group(1)) if dw else 1000.0  # PDF: /DW else 1000
        cid_w[int(m.group(1))] = widths
    fonts = {}
    for m in re.finditer(rb"/BaseFont /[A-Z]{6}\+([^\s/,]+)[^\n]*\n(.*?)endobj", qdf, re.S):
        body = m.group(2)
        desc = re.search(rb"/DescendantFonts \[\s*(\d+) 0 R", body)
        tu = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if not desc or not tu or int(desc.group(1)) not in cid_w:
            continue
        widths = cid_w[int(desc.group(1))]
        codes = to_unicode(qdf, int(tu.group(1)))
        per_cp = {ord(ch): widths.get(code, widths["default"])
                  for ch, code in codes.items() if len(ch) == 1}
        per_cp["default"] = widths["default"]
        fonts[m.group(1).decode()] = per_cp
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
