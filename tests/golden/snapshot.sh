#!/bin/sh
# What each output says, as text, for datasets unlike each other: the PDF's
# words (pdftotext), the HTML without its drawn charts, and every cell of
# the workbook (formulas and values), compared with tests/golden/expected/.
# A change to any output shows here as a diff to review; with
# SSCP_UPDATE_EXPECTED=1 the expected files are written anew.
#
#   snapshot.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
exp="$src/tests/golden/expected"
cd "$src" || exit 1
status=0
snap() { # NAME DATA YEAR
    name=$1 data=$2 year=$3
    SOURCE_DATE_EPOCH=1700000000 "$bin" build "$year" --data "$data" --out "$tmp/$name" \
        >"$tmp/$name.out" 2>"$tmp/$name.err" || fail "$name: build exited $?: $(cat "$tmp/$name.err")"
    d="$tmp/$name/$year"
    pdftotext "$d"/*.pdf "$tmp/$name.pdf.txt" || fail "$name: pdftotext could not read the PDF"
    # The drawn charts are checked elsewhere (chart and browser tests).
    python3 -c 'import re,sys; print(re.sub(r"<svg.*?</svg>", "<svg/>", open(sys.argv[1]).read(), flags=re.S), end="")' \
        "$d"/*.html >"$tmp/$name.html.txt" || fail "$name: cannot read the HTML"
    mkdir "$tmp/x-$name" && (cd "$tmp/x-$name" && unzip -q "$d"/*.xlsx) || fail "$name: the workbook is not a zip"
    python3 "$src/tests/golden/xlsx_cells.py" "$tmp/x-$name" >"$tmp/$name.xlsx.txt" || fail "$name: cannot read the workbook"
    for k in pdf html xlsx; do
        if [ "${SSCP_UPDATE_EXPECTED:-}" = 1 ]; then
            cp "$tmp/$name.$k.txt" "$exp/$name.$k.txt"
        elif ! diff -u "$exp/$name.$k.txt" "$tmp/$name.$k.txt" >"$tmp/diff"; then
            echo "FAIL: the $k of $name differs from tests/golden/expected/$name.$k.txt:"
            head -60 "$tmp/diff"
            status=1
        fi
    done
}
snap stockport-2019-20 data 2019-20
snap fenbridge-2024-25 data/samples/fenbridge 2024-25
snap disclosure-2019-20 tests/fixtures/disclosure 2019-20
snap breaks-2024-25 tests/fixtures/breaks 2024-25
snap periods-2019-20 tests/fixtures/periods 2019-20
snap testford-2023-24 tests/fixtures/testford 2023-24
exit $status
