#!/usr/bin/env python3
"""check_fangsong.py — a 仿宋 the user installs works by name ([pdf] body_font = 仿宋_GB2312).

Debian ships no Simplified Chinese 仿宋, so the test installs one the way a user's fontconfig
sees it: a private fontconfig configuration (FONTCONFIG_FILE) over the directories of the
default fonts, with a scan rule that names one face of the system's UKai collection
(AR PL UKai TW) "仿宋_GB2312" — a TrueType font whose family is that non-ASCII name. The PDF
and the OFD exported with body_font = 仿宋_GB2312 must embed that face and set the body in
it (MuPDF's structured text names each character's font), and the body's paragraphs must be
in the text.

  check_fangsong.py fangsong DOSSIER PROFILE WORKDIR
"""
import os
import re
import shutil
import zipfile

from pdf_common import body_text, export, fail, fold, load_profile, main, paragraphs, run

CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
%s
  <cachedir>%s</cachedir>
  <match target="scan">
    <test name="family"><string>AR PL UKai TW</string></test>
    <edit name="family" mode="assign" binding="strong"><string>仿宋_GB2312</string></edit>
  </match>
</fontconfig>
"""


def check_fangsong(dossier, profile, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    dirs = set()
    for fam in ("AR PL UMing CN", "AR PL UKai CN", "WenQuanYi Zen Hei"):
        path = run(["fc-match", "-f", "%{file}", fam])[1]
        dirs.add(os.path.dirname(path))
    conf = os.path.join(work, "fonts.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(CONF % ("\n".join("  <dir>%s</dir>" % d for d in sorted(dirs)),
                        os.path.join(work, "fc-cache")))
    env = {"FONTCONFIG_FILE": conf}
    _, pdf, _ = export(dossier, profile, os.path.join(work, "pdf"),
                       ["pdf.body_font=仿宋_GB2312"], env=env)
    fonts = run(["pdffonts", pdf])[1]
    if not re.search(r"\+UKaiTW", fonts):
        fail("the 仿宋_GB2312 face (UKai TW) is not embedded:\n" + fonts)
    stext = run(["mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf])[1]
    body = [m for m in re.finditer(r'<font name="([^"]*)" size="16"', stext)]
    if not body or not any("UKaiTW" in m.group(1) for m in body):
        fail("no 16 pt body text is set in the 仿宋_GB2312 face")
    text = fold(body_text(pdf))
    for para in paragraphs(load_profile(profile)):
        if fold(para) not in text:
            fail("paragraph missing: %.40s…" % para)
    cmd = [dossier, "export", "-q", "-f", "ofd", "-o", os.path.join(work, "ofd"),
           "--set", "ofd.body_font=仿宋_GB2312", profile]
    run(cmd, env=env)
    ofd = os.path.join(work, "ofd", load_profile(profile)["id"] + ".ofd")
    with zipfile.ZipFile(ofd) as z:
        res = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith("Res.xml"))
    if "仿宋_GB2312" not in res and "UKai" not in res:
        fail("the OFD's fonts do not name the 仿宋_GB2312 face: " + res[:400])


if __name__ == "__main__":
    main({"fangsong": check_fangsong})
