"""pdf_common.py — shared helpers of the PDF tests: running dossier, reading a PDF with the
real readers (pdftotext, pdffonts, pdfinfo, qpdf, pdftoppm), and reading what a profile says
(expected texts come from the profile JSON, never from the PDF under test).

Geometry is in PDF points with y measured from the top of the page, as pdftotext -bbox
reports it.
"""
import html
import json
import os
import re
import subprocess
import sys

MM = 72.0 / 25.4

# The official style (GB/T 9704-2012) on A4.
A4 = (210 * MM, 297 * MM)
OFFICIAL = {
    "left": 28 * MM,
    "top": 37 * MM,
    "width": 156 * MM,
    "height": 225 * MM,
    "page_number_size": 14.0,
    "page_number_gap": 7 * MM,
}


class Failure(Exception):
    pass


def fail(msg):
    raise Failure(msg)


def run(cmd, env=None, check=True):
    """Runs cmd; returns (returncode, stdout, stderr) as text."""
    e = dict(os.environ)
    e.pop("DOSSIER_CONFIG", None)
    e.pop("DOSSIER_PLUGIN_PATH", None)
    if env:
        e.update(env)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    if check and p.returncode != 0:
        fail("%s failed (%d):\n%s%s" % (" ".join(cmd), p.returncode, out, err))
    return p.returncode, out, err


def export(dossier, profile, outdir, sets=(), env=None, check=True, quiet=True):
    """Exports profile as PDF into outdir; returns (rc, path, stderr)."""
    os.makedirs(outdir, exist_ok=True)
    cmd = [dossier, "export"] + (["-q"] if quiet else []) + ["-f", "pdf", "-o", outdir]
    for s in sets:
        cmd += ["--set", s]
    cmd.append(profile)
    rc, _, err = run(cmd, env=env, check=check)
    pid = load_profile(profile)["id"]
    return rc, os.path.join(outdir, pid + ".pdf"), err


# ------------------------------------------------------------------ the profile

def load_profile(path):
    """The profile with numbers kept as their source literals ("7926.0" stays "7926.0")."""
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=str, parse_int=str)


def walk_sections(sections, level=1):
    for s in sections or []:
        yield level, s
        yield from walk_sections(s.get("sections"), level + 1)


def paragraphs(profile):
    """Every narrative paragraph of the profile, in reading order."""
    out = []
    for doc in profile.get("documents", []):
        out += doc.get("paragraphs", [])
        for _, s in walk_sections(doc.get("sections")):
            out += s.get("paragraphs", [])
    return out


def headings(profile, level=None):
    """(level, marker + title) of every section (of one level when given)."""
    out = []
    for doc in profile.get("documents", []):
        for lv, s in walk_sections(doc.get("sections")):
            if level is None or lv == level:
                out.append((lv, (s.get("marker") or "") + s["title"]))
    return out


def key_figures(profile):
    by_id = {i["id"]: i for i in profile.get("indicators", [])}
    return [by_id[k] for k in profile.get("key_figures", [])]


# Where a qualifier prints (docs/profile.md, "Qualifiers"): before the number, between the
# number and the unit, or after the unit.
QUALIFIER_PLACE = {"约": "number", "近": "number", "超": "number", "逾": "number",
                   "余": "unit", "多": "unit", "以上": "after", "左右": "after", "强": "after"}


def figure(ind):
    """An indicator's figure as the source states it: "7926.0亿元", "约1.79万家", "150余家"."""
    v, unit, q = str(ind["value"]), ind.get("unit", ""), ind.get("qualifier", "")
    if re.fullmatch(r"-0(\.0+)?", v):
        v = v[1:]
    word = ""
    if ind.get("decrease") and v.startswith("-"):
        word, v = ind["decrease"], v[1:]
    place = QUALIFIER_PLACE.get(q, "after")
    return (word + (q if place == "number" else "") + v + (q if place == "unit" else "") + unit
            + (q if place == "after" else ""))


