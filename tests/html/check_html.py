"""check_html.py — the HTML brief loaded in headless Chromium (DevTools protocol over a pipe,
cdp.py): no console error, warning, exception or failed load, and no load of anything but
the page (self-contained); lang="zh-CN"; the title block and facts; the key-figures table's
figures in the DOM as the profile states them, each key figure's note by its marker after the
figure (a link to the note) and in the notes under the table; one SVG chart per profile chart
with one bar per series point, bar heights proportional to the values, a period unlike the
others drawn apart (hatched, class "unlike", never joined by the line) and explained in the
chart's notes; every narrative heading and paragraph as its exact text, the 一是/二是 items run
in (p.run-in with a bold lead), never headings; the sources' entries, links and cited figures;
the official form (red 版头 "…文件" before the title, 抄送 at the end) and the bulletin form
(报头 name, 期号, 份数);
no script element or event handler from data (hostile fixture); a screenshot that is not
blank and shows the styled page; the print stylesheet applied under print media and a PDF
printed. Also the options, a second profile, byte-identical reruns, and a control page with
deliberate errors that the checks must catch.

Usage: check_html.py DOSSIER SOURCE_DIR WORK_DIR
"""
import filecmp
import io
import os
import pathlib
import sys

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "md"))
import cdp  # noqa: E402
import dossier_expect as ex  # noqa: E402

DOM = r"""(() => {
  const q = (s, r = document) => Array.from(r.querySelectorAll(s));
  const css = Array.from(document.styleSheets).flatMap(s => Array.from(s.cssRules));
  return {
    lang: document.documentElement.lang,
    title: document.title,
    scripts: document.scripts.length,
    handlers: q('*').filter(e => Array.from(e.attributes).some(a => /^on/i.test(a.name))).length,
    embedded: q('link, img, iframe, object, embed, video, audio, source, base, meta[http-equiv]')
      .length,
    h1: q('header h1').map(e => e.textContent),
    h1Before: q('h1, .masthead-name, .masthead-issue, .masthead-line, footer.colophon')
      .map(e => e.tagName.toLowerCase() === 'h1' ? 'h1' : e.textContent),
    masthead: q('header.masthead').map(e => ({ cls: e.className,
      name: (e.querySelector('.masthead-name') || {}).textContent,
      color: getComputedStyle(e.querySelector('.masthead-name')).color,
      rule: getComputedStyle(e).borderBottomColor })),
    colophon: q('footer.colophon p').map(e => e.textContent.trim()),
    lastBlock: (q('main.brief > *').pop() || {}).className,
    dateline: q('header.title .dateline').map(e => e.textContent),
    facts: q('dl.facts > div').map(e => [e.querySelector('dt').textContent,
                                         e.querySelector('dd').textContent]),
    headers: q('table.figures thead th').map(e => e.textContent),
    rows: q('table.figures tbody tr').map(tr => Array.from(tr.cells).map(c => c.textContent)),
    values: q('table.figures tbody tr').map(tr => tr.getAttribute('data-value')),
    refs: q('table.figures sup.note-ref a').map(a => {
      const t = document.getElementById(a.getAttribute('href').slice(1));
      return [a.textContent, t ? t.textContent : null,
              !!(t && t.closest('.notes') && t.closest('.notes').previousElementSibling ===
                 a.closest('table'))]; }),
    tableNotes: q('table.figures + .notes p, table.figures + .notes li').map(e => e.textContent),
    charts: q('figure.chart').map(f => ({
      title: (f.querySelector('svg > title') || {}).textContent,
      caption: (f.querySelector('figcaption') || {}).textContent,
      notes: q('figcaption + .notes li', f).map(e => e.textContent),
      unlike: q('rect.unlike[data-period]', f).map(r => [r.getAttribute('data-indicator'),
        getComputedStyle(r).fill === getComputedStyle(f.querySelector(
          'rect.chart-bar[data-period]:not(.unlike)') || r).fill]),
      line: (f.querySelector('path.chart-line') || {getAttribute: () => ''}).getAttribute('d'),
      bars: q('rect[data-period]', f).map(r => ({
        id: r.getAttribute('data-indicator'), period: r.getAttribute('data-period'),
        x: r.getBBox().x, height: r.getBBox().height,
        shown: r.getBoundingClientRect().height > 0 })),
    })),
    narrative: q('main.brief > section.document').flatMap(d => q('h2, h3, h4, h5, h6, p', d))
      .map(e => [e.tagName.toLowerCase() + (e.classList.contains('run-in') ? '.run-in' : ''),
                 e.querySelector('strong') ? [e.querySelector('strong').textContent,
                                              e.textContent] : e.textContent]),
    sources: q('ol.sources li').map(e => [e.querySelector('.marker').textContent,
      e.querySelector('.entry').textContent, (e.querySelector('.cited') || {}).textContent]),
    links: q('a').map(a => a.getAttribute('href')),
    pageRules: css.filter(r => r.type === CSSRule.PAGE_RULE).map(r => r.style.size),
    printRules: css.filter(r => r.type === CSSRule.MEDIA_RULE && /print/.test(r.conditionText))
      .length,
  };
})()"""

