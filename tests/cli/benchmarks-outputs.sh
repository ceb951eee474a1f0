#!/bin/sh
# The Department for Education's figures in every output, on the bundled
# sample with the made-up benchmark files (tests/fixtures/benchmarks):
# the table of comparisons in the PDF and the HTML (the measures the DfE
# publishes only), the summary's England, North West and neighbours'
# average columns, named with their year, in the workbook; the dot plot in the report, the page and
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
    "Table [0-9]+\. How Stockport compares with England, North West and its statistical neighbours, 2019-20\." \
    "Measure Stockport \(DfE\) England North West Neighbours' average Rank" \
    "Section 47 enquiries per 10,000 children: the Department's rates for 2019-20 were revised in February 2025" \
    "Stockport's figures are the Department's published figures for the area, and the rank is of them" \
    "Referrals that were repeat referrals within 12 months: the Department's figures are for the whole year; the partners' own figure in the year-on-year summary covers Quarter 4 only\." \
    "How Stockport compares: rates per 10,000 children" \
    "Section 47 enquiries per 10,000 children: the Department for Education's rates for 2019-20 are from Reporting year 2023, published before the February 2025 revision" \
    "Referrals per 10,000 children: worked out from the Department for Education's counts and its estimates of the number of children aged 0 to 17, as it publishes no rate\." \
    "Referrals per 10,000 children: the Department publishes the count, not the rate; the rates are worked out from its counts and its estimates of the number of children aged 0 to 17\." \
    "Source: Department for Education, Children in need, reporting year 2025; Children looked after in England including adoptions, reporting year 2025; Children in need, reporting year 2023\." \
    "England, North West and the statistical neighbours' average: the Department for Education's published figures"; do
    grep -qE "$want" "$tmp/pdf.txt" || fail "the PDF does not say: $want"
done
# The summary has no note on the revision: its change is the partners' own.
grep -q "beside these" "$tmp/pdf.txt" && fail "the PDF has a note on the year before where no two DfE years sit side by side"

html="$out/sscp-annual-report-2019-20.html"
# The printed summary is as without benchmarks; the table of comparisons
# has the measures the DfE publishes: the area's figure as the DfE gives
# it, England's, the North West's, the neighbours' average and the rank;
# children looked after per 10,000 as the DfE publishes them, whole numbers.
C='<td class="n">'
grep -qE "<tr><th scope=\"row\">Section 47 enquiries per 10,000 children</th>${C}159.3</td>${C}115.6</td><td>down 27.4% from 159.3</td></tr>" "$html" ||
    fail "the page's summary is not as without benchmarks"
grep -qE "<tr><th scope=\"row\">Section 47 enquiries per 10,000 children</th>${C}115.6</td>(${C}[0-9]+\.[0-9]</td>){3}<td>[0-9]+ of [0-9]+</td></tr>" "$html" ||
    fail "the page's comparisons have no row for section 47 enquiries per 10,000 children"
grep -qE "<tr><th scope=\"row\">Children looked after per 10,000 children</th>${C}61</td>(${C}[0-9]+</td>){3}<td>[0-9]+ of [0-9]+</td></tr>" "$html" ||
    fail "the page's comparisons do not keep the DfE's whole-number rates"
grep -q "<tr><th scope=\"row\">Total income</th>[^/]*\[z\]" "$html" &&
    fail "the page's comparisons have a row the DfE does not publish"
desc="<desc id=\"how-we-compare-desc\">Dot plot: How Stockport compares: rates per 10,000 children. 5 measures, each with figures for Stockport, England, North West and Statistical neighbours' average. Referrals per 10,000 children: Stockport 515\.5, England [0-9.]+, North West [0-9.]+, Statistical neighbours' average [0-9.]+; $REL England \([0-9.]+ per 10,000\) (and|but $REL) the neighbours' average \([0-9.]+, of 9 of the 10 neighbours\)\. Section 47 enquiries per 10,000 children: Stockport [0-9.]+, England [0-9.]+, North West [0-9.]+, Statistical neighbours' average [0-9.]+; $REL England"
grep -qE "$desc" "$html" || fail "the page's dot plot has no description giving its figures"
grep -qF '<th scope="col">Measure</th><th scope="col" class="n">Stockport (DfE)</th><th scope="col" class="n">England</th><th scope="col" class="n">North West</th><th scope="col" class="n">Neighbours&apos; average</th><th scope="col">Rank</th>' "$html" ||
    fail "the page's comparisons have no England, North West and neighbours' columns"
