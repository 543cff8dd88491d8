"""check_md.py — the Markdown brief rendered with cmark-gfm, GitHub's own renderer, with
GitHub's extensions (table, strikethrough, autolink, tagfilter, tasklist), and the HTML read
back: one level-1 heading, the key-figures table with one row per key figure and the figures
as the profile states them, every heading and paragraph of the narrative as its exact text in
order (so no Markdown syntax leaks into or out of the text), the sources; the hostile fixture
(Markdown and HTML specials everywhere) must render back to its own text with no element
made from data. The same checks with Python-Markdown (tables extension), the other renderer
the brief is written for. Also: the options, a second profile, byte-identical reruns.

Usage: check_md.py DOSSIER SOURCE_DIR WORK_DIR
"""
import filecmp
import html.parser
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dossier_expect as ex  # noqa: E402

CMARK = ["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter",
         "-e", "tasklist"]
BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "table", "blockquote", "pre",
          "hr"}
ALLOWED = {"h1", "h2", "h3", "h4", "p", "strong", "ul", "ol", "li", "table", "thead", "tbody",
           "tr", "th", "td", "a"}


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
    """The narrative as (tag, text) blocks, from the profile."""
    out = []
    by_doc = {}
    for doc, s, level in ex.sections(profile):
        by_doc.setdefault(id(doc), []).append((s, level))
    for doc in profile["documents"]:
        out.append(("h2", doc["title"]))
        out += [("p", p) for p in doc.get("paragraphs", [])]
        for s, level in by_doc.get(id(doc), []):
            paras = s.get("paragraphs", [])
            if level >= 3:
                lead = ex.run_in_lead(s)
                out.append(("p", lead + (" " + paras[0] if paras else "")))
                paras = paras[1:]
            else:
                out.append((f"h{level + 2}", ex.heading_text(s)))
            out += [("p", p) for p in paras]
    return out


def is_url(s):
    return s.startswith(("https://", "http://")) and not any(c in s for c in " <>")


