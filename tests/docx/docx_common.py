"""docx_common.py — shared by the DOCX suites (check_docx.py, check_docx_libreoffice.py):
exporting a profile as DOCX, reading the package's XML parts, and the official and bulletin
settings. Expectations come from the profile JSON (tests/md/dossier_expect.py), never from
dossier's output."""
import os
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "md"))
import dossier_expect as ex  # noqa: E402,F401

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

OFFICIAL = ("brief.template=official", "brief.issuer=北京市海淀区人民政府",
            "brief.number=海政发〔2020〕12号", "brief.cc=区委办公室")
BULLETIN = ("brief.template=bulletin", "brief.name=海淀区情简报", "brief.issue=3",
            "brief.issuer=海淀区统计局", "brief.copies=50")

# Without SOURCE_DATE_EPOCH the brief's time is the profile's as-of date.
ENV = {k: v for k, v in os.environ.items()
       if k not in ("SOURCE_DATE_EPOCH", "DOSSIER_CONFIG", "DOSSIER_PLUGIN_PATH")}


def export(dossier, profile, outdir, *sets, env=None):
    """Runs `dossier export -f docx`; returns the output's path."""
    cmd = [dossier, "export", "-q", "-f", "docx", "-o", outdir]
    for s in sets:
        cmd += ["--set", s]
    cmd.append(profile)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          env=dict(ENV, **(env or {})))
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr}")
    return os.path.join(outdir, ex.load_profile(profile)["id"] + ".docx")


def parts(path):
    """name -> bytes of every part of the package."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def xml(parts_, name):
    return ET.fromstring(parts_[name])


def text_of(el):
    """The text of the w:t elements under el, in order."""
    return "".join(t.text or "" for t in el.iter(W + "t"))


def charts_of(profile):
    """The profile's charts that have data (the brief leaves out one without points)."""
    return [ch for ch in profile.get("charts", []) if ex.series_points(profile, ch["series"])]
