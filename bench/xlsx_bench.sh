#!/usr/bin/env bash
# xlsx_bench.sh — measures the XLSX export: peak memory (/usr/bin/time -v, maximum resident set
# size) and wall time of a synthetic profile of N indicators (bench/xlsx_synth.py, default
# 100,000) with [xlsx] constant_memory off and on, printed as a table; then the time of a normal
# export of data/haidian.json (hyperfine when installed, else ten timed runs).
#
# Loading a large profile needs more memory than exporting it, so the process's peak RSS hides
# what the export holds. With valgrind installed (and MASSIF=1, the default) each export also
# runs under massif and bench/xlsx_massif.py reports the peak heap held below the core's
# export_run: the plugin and libxlsxwriter, the figure constant_memory changes. Under massif a
# 100,000-indicator export takes a few minutes; MASSIF=0 skips it.
#
# Usage: [MASSIF=0] bench/xlsx_bench.sh [BUILD_DIR] [N]      (BUILD_DIR default: build)
# Nothing here is asserted: the numbers are for the record (see the report / README).
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
n=${2:-100000}
dossier=$build/bin/dossier
[ -x "$dossier" ] || { echo "no $dossier: build first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/xlsx-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

profile=$work/synthetic.json
/usr/bin/python3 "$src/bench/xlsx_synth.py" "$n" "$profile" "$src"
"$dossier" validate -q "$profile"
echo "profile: $n synthetic indicators, $(du -k "$profile" | cut -f1) KiB of JSON"
echo

# The baseline: validating loads the profile, without any export.
/usr/bin/time -v -o "$work/time-validate" "$dossier" validate -q "$profile"

massif=${MASSIF:-1}
command -v valgrind >/dev/null || massif=0
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

printf '%-22s %14s %18s %10s %11s\n' "run" "peak RSS (MiB)" "export heap (MiB)" "wall (s)" \
  "xlsx (KiB)"
row() { # label time-file output export-heap
  local rss wall size
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$2")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$2" |
         awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
  size=${3:+$(du -k "$3" | cut -f1)}
  printf '%-22s %14s %18s %10s %11s\n' "$1" "$rss" "${4:--}" "$wall" "${size:--}"
}
row "load only (validate)" "$work/time-validate" "" ""
for cm in false true; do
  args=(export -q -f xlsx --set core.isolate=false --set xlsx.constant_memory=$cm)
  /usr/bin/time -v -o "$work/time-$cm" "$dossier" "${args[@]}" -o "$work/out-$cm" "$profile"
  heap=""
  if [ "$massif" = 1 ]; then
    valgrind -q --tool=massif --detailed-freq=1 --threshold=0.1 \
      --massif-out-file="$work/massif-$cm" "$dossier" "${args[@]}" -o "$work/m-$cm" "$profile"
    heap=$(mib "$(/usr/bin/python3 "$src/bench/xlsx_massif.py" "$work/massif-$cm" | cut -d' ' -f2)")
  fi
  row "constant_memory=$cm" "$work/time-$cm" "$work/out-$cm/synthetic$n.xlsx" "$heap"
done
echo

echo "normal export: data/haidian.json → xlsx"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 2 --runs 20 --style basic \
    "$dossier export -q -f xlsx -o $work/haidian $src/data/haidian.json"
else
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    /usr/bin/time -f '%e s' "$dossier" export -q -f xlsx -o "$work/haidian" "$src/data/haidian.json"
  done
fi