grep -qE "<tr><th scope=\"row\">Section 47 enquiries per 10,000 children</th>${C}115.6</td>(${C}[0-9]+\.[0-9]</td>){3}</tr>" "$html" ||
    fail "the page's dot plot has no table of its figures"
# Referrals per 10,000, worked out: 3,243 per 10,000 of the CLA table's
# 62,912 children.
grep -qE "<tr><th scope=\"row\">Referrals per 10,000 children</th>${C}515.5</td>(${C}[0-9]+\.[0-9]</td>){3}<td>[0-9]+ of [0-9]+</td></tr>" "$html" ||
    fail "the page's comparisons have no worked-out referrals per 10,000 children"
[ -s "$out/charts/how-we-compare.png" ] && [ -s "$out/charts/how-we-compare.svg" ] ||
    fail "no chart files for how-we-compare"

# The workbook: the summary's columns, the Benchmarks sheet, a note for each file.
mkdir "$tmp/xl" && (cd "$tmp/xl" && unzip -q "$out/sscp-annual-report-2019-20-data.xlsx") ||
    fail "cannot unzip the workbook"
python3 tests/golden/xlsx_cells.py "$tmp/xl" >"$tmp/cells.txt" || fail "cannot read the workbook"
sed -n '/^== sheet Summary$/,/^== sheet /p' "$tmp/cells.txt" >"$tmp/summary.txt"
for h in "I3  England 2019-20" "J3  North West 2019-20" "K3  Neighbours' average 2019-20" "L3  Rank among neighbours 2019-20 (of the DfE's figure)" "M3  Notes"; do
    grep -qxF "$h" "$tmp/summary.txt" || fail "the Summary sheet has no header $h"
done
# The neighbours' average cells hold the mean as shown (154.3), not 154.3125.
grep -qE "^[A-Z]+[0-9]+  (154\.3125|4693\.33)" "$tmp/cells.txt" &&
    fail "a neighbours' average cell holds more digits than the report shows"
sed -n '/^== sheet Benchmarks$/,/^== sheet /p' "$tmp/cells.txt" >"$tmp/bench.txt"
grep -q "^A1  How Stockport compares with England, its region and its statistical neighbours$" "$tmp/bench.txt" ||
    fail "no Benchmarks sheet"
grep -q "^J[0-9]*  .*c4-s47-icpc-2023.csv, line [0-9]* \[note [0-9]*\]$" "$tmp/bench.txt" ||
    fail "the Benchmarks sheet does not say where a figure was read"
for f in c1-referrals-2025 c4-s47-icpc-2023 d1-cpp-2025 a1-cin-2025 cla-rates-2025; do
    grep -q "^B[0-9]*  .*benchmarks/$f.csv: Department for Education, " "$tmp/cells.txt" ||
        fail "no note names $f.csv with its publication, table and release"
done
# A worked-out rate names both lines it comes from, and says how.
grep -qE "^J[0-9]+  .*c1-referrals-2025.csv, line 16 \[note [0-9]+\]; .*cla-rates-2025.csv, line 16 \[note [0-9]+\]$" "$tmp/bench.txt" ||
    fail "the Benchmarks sheet does not give the count's and the population's lines of a worked-out rate"
grep -qE "^K[0-9]+  The Department publishes the count, not this rate" "$tmp/bench.txt" ||
    fail "the Benchmarks sheet does not say a rate was worked out"
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
    "$fen/fenbridge-scp-annual-report-2024-25.html" || fail "Fenbridge's comparisons have no East of England column"
grep -qF '<desc id="how-we-compare-desc">Dot plot: How Fenbridge compares: rates per 10,000 children.' \
    "$fen/fenbridge-scp-annual-report-2024-25.html" || fail "Fenbridge's dot plot has no description"

# A partnership of two local authorities (tests/fixtures/benchmarks-two-
# authorities): the comparisons are of the two together, the note names
# them and says how, a part suppressed is [c] for the whole, and the
# workbook gives every line a figure was worked out from.
two=tests/fixtures/benchmarks-two-authorities
"$bin" build 2023-24 --data "$two" --out "$tmp/two" >"$tmp/two.txt" 2>&1 ||
    fail "the two authorities' build exited $?: $(cat "$tmp/two.txt")"
th="$tmp/two/2023-24/westmere-kestrel-dale-scp-annual-report-2023-24.html"
grep -qF "How Westmere and Kestrel Dale compares with England, South West and its statistical neighbours, 2023-24" "$th" ||
    fail "the two authorities' comparison table has not their name"
