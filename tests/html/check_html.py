"""check_html.py — the HTML brief loaded in headless Chromium (DevTools protocol over a pipe,
cdp.py): no console error, warning, exception or failed load, and no load of anything but
the page (self-contained); lang="zh-CN"; the key-figures table's figures in the DOM as the
profile states them; one SVG chart per profile chart with one bar per series point, bar
heights proportional to the values; every narrative heading and paragraph as its exact text;
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
    headers: q('table.figures thead th').map(e => e.textContent),
    rows: q('table.figures tbody tr').map(tr => Array.from(tr.cells).map(c => c.textContent)),
    charts: q('figure.chart').map(f => ({
      title: (f.querySelector('svg > title') || {}).textContent,
      caption: (f.querySelector('figcaption') || {}).textContent,
      bars: q('rect[data-period]', f).map(r => ({
        id: r.getAttribute('data-indicator'), period: r.getAttribute('data-period'),
        x: r.getBBox().x, height: r.getBBox().height,
        shown: r.getBoundingClientRect().height > 0 })),
    })),
    narrative: q('article.document > *').map(e => [e.tagName.toLowerCase(), e.textContent]),
    sources: q('ol.sources li').map(e => e.textContent),
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
    out = []
    for doc in p["documents"]:
        out.append(("h1", doc["title"]))
        out += [("p", x) for x in doc.get("paragraphs", [])]
        for d, s, level in ex.sections(p):
            if d is not doc:
                continue
            paras = s.get("paragraphs", [])
            if level >= 3:
                out.append(("p", ex.run_in_lead(s) + (paras[0] if paras else "")))
                paras = paras[1:]
            else:
                out.append((f"h{level + 1}", ex.heading_text(s)))
            out += [("p", x) for x in paras]
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


def check_page(c, b, name, p, path, table="key", charts=True, paper="a4", pdf=False):
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
            p["name"]["zh"] + (" — " + p["subtitle"] if "subtitle" in p else ""))
    c.equal(f"{name}: masthead h1", d["h1"], [p["name"]["zh"]])

    want_rows = {"key": ex.key_figures(p), "all": p["indicators"], "none": []}[table]
    if want_rows:
        c.equal(f"{name}: table header", d["headers"], ["指标", "数值", "时期", "范围"])
    c.equal(f"{name}: one row per key figure", len(d["rows"]), len(want_rows))
    for ind, row in zip(want_rows, d["rows"]):
        c.equal(f"{name}: row {ind['id']}", [row[0], row[1], row[3]],
                [ind["name"], ex.figure(ind), ind["scope"]])
        c.equal(f"{name}: row {ind['id']} period years", set(ex.years(row[2])),
                set(ex.years(ind["period"])))

    want_charts = [ch for ch in p.get("charts", []) if ex.series_points(p, ch["series"])]
    c.equal(f"{name}: charts", len(d["charts"]), len(want_charts) if charts else 0)
    for i, (ch, got) in enumerate(zip(want_charts, d["charts"] if charts else [])):
        pts = ex.series_points(p, ch["series"])
        c.equal(f"{name}: chart {i + 1} title", got["title"], ch["title"])
        c.equal(f"{name}: chart {i + 1} caption", got["caption"], f"图{i + 1}\u3000{ch['title']}")
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
    c.equal(f"{name}: sources", d["sources"],
            ["，".join(x for x in (s["title"], s.get("publisher"), s.get("date"),
                                  s.get("origin")) if x) for s in p["sources"]])
    c.check(f"{name}: links only to sources' URLs",
            all(any(h == s.get("origin") for s in p["sources"]) for h in d["links"]),
            d["links"])
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
                          {"table": "none", "charts": False})):
            out, _ = ex.export(dossier, "html", haidian, os.path.join(work, sets[0]), *sets)
            check_page(c, b, "haidian.json " + " ".join(sets), p, out, **kw)
    c.finish()


if __name__ == "__main__":
    main()
