#!/bin/sh
# The PDF/UA check (pdfua_check.py, beside this file) on the report of every
# dataset the tests know: each year of the two samples and of every fixture
# that builds, as a draft, and as a --final build for the years that have
# every narrative (the sample's 2019-20, the second sample's 2024-25), and
# the generated partnership of 40 partners. A build that fails fails the
# test. Each PDF's failures are printed (the first 30 lines of each, all of
# them with SSCP_PDFUA_ALL=1), then one summary line per PDF.
#
#   run.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
export NO_COLOR=1 SOURCE_DATE_EPOCH=1700000000
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" -c 'import pikepdf' 2>/dev/null || { echo "FAIL: pikepdf is needed (Debian: python3-pikepdf, see .ci/deps)"; exit 1; }
"$py" tests/fixtures/gen-40.py data/samples/fenbridge "$tmp/gen-40" >/dev/null ||
    { echo "FAIL: gen-40.py could not write the partnership of 40"; exit 1; }

# NAME DATA_DIR YEARS [final]: the samples, then every fixture with a
# partnership and year folders (found, so that a new fixture is checked
# too) but wt2023-typo, whose guidance edition is misspelt so that it does
# not build (cli/build-unknown-edition), then the generated partnership.
{
    echo "stockport data 2018-19,2019-20"
    echo "stockport data 2019-20 final"
    echo "fenbridge data/samples/fenbridge 2022-23,2023-24,2024-25"
    echo "fenbridge data/samples/fenbridge 2024-25 final"
    for d in tests/fixtures/*/; do
        d=${d%/}
        name=${d##*/}
        [ -f "$d/partnership.yaml" ] && [ "$name" != wt2023-typo ] || continue
        years=$(cd "$d" && ls -d [0-9][0-9][0-9][0-9]-[0-9][0-9] 2>/dev/null | tr '\n' ',' | sed 's/,$//')
        [ -n "$years" ] && echo "$name $d $years"
    done
    echo "gen-40 $tmp/gen-40 2024-25"
} >"$tmp/list"

# One line per build: NAME DATA_DIR YEAR FLAG
while read -r name dir years final; do
    for year in $(echo "$years" | tr ',' ' '); do
        echo "$name $dir $year ${final:-draft}"
    done
done <"$tmp/list" >"$tmp/builds"

# Two builds at a time (the machine's cores); each leaves NAME-YEAR[-final].pdf
mkdir "$tmp/pdf"
build_one() { # NAME DATA_DIR YEAR FLAG
    out="$tmp/out/$1-$3-$4"
    if [ "$4" = final ]; then set -- "$1" "$2" "$3" "$4" --final; else set -- "$1" "$2" "$3" "$4"; fi
    label="$1-$3$([ "$4" = final ] && echo -final)"
    if "$bin" build "$3" ${5:-} --data "$2" --out "$out" >"$out.log" 2>&1; then
        cp "$out/$3"/*.pdf "$tmp/pdf/$label.pdf" 2>/dev/null || echo "FAIL: $label: the build wrote no PDF" >>"$tmp/errors"
    else
        echo "FAIL: $label: build exited $?: $(tail -3 "$out.log")" >>"$tmp/errors"
    fi
}
mkdir "$tmp/out"
: >"$tmp/errors"
set -- $(cat "$tmp/builds")
while [ $# -ge 4 ]; do
    build_one "$1" "$2" "$3" "$4" &
    p1=$!
    shift 4
    if [ $# -ge 4 ]; then
        build_one "$1" "$2" "$3" "$4" &
        p2=$!
        shift 4
        wait $p2
    fi
    wait $p1
done
status=0
if [ -s "$tmp/errors" ]; then
    cat "$tmp/errors"
    status=1
fi

cd "$tmp/pdf" || exit 1
"$py" "$src/tests/pdfua/pdfua_check.py" *.pdf >"$tmp/report.txt" 2>&1
rc=$?
[ $rc -le 1 ] || { echo "FAIL: pdfua_check.py failed ($rc): $(tail -5 "$tmp/report.txt")"; exit 1; }
for f in *.pdf; do
    grep -F "$f: " "$tmp/report.txt" | grep -vF "$f: FAIL: " | grep -vF "$f: ok: " >"$tmp/lines"
    n=$(wc -l <"$tmp/lines")
    [ "$n" -gt 0 ] || continue
    if [ "${SSCP_PDFUA_ALL:-}" = 1 ] || [ "$n" -le 30 ]; then
        cat "$tmp/lines"
    else
        head -30 "$tmp/lines"
        echo "$f: ... and $((n - 30)) more (SSCP_PDFUA_ALL=1 shows all)"
    fi
done
echo "---- summary"
grep -E ': (FAIL|ok): ' "$tmp/report.txt"
[ $rc -eq 0 ] || status=1
exit $status
