"""check_figure_order.py — every flowing format sets a figure where the brief puts it: right
after the paragraph that first mentions it ([brief] figures = mention), before the paragraph
that follows that one. Each format is read back with a real reader: HTML with headless
Chromium (the DOM's innerText), Markdown rendered by cmark-gfm, DOCX with python-docx (the
body's paragraphs in order), plain text as written. (The PDF, where a figure may float to the
next page's top while the text goes on, is checked by tests/pdf/check_figure_place.py.)

    check_figure_order.py DOSSIER SOURCE_DIR WORK_DIR PROFILE...

Expectations come from the profile JSON (the first mention as check_figure_place.py reads
it), never from dossier's output. A profile whose mention paragraph opens or continues a
一是… enumeration is not one to give here (the figure then follows the enumeration).
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "md"))
sys.path.insert(0, os.path.join(HERE, "..", "html"))
sys.path.insert(0, os.path.join(HERE, "..", "pdf"))
import cdp  # noqa: E402
import dossier_expect as ex  # noqa: E402
from check_brief_formats import read_html, read_md, read_txt, squash  # noqa: E402
from check_figure_place import mention, reading_order  # noqa: E402
from pdf_common import fold  # noqa: E402


def read_docx(path):
    import docx
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def captions(flat, titles):
    """title → offsets in flat of "图N title" (the longest title that follows 图N)."""
    out = {}
    for m in re.finditer(r"图\d+", flat):
        title = next((t for t in titles if flat.startswith(t, m.end())), None)
        if title:
            out.setdefault(title, []).append(m.start())
    return out


def check_profile(c, browser, dossier, profile_path, out):
    p = ex.load_profile(profile_path)
    proc = subprocess.run([dossier, "export", "-q", "-f", "html,md,txt,docx", "-o", out,
                           profile_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    c.check(f"export {profile_path}", proc.returncode == 0, proc.stderr)
    if proc.returncode != 0:
        return
    base = os.path.join(out, p["id"])
    texts = {"txt": read_txt(base + ".txt"), "md": read_md(base + ".md"),
             "docx": read_docx(base + ".docx"), "html": read_html(browser, base + ".html")}
    order = reading_order(p)
    titles = sorted((fold(ch["title"]) for ch in p.get("charts", [])), key=len, reverse=True)
    series = {}
    for ind in p.get("indicators", []):
        if ind.get("series"):
            series.setdefault(ind["series"], []).append(ind)
    checked = 0
    for n, chart in enumerate(p.get("charts", []), 1):
        points = series.get(chart["series"], []) + series.get(chart.get("secondary"), [])
        places = [m for m in (mention(p, i, order) for i in points) if m is not None]
        if not places:
            continue
        k = min(places)
        tail = fold(order[k][3])[-16:]
        after = fold(order[k + 1][3])[:16] if k + 1 < len(order) else None
        checked += 1
        for fmt, text in sorted(texts.items()):
            flat = fold(squash(text))
            at = flat.find(tail)
            shown = [i for i in captions(flat, titles).get(fold(chart["title"]), []) if i > at]
            c.check(f"{p['id']} {fmt}: the mention of {chart['title']} is there", at >= 0)
            c.check(f"{p['id']} {fmt}: {chart['title']} after the paragraph that first mentions it",
                    at >= 0 and len(shown) > 0)
            if after and at >= 0 and shown:
                nxt = flat.find(after, at)
                c.check(f"{p['id']} {fmt}: {chart['title']} before the paragraph after that one",
                        nxt < 0 or shown[0] < nxt, f"caption at {shown[0]}, next paragraph at {nxt}")
    c.check(f"{p['id']}: some chart is mentioned", checked > 0)


def main():
    dossier, src, work = sys.argv[1:4]
    c = ex.Checker()
    with cdp.Browser(deadline_s=90) as b:
        for profile in sys.argv[4:]:
            check_profile(c, b, dossier, os.path.join(src, profile),
                          os.path.join(work, "out-" + os.path.basename(profile)))
    c.finish()


if __name__ == "__main__":
    main()