# The markers of numbered notes: ① … ⑳, then (21) …
MARKER = r"(?:[\u2460-\u2473]|\(\d+\))"


def strip_marker(word):
    return re.sub(MARKER + "$", "", word)


def run_in(level, section):
    """Whether a section is run into its first paragraph instead of getting a heading line
    (the brief's rule, core/src/brief_compose.c: below level 2, and 一是 … enumerations)."""
    return level > 2 or (section.get("marker") or "").endswith("是")


def heading_lines(profile):
    """(level, marker + title) of every section set as a heading of its own."""
    out = []
    for doc in profile.get("documents", []):
        for lv, s in walk_sections(doc.get("sections")):
            if not run_in(lv, s):
                out.append((lv, (s.get("marker") or "") + s["title"]))
    return out


def table_columns(profile):
    """The column heads of the figures table ([brief] label_col_* defaults); 来源 only when the
    profile has sources."""
    return ["指标", "数值", "时期", "范围"] + (["来源"] if profile.get("sources") else [])


def squash(s):
    """Whitespace removed: CJK lines break without spaces, so compare without any."""
    return re.sub(r"\s+", "", s)


_FOLD = str.maketrans("，；：！？（）“”", ",;:!?()\"\"")


def fold(s):
    """squash(s) with the full-width forms of , ; : ! ? ( ) " folded to the half-width ones:
    the brief sets half-width punctuation next to Chinese characters full-width
    ([pdf] punctuation), so a paragraph is compared with the text mark for mark, whatever
    the form."""
    return squash(s).translate(_FOLD)


# ------------------------------------------------------------------ readers

def pdftotext(path, *args):
    return run(["pdftotext", "-enc", "UTF-8", *args, path, "-"])[1]


def n_pages(path):
    info = run(["pdfinfo", path])[1]
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    if not m:
        fail("pdfinfo gives no page count for %s" % path)
    return int(m.group(1))


def pdfinfo(path):
    info = {}
    for line in run(["pdfinfo", "-isodates", path])[1].splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    return info


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def words(path):
    """Pages of words: [[(x0, y0, x1, y1, text), ...], ...] from pdftotext -bbox."""
    pages = []
    for line in pdftotext(path, "-bbox").splitlines():
        if _PAGE.search(line):
            pages.append([])
            continue
        m = _WORD.search(line)
        if m:
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            pages[-1].append((x0, y0, x1, y1, html.unescape(m.group(5))))
    return pages


_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def lines(path):
    """Lines in reading order, from pdftotext -bbox-layout: [(page, x0, y0, x1, y1, text)]."""
    out = []
    page = -1
    cur = None
    for line in pdftotext(path, "-bbox-layout").splitlines():
        if _PAGE.search(line):
            page += 1
            continue
        m = _LINE.search(line)
        if m:
            cur = [page] + [float(m.group(i)) for i in range(1, 5)] + [[]]
            continue
        m = _WORD.search(line)
        if m and cur is not None:
            cur[5].append(html.unescape(m.group(5)))
            continue
        if "</line>" in line and cur is not None:
            out.append((cur[0], cur[1], cur[2], cur[3], cur[4], " ".join(cur[5])))
            cur = None
    return out


def body_text(path, band_top=OFFICIAL["top"] + OFFICIAL["height"] + 2):
    """The text of every page above the page-number band, in reading order."""
    return "\n".join(" ".join(w[4] for w in ws if w[1] < band_top) for ws in words(path))


def is_page_number_band(y0, style=OFFICIAL):
    return y0 >= style["top"] + style["height"] + style["page_number_gap"] - 1.5


def main(checks):
    """Runs the check named by argv[1] with the remaining arguments; exit 1 on failure."""
    name = sys.argv[1]
    try:
        checks[name](*sys.argv[2:])
    except Failure as e:
        print("FAIL %s: %s" % (name, e))
        sys.exit(1)
    print("ok %s" % name)
