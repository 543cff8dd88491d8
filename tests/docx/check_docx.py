"""check_docx.py — the DOCX brief read with python-docx (Debian's python3-docx) and the
package's own XML: every part well-formed and listed in [Content_Types].xml; the narrative's
headings in the styles Heading 1/2/3 by outline level with their exact text, its paragraphs
exact and in order, run-in leads as a bold first run; the key-figures table as a Word table
(header row repeating, figures right-aligned and as the profile states them, note markers
after them); each key figure's note as a footnote with its marker; the section's A4 page,
GB/T 9704 margins and 22 × 28 grid; styles with separate East Asian fonts, zh-CN, no theme
fonts; page numbers "— N —" outside (odd right, even left); one chart part per chart,
referenced from the document, with the series' values cached; the document dates from the
as-of date; the masthead and colophon of the official and bulletin forms; the [docx]
options; the hostile fixture's text literally; byte-identical reruns in any time zone.

Usage: check_docx.py DOSSIER SOURCE_DIR WORK_DIR
"""
import filecmp
import os
import sys

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Twips

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from docx_common import (BULLETIN, C, CT, OFFICIAL, PR, W, charts_of, ex, export,  # noqa: E402
                         parts, text_of, xml)


def check_package(c, name, pp):
    import xml.etree.ElementTree as ET
    for n, data in pp.items():
        try:
            ET.fromstring(data)
        except ET.ParseError as e:
            c.check(f"{name}: {n} is well-formed XML", False, str(e))
    types = xml(pp, "[Content_Types].xml")
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(CT + "Override")}
    for n in pp:
        if n.endswith(".xml") and n != "[Content_Types].xml":
            c.check(f"{name}: {n} has a content type", n in overrides)
    c.check(f"{name}: [Content_Types].xml first", list(pp)[0] == "[Content_Types].xml")
    themed = [n for n, d in pp.items() if b"Theme" in d or n.startswith("word/theme")]
    c.equal(f"{name}: no theme part or theme font", themed, [])


def check_styles(c, name, pp, fonts):
    st = xml(pp, "word/styles.xml")
    styles = {s.get(W + "styleId"): s for s in st.iter(W + "style")}
    for sid, font in (("Normal", fonts["body"]), ("BodyText", fonts["body"]),
                      ("Heading1", fonts["title"]), ("Heading2", fonts["hei"]),
                      ("Heading3", fonts["kai"]), ("Title", fonts["title"])):
        s = styles.get(sid)
        rf = s.find(f"{W}rPr/{W}rFonts") if s is not None else None
        c.check(f"{name}: style {sid} sets its East Asian font {font} and a Latin one",
                rf is not None and rf.get(W + "eastAsia") == font and
                rf.get(W + "ascii") == fonts["latin"],
                None if rf is None else dict(rf.attrib))
    lang = st.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    c.check(f"{name}: language zh-CN", lang is not None and
            lang.get(W + "eastAsia") == "zh-CN" and lang.get(W + "val") == "zh-CN")
    ft = xml(pp, "word/fontTable.xml")
    alts = {f.get(W + "name"): (f.find(W + "altName").get(W + "val")
                                if f.find(W + "altName") is not None else None)
            for f in ft.iter(W + "font")}
    c.equal(f"{name}: fallback of the body font", alts.get(fonts["body"]), fonts["body_alt"])


def check_page(c, name, d, pp):
    s = d.sections[0]
    c.equal(f"{name}: A4 page", (s.page_width, s.page_height), (Twips(11906), Twips(16838)))
    c.equal(f"{name}: margins top, bottom, left, right",
            (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin),
            (Twips(2098), Twips(1984), Twips(1588), Twips(1474)))
    grid = d.element.body.find(f"{W}sectPr/{W}docGrid")
    c.check(f"{name}: grid of 22 lines of 28 characters",
            grid is not None and grid.get(W + "type") == "linesAndChars" and
            grid.get(W + "linePitch") == "579" and
            abs(11906 - 1588 - 1474 - 28 * (16 * 20 + int(grid.get(W + "charSpace")) * 20 / 4096))
            < 28, None if grid is None else dict(grid.attrib))
    settings = xml(pp, "word/settings.xml")
    c.check(f"{name}: even and odd footers", settings.find(W + "evenAndOddHeaders") is not None)
    refs = {r.get(W + "type") for r in d.element.body.iter(W + "footerReference")}
    c.equal(f"{name}: footer references", refs, {"default", "even"})
    for part, side in (("word/footer1.xml", "right"), ("word/footer2.xml", "left")):
        f = xml(pp, part)
        jc = f.find(f".//{W}jc")
        instr = "".join(t.text or "" for t in f.iter(W + "instrText")).strip()
        t = text_of(f)
        c.check(f"{name}: {part}: — PAGE — at the {side}",
                jc is not None and jc.get(W + "val") == side and instr == "PAGE" and
                t.startswith("— ") and t.endswith(" —"), (t, instr))


