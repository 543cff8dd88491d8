"""check_ofd.py — the OFD brief read back without the plugin's help:

    check_ofd.py CHECK DOSSIER PROFILE WORKDIR [ARGS…]

schema      every XML part of the package validates with xmllint against the GB/T 33190-2016
            schemas (ARGS: the schema folder; main.xsd includes the others); skipped, with
            the reason, when the folder is absent
structure   -f pdf,ofd: the same number of pages, the same page size (PhysicalBox = the PDF's
            MediaBox), the same text per page as the PDF's content stream (pdftotext -raw),
            every glyph within 0.05 mm of where mupdf finds it in the PDF; DocInfo (DocID of
            32 hex digits, Title, Subject, CreationDate the brief's date, Keywords), a Font
            and an embedded file for every Font a page uses, IDs unique, MaxUnitID the
            largest, an outline entry per heading going to a page of the document
glyphs      every character a TextObject sets renders with ink from the embedded font file
            it names (PIL/FreeType), and not as the font's .notdef
reproducible  two runs give the same bytes; SOURCE_DATE_EPOCH sets the CreationDate
"""
import collections
import hashlib
import os
import re
import shutil
import tempfile

from PIL import Image, ImageDraw, ImageFont

from ofd_common import NS, Package, fail, skip, export, run, squash, pdf_pages_raw, main

MM = 25.4 / 72.0


def fresh(work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)


def check_schema(dossier, profile, work, xsd_dir, *sets):
    main_xsd = os.path.join(xsd_dir, "main.xsd")
    if not os.path.isfile(main_xsd):
        skip("the OFD schemas are not at %s (GB/T 33190-2016 XSD: main.xsd, OFD.xsd, "
             "Document.xsd, Page.xsd, Res.xsd …)" % xsd_dir)
    fresh(work)
    ofd = export(dossier, profile, os.path.join(work, "out"), sets=sets)["ofd"]
    pkg = Package(ofd)
    parts = [n for n in pkg.names if n.endswith(".xml")]
    wanted = {"OFD.xml", pkg.join("Document.xml"), pkg.join("PublicRes.xml")}
    wanted |= {p for _, p in pkg.pages}
    if wanted - set(parts):
        fail("parts missing: %s" % sorted(wanted - set(parts)))
    tmp = os.path.join(work, "parts")
    errors = []
    for name in parts:
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(pkg.zip.read(name))
        rc, _, err = run(["xmllint", "--noout", "--schema", main_xsd, path], check=False)
        if rc != 0:
            errors.append("%s: %s" % (name, err.strip()[-600:]))
    print("%d XML parts validated against %s" % (len(parts), main_xsd))
    if errors:
        fail("%d parts do not validate:\n%s" % (len(errors), "\n".join(errors[:5])))


