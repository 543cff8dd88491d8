#!/usr/bin/env bash
# big_profile.sh — every format stays linear in the profile's size (issue 15.2): a profile of
# 50,000 indicators, each with a note, exported in every format with the table of all
# indicators, under a virtual-memory limit; each worker's peak resident memory (from the
# --report) stays under 400 MB, and every output holds the last indicator.
# Usage: big_profile.sh DOSSIER WORKDIR
set -uo pipefail
dossier=$1 work=$2
rm -rf "$work"
mkdir -p "$work"
/usr/bin/python3 - "$work/big.json" <<'PY'
import json, sys
n = 50000
inds = [{"id": f"i{i}", "name": f"指标{i}", "value": i + 0.5, "unit": "万元", "period": "2024",
         "scope": "大区", "source": {"document": "s"}, "note": f"注{i}"} for i in range(n)]
p = {"format": 1, "id": "big", "name": {"zh": "大区"}, "as_of": "2024-12-31",
     "sources": [{"id": "s", "title": "统计公报"}],
     "documents": [{"source": "s", "title": "统计公报", "paragraphs": ["全年经济平稳运行。"]}],
     "indicators": inds}
json.dump(p, open(sys.argv[1], "w"), ensure_ascii=False)
PY
fail=0
(ulimit -v 3000000; "$dossier" export -q -f all -j 1 -o "$work/out" --set brief.table=all \
  --report "$work/report.json" "$work/big.json") || { echo "FAIL: export exit $?"; fail=1; }
/usr/bin/python3 - "$work" <<'PY' || fail=1
import json, os, subprocess, sys
work = sys.argv[1]
r = json.load(open(os.path.join(work, "report.json")))
bad = 0
for w in r["workers"]:
    mb = w["max_rss_kb"] / 1024
    ok = mb < 400
    print(("ok  " if ok else "FAIL") + f" worker peak memory {mb:.0f} MB (limit 400 MB)")
    bad += not ok
last = "指标49999"
for f in sorted(os.listdir(os.path.join(work, "out"))):
    path = os.path.join(work, "out", f)
    if f.endswith(".pdf"):
        text = subprocess.run(["pdftotext", "-f", "1", path, "-"], stdout=subprocess.PIPE,
                              text=True).stdout
    elif f.endswith(".xlsx"):
        import zipfile
        z = zipfile.ZipFile(path)
        # shared strings, or inline in the sheets when the rows are streamed
        # ([xlsx] constant_memory_above)
        text = "".join(z.read(n).decode() for n in z.namelist()
                       if n.startswith(("xl/sharedStrings", "xl/worksheets/")))
    elif f.endswith((".ofd", ".docx")):  # zipped XML parts: the text of every part
        import re, zipfile
        z = zipfile.ZipFile(path)
        text = "".join(re.sub(r"<[^>]*>", "", z.read(n).decode())
                       for n in z.namelist() if n.endswith(".xml"))
    else:
        text = open(path, encoding="utf-8-sig").read()
    ok = last in text and "注49999" in text
    print(("ok  " if ok else "FAIL") + f" {f} holds the last indicator and its note")
    bad += not ok
sys.exit(1 if bad else 0)
PY
exit $fail
