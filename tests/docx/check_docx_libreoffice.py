"""check_docx_libreoffice.py — the DOCX brief opened by a real word processor: LibreOffice
Writer (headless, a private profile so parallel runs do not clash) converts each document to
PDF without error, and the PDF's text (poppler's pdftotext) holds every heading and paragraph
of the narrative and every key figure, as the profile states them (the hostile fixture's
markup characters and long paragraphs literally); each chart is drawn (the page with its
caption rendered with pdftoppm: ink and the bars' red in the area above the caption); the
official and bulletin forms show their red masthead on the first page and their colophon on
the last; the page numbers "— N —" are printed.

Usage: check_docx_libreoffice.py DOSSIER SOURCE_DIR WORK_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from docx_common import BULLETIN, OFFICIAL, W, charts_of, ex, export, text_of  # noqa: E402

DPI = 60


def squeeze(s):
    return re.sub(r"\s+", "", s)


def convert(docs, work):
    """All documents in one LibreOffice run; returns {docx path: pdf path}."""
    outdir = os.path.join(work, "pdf")
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    profile = "file://" + os.path.abspath(os.path.join(work, "lo-profile"))
    cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", outdir] + docs
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=400)
    if proc.returncode != 0:
        raise RuntimeError(f"soffice exited {proc.returncode}: {proc.stderr}")
    return {d: os.path.join(outdir, os.path.basename(d)[:-5] + ".pdf") for d in docs}


def pages_text(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), "-enc", "UTF-8", pdf,
                            "-"],
                           capture_output=True, text=True, check=True).stdout
            for i in range(1, n + 1)]


def footnote_texts(docx_path):
    with zipfile.ZipFile(docx_path) as z:
        root = ET.fromstring(z.read("word/footnotes.xml"))
    return [text_of(f) for f in root.iter(W + "footnote") if int(f.get(W + "id")) > 0]


def body_text(pages, notes):
    """The pages' text without whitespace, page numbers and footnotes (which LibreOffice
    prints at the foot of a page, inside a paragraph that runs on to the next page)."""
    t = squeeze("".join(pages))
    t = re.sub(r"—\d+—", "", t)
    for n in sorted(notes, key=len, reverse=True):
        marker, rest = n[0], n[1:]
        t = re.sub("(?:" + re.escape(marker) + ")+" + re.escape(squeeze(rest)), "", t)
    return t


def check_text(c, name, prof, pdf, docx_path):
    pages = pages_text(pdf)
    c.check(f"{name}: converted to PDF with pages", len(pages) > 0)
    t = body_text(pages, footnote_texts(docx_path))
    # LibreOffice draws a character beyond U+FFFF (set from a fallback font) in a text run of
    # its own after the line's others, so in content-stream order (-raw) it is elsewhere: those
    # characters are compared by count, the rest in order.
    beyond = lambda s: "".join(ch for ch in s if ord(ch) > 0xFFFF)
    bmp = lambda s: "".join(ch for ch in s if ord(ch) <= 0xFFFF)
    wanted_beyond = ""
    for kind, v in ex.narrative(prof):
        want = v[1] if kind == "heading" else v[0] + v[1] if kind == "run-in" else v
        wanted_beyond += beyond(want)
        c.check(f"{name}: PDF holds {kind} {want[:24]!r}…", bmp(squeeze(want)) in bmp(t))
    for ch in sorted(set(wanted_beyond)):
        c.check(f"{name}: PDF holds {ch} (U+{ord(ch):X}) as often as the text",
                t.count(ch) >= wanted_beyond.count(ch))
    for ind in ex.key_figures(prof):
        c.check(f"{name}: PDF holds key figure {ex.figure(ind)}", squeeze(ex.figure(ind)) in t)
    numbers = [re.search(r"—\s*(\d+)\s*—", p) for p in pages]
    c.equal(f"{name}: page numbers — N —", [int(m.group(1)) if m else None for m in numbers],
            list(range(1, len(pages) + 1)))
    return pages


def render(pdf, page, work, tag):
    os.makedirs(work, exist_ok=True)
    base = os.path.join(work, tag)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", pdf, base], check=True, timeout=60)
    return Image.open(base + ".png").convert("RGB")


def caption_top(pdf, page, number):
    """The top (in pt) of the caption "图N" on the page ("图" and "N" may be two words)."""
    # errors="replace": in -bbox mode pdftotext writes a character beyond U+FFFF from
    # LibreOffice's PDF as two invalid UTF-8 halves; only the caption's position is read here.
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", pdf, "-"],
                         capture_output=True, check=True).stdout.decode("utf-8", "replace")
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)
    for k, (y, w) in enumerate(words):
        nxt = words[k + 1][1] if k + 1 < len(words) else ""
        if w.startswith(f"图{number}") or (w == "图" and nxt == str(number)):
            return float(y)
    return None


def check_charts(c, name, prof, pdf, pages, work):
    for i, ch in enumerate(charts_of(prof)):
        caption = f"图{i + 1}" + ch["title"]
        page = next((k + 1 for k, p in enumerate(pages) if squeeze(caption) in squeeze(p)), None)
        c.check(f"{name}: chart {i + 1}: caption printed", page is not None)
        if page is None:
            continue
        top = caption_top(pdf, page, i + 1)
        c.check(f"{name}: chart {i + 1}: caption located", top is not None)
        if top is None:
            continue
        img = render(pdf, page, work, f"chart{i + 1}")
        s = DPI / 72
        # the chart: the text width, 78 mm high, ending just above the caption
        box = (int(80 * s), max(0, int((top - 235) * s)), int(515 * s), int((top - 4) * s))
        area = img.crop(box)
        px = list(area.getdata())
        ink = sum(1 for r, g, b in px if r + g + b < 600)
        red = sum(1 for r, g, b in px if r > 140 and g < 70 and b < 70)
        c.check(f"{name}: chart {i + 1}: ink in the chart area", ink > 0.03 * len(px),
                f"{ink}/{len(px)}")
        c.check(f"{name}: chart {i + 1}: the bars drawn (red)", red > 1000, f"{red} red pixels")


def check_form(c, name, pages, pdf, sets, work):
    o = dict(s.split("=", 1) for s in sets)
    form = o["brief.template"]
    first = squeeze(pages[0])
    want = o["brief.issuer"] + "文件" if form == "official" else o["brief.name"]
    c.check(f"{name}: masthead {want} on page 1", want in first)
    if form == "official":
        c.check(f"{name}: 发文字号 on page 1", squeeze(o["brief.number"]) in first)
        c.check(f"{name}: 抄送 on the last page",
                squeeze("抄送：" + o["brief.cc"] + "。") in squeeze(pages[-1]))
        c.check(f"{name}: 印发 on the last page", "印发" in squeeze(pages[-1]))
    else:
        c.check(f"{name}: 期号 on page 1", "第" + o["brief.issue"] + "期" in first)
        c.check(f"{name}: 份数 on the last page",
                "（共印" + o["brief.copies"] + "份）" in squeeze(pages[-1]))
    img = render(pdf, 1, work, "masthead-" + form)
    w, h = img.size
    top = list(img.crop((0, 0, w, h // 3)).getdata())
    red = sum(1 for r, g, b in top if r > 150 and g < 80 and b < 80)
    c.check(f"{name}: red masthead and rule on page 1", red > 400, f"{red} red pixels")


def main():
    dossier, src, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    c = ex.Checker()
    hostile = os.path.join(src, "tests", "md", "hostile.json")
    haidian = os.path.join(src, "data", "haidian.json")
    jobs = []  # (name, profile, sets)
    for prof in ex.profiles(src, [hostile]):
        jobs.append((os.path.basename(prof)[:-5], prof, ()))
    jobs += [("haidian-official", haidian, OFFICIAL), ("haidian-bulletin", haidian, BULLETIN)]
    docs = []
    for name, prof, sets in jobs:
        out = export(dossier, prof, os.path.join(work, "out-" + name), *sets)
        dst = os.path.join(work, name + ".docx")
        shutil.copyfile(out, dst)
        docs.append(dst)
    pdfs = convert(docs, work)
    for (name, prof, sets), d in zip(jobs, docs):
        pdf = pdfs[d]
        if not c.check(f"{name}: LibreOffice wrote a PDF", os.path.exists(pdf)):
            continue
        p = ex.load_profile(prof)
        pages = check_text(c, name, p, pdf, d)
        check_charts(c, name, p, pdf, pages, os.path.join(work, "png-" + name))
        if sets:
            check_form(c, name, pages, pdf, sets, os.path.join(work, "png-" + name))
    c.finish()


if __name__ == "__main__":
    main()
