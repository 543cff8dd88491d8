#!/usr/bin/env bash
# fuzz.sh — builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded
# time on a copy of its seed corpus (fuzz/corpus/<target>) plus the inputs that once crashed it
# (tests/data/fuzz/<target>). A crash, leak, timeout or out-of-memory fails the run and leaves
# the input in $FUZZ_ARTIFACTS; add it to tests/data/fuzz/<target>/ as a regression test
# (replayed by the fuzz_regressions_<target> CTest tests in every build).
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
build=${FUZZ_BUILD_DIR:-build-fuzz}
artifacts=${FUZZ_ARTIFACTS:-$build/artifacts}
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DDOSSIER_FUZZ=ON -DDOSSIER_BUILD_TESTS=OFF \
  "-DDOSSIER_SKIP_FORMATS=pdf;xlsx;md;html;csv" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 --target fuzz_profile fuzz_config fuzz_text >/dev/null
mkdir -p "$artifacts"
status=0
for target in profile config text; do
  work=$(mktemp -d)
  cp -r fuzz/corpus/$target/. "$work/"
  if [ -d tests/data/fuzz/$target ]; then
    cp -r tests/data/fuzz/$target/. "$work/"
  fi
  echo "fuzz_$target: ${seconds}s"
  if ! "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -artifact_prefix="$artifacts/$target-" -print_final_stats=1 "$work" \
      > "$build/fuzz_$target.log" 2>&1; then
    echo "fuzz_$target FOUND A PROBLEM:"; tail -n 40 "$build/fuzz_$target.log"; status=1
    ls "$artifacts"/$target-* 2>/dev/null | sed "s|^|  input: |; s|\$| (copy it to tests/data/fuzz/$target/)|"
  else
    grep -E "stat::number_of_executed_units" "$build/fuzz_$target.log" || true
  fi
  rm -rf "$work"
done
exit $status
