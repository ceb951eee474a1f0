#!/bin/sh
# The Working Together 2023 parts of the report, built from the fixture in
# tests/fixtures/wt2023: the lead safeguarding partners, the sign-off record,
# each partner's contribution (a partner's two lines as one row, a grant
# named by its source), and the local measures, in the HTML and the
# workbook. A partnership without them (the Stockport sample, the
# disclosure fixture) gets no empty table and no sentence about them.
#
#   wt2023.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1

"$bin" build --data tests/fixtures/wt2023 --out "$tmp/f" 2024-25 >"$tmp/f.txt" 2>&1 ||
    fail "build exited $?: $(cat "$tmp/f.txt")"
h="$tmp/f/2024-25/fscp-annual-report-2024-25.html"
has() { grep -qF "$1" "$h" || fail "the report lacks: $1"; }
has '<caption id="table-1">Table 1: The lead safeguarding partners</caption>'
has '<tr><th scope="row">Fenbridge City Council</th><td>Alex Example, Chief Executive</td><td>Director of Children&apos;s Services</td></tr>'
has '<tr><th scope="row">NHS Fenshire and Wolds Integrated Care Board</th><td>Chief Executive</td><td>Sam Example, Chief Nurse</td></tr>'
has '<p>The lead safeguarding partners signed off this report on 12 September 2025: Fenbridge City Council, Fenshire Police and NHS Fenshire and Wolds Integrated Care Board. The budget for 2024-25 was signed off on 28 March 2024 by Fenbridge City Council, Fenshire Police and NHS Fenshire Integrated Care Board.</p>'
has 'Table 2: Contributions to the shared budget</caption>'
has '<tr><th scope="row">FCC</th><td class="n">£90,000</td><td class="n">£100,000</td><td class="n">+£10,000</td><td class="n">+11.1%</td></tr>'
has '<tr><th scope="row">Fenshire and Wolds ICB</th><td class="n">£30,000</td><td class="n">£31,000</td>'
has '<tr><th scope="row">Department for Education</th><td class="n">£10,000</td><td class="n">£12,500</td>'
has 'Table 4: Local measures</caption><thead><tr><th scope="col">Measure</th><th scope="col" class="n"><span class="yr">2023-24</span></th><th scope="col" class="n"><span class="yr">2024-25</span></th><th scope="col">Change</th></tr></thead>'
has '<tr><th scope="row">Children missing education on 31 March</th><td class="n">41</td><td class="n">37</td><td>down 9.8% from 41</td></tr>'
has '<tr><th scope="row">Children in elective home education</th><td class="n">212</td><td class="n">[c]</td><td>not compared with 2023-24, to protect small numbers</td></tr>'
# Local measures are in their own table, not the summary as well.
[ "$(grep -o 'Children missing education on 31 March' "$h" | wc -l)" -eq 1 ] ||
    fail "a local measure is shown more than once"

x="$tmp/f/2024-25/fscp-annual-report-2024-25-data.xlsx"
mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$x") || fail "the workbook is not a zip"
grep -q '<sheet name="Contributions_by_partner"' "$tmp/x/xl/workbook.xml" || fail "no Contributions_by_partner sheet"
grep -q '<sheet name="Local_measures"' "$tmp/x/xl/workbook.xml" || fail "no Local_measures sheet"
grep -q 'Children missing education on 31 March' "$tmp/x/xl/sharedStrings.xml" || fail "the local measure is not in the workbook"

# status shows the sign-off record, each signatory named as when it signed.
"$bin" status --data tests/fixtures/wt2023 --out "$tmp/f" 2024-25 >"$tmp/st.txt" 2>&1 || fail "status exited $?"
grep -qxF "  report  signed off 12 September 2025 by Fenbridge City Council, Fenshire Police and NHS Fenshire and Wolds Integrated Care Board" "$tmp/st.txt" ||
    fail "status does not show the report's sign-off: $(cat "$tmp/st.txt")"
grep -qxF "  budget  signed off 28 March 2024 by Fenbridge City Council, Fenshire Police and NHS Fenshire Integrated Care Board" "$tmp/st.txt" ||
    fail "status does not show the budget's sign-off"
"$bin" status --data tests/fixtures/wt2023 --out "$tmp/f" 2023-24 >"$tmp/st.txt" 2>&1
grep -qxF "  report  not recorded" "$tmp/st.txt" || fail "status does not say the report is not signed off"

# The same partnership reporting under Working Together 2018, which asks for
# no sign-off: no lead partners' table and no Sign-off part in a year
# without a sign-off record; both in a year with one.
cp -R tests/fixtures/wt2023 "$tmp/wt2018"
sed -i 's/^  area: Fenbridge$/&\n  guidance: working-together-2018/' "$tmp/wt2018/partnership.yaml"
grep -q '^  guidance: working-together-2018$' "$tmp/wt2018/partnership.yaml" || fail "the edition was not named"
"$bin" build --data "$tmp/wt2018" --out "$tmp/o18" 2023-24 >"$tmp/b.txt" 2>&1 || fail "build 2023-24 under 2018 exited $?: $(cat "$tmp/b.txt")"
h="$tmp/o18/2023-24/fscp-annual-report-2023-24.html"
grep -q 'lead safeguarding partners' "$h" && fail "a year under Working Together 2018 names the lead safeguarding partners"
"$bin" status --data "$tmp/wt2018" --out "$tmp/o18" 2023-24 >"$tmp/st.txt" 2>&1 || fail "status exited $?"
grep -q '^Sign-off$' "$tmp/st.txt" && fail "status shows a Sign-off part under Working Together 2018: $(cat "$tmp/st.txt")"
"$bin" build --data "$tmp/wt2018" --out "$tmp/o18" 2024-25 >"$tmp/b.txt" 2>&1 || fail "build 2024-25 under 2018 exited $?: $(cat "$tmp/b.txt")"
h="$tmp/o18/2024-25/fscp-annual-report-2024-25.html"
grep -qF 'Table 1: The lead safeguarding partners</caption>' "$h" || fail "a year with a sign-off record lacks the lead partners"
"$bin" status --data "$tmp/wt2018" --out "$tmp/o18" 2024-25 >"$tmp/st.txt" 2>&1 || fail "status exited $?"
grep -q '^Sign-off$' "$tmp/st.txt" || fail "status does not show the year's sign-off record"

# Under the 2018 edition: no lead partners, no sign-off record.
"$bin" build --out "$tmp/s" 2019-20 >/dev/null 2>&1 || fail "the sample's build exited $?"
h="$tmp/s/2019-20/sscp-annual-report-2019-20.html"
grep -q 'lead safeguarding partners' "$h" && fail "the sample's report names lead safeguarding partners"
grep -q 'signed off' "$h" && fail "the sample's report has a sign-off sentence"
grep -qF 'Local measures</caption>' "$h" || fail "the sample's own measures are not shown"
# No local measures and no income: neither table.
"$bin" build --data tests/fixtures/disclosure --out "$tmp/d" 2019-20 >/dev/null 2>&1 || fail "the disclosure build exited $?"
h="$tmp/d/2019-20/sscp-annual-report-2019-20.html"
grep -q 'Local measures' "$h" && fail "an empty Local measures table"
grep -q 'Contributions to the shared budget' "$h" && fail "an empty contributions table"
echo "ok: lead partners, sign-off, contributions and local measures"
