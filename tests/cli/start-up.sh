#!/bin/sh
# What a command loads: one that writes no workbook (--version, validate,
# status) does not load libxlsxwriter, nor the libcrypto and minizip it
# needs; build loads it when it writes the workbook. Read from glibc's
# LD_DEBUG; skipped where there is none, and under valgrind.
#
#   start-up.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
case $bin in
*valgrind*) echo "not run under valgrind: it loads libraries of its own"; exit 77 ;;
esac
LD_DEBUG=libs "$bin" --version >/dev/null 2>"$tmp/libs.txt" || fail "--version exited $?"
grep -q "calling init:" "$tmp/libs.txt" || { echo "no LD_DEBUG here: not run"; exit 77; }
for cmd in "--version" "validate data/2019-20" "status 2019-20 --out $tmp/out"; do
    # shellcheck disable=SC2086
    LD_DEBUG=libs "$bin" $cmd >/dev/null 2>"$tmp/libs.txt"
    for lib in libxlsxwriter libcrypto libminizip; do
        grep -q "calling init: .*$lib" "$tmp/libs.txt" && fail "$cmd loads $lib"
    done
done
echo "ok --version, validate and status do not load libxlsxwriter, libcrypto or libminizip"
LD_DEBUG=libs "$bin" build 2019-20 --out "$tmp/out" >/dev/null 2>"$tmp/libs.txt" ||
    fail "build exited $?: $(grep -v '^ *[0-9]*:' "$tmp/libs.txt")"
grep -q "calling init: .*libxlsxwriter" "$tmp/libs.txt" || fail "build did not load libxlsxwriter"
[ -s "$tmp/out/2019-20/sscp-annual-report-2019-20-data.xlsx" ] || fail "build wrote no workbook"
echo "ok build loads libxlsxwriter to write the workbook"