def heading_level(p):
    sn = p.style.name
    return int(sn.split()[-1]) if sn.startswith("Heading ") else 0


def check_narrative(c, name, prof, d):
    paras = [p for p in d.paragraphs if p.text]
    pos = 0
    for kind, v in ex.narrative(prof):
        if kind == "heading":
            want = (min(v[0], 3), v[1])
            while pos < len(paras) and (heading_level(paras[pos]), paras[pos].text) != want:
                pos += 1
            c.check(f"{name}: heading {want}", pos < len(paras))
        elif kind == "run-in":
            lead, text = v
            while pos < len(paras) and paras[pos].text != lead + text:
                pos += 1
            ok = pos < len(paras)
            c.check(f"{name}: run-in item {lead}", ok and paras[pos].runs[0].text == lead and
                    paras[pos].runs[0].bold is True and paras[pos].style.name == "Body Text")
        else:
            while pos < len(paras) and paras[pos].text != v:
                pos += 1
            c.check(f"{name}: paragraph {v[:30]!r}… in order, exact", pos < len(paras))
            if pos < len(paras):
                c.equal(f"{name}: paragraph style", paras[pos].style.name, "Body Text")
        if pos >= len(paras):
            return
        pos += 1


def check_table(c, name, prof, d):
    rows = ex.key_figures(prof)
    if not rows:
        return
    markers = ex.note_markers(prof)
    t = d.tables[0]
    c.equal(f"{name}: table header", [x.text for x in t.rows[0].cells], ex.table_columns(prof))
    tr = t.rows[0]._tr
    c.check(f"{name}: header row repeats", tr.find(f"{W}trPr/{W}tblHeader") is not None)
    c.equal(f"{name}: one row per key figure", len(t.rows) - 1, len(rows))
    for ind, row in zip(rows, t.rows[1:]):
        cells = row.cells
        c.equal(f"{name}: row {ind['id']}", (cells[0].text, cells[1].text, cells[3].text),
                (ind["name"], ex.figure(ind) + markers.get(ind["id"], ""), ind["scope"]))
        c.equal(f"{name}: figure of {ind['id']} right-aligned",
                cells[1].paragraphs[0].alignment, WD_ALIGN_PARAGRAPH.RIGHT)


def footnotes(d):
    part = next(r.target_part for r in d.part.rels.values() if r.reltype.endswith("/footnotes"))
    import xml.etree.ElementTree as ET
    root = ET.fromstring(part.blob)
    return {int(f.get(W + "id")): text_of(f) for f in root.iter(W + "footnote")
            if int(f.get(W + "id")) > 0}


def check_footnotes(c, name, prof, d):
    notes = footnotes(d)
    texts = set(notes.values())
    markers = ex.note_markers(prof)
    for ind in ex.key_figures(prof):
        if ind.get("note"):
            c.check(f"{name}: footnote {markers[ind['id']]} of {ind['id']}",
                    markers[ind["id"]] + ind["note"] in texts, sorted(texts))
    refs = [r for r in d.element.body.iter(W + "footnoteReference")]
    c.equal(f"{name}: one reference per footnote", sorted(int(r.get(W + "id")) for r in refs),
            sorted(notes))


def check_charts(c, name, prof, d, pp):
    want = charts_of(prof)
    names = sorted(n for n in pp if n.startswith("word/charts/"))
    c.equal(f"{name}: one chart part per chart", len(names), len(want))
    rels = xml(pp, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(PR + "Relationship")}
    used = [targets.get(e.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                              "relationships}id"))
            for e in d.element.body.iter(C + "chart")]
    c.equal(f"{name}: every chart referenced from the document, in order", used,
            [f"charts/chart{i + 1}.xml" for i in range(len(want))])
    for i, ch in enumerate(want):
        part = f"word/charts/chart{i + 1}.xml"
        if part not in pp:
            continue
        root = xml(pp, part)
        bar = root.find(f".//{C}barChart/{C}ser")
        c.check(f"{name}: chart {i + 1} is a bar chart", bar is not None)
        if bar is None:
            continue
        pts = ex.series_points(prof, ch["series"])
        unit = pts[0]["unit"]
        cached = sorted(float(v.text) for v in bar.find(f"{C}val/{C}numRef/{C}numCache")
                        .iter(C + "v"))
        c.equal(f"{name}: chart {i + 1}: cached values of {ch['series']}", cached,
                sorted(float(str(p["value"])) for p in pts if p["unit"] == unit))
        cats = [v.text or "" for v in bar.find(f"{C}cat/{C}strRef/{C}strCache").iter(C + "v")]
        c.check(f"{name}: chart {i + 1}: a category per period",
                len(cats) >= len(pts) and all(any(y in cat for cat in cats)
                                              for p in pts for y in ex.years(p["period"])), cats)
        if ch.get("secondary") and ex.series_points(prof, ch["secondary"]):
            c.check(f"{name}: chart {i + 1}: the secondary series as a line",
                    root.find(f".//{C}lineChart/{C}ser") is not None)


