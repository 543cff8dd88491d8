#!/usr/bin/python3
"""check_xlsx.py — reads the workbooks the XLSX plugin writes with python3-openpyxl (a reader
independent of libxlsxwriter) and checks what a finance team relies on:

- every indicator's stated value and base-unit value are numeric cells equal to the profile's,
  with number formats showing the source's precision, the unit and real percentages;
- no cell anywhere holds a numeric-looking string or a figure written as text;
- the series cells and the change column are formulas whose cached results are right (the
  change compares the latest two periods of the same shape, computed here from the profile);
- the Excel table (or the autofilter in constant_memory mode), frozen header, column widths
  counting a Chinese character as two, print setup, defined names, document properties;
- native charts (a column chart per profile chart, a line chart for its secondary series)
  reading the series cells, whose cached points are the profile's figures;
- the zip entries carry a fixed date and two runs are byte-identical;
- configured sheet names reach formulas, charts and names; bad [xlsx] values fail cleanly;
- 指标 has a year column (from the JSON period) and prints readable (check_print);
- 统计表 pairs every growth rate with its figure (xlsx_table.py);
- a chart point of an unlike period has its own format and a note (xlsx_unlike.py).

Usage: check_xlsx.py DOSSIER_BIN SOURCE_DIR WORK_DIR [CASE...] (all cases when none is named;
CTest runs each case as its own test)
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

from xlsx_common import UNITS, close, profile_units, decimals, expected, export, fail, load_profile
from xlsx_fractions import check_fractions
from xlsx_table import check_table
from xlsx_unlike import check_unlike

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "md"))
from dossier_expect import figure as figure_text  # noqa: E402
import decimal  # noqa: E402

SHEETS = ["概览", "指标", "统计表", "时间序列", "图表", "正文"]
N_COLS = 17  # columns of the indicators sheet, A..Q
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


LOOKUP = re.compile(r"^=INDEX\('指标'!\$([GI])\$2:\$\1\$(\d+),MATCH\(\"([^\"]+)\",'指标'!\$A\$2:"
                    r"\$A\$(\d+),0\)\)$")


def lookup_of(formula, profile):
    """The indicator and column a cross-sheet formula looks up by id (INDEX/MATCH over the
    whole 指标 table, never a cell address), or None."""
    m = isinstance(formula, str) and LOOKUP.match(formula)
    if not m or m.group(2) != m.group(4) or int(m.group(2)) != len(profile["indicators"]) + 1:
        return None
    by_id = {i["id"]: i for i in profile["indicators"]}
    return (m.group(1), by_id[m.group(3)]) if m.group(3) in by_id else None


def period_year(period):
    """The year to pivot on, from the JSON period: the year of a single period, the end year
    of a range, None when undated."""
    if period == "undated":
        return None
    return int(period.split("..")[-1][:4])


def number_part(fmt):
    """The digits pattern of a number format with its quoted literals removed."""
    return re.sub(r'"[^"]*"', "", fmt)


def check_indicators(wb, wbv, profile, label, constant_memory):
    ws = wb["指标"]
    inds = profile["indicators"]
    if ws.max_row != len(inds) + 1:
        fail(f"{label}: 指标 has {ws.max_row} rows for {len(inds)} indicators")
    header = [c.value for c in ws[1]]
    for want in ["指标代码", "指标名称", "范围", "时期", "年份", "限定词", "数值", "单位", "基本单位数值",
                 "基本单位", "关联指标", "来源"]:
        if want not in header:
            fail(f"{label}: 指标 header lacks {want}: {header}")
    col = {h: i + 1 for i, h in enumerate(header)}
    natural = {}
    units = profile_units(profile)
    for i, ind in enumerate(inds):
        r = i + 2
        cell = lambda h: ws.cell(row=r, column=col[h])
        if cell("指标代码").value != ind["id"]:
            fail(f"{label}: row {r} is {cell('指标代码').value}, expected {ind['id']}")
        value, base, fraction = expected(ind, units)
        y = cell("年份")
        if y.value != period_year(ind["period"]) or (y.value is not None and (
                y.data_type != "n" or y.number_format != "0")):
            fail(f"{label}: {ind['id']} year {y.value!r} ({y.number_format}) for period "
                 f"{ind['period']}")
        v = cell("数值")
        if isinstance(ind["value"], str):
            # a worded figure: a ratio is its text; a share its fraction shown as its words
            words = figure_text(ind)
            if value is None:
                if v.value != words or cell("基本单位数值").value is not None:
                    fail(f"{label}: {ind['id']} ratio cell {v.value!r}, want the text {words}")
                natural[ind["id"]] = None
                continue
            if v.data_type != "n" or not close(v.value, value) or v.number_format != f'"{words}"':
                fail(f"{label}: {ind['id']} share {v.value!r} {v.number_format!r}, want {value} "
                     f"shown as {words}")
            b = cell("基本单位数值")
            if not close(b.value, base) or "%" not in number_part(b.number_format):
                fail(f"{label}: {ind['id']} share base {b.value!r} {b.number_format!r}")
            if cell("单位").value is not None or cell("基本单位").value != "比例":
                fail(f"{label}: {ind['id']} share units {cell('单位').value!r}")
            natural[ind["id"]] = base
            continue
        if ind.get("decrease") and v.number_format.split(";")[-1].find(f'"{ind["decrease"]}"') != 0:
            fail(f"{label}: {ind['id']} format {v.number_format!r} does not print the decrease "
                 f"as {ind['decrease']}")
        if v.data_type != "n" or not isinstance(v.value, (int, float)) or v.value != value:
            fail(f"{label}: {ind['id']} value cell {v.value!r} ({v.data_type}) != {value}")
        d = decimals(ind["value"])
        digits = re.search(r"#,##0(\.(0+))?", v.number_format)
        if not digits or len(digits.group(2) or "") != d:
            fail(f"{label}: {ind['id']} format {v.number_format!r} does not show {d} decimals")
        if fraction:
            if "%" in number_part(v.number_format.split(";")[0]):
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
        permille = fraction and UNITS[ind["unit"]][1] != decimal.Decimal("0.01")
        natural[ind["id"]] = base if fraction and not permille else value

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
            look = lookup_of(f, profile)
            if not look:
                fail(f"{label}: series {key} cell {ws.cell(row=r, column=c).coordinate} is {f!r}")
            ind = look[1]
            cached = wv.cell(row=r, column=c).value
            if not close(cached, natural[ind["id"]]):
                fail(f"{label}: series {key}: cached {cached} != {natural[ind['id']]}")
            seen.append(ind["id"])
        if sorted(seen) != sorted(p["id"] for p in points):
            fail(f"{label}: series {key} shows {seen}")
        ch = ws.cell(row=r, column=change_col)
        want = expected_change(points, natural)
        how = ws.cell(row=r, column=change_col + 1).value
        if want is None:
            if ch.value is not None or "不计算变化" not in (how or ""):
                fail(f"{label}: series {key} has no like periods, yet its change is {ch.value!r} "
                     f"({how!r})")
            continue
        if "同口径时期" not in (how or ""):
            fail(f"{label}: series {key}: the change does not say it compares like periods: {how!r}")
        if not (isinstance(ch.value, str) and ch.value.startswith("=")):
            fail(f"{label}: series {key} change is not a formula: {ch.value!r}")
        cv = wv.cell(row=r, column=change_col).value
        if not isinstance(cv, (int, float)) or not close(cv, want, 1e-9):
            fail(f"{label}: series {key} change caches {cv!r}, expected {want}")


def period_shape(ind):
    """The period with its years taken out, and the basis: 2016 and 2019 are comparable,
    2020H1 and 2016 are not."""
    shape = re.sub(r"(^|(?<=\.\.))\d{4}", "Y", ind["period"])
    return shape + "|" + ind.get("basis", "")


def expected_change(points, natural):
    """The change column's value, from the profile: the latest point with an earlier point of
    the same period shape against the latest such point (None when there is none); a ratio
    − 1 for amounts, percentage points for percentages, a difference for figures with a base
    indicator or a zero start."""
    order = sorted(points, key=lambda p: p["period"])
    pair = None
    for j in range(len(order) - 1, 0, -1):
        for i in range(j - 1, -1, -1):
            if period_shape(order[i]) == period_shape(order[j]):
                pair = (order[i], order[j])
                break
        if pair:
            break
    if not pair:
        return None  # no two like periods: nothing is computed
    a, b = pair
    v0, v1 = natural[a["id"]], natural[b["id"]]
    if UNITS.get(a["unit"], ("?",))[0] == "":
        return (v1 - v0) * 100
    if "base" in a or v0 == 0:
        return v1 - v0
    return v1 / v0 - 1


def check_overview(wb, wbv, profile, natural, label):
    ws, wv = wb["概览"], wbv["概览"]
    formulas = 0
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                look = lookup_of(c.value, profile)
                if not look:
                    fail(f"{label}: 概览!{c.coordinate} formula {c.value!r}")
                ind = look[1]
                if not close(wv[c.coordinate].value, natural[ind["id"]]):
                    fail(f"{label}: 概览!{c.coordinate} cached {wv[c.coordinate].value}")
                formulas += 1
    # each figure's note is beside it: a string cell of its row holds the note's text
    for row in ws.iter_rows():
        for c in row:
            look = lookup_of(c.value, profile)
            if not look:
                continue
            ind = look[1]
            if "note" in ind and not any(isinstance(o.value, str) and ind["note"] in o.value
                                         for o in row):
                fail(f"{label}: 概览 row {c.row} shows {ind['id']} without its note")
    want = len(profile.get("key_figures", [])) + len(profile.get("facts", {}))
    if formulas < want:
        fail(f"{label}: 概览 has {formulas} figure formulas, expected {want}")
    asof = datetime.datetime.strptime(profile["as_of"], "%Y-%m-%d")
    if not any(c.value == asof and c.is_date for row in ws.iter_rows() for c in row):
        fail(f"{label}: 概览 lacks the as-of date as a date cell")


def check_print(wb, profile, label):
    for ws in wb.worksheets:
        ps = ws.page_setup
        if ps.orientation != "landscape" or ps.fitToHeight not in (None, 0):
            fail(f"{label}: {ws.title} print setup {ps.orientation} {ps.fitToWidth}x{ps.fitToHeight}")
        fit = ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage
        if ws.title in WIDE:
            check_print_wide(ws, WIDE[ws.title], label)
        elif not fit or ps.fitToWidth not in (None, 1) or ps.fitToHeight != 0:
            fail(f"{label}: {ws.title} is not fit to one page wide")
        h, f = ws.oddHeader, ws.oddFooter
        if profile["name"]["zh"] not in (h.left.text or "") or "&A" not in (h.center.text or ""):
            fail(f"{label}: {ws.title} header {h.left.text!r} {h.center.text!r}")
        if "&P" not in (f.center.text or ""):
            fail(f"{label}: {ws.title} footer {f.center.text!r}")
    for name in ["指标", "统计表", "时间序列"]:
        if wb[name].print_title_rows != "$1:$1":
            fail(f"{label}: {name} repeats rows {wb[name].print_title_rows!r}")


WIDE = {"指标": "$A:$B", "统计表": "$A:$A"}  # sheet → the columns repeated on every page


def check_print_wide(ws, cols, label):
    """指标 (and 统计表) are too wide for one page at a readable size: they print several pages
    wide at a scale that keeps every cell's font at 8 pt or more, with the code and name
    columns on each page. (check_xlsx_print.py reads the PDF LibreOffice prints.)"""
    ps = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage
    if fit:
        fail(f"{label}: {ws.title} is fit to {ps.fitToWidth} page(s) wide: its scale would be "
             f"ignored")
    scale = int(ps.scale or 100)
    sizes = {c.font.sz for row in ws.iter_rows() for c in row if c.value is not None}
    smallest = min(float(s or 11) for s in sizes) * scale / 100
    if smallest < 8:
        fail(f"{label}: {ws.title} prints at {scale}%: its smallest font is {smallest:.2f} pt")
    if ws.print_title_cols != cols:
        fail(f"{label}: {ws.title} repeats columns {ws.print_title_cols!r}, not {cols}")


def defined_names(wb):
    """name → formula (openpyxl 3.0 keeps them in a list)."""
    return {d.name: d.attr_text for d in wb.defined_names.definedName}


def check_names(wb, profile, label):
    names = defined_names(wb)
    n = len(profile["indicators"]) + 1
    if names.get("IndicatorTable") != f"'指标'!$A$1:$Q${n}":
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


def cell_range(wb, ref):
    """The cells of a reference like '时间序列'!$E$2:$H$2."""
    m = re.match(r"^'?(.*?)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$", ref)
    if not m:
        return None
    ws = wb[m.group(1)]
    a = f"{m.group(2)}{m.group(3)}"
    b = f"{m.group(4)}{m.group(5)}" if m.group(4) else a
    return [c for row in ws[f"{a}:{b}"] for c in row]


def indicator_of(wb, profile, cell):
    """Follows a chart cell's formulas (图表 → 时间序列 → 指标) to the indicator it shows."""
    for _ in range(3):
        v = cell.value
        if not (isinstance(v, str) and v.startswith("=")):
            return None
        look = lookup_of(v, profile)
        if look:
            return look[1]
        m = re.match(r"^='(.*)'!\$?([A-Z]+)\$?(\d+)$", v)
        if not m:
            return None
        if m.group(1) == "指标":
            return profile["indicators"][int(m.group(3)) - 2]
        cell = wb[m.group(1)][f"{m.group(2)}{m.group(3)}"]
    return None