grep -qF "Westmere and Kestrel Dale&apos;s figures are those of its 2 local authorities (Westmere and Kestrel Dale) together: their counts added, their rates weighted by their numbers of children aged 0 to 17" "$th" ||
    fail "the two authorities' comparison table does not say how they are combined"
grep -qF '<tr><th scope="row">Section 47 enquiries leading to an initial child protection conference</th><td class="n">[c]</td>' "$th" ||
    fail "a part suppressed is not [c] for the whole"
grep -qE "<tr><th scope=\"row\">Referrals to children&apos;s social care</th>${C}4,093</td>" "$th" ||
    fail "the two authorities' referrals are not added"
mkdir "$tmp/txl" && (cd "$tmp/txl" && unzip -q "$tmp/two/2023-24/westmere-kestrel-dale-scp-annual-report-2023-24-data.xlsx") ||
    fail "cannot unzip the two authorities' workbook"
python3 tests/golden/xlsx_cells.py "$tmp/txl" >"$tmp/tcells.txt" || fail "cannot read the workbook"
grep -qE "^J[0-9]+  .*c1-referrals-2025.csv, line 17 \[note [0-9]+\]; .*cla-rates-2025.csv, line 17 \[note [0-9]+\]; .*c1-referrals-2025.csv, line 18 \[note [0-9]+\]; .*cla-rates-2025.csv, line 18 \[note [0-9]+\]$" "$tmp/tcells.txt" ||
    fail "the Benchmarks sheet does not give each authority's lines of a worked-out rate"
# 2022-23: Kestrel Dale has no population, so the rates are [x], saying why.
"$bin" build 2022-23 --data "$two" --out "$tmp/two22" >"$tmp/two22.txt" 2>&1 ||
    fail "the two authorities' 2022-23 build exited $?: $(cat "$tmp/two22.txt")"
grep -qF "Referrals per 10,000 children; Children in need per 10,000 children; Section 47 enquiries per 10,000 children; Children on a child protection plan per 10,000 children; Children looked after per 10,000 children: Westmere and Kestrel Dale&apos;s figures are not available, as the DfE&apos;s population of children for Kestrel Dale (E06000987) in 2022-23 is not available [x]." \
    "$tmp/two22/2022-23/westmere-kestrel-dale-scp-annual-report-2022-23.html" ||
    fail "a rate not available for want of a population does not say why"

# The two authorities in different regions, with no `region:`: validate
# warns at the second's code, and the comparisons are with the first's
# region. With the first authority's rows gone, the region is the
# second's, and its figures are [x] with the reason.
cp -R "$two" "$tmp/regions"
sed -i '/^  region: E12000009$/d' "$tmp/regions/partnership.yaml"
python3 - "$tmp/regions/benchmarks" <<'PY' || fail "cannot edit the copy's files"
import csv, glob, os, sys
for p in glob.glob(os.path.join(sys.argv[1], "*.csv")):
    rows = list(csv.reader(open(p, newline="")))
    h = rows[0]
    for r in rows[1:]:
        if r[h.index("new_la_code")] == "E06000987":
            r[h.index("region_code")], r[h.index("region_name")] = "E12000008", "South East"
    csv.writer(open(p, "w", newline=""), lineterminator="\r\n").writerows(rows)
PY
"$bin" validate 2024-25 --data "$tmp/regions" >"$tmp/regions.txt" 2>&1
grep -qF "partnership.yaml:102:34: warning: Kestrel Dale (E06000987) is in the region South East (E12000008), but Westmere (E06000986) is in South West (E12000009): the comparisons are with South West" "$tmp/regions.txt" ||
    fail "validate does not warn of two regions: $(cat "$tmp/regions.txt")"
python3 - "$tmp/regions/benchmarks" <<'PY' || fail "cannot edit the copy's files"
import csv, glob, os, sys
for p in glob.glob(os.path.join(sys.argv[1], "*.csv")):
    rows = list(csv.reader(open(p, newline="")))
    h = rows[0]
    rows = [r for r in rows if r[h.index("new_la_code")] != "E06000986"]
    csv.writer(open(p, "w", newline=""), lineterminator="\r\n").writerows(rows)
PY
"$bin" explain 2024-25 s47-to-icpc --data "$tmp/regions" >"$tmp/regions2.txt" 2>&1
grep -qE "^    South East +\[x\]  \(no row in the file\)" "$tmp/regions2.txt" ||
    fail "the region is not the second authority's when the first has no rows: $(cat "$tmp/regions2.txt")"
