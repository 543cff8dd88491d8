"""ofd_common.py — shared helpers of the OFD tests: export, unzip, parse the parts, skip.

Everything is read with the Python standard library (zipfile, xml.etree) and Debian tools
(xmllint, pdftotext, mutool); the reader ofd.js comes from npm (check_ofd_reader.py).
"""
import json
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"ofd": "http://www.ofdspec.org/2016"}
SKIP = 77  # CTest SKIP_RETURN_CODE


class Failure(Exception):
    pass


def fail(msg):
    raise Failure(msg)


def skip(msg):
    print("SKIP: " + msg)
    sys.exit(SKIP)


def run(cmd, env=None, check=True):
    p = subprocess.run(cmd, capture_output=True, env=env, timeout=600)
    if check and p.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(cmd), p.returncode,
                                   p.stderr.decode("utf-8", "replace")[-2000:]))
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def export(dossier, profile, outdir, formats="ofd", sets=(), env=None):
    """Exports profile in `formats` into outdir; returns {format: path}."""
    os.makedirs(outdir, exist_ok=True)
    cmd = [dossier, "export", "-q", "-f", formats, "-o", outdir]
    for s in sets:
        cmd += ["--set", s]
    cmd.append(profile)
    run(cmd, env=env)
    pid = json.load(open(profile, encoding="utf-8"))["id"]
    return {f: os.path.join(outdir, "%s.%s" % (pid, f)) for f in formats.split(",")}


class Package:
    """An OFD read back: its entries, the document, the pages in the Document's order."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.names = self.zip.namelist()
        self.ofd = self.xml("OFD.xml")
        root = self.ofd.find("ofd:DocBody/ofd:DocRoot", NS).text
        self.doc_dir = os.path.dirname(root)
        self.document = self.xml(root)
        self.pages = []  # (ID, path of Content.xml)
        for p in self.document.findall("ofd:Pages/ofd:Page", NS):
            self.pages.append((int(p.get("ID")), self.join(p.get("BaseLoc"))))
        res = self.document.find("ofd:CommonData/ofd:PublicRes", NS)
        self.fonts = {}  # ID → (FontName, path of the font file)
        if res is not None:
            res_path = self.join(res.text)
            r = self.xml(res_path)
            base = os.path.join(os.path.dirname(res_path), r.get("BaseLoc", ""))
            for f in r.findall("ofd:Fonts/ofd:Font", NS):
                file = f.find("ofd:FontFile", NS)
                self.fonts[int(f.get("ID"))] = (f.get("FontName"),
                                                os.path.normpath(os.path.join(base, file.text))
                                                if file is not None else None)

    def join(self, loc):
        return os.path.normpath(os.path.join(self.doc_dir, loc))

    def xml(self, name):
        return ET.fromstring(self.zip.read(name))

    def text_objects(self, page_path):
        """[(font ID, size mm, [(char, x mm, y mm)])] of a page, in drawing order."""
        out = []
        for t in self.xml(page_path).iter("{%s}TextObject" % NS["ofd"]):
            bx, by, _, _ = (float(v) for v in t.get("Boundary").split())
            for code in t.findall("ofd:TextCode", NS):
                text = code.text or ""
                x, y = float(code.get("X")), float(code.get("Y"))
                dx = [float(v) for v in (code.get("DeltaX") or "").split()]
                chars = []
                for i, ch in enumerate(text):
                    chars.append((ch, bx + x, by + y))
                    if i < len(dx):
                        x += dx[i]
                out.append((int(t.get("Font")), float(t.get("Size")), chars))
        return out


def squash(s):
    return re.sub(r"\s+", "", s)


def pdf_pages_raw(pdf):
    """The PDF's text per page in content-stream order (pdftotext -raw)."""
    _, out, _ = run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"])
    pages = out.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def main(checks):
    name = sys.argv[1]
    try:
        checks[name](*sys.argv[2:])
    except Failure as e:
        print("FAIL %s: %s" % (name, e))
        sys.exit(1)
    print("ok %s" % name)
