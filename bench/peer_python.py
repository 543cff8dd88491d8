#!/usr/bin/python3
"""peer_python.py — what a user would write instead of dossier: the same briefs with Python
ReportLab (PDF) and XlsxWriter (XLSX) from Debian (python3-reportlab, python3-xlsxwriter),
and a plain-text writer, one profile after another in one process.

Usage: peer_python.py [-f pdf,xlsx,txt] -o OUT_DIR PROFILE.json|DIR ...

The content follows dossier's outputs: the PDF is A4 with the GB/T 9704 margins (37 mm
top, 28 mm binding side, 156 x 225 mm text block), a 22 pt Hei title, Kai subtitle and
level-2 headings, 16 pt Ming body text wrapped the CJK way (ReportLab's wordWrap="CJK")
with a two-character first-line indent, the key-figures table, the full indicator table,
one bar chart per profile chart, and page numbers; the fonts are the same TrueType files
dossier finds through fontconfig (uming.ttc, ukai.ttc, wqy-zenhei.ttc, the CN faces), which
ReportLab subsets as dossier does. The workbook has the same five sheets (概览, 指标,
时间序列, 图表, 正文) with the indicator table, the series with formulas pointing into it,
charts and the text. The text file wraps at 80 columns counting East Asian wide characters
as two.
"""
import argparse
import json
import os
import sys
import unicodedata

FONT_DIR = "/usr/share/fonts/truetype"
FONTS = {
    "Ming": (FONT_DIR + "/arphic/uming.ttc", 0),
    "Kai": (FONT_DIR + "/arphic/ukai.ttc", 0),
    "Hei": (FONT_DIR + "/wqy/wqy-zenhei.ttc", 0),
}


def walk_sections(doc):
    """(level, heading, paragraphs) of a document, depth first."""
    out = []

    def rec(sections, level):
        for s in sections:
            head = (s.get("marker", "") + s.get("title", "")).strip()
            out.append((level, head, [p for p in s.get("paragraphs", []) if isinstance(p, str)]))
            rec(s.get("sections", []), level + 1)

    if doc.get("paragraphs"):
        out.append((1, "", [p for p in doc["paragraphs"] if isinstance(p, str)]))
    rec(doc.get("sections", []), 1)
    return out


def number_text(v):
    return "" if v is None else str(v)


# ---------------------------------------------------------------- PDF (ReportLab)

_pdf_ready = False


def pdf_setup():
    global _pdf_ready
    if _pdf_ready:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for name, (path, index) in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    _pdf_ready = True


