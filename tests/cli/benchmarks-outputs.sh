#!/bin/sh
# The Department for Education's figures in every output, on the bundled
# sample with the made-up benchmark files (tests/fixtures/benchmarks):
# the summary's England, North West and neighbours' average columns in the
# PDF, the HTML and the workbook; the dot plot in the report, the page and
# the chart files, with its text alternative and table; the Benchmarks
# sheet and its notes naming each file; the placeholders in the words.
# The same on the second sample (tests/fixtures/benchmarks-fenbridge).
# Without benchmarks, none of it.
#
#   benchmarks-outputs.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
export SOURCE_DATE_EPOCH=1700000000

# The words: a copy of the fixture whose performance section uses the
# placeholders.
cp -R tests/fixtures/benchmarks "$tmp/data"
cat >>"$tmp/data/2019-20/narrative/performance.md" <<'MD'

## How we compare

Section 47 enquiries were {{compare:s47-enquiries-rate}}. England's rate was {{england:s47-enquiries-rate}}, the North West's {{region:s47-enquiries-rate}} and our neighbours' {{neighbours:s47-enquiries-rate}}. Children looked after were {{compare:looked-after-rate}}.
MD
"$bin" build 2019-20 --data "$tmp/data" --out "$tmp/out" >"$tmp/build.txt" 2>&1 ||
    fail "build exited $?: $(cat "$tmp/build.txt")"
grep -q 'placeholder' "$tmp/build.txt" && fail "a placeholder was not filled: $(cat "$tmp/build.txt")"
out="$tmp/out/2019-20"
pdftotext -layout "$out/sscp-annual-report-2019-20.pdf" - | tr -s ' \n' '  ' >"$tmp/pdf.txt"
# Figures are the fixture's; the words and where they go are checked here
# (tests/unit/test_benchmarks.c checks the figures themselves).
N='[0-9][0-9,]*(\.[0-9])?'
REL='(below|above|the same as)'
for want in \
    "Section 47 enquiries were $REL England \($N per 10,000\) (and|but $REL) the neighbours' average \($N, of [0-9]+ of the 10 neighbours\) \(rates for 2019-20 were revised in February 2025" \
    "England's rate was $N, the North West's $N and our neighbours' $N\." \
    "Children looked after were $REL England \([0-9]+ per 10,000\) (and|but $REL) the neighbours' average \([0-9]+(, of [0-9]+ of the 10 neighbours)?\)\." \
    "Measure 2018-19 2019-20 Change England North West Neighbours' average" \
    "How Stockport compares: rates per 10,000 children" \
    "Source: Department for Education, Children in need, reporting year 2023;" \
    "England, North West and the statistical neighbours' average: the Department for Education's published figures"; do
    grep -qE "$want" "$tmp/pdf.txt" || fail "the PDF does not say: $want"
done

html="$out/sscp-annual-report-2019-20.html"
# The summary's rows: the area's figures, then England's, the North
# West's and the neighbours' average; children looked after per 10,000 as
# the DfE publishes them, whole numbers, beside the area's own 61.4.
C='<td class="n">'
grep -qE "<tr><th scope=\"row\">Section 47 enquiries per 10,000 children</th>${C}159.3</td>${C}115.6</td><td>down 27.4% from 159.3</td>(${C}[0-9]+\.[0-9]</td>){3}</tr>" "$html" ||
    fail "the page's summary has no comparisons for section 47 enquiries per 10,000 children"
grep -qE "<tr><th scope=\"row\">Children looked after per 10,000 children</th>${C}\[x\]</td>${C}61.4</td><td>\[x\]</td>(${C}[0-9]+</td>){3}</tr>" "$html" ||
    fail "the page's summary does not keep the DfE's whole-number rates"
desc="<desc id=\"how-we-compare-desc\">Dot plot: How Stockport compares: rates per 10,000 children. 4 figures, each for Stockport, England, North West and Statistical neighbours' average. Section 47 enquiries per 10,000 children: Stockport [0-9.]+, England [0-9.]+, North West [0-9.]+, Statistical neighbours' average [0-9.]+; $REL England"
grep -qE "$desc" "$html" || fail "the page's dot plot has no description giving its figures"
grep -qF '<th scope="col">Change</th><th scope="col" class="n">England</th><th scope="col" class="n">North West</th><th scope="col" class="n">Neighbours&apos; average</th>' "$html" ||
    fail "the page's summary has no England, North West and neighbours' columns"
