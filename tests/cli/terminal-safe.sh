#!/bin/sh
# Nothing sscp-report prints carries a raw control character: a file name,
# a command-line argument or a file's contents that holds one (ESC starts a
# terminal command, such as one that sets the window title) is shown as
# \xHH. Names like these cannot be kept in the repository, so the files are
# made here.
#
#   terminal-safe.sh BIN SOURCE-DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
esc=$(printf '\033')
bel=$(printf '\007')

# The bytes of standard input that a terminal would act on: C0 controls
# other than tab and line feed, DEL, and the C1 controls (U+0080-U+009F).
controls() {
    od -An -v -tx1 | tr -s ' ' '\n' | awk '
        /^$/ { next }
        prev == "c2" && $1 >= "80" && $1 <= "9f" { n++ }
        ($1 < "20" && $1 != "09" && $1 != "0a") || $1 == "7f" { n++ }
        { prev = $1 }
        END { print n + 0 }'
}

check() { # check NAME EXPECTED-EXIT OUTPUT EXIT MUST-CONTAIN
    n=$(printf '%s' "$3" | controls)
    case $3 in
    *"$5"*) shown=1 ;;
    *) shown=0 ;;
    esac
    if [ "$n" != 0 ] || [ "$4" != "$2" ] || [ "$shown" != 1 ]; then
        printf 'FAIL %s: %s control bytes, exit %s (expected %s), %s\n%s\n' "$1" "$n" "$4" \
            "$2" "expected to see: $5" "$3"
        status=1
    else
        echo "ok $1"
    fi
}

printf 'format: 1\npartner: police\nyear: 2019-20\nperfomance:\n  measures: []\n' \
    >"$tmp/title${esc}]0;pwned${bel}.yaml"
out=$(cd "$tmp" && NO_COLOR=1 "$bin" validate ./*.yaml 2>&1)
check "file name in a diagnostic" 1 "$out" $? 'title\x1B]0;pwned\x07.yaml:4:1: error'

out=$(cd "$tmp" && NO_COLOR=1 "$bin" validate "nothing${esc}[2J" 2>&1)
check "argument in a usage error" 2 "$out" $? "'nothing\\x1B[2J' is not a file"

rm -f "$tmp"/*.yaml
# A C1 control (U+009B, which some terminals take as ESC [) written raw.
printf 'format: 1\npartner: police\nyear: 2019-20\ncontact: A\302\233B\n' >"$tmp/c1.yaml"
out=$(cd "$tmp" && NO_COLOR=1 "$bin" validate c1.yaml 2>&1)
check "C1 control in a quoted line" 1 "$out" $? 'contact: A?B'

# An escape in quotes makes the control character: refused, and not shown.
printf 'format: 1\npartner: police\nyear: 2019-20\ncontact: "A\\e]0;x\\aB"\n' >"$tmp/e.yaml"
out=$(cd "$tmp" && NO_COLOR=1 "$bin" validate e.yaml 2>&1)
check "escaped control character" 1 "$out" $? 'contains a control character (U+001B)'
# `status` lists each submission by its file name.
cp -R "$src/data/samples/fenbridge" "$tmp/data"
cp "$tmp/data/2024-25/constabulary.yaml" "$tmp/data/2024-25/late${esc}]0;pwned${bel}.yaml"
out=$(cd "$src" && NO_COLOR=1 "$bin" status 2024-25 --data "$tmp/data" --out "$tmp/out" 2>&1)
check "file name in status" 0 "$out" $? 'late\x1B]0;pwned\x07.yaml'
rm -f "$tmp/data/2024-25/late${esc}]0;pwned${bel}.yaml"

# Folder names given on the command line, in the lines that report what
# was made: build's, charts', status's, init's and new-year's.
o="$tmp/o${esc}[2Jx"
out=$(cd "$src" && NO_COLOR=1 "$bin" build 2024-25 --data "$tmp/data" --out "$o" 2>&1)
check "output folder in build's lines" 0 "$out" $? 'Wrote '"$tmp"'/o\x1B[2Jx/2024-25/'
out=$(cd "$src" && NO_COLOR=1 "$bin" charts 2024-25 --data "$tmp/data" --out "$o" 2>&1)
check "output folder in charts' lines" 0 "$out" $? 'o\x1B[2Jx/2024-25/charts/'
mkdir "$tmp/d${esc}[2J" && cp -R "$tmp/data/." "$tmp/d${esc}[2J/"
out=$(cd "$src" && NO_COLOR=1 "$bin" status 2024-25 --data "$tmp/d${esc}[2J" --out "$o" 2>&1)
check "data folder in status" 0 "$out" $? 'Narrative in '"$tmp"'/d\x1B[2J/2024-25/narrative/'
out=$(cd "$src" && NO_COLOR=1 "$bin" new-year 2025-26 --data "$tmp/d${esc}[2J" 2>&1)
check "data folder in new-year's lines" 0 "$out" $? 'd\x1B[2J/2025-26'
out=$(cd "$tmp" && NO_COLOR=1 "$bin" init "new${esc}[2J" 2>&1)
check "folder in init's lines" 0 "$out" $? 'Made new\x1B[2J'
exit $status