grep -qF "not available, as the DfE's files have no row for E06000986 in 2024-25" "$tmp/regions2.txt" ||
    fail "an authority with no row is not said to have none: $(cat "$tmp/regions2.txt")"

# A release that ends before the report's year (C4 of 2023 for 2024-25,
# the later release not yet downloaded): a warning names the file and the
# measures left out of the comparisons.
cp -R tests/fixtures/benchmarks-fenbridge "$tmp/old-c4"
rm "$tmp/old-c4/benchmarks/c4-s47-icpc-2025.csv"
"$bin" build 2024-25 --data "$tmp/old-c4" --out "$tmp/old-c4-out" >"$tmp/old-c4.txt" 2>&1 ||
    fail "the build with an old C4 exited $?: $(cat "$tmp/old-c4.txt")"
grep -qF "old-c4/benchmarks/c4-s47-icpc-2023.csv: warning: this file gives no figures for 2024-25, the report's year (its latest are for 2022-23), so the comparisons leave out: Section 47 enquiries; Section 47 enquiries per 10,000 children; Section 47 enquiries leading to an initial child protection conference" "$tmp/old-c4.txt" ||
    fail "no warning that a release ending before the report's year leaves measures out: $(cat "$tmp/old-c4.txt")"

# Files that give no rate for the year (the C1 file only): the dot plot
# is left out with a warning naming it with the area's name, and a final
# report is built.
cp -R tests/fixtures/benchmarks "$tmp/c1only"
rm "$tmp/c1only/benchmarks/a1-cin-2025.csv" "$tmp/c1only/benchmarks/c4-s47-icpc-2023.csv" \
    "$tmp/c1only/benchmarks/d1-cpp-2025.csv" "$tmp/c1only/benchmarks/cla-rates-2025.csv"
"$bin" build 2019-20 --final --data "$tmp/c1only" --out "$tmp/c1out" >"$tmp/c1.txt" 2>&1 ||
    fail "a final report with no DfE rate for the year was not built: $(cat "$tmp/c1.txt")"
grep -qF 'warning: the chart "How Stockport compares: rates per 10,000 children" is left out' "$tmp/c1.txt" ||
    fail "no warning that the dot plot is left out: $(cat "$tmp/c1.txt")"
grep -q '{{area}}' "$tmp/c1.txt" && fail "a message keeps {{area}}"
[ -e "$tmp/c1out/2019-20/charts/how-we-compare.svg" ] && fail "a dot plot with no figures"
# The comparisons have the C1 rows; the measures the DfE publishes that no
# file gives are named in the note, not rows of [x].
pdftotext -layout "$tmp/c1out/2019-20/sscp-annual-report-2019-20.pdf" - | tr -s ' \n' '  ' >"$tmp/c1.pdf.txt"
grep -qF "The Department publishes these too, but no file in the benchmarks folder gives them for 2019-20: children in need during the year, children in need per 10,000 children," "$tmp/c1.pdf.txt" ||
    fail "the comparisons' note does not name the measures no file gives"
grep -qE "Children in need during the year( \[x\]){4}" "$tmp/c1.pdf.txt" &&
    fail "the comparisons have a row of [x]"

# A year the partners sent no figure for a measure the DfE's files give
# (2018-19: no conferences, no looked-after figures): the comparisons still
# have the Department's rows.
"$bin" build 2018-19 --data tests/fixtures/benchmarks --out "$tmp/y18" >"$tmp/y18.txt" 2>&1 ||
    fail "the 2018-19 build exited $?: $(cat "$tmp/y18.txt")"
pdftotext -layout "$tmp/y18/2018-19/sscp-annual-report-2018-19.pdf" - | tr -s ' \n' '  ' >"$tmp/y18.pdf.txt"
for want in "Section 47 enquiries leading to an initial $N $N $N $N [0-9]+ of [0-9]+ child protection conference" \
    "Children looked after per 10,000 children"; do
    grep -qE "$want" "$tmp/y18.pdf.txt" || fail "the 2018-19 comparisons lack: $want"
done

# Without benchmarks: no dot plot, no columns, no sheet.
"$bin" build 2019-20 --out "$tmp/plain" >/dev/null 2>&1 || fail "the sample's build exited $?"
[ -e "$tmp/plain/2019-20/charts/how-we-compare.svg" ] && fail "a dot plot without benchmarks"
grep -q "Neighbours&apos; average\|how-we-compare" "$tmp/plain/2019-20/sscp-annual-report-2019-20.html" &&
    fail "the sample's page, without benchmarks, has comparisons"
exit 0
