#!/usr/bin/env bash
# install-deps.sh — installs the Debian 12 packages dossier needs to build and test.
# Runs apt-get as root, or through sudo when not root. Safe to run again.
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config
  # core
  libjansson-dev libiniparser-dev libunibreak-dev libutf8proc-dev
  # pdf plugin: libharu, HarfBuzz subsetting, fontconfig, the CJK fonts
  libhpdf-dev libharfbuzz-dev libfontconfig-dev
  fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei
  # xlsx plugin
  libxlsxwriter-dev
  # docx and ofd plugins (the packages are zipped in memory)
  libzip-dev
  # tests, with real readers
  libcriterion-dev python3 python3-jsonschema valgrind libxml2-utils
  poppler-utils qpdf mupdf-tools python3-pil python3-openpyxl libreoffice-calc-nogui
  cmark-gfm python3-markdown chromium libreoffice-writer-nogui python3-docx
  # ofd tests: the reader ofd.js 0.2.6 comes from the npm registry (into the build tree) and
  # runs in headless Chromium; xmllint (libxml2-utils) checks the parts against the schemas
  nodejs npm
  # sanitizers and fuzzing (clang's libFuzzer and runtimes)
  clang libclang-rt-14-dev
  # bench/: the peers dossier is measured against
  python3-reportlab python3-xlsxwriter hyperfine time
)

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
else
  as_root=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