grep -qE "<tr><th scope=\"row\">Section 47 enquiries per 10,000 children</th>${C}115.6</td>(${C}[0-9]+\.[0-9]</td>){3}</tr>" "$html" ||
    fail "the page's dot plot has no table of its figures"
[ -s "$out/charts/how-we-compare.png" ] && [ -s "$out/charts/how-we-compare.svg" ] ||
    fail "no chart files for how-we-compare"

# The workbook: the summary's columns, the Benchmarks sheet, a note for each file.
mkdir "$tmp/xl" && (cd "$tmp/xl" && unzip -q "$out/sscp-annual-report-2019-20-data.xlsx") ||
    fail "cannot unzip the workbook"
python3 tests/golden/xlsx_cells.py "$tmp/xl" >"$tmp/cells.txt" || fail "cannot read the workbook"
sed -n '/^== sheet Summary$/,/^== sheet /p' "$tmp/cells.txt" >"$tmp/summary.txt"
for h in "I3  England" "J3  North West" "K3  Neighbours' average" "L3  Rank among neighbours" "M3  Notes"; do
    grep -qxF "$h" "$tmp/summary.txt" || fail "the Summary sheet has no header $h"
done
sed -n '/^== sheet Benchmarks$/,/^== sheet /p' "$tmp/cells.txt" >"$tmp/bench.txt"
grep -q "^A1  How Stockport compares with England, its region and its statistical neighbours$" "$tmp/bench.txt" ||
    fail "no Benchmarks sheet"
grep -q "^J[0-9]*  .*c4-s47-icpc-2023.csv, line [0-9]* \[note [0-9]*\]$" "$tmp/bench.txt" ||
    fail "the Benchmarks sheet does not say where a figure was read"
for f in c1-referrals-2025 c4-s47-icpc-2023 d1-cpp-2025 a1-cin-2025 cla-rates-2025; do
    grep -q "^B[0-9]*  .*benchmarks/$f.csv: Department for Education, " "$tmp/cells.txt" ||
        fail "no note names $f.csv with its publication, table and release"
done
grep -q "table C4 Section 47s and Initial Child Protection Conferences by local authority, Reporting year 2023" "$tmp/cells.txt" ||
    fail "the note on the C4 file does not name its table and release"

# The charts command writes the dot plot too.
"$bin" charts 2019-20 --data "$tmp/data" --out "$tmp/charts" >/dev/null 2>&1 || fail "charts exited $?"
grep -q 'Not shown\|Statistical neighbours' "$tmp/charts/2019-20/charts/how-we-compare.svg" ||
    fail "the chart file has not the dot plot's words"

# The second sample, Fenbridge, in the East of England: its region heads
# the column, and its dot plot is drawn.
"$bin" build 2024-25 --data tests/fixtures/benchmarks-fenbridge --out "$tmp/fen" >"$tmp/fen.txt" 2>&1 ||
    fail "Fenbridge's build exited $?: $(cat "$tmp/fen.txt")"
fen="$tmp/fen/2024-25"
[ -s "$fen/charts/how-we-compare.svg" ] || fail "no dot plot for Fenbridge"
grep -qF '<th scope="col" class="n">England</th><th scope="col" class="n">East of England</th>' \
    "$fen/fenbridge-scp-annual-report-2024-25.html" || fail "Fenbridge's summary has no East of England column"
grep -qF '<desc id="how-we-compare-desc">Dot plot: How Fenbridge compares: rates per 10,000 children.' \
    "$fen/fenbridge-scp-annual-report-2024-25.html" || fail "Fenbridge's dot plot has no description"

# Without benchmarks: no dot plot, no columns, no sheet.
"$bin" build 2019-20 --out "$tmp/plain" >/dev/null 2>&1 || fail "the sample's build exited $?"
[ -e "$tmp/plain/2019-20/charts/how-we-compare.svg" ] && fail "a dot plot without benchmarks"
grep -q "Neighbours&apos; average\|how-we-compare" "$tmp/plain/2019-20/sscp-annual-report-2019-20.html" &&
    fail "the sample's page, without benchmarks, has comparisons"
exit 0
