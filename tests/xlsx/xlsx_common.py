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

# unit → (base unit, factor), read from the core's table; a base of "" is a fraction shown
# with a % format
def _unit_table():
    import re
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "core", "src", "units.c"), encoding="utf-8") as f:
        text = f.read()
    table = {}
    for sym, base, factor in re.findall(r'^\s*\{"([^"]+)", UNIT_\w+, "([^"]*)", ([0-9.e+-]+)\}',
                                        text, re.M):
        table[sym] = (base, decimal.Decimal(factor) if "e" not in factor
                      else decimal.Decimal(int(float(factor))) if float(factor) >= 1
                      else decimal.Decimal(factor))
    return table


UNITS = _unit_table()


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


WORD_SHARES = {"一成": 0.1, "二成": 0.2, "两成": 0.2, "三成": 0.3, "四成": 0.4, "五成": 0.5,
               "六成": 0.6, "七成": 0.7, "八成": 0.8, "九成": 0.9, "一半": 0.5, "半数": 0.5}
NUMERALS = "一二三四五六七八九十"


def share_value(text):
    """The fraction a share in words stands for (六成 0.6, 三分之一, 1/4), or None (a ratio)."""
    if text in WORD_SHARES:
        return WORD_SHARES[text]
    if "分之" in text:
        den, num = text.split("分之")
        return (NUMERALS.index(num) + 1) / (NUMERALS.index(den) + 1)
    if "/" in text:
        a, b = text.split("/")
        return int(a) / int(b)
    return None


def expected(ind, units=None):
    """(value, base value or None, is fraction) of an indicator as the workbook must hold them;
    a worded share is its fraction in both cells, a ratio has neither (value None)."""
    v = ind["value"]
    if isinstance(v, str):
        f = share_value(v)
        return (f, f, True) if f is not None else (None, None, False)
    base, factor = (units or UNITS).get(ind["unit"], (None, None))
    if base is None:
        return float(v), None, False
    return float(v), float(v * factor), base == ""


def profile_units(profile):
    """The built-in units and those the profile declares, each resolved through its base."""
    units = dict(UNITS)
    for u in profile.get("units", []):
        base, factor = u["base"], decimal.Decimal(u["factor"])
        if base in units and base != u["symbol"]:
            base, f = units[base]
            factor *= f
        units[u["symbol"]] = (base, factor)
    return units


def close(a, b, rel=1e-12):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))