def write_pdf(p, path):
    pdf_setup()
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle)

    body = ParagraphStyle("body", fontName="Ming", fontSize=16, leading=28.6,
                          firstLineIndent=32, wordWrap="CJK", alignment=4)
    title = ParagraphStyle("title", fontName="Hei", fontSize=22, leading=36, alignment=1,
                           wordWrap="CJK")
    sub = ParagraphStyle("sub", fontName="Kai", fontSize=16, leading=28, alignment=1,
                         wordWrap="CJK")
    h1 = ParagraphStyle("h1", fontName="Hei", fontSize=16, leading=28.6, wordWrap="CJK")
    h2 = ParagraphStyle("h2", fontName="Kai", fontSize=16, leading=28.6, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName="Ming", fontSize=10.5, leading=14, wordWrap="CJK")

    story = [Paragraph(p["name"]["zh"] + "区情简报" if False else p["name"]["zh"], title)]
    if p.get("subtitle"):
        story.append(Paragraph(p["subtitle"], sub))
    story.append(Paragraph("截至 " + p.get("as_of", ""), sub))
    inds = {i["id"]: i for i in p.get("indicators", [])}
    if p.get("key_figures"):
        rows = [["指标", "数值", "单位", "时期"]]
        for k in p["key_figures"]:
            i = inds[k]
            rows.append([Paragraph(i["name"], cell), number_text(i.get("value")),
                         Paragraph(i.get("unit", ""), cell), Paragraph(i.get("period", ""), cell)])
        t = LongTable(rows, colWidths=[70 * mm, 30 * mm, 26 * mm, 30 * mm], repeatRows=1)
        t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Ming", 10.5),
                               ("FONT", (0, 0), (-1, 0), "Hei", 10.5),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story += [Spacer(1, 12), t]
    for doc in p.get("documents", []):
        story.append(Paragraph(doc.get("title", ""), h1))
        for level, head, paras in walk_sections(doc):
            if head:
                story.append(Paragraph(head, h1 if level == 1 else h2))
            for text in paras:
                story.append(Paragraph(text, body))
    rows = [["指标", "范围", "时期", "数值", "单位"]]
    for i in p.get("indicators", []):
        rows.append([Paragraph(i["name"], cell), Paragraph(i.get("scope", ""), cell),
                     Paragraph(i.get("period", ""), cell), number_text(i.get("value")),
                     Paragraph(i.get("unit", ""), cell)])
    t = LongTable(rows, colWidths=[52 * mm, 30 * mm, 30 * mm, 24 * mm, 20 * mm], repeatRows=1)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Ming", 10.5),
                           ("FONT", (0, 0), (-1, 0), "Hei", 10.5),
                           ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [Spacer(1, 12), Paragraph("附表　指标", h1), t]
    for chart in p.get("charts", []):
        pts = [i for i in p.get("indicators", []) if i.get("series") == chart.get("series")
               and isinstance(i.get("value"), (int, float))]
        if not pts:
            continue
        # bars drawn with shapes: Debian's reportlab.graphics.charts needs the separate
        # _renderPM extension even for PDF output
        d = Drawing(156 * mm, 80 * mm)
        x0, y0, w, h = 40, 30, 156 * mm - 60, 80 * mm - 60
        top = max(abs(float(i["value"])) for i in pts) or 1.0
        d.add(Line(x0, y0, x0 + w, y0))
        d.add(Line(x0, y0, x0, y0 + h))
        step = w / len(pts)
        for n, i in enumerate(pts):
            bh = h * abs(float(i["value"])) / top
            d.add(Rect(x0 + n * step + step * 0.2, y0, step * 0.6, bh,
                       fillColor=colors.HexColor("#4472C4"), strokeColor=None))
            d.add(String(x0 + n * step + step / 2, y0 + bh + 3, number_text(i["value"]),
                         fontName="Ming", fontSize=9, textAnchor="middle"))
            d.add(String(x0 + n * step + step / 2, y0 - 12, i.get("period", ""),
                         fontName="Ming", fontSize=9, textAnchor="middle"))
        d.add(String(156 * mm / 2, 80 * mm - 14, chart.get("title", ""), fontName="Hei",
                     fontSize=12, textAnchor="middle"))
        story += [Spacer(1, 12), d]

    def page_number(canvas, doc):
        canvas.setFont("Ming", 14)
        n = canvas.getPageNumber()
        text = "— %d —" % n
        if n % 2:
            canvas.drawRightString(A4[0] - 28 * mm, 30 * mm, text)
        else:
            canvas.drawString(28 * mm, 30 * mm, text)

    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=28 * mm,
                            rightMargin=A4[0] / mm * mm - 28 * mm - 156 * mm,
                            topMargin=37 * mm, bottomMargin=A4[1] - 37 * mm - 225 * mm,
                            title=p["name"]["zh"], invariant=1)
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)


# ---------------------------------------------------------------- XLSX (XlsxWriter)

