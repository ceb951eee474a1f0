#!/bin/sh
# Under a file size limit (ulimit -f) a command is not killed by the
# limit's signal (SIGXFSZ) half-way through a file: it says which file it
# could not write and why, exits with status 3, and leaves no temporary
# file; a report written before stays as it was.
#
#   file-size-limit.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
why="file too large for the file size limit (ulimit -f)"

# limited BLOCKS WHAT COMMAND...: run COMMAND under a limit of BLOCKS
# 512-byte blocks, with SIGXFSZ as the shell leaves it (its default action
# kills the process); WHAT is the start of the message expected.
limited() {
    blocks=$1 what=$2
    shift 2
    (
        ulimit -f "$blocks"
        exec "$bin" "$@"
    ) >"$tmp/run.txt" 2>&1
    rc=$?
    [ "$rc" -eq 3 ] || fail "$* under ulimit -f $blocks: exit $rc, not 3: $(cat "$tmp/run.txt")"
    grep -qF "sscp-report: $what" "$tmp/run.txt" && grep -qF "$why" "$tmp/run.txt" ||
        fail "$* under ulimit -f $blocks: no clear message: $(cat "$tmp/run.txt")"
    left=$(find "$tmp" -name '.*.tmp-*')
    [ -z "$left" ] || fail "$* under ulimit -f $blocks: a temporary file was left: $left"
    echo "ok ulimit -f $blocks $1: $(grep -F "$why" "$tmp/run.txt" | cut -c1-100)..."
}

"$bin" build 2019-20 --out "$tmp/out" >/dev/null 2>&1 || fail "the first build failed"
sums() { find "$tmp/out" -type f | sort | xargs cat | cksum; }
before=$(sums)
out="$tmp/out/2019-20"
limited 200 "cannot write $out/sscp-annual-report-2019-20.pdf" build 2019-20 --out "$tmp/out"
[ "$(sums)" = "$before" ] || fail "the report written before was changed"

# The HTML page is written last: a limit that every file before it fits
# under stops the build at the page. Its size against the PDF's changes
# with the report's content, so the limit is read from a good build, of
# the first sample whose page is the largest file it writes.
size() { wc -c <"$1" | tr -d ' '; }
html_case=""
for run in "2019-20 --data data" "2024-25 --data data/samples/fenbridge"; do
    # shellcheck disable=SC2086
    "$bin" build $run --out "$tmp/sized" >/dev/null 2>&1 || fail "build $run failed"
    year=${run%% *}
    page=$(find "$tmp/sized/$year" -maxdepth 1 -name '*.html')
    others=0
    for f in $(find "$tmp/sized/$year" -type f ! -name '*.html'); do
        [ "$(size "$f")" -gt "$others" ] && others=$(size "$f")
    done
    if [ "$(size "$page")" -gt $((others + 1024)) ]; then
        blocks=$((others / 512 + 1))
        # shellcheck disable=SC2086
        limited "$blocks" "cannot write $page" build $run --out "$tmp/sized"
        html_case=done
        break
    fi
done
[ -n "$html_case" ] || echo "ok the HTML page is never the largest file: no limit stops the build at it alone"
limited 40 "cannot write the chart key-figures" charts 2019-20 --out "$tmp/charts"
limited 1 "cannot write $tmp/gmp.yaml" template gmp 2020-21 --output "$tmp/gmp.yaml"
[ ! -e "$tmp/gmp.yaml" ] || fail "template left a part-written file"
limited 1 "cannot write $tmp/new/data/partnership.yaml" init "$tmp/new"
