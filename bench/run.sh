#!/bin/sh
# run.sh — the benchmark in one command: dossier against Python ReportLab + XlsxWriter, for
# one profile and for a batch, per document against them and against Typst
# (bench/typst/peer_typst.mjs), -j 2 against -j 1, memory per worker as the batch grows, and
# the memory of a 100,000-indicator profile exported as xlsx + csv.
# Prints Markdown tables (docs/performance.md records one run).
#
#   bench/run.sh                 # 1,000 profiles, peers on the same 1,000
#   bench/run.sh 100             # quick: 100 profiles
#   bench/run.sh 1000 --peer-n 100 --bin build/bin/dossier
#
# Needs: a built dossier (default build/bin/dossier), /usr/bin/time, python3-reportlab,
# python3-xlsxwriter, hyperfine (`scripts/install-deps.sh --bench` installs them); for the Typst
# peer, Node.js and `npm install` in bench/typst (node_modules is not committed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
n=1000
case "${1:-}" in
  ''|-*) ;;
  *) n=$1; shift ;;
esac
case "$n" in
  10|100) grow="10,100" ;;
  *) grow="10,100,$n" ;;
esac
exec /usr/bin/python3 "$here/bench.py" --n "$n" --grow "$grow" "$@"
