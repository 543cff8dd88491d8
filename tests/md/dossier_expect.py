"""dossier_expect.py — what an export should contain, computed from the profile JSON itself
(never from dossier's output), and running dossier. The brief's decisions (run-in items, note
numbering, source entries, the general table note) are restated from the documented rules of
the brief (core/src/brief_compose.c). Shared by the md, html and csv suites
(tests/md/check_md.py, tests/html/check_html.py, tests/csv/check_csv.py).

The rules restated here are the documented ones (docs/profile.md): a value prints exactly as
the JSON literal writes it (7926.0 stays 7926.0; -0 prints 0; a decrease with its word, 下降3.2%;
exponents are refused by the loader), and a qualifier goes before the number (约 近 超 逾), before the unit (余 多) or after
it (以上 左右 强).
"""
import decimal
import json
import os
import re
import subprocess
import sys

QUALIFIER_BEFORE_NUMBER = ("约", "近", "超", "逾")
QUALIFIER_BEFORE_UNIT = ("余", "多")


class Literal(str):
    """A JSON number kept as the text it was written with."""


def load_profile(path):
    """The profile as JSON, numbers kept as their literal text (Literal)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=Literal, parse_int=Literal)


def value_text(literal):
    """The number as dossier prints it: the literal, an exponent expanded (1.0e2 → 100), -0
    without its sign; a worded value (六成, 1/4, 21.8:17.4:60.8) as written."""
    text = str(literal)
    if re.fullmatch(r"-0(\.0+)?", text):
        return text[1:]
    m = re.fullmatch(r"(-?\d+)(?:\.(\d+))?[eE]([+-]?\d+)", text)
    if not m:
        return text
    decimals = max(0, len(m.group(2) or "") - int(m.group(3)))
    return format(decimal.Decimal(text), f".{decimals}f")


def figure(ind):
    """Number, qualifier and unit: 7926.0亿元, 约1.79万家, 46%以上."""
    q = ind.get("qualifier", "")
    v = value_text(ind["value"])
    unit = ind.get("unit", "")
    word = ""
    if ind.get("decrease") and v.startswith("-"):
        word, v = ind["decrease"], v[1:]  # 下降3.2%: the source's word, the magnitude
    if q in QUALIFIER_BEFORE_NUMBER:
        return word + q + v + unit
    if q in QUALIFIER_BEFORE_UNIT:
        return word + v + q + unit
    return word + v + unit + q


def years(period):
    """The four-digit years a period names ("2017..2019" → ["2017", "2019"])."""
    return re.findall(r"\d{4}", period)


def key_figures(profile):
    """The indicators of the key-figures table, in order (all when key_figures is absent)."""
    inds = {i["id"]: i for i in profile["indicators"]}
    if "key_figures" in profile:
        return [inds[k] for k in profile["key_figures"]]
    return list(profile["indicators"])


def series_points(profile, key):
    """The indicators of a series, in profile order."""
    return [i for i in profile["indicators"] if i.get("series") == key]


def sections(profile):
    """Every section as (document, section, level), depth first, in order."""
    out = []

    def walk(doc, secs, level):
        for s in secs:
            out.append((doc, s, level))
            walk(doc, s.get("sections", []), level + 1)

    for doc in profile["documents"]:
        walk(doc, doc.get("sections", []), 1)
    return out


def heading_text(section):
    return section.get("marker", "") + section["title"]


def ends_with_stop(text):
    return text.endswith(("。", "！", "？", "：", "；", ".", "!", "?", ":"))


def run_in_lead(section):
    """A level-3 item's bold lead: marker, title and a 。 unless it ends with a stop."""
    t = heading_text(section)
    return t if ends_with_stop(section["title"]) else t + "。"


def is_run_in(section, level):
    """Items below level 2, and enumerations whose marker ends in 是 at any level, are run in
    as the bold lead of their first paragraph (docs: the brief's narrative)."""
    return level >= 3 or section.get("marker", "").endswith("是")


