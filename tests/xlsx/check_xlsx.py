#!/usr/bin/python3
"""check_xlsx.py — reads the workbooks the XLSX plugin writes with python3-openpyxl (a reader
independent of libxlsxwriter) and checks what a finance team relies on:

- every indicator's stated value and base-unit value are numeric cells equal to the profile's,
  with number formats showing the source's precision, the unit and real percentages;
- no cell anywhere holds a numeric-looking string or a figure written as text;
- the series cells and the change column are formulas whose cached results are right;
- the Excel table (or the autofilter in constant_memory mode), frozen header, print setup,
  defined names, document properties, native charts reading the series cells;
- the zip entries carry a fixed date and two runs are byte-identical.

Usage: check_xlsx.py DOSSIER_BIN SOURCE_DIR WORK_DIR
"""
import datetime
import os
import re
import shutil
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

from xlsx_common import UNITS, close, decimals, expected, export, fail, load_profile

SHEETS = ["概览", "指标", "时间序列", "图表", "正文"]
N_COLS = 16  # columns of the indicators sheet, A..P
FIGURE_TEXT = re.compile(
    r"^(约|近|超|逾)?[-+]?\d[\d,]*(\.\d+)?(余|多)?("
    + "|".join(re.escape(u) for u in UNITS if u != "年")
    + r")?(以上|左右|强)?$")


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def numeric_looking(s):
    t = s.strip().replace(",", "")
    if t.endswith("%"):
        t = t[:-1]
    try:
        float(t)
        return True
    except ValueError:
        return bool(FIGURE_TEXT.match(s.strip()))


def check_no_text_numbers(wb, label):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "s" and isinstance(c.value, str) and numeric_looking(c.value):
                    fail(f"{label}: {ws.title}!{c.coordinate} holds the number as text: {c.value!r}")


def check_zip(path, label):
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.date_time != (1980, 1, 1, 0, 0, 0):
                fail(f"{label}: zip entry {info.filename} is dated {info.date_time}")
            if info.filename.endswith(".xml") or info.filename.endswith(".rels"):
                ET.fromstring(z.read(info.filename))  # well-formed
        names = z.namelist()
        app = z.read("docProps/app.xml").decode()
        charts = {n: z.read(n).decode() for n in names if n.startswith("xl/charts/chart")}
        tables = [n for n in names if n.startswith("xl/tables/")]
    return app, charts, tables


def number_part(fmt):
    """The digits pattern of a number format with its quoted literals removed."""
    return re.sub(r'"[^"]*"', "", fmt)


