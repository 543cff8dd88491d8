"""xlsx_fractions.py — the base-unit columns of 指标 are consistent for every unit that converts
to a fraction (%, ‰, 个百分点, 个千分点, and a unit a profile declares of those kinds): the
基本单位数值 cell is the stated value × the unit's factor (7.0% → 0.07, 0.8个百分点 → 0.008,
4.58‰ → 0.00458), computed here from the JSON literal in exact decimals, shown with a % format
whose digits are exactly the source's (0.8个百分点 → "0.8%", 4.58‰ → "0.458%"), and 基本单位 is
比例 for all of them, so that a percentage and a difference of percentages compare in one
column. Used by check_xlsx.py's `fractions` case over every profile of data/ and
tests/data/good/.
"""
import decimal
import re

import openpyxl

from xlsx_common import fail, profile_units

FRACTION_UNITS = ("%", "‰", "个百分点", "个千分点")


def percent_digits(fmt):
    """Digits after the point of the first section of a % number format, or None."""
    section = re.sub(r'"[^"]*"', "", fmt.split(";")[0])
    m = re.search(r"0(?:\.(0+))?%", section)
    return len(m.group(1) or "") if m else None


def shown(value, digits):
    """The percentage text the format shows: 0.008 with 1 digit → "0.8"."""
    q = decimal.Decimal(1).scaleb(-digits)
    return str((value * 100).quantize(q))


def check_fractions(path, profile, label):
    """Returns the number of fraction rows checked."""
    ws = openpyxl.load_workbook(path)["指标"]
    header = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(header)}
    units = profile_units(profile)
    n = 0
    for r, ind in enumerate(profile["indicators"], 2):
        unit = ind.get("unit")
        if isinstance(ind["value"], str) or units.get(unit, ("?",))[0] != "":
            continue  # not a number in a fraction unit
        v = ind["value"]  # Decimal: the literal as written
        want = v * units[unit][1]
        if want == 0:
            want = abs(want)  # -0.0 is 0 (docs/profile.md): no cell shows "-0.0%"
        cell = ws.cell(row=r, column=col["基本单位数值"])
        if cell.data_type != "n" or decimal.Decimal(repr(float(cell.value))) != \
                decimal.Decimal(repr(float(want))):
            fail(f"{label}: {ind['id']} {v}{unit}: base value {cell.value!r}, expected {want}")
        digits = percent_digits(cell.number_format)
        exact = max(0, -want.as_tuple().exponent - 2)
        if digits is None or digits != exact:
            fail(f"{label}: {ind['id']} {v}{unit}: base format {cell.number_format!r} shows "
                 f"{digits} digits of the percentage, the figure has {exact}")
        if shown(want, exact) != shown(decimal.Decimal(repr(float(cell.value))), exact):
            fail(f"{label}: {ind['id']}: the base cell shows a rounded figure")
        if ws.cell(row=r, column=col["基本单位"]).value != "比例":
            fail(f"{label}: {ind['id']} {unit}: 基本单位 "
                 f"{ws.cell(row=r, column=col['基本单位']).value!r}, expected 比例")
        if ws.cell(row=r, column=col["单位"]).value != unit:
            fail(f"{label}: {ind['id']}: 单位 {ws.cell(row=r, column=col['单位']).value!r}")
        n += 1
    return n