def check_charts(wb, charts, profile, natural, label):
    want = len(profile.get("charts", [])) + sum(1 for c in profile.get("charts", []) if "secondary" in c)
    if len(charts) != want:
        fail(f"{label}: {len(charts)} charts, expected {want}")
    found = set()
    for name, xml in charts.items():
        kind = "column" if "<c:barDir val=\"col\"/>" in xml else "line" if "<c:lineChart>" in xml else "?"
        for ref in re.findall(r"<c:f>([^<]*)</c:f>", xml):
            if not re.match(r"^'(时间序列|图表)'!\$", ref):
                fail(f"{label}: {name} reads {ref}, not the series cells")
        m = re.search(r"<c:val><c:numRef><c:f>([^<]*)</c:f>(.*?)</c:numRef>", xml)
        if not m:
            fail(f"{label}: {name} has no values")
        # the cached points (what a viewer that does not read the cells draws) are the figures
        cache = {int(i): float(v) for i, v in
                 re.findall(r"<c:pt idx=\"(\d+)\"><c:v>([^<]*)</c:v>", m.group(2))}
        cells = cell_range(wb, m.group(1))
        inds = [indicator_of(wb, profile, c) for c in cells]
        shown = [i for i in inds if i]
        if not shown or sorted(cache) != [k for k, i in enumerate(inds) if i]:
            fail(f"{label}: {name}: cached points {cache} for cells {m.group(1)} showing "
                 f"{[i and i['id'] for i in inds]}")
        for k, v in cache.items():
            if not close(v, natural[inds[k]["id"]]):
                fail(f"{label}: {name}: cached point {v} != {inds[k]['id']} = "
                     f"{natural[inds[k]['id']]}")
        found.add((kind, shown[0].get("series")))
    for c in profile.get("charts", []):
        if ("column", c["series"]) not in found:
            fail(f"{label}: no column chart of {c['series']}: {found}")
        if "secondary" in c and ("line", c["secondary"]) not in found:
            fail(f"{label}: no line chart of {c['secondary']}: {found}")


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
    check_charts(wb, charts, profile, natural, label)
    unlike = check_unlike(wb, charts, profile, label)
    paired = check_table(wb, wbv, profile, label)
    growth = sum(1 for i in profile["indicators"] if i.get("relation") == "growth" and "base" in i)
    if paired != growth:
        # no shipped profile has a growth rate of a growth rate: every one is paired
        fail(f"{label}: 统计表 pairs {paired} of {growth} growth rates with their figure")
    if bool(tables) == constant_memory:
        fail(f"{label}: tables {tables} in constant_memory={constant_memory}")
    text = [c.value for c in wb["正文"]["A"] if c.value]
    for doc in profile["documents"]:
        if doc["title"] not in text:
            fail(f"{label}: 正文 lacks the document title {doc['title']}")
    return unlike