def check_indicators(wb, wbv, profile, label, constant_memory):
    ws = wb["指标"]
    inds = profile["indicators"]
    if ws.max_row != len(inds) + 1:
        fail(f"{label}: 指标 has {ws.max_row} rows for {len(inds)} indicators")
    header = [c.value for c in ws[1]]
    for want in ["指标代码", "指标名称", "范围", "时期", "限定词", "数值", "单位", "基本单位数值",
                 "基本单位", "关联指标", "来源"]:
        if want not in header:
            fail(f"{label}: 指标 header lacks {want}: {header}")
    col = {h: i + 1 for i, h in enumerate(header)}
    natural = {}
    for i, ind in enumerate(inds):
        r = i + 2
        cell = lambda h: ws.cell(row=r, column=col[h])
        if cell("指标代码").value != ind["id"]:
            fail(f"{label}: row {r} is {cell('指标代码').value}, expected {ind['id']}")
        value, base, fraction = expected(ind)
        v = cell("数值")
        if v.data_type != "n" or not isinstance(v.value, (int, float)) or v.value != value:
            fail(f"{label}: {ind['id']} value cell {v.value!r} ({v.data_type}) != {value}")
        d = decimals(ind["value"])
        digits = re.search(r"#,##0(\.(0+))?", v.number_format)
        if not digits or len(digits.group(2) or "") != d:
            fail(f"{label}: {ind['id']} format {v.number_format!r} does not show {d} decimals")
        if fraction:
            if "%" in number_part(v.number_format):
                fail(f"{label}: {ind['id']}: the stated value {v.value} must not be scaled by %")
        elif f'{ind["unit"]}' not in v.number_format:
            fail(f"{label}: {ind['id']} format {v.number_format!r} lacks the unit {ind['unit']}")
        if ind.get("qualifier") != cell("限定词").value:
            fail(f"{label}: {ind['id']} qualifier {cell('限定词').value!r}")
        if cell("单位").value != ind["unit"]:
            fail(f"{label}: {ind['id']} unit {cell('单位').value!r}")
        b = cell("基本单位数值")
        if b.data_type != "n" or b.value != base:
            fail(f"{label}: {ind['id']} base value {b.value!r} != {base}")
        if fraction and "%" not in number_part(b.number_format):
            fail(f"{label}: {ind['id']} percentage {b.number_format!r} is not a % format")
        if not fraction and "#,##0" not in b.number_format:
            fail(f"{label}: {ind['id']} base format {b.number_format!r} has no thousands separator")
        if ind.get("base") != cell("关联指标").value:
            fail(f"{label}: {ind['id']} base indicator {cell('关联指标').value!r}")
        natural[ind["id"]] = base if fraction else value

    # table or autofilter over the whole range; header frozen; columns sized
    ref = f"A1:{openpyxl.utils.get_column_letter(N_COLS)}{len(inds) + 1}"
    if constant_memory:
        if ws.tables or ws.auto_filter.ref != ref:
            fail(f"{label}: constant_memory: expected an autofilter {ref}, got {ws.auto_filter.ref}")
    else:
        t = ws.tables.get("tblIndicators")
        if not t or t.ref != ref:
            fail(f"{label}: no table tblIndicators over {ref}: {dict(ws.tables.items())}")
    if ws.freeze_panes != "C2":
        fail(f"{label}: 指标 freeze panes {ws.freeze_panes}")
    ids = max(width(i["id"]) for i in inds)
    if ws.column_dimensions["A"].width < min(ids, 44):
        fail(f"{label}: column A ({ws.column_dimensions['A'].width}) narrower than the ids ({ids})")
    names = max(width(i["name"]) for i in inds)
    if ws.column_dimensions["B"].width < min(names, 38):
        fail(f"{label}: column B ({ws.column_dimensions['B'].width}) narrower than names ({names})")
    return natural


def check_series(wb, wbv, profile, natural, label):
    ws, wv = wb["时间序列"], wbv["时间序列"]
    by_key = {}
    for ind in profile["indicators"]:
        if "series" in ind:
            by_key.setdefault(ind["series"], []).append(ind)
    multi = {k: v for k, v in by_key.items() if len(v) > 1}
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    if set(rows) != set(multi):
        fail(f"{label}: series rows {sorted(rows)} != {sorted(multi)}")
    header = [c.value for c in ws[1]]
    change_col = header.index("变化") + 1
    for key, points in multi.items():
        r = rows[key]
        seen = []
        for c in range(5, change_col):
            f = ws.cell(row=r, column=c).value
            if f is None:
                continue
            if not (isinstance(f, str) and re.match(r"^='指标'!F\d+$|^='指标'!H\d+$", f)):
                fail(f"{label}: series {key} cell {ws.cell(row=r, column=c).coordinate} is {f!r}")
            src_row = int(re.search(r"\d+$", f).group())
            ind = profile["indicators"][src_row - 2]
            cached = wv.cell(row=r, column=c).value
            if not close(cached, natural[ind["id"]]):
                fail(f"{label}: series {key}: cached {cached} != {natural[ind['id']]}")
            seen.append(ind["id"])
        if sorted(seen) != sorted(p["id"] for p in points):
            fail(f"{label}: series {key} shows {seen}")
        ch = ws.cell(row=r, column=change_col)
        if not (isinstance(ch.value, str) and ch.value.startswith("=")):
            fail(f"{label}: series {key} change is not a formula: {ch.value!r}")
        cv = wv.cell(row=r, column=change_col).value
        if not isinstance(cv, (int, float)):
            fail(f"{label}: series {key} change has no cached number: {cv!r}")


