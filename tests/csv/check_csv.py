"""check_csv.py — the CSV export read with Python's csv module and checked against the
profile JSON: RFC 4180 framing (every record ends with CRLF, fields with commas and quotes
quoted, quotes doubled; the hostile fixture has both in names, scopes and notes), one row per
indicator in profile order with every column as the profile states it and `value` exactly
the JSON literal (7926.0 stays 7926.0; exponents are refused) and the figure as printed, its
number and its value in the base unit beside it, UTF-8 with a byte-order mark by default and
without one with `[csv] bom = false`, the `long` layout (with source and note too) (one row per indicator and period, each series' rows
together), `header = false`; the host's validation of [csv] keys and the md, html and csv
keys in `dossier plugins --verbose`; a second profile; byte-identical reruns.

Profile text cannot hold CR or LF (the loader refuses control characters), so a field with a
line break cannot come from a profile; test_csv_out.c checks the writer's quoting of CR and LF
on its own.

Usage: check_csv.py DOSSIER SOURCE_DIR WORK_DIR
"""
import csv
import filecmp
import io
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "md"))
import dossier_expect as ex  # noqa: E402

FIGURE = ["figure", "number", "base_value", "base_unit", "decrease", "form"]
WIDE = ["id", "name", "scope", "period", "value", "unit", "qualifier", "basis", "base",
        "relation", "series", "source_document", "source_section", "name_en", "note"] + FIGURE
LONG = ["series", "series_name", "indicator", "name", "period", "value", "unit", "qualifier",
        "basis", "scope"] + FIGURE + ["source_document", "source_section", "note"]
sys.path.insert(0, os.path.join(HERE, "..", "xlsx"))
import xlsx_common  # noqa: E402


def figure_fields(ind, units):
    """figure, number, base_value, base_unit, decrease, form (csv_layout.c)."""
    v = ind["value"]
    text = ex.value_text(v)
    if re.fullmatch(r"-?[0-9.]+", text):
        number = float(text)
        base, factor = units[ind["unit"]]
        form = "number"
    else:
        number = xlsx_common.share_value(text)
        base, factor = "", 1
        form = "share" if number is not None else "ratio"
    fmt = lambda x: "" if x is None else format(0.0 if x == 0 else x, ".15g")
    return [ex.figure(ind), fmt(number),
            fmt(None if number is None else number * float(factor)), base or "",
            ind.get("decrease", ""), form]
BOM = b"\xef\xbb\xbf"


def wide_row(ind, units):
    src = ind["source"]
    return [ind["id"], ind["name"], ind["scope"], ind["period"], ex.value_text(ind["value"]),
            ind.get("unit", ""), ind.get("qualifier", ""), ind.get("basis", ""), ind.get("base", ""),
            ind.get("relation", "") if "base" in ind else "", ind.get("series", ""),
            src["document"], src.get("section", ""), ind.get("name_en", ""), ind.get("note", "")
            ] + figure_fields(ind, units)


def read(c, name, path, bom=False):
    """Records of the file, after checking its bytes: BOM or not, CRLF record ends, UTF-8."""
    raw = open(path, "rb").read()
    c.equal(f"{name}: byte-order mark", raw.startswith(BOM), bom)
    body = raw[len(BOM):] if bom else raw
    text = body.decode("utf-8")
    c.check(f"{name}: no BOM inside", "\ufeff" not in text)
    c.check(f"{name}: every line ends with CRLF",
            text.endswith("\r\n") and text.count("\n") == text.count("\r\n") and
            text.count("\r") == text.count("\r\n"))
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    # RFC 4180: a field is quoted exactly when it must be; quotes inside are doubled.
    for line in text.split("\r\n")[:-1]:
        for field in re.findall(r'(?:^|,)("(?:[^"]|"")*"|[^,"]*)', line):
            if field.startswith('"'):
                inner = field[1:-1]
                c.check(f"{name}: quoted field needs quoting: {field}",
                        "," in inner or '""' in inner, line)
                c.check(f"{name}: quotes doubled in {field}",
                        '"' not in inner.replace('""', ""), line)
    c.check(f"{name}: rectangular", len({len(r) for r in rows}) <= 1, {len(r) for r in rows})
    return rows


def period_key(period):
    return [int(y) for y in ex.years(period)[:1]]