def profiles(source):
    """The profiles every format must export: Haidian and each fixture of tests/data/good."""
    good = os.path.join(source, "tests", "data", "good")
    return [os.path.join(source, "data", "haidian.json")] + sorted(
        os.path.join(good, f) for f in os.listdir(good) if f.endswith(".json"))


def case_profiles(dossier, source, work, constant_memory):
    """Every profile, read back and checked in full."""
    sets = ["xlsx.constant_memory=true"] if constant_memory else []
    unlike = 0
    for prof_path in profiles(source):
        profile = load_profile(prof_path)
        label = f"{profile['id']} (constant_memory={constant_memory})"
        path = export(dossier, prof_path, os.path.join(work, profile["id"]), *sets)
        unlike += check_workbook(path, profile, label, constant_memory)
        print(f"ok {label}")
    if unlike == 0:
        fail("no chart of any profile has an unlike point: the check proves nothing")


def case_constant_memory_above(dossier, source, work):
    """[xlsx] constant_memory_above: a profile with more indicators than it is streamed exactly
    as with constant_memory = true (the same bytes, checked in full as such); with as many or
    fewer, or 0, it is the table workbook, the same bytes as without the key."""
    prof_path = os.path.join(source, "data/haidian.json")
    profile = load_profile(prof_path)
    n = len(profile["indicators"])
    read = lambda p: open(p, "rb").read()
    streamed = read(export(dossier, prof_path, os.path.join(work, "cm"),
                           "xlsx.constant_memory=true", "xlsx.constant_memory_above=0"))
    table = read(export(dossier, prof_path, os.path.join(work, "table"),
                        "xlsx.constant_memory_above=0"))
    if streamed == table:
        fail("constant_memory changes nothing: the check proves nothing")
    above = export(dossier, prof_path, os.path.join(work, "above"),
                   f"xlsx.constant_memory_above={n - 1}")
    if read(above) != streamed:
        fail(f"{n} indicators > constant_memory_above = {n - 1}: not the streamed workbook")
    check_workbook(above, profile, "haidian (above the threshold)", True)
    for limit in (n, 20000):
        p = export(dossier, prof_path, os.path.join(work, f"at-{limit}"),
                   f"xlsx.constant_memory_above={limit}")
        if read(p) != table:
            fail(f"{n} indicators, constant_memory_above = {limit}: not the table workbook")
    print(f"ok constant_memory_above: {n - 1} streams, {n} and 20000 keep the table")