PRINT = r"""(() => {
  const b = getComputedStyle(document.querySelector('.brief'));
  return { shadow: b.boxShadow, bg: getComputedStyle(document.documentElement).backgroundColor,
           print: matchMedia('print').matches };
})()"""


def expected_narrative(p):
    """(tag, text) of each heading and paragraph: a heading of outline level n is h(n + 1)
    (the page's h1 is the title), a run-in item a p.run-in with its lead in <strong>."""
    out = []
    for kind, v in ex.narrative(p):
        if kind == "heading":
            out.append((f"h{min(v[0] + 1, 6)}", v[1]))
        elif kind == "run-in":
            out.append(("p.run-in", [v[0], v[0] + v[1]]))
        else:
            out.append(("p", v))
    return out


def check_screenshot(c, name, png):
    img = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = img.size
    colors = img.getcolors(w * h)
    top = max(colors)[0]
    dark = sum(n for n, (r, g, b) in colors if r + g + b < 200)
    red = sum(n for n, (r, g, b) in colors if r > 140 and g < 80 and b < 80)
    c.check(f"{name}: screenshot {w}x{h} is not blank", top < 0.97 * w * h and len(colors) > 16,
            f"{len(colors)} colours, commonest {top}/{w * h}")
    c.check(f"{name}: screenshot shows text", dark > 2000, f"{dark} dark pixels")
    c.check(f"{name}: screenshot shows the red masthead (stylesheet applied)", red > 500,
            f"{red} red pixels")


