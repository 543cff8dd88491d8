#!/usr/bin/env python3
"""check_spacing.py — justification measured glyph by glyph on the real PDF.

The layout's documented limits (docs/pdf.md, "Justification"): a justified line is spread
by at most 0.1 em between two characters of which one is CJK, by at most 0.25 em where CJK
meets a Latin letter or a digit or at a space, and never inside a run of Latin letters and
digits (a number is never spread apart); punctuation may be compressed (negative gaps). A
line that cannot be filled so is left short. Positions of every glyph come from MuPDF's
structured text (`mutool draw -F stext`: each character's quad, i.e. its advance box), the
lines from poppler (`pdftotext -bbox-layout`).

  check_spacing.py spacing DOSSIER PROFILE WORKDIR [KEY=VALUE ...]
"""
import html
import re
import sys

from pdf_common import export, fail, main, run

CJK = 0.10    # em, between two characters one of which is CJK
MIXED = 0.25  # em, CJK next to Latin or a digit, and at a space
TOL = 0.05    # pt

_CHAR = re.compile(r'<char quad="([^"]+)" x="([\d.]+)" y="([\d.]+)"[^>]* c="([^"]*)"/>')
_FONT = re.compile(r'<font name="[^"]*" size="([\d.]+)">')


def stext_lines(pdf):
    """[(page, size, [(x0, x1, y, ch), ...])] per stext line, glyphs in drawing order."""
    out = []
    page = 0
    cur = None
    size = 0.0
    xml = run(["mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf])[1]
    for line in xml.splitlines():
        if line.startswith("<page "):
            page += 1
        elif line.startswith("<line "):
            cur = []
        elif line.startswith("</line>"):
            if cur:
                out.append((page, cur))
            cur = None
        else:
            m = _FONT.search(line)
            if m:
                size = float(m.group(1))
                continue
            m = _CHAR.search(line)
            if m and cur is not None:
                q = [float(v) for v in m.group(1).split()]
                cur.append((min(q[0], q[4]), max(q[2], q[6]), float(m.group(3)),
                            html.unescape(m.group(4)), size))
    return out


def kind(ch):
    o = ord(ch)
    if ch in " \u3000":
        return "space"
    if (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF01 <= o <= 0xFF60
            or 0x20000 <= o or ch in "“”‘’…—"):
        return "cjk"
    return "latin"


def check_spacing(dossier, profile, work, *sets):
    _, pdf, _ = export(dossier, profile, work, sets)
    bad = []
    n_gaps = 0
    for page, glyphs in stext_lines(pdf):
        for a, b in zip(glyphs, glyphs[1:]):
            if abs(a[2] - b[2]) > 0.5 or a[4] != b[4]:
                continue  # another baseline or size: not one justified line
            size = a[4]
            gap = b[0] - a[1]
            ka, kb = kind(a[3]), kind(b[3])
            if gap > 3 * size:
                continue  # separate fields on one baseline (table columns, chart labels)
            n_gaps += 1
            if ka == "latin" and kb == "latin":
                limit = 0
            elif ka == "cjk" and kb == "cjk":
                limit = CJK * size
            else:
                limit = MIXED * size
            if gap > limit + TOL:
                bad.append("page %d: %.2f pt between %r and %r (at most %.2f)"
                           % (page, gap, a[3], b[3], limit))
    if n_gaps < 500:
        fail("only %d glyph gaps measured: the stext reading failed" % n_gaps)
    if bad:
        fail("%d gaps wider than the limits: %s" % (len(bad), "; ".join(bad[:12])))


if __name__ == "__main__":
    main({"spacing": check_spacing})
