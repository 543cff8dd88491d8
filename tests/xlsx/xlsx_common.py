"""xlsx_common.py — shared by the XLSX reader checks: running `dossier export -f xlsx`, reading a
profile with its number literals kept (7926.0 stays Decimal('7926.0')), and the expected cells
of an indicator (value, precision, value in the base unit).

The unit table mirrors core/src/units.c; tests/test_format.c checks the core side of it.
"""
import decimal
import json
import os
import subprocess
import sys

# unit → (base unit, factor); a base of "" is a fraction shown with a % format
UNITS = {
    "万亿元": ("元", 10**12), "亿元": ("元", 10**8), "万元": ("元", 10**4), "元": ("元", 1),
    "亿人民币": ("元", 10**8), "亿美元": ("美元", 10**8), "万美元": ("美元", 10**4),
    "美元": ("美元", 1), "万家": ("家", 10**4), "家": ("家", 1), "万人": ("人", 10**4),
    "人": ("人", 1), "万个": ("个", 10**4), "个": ("个", 1), "项": ("项", 1), "笔": ("笔", 1),
    "件": ("件", 1), "所": ("所", 1), "条": ("条", 1), "次": ("次", 1),
    "%": ("", decimal.Decimal("0.01")), "‰": ("", decimal.Decimal("0.001")),
    "个百分点": ("个百分点", 1), "平方公里": ("平方公里", 1), "公顷": ("公顷", 1), "年": ("年", 1),
}


def fail(msg):
    print("FAIL:", msg, file=sys.stderr)
    sys.exit(1)


def load_profile(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=decimal.Decimal, parse_int=decimal.Decimal)


def export(dossier, profile, outdir, *sets, env=None):
    """Runs dossier export -f xlsx; returns the path of the workbook."""
    os.makedirs(outdir, exist_ok=True)
    cmd = [dossier, "export", "-q", "-f", "xlsx", "-o", outdir]
    for s in sets:
        cmd += ["--set", s]
    cmd.append(profile)
    e = dict(os.environ)
    e.pop("DOSSIER_CONFIG", None)
    e.pop("DOSSIER_PLUGIN_PATH", None)
    e.pop("SOURCE_DATE_EPOCH", None)
    if env:
        e.update(env)
    r = subprocess.run(cmd, env=e, capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr}")
    pid = load_profile(profile)["id"]
    return os.path.join(outdir, f"{pid}.xlsx")


def decimals(d):
    """Digits after the decimal point of a JSON literal kept as Decimal."""
    exp = d.as_tuple().exponent
    return -exp if exp < 0 else 0


def expected(ind):
    """(value, base value or None, is fraction) of an indicator as the workbook must hold them."""
    v = ind["value"]
    base, factor = UNITS.get(ind["unit"], (None, None))
    if base is None:
        return float(v), None, False
    return float(v), float(v * factor), base == ""


def close(a, b, rel=1e-12):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))