def case_reproducible(dossier, source, work):
    """Two runs give the same bytes, in both modes, for every profile; the zip entries carry
    a fixed date (checked by check_zip for every workbook)."""
    for prof_path in profiles(source):
        pid = load_profile(prof_path)["id"]
        for cm in [False, True]:
            sets = ["xlsx.constant_memory=true"] if cm else []
            a = export(dossier, prof_path, os.path.join(work, f"{pid}-a{cm:d}"), *sets)
            # the second run in another time zone: nothing may depend on it
            b = export(dossier, prof_path, os.path.join(work, f"{pid}-b{cm:d}"), *sets,
                       env={"TZ": "Asia/Shanghai"})
            with open(a, "rb") as fa, open(b, "rb") as fb:
                if fa.read() != fb.read():
                    fail(f"{pid} (constant_memory={cm}): two runs differ")
            print(f"ok {pid} (constant_memory={cm}): two runs are byte-identical")


def case_sheet_names(dossier, source, work):
    """Configured sheet names flow into formulas, charts and defined names."""
    prof_path = os.path.join(source, "data/haidian.json")
    p = export(dossier, prof_path, work, "xlsx.sheet_indicators=Data 1",
               "xlsx.sheet_series=Series", "xlsx.sheet_charts=Charts")
    wb = openpyxl.load_workbook(p)
    if wb.sheetnames != ["概览", "Data 1", "统计表", "Series", "Charts", "正文"]:
        fail(f"custom names: {wb.sheetnames}")
    if not wb["Series"]["E2"].value.startswith("=INDEX('Data 1'!"):
        fail(f"custom names: series formula {wb['Series']['E2'].value!r}")
    n = len(load_profile(prof_path)["indicators"]) + 1
    names = defined_names(wb)
    if names.get("IndicatorTable") != f"'Data 1'!$A$1:$Q${n}":
        fail(f"custom names: IndicatorTable = {names.get('IndicatorTable')!r}")
    if not names.get("Series_gdp", "").startswith("'Series'!"):
        fail(f"custom names: Series_gdp = {names.get('Series_gdp')!r}")
    with zipfile.ZipFile(p) as z:
        for n in z.namelist():
            if n.startswith("xl/charts/"):
                for ref in re.findall(r"<c:f>([^<]*)</c:f>", z.read(n).decode()):
                    if not ref.startswith(("Series!", "'Series'!", "Charts!", "'Charts'!")):
                        fail(f"custom names: {n} reads {ref}")
    print("ok custom sheet names")


