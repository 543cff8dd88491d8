#!/usr/bin/python3
"""xlsx_synth.py — writes a synthetic profile with N indicators for the XLSX benchmark
(bench/xlsx_bench.sh): the fictional county of tests/data/good/qingxi.json with N indicators
added in series of ten years (amounts in 亿元/万家/万人/家 with their growth rates in %, linked
to the amount as their base), so every sheet of the workbook grows: the indicator table by N
rows, the series sheet by N/10 rows, the charts, the overview. The output is deterministic.

Usage: xlsx_synth.py N OUTPUT.json [SOURCE_DIR]
"""
import json
import os
import random
import sys

AMOUNT_UNITS = ["亿元", "万家", "万人", "家"]
YEARS = 10


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    source = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..")
    with open(os.path.join(source, "tests", "data", "good", "qingxi.json"), encoding="utf-8") as f:
        p = json.load(f)
    p.pop("$schema", None)
    p["id"] = f"synthetic{n}"
    p["subtitle"] = f"合成资料：{n}项指标（基准测试）"
    rng = random.Random(20260101)
    doc = p["sources"][0]["id"]
    added = []
    i = 0
    while len(added) < n:
        unit = AMOUNT_UNITS[i % len(AMOUNT_UNITS)]
        decimals = i % 3
        key = f"syn{i:06d}"
        value = rng.uniform(10, 9000)
        for y in range(YEARS):
            if len(added) >= n:
                break
            year = 2014 + y
            value *= rng.uniform(0.95, 1.15)
            amount = {
                "id": f"{key}_{year}", "name": f"合成指标{i}", "name_en": f"Synthetic {i}",
                "value": round(value, decimals) if decimals else int(value),
                "unit": unit, "period": str(year), "scope": "清溪县",
                "source": {"document": doc}, "series": key,
            }
            added.append(amount)
            if len(added) < n and y > 0:
                added.append({
                    "id": f"{key}_{year}_growth", "name": f"合成指标{i}增长", "value":
                    round(rng.uniform(-5, 20), 1), "unit": "%", "period": str(year),
                    "scope": "清溪县", "source": {"document": doc},
                    "base": f"{key}_{year}", "relation": "growth", "series": f"{key}_growth",
                })
        i += 1
    # json.dump writes 12.0 as 12.0, so the stated precision survives
    p["indicators"] += added[:n]
    p["charts"].append({"title": "合成指标0", "series": "syn000000", "secondary": "syn000000_growth"})
    with open(out, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
