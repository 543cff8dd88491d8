#!/usr/bin/python3
"""check_schema.py — validates the shipped profiles against data/profile.schema.json with a
real JSON Schema validator (python3-jsonschema, draft 2020-12), and checks that the schema's
unit list is the core's unit table (core/src/units.c)."""
import json
import re
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

root = Path(sys.argv[1])
schema = json.loads((root / "data/profile.schema.json").read_text(encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)

profiles = [root / "data/haidian.json", *sorted((root / "tests/data/good").glob("*.json"))]
failures = 0
for path in profiles:
    errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
    for e in errors:
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
    failures += bool(errors)

# The schema must also reject what the loader rejects; a few representative cases.
bad = json.loads((root / "data/haidian.json").read_text(encoding="utf-8"))
bad["indicators"][0]["unit"] = "furlongs"
bad["id"] = "../../etc/passwd"
if validator.is_valid(bad):
    print("schema accepts an unknown unit and a path as id")
    failures += 1

units_c = (root / "core/src/units.c").read_text(encoding="utf-8")
core_units = set(re.findall(r'^\s*\{"([^"]+)", UNIT_', units_c, re.M))
text = json.dumps(schema, ensure_ascii=False)
schema_units = None
def find_units(node):
    global schema_units
    if isinstance(node, dict):
        if "enum" in node and "亿元" in node["enum"]:
            schema_units = set(node["enum"])
        for v in node.values():
            find_units(v)
    elif isinstance(node, list):
        for v in node:
            find_units(v)
find_units(schema)
if schema_units != core_units:
    print(f"schema units differ from core/src/units.c: {sorted((schema_units or set()) ^ core_units)}")
    failures += 1

checks = len(profiles) + 2
print(f"{checks - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
