#!/usr/bin/env bash
# fuzz_smoke.sh — runs scripts/fuzz.sh (each libFuzzer target for a bounded time, from its
# seed corpus and the regression inputs) in a build folder of the test tree.
# Exit 77 (skipped) only when clang is not installed; a missing libFuzzer runtime with clang
# present is a failure (install libclang-rt-14-dev).
# Usage: fuzz_smoke.sh SRC BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
src=$1 build=$2 seconds=$3
if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz_smoke.sh: clang is not installed; libFuzzer targets not run (SKIPPED)"
  exit 77
fi
FUZZ_BUILD_DIR="$build" FUZZ_ARTIFACTS="$build/artifacts" exec bash "$src/scripts/fuzz.sh" "$seconds"