def narrative(profile):
    """The narrative in reading order as (kind, value) blocks: ("heading", (outline level,
    text)), ("p", text) and ("run-in", (lead, text)). Outline levels: 1 for a document's
    title, section level + 1 for a section set as a heading."""
    out = []
    by_doc = {}
    for doc, s, level in sections(profile):
        by_doc.setdefault(id(doc), []).append((s, level))
    for doc in profile["documents"]:
        out.append(("heading", (1, doc["title"])))
        out += [("p", x) for x in doc.get("paragraphs", [])]
        for s, level in by_doc.get(id(doc), []):
            paras = s.get("paragraphs", [])
            if is_run_in(s, level):
                out.append(("run-in", (run_in_lead(s), paras[0] if paras else "")))
                paras = paras[1:]
            else:
                out.append(("heading", (level + 1, heading_text(s))))
            out += [("p", x) for x in paras if x]
    return out


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def note_marker(number):
    """The marker of the brief's note `number` (1-based): ① … ⑩ (all that GBK has), then
    (11)."""
    return CIRCLED[number - 1] if number <= 10 else f"({number})"


def table_rows(profile, table="key"):
    return {"key": key_figures(profile), "all": profile["indicators"], "none": []}[table]


def fact_indicators(profile):
    inds = {i["id"]: i for i in profile["indicators"]}
    facts = profile.get("facts", {})
    return [inds[facts[k]] for k in ("area", "population") if k in facts]


def note_markers(profile, table="key"):
    """Indicator id -> the marker of its note. Notes are numbered once per brief, in the order
    the figures are printed: the table's rows (the part before the charts). A fact prints its
    note in full, in brackets, and takes no number."""
    out = {}
    for ind in table_rows(profile, table):
        if ind.get("note") and ind["id"] not in out:
            out[ind["id"]] = note_marker(len(out) + 1)
    return out


def source_number(profile, ind):
    """The 1-based number of the indicator's source, or 0."""
    doc = ind.get("source", {}).get("document")
    ids = [s["id"] for s in profile["sources"]]
    return ids.index(doc) + 1 if doc in ids else 0


def table_columns(profile):
    return ["指标", "数值", "时期", "范围"] + (["来源"] if profile["sources"] else [])


def table_general_note(profile):
    if profile["sources"]:
        return "数值按资料原文的精度和单位列出；“来源”栏的编号对应“资料来源”。"
    return "数值按资料原文的精度和单位列出。"


def source_entry(s):
    """A source's entry text: 《title》，publisher，date，原文：origin。"""
    parts = ["《" + s["title"] + "》", s.get("publisher"), s.get("date"),
             "原文：" + s["origin"] if s.get("origin") else None]
    return "，".join(x for x in parts if x) + "。"


def is_link(url):
    """A source origin the brief makes a link of."""
    return url.startswith(("https://", "http://")) and not any(c in url for c in " <>\"'")


def date_zh(iso):
    """2020-06-30 -> 2020年6月30日."""
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def point_label(ind, unit):
    """A chart point's label: the figure without the series' unit ("%" kept)."""
    if ind.get("unit", "") == unit and unit not in ("%", ""):
        return figure(dict(ind, unit=""))
    return figure(ind)


def period_kind(ind):
    """(months, basis) of a period, what makes two periods comparable."""
    per, basis = ind["period"], ind.get("basis", "")
    if per == "undated":
        return (0, basis)

    def months(t, end):
        m = re.fullmatch(r"(\d{4})(?:(H|Q|-)(\d+))?(?:-(\d+))?", t)
        y, kind, sub, day = m.group(1), m.group(2), m.group(3), m.group(4)
        if day:
            return None
        size = {None: 12, "H": 6, "Q": 3, "-": 1}[kind]
        start = int(y) * 12 + ((int(sub) - 1) * size if sub else 0)
        return start + size if end else start

    a, _, b = per.partition("..")
    start, end = months(a, False), months(b or a, True)
    return (-1, basis) if start is None or end is None else (end - start, basis)


