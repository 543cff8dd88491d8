#!/usr/bin/env bash
# test_sdk.sh — installs dossier into a temporary prefix, builds the example plugin out of
# tree against it twice (pkg-config with a plain compiler line; find_package(Dossier)),
# and exports with each build through DOSSIER_PLUGIN_PATH.
# Usage: test_sdk.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { # check NAME COMMAND...
  if "${@:2}"; then pass=$((pass + 1)); else echo "FAIL: $1"; fail=$((fail + 1)); fi
}

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
pcdir=$(dirname "$(find "$tmp/prefix" -name dossier-plugin.pc)")

# 1. pkg-config and a plain compiler line
mkdir -p "$tmp/pc"
cflags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags dossier-plugin)
plugindir=$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=plugindir dossier-plugin)
check "pkg-config plugindir exists" test -d "$plugindir"
check "plain compiler build" cc -std=c17 -Wall -Wextra -Werror -shared -fPIC $cflags \
  "$src/examples/figures/figures.c" -o "$tmp/pc/dossier-figures.so"

# 2. find_package(Dossier) and dossier_add_plugin
check "find_package configure" cmake -S "$src/examples/figures" -B "$tmp/cm" \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_C_FLAGS="-Wall -Wextra -Werror" >/dev/null
check "find_package build" cmake --build "$tmp/cm" >/dev/null
check "module named dossier-figures.so" test -f "$tmp/cm/dossier-figures.so"

# Export with each build through DOSSIER_PLUGIN_PATH, using the installed dossier.
for dir in "$tmp/pc" "$tmp/cm"; do
  rm -rf "$tmp/out"
  check "export with $dir" env DOSSIER_PLUGIN_PATH="$dir" "$tmp/prefix/bin/dossier" export -q \
    -f figures -o "$tmp/out" "$src/data/haidian.json"
  check "header line" grep -q "^name	figure	period	scope$" "$tmp/out/haidian.tsv"
  check "a figure as stated" grep -q "^地区生产总值	7926.0亿元	2019年	海淀区$" "$tmp/out/haidian.tsv"
done
env DOSSIER_PLUGIN_PATH="$tmp/cm" "$tmp/prefix/bin/dossier" plugins --verbose > "$tmp/plugins.txt"
check "plugins --verbose lists the example's option" grep -q "\[figures\] header (boolean" "$tmp/plugins.txt"
rm -rf "$tmp/out"
env DOSSIER_PLUGIN_PATH="$tmp/cm" "$tmp/prefix/bin/dossier" export -q -f figures \
  --set figures.header=false -o "$tmp/out" "$src/data/haidian.json"
check "option header=false honoured" bash -c "! grep -q '^name	' '$tmp/out/haidian.tsv'"

# 3. ABI 1.0: the example built against the 1.0 headers as released still loads and writes
#    the same file in this (1.1) host.
mkdir -p "$tmp/abi10"
check "build against the ABI 1.0 headers" cc -std=c17 -Wall -Wextra -Werror -shared -fPIC \
  -I"$src/tests/sdk/abi-1.0" "$src/examples/figures/figures.c" -o "$tmp/abi10/dossier-figures.so"
check "it says ABI 1.0" bash -c "env DOSSIER_PLUGIN_PATH='$tmp/abi10' '$tmp/prefix/bin/dossier' \
  plugins --verbose 2>&1 | grep -q 'ABI 1.0'"
rm -rf "$tmp/out" "$tmp/out11"
check "export with the 1.0 build" env DOSSIER_PLUGIN_PATH="$tmp/abi10" "$tmp/prefix/bin/dossier" \
  export -q -f figures -o "$tmp/out" "$src/data/haidian.json"
env DOSSIER_PLUGIN_PATH="$tmp/cm" "$tmp/prefix/bin/dossier" export -q -f figures \
  -o "$tmp/out11" "$src/data/haidian.json"
check "same output as the 1.1 build" cmp "$tmp/out/haidian.tsv" "$tmp/out11/haidian.tsv"

# 4. The installed test kit on the out-of-tree plugin: dossier-check-plugin with the
#    installed fixtures.
check "dossier-check-plugin on the example (1.1)" "$tmp/prefix/bin/dossier-check-plugin" \
  --plugin-dir "$tmp/cm" figures
check "dossier-check-plugin on the example (1.0)" "$tmp/prefix/bin/dossier-check-plugin" \
  --plugin-dir "$tmp/abi10" figures
# 5. A document format on the brief tree (examples/briefxml): walker, in-memory output, XML
#    escaping, reproducible time; the XML it writes is well-formed for every template.
mkdir -p "$tmp/bx"
check "build the briefxml example" cc -std=c17 -O2 -Wall -Wextra -Werror -shared -fPIC $cflags \
  "$src/examples/briefxml/briefxml.c" -o "$tmp/bx/dossier-briefxml.so"
check "dossier-check-plugin on briefxml" "$tmp/prefix/bin/dossier-check-plugin" \
  --plugin-dir "$tmp/bx" briefxml
rm -rf "$tmp/out"
check "briefxml official export" env DOSSIER_PLUGIN_PATH="$tmp/bx" "$tmp/prefix/bin/dossier" \
  export -q -f briefxml -o "$tmp/out" --set brief.template=official \
  --set "brief.issuer=北京市海淀区人民政府" --set "brief.cc=<区委&办>" "$src/data/haidian.json"
check "well-formed XML (xmllint)" xmllint --noout "$tmp/out/haidian.xml"
check "masthead and escaped colophon" bash -c "grep -q '北京市海淀区人民政府文件' '$tmp/out/haidian.xml' \
  && grep -q 'created=\"2020-06-30T00:00:00Z\"' '$tmp/out/haidian.xml'"
SOURCE_DATE_EPOCH=1700000000 env DOSSIER_PLUGIN_PATH="$tmp/bx" "$tmp/prefix/bin/dossier" \
  export -q -f briefxml -o "$tmp/out2" "$src/data/haidian.json"
check "SOURCE_DATE_EPOCH sets the time" grep -q 'created="2023-11-14T22:13:20Z"' "$tmp/out2/haidian.xml"
check "fixtures installed" test -f "$tmp/prefix/share/dossier/fixtures/haidian.json"
check "brief header installed" test -f "$tmp/prefix/include/dossier/brief.h"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
