#!/bin/sh
# A partnership that is not the bundled sample, made with `init`, gets a
# report of its own from the default template: the attendance chart is
# captioned with its own board's name, the contacts chart with the period
# its data gives, its files are named after it (short name, then
# file_name), publish and status find them through the build record, and
# nothing of Stockport appears. A chart naming a body that did not meet is
# an error naming those that did; a chart with no figures stops --final.
#
#   generic.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
export NO_COLOR=1 SOURCE_DATE_EPOCH=1743465600

cd "$tmp" || exit 1
run 0 init lscp --year 2024-25
cd lscp || exit 1
cat >data/partnership.yaml <<'EOF'
format: 1
partnership:
  name: Stoke Safeguarding Children Partnership
  short_name: Stoke SCP
  area: Stoke
  email: scp@stoke.example
partners:
  - {id: council, name: Stoke Council, short_name: Council, statutory: yes,
     submits: [finance, attendance, performance, sign_off]}
  - {id: police, name: Stoke Police, short_name: Police, statutory: yes}
  - {id: icb, name: NHS Stoke Integrated Care Board, short_name: ICB, statutory: yes}
lead_partners:
  - {partner: council, lead: Chief Executive, delegate: Director of Children's Services}
  - {partner: police, lead: Chief Constable, delegate: Assistant Chief Constable}
  - {partner: icb, lead: Chief Executive, delegate: Chief Nurse}
population:
  children_0_17: {2024-25: 50000}
  source: made up for this test
recipients:
  - {id: dfe, email: reports@dfe.example}
  - {id: foundations, name: Foundations, email: info@foundations.example}
  - {id: head, name: "Jane Smith, Head of Safeguarding", email: jane.smith@stoke.example}
EOF
cat >data/2024-25/council.yaml <<'EOF'
format: 1
partner: council
year: 2024-25
contact: Business unit
finance:
  income:
    - group: Contributions
      lines:
        - {partner: council, amount: 60000}
        - {partner: police, amount: 20000}
        - {partner: icb, amount: 30000}
  expenditure:
    - group: Costs
      lines:
        - {label: Business unit, amount: 110000}
sign_off:
  report: {date: 2025-09-16, by: [council, police, icb]}
  budget: {date: 2024-03-12, by: [council, police, icb]}
attendance:
  meetings:
    - {body: Safeguarding Partnership Board, date: 2024-06-04, attended: [council, police], apologies: [icb]}
    - {body: Safeguarding Partnership Board, date: 2024-11-12, attended: [council, police, icb]}
performance:
  contacts:
    period: {from: 2024-10-01, to: 2025-03-31}
    outcomes:
      - {outcome: Advice, count: 120}
      - {outcome: Referral, count: 80}
      - {outcome: Strategy discussion, count: not available}
EOF
for f in data/2024-25/narrative/*.md; do
    echo "Words." >"$f"
done
cat >>data/2024-25/narrative/performance.md <<'EOF'

```chart contacts-by-outcome
```

```table contacts-by-outcome
```
EOF

# ---- the default template, this partnership's names ----------------------------------
run 0 build 2024-25 --final
has out "Wrote out/2024-25/stoke-scp-annual-report-2024-25.pdf ("
has out "Wrote out/2024-25/stoke-scp-annual-report-2024-25-data.xlsx ("
has out "Wrote out/2024-25/stoke-scp-annual-report-2024-25.html ("
[ ! -s "$tmp/err" ] || fail "warnings from a complete build: $(cat "$tmp/err")"
pdftotext out/2024-25/stoke-scp-annual-report-2024-25.pdf "$tmp/report.txt" || fail "pdftotext"
tr '\n' ' ' <"$tmp/report.txt" | tr -s ' ' >"$tmp/flat.txt"
for want in "Attendance at the Safeguarding Partnership Board" \
            "Contacts to the front door by outcome, 1 October 2024 to 31 March 2025" \
            "Contacts by outcome, 1 October 2024 to 31 March 2025" "1 Introduction"; do
    grep -qF -- "$want" "$tmp/flat.txt" || fail "the report does not say \"$want\""
done
grep -qF "Independent scrutiny" "$tmp/flat.txt" || fail "the scrutineer's statement is not in the report"
grep -qF "signed off this report on 16 September 2025" "$tmp/flat.txt" || fail "the sign-off is not in the report"
# No row, table or sheet without figures: a contacts outcome given as not
# available is left out of the table and its sheet; the workbook has no
# sheet (nor contents entry) for the evaluations, the training or the local
# measures this partnership did not send.
grep -o "Table [0-9]*\. Contacts by outcome.\{0,200\}" "$tmp/flat.txt" >"$tmp/contacts.txt" || fail "no contacts table"
! grep -qF "Strategy discussion" "$tmp/contacts.txt" || fail "a row with no figure in either year is shown: $(cat "$tmp/contacts.txt")"
mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$OLDPWD/out/2024-25/stoke-scp-annual-report-2024-25-data.xlsx") ||
    fail "the workbook is not a zip"
sheets=$(grep -o '<sheet name="[^"]*"' "$tmp/x/xl/workbook.xml" | sed 's/<sheet name="//; s/"$//' | tr '\n' ' ')
[ "$sheets" = "Cover_sheet Table_of_contents Notes Summary Income_by_group Income_by_line Expenditure_by_group Expenditure_by_line Contacts_by_outcome Contributions_by_partner Attendance " ] ||
    fail "the workbook's sheets are: $sheets"
! grep -qF "Evaluations" "$tmp/x/xl/sharedStrings.xml" || fail "the contents name an Evaluations sheet"
! grep -qF "Strategy discussion" "$tmp/x/xl/sharedStrings.xml" || fail "the workbook has a row with no figures"
# An optional section without words is left out; under Working Together
# 2023 the duty it meets is then unmet (a warning in a draft).
mv data/2024-25/narrative/scrutiny.md "$tmp/scrutiny.md"
run 0 build 2024-25
has err "warning: the report says nothing yet on what Working Together 2023 asks for: the work and findings of independent scrutiny"
pdftotext out/2024-25/stoke-scp-annual-report-2024-25.pdf - | tr '\n' ' ' | tr -s ' ' >"$tmp/flat2.txt"
! grep -qF "Independent scrutiny" "$tmp/flat2.txt" || fail "an empty optional section was shown"
mv "$tmp/scrutiny.md" data/2024-25/narrative/scrutiny.md
run 0 build 2024-25 --final
! grep -qF "There are no figures" "$tmp/flat.txt" || fail "a final report with an empty chart"
for f in out/2024-25/*.pdf out/2024-25/*.html "$tmp/report.txt"; do
    ! grep -qi "stockport\|partnership executive\|massh\|complex safeguarding\|adults at risk" "$f" ||
        fail "$f names the bundled sample's partnership"
done
[ -s out/2024-25/charts/attendance-safeguarding-partnership-board.svg ] || fail "no attendance chart file"
grep -q "Attendance at the Safeguarding Partnership Board" \
    out/2024-25/charts/attendance-safeguarding-partnership-board.svg || fail "the chart file's title"
grep -q 'name: "stoke-scp-annual-report-2024-25.pdf"' out/2024-25/build-record.yaml ||
    fail "the build record does not name the PDF"
run 0 status 2024-25
has out ": current"
run 0 publish 2024-25 --date 2025-09-30
has out "Recorded: 2024-25 published on 30 September 2025"
grep -q "stoke-scp-annual-report-2024-25.pdf" out/2024-25/submission/manifest.yaml ||
    fail "the manifest does not name the PDF"
# The greeting reads naturally whatever the recipient is called.
for r in dfe foundations head; do
    tr -d '\r' <out/2024-25/submission/$r.eml | grep -q '^Dear colleagues,$' ||
        fail "$r.eml does not open with \"Dear colleagues,\": $(tr -d '\r' <out/2024-25/submission/$r.eml | grep '^Dear')"
done

# ---- file_name: the partnership's own stem ------------------------------------------
sed -i 's/^  short_name: Stoke SCP$/  short_name: Stoke SCP\n  file_name: stoke-lscp/' data/partnership.yaml
run 0 build 2024-25
has out "Wrote out/2024-25/stoke-lscp-annual-report-2024-25.pdf ("
[ -s out/2024-25/stoke-lscp-annual-report-2024-25-data.xlsx ] || fail "no workbook named by file_name"
sed -i 's/^  file_name: stoke-lscp$/  file_name: Stoke LSCP/' data/partnership.yaml
run 1 build 2024-25
has err "data/partnership.yaml:5:14: error: \`Stoke LSCP\` cannot start the report's file names"
has err "hint: use lower-case letters a-z, digits and hyphens, such as \`stoke-lscp\`"
sed -i '/^  file_name:/d' data/partnership.yaml

# ---- a chart of a body that did not meet --------------------------------------------
mkdir -p data/templates
cat >data/templates/charts.yaml <<'EOF'
# Our board only.
charts:
  - id: attendance
    kind: matrix
    title: Attendance at the Partnership Board
    body: Safeguarding Partnership Bord
    width: 480
    height: 240
EOF
run 1 build 2024-25
has err "data/templates/charts.yaml:6:11: error: the chart \`attendance\` shows the meetings of \"Safeguarding Partnership Bord\", but 2024-25 has no meetings of it; it has meetings of \"Safeguarding Partnership Board\""
has err "hint: did you mean \`body: Safeguarding Partnership Board\`?"
run 0 status 2024-25
has out ": stale"
rm -r data/templates

# ---- bodies: one chart per body however its name is typed ---------------------------
cp data/2024-25/council.yaml "$tmp/council.yaml"
cat >"$tmp/meetings.yaml" <<'EOF'
    - {body: The Safeguarding Board, date: 2024-06-05, attended: [council, police, icb]}
    - {body: "Children's Safeguarding Group", date: 2024-07-01, attended: [council, police]}
    - {body: "Children’s  safeguarding group", date: 2024-09-01, attended: [council, icb]}
    - {body: "Bwrdd Diogelu – Môn", date: 2024-10-01, attended: [council, icb]}
EOF
sed -i "/date: 2024-11-12/r $tmp/meetings.yaml" data/2024-25/council.yaml
run 0 build 2024-25 --final
pdftotext out/2024-25/stoke-scp-annual-report-2024-25.pdf - | tr '\n' ' ' | tr -s ' ' >"$tmp/flat3.txt"
has flat3.txt "Attendance at The Safeguarding Board"
! grep -qF "the The" "$tmp/flat3.txt" || fail "a doubled article"
has flat3.txt "Attendance at the Children's Safeguarding Group"
[ "$(grep -o "Figure [0-9]*\. Attendance at the Children.s  *[Ss]afeguarding [Gg]roup" "$tmp/flat3.txt" | wc -l)" -eq 1 ] ||
    fail "two spellings of one body gave two charts"
(cd out/2024-25/charts && ls) >"$tmp/charts.txt"
for f in attendance-the-safeguarding-board attendance-childrens-safeguarding-group attendance-bwrdd-diogelu-mon; do
    grep -qx "$f.svg" "$tmp/charts.txt" || fail "no chart file $f.svg: $(cat "$tmp/charts.txt")"
done
! LC_ALL=C grep -q '[^a-z0-9.-]' "$tmp/charts.txt" || fail "a chart file name is not plain ASCII: $(cat "$tmp/charts.txt")"
cp "$tmp/council.yaml" data/2024-25/council.yaml

# ---- local measures the report does not show ----------------------------------------
cat >>data/2024-25/council.yaml <<'EOF'
  measures:
    - {id: missing-episodes, label: Missing episodes, count: 41}
EOF
mkdir -p data/templates
cat >data/templates/report.yaml <<'EOF'
sections:
  - id: performance
    blocks: ["table summary"]
EOF
run 0 build 2024-25
has err "data/templates/report.yaml:1:1: warning: the report leaves out the measure partners sent that the metrics catalogue does not know (\`missing-episodes\`): no section shows the Local measures table"
has err "hint: add \"table local-measures\" to the blocks of a section (the default template has it in performance), or define it as a metric in data/templates/metrics.yaml"
run 1 build 2024-25 --final
has err "data/templates/report.yaml:1:1: error: the report leaves out the measure"

# ---- the layered report: after: a section further on, a narrative's name ---------------
cat >data/templates/report.yaml <<'EOF'
sections:
  - id: board
    title: The board
    after: groups
  - id: groups
    title: The groups
    after: priorities
  - id: voice
    narrative: ../../outside.md
EOF
run 1 build 2024-25
has err "data/templates/report.yaml:9:16: error: \`../../outside.md\` is not a plain file name in the narrative folder"
has err "hint: write the name of a file in data/<year>/narrative/, such as finance.md, with no folder before it"
sed -i '/^  - id: voice$/,$d' data/templates/report.yaml
run 0 build 2024-25
! grep -qF "names no section" "$tmp/err" || fail "after: a section further on: $(cat "$tmp/err")"
pdftotext out/2024-25/stoke-scp-annual-report-2024-25.pdf - | grep -E "^[0-9]+ (Progress on|The groups|The board)" | head -3 | tr '\n' '|' >"$tmp/order.txt"
has order.txt "5 Progress on our priorities|6 The groups|7 The board|"
rm -r data/templates
cp "$tmp/council.yaml" data/2024-25/council.yaml

# ---- a table with no figures: a warning in a draft, an error in a final build ---------
cp data/2024-25/narrative/training.md "$tmp/training.md"
printf '\n```table cp-plans-by-category\n```\n' >>data/2024-25/narrative/training.md
run 0 build 2024-25
has err "data/2024-25/narrative/training.md:3:1: warning: there are no figures for the table \"Child protection plans started, by category of abuse\" this year"
has err "hint: add the figures it shows to a submission, or remove the table from the report"
pdftotext out/2024-25/stoke-scp-annual-report-2024-25.pdf - | tr '\n' ' ' | tr -s ' ' >"$tmp/flat4.txt"
has flat4.txt "There are no figures for the table \"Child protection plans started, by category of abuse\" this year."
run 1 build 2024-25 --final
has err "data/2024-25/narrative/training.md:3:1: error: there are no figures for the table"
cp "$tmp/training.md" data/2024-25/narrative/training.md

# ---- no figures: a warning in a draft, an error in a final build -------------------
sed -i '/^attendance:/,/^performance:/{/^performance:/!d}' data/2024-25/council.yaml
run 0 build 2024-25
mkdir "$tmp/x2" && (cd "$tmp/x2" && unzip -q "$OLDPWD/out/2024-25/stoke-scp-annual-report-2024-25-data.xlsx") ||
    fail "the workbook is not a zip"
! grep -q '<sheet name="Attendance"' "$tmp/x2/xl/workbook.xml" || fail "an Attendance sheet with no meetings"
has err "report-templates/report.yaml:49:14: warning: there are no figures for the chart \"Attendance at the partnership's meetings\" this year"
run 1 build 2024-25 --final
has err "report-templates/report.yaml:49:14: error: there are no figures for the chart \"Attendance at the partnership's meetings\" this year"
has err "hint: add the meetings and who came to a submission (attendance.meetings), or remove the chart from the report"
echo "ok: the default template in another partnership's words, its file names, bodies and periods"
