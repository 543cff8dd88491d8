#!/usr/bin/env bash
# test_package.sh — the Debian packages as a user gets them: `cpack -G DEB` builds
# dossier_<version>_amd64.deb and dossier-dev_<version>_all.deb; their control data (Depends,
# conffiles) and contents are checked with dpkg-deb, lintian finds nothing; both are extracted
# into a scratch root (dpkg -x) where the installed dossier finds its plugins relative to
# itself, exports every format byte for byte as the build tree does, man renders the installed
# page, dossier-check-plugin and pkg-config work from the SDK package. In CI (CI=true, root,
# dossier not installed yet) the packages are also installed with dpkg -i, used, and purged.
# Usage: test_package.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -uo pipefail
build=$1
src=$2
work=$3
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { # check NAME COMMAND… — a check that is a command
  if "${@:2}"; then ok "$1"; else bad "$1"; fi
}
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

rm -rf "$work"
mkdir -p "$work/pkg"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[ -n "$version" ] || { bad "no version in CPackConfig.cmake"; finish; }

# 1. Build the packages (into the scratch folder, not the build folder).
if cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1; then
  ok "cpack -G DEB"
else
  bad "cpack -G DEB"; cat "$work/cpack.log"; finish
fi
deb=$work/pkg/dossier_${version}_amd64.deb
dev=$work/pkg/dossier-dev_${version}_all.deb
check "dossier_${version}_amd64.deb built" test -f "$deb"
check "dossier-dev_${version}_all.deb built" test -f "$dev"
[ -f "$deb" ] && [ -f "$dev" ] || finish

# 2. Control data.
field() { dpkg-deb -f "$1" "$2"; }
check "Package: dossier" test "$(field "$deb" Package)" = dossier
check "Version: $version" test "$(field "$deb" Version)" = "$version"
check "Architecture: amd64" test "$(field "$deb" Architecture)" = amd64
depends=$(field "$deb" Depends)
echo "     Depends: $depends"
for d in libhpdf-2.3.0 libxlsxwriter4 libharfbuzz-subset0 libfontconfig1 libzip4 libjansson4 \
         libiniparser1 libunibreak libutf8proc2 libc6 \
         fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei; do
  check "dossier Depends on $d" grep -qE "(^|, )$d[0-9]*( |,|$)" <<< "$depends"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles > "$work/conffiles" 2>/dev/null
check "conffiles: /etc/dossier/dossier.ini" grep -qx /etc/dossier/dossier.ini "$work/conffiles"
check "Package: dossier-dev" test "$(field "$dev" Package)" = dossier-dev
check "dossier-dev Depends on dossier (= $version)" \
  grep -qF "dossier (= $version)" <<< "$(field "$dev" Depends)"

# 3. Contents.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' > "$work/deb.files"
dpkg-deb -c "$dev" | awk '{print $6}' | sed 's|^\./|/|' > "$work/dev.files"
has() { grep -qxF "$2" "$work/$1.files"; }
formats=$(ls "$build/plugins" | sed -n 's/^dossier-\(.*\)\.so$/\1/p')
for f in /usr/bin/dossier /etc/dossier/dossier.ini /usr/share/man/man1/dossier.1.gz \
         /usr/share/bash-completion/completions/dossier /usr/share/dossier/profile.schema.json \
         /usr/share/doc/dossier/copyright /usr/share/doc/dossier/changelog.gz; do
  check "dossier contains $f" has deb "$f"
done
for f in $formats; do
  check "dossier contains the $f plugin" has deb "/usr/lib/dossier/plugins/dossier-$f.so"
done
for f in /usr/include/dossier/plugin.h /usr/include/dossier/brief.h \
         /usr/include/dossier/model.h /usr/include/dossier/plugin_util.h \
         /usr/share/pkgconfig/dossier-plugin.pc /usr/lib/cmake/Dossier/DossierConfig.cmake \
         /usr/lib/cmake/Dossier/DossierConfigVersion.cmake \
         /usr/lib/cmake/Dossier/DossierAddPlugin.cmake /usr/bin/dossier-check-plugin \
         /usr/share/man/man1/dossier-check-plugin.1.gz /usr/share/dossier/fixtures/haidian.json \
         /usr/share/doc/dossier-dev/copyright; do
  check "dossier-dev contains $f" has dev "$f"
done
check "no file in both packages" \
  test -z "$(comm -12 <(grep -v '/$' "$work/deb.files" | sort) <(grep -v '/$' "$work/dev.files" | sort))"
check "nothing under /usr/local or /usr/etc" \
  test -z "$(grep -hE '^/usr/(local|etc)/' "$work/deb.files" "$work/dev.files")"

