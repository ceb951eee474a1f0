#!/bin/sh
# A file a partner saved under a name that is not read (police.YAML) is
# never left out in silence: `status` lists it under "Not read", a draft
# build warns of it, and `build --final` refuses to build without it. The
# bundled Fenbridge sample, copied, is the data folder.
#
#   unread-files.sh BIN SOURCE-DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
cp -R "$src/data/samples/fenbridge" "$tmp/data"
cd "$src" || exit 1

check() { # check NAME EXPECTED-EXIT EXIT OUTPUT MUST-CONTAIN...
    name=$1 want=$2 got=$3 out=$4
    shift 4
    ok=1
    [ "$got" = "$want" ] || ok=0
    for s in "$@"; do
        case $out in
        *"$s"*) ;;
        *) ok=0 ;;
        esac
    done
    if [ $ok = 1 ]; then
        echo "ok $name"
    else
        printf 'FAIL %s (exit %s, expected %s)\n%s\n' "$name" "$got" "$want" "$out"
        status=1
    fi
}

# Before: nothing unread, the final build is made.
out=$(NO_COLOR=1 "$bin" build 2024-25 --final --data "$tmp/data" --out "$tmp/out" 2>&1)
check "final build with every file read" 0 $? "$out" "Built in"

cp "$tmp/data/2024-25/constabulary.yaml" "$tmp/data/2024-25/police.YAML"
printf 'Typed up from the email.\n' >"$tmp/data/2024-25/narrative/scrutiny.docx"
mkdir "$tmp/data/2025-2026"

out=$(NO_COLOR=1 "$bin" status 2024-25 --data "$tmp/data" --out "$tmp/out" 2>&1)
check "status lists what is not read" 0 $? "$out" \
    "Not read (3 files or folders)" \
    "2024-25/police.YAML: warning: this file is not read: .yaml files end in small letters" \
    "hint: rename it to police.yaml" \
    "2024-25/narrative/scrutiny.docx: warning: this file is not read" \
    "2025-2026: warning: this folder is not read: a year's folder is named like 2025-26"

out=$(NO_COLOR=1 "$bin" build 2024-25 --data "$tmp/data" --out "$tmp/out" 2>&1)
check "a draft warns" 0 $? "$out" "police.YAML: warning: this file is not read" \
    "(3 warnings)"

out=$(NO_COLOR=1 "$bin" build 2024-25 --final --data "$tmp/data" --out "$tmp/out" 2>&1)
check "a final build refuses" 1 $? "$out" \
    "police.YAML: error: this file is not read: .yaml files end in small letters" \
    "the report was not built"
exit $status
