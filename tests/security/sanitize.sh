#!/usr/bin/env bash
# sanitize.sh — the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer.
#   sanitize.sh build SRC DIR CC SKIP_FORMATS   configure DIR with -DDOSSIER_SANITIZE=ON, build
#                                               (SKIP_FORMATS comma-separated)
#   sanitize.sh test  SRC DIR EXCLUDE [ARGS...] run DIR's ctest (a part of it: -L pdf, …),
#                                               without tests matching EXCLUDE (a regex, or
#                                               -); any error or skipped test is fatal
# The executables (dossier, the Criterion suites) are instrumented, so the dlopen'd plugins
# (built with the same flags) run under ASan without LD_PRELOAD. The nested build registers
# no meta tests (-DDOSSIER_SECURITY_META_TESTS=OFF), so it does not recurse.
set -euo pipefail
mode=$1 src=$2 dir=$3

# Any report ends the process with a failure; leaks are reported at exit.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

case $mode in
build)
  cc=$4 skip=$(echo "${5:-}" | tr ',' ';')
  cmake -S "$src" -B "$dir" -DCMAKE_C_COMPILER="$cc" -DDOSSIER_SANITIZE=ON \
    -DDOSSIER_WERROR=ON -DDOSSIER_SECURITY_META_TESTS=OFF "-DDOSSIER_SKIP_FORMATS=$skip"
  cmake --build "$dir" -j2
  # Not silently unsanitized: the program and a plugin must carry the ASan runtime.
  for f in "$dir/bin/dossier" "$dir/plugins/dossier-txt.so"; do
    n=$(nm -D "$f" | grep -c '__asan_' || true)
    if [ "$n" -eq 0 ]; then
      echo "sanitize.sh: $f is not built with AddressSanitizer" >&2
      exit 1
    fi
  done
  echo "sanitize.sh: ASan + UBSan build ready in $dir"
  ;;
test)
  exclude=${4:-}
  [ "$exclude" = "-" ] && exclude=
  shift 4 || shift $#
  part=$(echo "${*:-all} $exclude" | tr -c 'a-zA-Z0-9\n' '_')
  log="$dir/sanitize-ctest-$part.log"
  status=0
  # valgrind cannot run an ASan program: tests that run valgrind themselves are excluded
  # here, by name, and listed (they run in the ordinary build).
  excluded=$(ctest --test-dir "$dir" -N -R valgrind | grep -Eo 'Test +#[0-9]+: .*' || true)
  if [ -n "$excluded" ]; then
    echo "sanitize.sh: not run under ASan (they run valgrind, which cannot run ASan code):"
    echo "$excluded" | sed 's/^/  /'
  fi
  ctest --test-dir "$dir" --output-on-failure --no-tests=error -j2 \
    -E "valgrind${exclude:+|$exclude}" "$@" 2>&1 \
    | tee "$log" || status=$?
  total=$(grep -Eo 'out of [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  if [ "$total" -lt 1 ]; then
    echo "sanitize.sh: the sanitizer build ran only $total tests" >&2
    exit 1
  fi
  # Nothing is skipped silently: a skipped test fails this one, by name.
  if grep -E '\*\*\*Skipped|Not Run' "$log" >&2; then
    echo "sanitize.sh: tests above were skipped in the sanitizer build" >&2
    exit 1
  fi
  exit $status
  ;;
*)
  echo "usage: sanitize.sh build SRC DIR CC SKIP_FORMATS | test SRC DIR EXCLUDE [ARGS...]" >&2
  exit 2
  ;;
esac
