"""xlsx_unlike.py — the XLSX charts never draw a point of an unlike period as if it were alike
(used by check_xlsx.py for every workbook).

From the profile JSON (tests/md/dossier_expect.py: the kind of a period is its length in
months and its basis; the commonest kind of a chart's series wins, ties to the earliest), the
points of each chart whose period is unlike are found; in the chart's XML
(xl/charts/chartN.xml, numbered in the order the charts are drawn: each profile chart with a
series of two points or more, its column chart, then the line chart of its secondary series)
exactly those points have their own format (<c:dPt>): a pattern fill on the column chart,
a marker format on the line chart; every other point has the series' format. The row under
the chart's title on 图表 is a note naming each unlike point (…不宜直接比较。), and there is no
such row when all points are alike.
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "md"))
from dossier_expect import period_key, series_points, unlike_periods  # noqa: E402

from xlsx_common import fail  # noqa: E402

DPT = re.compile(r"<c:dPt><c:idx val=\"(\d+)\"/>(.*?)</c:dPt>")


def drawn(profile):
    """[(chart, kind)] in drawing order: kind "column" or "line"."""
    out = []
    for ch in profile.get("charts", []):
        if len(series_points(profile, ch["series"])) < 2:
            continue
        out.append((ch, "column"))
        if ch.get("secondary") and len(series_points(profile, ch["secondary"])) > 1:
            out.append((ch, "line"))
    return out


def formatted_points(xml):
    """{index: the point's own format XML}."""
    return {int(i): body for i, body in DPT.findall(xml)}


def check_unlike(wb, charts, profile, label):
    """Returns the number of unlike points checked."""
    files = sorted(charts, key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)))
    order = drawn(profile)
    if len(files) != len(order):
        fail(f"{label}: {len(files)} chart files for {len(order)} charts")
    checked = 0
    for name, (ch, kind) in zip(files, order):
        pts = sorted(series_points(profile, ch["series"]), key=lambda p: period_key(p["period"]))
        unlike = unlike_periods(pts)
        want = {k for k, p in enumerate(pts) if p["id"] in unlike}
        got = formatted_points(charts[name])
        if set(got) != want:
            fail(f"{label}: {name} ({kind} chart of {ch['series']}) formats points {sorted(got)}, "
                 f"the unlike ones are {sorted(want)} ({sorted(unlike)})")
        for k, body in got.items():
            if kind == "column" and "<a:pattFill" not in body:
                fail(f"{label}: {name}: unlike point {k} is not hatched: {body}")
            if kind == "line" and not body.startswith("<c:marker><c:spPr>"):
                fail(f"{label}: {name}: unlike point {k} keeps the series' marker: {body}")
        if kind == "column":
            check_note(wb, ch, len(want), label)
            checked += len(want)
    return checked


def check_note(wb, chart, n_unlike, label):
    ws = wb["图表"]
    rows = [r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == chart["title"]
            and ws.cell(row=r, column=1).border.bottom.style == "thin"]  # a chart's heading
    if not rows:
        fail(f"{label}: 图表 has no title row for {chart['title']}")
    note = ws.cell(row=rows[0] + 1, column=1).value
    says = note.count("不宜直接比较") if isinstance(note, str) and note.startswith("注") else 0
    if says != n_unlike:
        fail(f"{label}: 图表: the note under {chart['title']} is {note!r}; the chart has "
             f"{n_unlike} unlike point(s)")
