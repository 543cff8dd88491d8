"""check_default_config.py — config/dossier.ini restates every built-in default.

    check_default_config.py DOSSIER SOURCE_DIR WORK_DIR

Every plugin `dossier plugins --verbose` lists has its section in the shipped file, with
exactly the keys the plugin declares and each key at its declared default; exporting with
the file prints no warning and writes the same bytes as exporting without it. ([core] and
[txt] are also checked key by key in tests/test_config.c.)
"""
import configparser
import filecmp
import os
import re
import shutil
import subprocess
import sys

dossier, src, work = sys.argv[1:4]
ini_path = os.path.join(src, "config", "dossier.ini")
env = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_CONFIG", "DOSSIER_PLUGIN_PATH")}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


verbose = subprocess.run([dossier, "plugins", "--verbose"], env=env, check=True,
                         stdout=subprocess.PIPE, text=True).stdout
declared = {}
for m in re.finditer(r'^\s+\[(\w+)\] (\w+) \([^)]*default "(.*)"\): ', verbose, re.M):
    declared.setdefault(m.group(1), {})[m.group(2)] = m.group(3)
if len(declared) < 6:
    fail("expected the options of at least six plugins, got %s" % sorted(declared))

ini = configparser.ConfigParser(interpolation=None, comment_prefixes=(";", "#"),
                                inline_comment_prefixes=None, strict=True)
ini.optionxform = str
with open(ini_path, encoding="utf-8") as f:
    ini.read_file(f)
# A format's keys that overlap [brief] are shipped commented out ("; table = key   (unset: …"),
# so that the [brief] keys apply to every format; each such line still names the default.
OVERLAP = ("table", "charts", "english")
raw = open(ini_path, encoding="utf-8").read()
for plugin, options in sorted(declared.items()):
    if not ini.has_section(plugin):
        fail("config/dossier.ini has no [%s] section" % plugin)
    shipped = dict(ini.items(plugin))
    section_text = raw.split("[%s]" % plugin, 1)[1].split("\n[", 1)[0]
    for key in OVERLAP:
        if key in options and key not in shipped:
            m = re.search(r"^;%s = (\S*)   \(unset: \[brief\] %s applies\)$" % (key, key),
                          section_text, re.M)
            if not m or m.group(1) != options[key]:
                fail("[%s] %s: expected the commented-out default line" % (plugin, key))
            shipped[key] = m.group(1)
    if not ini.has_section("brief"):
        fail("config/dossier.ini has no [brief] section")
    if set(shipped) != set(options):
        fail("[%s]: keys %s, the plugin declares %s" % (plugin, sorted(shipped), sorted(options)))
    for key, default in options.items():
        if shipped[key] != default:
            fail("[%s] %s = %r, the default is %r" % (plugin, key, shipped[key], default))

shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
profile = os.path.join(src, "data", "haidian.json")
outs = []
for name, extra in (("without", []), ("with", ["-c", ini_path])):
    out = os.path.join(work, name)
    p = subprocess.run([dossier, "export", "-f", "all", "-o", out] + extra + [profile], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        fail("export %s the file: exit %d: %s" % (name, p.returncode, p.stderr))
    if p.stderr.strip():
        fail("export %s the file printed: %s" % (name, p.stderr))
    outs.append(out)
files = sorted(os.listdir(outs[0]))
if len(files) < 6 or files != sorted(os.listdir(outs[1])):
    fail("outputs differ in names: %s / %s" % (files, sorted(os.listdir(outs[1]))))
for f in files:
    if not filecmp.cmp(os.path.join(outs[0], f), os.path.join(outs[1], f), shallow=False):
        fail("%s differs when exported with the shipped configuration" % f)
print("ok: %d plugin sections, %d outputs identical" % (len(declared), len(files)))
