#!/usr/bin/env bash
# disk_full.sh — a full disk never replaces a good output with a truncated one (issue 15.1).
# For every format: export once to learn the file's size S; then, in a private mount
# namespace, put that good file on a tmpfs with room for it plus S minus one page, so that the
# new file's last write fails with ENOSPC (for libharu, inside fclose). The run must exit 5
# with one message (with -q, no library's own lines), keep the earlier file byte for byte and
# leave no temporary file.
# Usage: disk_full.sh DOSSIER PROFILE WORKDIR   (needs root for the tmpfs: exit 77 otherwise)
set -uo pipefail
dossier=$1 profile=$2 work=$3
if [ "$(id -u)" -ne 0 ] || ! unshare --mount true 2>/dev/null; then
  echo "disk_full.sh: needs root and mount namespaces for the tmpfs; not run"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work/first" "$work/disk"
"$dossier" export -q -f all -o "$work/first" "$profile" || { echo "FAIL: first export"; exit 1; }
fail=0
for f in "$work"/first/*; do
  ext=${f##*.}
  fmt=$ext
  size=$(stat -c %s "$f")
  pages=$(( (size + 4095) / 4096 ))
  # room for the good file and one page less than the new one needs (the option change keeps
  # the sizes close; for tiny files, nothing at all)
  room=$(( pages + (pages > 1 ? pages - 1 : 0) ))
  out=$(unshare --mount bash -c '
    set -u
    mount -t tmpfs -o size=$(( '"$room"' * 4 ))k,nr_inodes=64 tmpfs "'"$work/disk"'" || exit 99
    cp "'"$f"'" "'"$work/disk"'/"
    "'"$dossier"'" export -q -f '"$fmt"' -o "'"$work/disk"'" --set brief.label_sources=参考文献 \
      "'"$profile"'" 2>&1
    echo "rc=$?"
    cmp -s "'"$f"'" "'"$work/disk"'/'"${f##*/}"'" && echo kept || echo CHANGED
    ls -A "'"$work/disk"'" | grep -c "^\." || true
  ')
  rc=$(echo "$out" | grep -o 'rc=[0-9]*' | cut -d= -f2)
  kept=$(echo "$out" | grep -c '^kept$')
  hidden=$(echo "$out" | tail -1)
  # with -q only dossier's own one-line error: no library's "[ERROR] …" lines
  lines=$(echo "$out" | grep -c "error" || true)
  if [ "$rc" = 5 ] && [ "$kept" = 1 ] && [ "$hidden" = 0 ] && [ "$lines" = 1 ]; then
    echo "ok   $fmt: disk full → exit 5, one message, the earlier file kept, no temporary file"
  else
    echo "FAIL $fmt: $out"
    fail=1
  fi
done
exit $fail