def case_source_date_epoch(dossier, source, work):
    """SOURCE_DATE_EPOCH sets the creation date (else the as-of date, checked above)."""
    prof_path = os.path.join(source, "data/haidian.json")
    p = export(dossier, prof_path, work, env={"SOURCE_DATE_EPOCH": "1700000000"})
    created = openpyxl.load_workbook(p).properties.created
    if created != datetime.datetime(2023, 11, 14, 22, 13, 20):
        fail(f"SOURCE_DATE_EPOCH: created {created}")
    print("ok SOURCE_DATE_EPOCH")


def case_fractions(dossier, source, work):
    """%, ‰, 个百分点 and 个千分点 rows of every profile of data/ and tests/data/good/ have
    their base-unit value, digits and 基本单位 computed the same way (xlsx_fractions.py)."""
    data = os.path.join(source, "data")
    paths = sorted(os.path.join(data, f) for f in os.listdir(data)
                   if f.endswith(".json") and not f.endswith(".schema.json"))
    good = os.path.join(source, "tests", "data", "good")
    paths += sorted(os.path.join(good, f) for f in os.listdir(good) if f.endswith(".json"))
    units = set()
    for prof_path in paths:
        profile = load_profile(prof_path)
        path = export(dossier, prof_path, os.path.join(work, profile["id"]))
        n = check_fractions(path, profile, profile["id"])
        units |= {i.get("unit") for i in profile["indicators"]}
        print(f"ok {profile['id']}: {n} fraction rows")
    for unit in ["%", "‰", "个百分点"]:
        if unit not in units:
            fail(f"no profile has a figure in {unit}: the check proves nothing for it")


