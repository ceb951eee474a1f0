#!/bin/sh
# `--format json` is read by programs: whatever a file or its name holds
# (bytes that are not UTF-8, quotes, control characters), the output is
# valid JSON and says the same text. One writer makes all of it.
#
#   json-always-valid.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
cp "$src/tests/fixtures/totals/partnership.yaml" "$tmp/"
name=$(printf 'bad\377name "q".yaml')
printf 'format: 1\npartner: council\nyear: 2019-20\nreferrals: {total: "\\e]0;x\\a\\"\\\\"}\n' >"$tmp/$name"
cd "$tmp" || exit 1
"$bin" validate --format json --data . "$name" >out.json 2>err.txt
[ $? -eq 1 ] || fail "validate did not exit 1: $(cat out.json err.txt)"
python3 - out.json <<'PY' || fail "validate --format json is not valid JSON: $(cat -v out.json)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
g = d["diagnostics"][0]
assert g["file"] == 'bad\ufffdname "q".yaml', g["file"]
assert d["errors"] == 1, d
PY
"$bin" status 2019-20 --format json --data . --templates "$src/report-templates" >status.json 2>err.txt
python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' status.json ||
    fail "status --format json is not valid JSON: $(cat -v status.json)"
echo "ok: --format json is valid JSON whatever the files hold"