def write_xlsx(p, path):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path)
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    title = wb.add_format({"bold": True, "font_size": 16})
    inds = p.get("indicators", [])
    row_of = {i["id"]: n + 1 for n, i in enumerate(inds)}

    ov = wb.add_worksheet("概览")
    ov.write(0, 0, "%s（%s）" % (p["name"]["zh"], p["name"].get("en", "")), title)
    ov.write(1, 0, p.get("subtitle", ""))
    ov.write_row(3, 0, ["指标", "数值", "单位", "时期", "范围"], head)
    byid = {i["id"]: i for i in inds}
    for n, k in enumerate(p.get("key_figures", [])):
        i = byid[k]
        ov.write_row(4 + n, 0, [i["name"], i.get("value"), i.get("unit", ""),
                                i.get("period", ""), i.get("scope", "")])
    ov.set_column(0, 0, 30)

    ws = wb.add_worksheet("指标")
    cols = ["指标代码", "指标名称", "范围", "时期", "限定词", "数值", "单位", "基本单位数值",
            "基本单位", "关联指标", "关系", "时间序列", "来源", "章节", "备注", "英文名称"]
    ws.write_row(0, 0, cols, head)
    for n, i in enumerate(inds, start=1):
        src = i.get("source", {})
        ws.write_row(n, 0, [i["id"], i["name"], i.get("scope", ""), i.get("period", ""),
                            i.get("qualifier", ""), i.get("value"), i.get("unit", ""),
                            i.get("value"), i.get("unit", ""), i.get("base", ""),
                            i.get("relation", ""), i.get("series", ""),
                            src.get("document", ""), src.get("section", ""),
                            i.get("note", ""), i.get("name_en", "")])
    ws.freeze_panes(1, 2)
    ws.autofilter(0, 0, len(inds), len(cols) - 1)
    ws.set_column(1, 1, 28)

    ts = wb.add_worksheet("时间序列")
    series = {}
    for i in inds:
        if i.get("series"):
            series.setdefault(i["series"], []).append(i)
    periods = []
    for pts in series.values():
        for i in pts:
            if i.get("period") not in periods:
                periods.append(i.get("period"))
    ts.write_row(0, 0, ["序列代码", "指标名称", "范围", "单位"] + periods + ["变化"], head)
    for r, (sid, pts) in enumerate(series.items(), start=1):
        ts.write_row(r, 0, [sid, pts[0]["name"], pts[0].get("scope", ""), pts[0].get("unit", "")])
        for i in pts:
            c = 4 + periods.index(i.get("period"))
            ts.write_formula(r, c, "='指标'!F%d" % (row_of[i["id"]] + 1), None, i.get("value"))
        ts.write_formula(r, 4 + len(periods), "=F%d/E%d-1" % (r + 1, r + 1))
    ts.freeze_panes(1, 2)

    ch = wb.add_worksheet("图表")
    ch.write(0, 0, "图表", title)
    for n, chart in enumerate(p.get("charts", [])):
        sid = chart.get("series")
        if sid not in series:
            continue
        r = list(series).index(sid) + 1
        c = wb.add_chart({"type": "column"})
        c.add_series({"name": chart.get("title", ""),
                      "categories": ["时间序列", 0, 4, 0, 3 + len(periods)],
                      "values": ["时间序列", r, 4, r, 3 + len(periods)]})
        if chart.get("secondary") in series:
            r2 = list(series).index(chart["secondary"]) + 1
            line = wb.add_chart({"type": "line"})
            line.add_series({"values": ["时间序列", r2, 4, r2, 3 + len(periods)],
                             "y2_axis": True})
            c.combine(line)
        c.set_title({"name": chart.get("title", "")})
        ch.insert_chart(3 + 18 * n, 0, c)

    tx = wb.add_worksheet("正文")
    tx.set_column(0, 0, 100)
    r = 0
    for doc in p.get("documents", []):
        tx.write(r, 0, doc.get("title", ""), bold)
        r += 1
        for level, headline, paras in walk_sections(doc):
            if headline:
                tx.write(r, 0, headline, bold)
                r += 1
            for text in paras:
                tx.write(r, 0, text, wrap)
                r += 1
    wb.close()


# ---------------------------------------------------------------- TXT

def width(ch):
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(text, cols, indent=4):
    lines, line, w = [], " " * indent, indent
    for ch in text:
        cw = width(ch)
        if w + cw > cols:
            lines.append(line)
            line, w = "", 0
        line += ch
        w += cw
    lines.append(line)
    return lines


def write_txt(p, path):
    out = [p["name"]["zh"], p.get("subtitle", ""), ""]
    byid = {i["id"]: i for i in p.get("indicators", [])}
    for k in p.get("key_figures", []):
        i = byid[k]
        out.append("%s  %s %s（%s）" % (i["name"], number_text(i.get("value")),
                                       i.get("unit", ""), i.get("period", "")))
    for doc in p.get("documents", []):
        out += ["", doc.get("title", "")]
        for level, headline, paras in walk_sections(doc):
            if headline:
                out += ["", headline]
            for text in paras:
                out += wrap(text, 80)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.replace(tmp, path)


WRITERS = {"pdf": write_pdf, "xlsx": write_xlsx, "txt": write_txt}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-f", default="pdf,xlsx,txt")
    ap.add_argument("-o", required=True)
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    files = []
    for arg in a.inputs:
        if os.path.isdir(arg):
            files += sorted(os.path.join(arg, n) for n in os.listdir(arg) if n.endswith(".json"))
        else:
            files.append(arg)
    os.makedirs(a.o, exist_ok=True)
    formats = [f for f in a.f.split(",") if f]
    for path in files:
        with open(path, encoding="utf-8") as f:
            p = json.load(f)
        for fmt in formats:
            WRITERS[fmt](p, os.path.join(a.o, "%s.%s" % (p["id"], fmt)))


if __name__ == "__main__":
    sys.exit(main())