def check_page(c, b, name, p, path, table="key", charts=True, paper="a4", pdf=False,
               sets=()):
    url = pathlib.Path(path).resolve().as_uri()
    s = b.open_page(url)
    c.equal(f"{name}: console and loads", b.problems(s, url), [])
    raw = open(path, encoding="utf-8").read()
    c.check(f"{name}: doctype", raw.startswith("<!DOCTYPE html>\n"))
    c.check(f"{name}: no <script> in the file", "<script" not in raw.lower())
    d = b.evaluate(s, DOM)
    c.equal(f"{name}: lang", d["lang"], "zh-CN")
    c.equal(f"{name}: no script element, no event handler", (d["scripts"], d["handlers"]), (0, 0))
    c.equal(f"{name}: nothing embedded from elsewhere", d["embedded"], 0)
    c.equal(f"{name}: title", d["title"],
            p["name"]["zh"] + ("\u3000" + p["subtitle"] if "subtitle" in p else ""))
    c.equal(f"{name}: title block h1", d["h1"], [p["name"]["zh"]])
    c.equal(f"{name}: dateline", d["dateline"], ["资料截至" + ex.date_zh(p["as_of"])])
    check_forms(c, name, d, dict(x.split("=", 1) for x in sets))
    want = [["所属", p["parent"]["zh"] + ("（" + p["parent"]["en"] + "）"
                                       if "en" in p["parent"] else "")]] if "parent" in p else []
    c.equal(f"{name}: facts: the parent region first", d["facts"][:len(want)], want)
    for ind, (dt, dd) in zip(ex.fact_indicators(p), d["facts"][len(want):]):
        c.equal(f"{name}: fact {ind['id']}", (dt, dd[:len(ex.figure(ind))]),
                (ind["name"], ex.figure(ind)))
        if ind.get("note"):
            c.check(f"{name}: fact {ind['id']} note", dd.endswith(ind["note"] + "）"), dd)

    want_rows = ex.table_rows(p, table)
    if want_rows:
        c.equal(f"{name}: table header", d["headers"], ex.table_columns(p))
    c.equal(f"{name}: one row per key figure", len(d["rows"]), len(want_rows))
    markers = ex.note_markers(p, table)
    for ind, row, value in zip(want_rows, d["rows"], d["values"]):
        mark = markers.get(ind["id"], "")
        c.equal(f"{name}: row {ind['id']} (its note's marker after the figure)",
                [row[0], row[1], row[3]], [ind["name"], ex.figure(ind) + mark, ind["scope"]])
        c.equal(f"{name}: row {ind['id']} period years", set(ex.years(row[2])),
                set(ex.years(ind["period"])))
        c.equal(f"{name}: row {ind['id']} data-value", value, ex.value_text(ind["value"]))
        if p["sources"]:
            c.equal(f"{name}: row {ind['id']} source", row[4], f"[{ex.source_number(p, ind)}]")
    want_notes = [ex.table_general_note(p)] if want_rows else []
    for ind in want_rows:
        m = markers.get(ind["id"])
        if m and m + ind["note"] not in want_notes:
            want_notes.append(m + ind["note"])
    c.equal(f"{name}: the notes under the table (each key figure's note by its marker)",
            d["tableNotes"], want_notes)
    want_refs = []
    for ind in want_rows:
        if ind["id"] in markers:
            want_refs.append([markers[ind["id"]], markers[ind["id"]] + ind["note"], True])
    c.equal(f"{name}: note references link to their note under the table", d["refs"], want_refs)

    want_charts = [ch for ch in p.get("charts", []) if ex.series_points(p, ch["series"])]
    c.equal(f"{name}: charts", len(d["charts"]), len(want_charts) if charts else 0)
    for i, (ch, got) in enumerate(zip(want_charts, d["charts"] if charts else [])):
        pts = ex.series_points(p, ch["series"])
        c.equal(f"{name}: chart {i + 1} title", got["title"], ch["title"])
        c.equal(f"{name}: chart {i + 1} caption", got["caption"], f"图{i + 1}\u3000{ch['title']}")
        unlike = ex.unlike_periods(sorted(pts, key=lambda x: ex.years(x["period"])))
        c.equal(f"{name}: chart {i + 1} unlike periods drawn apart",
                sorted(got["unlike"]), sorted([x, False] for x in unlike))
        c.equal(f"{name}: chart {i + 1} a note for each unlike period",
                len([n for n in got["notes"] if "不宜直接比较" in n]), len(unlike))
        for x in pts:
            if x.get("note"):
                c.check(f"{name}: chart {i + 1} {x['id']} note under the chart",
                        any(n.endswith(x["note"]) for n in got["notes"]), got["notes"])
        if ch.get("secondary") and unlike:
            # the line is broken around an unlike period: more than one subpath, or fewer
            # joined points than periods with a secondary value
            joins = got["line"].count("L")
            sec = {x["period"] for x in ex.series_points(p, ch["secondary"])}
            c.check(f"{name}: chart {i + 1} the line does not join through unlike periods",
                    joins <= len([x for x in pts if x["period"] in sec and x["id"] not in unlike])
                    - 1, got["line"])
        c.equal(f"{name}: chart {i + 1} one bar per period",
                sorted((x["id"], x["period"]) for x in got["bars"]),
                sorted((x["id"], x["period"]) for x in pts))
        c.check(f"{name}: chart {i + 1} bars drawn", all(x["shown"] for x in got["bars"]))
        # Left to right in time: the first year of each period does not go down.
        order = [ex.years(x["period"])[:1] for x in sorted(got["bars"], key=lambda x: x["x"])]
        c.check(f"{name}: chart {i + 1} bars in period order", order == sorted(order), order)
        # Heights proportional to the values (points in the series' first unit).
        vals = {x["id"]: float(x["value"]) for x in pts if x["unit"] == pts[0]["unit"]}
        bars = [x for x in got["bars"] if x["id"] in vals]
        big = max(bars, key=lambda x: vals[x["id"]])
        for x in bars:
            want = big["height"] * vals[x["id"]] / vals[big["id"]]
            c.check(f"{name}: chart {i + 1} bar {x['id']} height", abs(x["height"] - want) < 0.2,
                    f"{x['height']} vs {want:.2f}")

    narrative = expected_narrative(p)
    for i, (g, w) in enumerate(zip(d["narrative"], narrative)):
        c.equal(f"{name}: narrative block {i}", tuple(g), w)
    c.equal(f"{name}: narrative length", len(d["narrative"]), len(narrative))
    shi = [ex.heading_text(s) for _, s, _ in ex.sections(p) if s.get("marker", "").endswith("是")]
    c.check(f"{name}: no 一是/二是 item is a heading",
            not any(t.startswith("h") and x in shi for t, x in d["narrative"]))
    c.equal(f"{name}: sources", [x[:2] for x in d["sources"]],
            [[f"[{i + 1}]", ex.source_entry(s)] for i, s in enumerate(p["sources"])])
    c.check(f"{name}: cited figures under the sources",
            all(x[2] is None or x[2].startswith("所引数据：") for x in d["sources"]) and
            (any(x[2] for x in d["sources"]) or not want_rows), d["sources"])
    notes = [h for h in d["links"] if h.startswith("#")]
    c.check(f"{name}: links only to sources' URLs and to notes",
            all(any(h == s.get("origin") for s in p["sources"]) for h in d["links"]
                if h not in notes), d["links"])
    c.equal(f"{name}: every source URL is a link",
            sorted(h for h in d["links"] if h not in notes),
            sorted(s["origin"] for s in p["sources"] if ex.is_link(s.get("origin", ""))))
    c.equal(f"{name}: print stylesheet and page size", (d["printRules"] >= 1, d["pageRules"]),
            (True, [paper]))

    check_screenshot(c, name, b.screenshot(s))
    b.send("Emulation.setEmulatedMedia", {"media": "print"}, session=s)
    pr = b.evaluate(s, PRINT)
    c.equal(f"{name}: print media applies the print rules", pr,
            {"shadow": "none", "bg": "rgb(255, 255, 255)", "print": True})
    if pdf:  # slow (seconds): once
        data = b.send("Page.printToPDF", {}, session=s)["data"]
        c.check(f"{name}: prints to PDF", len(data) > 1000 and data.startswith("JVBERi0"))
    b.send("Target.closeTarget", {"targetId": b.send("Target.getTargetInfo", {},
                                                     session=s)["targetInfo"]["targetId"]})


