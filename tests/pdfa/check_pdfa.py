#!/usr/bin/python3
"""check_pdfa.py — [pdf] conformance = pdfa-1b, checked with an independent validator:

- Apache PDFBox Preflight (Debian's libpdfbox2-java, DESIGN.md §4a) reports every file valid
  PDF/A-1b: the three fixture profiles, the report, bulletin and official forms, the compact
  style, and document information with XML-special characters (author, keywords);
- the XMP metadata is an uncompressed stream that parses as XML and restates the document
  information (title, author, subject, keywords, creator, producer, dates as pdfinfo reads
  them), with pdfaid part 1, conformance B;
- fonts: every font embedded and subset, each descriptor with CapHeight and a CIDSet, /W no
  longer than PDF/A-1 allows and naming only code points the page text uses;
- an sRGB output intent; a trailer /ID; version 1.4; qpdf --check passes;
- byte-reproducible (two runs, and the /ID changes with the content), and the pages are the
  plain PDF's: pdftotext gives the same text and pdftoppm the same pixels;
- the plain PDF (conformance = none) carries no PDF/A marks.

Usage: check_pdfa.py DOSSIER_BIN SOURCE_DIR WORK_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib

dossier, src, work = sys.argv[1:4]
JAVA = "/usr/share/java"
CLASSPATH = ":".join(f"{JAVA}/{j}.jar" for j in (
    "preflight", "pdfbox2", "fontbox2", "xmpbox", "javax.activation", "jaxb-api",
    "commons-logging"))
passed = failed = 0


def ok(msg):
    global passed
    passed += 1
    print("ok  ", msg)


def bad(msg):
    global failed
    failed += 1
    print("FAIL", msg)


def check(cond, msg):
    (ok if cond else bad)(msg)
    return cond


for jar in CLASSPATH.split(":"):
    if not os.path.exists(jar):
        bad(f"{jar} missing: scripts/install-deps.sh --test installs Preflight")
        sys.exit(1)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
env = dict(os.environ)
env.pop("SOURCE_DATE_EPOCH", None)
env.pop("DOSSIER_CONFIG", None)


def export(name, profile, *sets, pdfa=True, extra_env=None):
    out = os.path.join(work, name)
    args = [dossier, "export", "-q", "-f", "pdf", "-o", out]
    if pdfa:
        args += ["--set", "pdf.conformance=pdfa-1b"]
    for s in sets:
        args += ["--set", s]
    r = subprocess.run(args + [profile], capture_output=True, text=True,
                       env=dict(env, **(extra_env or {})))
    pdf = os.path.join(out, os.path.basename(profile).replace(".json", ".pdf"))
    if not check(r.returncode == 0 and os.path.exists(pdf), f"{name}: export exit 0 {r.stderr}"):
        return None
    return pdf


def preflight(pdf, name):
    r = subprocess.run(["java", "-cp", CLASSPATH, "org.apache.pdfbox.preflight.Validator_A1b",
                        pdf], capture_output=True, text=True)
    valid = r.returncode == 0 and "is a valid PDF/A-1b file" in r.stdout
    check(valid, f"{name}: Preflight says valid PDF/A-1b"
          + ("" if valid else ":\n" + (r.stdout + r.stderr)[:3000]))


def objects(data):
    """{object number: (dictionary text, stream bytes or None)} of an uncompressed-xref PDF."""
    objs = {}
    for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S):
        body = m.group(2)
        s = re.search(rb"stream\r?\n(.*)\r?\nendstream", body, re.S)
        head = body[:s.start()] if s else body
        stream = s.group(1) if s else None
        if stream is not None and b"/FlateDecode" in head:
            stream = zlib.decompress(stream)
        objs[int(m.group(1))] = (head.decode("latin-1"), stream)
    return objs


def pdfinfo(pdf):
    r = subprocess.run(["pdfinfo", "-isodates", pdf], capture_output=True, text=True)
    return dict(re.findall(r"^(\w+):\s*(.*)$", r.stdout, re.M))


W = os.path.join
haidian = W(src, "data", "haidian.json")
qingxi = W(src, "tests", "data", "good", "qingxi.json")
edge = W(src, "tests", "data", "good", "edge.json")
cases = [
    ("report", haidian, []),
    ("official", haidian, ["brief.template=official", "brief.issuer=北京市海淀区人民政府",
                           "brief.number=海政发〔2020〕12号", "brief.cc=区委办公室"]),
    ("bulletin", haidian, ["brief.template=bulletin", "brief.name=海淀区情简报", "brief.issue=3",
                           "brief.issuer=海淀区统计局", "brief.copies=50"]),
    ("qingxi-compact", qingxi, ["pdf.style=compact"]),
    ("edge-escaped", edge, ["pdf.author=Li & Wang <统计>", 'pdf.keywords=a&b "c" <d>']),
]
made = {}
for name, profile, sets in cases:
    pdf = export(name, profile, *sets)
    if pdf:
        made[name] = pdf
        preflight(pdf, name)

# Structure, on the report.
pdf = made.get("report")
if pdf:
    qdf = W(work, "report.qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    data = open(qdf, "rb").read()
    objs = objects(data)
    check(open(pdf, "rb").read(8) == b"%PDF-1.4", "version 1.4")
    check(subprocess.run(["qpdf", "--check", pdf], capture_output=True).returncode == 0,
          "qpdf --check")
    check(re.search(rb"trailer\s*<<.*?/ID\s*\[\s*<[0-9a-f]{32}>\s*<[0-9a-f]{32}>\s*\]", data,
                    re.S | re.I) is not None, "a trailer /ID of two 16-byte strings")
    intents = [h for h, _ in objs.values() if "/OutputIntent" in h]
    check(len(intents) == 1 and "/GTS_PDFA1" in intents[0]
          and "sRGB IEC61966-2.1" in intents[0], "one sRGB GTS_PDFA1 output intent")
    icc = [st for h, st in objs.values() if re.search(r"/N 3\b", h) and st and st[36:40] == b"acsp"]
    check(len(icc) == 1 and icc[0][8] == 2, "the output intent's ICC profile (version 2)")
    meta = [(h, st) for h, st in objs.values() if "/Metadata" in h and "/XML" in h]
    if check(len(meta) == 1, "one XMP metadata stream"):
        head, xmp = meta[0]
        check("/Filter" not in head, "the metadata stream is not compressed")
        root = ET.fromstring(xmp[xmp.index(b"<x:xmpmeta"):xmp.index(b"</x:xmpmeta>") + 12])
        ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
              "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
              "pdf": "http://ns.adobe.com/pdf/1.3/",
              "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}
        def text(path):
            e = root.find(".//" + path, ns)
            return e.text if e is not None else None
        info = pdfinfo(pdf)
        check(text("pdfaid:part") == "1" and text("pdfaid:conformance") == "B",
              "pdfaid: part 1, conformance B")
        check(text("dc:title/rdf:Alt/rdf:li") == info.get("Title"), "dc:title is the Title")
        check(text("dc:description/rdf:Alt/rdf:li") == info.get("Subject"),
              "dc:description is the Subject")
        check(text("pdf:Keywords") == info.get("Keywords"), "pdf:Keywords are the Keywords")
        check(text("xmp:CreatorTool") == info.get("Creator"), "xmp:CreatorTool is the Creator")
        check(text("pdf:Producer") == info.get("Producer"), "pdf:Producer is the Producer")
        check((text("xmp:CreateDate") or "").replace("+00:00", "Z")
              == info.get("CreationDate"), "xmp:CreateDate is the CreationDate")
        check((text("xmp:ModifyDate") or "").replace("+00:00", "Z") == info.get("ModDate"),
              "xmp:ModifyDate is the ModDate")
        check(text("dc:format") == "application/pdf", "dc:format")
    # Fonts: descriptors, CIDSet, /W only for characters the text uses.
    text_cps = {ord(c) for c in subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                                               text=True).stdout}
    descs = [h for h, _ in objs.values() if "/Type /FontDescriptor" in h]
    check(len(descs) == 3, f"three font descriptors ({len(descs)})")
    for h in descs:
        name = re.search(r"/FontName /(\S+)", h).group(1)
        check(re.search(r"/CapHeight [1-9]\d*", h) is not None, f"{name}: CapHeight")
        check("/CIDSet" in h and "/FontFile2" in h, f"{name}: CIDSet and FontFile2")
    # Each Type 0 font: its CIDFont's /W names CIDs that its ToUnicode map gives characters of
    # the text (and nothing else), in arrays PDF/A-1 allows.
    type0 = [h for h, _ in objs.values() if "/Subtype /Type0" in h]
    check(len(type0) == 3, f"three Type 0 fonts ({len(type0)})")
    for h in type0:
        name = re.search(r"/BaseFont /(\S+)", h).group(1)
        tu = re.search(r"/ToUnicode (\d+) 0 R", h)
        desc = re.search(r"/DescendantFonts \[\s*(\d+) 0 R", h)
        if not check(tu and desc, f"{name}: ToUnicode and a descendant font"):
            continue
        cmap = (objs[int(tu.group(1))][1] or b"").decode("latin-1")
        to_char = {}
        for code, hexu in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", cmap):
            to_char[int(code, 16)] = bytes.fromhex(hexu).decode("utf-16-be")
        m = re.search(r"/W \[(.*?)\n  \]", objs[int(desc.group(1))][0], re.S)
        if not check(m is not None, f"{name}: /W"):
            continue
        tokens = re.findall(r"\[|\]|\d+", m.group(1))
        entries, cids, depth, start, k = 0, set(), 0, None, 0
        for t in tokens:
            if t == "[":
                depth, k = 1, 0
            elif t == "]":
                depth = 0
            elif depth == 0:
                start = int(t)
                entries += 2
            else:
                cids.add(start + k)
                k += 1
        check(entries <= 8191, f"{name}: /W has {entries} entries (PDF/A-1: at most 8191)")
        chars = {ord(to_char[c]) for c in cids if c in to_char and len(to_char[c]) == 1}
        check(cids and cids <= set(to_char), f"{name}: every CID of /W has a character "
              f"({len(cids)} CIDs, {len(to_char)} mapped)")
        check(chars and chars <= text_cps | {0x20, 0x3000, 0x25A1},
              f"{name}: /W names only characters of the text ({len(chars)})")

# Reproducible, and the pages are the plain PDF's.
if pdf:
    again = export("report-again", haidian)
    check(again and open(pdf, "rb").read() == open(again, "rb").read(),
          "two runs give the same bytes")
    plain = export("plain", haidian, pdfa=False)
    if plain:
        pdata = open(plain, "rb").read()
        check(b"pdfaid" not in pdata and b"GTS_PDFA1" not in pdata,
              "conformance = none: no PDF/A marks")
        t1 = subprocess.run(["pdftotext", pdf, "-"], capture_output=True).stdout
        t2 = subprocess.run(["pdftotext", plain, "-"], capture_output=True).stdout
        check(t1 == t2 and len(t1) > 1000, "the same text as the plain PDF (pdftotext)")
        for p, tag in ((pdf, "a"), (plain, "p")):
            subprocess.run(["pdftoppm", "-r", "40", "-png", p, W(work, tag)], check=True)
        pages = sorted(f for f in os.listdir(work) if f.startswith("a-") and f.endswith(".png"))
        same = pages and all(open(W(work, f), "rb").read()
                             == open(W(work, "p" + f[1:]), "rb").read() for f in pages)
        check(same, f"the same pixels as the plain PDF ({len(pages)} pages, pdftoppm)")
    later = export("epoch", haidian, extra_env={"SOURCE_DATE_EPOCH": "1700000000"})
    if later:
        ids = [re.search(rb"/ID\s*\[\s*<([0-9a-fA-F]+)>", open(p, "rb").read()) for p in (pdf, later)]
        check(all(ids) and ids[0].group(1) != ids[1].group(1),
              "another date, another /ID (it is computed from the content)")
        preflight(later, "SOURCE_DATE_EPOCH=1700000000")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