def period_key(period):
    """Orders periods as dossier does: by start, then end (undated last)."""
    if period == "undated":
        return (1, 0, 0)
    ind = {"period": period}
    a, _, b = period.partition("..")
    kind_a = period_kind(dict(ind, period=a))
    m = re.fullmatch(r"(\d{4})(?:(H|Q|-)(\d+))?(?:-(\d+))?", a)
    size = {None: 12, "H": 6, "Q": 3, "-": 1}[m.group(2)]
    start = int(m.group(1)) * 12 + ((int(m.group(3)) - 1) * size if m.group(3) else 0)
    return (0, start, kind_a[0])


def chart_points(profile, chart):
    """The categories of a chart: its primary and secondary series merged in period order,
    each a dict with "period", "primary" and "secondary" (either may be None)."""
    pri = sorted(series_points(profile, chart["series"]), key=lambda x: period_key(x["period"]))
    sec = sorted(series_points(profile, chart["secondary"]), key=lambda x: period_key(x["period"])) \
        if chart.get("secondary") else []
    out, i, k = [], 0, 0
    while i < len(pri) or k < len(sec):
        a = pri[i] if i < len(pri) else None
        b = sec[k] if k < len(sec) else None
        if a and b and a["period"] != b["period"]:
            if period_key(a["period"]) <= period_key(b["period"]):
                b = None
            else:
                a = None
        out.append({"period": (a or b)["period"], "primary": a, "secondary": b})
        i += a is not None
        k += b is not None
    return out


def unlike_periods(points):
    """The ids of the points whose kind of period differs from the commonest (ties: earliest)."""
    kinds = [period_kind(x) for x in points]
    best = max(range(len(kinds)), key=lambda i: (kinds.count(kinds[i]), -i)) if kinds else 0
    return {x["id"] for x, k in zip(points, kinds) if len(points) > 1 and k != kinds[best]}


def all_texts(profile):
    """Every text field a reader sees in a brief, to count special characters in."""
    texts = [profile["name"]["zh"], profile["name"].get("en", ""), profile.get("subtitle", ""),
             profile.get("parent", {}).get("zh", ""), profile.get("parent", {}).get("en", "")]
    for s in profile["sources"]:
        texts += [s["title"], s.get("publisher", ""), s.get("origin", "")]
    for doc in profile["documents"]:
        texts += [doc["title"]] + doc.get("paragraphs", [])
    for _, s, _ in sections(profile):
        texts += [heading_text(s)] + s.get("paragraphs", [])
    for i in profile["indicators"]:
        texts += [i["name"], i["scope"]]
    return texts


class Checker:
    """Collects failures; each check prints one line."""

    def __init__(self):
        self.failures = 0
        self.passes = 0

    def check(self, what, ok, detail=""):
        if ok:
            self.passes += 1
        else:
            self.failures += 1
            print(f"FAIL: {what}" + (f": {detail}" if detail else ""))
        return ok

    def equal(self, what, got, want):
        return self.check(what, got == want, f"got {got!r}, want {want!r}")

    def finish(self):
        print(f"{self.passes} passed, {self.failures} failed")
        sys.exit(1 if self.failures else 0)


def export(dossier, fmt, profile_path, outdir, *sets, expect_status=0):
    """Runs `dossier export -f fmt`; returns (path of the output, completed process)."""
    cmd = [dossier, "export", "-q", "-f", fmt, "-o", outdir]
    for s in sets:
        cmd += ["--set", s]
    cmd.append(profile_path)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if proc.returncode != expect_status:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr}")
    pid = load_profile(profile_path)["id"]
    ext = {"md": "md", "html": "html", "csv": "csv"}[fmt]
    return os.path.join(outdir, f"{pid}.{ext}"), proc


def profiles(source_dir, extra=()):
    """The shipped profile, every good test profile, and extra fixtures."""
    good = os.path.join(source_dir, "tests", "data", "good")
    out = [os.path.join(source_dir, "data", "haidian.json")]
    out += sorted(os.path.join(good, f) for f in os.listdir(good) if f.endswith(".json"))
    return out + list(extra)
