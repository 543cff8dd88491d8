"""check_md.py — the Markdown brief rendered with cmark-gfm, GitHub's own renderer, with
GitHub's extensions (table, strikethrough, autolink, tagfilter, tasklist), and the HTML read
back: one level-1 heading, dateline and facts, the key-figures table with one row per key
figure and the figures as the profile states them, each key figure's note by its marker after
the figure and in the notes under the table, each chart's data as a table (unlike periods
marked and explained), every heading and paragraph of the narrative as its exact text in
order (so no Markdown syntax leaks into or out of the text), the 一是/二是 items run in with a
bold lead and never headings, the sources with their cited figures, and the official (版头,
版记) and bulletin (报头, 报尾) forms; the hostile fixture
(Markdown and HTML specials everywhere) must render back to its own text with no element
made from data. The same checks with Python-Markdown (tables extension), the other renderer
the brief is written for. Also: the options, a second profile, byte-identical reruns.

The structure is checked with `brief.figures=part` (every chart in the charts part, before the
narrative, as this check expects it); where a figure stands with the default `mention` is
checked for every flowing format by tests/brief/check_figure_order.py.

Usage: check_md.py DOSSIER SOURCE_DIR WORK_DIR
"""
import filecmp
import html.parser
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dossier_expect as ex  # noqa: E402

CMARK = ["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter",
         "-e", "tasklist"]
BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "table", "blockquote", "pre",
          "hr"}
