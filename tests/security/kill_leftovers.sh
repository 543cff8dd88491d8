#!/usr/bin/env bash
# kill_leftovers.sh — what kill -9 leaves behind (issue 15.6):
#  1. temporary files of an earlier, killed run (outputs and state) are removed by the next run,
#     but only files of that exact pattern for this run's outputs, and only old ones: a user's
#     own hidden file and a concurrent run's fresh temporary file are kept;
#  2. a worker whose parent is killed with SIGKILL dies with it (PR_SET_PDEATHSIG), even while
#     its plugin hangs.
# Usage: kill_leftovers.sh DOSSIER PROFILE HANG_PLUGIN_DIR WORKDIR
set -uo pipefail
dossier=$1 profile=$2 hang_dir=$3 work=$4
rm -rf "$work"
out="$work/out"
mkdir -p "$out/.dossier-state"
id=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$profile")
old=("$out/.$id.txt.Ab3De9" "$out/.$id.md.x0x0x0" "$out/.dossier-state/.$id.txt.sha256.Zz9Yy8")
keep=("$out/.$id.txt.notes" "$out/.other.txt.Ab3De9" "$out/.$id.md.Fresh1")
for f in "${old[@]}" "${keep[@]}"; do echo partial > "$f"; done
touch -d '2 days ago' "${old[@]}" "$out/.$id.txt.notes" "$out/.other.txt.Ab3De9"
fail=0
"$dossier" export -f txt,md --skip-unchanged -o "$out" "$profile" 2>"$work/err" >/dev/null \
  || { echo "FAIL: export: $(cat "$work/err")"; fail=1; }
for f in "${old[@]}"; do
  [ -e "$f" ] && { echo "FAIL: left over: $f"; fail=1; }
done
for f in "${keep[@]}"; do
  [ -e "$f" ] || { echo "FAIL: removed what is not an old leftover of this run's outputs: $f"; fail=1; }
done
grep -q "removed 3 temporary files left by an earlier run" "$work/err" \
  || { echo "FAIL: no message about the leftovers: $(cat "$work/err")"; fail=1; }
[ $fail -eq 0 ] && echo "ok   old leftovers removed, everything else kept"

# 2. an orphaned worker
setsid "$dossier" export -q -f hang --plugin-dir "$hang_dir" --set core.plugin_timeout=0 \
  -o "$work/hang" "$profile" &
parent=$!
worker=""
for _ in $(seq 1 100); do
  worker=$(pgrep -P "$parent" | head -1)
  [ -n "$worker" ] && break
  sleep 0.1
done
if [ -z "$worker" ]; then
  echo "FAIL: no worker process appeared"; kill -9 "$parent"; exit 1
fi
sleep 0.5
kill -9 "$parent"
wait "$parent" 2>/dev/null
gone=0
for _ in $(seq 1 50); do
  if ! kill -0 "$worker" 2>/dev/null; then gone=1; break; fi
  sleep 0.1
done
if [ $gone -eq 1 ]; then
  echo "ok   the worker died with its killed parent"
else
  echo "FAIL: worker $worker outlived its killed parent"; kill -9 "$worker"; fail=1
fi
exit $fail
