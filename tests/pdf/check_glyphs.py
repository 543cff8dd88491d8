"""check_glyphs.py — glyph coverage by rendering:

    check_glyphs.py coverage DOSSIER PROFILE WORKDIR
    check_glyphs.py rare DOSSIER PROFILE WORKDIR

`rare`: the profile with rare symbols (ⅰⅱⅲⅳ Ⅻ ※ ℃ № ‰ ㎡ § ¥ ←→ 〇 ㈠ 丨) added to a paragraph,
to every heading and to the document's title (so they are set in the Song, Hei and Kai
roles): each is set from a face whose glyph for it has an outline, renders with ink on the
glyph sheet, and copies out of the brief's text layer as itself.

The plugin prints its glyph sheet (`[pdf] glyph_sheet = true`): every character the brief
sets, in every face that sets it, one per cell, through the brief's own font pipeline
(fontconfig, hb-subset, libharu). Each page is rendered with pdftoppm; every cell (its box
from pdftotext -bbox) must leave ink. The sheet must hold every character of the profile's
narrative and of the brief's extracted text, so an empty sheet cannot pass.
"""
import glob
import json
import os
import shutil

from PIL import Image

from pdf_common import fail, export, load_profile, paragraphs, headings, squash, pdftotext, \
    words, run, main, fold, body_text

DPI = 100


def check_coverage(dossier, profile, work, *sets):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    p = load_profile(profile)
    sheet = export(dossier, profile, os.path.join(work, "sheet"),
                   ["pdf.glyph_sheet=true"] + list(sets))[1]
    brief = export(dossier, profile, os.path.join(work, "brief"), sets)[1]

    cells = words(sheet)
    on_sheet = {w[4] for ws in cells for w in ws}
    if any(len(t) != 1 for t in on_sheet):
        fail("cells that are not one character: %s" % sorted(t for t in on_sheet if len(t) != 1))
    wanted = set(squash(pdftotext(brief)))
    for t in paragraphs(p) + [h for _, h in headings(p)] + [p["name"]["zh"]]:
        wanted |= set(squash(t))
    # A half-width mark next to Chinese characters is set full-width ([pdf] punctuation):
    # either form on the sheet sets it.
    full = dict(zip(",;:!?()", "，；：！？（）"))
    missing = {c for c in wanted - on_sheet
               if not (c in full and full[c] in on_sheet) and not (c == '"' and "“" in on_sheet)}
    if missing:
        fail("characters of the brief not on the glyph sheet: %s" % "".join(sorted(missing)))

    run(["pdftoppm", "-r", str(DPI), "-gray", "-png", sheet, os.path.join(work, "page")])
    images = sorted(glob.glob(os.path.join(work, "page-*.png")))
    if len(images) != len(cells):
        fail("%d rendered pages for %d pages of cells" % (len(images), len(cells)))
    k = DPI / 72.0
    blank = []
    n = 0
    for pg, (img, ws) in enumerate(zip(images, cells), 1):
        im = Image.open(img).convert("L")
        for x0, y0, x1, y1, t in ws:
            box = (int(x0 * k) - 1, int(y0 * k) - 1, int(x1 * k) + 2, int(y1 * k) + 2)
            lo, _ = im.crop(box).getextrema()
            n += 1
            if lo > 160:
                blank.append("%s (U+%04X, page %d)" % (t, ord(t), pg))
    print("%d cells on %d pages, %d distinct characters" % (n, len(images), len(on_sheet)))
    if blank:
        fail("%d glyphs render blank: %s" % (len(blank), ", ".join(blank)))


RARE = "ⅰⅱⅲⅳⅫ※℃№‰㎡§¥←→〇㈠丨"


def check_rare(dossier, profile, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(profile, encoding="utf-8") as f:
        p = json.load(f)
    doc = p["documents"][0]
    para = "罕见符号" + RARE + "均应可见。"
    doc.setdefault("paragraphs", []).append(para)
    doc["title"] += RARE

    def walk(sections):
        for s in sections or []:
            s["title"] += RARE
            walk(s.get("sections"))
    walk(doc.get("sections"))
    src = os.path.join(work, "rare.json")
    with open(src, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False)
    check_coverage(dossier, src, os.path.join(work, "coverage"))
    brief = export(dossier, src, os.path.join(work, "text"))[1]
    if squash(para) not in squash(pdftotext(brief)):
        fail("the paragraph of rare symbols does not copy out as written: %s" % para)


def outline_titles(pdf):
    """The outline's titles as qpdf decodes them (its text strings, any encoding)."""
    import json as _json
    data = _json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf])[1])

    def walk(items):
        for it in items:
            yield it["title"]
            yield from walk(it.get("kids", []))
    return list(walk(data["outlines"]))


def check_supplementary(dossier, profile, work, fonts):
    """Characters beyond U+FFFF (CJK Extension B and later, in the profile's name, title,
    a heading and a paragraph): refused with a message naming the character and the setting
    that helps while no configured font has them; with `fallback_fonts` naming fonts that do,
    set from them, rendering with ink on the glyph sheet, and copying out as themselves from
    the text layer, the document information and the outline."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    p = load_profile(profile)
    wanted = sorted({c for t in paragraphs(p) + [p["name"]["zh"]] for c in t if ord(c) > 0xFFFF})
    if len(wanted) < 3:
        fail("the profile has %d characters beyond U+FFFF, expected at least 3" % len(wanted))
    out = os.path.join(work, "refused")
    rc, _, err = export(dossier, profile, out, check=False)
    if rc == 0 or "U+%04X" % ord(p["name"]["zh"][0]) not in err or "fallback_fonts" not in err:
        fail("without fallback_fonts: exit %d, message:\n%s" % (rc, err))
    if os.path.isdir(out) and os.listdir(out):
        fail("without fallback_fonts: output left behind")
    sets = ["pdf.fallback_fonts=" + fonts]
    check_coverage(dossier, profile, os.path.join(work, "coverage"), *sets)
    pdf = export(dossier, profile, os.path.join(work, "brief"), sets)[1]
    text = fold(body_text(pdf))
    n = 0
    for para in paragraphs(p):
        for i, c in enumerate(para):
            if ord(c) > 0xFFFF:
                n += 1
                if fold(para[max(0, i - 3):i + 3]) not in text:
                    fail("%s does not copy out of the text layer: %s" % (c, para[i - 3:i + 3]))
    if n < 3:
        fail("only %d characters beyond U+FFFF in the paragraphs" % n)
    title = run(["pdfinfo", pdf])[1]
    if p["name"]["zh"] not in title:
        fail("the document information's title lacks %s:\n%s" % (p["name"]["zh"], title))
    titles = outline_titles(pdf)
    if not any(p["name"]["zh"] in t for t in titles):
        fail("no outline title holds %s: %s" % (p["name"]["zh"], titles[:5]))
    fonts_out = run(["pdffonts", pdf])[1]
    print("characters beyond U+FFFF: %s; fonts:\n%s" % ("".join(wanted), fonts_out))


if __name__ == "__main__":
    main({"coverage": check_coverage, "rare": check_rare, "supplementary": check_supplementary})