def case_synthetic(dossier, source, work):
    """A large synthetic profile (bench/xlsx_synth.py: 5,000 indicators, 500 series) in both
    modes: constant_memory still gives a complete, valid workbook."""
    os.makedirs(work, exist_ok=True)
    prof_path = os.path.join(work, "synthetic.json")
    subprocess.run([sys.executable, os.path.join(source, "bench", "xlsx_synth.py"), "5000",
                    prof_path, source], check=True)
    profile = load_profile(prof_path)
    for cm in [False, True]:
        sets = ["xlsx.constant_memory=true"] if cm else []
        path = export(dossier, prof_path, os.path.join(work, f"out{cm:d}"), *sets)
        label = f"{profile['id']} (constant_memory={cm})"
        check_workbook(path, profile, label, cm)
        print(f"ok {label}")


def case_config_errors(dossier, source, work):
    """A bad [xlsx] value fails the format with a message naming the key, and writes nothing."""
    prof_path = os.path.join(source, "data/haidian.json")
    bad = [("xlsx.sheet_text=a[b", "sheet_text"), ("xlsx.sheet_text=概览", "sheet_text"),
           ("xlsx.sheet_charts=", "sheet_charts"), ("xlsx.tmpdir=/nonexistent/dir", "tmpdir"),
           ("xlsx.sheet_series=" + "长" * 32, "sheet_series")]
    for i, (setting, key) in enumerate(bad):
        out = os.path.join(work, str(i))
        e = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_CONFIG", "DOSSIER_PLUGIN_PATH")}
        r = subprocess.run([dossier, "export", "-f", "xlsx", "-o", out, "--set", setting, prof_path],
                           env=e, capture_output=True, text=True)
        if r.returncode != 7 or key not in r.stderr:
            fail(f"--set {setting}: exit {r.returncode}, stderr {r.stderr!r}")
        if os.path.isdir(out) and os.listdir(out):
            fail(f"--set {setting}: left {os.listdir(out)}")
    print(f"ok {len(bad)} bad settings fail cleanly")


CASES = {
    "profiles": lambda d, s, w: case_profiles(d, s, w, False),
    "constant_memory": lambda d, s, w: case_profiles(d, s, w, True),
    "constant_memory_above": case_constant_memory_above,
    "reproducible": case_reproducible,
    "sheet_names": case_sheet_names,
    "source_date_epoch": case_source_date_epoch,
    "config_errors": case_config_errors,
    "synthetic": case_synthetic,
    "fractions": case_fractions,
}


def main():
    if len(sys.argv) < 4 or any(c not in CASES for c in sys.argv[4:]):
        print(f"usage: {sys.argv[0]} DOSSIER_BIN SOURCE_DIR WORK_DIR [{'|'.join(CASES)}]...",
              file=sys.stderr)
        sys.exit(2)
    dossier, source, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    for case in sys.argv[4:] or list(CASES):
        CASES[case](dossier, source, os.path.join(work, case))


if __name__ == "__main__":
    main()
