#!/bin/sh
# Builds both sample reports and the disclosure fixture and checks their
# HTML in a real browser (check.mjs): screenshots at desktop and phone
# widths, no sideways scrolling at 375 and 320 px, axe-core finding no WCAG
# 2.2 AA or best-practice violation and nothing it cannot decide that is
# not explained, key figures and attendance as text, charts named by their
# titles and described. Then prints the sample with Chromium's own
# --print-to-pdf and reads it with pdftotext: the contents and the charts'
# tables are on paper. Skipped (exit 77) when Chromium, Node.js or the
# test's npm packages are not installed; .ci/run installs them, so CI
# always runs it.
#
#   run.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || ! command -v node >/dev/null 2>&1 || [ ! -d "$here/node_modules/axe-core" ]; then
    echo "skipped: needs Chromium, Node.js and 'npm ci' in tests/browser (.ci/run installs them)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
# Both bundled samples (the Stockport one and the made-up Fenbridge one) and
# the fixture of hidden small numbers, with how many key figure tiles,
# attendance tables and drawn charts each has.
"$bin" build 2019-20 --out "$tmp/out" >/dev/null 2>&1 || { echo "FAIL: build"; exit 1; }
"$bin" build 2024-25 --data data/samples/fenbridge --out "$tmp/out" >/dev/null 2>&1 ||
    { echo "FAIL: build of the Fenbridge sample"; exit 1; }
"$bin" build 2019-20 --data tests/fixtures/disclosure --out "$tmp/disclosure" >/dev/null 2>&1 ||
    { echo "FAIL: build of the disclosure fixture"; exit 1; }
sample=$tmp/out/2019-20/sscp-annual-report-2019-20.html
check() { # NAME REPORT TILES MATRICES CHARTS
    echo "== $1"
    mkdir -p "$tmp/shots-$1"
    HOME="$tmp" timeout 240 node "$here/check.mjs" "$2" "$tmp/shots-$1" "$3" "$4" "$5" ||
        { echo "FAIL: $1"; exit 1; }
}
check sample "$sample" 1 1 9
check fenbridge "$tmp/out/2024-25/fenbridge-scp-annual-report-2024-25.html" 1 2 8
check disclosure "$tmp/disclosure/2019-20/escp-annual-report-2019-20.html" 0 0 0
# On paper, printed as a reader's browser prints it.
HOME="$tmp" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --no-pdf-header-footer --print-to-pdf="$tmp/print.pdf" \
    "file://$sample" >/dev/null 2>&1 || { echo "FAIL: Chromium could not print the page"; exit 1; }
pdftotext "$tmp/print.pdf" - 2>/dev/null | tr -d '\f' >"$tmp/print.txt" && [ -s "$tmp/print.txt" ] || { echo "FAIL: pdftotext could not read the print"; exit 1; }
grep -qx 'Contents' "$tmp/print.txt" || { echo "FAIL: the printed page has no contents"; exit 1; }
# A chart's table: its caption under the chart's, and its figures.
[ "$(grep -c "^Figure 3: Where the partnership's money came from$" "$tmp/print.txt")" -eq 2 ] &&
    grep -q '^LA reserves for reviews$' "$tmp/print.txt" ||
    { echo "FAIL: the printed page does not show the charts' tables"; exit 1; }
echo "ok: printed with the contents and the charts' tables"