def check_long(c, name, p, rows, header=True):
    if header:
        c.equal(f"{name}: long header", rows[0], LONG)
        rows = rows[1:]
    inds = {i["id"]: i for i in p["indicators"]}
    units = xlsx_common.profile_units(p)
    c.equal(f"{name}: long: each indicator once", sorted(r[2] for r in rows),
            sorted(inds))
    for r in rows:
        ind = inds.get(r[2])
        if not ind:
            continue
        key = ind.get("series", ind["id"])
        # series_name: the name of the series' earliest point (model.h).
        pts = ex.series_points(p, key) if "series" in ind else [ind]
        earliest = min(period_key(x["period"]) for x in pts)
        names = {x["name"] for x in pts if period_key(x["period"]) == earliest}
        c.check(f"{name}: long row {r[2]} series_name", r[1] in names, f"{r[1]} not in {names}")
        c.equal(f"{name}: long row {r[2]}", [r[0]] + r[2:],
                [key, ind["id"], ind["name"], ind["period"],
                 ex.value_text(ind["value"]), ind.get("unit", ""), ind.get("qualifier", ""),
                 ind.get("basis", ""), ind["scope"]] + figure_fields(ind, units)
                + [ind["source"]["document"], ind["source"].get("section", ""),
                   ind.get("note", "")])
    # Series in the order of their first indicator, each series' rows together and in time.
    order = []
    for i in p["indicators"]:
        k = i.get("series", i["id"])
        if k not in order:
            order.append(k)
    seen = []
    for r in rows:
        if not seen or seen[-1] != r[0]:
            seen.append(r[0])
    c.equal(f"{name}: long: series together, in profile order", seen, order)
    for k in order:
        keys = [period_key(r[4]) for r in rows if r[0] == k]
        c.check(f"{name}: long: series {k} in period order", keys == sorted(keys), keys)


def main():
    dossier, src, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    hostile = os.path.join(HERE, "..", "md", "hostile.json")
    c = ex.Checker()
    for i, prof in enumerate(ex.profiles(src, [hostile])):
        name = os.path.basename(prof)
        p = ex.load_profile(prof)
        a, _ = ex.export(dossier, "csv", prof, os.path.join(work, f"a{i}"))
        b, _ = ex.export(dossier, "csv", prof, os.path.join(work, f"b{i}"))
        c.check(f"{name}: two runs byte-identical", filecmp.cmp(a, b, shallow=False))
        rows = read(c, name, a, bom=True)
        c.equal(f"{name}: header", rows[0], WIDE)
        c.equal(f"{name}: one row per indicator", len(rows) - 1, len(p["indicators"]))
        units = xlsx_common.profile_units(p)
        for ind, row in zip(p["indicators"], rows[1:]):
            c.equal(f"{name}: row {ind['id']}", row, wide_row(ind, units))

        nobom, _ = ex.export(dossier, "csv", prof, os.path.join(work, f"bom{i}"),
                             "csv.bom=false")
        read(c, name + " bom=false", nobom, bom=False)
        c.equal(f"{name}: the default is the bom=false file after a BOM", open(a, "rb").read(),
                BOM + open(nobom, "rb").read())
        for sets in (("csv.layout=long",), ("csv.layout=long", "csv.header=false")):
            out, _ = ex.export(dossier, "csv", prof, os.path.join(work, f"long{i}"), *sets)
            check_long(c, f"{name} {' '.join(sets)}", p, read(c, name, out, bom=True),
                       header=len(sets) == 1)
        out, _ = ex.export(dossier, "csv", prof, os.path.join(work, f"nohead{i}"),
                           "csv.header=false")
        c.equal(f"{name}: header=false drops only the header", read(c, name, out, bom=True),
                rows[1:])

    # The host validates [csv]: an unknown key is a warning naming the accepted keys, a bad
    # value an error (exit 7) naming the accepted choices.
    haidian = os.path.join(src, "data", "haidian.json")
    proc = subprocess.run([dossier, "export", "-f", "csv", "-o", os.path.join(work, "key"),
                           "--set", "csv.bogus=1", haidian], capture_output=True, text=True,
                          timeout=60)
    c.check("unknown [csv] key reported with the accepted keys",
            'unknown key "bogus" in [csv]' in proc.stderr and
            re.search(r"accepted keys: .*layout.*bom.*header", proc.stderr) and
            proc.returncode == 0, f"{proc.returncode} {proc.stderr}")
    proc = subprocess.run([dossier, "export", "-q", "-f", "csv", "-o", os.path.join(work, "bad"),
                           "--set", "csv.layout=diagonal", haidian], capture_output=True,
                          text=True, timeout=60)
    c.check("bad [csv] layout is a configuration error (7) naming wide and long",
            proc.returncode == 7 and "diagonal" in proc.stderr and "wide" in proc.stderr and
            "long" in proc.stderr, f"{proc.returncode} {proc.stderr}")
    c.check("no file written for a bad configuration",
            not os.path.exists(os.path.join(work, "bad", "haidian.csv")))

    # Each of the three formats declares its keys: `dossier plugins --verbose` prints them.
    proc = subprocess.run([dossier, "plugins", "--verbose"], capture_output=True, text=True,
                          timeout=60)
    for key in ("[csv] layout (choice: wide|long, default \"wide\")",
                "[csv] bom (boolean, default \"true\")",
                "[csv] header (boolean, default \"true\")",
                "[md] table (choice: key|all|none, default \"key\")",
                "[md] english (boolean, default \"true\")",
                "[html] table (choice: key|all|none, default \"key\")",
                "[html] charts (string, default \"all\")",
                "[html] paper (choice: a4|letter, default \"a4\")"):
        c.check(f"plugins --verbose lists {key}", key in proc.stdout)
    c.finish()


if __name__ == "__main__":
    main()