def check_forms(c, name, d, opts):
    """The masthead before the title and the colophon at the end (official, bulletin)."""
    form = opts.get("brief.template", "report")
    if form == "report":
        c.equal(f"{name}: no masthead, no colophon", (d["masthead"], d["colophon"]), ([], []))
        return
    m = d["masthead"][0] if d["masthead"] else {}
    want = opts["brief.issuer"] + "文件" if form == "official" else opts["brief.name"]
    c.equal(f"{name}: masthead {form}", (m.get("cls"), m.get("name")),
            ("masthead " + form, want))
    c.equal(f"{name}: masthead name red, and its rule", (m.get("color"), m.get("rule")),
            ("rgb(192, 0, 0)", "rgb(192, 0, 0)"))
    c.equal(f"{name}: masthead before the title", d["h1Before"][0], want)
    c.equal(f"{name}: colophon last", d["lastBlock"], "colophon " + form)
    if form == "official":
        c.check(f"{name}: 发文字号", opts["brief.number"] in d["h1Before"][1], d["h1Before"])
        c.equal(f"{name}: 抄送 line", d["colophon"][:1], ["抄送：" + opts["brief.cc"] + "。"])
        c.check(f"{name}: 印发 line", d["colophon"][-1].endswith("印发"), d["colophon"])
    else:
        c.equal(f"{name}: 期号", d["h1Before"][1], "第" + opts["brief.issue"] + "期")
        c.check(f"{name}: 编印单位", d["h1Before"][2].startswith(opts["brief.issuer"] + "编"),
                d["h1Before"])
        c.equal(f"{name}: 份数", d["colophon"][-1:], ["（共印" + opts["brief.copies"] + "份）"])


def check_control(c, b, work):
    """A page with a console error, an exception and a missing image: the checks must see
    each, or a clean result above would prove nothing."""
    path = os.path.join(work, "control.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html lang="zh-CN"><body><img src="missing.png">'
                '<script>console.error("control"); no_such_function();</script></body></html>')
    url = pathlib.Path(path).resolve().as_uri()
    s = b.open_page(url)
    got = " | ".join(b.problems(s, url))
    for what in ("console.error: control", "exception", "load failed", "external resource"):
        c.check(f"control page: {what} detected", what in got, got)


OFFICIAL = ("brief.template=official", "brief.issuer=北京市海淀区人民政府",
            "brief.number=海政发〔2020〕12号", "brief.cc=区委办公室")
BULLETIN = ("brief.template=bulletin", "brief.name=海淀区情简报", "brief.issue=3",
            "brief.issuer=海淀区统计局", "brief.copies=50")


def main():
    dossier, src, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    hostile = os.path.join(HERE, "..", "md", "hostile.json")
    c = ex.Checker()
    with cdp.Browser(deadline_s=150) as b:
        check_control(c, b, work)
        for i, prof in enumerate(ex.profiles(src, [hostile])):
            name = os.path.basename(prof)
            a, _ = ex.export(dossier, "html", prof, os.path.join(work, f"a{i}"))
            bb, _ = ex.export(dossier, "html", prof, os.path.join(work, f"b{i}"))
            c.check(f"{name}: two runs byte-identical", filecmp.cmp(a, bb, shallow=False))
            check_page(c, b, name, ex.load_profile(prof), a, pdf=i == 0)
        haidian = os.path.join(src, "data", "haidian.json")
        p = ex.load_profile(haidian)
        for sets, kw in ((("html.table=all", "html.paper=letter"),
                          {"table": "all", "paper": "letter"}),
                         (("html.table=none", "html.charts=false"),
                          {"table": "none", "charts": False}),
                         (OFFICIAL, {}), (BULLETIN, {})):
            out, _ = ex.export(dossier, "html", haidian, os.path.join(work, sets[0]), *sets)
            check_page(c, b, "haidian.json " + " ".join(sets), p, out, sets=sets, **kw)
    c.finish()


if __name__ == "__main__":
    main()
