#!/usr/bin/env bash
# state_races.sh — --skip-unchanged state that cannot lie (issue 15.3, 15.7):
#  1. two runs of two versions of one profile into one directory, concurrently, many rounds:
#     afterwards a --skip-unchanged run of version 1 must leave exactly version 1's outputs
#     (an output is hashed before its rename, and "unchanged" means the very bytes recorded);
#  2. a FIFO where a state file belongs does not hang a run;
#  3. a state folder that is a symlink is not followed (the run fails, writing nothing there).
# Usage: state_races.sh DOSSIER PROFILE WORKDIR [ROUNDS]
set -uo pipefail
dossier=$1 profile=$2 work=$3 rounds=${4:-30}
rm -rf "$work"
mkdir -p "$work/v1" "$work/v2" "$work/ref"
cp "$profile" "$work/v1/p.json"
# version 2: the same id, another subtitle (so every document format differs)
/usr/bin/python3 - "$profile" "$work/v2/p.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["subtitle"] = (p.get("subtitle") or "") + "（修订版）"
json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False)
PY
fail=0
formats=txt,md,html
"$dossier" export -q -f $formats -o "$work/ref" "$work/v1/p.json" || { echo "FAIL: reference"; exit 1; }
bad=0
for i in $(seq 1 "$rounds"); do
  out="$work/out"
  rm -rf "$out"
  "$dossier" export -q -f $formats --skip-unchanged -o "$out" "$work/v2/p.json" &
  "$dossier" export -q -f $formats --skip-unchanged -o "$out" "$work/v1/p.json" &
  "$dossier" export -q -f $formats --skip-unchanged -o "$out" "$work/v2/p.json" &
  wait
  "$dossier" export -q -f $formats --skip-unchanged -o "$out" "$work/v1/p.json"
  for f in "$work"/ref/*; do
    cmp -s "$f" "$out/${f##*/}" || { bad=$((bad + 1)); echo "round $i: ${f##*/} is not version 1's after a --skip-unchanged run of version 1"; }
  done
done
if [ $bad -eq 0 ]; then echo "ok   $rounds rounds of concurrent runs: never a stale output taken as current"; else fail=1; fi

# 2. a FIFO in the state folder
out="$work/fifo"
mkdir -p "$out/.dossier-state"
id=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$profile")
mkfifo "$out/.dossier-state/$id.txt.sha256"
if timeout 60 "$dossier" export -q -f txt --skip-unchanged -o "$out" "$profile"; then
  cmp -s "$out/$id.txt" "$work/ref/$id.txt" && echo "ok   a FIFO in the state folder does not hang the run" \
    || { echo "FAIL: wrong output with a FIFO in the state folder"; fail=1; }
else
  echo "FAIL: a FIFO in the state folder: exit $? (124: hung)"; fail=1
fi

# 3. the state folder is a symlink to somewhere else
out="$work/link"
mkdir -p "$out" "$work/elsewhere"
ln -s "$work/elsewhere" "$out/.dossier-state"
"$dossier" export -q -f txt --skip-unchanged -o "$out" "$profile" 2>"$work/err"
rc=$?
if [ $rc -eq 5 ] && [ -z "$(ls -A "$work/elsewhere")" ] && grep -q "symbolic link" "$work/err"; then
  echo "ok   a state folder that is a symlink is not followed (exit 5)"
else
  echo "FAIL: state folder symlink: exit $rc, elsewhere holds: $(ls -A "$work/elsewhere"), $(cat "$work/err")"; fail=1
fi
exit $fail