# 4. lintian (when installed: scripts/install-deps.sh --test installs it).
if command -v lintian > /dev/null; then
  lintian --tag-display-limit 0 "$deb" "$dev" > "$work/lintian.txt" 2>&1
  if grep -E '^[EW]: ' "$work/lintian.txt" > "$work/lintian.bad"; then
    bad "lintian reports errors or warnings:"; cat "$work/lintian.bad"
  else
    ok "lintian: no error, no warning"
  fi
else
  echo "skip lintian (not installed)"
fi

# 5. Extracted into a scratch root: the installed binary finds its plugins beside itself.
root=$work/root
dpkg -x "$deb" "$root" && dpkg -x "$dev" "$root"
export -n DOSSIER_PLUGIN_PATH DOSSIER_CONFIG
unset DOSSIER_PLUGIN_PATH DOSSIER_CONFIG
"$root/usr/bin/dossier" plugins > "$work/plugins.txt" 2> "$work/plugins.err"
for f in $formats; do
  check "installed dossier loads $f from the package" \
    grep -qF "$root/usr/lib/dossier/plugins/dossier-$f.so" "$work/plugins.txt"
done
check "dossier plugins: no warning" test ! -s "$work/plugins.err"
check "installed dossier exports every format" \
  "$root/usr/bin/dossier" export -q -f all -o "$work/out-pkg" "$src/data/haidian.json"
check "build-tree dossier exports every format" \
  "$build/bin/dossier" export -q -f all -o "$work/out-build" "$src/data/haidian.json"
for f in $formats; do
  ext=$(awk -v f="$f" '$1 == f { print substr($3, 2) }' "$work/plugins.txt")
  check "$f: the package's output is the build tree's, byte for byte" \
    cmp -s "$work/out-pkg/haidian.$ext" "$work/out-build/haidian.$ext"
done
check "the shipped configuration is accepted as it is" env DOSSIER_CONFIG="$root/etc/dossier/dossier.ini" \
  "$root/usr/bin/dossier" validate -q "$src/data/haidian.json"
bash "$src/tests/package/check_man.sh" "$root/usr/bin/dossier" \
  "$root/usr/share/man/man1/dossier.1.gz" "$root/usr/share/man/man1/dossier-check-plugin.1.gz" \
  > "$work/man.log" 2>&1
check "man -l renders the installed pages; dossier(1) names every option" test $? -eq 0 \
  || cat "$work/man.log"
check "the installed completion completes formats" bash -c \
  "source '$root/usr/share/bash-completion/completions/dossier'
   COMP_WORDS=('$root/usr/bin/dossier' export -f p); COMP_CWORD=3; _dossier
   [ \"\${COMPREPLY[*]}\" = pdf ]"
# The SDK from dossier-dev.
check "dossier-check-plugin (from the package) passes on txt" \
  bash -c "'$root/usr/bin/dossier-check-plugin' txt > '$work/check-plugin.log' 2>&1"
pcdir=$root/usr/share/pkgconfig
cflags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags dossier-plugin | sed "s/ *$//")
check "pkg-config finds the SDK's headers in the root" \
  test "$(realpath -m "${cflags#-I}")" = "$(realpath "$root/usr/include")"
check "pkg-config's plugindir is the package's" \
  test "$(realpath -m "$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=plugindir dossier-plugin)")" \
       = "$(realpath "$root/usr/lib/dossier/plugins")"

# 6. In CI, as root: install them for real, use them, purge them.
if [ "${CI:-}" = true ] && [ "$(id -u)" -eq 0 ] && ! dpkg-query -W dossier > /dev/null 2>&1; then
  if dpkg -i "$deb" "$dev" > "$work/dpkg.log" 2>&1; then
    ok "dpkg -i dossier dossier-dev"
    check "dossier on PATH is the package's" test "$(command -v dossier)" = /usr/bin/dossier
    check "installed with dpkg: exports every format" \
      dossier export -q -f all -o "$work/out-dpkg" "$src/data/haidian.json"
    check "installed with dpkg: the same PDF" cmp -s "$work/out-dpkg/haidian.pdf" "$work/out-build/haidian.pdf"
    check "man dossier finds the page" test "$(man -w dossier)" = /usr/share/man/man1/dossier.1.gz
    check "dpkg knows the conffile" grep -qF /etc/dossier/dossier.ini \
      <<< "$(dpkg-query -W -f='${Conffiles}' dossier)"
  else
    bad "dpkg -i"; cat "$work/dpkg.log"
  fi
  dpkg --purge dossier-dev dossier > "$work/purge.log" 2>&1 || { bad "dpkg --purge"; cat "$work/purge.log"; }
  check "purged: no /etc/dossier left" test ! -e /etc/dossier
else
  echo "skip dpkg -i (only in CI, as root, with no dossier package installed)"
fi

finish
