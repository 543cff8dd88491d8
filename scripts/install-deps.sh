#!/usr/bin/env bash
# install-deps.sh — installs the Debian 12 packages dossier needs.
#
#   scripts/install-deps.sh           build and run: compiler, libraries, CJK fonts (the minimum)
#   scripts/install-deps.sh --test    also everything the CTest suite calls (real readers,
#                                     sanitizers, fuzzing, packaging, PDF/A validator …)
#   scripts/install-deps.sh --bench   also the peers bench/ measures dossier against
#   scripts/install-deps.sh --all     all of the above
#   scripts/install-deps.sh --list …  print the packages the other options select, install nothing
#
# Runs apt-get as root, or through sudo when not root. Safe to run again: only missing packages
# are installed. One package a line, in named groups, so that branches adding packages merge.
set -euo pipefail

# --- build and run (always) ---------------------------------------------------------------
build=(
  build-essential
  cmake
  pkg-config
)
# core: JSON, INI, line breaking, East Asian width
core=(
  libjansson-dev
  libiniparser-dev
  libunibreak-dev
  libutf8proc-dev
)
# pdf plugin: libharu, HarfBuzz subsetting, fontconfig, libdeflate (the streams' compression),
# the CJK fonts, the sRGB profile built into PDF/A output
pdf=(
  libhpdf-dev
  libdeflate-dev
  libharfbuzz-dev
  libfontconfig-dev
  fonts-arphic-uming
  fonts-arphic-ukai
  fonts-wqy-zenhei
  icc-profiles-free
)
# xlsx plugin
xlsx=(
  libxlsxwriter-dev
)
# docx and ofd plugins (the packages are zipped in memory)
docx=(
  libzip-dev
)

# --- tests (--test) -----------------------------------------------------------------------
# unit tests and the checking scripts
test_core=(
  libcriterion-dev
  python3
  python3-jsonschema
  libxml2-utils
)
# the documents opened with real readers
test_readers=(
  # fonts with characters beyond U+FFFF (CJK Extension B …) for [pdf]/[ofd] fallback_fonts
  fonts-hanazono
  poppler-utils
  qpdf
  mupdf-tools
  python3-pil
  python3-openpyxl
  libreoffice-calc-nogui
  libreoffice-writer-nogui
  python3-docx
  cmark-gfm
  python3-markdown
  chromium
  # ofd: the reader ofd.js 0.2.6 comes from the npm registry (into the build tree) and runs
  # in headless Chromium
  nodejs
  npm
)
# reliability: valgrind, sanitizers and fuzzing (clang's libFuzzer and runtimes)
test_security=(
  valgrind
  clang
  libclang-rt-14-dev
)
# packaging: cpack -G DEB (dpkg-shlibdeps needs `file`), lintian, the man page, completion
test_package=(
  file
  lintian
  man-db
  groff-base
)
# PDF/A: Apache PDFBox Preflight on Java 17
test_pdfa=(
  openjdk-17-jre-headless
  libpdfbox2-java
  libactivation-java
  libjaxb-api-java
  libcommons-logging-java
)

# --- bench/ (--bench): the peers dossier is measured against ----------------------------------
bench=(
  python3-reportlab
  python3-xlsxwriter
  hyperfine
  time
)

runtime_groups=(build core pdf xlsx docx)
test_groups=(test_core test_readers test_security test_package test_pdfa)
bench_groups=(bench)

groups=("${runtime_groups[@]}")
list_only=false
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --test) groups+=("${test_groups[@]}") ;;
    --bench) groups+=("${bench_groups[@]}") ;;
    --all) groups+=("${test_groups[@]}" "${bench_groups[@]}") ;;
    --list) list_only=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-deps.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

packages=()
declare -A seen=()
for g in "${groups[@]}"; do
  declare -n group="$g"
  for p in "${group[@]}"; do
    if [ -z "${seen[$p]:-}" ]; then
      seen[$p]=1
      packages+=("$p")
    fi
  done
  unset -n group
done

if $list_only; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
else
  as_root=(sudo)
fi

# A command some machines have from elsewhere (Node.js from its own packages, whose nodejs
# conflicts with Debian's npm): such a package is skipped when its command is on the PATH.
declare -A provides=([nodejs]=node [npm]=npm)
missing=()
for p in "${packages[@]}"; do
  if [ -n "${provides[$p]:-}" ] && command -v "${provides[$p]}" >/dev/null 2>&1; then
    continue
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
