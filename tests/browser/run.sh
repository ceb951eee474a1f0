#!/bin/sh
# Builds both sample reports and checks their HTML in a real browser (check.mjs):
# screenshots at desktop and phone widths, no sideways scrolling at 320 px,
# and axe-core finding no WCAG 2.1 AA violations. Skipped (exit 77) when
# Chromium, Node.js or the test's npm packages are not installed; .ci/run
# installs them, so CI always runs it.
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
# Both bundled samples: the Stockport one and the made-up Fenbridge one.
"$bin" build 2019-20 --out "$tmp/out" >/dev/null 2>&1 || { echo "FAIL: build"; exit 1; }
"$bin" build 2024-25 --data data/samples/fenbridge --out "$tmp/out" >/dev/null 2>&1 ||
    { echo "FAIL: build of the Fenbridge sample"; exit 1; }
mkdir -p "$tmp/shots" "$tmp/shots-fenbridge"
HOME="$tmp" timeout 180 node "$here/check.mjs" "$tmp/out/2019-20/sscp-annual-report-2019-20.html" "$tmp/shots" &&
    HOME="$tmp" timeout 180 node "$here/check.mjs" \
        "$tmp/out/2024-25/fenbridge-scp-annual-report-2024-25.html" "$tmp/shots-fenbridge"
