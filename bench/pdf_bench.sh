#!/usr/bin/env bash
# pdf_bench.sh — measures the PDF export: wall time, CPU time (user + system) and peak memory
# (/usr/bin/time -v, maximum resident set size) of `dossier export -f pdf`, median (and min/max
# of the wall time) of RUNS runs, on tmpfs (/dev/shm when it exists) so file creation does
# not swamp what is measured. Rows: loading only (dossier validate), the official brief of data/haidian.json in process and in a
# child process ([core] isolate), the compact style, the second profile, and the glyph sheet.
#
# Usage: bench/pdf_bench.sh [BUILD_DIR] [RUNS]        (defaults: build, 11)
# Nothing here is asserted: the numbers are for the record (see the report / docs/pdf.md).
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
runs=${2:-11}
dossier=$build/bin/dossier
[ -x "$dossier" ] || { echo "no $dossier: build first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/pdf-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work # the font subsets' temporary files, too

haidian=$src/data/haidian.json
second=$src/tests/data/good/qingxi.json

# measure LABEL OUTPUT-FILE ARGS...: RUNS timed runs (after one warm-up), one table row.
measure() {
  local label=$1 output=$2
  shift 2
  "$dossier" "$@" >/dev/null 2>&1 || { echo "failed: dossier $*" >&2; exit 1; }
  : >"$work/samples"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v -o "$work/t" "$dossier" "$@" >/dev/null 2>&1
    awk -F': ' '
      /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
      /Maximum resident set size/ { rss = $2 }
      /User time \(seconds\)/ { cpu += $2 }
      /System time \(seconds\)/ { cpu += $2 }
      END { printf "%.4f %d %.4f\n", wall, rss, cpu }' "$work/t" >>"$work/samples"
  done
  local size=-
  [ -n "$output" ] && [ -f "$output" ] && size=$(( $(stat -c %s "$output") / 1024 ))
  local rss cpu
  rss=$(sort -n -k2,2 "$work/samples" | awk '{ r[NR] = $2 } END { print r[int((NR + 1) / 2)] }')
  cpu=$(sort -n -k3,3 "$work/samples" | awk '{ r[NR] = $3 } END { print r[int((NR + 1) / 2)] }')
  sort -n -k1,1 "$work/samples" | awk -v label="$label" -v size="$size" -v rss="$rss" \
    -v cpu="$cpu" '
    { w[NR] = $1 }
    END {
      m = int((NR + 1) / 2)
      printf "%-34s %9.0f %9.0f %9.0f %9.0f %10.1f %9s\n", label, w[m] * 1000, w[1] * 1000,
             w[NR] * 1000, cpu * 1000, rss / 1024, size
    }'
}

echo "dossier export -f pdf, $runs runs each on $base ($(nproc) CPUs, $(date -u +%Y-%m-%d))"
printf '%-34s %9s %9s %9s %9s %10s %9s\n' "run" "median ms" "min ms" "max ms" "CPU ms" \
  "peak MiB" "size KiB"
measure "load only (validate haidian)" "" validate -q "$haidian"
measure "haidian, official, in process" "$work/a/haidian.pdf" \
  export -q -f pdf -o "$work/a" --set core.isolate=false "$haidian"
measure "haidian, official, child process" "$work/b/haidian.pdf" \
  export -q -f pdf -o "$work/b" --set core.isolate=true "$haidian"
measure "haidian, compact" "$work/c/haidian.pdf" \
  export -q -f pdf -o "$work/c" --set core.isolate=false --set pdf.style=compact "$haidian"
measure "qingxi (second profile)" "$work/d/qingxi.pdf" \
  export -q -f pdf -o "$work/d" --set core.isolate=false "$second"
measure "haidian, glyph sheet" "$work/e/haidian.pdf" \
  export -q -f pdf -o "$work/e" --set core.isolate=false --set pdf.glyph_sheet=true "$haidian"
