#!/usr/bin/env bash
# check_man.sh — dossier(1): renders with man and groff without a warning, and names every
# option `dossier --help` prints.
# Usage: check_man.sh DOSSIER_BIN MAN_PAGE [MAN_PAGE…]   (a page may be gzipped)
set -uo pipefail
bin=$1
shift
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for page in "$@"; do
  name=$(basename "$page")
  if MANWIDTH=80 man --warnings -l "$page" > "$tmp/$name.txt" 2> "$tmp/$name.err" \
      && [ ! -s "$tmp/$name.err" ] && [ -s "$tmp/$name.txt" ]; then
    ok "$name: man --warnings -l renders it without a warning"
  else
    bad "$name: man --warnings -l:"; cat "$tmp/$name.err"
  fi
  case $page in *.gz) zcat "$page" > "$tmp/$name.roff" ;; *) cp "$page" "$tmp/$name.roff" ;; esac
  if groff -ww -man -Tutf8 -z "$tmp/$name.roff" 2> "$tmp/$name.groff.err" \
      && [ ! -s "$tmp/$name.groff.err" ]; then
    ok "$name: groff -ww -man is silent"
  else
    bad "$name: groff -ww -man:"; cat "$tmp/$name.groff.err"
  fi
  if LC_ALL=C grep -q '[^[:print:][:space:]]' "$tmp/$name.roff"; then
    bad "$name: not ASCII (groff without preconv would warn)"
  else
    ok "$name: ASCII"
  fi
done

# Every option of `dossier --help` in dossier(1) (the first page), as rendered.
first=$(basename "$1")
# man prints a hyphen as U+2010 where it may break a line, and "-" otherwise: fold both.
sed 's/\xe2\x80\x90/-/g' "$tmp/$first.txt" | tr -s ' \n' ' ' > "$tmp/man.flat"
"$bin" --help > "$tmp/help.txt"
opts=$(grep -oE '(^|[ [,])(--[a-z][a-z-]*|-[a-zA-Z])\b' "$tmp/help.txt" | tr -d ' [,' | sort -u)
[ -n "$opts" ] || bad "no option found in dossier --help"
for o in $opts; do
  if grep -qE -- "(^|[ [(|])$o([] ,=|)]|$)" "$tmp/man.flat"; then ok "dossier(1) names $o"; else bad "dossier(1) lacks $o"; fi
done
# The exit statuses and the environment of --help and the README.
for s in 0 1 2 3 4 5 6 7 8; do
  grep -qE "EXIT STATUS.* $s [A-Z]" "$tmp/man.flat" || bad "dossier(1): exit status $s"
done
for v in DOSSIER_CONFIG DOSSIER_PLUGIN_PATH SOURCE_DATE_EPOCH /etc/dossier/dossier.ini; do
  if grep -qF -- "$v" "$tmp/man.flat"; then ok "dossier(1) names $v"; else bad "dossier(1) lacks $v"; fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