def check_overview(wb, wbv, profile, natural, label):
    ws, wv = wb["概览"], wbv["概览"]
    formulas = 0
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                m = re.match(r"^='指标'!([FH])(\d+)$", c.value)
                if not m:
                    fail(f"{label}: 概览!{c.coordinate} formula {c.value!r}")
                ind = profile["indicators"][int(m.group(2)) - 2]
                if not close(wv[c.coordinate].value, natural[ind["id"]]):
                    fail(f"{label}: 概览!{c.coordinate} cached {wv[c.coordinate].value}")
                formulas += 1
    want = len(profile.get("key_figures", [])) + len(profile.get("facts", {}))
    if formulas < want:
        fail(f"{label}: 概览 has {formulas} figure formulas, expected {want}")
    asof = datetime.datetime.strptime(profile["as_of"], "%Y-%m-%d")
    if not any(c.value == asof and c.is_date for row in ws.iter_rows() for c in row):
        fail(f"{label}: 概览 lacks the as-of date as a date cell")


def check_print(wb, profile, label):
    for ws in wb.worksheets:
        ps = ws.page_setup
        if ps.orientation != "landscape" or ps.fitToWidth not in (None, 1) or ps.fitToHeight != 0:
            fail(f"{label}: {ws.title} print setup {ps.orientation} {ps.fitToWidth}x{ps.fitToHeight}")
        if not ws.sheet_properties.pageSetUpPr.fitToPage:
            fail(f"{label}: {ws.title} is not fit to page")
        h, f = ws.oddHeader, ws.oddFooter
        if profile["name"]["zh"] not in (h.left.text or "") or "&A" not in (h.center.text or ""):
            fail(f"{label}: {ws.title} header {h.left.text!r} {h.center.text!r}")
        if "&P" not in (f.center.text or ""):
            fail(f"{label}: {ws.title} footer {f.center.text!r}")
    for name in ["指标", "时间序列"]:
        if wb[name].print_title_rows != "$1:$1":
            fail(f"{label}: {name} repeats rows {wb[name].print_title_rows!r}")


def defined_names(wb):
    """name → formula (openpyxl 3.0 keeps them in a list)."""
    return {d.name: d.attr_text for d in wb.defined_names.definedName}


def check_names(wb, profile, label):
    names = defined_names(wb)
    n = len(profile["indicators"]) + 1
    if names.get("IndicatorTable") != f"'指标'!$A$1:$P${n}":
        fail(f"{label}: IndicatorTable = {names.get('IndicatorTable')!r}")
    for chart in profile.get("charts", []):
        key = "Series_" + re.sub(r"[^A-Za-z0-9_.]", "_", chart["series"])
        if not re.match(r"^'时间序列'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$", names.get(key, "")):
            fail(f"{label}: {key} = {names.get(key)!r} (names: {sorted(names)})")


def check_properties(wb, app, profile, label):
    p = wb.properties
    if not p.title or profile["name"]["zh"] not in p.title:
        fail(f"{label}: title {p.title!r}")
    if not p.subject or not p.creator or not p.keywords or profile["name"]["zh"] not in p.keywords:
        fail(f"{label}: subject/author/keywords {p.subject!r} {p.creator!r} {p.keywords!r}")
    if p.created != datetime.datetime.strptime(profile["as_of"], "%Y-%m-%d"):
        fail(f"{label}: created {p.created} is not the as-of date {profile['as_of']}")
    if "<Company>dossier</Company>" not in app:
        fail(f"{label}: no company in docProps/app.xml")


