"""dossier_expect.py — what an export should contain, computed from the profile JSON itself
(never from dossier's output), and running dossier. Shared by the md, html and csv suites
(tests/md/check_md.py, tests/html/check_html.py, tests/csv/check_csv.py).

The rules restated here are the documented ones (docs/profile.md): a value prints exactly as
the JSON literal writes it (7926.0 stays 7926.0; an exponent is expanded keeping the stated
digits), and a qualifier goes before the number (约 近 超 逾), before the unit (余 多) or after
it (以上 左右 强).
"""
import decimal
import json
import os
import re
import subprocess
import sys

QUALIFIER_BEFORE_NUMBER = ("约", "近", "超", "逾")
QUALIFIER_BEFORE_UNIT = ("余", "多")


class Literal(str):
    """A JSON number kept as the text it was written with."""


def load_profile(path):
    """The profile as JSON, numbers kept as their literal text (Literal)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=Literal, parse_int=Literal)


def value_text(literal):
    """The number as dossier prints it: the literal, an exponent expanded (1.0e2 → 100)."""
    text = str(literal)
    m = re.fullmatch(r"(-?\d+)(?:\.(\d+))?[eE]([+-]?\d+)", text)
    if not m:
        return text
    decimals = max(0, len(m.group(2) or "") - int(m.group(3)))
    return format(decimal.Decimal(text), f".{decimals}f")


def figure(ind):
    """Number, qualifier and unit: 7926.0亿元, 约1.79万家, 46%以上."""
    q = ind.get("qualifier", "")
    v = value_text(ind["value"])
    if q in QUALIFIER_BEFORE_NUMBER:
        return q + v + ind["unit"]
    if q in QUALIFIER_BEFORE_UNIT:
        return v + q + ind["unit"]
    return v + ind["unit"] + q


def years(period):
    """The four-digit years a period names ("2017..2019" → ["2017", "2019"])."""
    return re.findall(r"\d{4}", period)


def key_figures(profile):
    """The indicators of the key-figures table, in order (all when key_figures is absent)."""
    inds = {i["id"]: i for i in profile["indicators"]}
    if "key_figures" in profile:
        return [inds[k] for k in profile["key_figures"]]
    return list(profile["indicators"])


def series_points(profile, key):
    """The indicators of a series, in profile order."""
    return [i for i in profile["indicators"] if i.get("series") == key]


def sections(profile):
    """Every section as (document, section, level), depth first, in order."""
    out = []

    def walk(doc, secs, level):
        for s in secs:
            out.append((doc, s, level))
            walk(doc, s.get("sections", []), level + 1)

    for doc in profile["documents"]:
        walk(doc, doc.get("sections", []), 1)
    return out


def heading_text(section):
    return section.get("marker", "") + section["title"]


def ends_with_stop(text):
    return text.endswith(("。", "！", "？", "：", "；", ".", "!", "?", ":"))


def run_in_lead(section):
    """A level-3 item's bold lead: marker, title and a 。 unless it ends with a stop."""
    t = heading_text(section)
    return t if ends_with_stop(section["title"]) else t + "。"


def all_texts(profile):
    """Every text field a reader sees in a brief, to count special characters in."""
    texts = [profile["name"]["zh"], profile["name"].get("en", ""), profile.get("subtitle", ""),
             profile.get("parent", {}).get("zh", ""), profile.get("parent", {}).get("en", "")]
    for s in profile["sources"]:
        texts += [s["title"], s.get("publisher", ""), s.get("origin", "")]
    for doc in profile["documents"]:
        texts += [doc["title"]] + doc.get("paragraphs", [])
    for _, s, _ in sections(profile):
        texts += [heading_text(s)] + s.get("paragraphs", [])
    for i in profile["indicators"]:
        texts += [i["name"], i["scope"]]
    return texts


class Checker:
    """Collects failures; each check prints one line."""

    def __init__(self):
        self.failures = 0
        self.passes = 0

    def check(self, what, ok, detail=""):
        if ok:
            self.passes += 1
        else:
            self.failures += 1
            print(f"FAIL: {what}" + (f": {detail}" if detail else ""))
        return ok

    def equal(self, what, got, want):
        return self.check(what, got == want, f"got {got!r}, want {want!r}")

    def finish(self):
        print(f"{self.passes} passed, {self.failures} failed")
        sys.exit(1 if self.failures else 0)


def export(dossier, fmt, profile_path, outdir, *sets, expect_status=0):
    """Runs `dossier export -f fmt`; returns (path of the output, completed process)."""
    cmd = [dossier, "export", "-q", "-f", fmt, "-o", outdir]
    for s in sets:
        cmd += ["--set", s]
    cmd.append(profile_path)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if proc.returncode != expect_status:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr}")
    pid = load_profile(profile_path)["id"]
    ext = {"md": "md", "html": "html", "csv": "csv"}[fmt]
    return os.path.join(outdir, f"{pid}.{ext}"), proc


def profiles(source_dir, extra=()):
    """The shipped profile, every good test profile, and extra fixtures."""
    good = os.path.join(source_dir, "tests", "data", "good")
    out = [os.path.join(source_dir, "data", "haidian.json")]
    out += sorted(os.path.join(good, f) for f in os.listdir(good) if f.endswith(".json"))
    return out + list(extra)