def check_brief(c, profile_path, md_path, sets=(), renderer="cmark-gfm"):
    p = ex.load_profile(profile_path)
    name = os.path.basename(profile_path) + ("" if renderer == "cmark-gfm" else " " + renderer)
    root = render(md_path, renderer)
    bl = blocks(root)
    tags = [t for t, _ in bl]
    english = "md.english=false" not in sets
    table = next((s.split("=")[1] for s in sets if s.startswith("md.table=")), "key")

    # Only elements Markdown made on purpose; nothing from the data.
    made = {n.tag for n in root.all()}
    c.check(f"{name}: only expected elements", made <= ALLOWED, f"extra {made - ALLOWED}")
    for a in root.all("a"):
        href = a.attrs.get("href", "")
        c.check(f"{name}: link {href} is a source URL or an e-mail address",
                href.startswith("mailto:") or
                any(href == s.get("origin") for s in p["sources"] if is_url(s.get("origin", ""))))

    # Title: the only level-1 heading.
    h1 = [n.text() for t, n in bl if t == "h1"]
    title = p["name"]["zh"]
    if english and "en" in p["name"]:
        title += "（" + p["name"]["en"] + "）"
    c.equal(f"{name}: one h1, the name", h1, [title])
    pos = 1
    if "subtitle" in p:
        c.equal(f"{name}: subtitle", (bl[pos][0], bl[pos][1].text(),
                                      [n.tag for n in bl[pos][1].all()]),
                ("p", p["subtitle"], ["strong"]))
        pos += 1
    facts = [li.text() for li in bl[pos][1].all("li")] if bl[pos][0] == "ul" else []
    want = []
    if "parent" in p:
        par = p["parent"]
        want.append("所属：" + par["zh"] + ("（" + par["en"] + "）" if "en" in par else ""))
    want.append("资料截至：" + p["as_of"])
    c.equal(f"{name}: first facts", facts[:len(want)], want)
    inds = {i["id"]: i for i in p["indicators"]}
    for k, f in zip(("area", "population"), facts[len(want):]):
        ind = inds[p["facts"][k]]
        c.check(f"{name}: {k} fact", f.startswith(ind["name"] + "：" + ex.figure(ind)), f)

    # The figures table.
    tables = [n for t, n in bl if t == "table"]
    rows_want = {"key": ex.key_figures(p), "all": p["indicators"], "none": []}[table]
    c.equal(f"{name}: tables", len(tables), 1 if rows_want else 0)
    if tables and rows_want:
        t = tables[0]
        idx = bl.index(("table", t))
        c.equal(f"{name}: table heading", (bl[idx - 1][0], bl[idx - 1][1].text()),
                ("h2", "指标" if table == "all" else "主要指标"))
        c.equal(f"{name}: table header", [th.text() for th in t.all("th")],
                ["指标", "数值", "时期", "范围"])
        rows = [[td.text() for td in tr.all("td")] for tr in t.all("tr")][1:]
        c.equal(f"{name}: one row per key figure", len(rows), len(rows_want))
        for ind, row in zip(rows_want, rows):
            c.equal(f"{name}: row {ind['id']}", row[:2] + row[3:],
                    [ind["name"], ex.figure(ind), ind["scope"]])
            c.equal(f"{name}: row {ind['id']} period years", set(ex.years(row[2])),
                    set(ex.years(ind["period"])))
            c.check(f"{name}: row {ind['id']} period", row[2] != "")

    # The narrative: every heading and paragraph, exactly, in order.
    narrative = expected_narrative(p)
    try:
        start = next(i for i, (t, n) in enumerate(bl)
                     if t == "h2" and n.text() == p["documents"][0]["title"])
    except StopIteration:
        start = len(bl)
    got = [(t, n.text()) for t, n in bl[start:start + len(narrative)]]
    for i, (g, w) in enumerate(zip(got, narrative)):
        c.equal(f"{name}: narrative block {i}", g, w)
    c.equal(f"{name}: narrative length", len(got), len(narrative))
    runins = [s for _, s, level in ex.sections(p) if level >= 3]
    strongs = [s.text() for t, n in bl[start:start + len(narrative)] if t == "p"
               for s in n.all("strong")]
    c.equal(f"{name}: run-in leads are bold", strongs, [ex.run_in_lead(s) for s in runins])

    # The sources.
    rest = bl[start + len(narrative):]
    c.equal(f"{name}: sources heading and list", [t for t, _ in rest], ["h2", "ol"])
    if len(rest) == 2:
        items = [li.text() for li in rest[1][1].all("li")]
        want = ["，".join(x for x in (s["title"], s.get("publisher"), s.get("date"),
                                      s.get("origin")) if x) for s in p["sources"]]
        c.equal(f"{name}: sources", items, want)

    # No Markdown syntax left in the rendered text unless the profile's text has it.
    source_text = "".join(ex.all_texts(p))
    shown = root.text()
    for mark in ("**", "|", "\\", "&#", "&amp;"):
        if mark not in source_text:
            c.check(f"{name}: no stray {mark!r} in the rendered text", mark not in shown)
    c.check(f"{name}: headings only where expected", tags.count("h1") == 1)


def main():
    dossier, src, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    hostile = os.path.join(here, "hostile.json")
    c = ex.Checker()
    for i, prof in enumerate(ex.profiles(src, [hostile])):
        a, _ = ex.export(dossier, "md", prof, os.path.join(work, f"a{i}"))
        b, _ = ex.export(dossier, "md", prof, os.path.join(work, f"b{i}"))
        c.check(f"{os.path.basename(prof)}: two runs byte-identical",
                filecmp.cmp(a, b, shallow=False))
        c.check(f"{os.path.basename(prof)}: UTF-8, LF line ends",
                b"\r" not in open(a, "rb").read() and open(a, "rb").read().decode("utf-8") != "")
        check_brief(c, prof, a)
        check_brief(c, prof, a, renderer="python-markdown")
    # Options, on the hostile fixture (it has no key_figures, so key = all) and the shipped one.
    haidian = os.path.join(src, "data", "haidian.json")
    for prof in (haidian, hostile):
        for sets in (("md.table=all",), ("md.table=none",), ("md.english=false",)):
            out, _ = ex.export(dossier, "md", prof, os.path.join(work, "opt-" + sets[0]), *sets)
            check_brief(c, prof, out, sets)
    c.finish()


if __name__ == "__main__":
    main()