ALLOWED = {"h1", "h2", "h3", "h4", "h5", "p", "strong", "ul", "ol", "li", "table", "thead",
           "tbody", "tr", "th", "td", "a", "br", "hr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag=None):
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    yield c
                yield from c.all(tag)


class Tree(html.parser.HTMLParser):
    VOID = {"br", "img", "input", "hr"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("root", [], None)
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in self.VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def render(path, renderer="cmark-gfm"):
    if renderer == "python-markdown":  # Debian's python3-markdown, with its tables extension
        import markdown
        with open(path, encoding="utf-8") as f:
            return Tree(markdown.markdown(f.read(), extensions=["tables"])).root
    out = subprocess.run(CMARK + [path], capture_output=True, text=True, check=True, timeout=60)
    return Tree(out.stdout).root


def blocks(root):
    """Top-level blocks as (tag, node)."""
    return [(c.tag, c) for c in root.children if isinstance(c, Node) and c.tag in BLOCKS]


def expected_narrative(profile):
    """The narrative as (tag, text) blocks, from the profile: a heading of outline level n is
    h(n + 1) (the title holds h1), a run-in item a paragraph opened by its bold lead."""
    out = []
    for kind, v in ex.narrative(profile):
        if kind == "heading":
            out.append((f"h{min(v[0] + 1, 6)}", v[1]))
        elif kind == "run-in":
            out.append(("p", v[0] + (" " + v[1] if v[1] else "")))
        else:
            out.append(("p", v))
    return out


def is_url(s):
    return ex.is_link(s)


def cells(table):
    """The body rows of a rendered table as lists of cell texts."""
    return [[td.text() for td in tr.all("td")] for tr in table.all("tr")][1:]


def note_lines(node):
    """A notes paragraph ("注：…<br>①…") as its lines, the label taken off the first."""
    lines = [x.strip() for x in node.text().split("\n")]
    return [lines[0].removeprefix("注：")] + lines[1:] if lines and lines[0].startswith("注：") \
        else None


def check_table(c, name, p, bl, pos, table):
    """The figures table at bl[pos] (its heading before it, its notes after it); returns the
    position after the notes."""
    rows_want = ex.table_rows(p, table)
    c.equal(f"{name}: table heading", (bl[pos - 1][0], bl[pos - 1][1].text()),
            ("h2", "指标" if table == "all" else "主要指标"))
    t = bl[pos][1]
    c.equal(f"{name}: table header", [th.text() for th in t.all("th")], ex.table_columns(p))
    rows = cells(t)
    c.equal(f"{name}: one row per key figure", len(rows), len(rows_want))
    markers = ex.note_markers(p, table)
    for ind, row in zip(rows_want, rows):
        mark = markers.get(ind["id"], "")
        c.equal(f"{name}: row {ind['id']} (figure, then its note's marker)",
                [row[0], row[1], row[3]], [ind["name"], ex.figure(ind) + mark, ind["scope"]])
        c.equal(f"{name}: row {ind['id']} period years", set(ex.years(row[2])),
                set(ex.years(ind["period"])))
        c.check(f"{name}: row {ind['id']} period", row[2] != "")
        if p["sources"]:
            c.equal(f"{name}: row {ind['id']} source", row[4], f"[{ex.source_number(p, ind)}]")
    notes = note_lines(bl[pos + 1][1]) if bl[pos + 1][0] == "p" else None
    want = [ex.table_general_note(p)]
    for ind in rows_want:
        m = markers.get(ind["id"])
        if m and m + ind["note"] not in want:
            want.append(m + ind["note"])
    c.equal(f"{name}: the notes under the table (each key figure's note by its marker)",
            notes, want)
    return pos + 2


def check_charts(c, name, p, bl, pos):
    """The charts part at bl[pos]: each chart's caption, its data as a table with one row per
    period (primary and secondary labels), unlike periods marked and explained in the notes."""
    charts = [ch for ch in p.get("charts", []) if ex.series_points(p, ch["series"])]
    if not charts:
        return pos
    c.equal(f"{name}: charts heading", (bl[pos][0], bl[pos][1].text()), ("h2", "图表"))
    pos += 1
    for i, ch in enumerate(charts):
        pts = ex.series_points(p, ch["series"])
        pts.sort(key=lambda x: ex.period_key(x["period"]))
        unit = pts[0]["unit"]
        cats = ex.chart_points(p, ch)
        c.equal(f"{name}: chart {i + 1} caption", (bl[pos][0], bl[pos][1].text()),
                ("p", f"图{i + 1}\u3000{ch['title']}"))
        pos += 1
        if not ch.get("secondary"):
            c.equal(f"{name}: chart {i + 1} unit", bl[pos][1].text(), "单位：" + unit)
            pos += 1
        c.equal(f"{name}: chart {i + 1} data table", bl[pos][0], "table")
        rows = cells(bl[pos][1])
        pos += 1
        c.equal(f"{name}: chart {i + 1} one row per period (both series merged)", len(rows),
                len(cats))
        unlike = ex.unlike_periods(pts)
        notes = note_lines(bl[pos][1]) if pos < len(bl) and bl[pos][0] == "p" else None
        if notes is not None:
            pos += 1
        for cat, row in zip(cats, rows):
            x, y = cat["primary"], cat["secondary"]
            what = (x or y)["id"]
            if x:
                c.check(f"{name}: chart {i + 1} {what} label",
                        row[1].startswith(ex.point_label(x, unit)),
                        (row[1], ex.point_label(x, unit)))
            else:
                c.check(f"{name}: chart {i + 1} {what} has no primary label",
                        not re.search(r"\d", row[1]), row[1])
            c.equal(f"{name}: chart {i + 1} {what} period years", ex.years(row[0]),
                    ex.years(cat["period"]))
            if y:
                c.check(f"{name}: chart {i + 1} {what} secondary",
                        row[2].startswith(ex.figure(y)), row[2])
            m = re.search(r"([①-⑩]|\(\d+\))$", row[0])
            mark = m.group(1) if m else None
            c.equal(f"{name}: chart {i + 1} {what} marked unlike", mark is not None,
                    x is not None and x["id"] in unlike)
            if mark:
                c.check(f"{name}: chart {i + 1} {what} unlike note",
                        any(n.startswith(mark + row[0][:-len(mark)] + "为") for n in notes or []),
                        notes)
            for ind, cell in ((x, row[1]), (y, row[2] if len(row) > 2 else "")):
                if ind and ind.get("note"):
                    c.check(f"{name}: chart {i + 1} {ind['id']} note",
                            any(n.endswith(ind["note"]) and cell.endswith(n[:-len(ind["note"])])
                                for n in notes or []),
                            (cell, notes))
    return pos


def check_brief(c, profile_path, md_path, sets=(), renderer="cmark-gfm"):
    p = ex.load_profile(profile_path)
    name = os.path.basename(profile_path) + ("" if renderer == "cmark-gfm" else " " + renderer)
    root = render(md_path, renderer)
    bl = blocks(root)
    tags = [t for t, _ in bl]
    english = "md.english=false" not in sets
    table = next((s.split("=")[1] for s in sets if s.startswith("md.table=")), "key")
    opts = dict(s.split("=", 1) for s in sets)

    # Only elements Markdown made on purpose; nothing from the data.
    made = {n.tag for n in root.all()}
    c.check(f"{name}: only expected elements", made <= ALLOWED, f"extra {made - ALLOWED}")
    for a in root.all("a"):
        href = a.attrs.get("href", "")
        c.check(f"{name}: link {href} is a source URL or an e-mail address",
                href.startswith("mailto:") or
                any(href == s.get("origin") for s in p["sources"] if is_url(s.get("origin", ""))))

    # Masthead (official, bulletin): lines and a thematic break before the title.
    pos = tags.index("h1") if "h1" in tags else 0
    head = [n.text() for t, n in bl[:pos] if t == "p"]
    form = opts.get("brief.template", "report")
    if form == "official":
        c.equal(f"{name}: 版头", head,
                [opts["brief.issuer"] + "文件"] + ([opts["brief.number"]]
                                                  if "brief.number" in opts else []))
    elif form == "bulletin":
        c.equal(f"{name}: 报头", head[:2], [opts["brief.name"], "第" + opts["brief.issue"] + "期"])
        c.check(f"{name}: 报头 issuer", head[2].startswith(opts["brief.issuer"] + "编"), head)
    else:
        c.equal(f"{name}: no masthead", bl[:pos], [])
    if form != "report":
        c.equal(f"{name}: masthead name in bold", [n.tag for n in bl[0][1].all()]
                if bl else [], ["strong"])
        c.equal(f"{name}: masthead ends with a rule", tags[pos - 1], "hr")

    # Title: the only level-1 heading, subtitle, dateline.
    h1 = [n.text() for t, n in bl if t == "h1"]
    title = p["name"]["zh"]
    if english and "en" in p["name"]:
        title += "（" + p["name"]["en"] + "）"
    c.equal(f"{name}: one h1, the name", h1, [title])
    pos += 1
    if "subtitle" in p:
        c.equal(f"{name}: subtitle", (bl[pos][0], bl[pos][1].text(),
                                      [n.tag for n in bl[pos][1].all()]),
                ("p", p["subtitle"], ["strong"]))
        pos += 1
    c.equal(f"{name}: dateline", (bl[pos][0], bl[pos][1].text()),
            ("p", "资料截至" + ex.date_zh(p["as_of"])))
    pos += 1

    # Facts: the parent region, then area and population with period and note.
    facts = [li.text() for li in bl[pos][1].all("li")] if bl[pos][0] == "ul" else []
    pos += 1
    want = []
    if "parent" in p:
        par = p["parent"]
        want.append("所属：" + par["zh"] + ("（" + par["en"] + "）"
                                          if "en" in par and english else ""))
    c.equal(f"{name}: first facts", facts[:len(want)], want)
    for ind, f in zip(ex.fact_indicators(p), facts[len(want):]):
        c.check(f"{name}: {ind['id']} fact", f.startswith(ind["name"] + "：" + ex.figure(ind)), f)
        detail = f[len(ind["name"] + "：" + ex.figure(ind)):]
        c.equal(f"{name}: {ind['id']} fact period years", ex.years(detail),
                ex.years(ind["period"]))
        if ind.get("note"):
            c.check(f"{name}: {ind['id']} fact note", f.endswith(ind["note"] + "）"), f)
    c.equal(f"{name}: facts", len(facts), len(want) + len(ex.fact_indicators(p)))

    # The figures table and its notes.
    tables = [n for t, n in bl if t == "table"]
    rows_want = ex.table_rows(p, table)
    if rows_want:
        c.equal(f"{name}: table after the facts", tags[pos:pos + 2], ["h2", "table"])
        pos = check_table(c, name, p, bl, pos + 1, table)
    else:
        c.check(f"{name}: no figures table", tags[pos] != "table" and all(
            [th.text() for th in t.all("th")] != ex.table_columns(p) for t in tables))
    pos = check_charts(c, name, p, bl, pos)

    # The narrative: every heading and paragraph, exactly, in order.
    narrative = expected_narrative(p)
    c.equal(f"{name}: narrative starts after the charts", (tags[pos:pos + 1],
                                                          bl[pos][1].text() if pos < len(bl)
                                                          else None),
            (["h2"], p["documents"][0]["title"]))
    start = pos
    got = [(t, n.text()) for t, n in bl[start:start + len(narrative)]]
    for i, (g, w) in enumerate(zip(got, narrative)):
        c.equal(f"{name}: narrative block {i}", g, w)
    c.equal(f"{name}: narrative length", len(got), len(narrative))
    leads = [v[0] for k, v in ex.narrative(p) if k == "run-in"]
    strongs = [s.text() for t, n in bl[start:start + len(narrative)] if t == "p"
               for s in n.all("strong")]
    c.equal(f"{name}: run-in leads (一是 … and items below level 2) are bold", strongs, leads)
    shi = [ex.heading_text(s) for _, s, _ in ex.sections(p) if s.get("marker", "").endswith("是")]
    heads = [n.text() for t, n in bl if t in ("h2", "h3", "h4", "h5", "h6")]
    c.check(f"{name}: no 一是/二是 item is a heading", not set(shi) & set(heads))

    # The sources: the entry text (the URL a link), then the figures cited from it.
    rest = bl[start + len(narrative):]
    want_tags = ["h2", "ul"] + (["hr"] if form != "report" else [])
    c.equal(f"{name}: sources heading and list", [t for t, _ in rest][:len(want_tags)],
            want_tags)
    if len(rest) >= 2:
        c.equal(f"{name}: sources heading", rest[0][1].text(), "资料来源")
        items = [li.text().split("\n")[0] for li in rest[1][1].all("li")]
        want = [f"[{i + 1}] " + ex.source_entry(s) for i, s in enumerate(p["sources"])]
        c.equal(f"{name}: sources", items, want)
        cited = [[x.strip() for x in li.text().split("\n")[1:]] for li in rest[1][1].all("li")]
        c.check(f"{name}: cited figures under each source (a line, when it has any)",
                all(len(x) <= 1 and all(y.startswith("所引数据：") for y in x) for x in cited)
                and (any(cited) or not rows_want), cited)

    # The colophon (official, bulletin): after a rule, at the end.
    tail = [n.text() for t, n in rest[3:]]
    if form == "official" and "brief.cc" in opts:
        c.equal(f"{name}: 版记", tail[:1], ["抄送：" + opts["brief.cc"] + "。"])
        c.check(f"{name}: 印发 line last", tail[-1].endswith("印发"), tail)
    if form == "bulletin" and "brief.copies" in opts:
        c.equal(f"{name}: 报尾", tail[-1:], ["（共印" + opts["brief.copies"] + "份）"])

    # No Markdown syntax left in the rendered text unless the profile's text has it.
    source_text = "".join(ex.all_texts(p))
    shown = root.text()
    for mark in ("**", "|", "\\", "&#", "&amp;"):
        if mark not in source_text:
            c.check(f"{name}: no stray {mark!r} in the rendered text", mark not in shown)
    c.check(f"{name}: headings only where expected", tags.count("h1") == 1)


PART = "brief.figures=part"  # the charts in their part: the order the structure check expects
OFFICIAL = ("brief.template=official", "brief.issuer=北京市海淀区人民政府",
            "brief.number=海政发〔2020〕12号", "brief.cc=区委办公室")
BULLETIN = ("brief.template=bulletin", "brief.name=海淀区情简报", "brief.issue=3",
            "brief.issuer=海淀区统计局", "brief.copies=50")


def main():
    dossier, src, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    hostile = os.path.join(here, "hostile.json")
    haidian = os.path.join(src, "data", "haidian.json")
    c = ex.Checker()
    for i, prof in enumerate(ex.profiles(src, [hostile])):
        a, _ = ex.export(dossier, "md", prof, os.path.join(work, f"a{i}"))
        b, _ = ex.export(dossier, "md", prof, os.path.join(work, f"b{i}"))
        c.check(f"{os.path.basename(prof)}: two runs byte-identical",
                filecmp.cmp(a, b, shallow=False))
        c.check(f"{os.path.basename(prof)}: UTF-8, LF line ends",
                b"\r" not in open(a, "rb").read() and open(a, "rb").read().decode("utf-8") != "")
        parted, _ = ex.export(dossier, "md", prof, os.path.join(work, f"p{i}"), PART)
        check_brief(c, prof, parted)
        check_brief(c, prof, parted, renderer="python-markdown")
    # The forms with a masthead and a colophon.
    for sets in (OFFICIAL, BULLETIN):
        out, _ = ex.export(dossier, "md", haidian, os.path.join(work, sets[0]), *sets, PART)
        for renderer in ("cmark-gfm", "python-markdown"):
            check_brief(c, haidian, out, sets, renderer)
    # Options, on the hostile fixture (it has no key_figures, so key = all) and the shipped one.
    for prof in (haidian, hostile):
        for sets in (("md.table=all",), ("md.table=none",), ("md.english=false",)):
            out, _ = ex.export(dossier, "md", prof, os.path.join(work, "opt-" + sets[0]), *sets,
                               PART)
            check_brief(c, prof, out, sets)
    c.finish()


if __name__ == "__main__":
    main()
