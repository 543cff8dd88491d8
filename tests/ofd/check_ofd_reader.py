"""check_ofd_reader.py — the OFD opened in an independent reader, ofd.js 0.2.6 (npm), in
headless Chromium:

    check_ofd_reader.py setup NPM_DIR
    check_ofd_reader.py reader DOSSIER PROFILE WORKDIR NPM_DIR [SET…]

setup   installs ofd.js 0.2.6 from the npm registry into NPM_DIR (a cache under the build
        tree; nothing is installed when it is there already). Its UMD build
        (lib/ofd.umd.js) bundles its dependencies and runs in the browser as it is.
        (Later versions refuse files without a licence key.)
reader  exports -f pdf,ofd; a page loads ofd.umd.js, hands it the OFD's bytes
        (parseOfdDocument) and renders every page (renderOfd, SVG text per glyph). Then:
        the reader finds as many pages as the PDF has; the text of each page (the glyphs
        in drawing order) equals the PDF's text of that page (pdftotext -raw, content-stream
        order, whitespace aside); and every glyph is where the PDF has it (mupdf), to 0.2 mm.
        Errors in the page's console fail the test.
"""
import base64
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "html"))
from cdp import Browser  # noqa: E402

from ofd_common import NS, Package, fail, export, run, squash, pdf_pages_raw, main  # noqa: E402
from check_ofd import mutool_chars, MM  # noqa: E402

VERSION = "0.2.6"


def lib_path(npm_dir):
    return os.path.join(npm_dir, "node_modules", "ofd.js", "lib", "ofd.umd.js")


def installed(npm_dir):
    try:
        with open(os.path.join(npm_dir, "node_modules", "ofd.js", "package.json")) as f:
            return json.load(f)["version"] == VERSION and os.path.isfile(lib_path(npm_dir))
    except (OSError, ValueError, KeyError):
        return False


def check_setup(npm_dir):
    if installed(npm_dir):
        print("ofd.js %s already in %s" % (VERSION, npm_dir))
        return
    if not shutil.which("npm"):
        fail("npm is not installed (scripts/install-deps.sh installs it)")
    os.makedirs(npm_dir, exist_ok=True)
    run(["npm", "install", "--prefix", npm_dir, "--no-audit", "--no-fund", "--ignore-scripts",
         "--loglevel=error", "ofd.js@" + VERSION])
    if not installed(npm_dir):
        fail("npm did not install ofd.js %s into %s" % (VERSION, npm_dir))
    print("installed ofd.js %s into %s" % (VERSION, npm_dir))


LOAD = """(function(){
  const bin = atob(window.OFD_B64); const u = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
  window.RESULT = null;
  ofd.parseOfdDocument({ofd: u.buffer,
    success(res) {
      try {
        const divs = ofd.renderOfd(%d, res[0]);
        for (const d of divs) document.body.appendChild(d);
        window.RESULT = {pages: divs.length};
      } catch (e) { window.RESULT = {error: String(e)}; }
    },
    fail(e) { window.RESULT = {error: String(e)}; }});
  return 0; })()"""

EXTRACT = """(function(){
  const pages = [];
  for (const div of document.body.children) {
    const r = div.getBoundingClientRect(); const chars = [];
    for (const t of div.querySelectorAll('text')) {
      const s = t.ownerSVGElement.getBoundingClientRect();
      chars.push([t.textContent, s.left - r.left + parseFloat(t.getAttribute('x')),
                  s.top - r.top + parseFloat(t.getAttribute('y'))]);
    }
    pages.push({w: r.width, chars: chars});
  }
  return pages; })()"""


def join_surrogates(chars):
    """ofd.js splits its strings into UTF-16 units: a character beyond U+FFFF comes as two
    <text> elements holding its two halves. They are one character, at the first's place (the
    OFD gives such a character a TextCode of its own, so nothing after it moves)."""
    out = []
    for c, x, y in chars:
        if out and "\udc00" <= c <= "\udfff" and "\ud800" <= out[-1][0][-1:] <= "\udbff":
            whole = (out[-1][0] + c).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            out[-1] = (whole, out[-1][1], out[-1][2])
        else:
            out.append((c, x, y))
    return out


def check_reader(dossier, profile, work, npm_dir, *sets):
    if not installed(npm_dir):
        fail("ofd.js %s is not in %s (the ofd_reader_setup test installs it)" % (VERSION, npm_dir))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = export(dossier, profile, os.path.join(work, "out"), "pdf,ofd", sets=sets)
    page_w = float(Package(out["ofd"]).document.find(
        "ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", NS).text.split()[2])
    lib = os.path.join(work, "ofd.umd.js")
    shutil.copy(lib_path(npm_dir), lib)
    html = os.path.join(work, "reader.html")
    with open(html, "w", encoding="utf-8") as f:
        f.write('<!doctype html><meta charset="utf-8"><title>ofd.js</title>'
                '<script src="ofd.umd.js"></script><body style="margin:0"></body>\n')
    url = "file://" + html
    with Browser(deadline_s=240, width=1000, height=1400) as b:
        s = b.open_page(url)
        if b.evaluate(s, "typeof ofd") != "object":
            fail("ofd.js did not load: %s" % b.problems(s, url))
        b.evaluate(s, "window.OFD_B64 = %s; 0" %
                   json.dumps(base64.b64encode(open(out["ofd"], "rb").read()).decode()))
        b.evaluate(s, LOAD % 1000)
        result = None
        for _ in range(600):
            result = b.evaluate(s, "window.RESULT")
            if result:
                break
            b.drain(0.1)
        if not result or "error" in result:
            fail("ofd.js cannot read the OFD: %s" % (result or "no answer"))
        pages = b.evaluate(s, EXTRACT)
        with open(os.path.join(work, "page1.png"), "wb") as f:
            f.write(b.screenshot(s))
        problems = [p for p in b.problems(s, url) if "ofd.umd.js" not in p]
    if problems:
        fail("the reader reported: %s" % "; ".join(problems[:5]))
    pdf_text = pdf_pages_raw(out["pdf"])
    if len(pages) != len(pdf_text):
        fail("ofd.js shows %d pages, the PDF has %d" % (len(pages), len(pdf_text)))
    pdf_chars = mutool_chars(out["pdf"])
    n = 0
    for pg in pages:
        pg["chars"] = join_surrogates(pg["chars"])
    for i, pg in enumerate(pages):
        text = squash("".join(c for c, _, _ in pg["chars"]))
        want = squash(pdf_text[i])
        if text != want:
            k = next((j for j in range(min(len(text), len(want))) if text[j] != want[j]),
                     min(len(text), len(want)))
            fail("page %d: ofd.js reads …%s… where the PDF has …%s… (character %d)"
                 % (i + 1, text[max(0, k - 15):k + 15], want[max(0, k - 15):k + 15], k))
        scale = pg["w"] / page_w  # px per mm
        pdf = [(c, x * MM, y * MM) for c, x, y in pdf_chars[i]]
        for c, x, y in pg["chars"]:
            if c.isspace():
                continue
            n += 1
            x, y = x / scale, y / scale
            if not any(pc == c and abs(px - x) < 0.2 and abs(py - y) < 0.2 for pc, px, py in pdf):
                fail("page %d: ofd.js puts %r at (%.2f, %.2f) mm, not where the PDF has it"
                     % (i + 1, c, x, y))
    print("ofd.js %s: %d pages, %d glyphs, text and positions as in the PDF"
          % (VERSION, len(pages), n))


if __name__ == "__main__":
    main({"setup": check_setup, "reader": check_reader})
