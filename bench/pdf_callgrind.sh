#!/usr/bin/env bash
# pdf_callgrind.sh — instructions per PDF of data/haidian.json in a batch, counted by callgrind
# (repeatable on a busy machine, unlike times). Exports copies of the profile (ids h1…hN, so the
# batch is legal) with one worker, once with 1 copy and once with N, and prints the worker's
# instructions for each and their difference per extra document: the per-document cost with
# the per-worker set-up (fonts opened, fontconfig, plugins loaded) taken out.
#
# Usage: bench/pdf_callgrind.sh [BUILD_DIR] [N] [FORMATS]   (defaults: build, 5, pdf)
# Nothing here is asserted.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
n=${2:-5}
formats=${3:-pdf}
dossier=$build/bin/dossier
command -v valgrind >/dev/null || { echo "needs valgrind" >&2; exit 2; }
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/pdf-callgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work
mkdir -p "$work/p1" "$work/pn"
for ((i = 1; i <= n; i++)); do
  sed "0,/\"id\": \"haidian\"/s//\"id\": \"h$i\"/" "$src/data/haidian.json" >"$work/pn/h$i.json"
done
cp "$work/pn/h1.json" "$work/p1/"
# worker_instructions DIR: the instructions of the worker process (the largest count that is
# not the parent's: the parent only loads and checks).
worker_instructions() {
  rm -f "$work"/cg.*
  valgrind -q --tool=callgrind --trace-children=yes --callgrind-out-file="$work/cg.%p" \
    "$dossier" export -q -j 1 -f "$formats" -o "$work/out" "$1" >/dev/null 2>&1
  for f in "$work"/cg.*; do
    awk '/^summary:/ { print $2 }' "$f"
  done | sort -n | tail -1
}
one=$(worker_instructions "$work/p1")
many=$(worker_instructions "$work/pn")
per=$(( (many - one) / (n - 1) ))
printf 'worker instructions: 1 document %d, %d documents %d; per extra document %d (%.1f M)\n' \
  "$one" "$n" "$many" "$per" "$(echo "$per / 1000000" | bc -l)"