def check_props(c, name, prof, pp):
    core = pp["docProps/core.xml"].decode()
    want = prof["as_of"] + "T00:00:00Z"
    c.check(f"{name}: created and modified at the as-of date",
            core.count(want) == 2, core)


def check_forms(c, name, d, opts):
    form = [s.split("=", 1)[1] for s in opts if s.startswith("brief.template=")][0]
    o = dict(s.split("=", 1) for s in opts)
    paras = [p for p in d.paragraphs]
    styles = [(p.style.name, p.text) for p in paras]
    masthead = [t for s, t in styles if s == "Masthead Name"]
    want = o["brief.issuer"] + "文件" if form == "official" else o["brief.name"]
    c.equal(f"{name}: masthead name", masthead, [want])
    mp = next(p for p in paras if p.style.name == "Masthead Name")
    red = [r.font.color.rgb for r in mp.runs]
    c.check(f"{name}: masthead name in red", red and all(str(x) == "E60012" for x in red), red)
    first_title = next(i for i, p in enumerate(paras) if p.style.name == "Title")
    c.check(f"{name}: masthead before the title",
            paras.index(mp) < first_title)
    rule = [p for p in paras[:first_title]
            if p._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None]
    c.check(f"{name}: red rule under the masthead", len(rule) == 1 and
            rule[0]._p.find(f"{W}pPr/{W}pBdr/{W}bottom").get(W + "color") == "E60012")
    lines = [cell.text for cell in d.tables[-1].columns[0].cells]
    if form == "official":
        c.check(f"{name}: 发文字号", o["brief.number"] in rule[0].text if rule else False)
        c.equal(f"{name}: 抄送 line", lines[:1], ["抄送：" + o["brief.cc"] + "。"])
        c.check(f"{name}: 印发 line", lines[-1].endswith("印发"), lines)
    else:
        c.check(f"{name}: 期号", "第" + o["brief.issue"] + "期" in [t for _, t in styles])
        c.check(f"{name}: 编印单位 over the rule",
                rule and rule[0].text.startswith(o["brief.issuer"] + "编"))
        c.check(f"{name}: 份数", lines[-1].endswith("（共印" + o["brief.copies"] + "份）"), lines)
    tbl = d.tables[-1]._tbl
    c.check(f"{name}: colophon floats at the foot of the text block",
            tbl.find(f"{W}tblPr/{W}tblpPr").get(W + "tblpYSpec") == "bottom")


DEFAULT_FONTS = {"latin": "Times New Roman", "body": "仿宋_GB2312", "body_alt": "仿宋",
                 "hei": "黑体", "kai": "楷体_GB2312", "title": "方正小标宋简体"}


def check_all(c, name, prof, path, fonts=DEFAULT_FONTS):
    pp = parts(path)
    d = docx.Document(path)
    check_package(c, name, pp)
    check_styles(c, name, pp, fonts)
    check_page(c, name, d, pp)
    check_narrative(c, name, prof, d)
    check_table(c, name, prof, d)
    check_footnotes(c, name, prof, d)
    check_charts(c, name, prof, d, pp)
    check_props(c, name, prof, pp)
    return d


def main():
    dossier, src, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    c = ex.Checker()
    hostile = os.path.join(src, "tests", "md", "hostile.json")
    for i, prof in enumerate(ex.profiles(src, [hostile])):
        name = os.path.basename(prof)
        a = export(dossier, prof, os.path.join(work, f"a{i}"))
        b = export(dossier, prof, os.path.join(work, f"b{i}"), env={"TZ": "Asia/Shanghai"})
        c.check(f"{name}: two runs byte-identical (UTC and Asia/Shanghai)",
                filecmp.cmp(a, b, shallow=False))
        check_all(c, name, ex.load_profile(prof), a)
    haidian = os.path.join(src, "data", "haidian.json")
    p = ex.load_profile(haidian)
    for sets in (OFFICIAL, BULLETIN):
        out = export(dossier, haidian, os.path.join(work, sets[0]), *sets)
        d = check_all(c, "haidian " + sets[0], p, out)
        check_forms(c, "haidian " + sets[0], d, sets)
    # the options: other fonts, and the grid of lines only
    fonts = dict(DEFAULT_FONTS, body="仿宋", body_alt="FangSong", title="华文中宋")
    out = export(dossier, haidian, os.path.join(work, "fonts"), "docx.font_body=仿宋",
                 "docx.font_body_fallback=FangSong", "docx.font_title=华文中宋", "docx.grid=false")
    pp = parts(out)
    check_styles(c, "fonts set", pp, fonts)
    grid = xml(pp, "word/document.xml").find(f"{W}body/{W}sectPr/{W}docGrid")
    c.equal("docx.grid=false: lines only", (grid.get(W + "type"), grid.get(W + "linePitch")),
            ("lines", "579"))
    c.finish()


if __name__ == "__main__":
    main()
