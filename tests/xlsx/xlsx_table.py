"""xlsx_table.py — check of the 统计表 sheet (the statistics-bureau table), used by
check_xlsx.py for every workbook it reads.

From the profile JSON: every growth rate (relation "growth", base = a figure) is on the row
of its base figure, in a 同比增长% column, unless its base is itself such a growth rate; every
other indicator has exactly one row, in profile order. The 数值 and 同比增长% cells look the
figure up on 指标 by its id (INDEX/MATCH) and cache the profile's stated value; a ratio is its
text. 单位, 时期 and 指标代码 are the figure's.
"""
import re

from xlsx_common import close, fail

LOOKUP = re.compile(r"^=INDEX\('指标'!\$G\$2:\$G\$(\d+),MATCH\(\"([^\"]+)\",'指标'!\$A\$2:"
                    r"\$A\$(\d+),0\)\)$")


def is_growth(ind):
    return ind.get("relation") == "growth" and "base" in ind


def expected_rows(profile):
    """[(figure, [its growth rates])] in profile order."""
    by_id = {i["id"]: i for i in profile["indicators"]}
    paired = {i["id"] for i in profile["indicators"]
              if is_growth(i) and not is_growth(by_id[i["base"]])}
    growth = {}
    for i in profile["indicators"]:
        if i["id"] in paired:
            growth.setdefault(i["base"], []).append(i)
    return [(i, growth.get(i["id"], [])) for i in profile["indicators"] if i["id"] not in paired]


def looked_up(cell, n, label):
    """The indicator id a cell looks up on 指标 (its stated value), or fail."""
    m = isinstance(cell.value, str) and LOOKUP.match(cell.value)
    if not m or int(m.group(1)) != n + 1 or int(m.group(3)) != n + 1:
        fail(f"{label}: 统计表!{cell.coordinate} is {cell.value!r}, not a lookup of a stated value")
    return m.group(2)


def check_figure(ws, wv, cell, ind, n, label):
    """The cell shows `ind`: a lookup caching its stated value, or a ratio's text."""
    v = ind["value"]
    if isinstance(v, str) and ":" in v or isinstance(v, str) and "：" in v:
        if cell.value != v:
            fail(f"{label}: 统计表!{cell.coordinate} shows the ratio {ind['id']} as {cell.value!r}")
        return
    if looked_up(cell, n, label) != ind["id"]:
        fail(f"{label}: 统计表!{cell.coordinate} looks up {cell.value!r}, not {ind['id']}")
    cached = wv[cell.coordinate].value
    if isinstance(v, str):
        return  # a share in words: its fraction is checked on 指标
    if not isinstance(cached, (int, float)) or not close(cached, float(v)):
        fail(f"{label}: 统计表!{cell.coordinate} caches {cached!r}, {ind['id']} is {v}")


def check_table(wb, wbv, profile, label):
    ws, wv = wb["统计表"], wbv["统计表"]
    header = [c.value for c in ws[1]]
    for want in ["指标", "范围", "时期", "单位", "数值", "同比增长%", "指标代码"]:
        if want not in header:
            fail(f"{label}: 统计表 header lacks {want}: {header}")
    col = {h: i + 1 for i, h in enumerate(header)}
    growth_cols = [i + 1 for i, h in enumerate(header) if h and h.startswith("同比增长%")]
    rows = expected_rows(profile)
    n = len(profile["indicators"])
    if ws.max_row != len(rows) + 1:
        fail(f"{label}: 统计表 has {ws.max_row - 1} rows, expected {len(rows)}")
    if max(len(g) for _, g in rows) > len(growth_cols) or len(growth_cols) < 1:
        fail(f"{label}: 统计表 has {len(growth_cols)} growth columns")
    for r, (ind, growth) in enumerate(rows, 2):
        cell = lambda h: ws.cell(row=r, column=col[h])
        if cell("指标代码").value != ind["id"] or cell("指标").value != ind["name"]:
            fail(f"{label}: 统计表 row {r} is {cell('指标代码').value!r}, expected {ind['id']}")
        if cell("单位").value != ind.get("unit") or cell("范围").value != ind["scope"]:
            fail(f"{label}: 统计表 row {r} ({ind['id']}): unit {cell('单位').value!r}, scope "
                 f"{cell('范围').value!r}")
        check_figure(ws, wv, cell("数值"), ind, n, label)
        for k, c in enumerate(growth_cols):
            g = ws.cell(row=r, column=c)
            if k < len(growth):
                check_figure(ws, wv, g, growth[k], n, label)
            elif g.value is not None:
                fail(f"{label}: 统计表!{g.coordinate} shows {g.value!r}; {ind['id']} has "
                     f"{len(growth)} growth rate(s)")
    if ws.auto_filter.ref is None or ws.freeze_panes != "B2":
        fail(f"{label}: 统计表 filter {ws.auto_filter.ref!r}, frozen at {ws.freeze_panes!r}")
    paired = sum(len(g) for _, g in rows)
    return paired
