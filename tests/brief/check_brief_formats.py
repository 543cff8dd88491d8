"""check_brief_formats.py — one change of the brief settings shows the same way in every
document format, each read back with a real reader: PDF with poppler's pdftotext, HTML with
headless Chromium (the DOM's innerText), Markdown rendered by cmark-gfm (GitHub's renderer),
plain text as written.

    check_brief_formats.py DOSSIER SOURCE_DIR WORK_DIR

The change: the bulletin template with an issue number and a classification line, the parts
in another order (the narrative before the table, the sources last but one), the charts
dropped, and a 报尾. Expectations come from those settings and the profile JSON, never from
dossier's output: the order of the masthead's parts, the title, the first section's heading,
the table's heading and one key figure, the sources heading, the tail; no chart caption.
"""
import html
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "md"))
sys.path.insert(0, os.path.join(HERE, "..", "html"))
import cdp  # noqa: E402
import dossier_expect as ex  # noqa: E402

SETTINGS = [
    "brief.template=bulletin",
    "brief.name=区情简报",
    "brief.issue=7",
    "brief.issuer=海淀区统计局",
    "brief.classification=内部资料　注意保存",
    "brief.parts=masthead,title,narrative,table,sources,colophon",
    "brief.charts=none",
    "brief.report_to=区委、区政府领导",
    "brief.copies=60",
]


def squash(text):
    """Text with all white space removed: the readers break lines and pad differently."""
    return re.sub(r"\s+", "", text)


def read_pdf(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], check=True,
                          stdout=subprocess.PIPE, text=True).stdout


def read_md(path):
    out = subprocess.run(["cmark-gfm", "-e", "table", path], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return html.unescape(re.sub(r"<[^>]+>", " ", out))


def read_txt(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def read_html(browser, path):
    s = browser.open_page("file://" + os.path.abspath(path))
    return browser.evaluate(s, "document.body.innerText")


def main():
    dossier, src, work = sys.argv[1:4]
    profile_path = os.path.join(src, "data", "haidian.json")
    p = ex.load_profile(profile_path)
    c = ex.Checker()
    args = []
    for s in SETTINGS:
        args += ["--set", s]
    out = os.path.join(work, "out")
    proc = subprocess.run([dossier, "export", "-q", "-f", "pdf,html,md,txt", "-o", out] + args
                          + [profile_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    c.check("export with the bulletin settings", proc.returncode == 0, proc.stderr)
    if proc.returncode != 0:
        c.finish()
    texts = {"txt": read_txt(os.path.join(out, "haidian.txt")),
             "md": read_md(os.path.join(out, "haidian.md")),
             "pdf": read_pdf(os.path.join(out, "haidian.pdf"))}
    with cdp.Browser(deadline_s=90) as b:
        texts["html"] = read_html(b, os.path.join(out, "haidian.html"))

    sec = p["documents"][0]["sections"][0]
    first_section = sec.get("marker", "") + sec["title"]
    key = ex.key_figures(p)[0]
    # In reading order: the masthead's parts, the title, the narrative, the table, the
    # sources, the tail.
    ordered = ["内部资料　注意保存", "区情简报", "第7期", "海淀区统计局编", p["name"]["zh"],
               first_section, "主要指标", key["name"], ex.figure(key), "资料来源", "报：区委、区政府领导",
               "（共印60份）"]
    for fmt, text in sorted(texts.items()):
        flat = squash(text)
        at = 0
        for want in ordered:
            w = squash(want)
            i = flat.find(w, at)
            c.check(f"{fmt}: \"{want}\" after what comes before it", i >= 0,
                    f"not found after offset {at}")
            if i >= 0:
                at = i + len(w)
        c.check(f"{fmt}: no chart (charts dropped)",
                "图1" not in flat and squash(p["charts"][0]["title"]) + "（" not in flat)
    c.finish()


if __name__ == "__main__":
    main()
