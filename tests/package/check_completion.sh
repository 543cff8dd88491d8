#!/usr/bin/env bash
# check_completion.sh — the bash completion (scripts/dossier.bash-completion, installed as
# bash-completion/completions/dossier) sourced in a plain bash: commands, options (every long
# option of `dossier --help` is offered by some command), formats from `dossier plugins`,
# --set keys and their choices, profiles.
# Usage: check_completion.sh COMPLETION_FILE DOSSIER_BIN SOURCE_DIR
set -uo pipefail
file=$1
bin=$2
src=$3
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# shellcheck source=/dev/null
source "$file"
if complete -p dossier 2>/dev/null | grep -q -- '-F _dossier dossier'; then
  ok "complete -F _dossier dossier"
else
  bad "no completion registered for dossier"
fi

# complete WORD… — the candidates for the last word, as bash would split the line (the
# caller passes '=' as a word of its own, as COMP_WORDBREAKS makes it).
complete_words() {
  COMP_WORDS=("$bin" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _dossier
  printf '%s\n' "${COMPREPLY[@]}"
}
# expect "DESCRIPTION" "CANDIDATE…" -- WORD… : every candidate is offered
expect() {
  local what=$1 want=() w got
  shift
  while [ "$1" != -- ]; do want+=("$1"); shift; done
  shift
  got=$(complete_words "$@")
  for w in "${want[@]}"; do
    if ! grep -qxF -- "$w" <<< "$got"; then
      bad "$what: '$w' not offered for '$*' (got: $(tr '\n' ' ' <<< "$got"))"
      return
    fi
  done
  ok "$what"
}
# refuse "DESCRIPTION" "CANDIDATE" -- WORD… : the candidate is not offered
refuse() {
  local what=$1 no=$2
  shift 3
  if complete_words "$@" | grep -qxF -- "$no"; then bad "$what: '$no' offered for '$*'"
  else ok "$what"; fi
}

expect "commands" export validate plugins --help --version -- ""
expect "a command's prefix" export -- ex
expect "export options" --format --output --set --jobs --shard --skip-unchanged --report -- export -
refuse "plugins has no --format" --format -- plugins --
expect "formats from dossier plugins" pdf -- export -f p
expect "every format and all" csv docx html md pdf txt xlsx all -- export -f ""
expect "--format=" pdf -- export --format = p
expect "a second format after a comma" pdf,html pdf,xlsx -- export -f pdf,
expect "--set keys" csv.layout= pdf.paper= core.output_dir= brief.template= -- export --set ""
expect "--set choices" wide long -- export --set csv.layout = ""
expect "--set choice by prefix" long -- export --set csv.layout = l
expect "--set boolean" true false -- export --set csv.bom = ""
expect "--set [brief] template" report bulletin official -- export --set brief.template = ""
expect "--shard" auto -- export --shard ""

# Every long option of --help is offered by one command or at the top.
all=$( (complete_words ""; for c in export validate plugins; do complete_words "$c" --; done) | sort -u)
for o in $("$bin" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
  if grep -qxF -- "$o" <<< "$all"; then ok "offers $o"; else bad "never offers $o"; fi
done

# Profiles: *.json files and directories, relative to the working directory.
cd "$src" || exit 1
expect "profile files" data/haidian.json -- export data/hai
expect "directories" data/sources -- export data/sour
refuse "no file that is not JSON" README.md -- export READ

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