def check_charts(charts, profile, label):
    want = len(profile.get("charts", [])) + sum(1 for c in profile.get("charts", []) if "secondary" in c)
    if len(charts) != want:
        fail(f"{label}: {len(charts)} charts, expected {want}")
    kinds = "".join(charts.values())
    if "<c:barChart>" not in kinds:
        fail(f"{label}: no column chart")
    if any("secondary" in c for c in profile.get("charts", [])) and "<c:lineChart>" not in kinds:
        fail(f"{label}: no line chart for the secondary series")
    for name, xml in charts.items():
        for ref in re.findall(r"<c:f>([^<]*)</c:f>", xml):
            if not re.match(r"^'(时间序列|图表)'!\$", ref):
                fail(f"{label}: {name} reads {ref}, not the series cells")


def check_workbook(path, profile, label, constant_memory=False):
    app, charts, tables = check_zip(path, label)
    wb = openpyxl.load_workbook(path)
    wbv = openpyxl.load_workbook(path, data_only=True)
    if wb.sheetnames != SHEETS:
        fail(f"{label}: sheets {wb.sheetnames}")
    check_no_text_numbers(wb, label)
    natural = check_indicators(wb, wbv, profile, label, constant_memory)
    check_series(wb, wbv, profile, natural, label)
    check_overview(wb, wbv, profile, natural, label)
    check_print(wb, profile, label)
    check_names(wb, profile, label)
    check_properties(wb, app, profile, label)
    check_charts(charts, profile, label)
    if bool(tables) == constant_memory:
        fail(f"{label}: tables {tables} in constant_memory={constant_memory}")
    text = [c.value for c in wb["正文"]["A"] if c.value]
    for doc in profile["documents"]:
        if doc["title"] not in text:
            fail(f"{label}: 正文 lacks the document title {doc['title']}")


def main():
    dossier, source, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    for rel in ["data/haidian.json", "tests/data/good/qingxi.json"]:
        prof_path = os.path.join(source, rel)
        profile = load_profile(prof_path)
        for cm in [False, True]:
            sets = ["xlsx.constant_memory=true"] if cm else []
            a = export(dossier, prof_path, os.path.join(work, f"a{cm:d}"), *sets)
            b = export(dossier, prof_path, os.path.join(work, f"b{cm:d}"), *sets)
            label = f"{profile['id']} (constant_memory={cm})"
            with open(a, "rb") as fa, open(b, "rb") as fb:
                if fa.read() != fb.read():
                    fail(f"{label}: two runs differ")
            check_workbook(a, profile, label, cm)
            print(f"ok {label}")

    # custom sheet names flow into formulas, charts and names
    prof_path = os.path.join(source, "data/haidian.json")
    p = export(dossier, prof_path, os.path.join(work, "named"), "xlsx.sheet_indicators=Data 1",
               "xlsx.sheet_series=Series")
    wb = openpyxl.load_workbook(p)
    if wb.sheetnames[1:3] != ["Data 1", "Series"]:
        fail(f"custom names: {wb.sheetnames}")
    if not wb["Series"]["E2"].value.startswith("='Data 1'!"):
        fail(f"custom names: series formula {wb['Series']['E2'].value!r}")
    n = len(load_profile(prof_path)["indicators"]) + 1
    if defined_names(wb).get("IndicatorTable") != f"'Data 1'!$A$1:$P${n}":
        fail("custom names: IndicatorTable")
    print("ok custom sheet names")

    # SOURCE_DATE_EPOCH sets the creation date
    p = export(dossier, prof_path, os.path.join(work, "epoch"), env={"SOURCE_DATE_EPOCH": "1700000000"})
    created = openpyxl.load_workbook(p).properties.created
    if created != datetime.datetime(2023, 11, 14, 22, 13, 20):
        fail(f"SOURCE_DATE_EPOCH: created {created}")
    print("ok SOURCE_DATE_EPOCH")


if __name__ == "__main__":
    main()