def mutool_chars(pdf):
    """Per page (0-based), [(char, x pt, y pt from the top)] as mupdf reads the PDF."""
    _, out, _ = run(["mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf])
    pages = []
    for page in re.split(rb"<page ", out)[1:]:
        chars = []
        for m in re.finditer(rb'<char [^>]*?x="([-\d.]+)" y="([-\d.]+)"[^>]*? c="([^"]*)"', page):
            c = m.group(3).decode()
            c = re.sub(r"&#x([0-9a-fA-F]+);", lambda k: chr(int(k.group(1), 16)), c)
            c = c.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') \
                 .replace("&apos;", "'").replace("&amp;", "&")
            chars.append((c, float(m.group(1)), float(m.group(2))))
        pages.append(chars)
    return pages


def check_structure(dossier, profile, work, *sets):
    fresh(work)
    out = export(dossier, profile, os.path.join(work, "out"), "pdf,ofd", sets=sets)
    pkg = Package(out["ofd"])
    pdf_text = pdf_pages_raw(out["pdf"])
    if len(pkg.pages) != len(pdf_text):
        fail("%d OFD pages, %d PDF pages" % (len(pkg.pages), len(pdf_text)))
    # Page geometry.
    _, info, _ = run(["pdfinfo", out["pdf"]])
    w, h = (float(v) for v in re.search(rb"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    box = [float(v) for v in pkg.document.find(
        "ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", NS).text.split()]
    if abs(box[2] - w * MM) > 0.01 or abs(box[3] - h * MM) > 0.01:
        fail("PhysicalBox %s, PDF page %.3f x %.3f mm" % (box, w * MM, h * MM))
    # Text and positions, page by page.
    pdf_chars = mutool_chars(out["pdf"])
    used_fonts = set()
    n = 0
    for i, (pid, path) in enumerate(pkg.pages):
        objs = pkg.text_objects(path)
        used_fonts |= {f for f, _, _ in objs}
        chars = [c for _, _, cs in objs for c in cs]
        ofd_text = squash("".join(c for c, _, _ in chars))
        if ofd_text != squash(pdf_text[i]):
            a, b = ofd_text, squash(pdf_text[i])
            k = next((j for j in range(min(len(a), len(b))) if a[j] != b[j]), min(len(a), len(b)))
            fail("page %d: OFD text differs from the PDF's at character %d: …%s… / …%s…"
                 % (i + 1, k, a[max(0, k - 15):k + 15], b[max(0, k - 15):k + 15]))
        where = collections.defaultdict(list)
        for c, x, y in pdf_chars[i]:
            where[c].append((x * MM, y * MM))
        for c, x, y in chars:
            if c.isspace():
                continue
            n += 1
            if not any(abs(x - px) < 0.05 and abs(y - py) < 0.05 for px, py in where[c]):
                fail("page %d: %r at (%.3f, %.3f) mm is not where the PDF has it"
                     % (i + 1, c, x, y))
    print("%d pages, %d glyphs at the PDF's positions" % (len(pkg.pages), n))
    # DocInfo.
    info = pkg.ofd.find("ofd:DocBody/ofd:DocInfo", NS)
    docid = info.find("ofd:DocID", NS).text
    if not re.fullmatch(r"[0-9a-f]{32}", docid or ""):
        fail("DocID %r is not 32 hex digits" % docid)
    for tag in ("Title", "Subject", "CreationDate", "Creator"):
        if info.find("ofd:" + tag, NS) is None:
            fail("DocInfo has no %s" % tag)
    _, pinfo, _ = run(["pdfinfo", out["pdf"]])
    title = re.search(rb"Title:\s+(.*)", pinfo).group(1).decode().strip()
    if info.find("ofd:Title", NS).text != title:
        fail("Title %r, the PDF's %r" % (info.find("ofd:Title", NS).text, title))
    if not info.findall("ofd:Keywords/ofd:Keyword", NS):
        fail("no Keywords")
    # Fonts, IDs.
    for f in used_fonts:
        if f not in pkg.fonts or pkg.fonts[f][1] not in pkg.names:
            fail("Font %d is used but not in PublicRes with an embedded file" % f)
    ids = []
    for name in pkg.names:
        if name.endswith(".xml"):
            ids += [int(e.get("ID")) for e in pkg.xml(name).iter() if e.get("ID")]
    if len(ids) != len(set(ids)):
        fail("IDs are not unique")
    maxid = int(pkg.document.find("ofd:CommonData/ofd:MaxUnitID", NS).text)
    if maxid != max(ids):
        fail("MaxUnitID %d, largest ID %d" % (maxid, max(ids)))
    # Outline.
    page_ids = {pid for pid, _ in pkg.pages}
    elems = list(pkg.document.iter("{%s}OutlineElem" % NS["ofd"]))
    if not elems:
        fail("no outline")
    for e in elems:
        dest = e.find("ofd:Actions/ofd:Action/ofd:Goto/ofd:Dest", NS)
        if dest is None or int(dest.get("PageID")) not in page_ids:
            fail("outline entry %r goes nowhere" % e.get("Title"))
    titles = {squash(e.get("Title")) for e in elems}
    alltext = squash("".join(pdf_text))
    missing = [t for t in titles if t not in alltext]
    if missing:
        fail("outline titles not in the text: %s" % missing[:5])
    print("%d outline entries, %d fonts" % (len(elems), len(pkg.fonts)))


def render(font, c):
    img = Image.new("L", (96, 96), 255)
    ImageDraw.Draw(img).text((16, 8), c, font=font, fill=0)
    return img


def check_glyphs(dossier, profile, work, *sets):
    fresh(work)
    pkg = Package(export(dossier, profile, os.path.join(work, "out"), sets=sets)["ofd"])
    per_font = collections.defaultdict(set)
    for _, path in pkg.pages:
        for f, _, chars in pkg.text_objects(path):
            per_font[f] |= {c for c, _, _ in chars if not c.isspace()}
    blank = []
    total = 0
    for fid, chars in sorted(per_font.items()):
        name, file = pkg.fonts[fid]
        path = os.path.join(work, "font_%d.ttf" % fid)
        with open(path, "wb") as out:
            out.write(pkg.zip.read(file))
        font = ImageFont.truetype(path, 48)
        notdef = render(font, "\U000F0000").tobytes()  # private use: no font here has it
        for c in sorted(chars):
            total += 1
            img = render(font, c)
            lo, _ = img.getextrema()
            if lo > 128 or img.tobytes() == notdef:
                blank.append("%s U+%04X in %s" % (c, ord(c), name))
    # Characters beyond U+FFFF in the profile's text (CJK Extension B …) must be among them:
    # the subset's cmap maps them (format 12) and FreeType draws them.
    beyond = {c for c in open(profile, encoding="utf-8").read() if ord(c) > 0xFFFF}
    drawn = set().union(*per_font.values()) if per_font else set()
    if beyond - drawn:
        fail("characters beyond U+FFFF not set in any TextCode: %s" % "".join(sorted(beyond - drawn)))
    if beyond:
        print("characters beyond U+FFFF checked: %s" % "".join(sorted(beyond)))
    print("%d characters in %d embedded fonts render with ink" % (total, len(per_font)))
    if total < 50:
        fail("only %d characters checked" % total)
    if blank:
        fail("%d characters render blank or as .notdef: %s" % (len(blank), ", ".join(blank[:20])))


def check_reproducible(dossier, profile, work):
    fresh(work)
    a = export(dossier, profile, os.path.join(work, "a"))["ofd"]
    b = export(dossier, profile, os.path.join(work, "b"),
               env=dict(os.environ, TZ="Asia/Shanghai"))["ofd"]
    da, db = (hashlib.sha256(open(p, "rb").read()).hexdigest() for p in (a, b))
    if da != db:
        fail("two runs differ: %s / %s" % (da, db))
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    c = Package(export(dossier, profile, os.path.join(work, "c"), env=env)["ofd"])
    date = c.ofd.find("ofd:DocBody/ofd:DocInfo/ofd:CreationDate", NS).text
    if date != "2023-11-14":
        fail("with SOURCE_DATE_EPOCH=1700000000 the CreationDate is %s" % date)
    for zi in c.zip.infolist():
        if zi.date_time[:3] != (2023, 11, 14):
            fail("entry %s dated %s" % (zi.filename, zi.date_time))
    print("byte-identical runs (sha256 %s)" % da[:16])


if __name__ == "__main__":
    main({"schema": check_schema, "structure": check_structure, "glyphs": check_glyphs,
          "reproducible": check_reproducible})
