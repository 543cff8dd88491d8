#!/usr/bin/python3
"""gen_profiles.py — writes N synthetic district profiles shaped like data/haidian.json.

Usage: gen_profiles.py N OUT_DIR [--base data/haidian.json] [--seed 1]

Each profile keeps the base's structure (sources, documents and sections, the 87
indicators with their series, key figures and charts) and changes what varies between
districts: the id (d00001 ...), the Chinese and English names, every figure (scaled by a
per-profile factor, keeping its number of decimals) and the paragraphs (each drawn at
random from the base's real paragraphs). Output is deterministic for a given seed, so two
runs of the benchmark export the same documents. Standard library only.
"""
import argparse
import copy
import json
import os
import random
import sys

CHARS = "东西南北安平和宁昌盛兴华新丰泰康永清河山川阳城江湖林云海德明光长庆"


def paragraphs_of(node, pool):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "paragraphs" and isinstance(value, list):
                pool.extend(p for p in value if isinstance(p, str))
            else:
                paragraphs_of(value, pool)
    elif isinstance(node, list):
        for item in node:
            paragraphs_of(item, pool)


def redraw_paragraphs(node, pool, rng):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "paragraphs" and isinstance(value, list):
                node[key] = [rng.choice(pool) if isinstance(p, str) else p for p in value]
            else:
                redraw_paragraphs(value, pool, rng)
    elif isinstance(node, list):
        for item in node:
            redraw_paragraphs(item, pool, rng)


def decimals(value):
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def scale(value, factor):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if isinstance(value, int):
        return int(round(value * factor))
    return round(value * factor, decimals(value))


def make(base, pool, index, rng):
    p = copy.deepcopy(base)
    name = "".join(rng.choice(CHARS) for _ in range(2))
    p["id"] = "d%05d" % index
    p["name"] = {"zh": name + "区", "en": "Synthetic District %d" % index}
    factor = rng.uniform(0.5, 1.5)
    for ind in p.get("indicators", []):
        ind["value"] = scale(ind.get("value"), factor * rng.uniform(0.95, 1.05))
        for key in ("scope",):
            if isinstance(ind.get(key), str) and ind[key] == base["name"]["zh"]:
                ind[key] = p["name"]["zh"]
    redraw_paragraphs(p.get("documents", []), pool, rng)
    return p


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out_dir")
    ap.add_argument("--base", default=os.path.join(here, "..", "data", "haidian.json"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not 1 <= args.n <= 100000:
        sys.exit("gen_profiles.py: N must be 1 to 100000")
    with open(args.base, encoding="utf-8") as f:
        base = json.load(f)
    base.pop("$schema", None)
    pool = []
    paragraphs_of(base.get("documents", []), pool)
    if not pool:
        sys.exit("gen_profiles.py: the base profile has no paragraphs")
    os.makedirs(args.out_dir, exist_ok=True)
    rng = random.Random(args.seed)
    for i in range(1, args.n + 1):
        p = make(base, pool, i, rng)
        path = os.path.join(args.out_dir, "%s.json" % p["id"])
        with open(path, "w", encoding="utf-8") as f:
            json.dump(p, f, ensure_ascii=False, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
