"""check_pdf.py — the PDF brief checked with real readers. One check per CTest test:

    check_pdf.py CHECK DOSSIER PROFILE WORKDIR [ARG...]

ARG: SECTION.KEY=VALUE settings for bbox, table and layout; the KB limit for size; `long` or
`latin` for stress.

Expected texts come from the profile JSON; positions are checked against the official
style's text block (GB/T 9704-2012: A4, 156 x 225 mm, top 37 mm, binding margin 28 mm).
"""
import os
import re
import shutil
import subprocess

from pdf_common import (OFFICIAL, MM, MARKER, fail, export, load_profile, paragraphs, fold,
                        headings, heading_lines, key_figures, figure, strip_marker,
                        table_columns, squash, n_pages, pdfinfo, words, lines, run,
                        is_page_number_band, body_text, pdftotext, main)

TOL = 1.0  # points a glyph box may overhang the text block


def fresh(work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    return work


def brief(dossier, profile, work, sets=()):
    return export(dossier, profile, os.path.join(fresh(work), "out"), sets)[1]


def check_qpdf(dossier, profile, work):
    pdf = brief(dossier, profile, work)
    rc, out, err = run(["qpdf", "--check", pdf], check=False)
    if rc != 0 or "No syntax or stream encoding errors" not in out:
        fail("qpdf --check (%d):\n%s%s" % (rc, out, err))


def check_fonts(dossier, profile, work):
    pdf = brief(dossier, profile, work)
    out = run(["pdffonts", pdf])[1].splitlines()
    rows = out[2:]
    if len(rows) < 3:
        fail("expected the body, Hei and Kai faces, pdffonts lists:\n" + "\n".join(out))
    for r in rows:
        cols = r.split()
        # name type... encoding emb sub uni id gen: emb/sub/uni are the 5th-3rd from the end
        emb, sub, uni = cols[-5], cols[-4], cols[-3]
        if emb != "yes" or sub != "yes" or uni != "yes":
            fail("font not embedded+subset+unicode: " + r)
        if not re.match(r"^[A-Z]{6}\+", cols[0]):
            fail("font name without a subset tag: " + r)
    names = " ".join(r.split()[0] for r in rows)
    for family in ("UMing", "UKai", "ZenHei"):
        if family not in names:
            fail("no %s face among the fonts: %s" % (family, names))
    # Every font's ToUnicode map is valid: poppler reads it without a syntax warning (libharu
    # 2.3.0's own map uses `begincidrange`, which poppler rejects), and extracts the text.
    rc, out, err = run(["pdftotext", pdf, "-"], check=False)
    if rc != 0 or "Syntax" in err or "Invalid" in err:
        fail("pdftotext complains (%d): %s" % (rc, err[:400]))


def sfnt_tables(data):
    """{tag: (offset, length)} of a TrueType file's table directory."""
    import struct
    n = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        out[tag.decode("latin-1")] = (off, length)
    return out


def check_font_files(dossier, profile, work):
    """Each embedded font file is a real subset (few glyphs, small) and well formed: the tables
    a reader needs to draw and measure its glyphs, each inside the file."""
    import json
    import struct
    pdf = brief(dossier, profile, work)
    objs = json.loads(run(["qpdf", "--json", "--json-key=qpdf", pdf])[1])["qpdf"][1]
    files = [v["value"]["/FontFile2"] for v in objs.values()
             if isinstance(v.get("value"), dict) and "/FontFile2" in v["value"]]
    if len(files) < 3:
        fail("%d embedded TrueType files, expected one per face (3)" % len(files))
    distinct = len(set(squash(body_text(pdf))))
    for ref in files:
        num = ref.split()[0]
        out = os.path.join(work, "font-%s.ttf" % num)
        data = subprocess.run(["qpdf", "--show-object=" + num, "--filtered-stream-data", pdf],
                              stdout=subprocess.PIPE, check=True).stdout
        with open(out, "wb") as f:
            f.write(data)
        tables = sfnt_tables(data)
        for tag in ("cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"):
            if tag not in tables:
                fail("font %s: no %s table" % (num, tag))
        for tag, (off, length) in tables.items():
            if off + length > len(data):
                fail("font %s: table %s runs past the end of the file" % (num, tag))
        moff = tables["maxp"][0]
        glyphs = struct.unpack(">H", data[moff + 4:moff + 6])[0]
        if glyphs > distinct + 50 or len(data) > 1024 * 1024:
            fail("font %s: %d glyphs, %d bytes for %d distinct characters: not a subset"
                 % (num, glyphs, len(data), distinct))
        print("font %s: %d glyphs, %d bytes" % (num, glyphs, len(data)))


def check_text(dossier, profile, work, *sets):
    """Every paragraph and every key figure as the source states it. With settings (another
    paper), the official style's bottom margin (35 mm on any paper) bounds the text."""
    p = load_profile(profile)
    pdf = brief(dossier, profile, work, sets)
    m = re.match(r"[\d.]+ x ([\d.]+)", pdfinfo(pdf).get("Page size", ""))
    page_h = float(m.group(1)) if m else 297 * MM
    text = fold(body_text(pdf, page_h - 35 * MM + 2))
    band = page_h - 35 * MM + 2
    pages = [fold(" ".join(w[4] for w in ws if w[1] < band)) for ws in words(pdf)]
    for i, para in enumerate(paragraphs(p)):
        if not text_has_paragraph(pages, fold(para)):
            fail("paragraph %d not in the extracted text: %.60s…" % (i, para))
    for _, h in headings(p):
        if fold(h) not in text:
            fail("heading %s not in the extracted text" % h)
    for doc in p.get("documents", []):
        if fold(doc["title"]) not in text:
            fail("document title %s missing" % doc["title"])
    # The table: each key figure as the source states it (value literal with its precision,
    # qualifier and unit: "7926.0亿元"), on a table row with its name.
    pages = words(pdf)
    for ind in key_figures(p):
        if not figure_row(pages, ind):
            fail("key figure %s (%s %s) has no table row with its name and figure"
                 % (ind["id"], ind["name"], figure(ind)))
    # The sources section names every source.
    for s in p.get("sources", []):
        if fold(s["title"]) not in text:
            fail("source %s not listed" % s["title"])


def cy(w):
    return (w[1] + w[3]) / 2


def figure_row(pages, ind):
    """(page, figure word) of the table row of an indicator: a word that is its figure (a note
    marker may follow in the same word) with the name's cell to its left, which may wrap over
    a few lines around it; None when there is none."""
    want = figure(ind)
    for pg, ws in enumerate(pages):
        for w in ws:
            if strip_marker(w[4]) != want:
                continue
            cell = sorted((u for u in ws if u[2] <= w[0] and abs(cy(u) - cy(w)) < 60),
                          key=lambda u: (u[1], u[0]))
            if squash(ind["name"]) in squash("".join(u[4] for u in cell)):
                return pg, w
    return None


def check_table(dossier, profile, work, *sets):
    """The figures table: the brief's columns (指标 数值 时期 范围, and 来源 when the profile
    has sources: no unit column, the unit stays with its figure), no caption, figures
    right-aligned in their column, and the header row on every page the table reaches (the
    official brief of data/haidian.json crosses a page)."""
    p = load_profile(profile)
    pdf = brief(dossier, profile, work, sets)
    pages = words(pdf)
    header = table_columns(p)
    seen = 0
    for ind in key_figures(p):
        row = figure_row(pages, ind)
        if not row:
            fail("key figure %s (%s) not found on a table row" % (ind["id"], figure(ind)))
        pg, w = row
        heads = [u for u in pages[pg] if u[4] in header and u[1] < w[1]]
        if {u[4] for u in heads} != set(header):
            fail("page %d holds table rows but no header row %s (found %s)"
                 % (pg + 1, header, sorted({u[4] for u in heads})))
        seen += 1
    if "单位" in {w[4] for ws in pages for w in ws}:
        fail("a 单位 column: the unit belongs to the figure")
    text = squash(body_text(pdf))
    if re.search(r"表\d+", text):
        fail("a table caption (表N), but the brief sets none")
    # Right-aligned: the figures of the table end at one x (per page), before their markers.
    rights = {}
    for ind in key_figures(p):
        pg, w = figure_row(pages, ind)
        if w[4] == figure(ind):  # a marker in the same word would move the edge
            rights.setdefault(pg, []).append(w[2])
    for pg, rs in rights.items():
        if max(rs) - min(rs) > 0.5:
            fail("page %d: figures not right-aligned (right edges %.1f to %.1f)"
                 % (pg + 1, min(rs), max(rs)))


def check_notes(dossier, profile, work):
    """Every key figure's note is printed under the table after its marker (①…), and that
    marker follows the figure in the table, on its row, right after it."""
    p = load_profile(profile)
    pdf = brief(dossier, profile, work)
    text = squash(pdftotext(pdf))
    pages = words(pdf)
    noted = [ind for ind in key_figures(p) if ind.get("note")]
    if not noted:
        print("no key figure has a note")
    for ind in noted:
        m = re.search("(" + MARKER + ")" + re.escape(squash(ind["note"])), text)
        if not m:
            fail("note of %s not printed after a marker: %s" % (ind["id"], ind["note"]))
        marker = m.group(1)
        row = figure_row(pages, ind)
        if not row:
            fail("key figure %s (%s) not found on a table row" % (ind["id"], figure(ind)))
        pg, w = row
        if w[4] == figure(ind) + marker:
            continue
        after = [u for u in pages[pg] if u[4].startswith(marker) and 0 <= u[0] - w[2] < 4
                 and u[1] < w[3] and u[3] > w[1]]
        if not after:
            fail("figure %s of %s is not followed by its note's marker %s"
                 % (figure(ind), ind["id"], marker))


def date_zh(iso):
    y, m, d = (int(x) for x in iso[:10].split("-"))
    return "%d年%d月%d日" % (y, m, d)


MASTHEADS = {
    "official": {"template": "official", "issuer": "北京市海淀区人民政府",
                 "number": "海政发〔2020〕12号", "cc": "区委办公室"},
    # Only the 版头 and the title, and a 抄送 line of about ten lines: the 版记 does not fit
    # under the title (the 版头 alone takes some 250 pt) and takes a page of its own, at the
    # foot.
    "official_long": {"template": "official", "issuer": "北京市海淀区人民政府",
                      "number": "海政发〔2020〕12号", "parts": "masthead,title,colophon",
                      "cc": "，".join(["区委各部门", "区人大常委会办公室", "区政协办公室",
                                       "区法院", "区检察院", "各街道办事处", "各镇政府"] * 6)},
    "bulletin": {"template": "bulletin", "name": "海淀区情简报", "issue": "3",
                 "issuer": "海淀区统计局", "report_to": "区委、区政府领导", "copies": "50",
                 "classification": "内部资料　注意保存"},
}


def merged(ls):
    """Lines with pieces on one baseline joined (pdftotext splits a line at a wide space)."""
    out = []
    for l in ls:
        if out and out[-1][0] == l[0] and abs(out[-1][2] - l[2]) < 1 and l[1] >= out[-1][3]:
            o = out[-1]
            out[-1] = (o[0], o[1], min(o[2], l[2]), l[3], max(o[4], l[4]), o[5] + " " + l[5])
        else:
            out.append(l)
    return out


def find_line(ls, page, want):
    """The first line of `page` whose text (without spaces) is `want`, or starts with it."""
    for l in merged(ls):
        if l[0] == page and squash(l[5]).startswith(squash(want)):
            return l
    return None


def red_pixels(pdf, work, below_y):
    """Red pixels of page 1 (rendered at 60 dpi) above y (points from the top)."""
    from PIL import Image
    run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", pdf, os.path.join(work, "p1")])
    png = [f for f in os.listdir(work) if f.startswith("p1") and f.endswith(".png")][0]
    im = Image.open(os.path.join(work, png)).convert("RGB")
    k = 60 / 72.0
    n = 0
    for y in range(min(im.height, int(below_y * k))):
        for x in range(im.width):
            r, g, b = im.getpixel((x, y))
            n += r > 150 and g < 90 and b < 90
    return n


def check_masthead(dossier, profile, work, form):
    """版头/报头 on page 1 above the title, red, where GB/T 9704 (official) or the common
    bulletin form puts it; 版记/报尾 at the foot of the last page."""
    p = load_profile(profile)
    cfg = MASTHEADS[form]
    pdf = brief(dossier, profile, work, ["brief.%s=%s" % kv for kv in cfg.items()])
    st = OFFICIAL
    left, right = st["left"], st["left"] + st["width"]
    top, bottom = st["top"], st["top"] + st["height"]
    mid = (left + right) / 2
    ls = [l for l in lines(pdf) if not is_page_number_band(l[2])]
    official = cfg["template"] == "official"
    name = cfg["issuer"] + "文件" if official else cfg["name"]
    head = find_line(ls, 0, name)
    title = next((l for l in ls if l[0] == 0 and squash(l[5]) == p["name"]["zh"]), None)
    if not head:
        fail("%s: no line %s on page 1" % (form, name))
    if not title:
        fail("%s: no title line %s on page 1" % (form, p["name"]["zh"]))
    if head[4] > title[2]:
        fail("%s: %s (y %.1f) is not above the title (y %.1f)" % (form, name, head[2], title[2]))
    if abs((head[1] + head[3]) / 2 - mid) > 3:
        fail("%s: %s is not centred (%.1f-%.1f)" % (form, name, head[1], head[3]))
    if head[4] - head[2] < 22:
        fail("%s: %s is %.1f pt high, not large" % (form, name, head[4] - head[2]))
    red = red_pixels(pdf, work, title[2])
    print("%s: %d red pixels above the title" % (form, red))
    if red < 300:
        fail("%s: only %d red pixels above the title: the masthead is not red" % (form, red))

    def under(want, above, centred=False):
        l = find_line(ls, 0, want)
        if not l or not (above[4] <= l[2] and l[4] <= title[2]):
            fail("%s: %s not between %s and the title" % (form, want, above[5]))
        if centred and abs((l[1] + l[3]) / 2 - mid) > 3:
            fail("%s: %s is not centred" % (form, want))
        return l

    if official:
        # GB/T 9704 7.2.4: the top of the 发文机关标志 35 mm under the text block's top.
        if not (top + 35 * MM - 8 <= head[2] <= top + 35 * MM + 4):
            fail("official: %s starts at y %.1f, expected about %.1f (35 mm under the text "
                 "block)" % (name, head[2], top + 35 * MM))
        under(cfg["number"], head, centred=True)
    else:
        cls = find_line(ls, 0, cfg["classification"])
        if not cls or abs(cls[1] - left) > 2 or cls[2] > head[2] or cls[2] > top + 30:
            fail("bulletin: the classification is not at the top left: %s" % (cls,))
        issue = under("第%s期" % cfg["issue"], head, centred=True)
        by = [w for w in words(pdf)[0] if issue[4] <= w[1] < title[2]]
        issuer = [w for w in by if squash(w[4]).startswith(cfg["issuer"])]
        date = [w for w in by if squash(w[4]) == date_zh(p["as_of"])]
        if not issuer or abs(issuer[0][0] - left) > 2:
            fail("bulletin: the issuer %s is not at the left under the issue" % cfg["issuer"])
        if not date or abs(date[0][2] - right) > 2:
            fail("bulletin: the date %s is not at the right under the issue"
                 % date_zh(p["as_of"]))

    # The colophon: its lines on the last page, the last one just above the text block's
    # bottom edge, at the left and right (one character in, GB/T 9704 7.4.3).
    last = n_pages(pdf) - 1
    if official:
        first, l_text, r_text = "抄送：" + cfg["cc"], cfg["issuer"], date_zh(p["as_of"]) + "印发"
    else:
        first, l_text, r_text = "报：" + cfg["report_to"], None, "（共印%s份）" % cfg["copies"]
    row = find_line(ls, last, first[:12])  # a long line wraps
    if not row:
        fail("%s: no colophon line %s on the last page" % (form, first))
    foot = [w for w in words(pdf)[last] if w[1] > row[4] - 1 and not is_page_number_band(w[1])]
    r = [w for w in foot if squash(w[4]) == r_text]
    if not r or abs(r[0][2] - (right - 16)) > 3:
        fail("%s: %s not at the right of the last line: %s" % (form, r_text, r))
    if not (bottom - 30 <= r[0][3] <= bottom + 1):
        fail("%s: the colophon's last line ends at y %.1f, not on the text block's bottom "
             "(%.1f)" % (form, r[0][3], bottom))
    if l_text:
        lw = [w for w in foot if squash(w[4]) == l_text]
        if not lw or abs(lw[0][0] - (left + 16)) > 3 or abs(cy(lw[0]) - cy(r[0])) > 2:
            fail("%s: %s not at the left of the last line" % (form, l_text))
    if row[4] > r[0][1]:
        fail("%s: %s is not above the colophon's last line" % (form, first))
    # Nothing else on that page reaches into the colophon.
    body = [l for l in ls if l[0] == last and l[4] <= row[2] + 0.5]
    for l in ls:
        if l[0] == last and l not in body and l[2] < row[2] - 0.5:
            fail("%s: %s overlaps the colophon" % (form, l[5]))
    print("%s: colophon from y %.1f on page %d of %d, %d line(s) of text above it"
          % (form, row[2], last + 1, last + 1, len(body)))
    if row[2] < top - 1:
        fail("%s: the colophon starts above the text block (y %.1f)" % (form, row[2]))
    if "parts" in cfg and (last != 1 or body):
        fail("%s: the colophon should have page 2 to itself (it is on page %d under %d lines)"
             % (form, last + 1, len(body)))


def check_bbox(dossier, profile, work, *sets):
    """No word outside the text block; page numbers only in their band."""
    pdf = brief(dossier, profile, work, sets)
    st = OFFICIAL
    x0, x1 = st["left"] - TOL, st["left"] + st["width"] + TOL
    y0, y1 = st["top"] - TOL, st["top"] + st["height"] + TOL
    for pg, ws in enumerate(words(pdf), 1):
        for w in ws:
            if is_page_number_band(w[1]) and re.fullmatch(r"—|\d+", w[4]):
                continue
            if w[0] < x0 or w[2] > x1 or w[1] < y0 or w[3] > y1:
                fail("page %d: word %r at (%.1f, %.1f)-(%.1f, %.1f) outside the text block "
                     "(%.1f, %.1f)-(%.1f, %.1f)" % (pg, w[4], w[0], w[1], w[2], w[3],
                                                   x0, y0, x1, y1))


def check_page_numbers(dossier, profile, work):
    """"— N —" in 14 pt, 7 mm under the text block, on the outer side, in sequence."""
    pdf = brief(dossier, profile, work)
    st = OFFICIAL
    pages = words(pdf)
    if len(pages) != n_pages(pdf) or len(pages) < 2:
        fail("%d pages of words for %d pages" % (len(pages), n_pages(pdf)))
    block_bottom = st["top"] + st["height"]
    one_char = st["page_number_size"]
    for n, ws in enumerate(pages, 1):
        band = sorted((w for w in ws if w[1] > block_bottom), key=lambda w: w[0])
        got = " ".join(w[4] for w in band)
        if got != "— %d —" % n:
            fail("page %d: under the text block %r, expected '— %d —'" % (n, got, n))
        top = min(w[1] for w in band)
        height = max(w[3] for w in band) - top
        if not (st["page_number_gap"] - 3 <= top - block_bottom <= st["page_number_gap"] + 3):
            fail("page %d: number %.1f pt under the block, expected about %.1f (7 mm)"
                 % (n, top - block_bottom, st["page_number_gap"]))
        if not (12 <= height <= 17):
            fail("page %d: number %.1f pt high, expected a 14 pt face" % (n, height))
        left, right = band[0][0], band[-1][2]
        if n % 2 == 1:
            edge = st["left"] + st["width"] - one_char
            if abs(right - edge) > 2:
                fail("page %d (odd): number ends at %.1f, expected %.1f (right, one character "
                     "in)" % (n, right, edge))
        else:
            edge = st["left"] + one_char
            if abs(left - edge) > 2:
                fail("page %d (even): number starts at %.1f, expected %.1f (left, one "
                     "character in)" % (n, left, edge))


def find_split(flat, owner, ls, t, pos):
    """Where paragraph t stands in flat from pos: [(start, end)], or two spans when a figure
    floated to the top of the next page stands between its halves (the first half ends a
    page, the second is on the next page); None when it is not there."""
    i = flat.find(t, pos)
    if i >= 0:
        return [(i, i + len(t))]
    i = flat.find(t[:12], pos)
    while i >= 0:
        m = 0
        while m < len(t) and i + m < len(flat) and flat[i + m] == t[m]:
            m += 1
        if 12 <= m < len(t):
            j = flat.find(t[m:], i + m)
            if j >= 0 and ls[owner[j]][0] == ls[owner[i + m - 1]][0] + 1:
                return [(i, i + m), (j, j + len(t) - m)]
        i = flat.find(t[:12], i + 1)
    return None


def text_has_paragraph(pages, t):
    """Paragraph t in the pages' text, whole or split around a figure floated to the top of
    the next page (the first half ends page k, the second is on page k + 1)."""
    if t in "".join(pages):
        return True
    for k in range(len(pages) - 1):
        page = pages[k]
        for cut in range(12, len(t)):
            if page.endswith(t[:cut]):
                return t[cut:] in "".join(pages[k + 1:])
    return False


def check_layout(dossier, profile, work, *sets):
    """A4, body lines of 28 characters on a 22-line grid, line breaking rules, keeps."""
    p = load_profile(profile)
    pdf = brief(dossier, profile, work, sets)
    info = pdfinfo(pdf)
    m = re.match(r"([\d.]+) x ([\d.]+)", info.get("Page size", ""))
    if not m or abs(float(m.group(1)) - 210 * MM) > 1 or abs(float(m.group(2)) - 297 * MM) > 1:
        fail("page size %s, expected A4" % info.get("Page size"))
    st = OFFICIAL
    ls = [l for l in lines(pdf) if not is_page_number_band(l[2])]
    # Body lines: those of the paragraphs. Find each paragraph's lines in reading order.
    flat = ""
    owner = []  # owner[i]: index into ls of flat[i]
    for k, l in enumerate(ls):
        t = fold(l[5])
        flat += t
        owner += [k] * len(t)
    pos = 0
    full_lines = []
    pitch = []
    para_spans = []
    for para in paragraphs(p):
        t = fold(para)
        parts = find_split(flat, owner, ls, t, pos)
        if not parts:
            fail("paragraph not found in reading order: %.40s…" % para)
        for (i, j) in parts:  # one span, or two around a figure floated to a page top
            a, b = owner[i], owner[j - 1]
            para_spans.append((a, b, para))
            pos = j
            last = b if (i, j) == parts[-1] else b + 1  # a part cut at a page end is full
            for k in range(a, last):  # every line but the paragraph's last is justified
                full_lines.append(ls[k])
            for k in range(a, b):
                if ls[k][0] == ls[k + 1][0]:
                    pitch.append(ls[k + 1][2] - ls[k][2])
    # Justified: full lines span the text block; 28 characters when all are CJK.
    for l in full_lines:
        if abs(l[1] - st["left"]) > 2 * 16 + 4 + TOL and abs(l[1] - st["left"]) > TOL:
            fail("page %d: line starts at %.1f: %s" % (l[0] + 1, l[1], l[5]))
        # A line followed by a token that does not fit (a number with its unit) is spread
        # only within the limits (docs/pdf.md, check_spacing.py) and may stay short of the
        # measure, by less than such a token: at most 5 em.
        short = st["left"] + st["width"] - l[3]
        if short > 5 * 16 or short < -2.5:
            fail("page %d: full line not justified (ends at %.1f, block ends at %.1f): %s"
                 % (l[0] + 1, l[3], st["left"] + st["width"], l[5]))
    # Ragged last lines: a short last line is not spread to the measure.
    for a, b, para in para_spans:
        last = ls[b]
        if b > a and len(squash(last[5])) < 20 and last[3] > st["left"] + st["width"] - 2:
            fail("page %d: the short last line of a paragraph is justified: %s"
                 % (last[0] + 1, last[5]))
    cjk = [l for l in full_lines if re.fullmatch(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+",
                                                 squash(l[5]))]
    if cjk:
        counts = sorted(len(squash(l[5])) for l in cjk)
        if counts[len(counts) // 2] != 28:
            fail("full CJK lines hold a median of %d characters, expected 28 (with the indent "
                 "26)" % counts[len(counts) // 2])
    if pitch:
        pitch.sort()
        med = pitch[len(pitch) // 2]
        if abs(med - st["height"] / 22) > 0.5:
            fail("line pitch %.2f pt, expected %.2f (22 lines in 225 mm)"
                 % (med, st["height"] / 22))
    # Kinsoku: no closing punctuation at a line start, no opening one at a line end, no
    # number split across lines.
    closing = set("，。、；：？！）」』》〉】”’…%,.;:?!)")
    opening = set("（「『《〈【“‘(")
    for a, b, para in para_spans:
        for k in range(a, b + 1):
            t = squash(ls[k][5])
            if k > a and t[0] in closing:
                fail("page %d: line starts with %s: %s" % (ls[k][0] + 1, t[0], t))
            if k < b and t[-1] in opening:
                fail("page %d: line ends with %s: %s" % (ls[k][0] + 1, t[-1], t))
            if k < b and re.search(r"\d[.]?$", t) and re.match(r"[\d.]", squash(ls[k + 1][5])):
                fail("page %d: a number is split across lines: %s | %s"
                     % (ls[k][0] + 1, t, ls[k + 1][5]))
    # Keeps: a paragraph's first two and last two lines share a page.
    for a, b, para in para_spans:
        if b > a and (ls[a][0] != ls[a + 1][0] or ls[b][0] != ls[b - 1][0]):
            fail("a single line of a paragraph is alone on a page: %.40s…" % para)
    # A heading is never the last line of a page.
    heads = {squash(h) for _, h in headings(p)}
    for k, l in enumerate(ls):
        if squash(l[5]) in heads and (k + 1 == len(ls) or ls[k + 1][0] != l[0]):
            fail("page %d: heading %s ends the page" % (l[0] + 1, l[5]))


def check_reproducible(dossier, profile, work):
    fresh(work)
    a = export(dossier, profile, os.path.join(work, "a"), env={"TMPDIR": fresh(work + "/t1")})[1]
    b = export(dossier, profile, os.path.join(work, "b"), env={"TMPDIR": fresh(work + "/t2")})[1]
    with open(a, "rb") as fa, open(b, "rb") as fb:
        if fa.read() != fb.read():
            fail("two runs give different bytes: %s %s" % (a, b))
    # Creation date: the profile's as-of date, or SOURCE_DATE_EPOCH.
    p = load_profile(profile)
    info = pdfinfo(a)
    if not info.get("CreationDate", "").startswith(p["as_of"][:10]):
        fail("CreationDate %s, expected the as-of date %s" % (info.get("CreationDate"),
                                                              p["as_of"]))
    c = export(dossier, profile, os.path.join(work, "c"),
               env={"SOURCE_DATE_EPOCH": "1700000000"})[1]
    if not pdfinfo(c).get("CreationDate", "").startswith("2023-11-14T22:13:20"):
        fail("SOURCE_DATE_EPOCH=1700000000 gives CreationDate %s"
             % pdfinfo(c).get("CreationDate"))
    title = info.get("Title", "")
    if p["name"]["zh"] not in title:
        fail("Title %r does not name the district" % title)
    if not re.fullmatch(r"dossier \S+", info.get("Creator", "")):
        fail("Creator %r, expected 'dossier <version>'" % info.get("Creator"))
    for k in ("Subject", "Keywords"):
        if not info.get(k):
            fail("no %s in the document information" % k)
    d = export(dossier, profile, os.path.join(work, "d"), sets=["pdf.author=区政府办公室"])[1]
    if pdfinfo(d).get("Author") != "区政府办公室":
        fail("[pdf] author not in the document information")


def check_size(dossier, profile, work, limit_kb):
    pdf = brief(dossier, profile, work)
    size = os.path.getsize(pdf)
    print("%s: %d bytes (limit %s KB)" % (os.path.basename(pdf), size, limit_kb))
    if size > int(limit_kb) * 1024:
        fail("%d bytes, more than %s KB" % (size, limit_kb))


def outline_items(pdf):
    """(depth, title) of every outline entry, through qpdf's JSON."""
    import json
    data = json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf])[1])

    def walk(items, depth):
        for it in items:
            yield depth, it["title"]
            yield from walk(it.get("kids", []), depth + 1)
    return list(walk(data["outlines"], 0))


def check_outline(dossier, profile, work):
    p = load_profile(profile)
    pdf = brief(dossier, profile, work)
    # Titles compared mark for mark whatever the punctuation's width ([pdf] punctuation).
    items = [(dpt, fold(t)) for dpt, t in outline_items(pdf)]
    titles = [t for _, t in items]
    top = [t for dpt, t in items if dpt == 0]
    for doc in p.get("documents", []):
        if fold(doc["title"]) not in top:
            fail("document %s is not a top entry of the outline %s" % (doc["title"], top))
    for _, h in headings(p, 1):
        if fold(h) not in titles:
            fail("level-1 heading %s not in the outline" % h)
    # Every heading set as a line of its own (run-in items such as 一是… open their paragraph
    # and are not outline entries).
    for _, h in heading_lines(p):
        if fold(h) not in titles:
            fail("heading %s not in the outline" % h)
    # Level-1 headings nest one level under their document.
    depth = {t: dpt for dpt, t in items}
    for _, h in headings(p, 1):
        if depth[fold(h)] != 1:
            fail("level-1 heading %s at outline depth %d" % (h, depth[h]))
    trailer = run(["qpdf", "--show-object=trailer", pdf])[1]
    root = re.search(r"/Root (\d+) 0 R", trailer).group(1)
    cat = run(["qpdf", "--show-object=%s" % root, pdf])[1]
    if "/UseOutlines" not in cat or "/OpenAction" not in cat:
        fail("the catalog does not open with the outline shown: " + cat)


def check_compact(dossier, profile, work):
    p = load_profile(profile)
    off = brief(dossier, profile, work + "/official")
    pdf = brief(dossier, profile, work + "/compact", ["pdf.style=compact"])
    rc, out, err = run(["qpdf", "--check", pdf], check=False)
    if rc != 0:
        fail("qpdf --check on the compact brief: " + out + err)
    a, b = n_pages(off), n_pages(pdf)
    if b * 2 > a:
        fail("compact brief has %d pages, the official one %d" % (b, a))
    text = fold(body_text(pdf, (15 + 263) * MM + 2))
    for para in paragraphs(p):
        if fold(para) not in text:
            fail("compact: paragraph missing: %.40s…" % para)
    # The compact text block: 180 x 263 mm, 15 mm from the top and the binding edge; page
    # numbers centred under it.
    x0, y0, x1, y1 = 15 * MM - TOL, 15 * MM - TOL, 195 * MM + TOL, 278 * MM + TOL
    for pg, ws in enumerate(words(pdf), 1):
        for w in ws:
            if w[1] > y1 and re.fullmatch(r"—|\d+", w[4]) and w[3] < 297 * MM:
                continue
            if w[0] < x0 or w[1] < y0 or w[2] > x1 or w[3] > y1:
                fail("compact page %d: word %r outside the text block" % (pg, w[4]))


def refused(dossier, profile, out, setting, says):
    """Exporting with `setting` fails as a configuration error (exit 7) with a message saying
    each of `says`, writing nothing."""
    rc, _, err = export(dossier, profile, out, [setting], check=False)
    if rc != 7:
        fail("%s: exit status %d, not 7 (a configuration value is invalid)" % (setting, rc))
    for w in says:
        if w not in err:
            fail("%s: the message does not say %r:\n%s" % (setting, w, err))
    left = os.listdir(out) if os.path.isdir(out) else []
    if left:
        fail("%s: output left behind: %s" % (setting, left))


def check_compression(dossier, profile, work):
    """[pdf] compression_level: the default is level 4; every level gives a document qpdf
    finds sound, with the same text and the same bytes run after run; a higher level gives a
    smaller file; levels outside 1-12 are refused as configuration errors."""
    fresh(work)

    def at(level, tag):
        sets = ["pdf.compression_level=%d" % level] if level else []
        path = export(dossier, profile, os.path.join(work, tag), sets)[1]
        with open(path, "rb") as f:
            return path, f.read()

    default = at(0, "default")[1]
    files = {level: at(level, "l%d" % level) for level in (1, 4, 12)}
    if files[4][1] != default:
        fail("the default is not compression_level = 4")
    if at(12, "l12-again")[1] != files[12][1]:
        fail("compression_level = 12: two runs give different bytes")
    sizes = {level: len(data) for level, (_, data) in files.items()}
    print("sizes by level: %s" % sizes)
    if not sizes[1] > sizes[4] > sizes[12]:
        fail("sizes do not fall as the level rises: %s" % sizes)
    text = pdftotext(files[4][0])
    for level, (path, _) in files.items():
        rc, out, err = run(["qpdf", "--check", path], check=False)
        if rc != 0 or "No syntax or stream encoding errors" not in out:
            fail("compression_level = %d: qpdf --check (%d):\n%s%s" % (level, rc, out, err))
        if pdftotext(path) != text:
            fail("compression_level = %d: another text than at 4" % level)
    out = os.path.join(work, "refused")
    for bad in ("0", "13", "fast"):
        refused(dossier, profile, out, "pdf.compression_level=" + bad, ["compression_level"])


def check_missing_font(dossier, profile, work):
    out = os.path.join(fresh(work), "out")
    for setting, names in (
            ("pdf.body_font=WenQuanYi Micro Hei Nonexistent", ["WenQuanYi Micro Hei Nonexistent",
                                                               "fonts-wqy-microhei"]),
            ("pdf.heading2_font=AR PL UKai XX", ["AR PL UKai XX", "fonts-arphic-ukai"]),
            ("pdf.title_font=No Such Family", ["No Such Family", "title_font"]),
            ("pdf.body_font_file=/nonexistent/font.ttf", ["/nonexistent/font.ttf"])):
        refused(dossier, profile, out, setting, names)


def check_fallback_fonts(dossier, profile, work):
    """[pdf] fallback_fonts: files by path and FILE:INDEX are embedded when they set a
    character; a bad list is an error naming fallback_fonts and what is wrong, and nothing is
    written. Five entries are refused as too many even when the first ones cannot be found."""
    ttc = "/usr/share/fonts/truetype/arphic/uming.ttc"
    hana_b = "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"
    pdf = brief(dossier, profile, work, ["pdf.fallback_fonts=%s:1; %s" % (ttc, hana_b)])
    names = [r.split()[0] for r in run(["pdffonts", pdf])[1].splitlines()[2:]]
    if not any(n.endswith("+HanaMinB") for n in names):
        fail("fallback_fonts by file: HanaMinB not embedded: %s" % names)
    out = os.path.join(fresh(work), "out")
    for value, says in (
            ("No Such Family", ["No Such Family", "fallback_fonts"]),
            ("/nonexistent/font.ttf", ["/nonexistent/font.ttf", "fallback_fonts"]),
            (ttc + ":9", [ttc, "index 9", "fallback_fonts"]),
            ("a; b; c; d; e", ["fallback_fonts", "5 fonts given", "at most 4"]),
            ("HanaMinA; HanaMinB; %s:1; %s:2; %s:3" % (ttc, ttc, ttc),
             ["fallback_fonts", "5 fonts given", "at most 4"])):
        refused(dossier, profile, out, "pdf.fallback_fonts=" + value, says)


def check_font_file(dossier, profile, work):
    """A font given by file and face index instead of a family: the body set in AR PL UKai
    (found here with fc-match) leaves no UMing in the PDF and shares the Kai face."""
    rc, spec, _ = run(["fc-match", "-f", "%{file}\n%{index}", "AR PL UKai CN"])
    path, index = spec.split("\n")[:2]
    if "ukai" not in path.lower():
        fail("fc-match does not find AR PL UKai CN: %s" % spec)
    pdf = brief(dossier, profile, work, ["pdf.body_font_file=" + path,
                                         "pdf.body_font_index=" + index])
    names = [r.split()[0] for r in run(["pdffonts", pdf])[1].splitlines()[2:]]
    if any("UMing" in n for n in names) or not any("UKai" in n for n in names):
        fail("body_font_file=%s: fonts %s" % (path, names))
    if len(names) != 2:
        fail("body and level-2 headings should share one embedded Kai face: %s" % names)


def check_missing_glyph(dossier, profile, work):
    """A character no font has: an error naming it and where; with warn, a visible box."""
    import json
    p = json.load(open(profile, encoding="utf-8"))
    p["documents"][0]["sections"][0]["paragraphs"][0] += "楔形文字\U00012000。"
    src = os.path.join(fresh(work), "glyph.json")
    with open(src, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False)
    out = os.path.join(work, "out")
    rc, _, err = export(dossier, src, out, check=False)
    if rc == 0 or "U+12000" not in err or "paragraphs[0]" not in err:
        fail("missing glyph: exit %d, message:\n%s" % (rc, err))
    if os.path.isdir(out) and os.listdir(out):
        fail("missing glyph: output left behind")
    rc, pdf, err = export(dossier, src, out, ["pdf.missing_glyph=warn"], check=False,
                          quiet=False)
    if rc != 0 or "U+12000" not in err:
        fail("missing_glyph = warn: exit %d, message:\n%s" % (rc, err))
    if "楔形文字\u25a1" not in squash(body_text(pdf)):
        fail("missing_glyph = warn: no white square printed for the missing character")


def stress_profile(profile, work, para):
    import json
    p = json.load(open(profile, encoding="utf-8"))
    p["documents"][0]["sections"][0]["paragraphs"].insert(0, para)
    src = os.path.join(work, "stress.json")
    with open(src, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False)
    return src


def check_stress(dossier, profile, work, kind):
    """A 20,000-character paragraph, or a 200-character unbreakable Latin token, typesets
    inside the text block with nothing lost."""
    p = load_profile(profile)
    fresh(work)
    if kind == "long":
        seed = squash("".join(paragraphs(p)))
        para = (seed * (20000 // len(seed) + 1))[:20000]
    else:
        token = "".join("abcdefghijklmnopqrstuvwxyz0123456789"[(i * 7) % 36] for i in range(200))
        para = "长串测试：" + token + "，其后正文继续。"
    src = stress_profile(profile, work, para)
    pdf = export(dossier, src, os.path.join(work, "out"))[1]
    if fold(para) not in fold(body_text(pdf)):
        fail("%s: the paragraph is not all there" % kind)
    check_bbox_pdf(pdf)


def check_bbox_pdf(pdf):
    st = OFFICIAL
    for pg, ws in enumerate(words(pdf), 1):
        for w in ws:
            if is_page_number_band(w[1]):
                continue
            if (w[0] < st["left"] - TOL or w[2] > st["left"] + st["width"] + TOL
                    or w[1] < st["top"] - TOL or w[3] > st["top"] + st["height"] + TOL):
                fail("page %d: %r outside the text block" % (pg, w[4][:40]))


def check_font_cache(dossier, profile, work):
    """The disk cache of font lookups (plugins/layout/lay_fontdisk.c): the first export keeps
    the files fontconfig's own fc-match names for the configured families; the next one
    answers from it and writes the same bytes; an entry pointing at another family's file, a
    stale stamp or a file others may write is not used; no cache with FONTCONFIG_FILE set."""
    import stat as st_
    fresh(work)
    cache_home = os.path.join(work, "cache")
    env = {"XDG_CACHE_HOME": cache_home, "DOSSIER_FONT_CACHE": ""}
    for k in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"):
        os.environ.pop(k, None)
    cache = os.path.join(cache_home, "dossier", "fonts-1")

    def export_v(tag, extra_env=None):
        out = os.path.join(work, tag)
        e = dict(env, **(extra_env or {}))
        rc, _, err = run([dossier, "export", "-v", "-f", "pdf", "-o", out, profile], env=e,
                         check=False)
        if rc != 0:
            fail("%s: exit %d\n%s" % (tag, rc, err))
        pid = load_profile(profile)["id"]
        return open(os.path.join(out, pid + ".pdf"), "rb").read(), err

    first, err = export_v("first")
    if "answered by the cache" in err:
        fail("the first export claims cache answers:\n%s" % err)
    if not os.path.isfile(cache):
        fail("no cache file %s after the first export" % cache)
    lines = open(cache, encoding="utf-8").read().splitlines()
    entries = {l.split("\t")[0]: l.split("\t")[1] for l in lines[1:]}
    for family in ("AR PL UMing CN", "WenQuanYi Zen Hei", "AR PL UKai CN"):
        want = run(["fc-match", "-f", "%{file}", family])[1]
        if entries.get(family) != want:
            fail("cache entry for %s is %s, fc-match says %s" % (family, entries.get(family), want))
    if st_.S_IMODE(os.stat(cache).st_mode) & 0o022:
        fail("the cache file is writable by others")
    again, err = export_v("again")
    if "4 lookups answered by the cache" not in err or again != first:
        fail("second export: not from the cache or other bytes:\n%s" % err)
    # An entry naming another family's file (size and time right) is not believed.
    ukai = entries["AR PL UKai CN"]
    fst = os.stat(ukai)
    bad = [lines[0]] + [("AR PL UMing CN\t%s\t0 %d %d" % (ukai, fst.st_size, fst.st_mtime_ns))
                        if l.startswith("AR PL UMing CN\t") else l for l in lines[1:]]
    with open(cache, "w", encoding="utf-8") as f:
        f.write("\n".join(bad) + "\n")
    wrong, err = export_v("wrong-entry")
    if wrong != first or "3 lookups answered by the cache" not in err:
        fail("an entry with another family's file was used, or nothing else was:\n%s" % err)
    # A stamp that is not fontconfig's present state: nothing answered, the cache rewritten.
    lines = open(cache, encoding="utf-8").read().splitlines()
    with open(cache, "w", encoding="utf-8") as f:
        f.write("\n".join(["dossier-fonts 1 1"] + lines[1:]) + "\n")
    stale, err = export_v("stale")
    if stale != first or "answered by the cache" in err:
        fail("a stale cache was used:\n%s" % err)
    if open(cache, encoding="utf-8").readline().strip() != lines[0]:
        fail("the stale cache was not rewritten with the present stamp")
    # Writable by others: ignored.
    os.chmod(cache, 0o666)
    _, err = export_v("foreign")
    if "answered by the cache" in err:
        fail("a cache file others may write was used:\n%s" % err)
    # Another fontconfig configuration: no cache at all.
    shutil.rmtree(cache_home)
    conf = os.path.join(work, "fonts.conf")
    with open(conf, "w") as f:
        f.write('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                '<fontconfig><include ignore_missing="no">/etc/fonts/fonts.conf</include>'
                '</fontconfig>\n')
    other, err = export_v("fontconfig-file", {"FONTCONFIG_FILE": conf})
    if os.path.exists(cache) or other != first:
        fail("with FONTCONFIG_FILE a cache was written, or other bytes")


if __name__ == "__main__":
    main({
        "qpdf": check_qpdf,
        "fonts": check_fonts,
        "font_files": check_font_files,
        "text": check_text,
        "bbox": check_bbox,
        "table": check_table,
        "notes": check_notes,
        "masthead": check_masthead,
        "page_numbers": check_page_numbers,
        "layout": check_layout,
        "reproducible": check_reproducible,
        "size": check_size,
        "outline": check_outline,
        "compact": check_compact,
        "missing_font": check_missing_font,
        "compression": check_compression,
        "missing_glyph": check_missing_glyph,
        "font_file": check_font_file,
        "fallback_fonts": check_fallback_fonts,
        "font_cache": check_font_cache,
        "stress": check_stress,
    })
