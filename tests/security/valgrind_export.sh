#!/usr/bin/env bash
# valgrind_export.sh — memcheck on a full export of a profile in every format: no memory
# error and no definite leak, in the core and in every plugin. Run twice: with plugins in
# process ([core] isolate=false) and in child processes (isolate=true; valgrind follows
# fork, and --trace-children follows any exec). --keep-debuginfo names plugin frames.
# Usage: valgrind_export.sh DOSSIER PROFILE WORKDIR
set -euo pipefail
dossier=$1 profile=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
formats=$("$dossier" plugins | awk 'NF >= 3 && $1 ~ /^[a-z0-9_-]+$/ {print $1}' | paste -sd, -)
count=$(echo "$formats" | tr ',' '\n' | grep -c . || true)
if [ "$count" -lt 1 ]; then
  echo "valgrind_export.sh: no plugins found" >&2
  exit 1
fi
echo "formats: $formats"
status=0
for isolate in false true; do
  out="$work/out-$isolate"
  if ! valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
      --show-leak-kinds=definite --trace-children=yes --keep-debuginfo=yes \
      --log-file="$work/valgrind-$isolate.%p.log" \
      "$dossier" export -q -f "$formats" -o "$out" --set "core.isolate=$isolate" "$profile"; then
    echo "valgrind_export.sh: isolate=$isolate: dossier or valgrind failed" >&2
    status=1
  fi
  for log in "$work"/valgrind-"$isolate".*.log; do
    if [ -s "$log" ]; then
      echo "--- $log" >&2
      cat "$log" >&2
      status=1
    fi
  done
  # Every format wrote its file (one output per format).
  n=$(ls "$out" | wc -l)
  if [ "$n" -ne "$count" ]; then
    echo "valgrind_export.sh: isolate=$isolate: $n outputs for $count formats" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "valgrind: no errors, no definite leaks ($count formats, twice)"
exit $status
