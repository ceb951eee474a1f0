#!/bin/sh
# A partnership's year from start to finish, in a fresh folder: init,
# new-year, template, validate, status, build --final, publish (refusing a
# draft and a stale build), the copies sent, and status with the deadlines.
# The manifest's hashes are checked against the files with sha256sum, and
# the attachment in each .eml is decoded and compared with the PDF.
#
#   workflow.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
export NO_COLOR=1

# ---- init: a new partnership's folder ---------------------------------------------
cd "$tmp" || exit 1
run 0 init lscp --year 2019-20
has out "data/partnership.yaml"
has out "sscp-report new-year 2019-20"
for f in data/partnership.yaml report-templates/report.yaml report-templates/metrics.yaml \
         report-templates/charts.yaml fonts/OpenSans-Regular.ttf; do
    [ -f "lscp/$f" ] || fail "init did not make $f"
done
cmp -s "lscp/fonts/OpenSans-Bold.ttf" "$src/fonts/OpenSans-Bold.ttf" || fail "the fonts were not copied whole"
cmp -s "lscp/report-templates/report.yaml" "$src/report-templates/report.yaml" || fail "the template was not copied whole"
for s in introduction purpose governance priorities reviews voice scrutiny concern; do
    [ -f "lscp/data/2019-20/narrative/$s.md" ] && [ ! -s "lscp/data/2019-20/narrative/$s.md" ] ||
        fail "init did not make an empty narrative/$s.md"
done
run 2 init lscp
has err "sscp-report: lscp already has files in it; name a new or empty folder"

cd lscp || exit 1
# The blank partnership.yaml points at each blank, with its line.
run 1 validate data/partnership.yaml
has out "data/partnership.yaml:11:8: error: no value given for \`name\`"
has out "hint: write a value after the colon: \`name\` is needed"
run 1 new-year 2019-20
has err "sscp-report: fix data/partnership.yaml first"
# Filled in, it is valid as it stands.
sed -e 's/^  name: .*/  name: Testshire Safeguarding Children Partnership/' \
    -e 's/^  short_name: .*/  short_name: TSCP/' -e 's/^  area: .*/  area: Testshire/' \
    -e 's/^  email:.*/  email: tscp@testshire.gov.uk/' \
    -e 's/^    name: .*/    name: A Testshire body/' -e 's/^    2019-20: .*/    2019-20: 61000/' \
    -e 's/^  source: .*/  source: ONS mid-year estimate/' data/partnership.yaml >"$tmp/filled.yaml"
mv "$tmp/filled.yaml" data/partnership.yaml
run 0 validate data/partnership.yaml
has out "Checked partnership.yaml: no problems found."
# It shows how to name the lead safeguarding partners, and that sign_off is
# among what a partner may send; uncommented, the example is valid.
grep -q '^# lead_partners:$' data/partnership.yaml || fail "init's partnership.yaml shows no lead_partners"
grep -q '^  # performance, training, and sign_off ' data/partnership.yaml ||
    fail "init's partnership.yaml does not list sign_off among what a partner sends"
cp data/partnership.yaml "$tmp/filled.yaml"
sed -i '/^# lead_partners:$/,/^$/s/^# //' data/partnership.yaml
run 0 validate data/partnership.yaml
has out "Checked partnership.yaml: no problems found."
cp "$tmp/filled.yaml" data/partnership.yaml

# The rest uses the bundled sample partnership, with its 2018-19 figures
# standing for "last year", and its own measures, charts and titles layered
# over the default template.
cp "$src/data/partnership.yaml" data/partnership.yaml
cp -R "$src/data/templates" data/
cp -R "$src/data/2018-19" data/

# ---- new-year: requests from last year's figures -----------------------------------
run 0 new-year 2019-20
has out "data/2019-20/requests/smbc.yaml"
has out "to send to Stockport Metropolitan Borough Council"
has out "data/2019-20/requests/ssab.yaml"
has out "Kept 14 files already there."
grep -qF "q1:                                 # April to June (2018-19: 1014)" data/2019-20/requests/smbc.yaml ||
    fail "the council's request does not show last year's first quarter"
[ ! -e data/2019-20/requests/gmp.yaml ] || fail "a request for a partner that sends nothing"
cp data/2019-20/requests/smbc.yaml "$tmp/request-before"
run 0 new-year 2019-20
has out "2019-20 is already started in data/2019-20: nothing to add."
cmp -s data/2019-20/requests/smbc.yaml "$tmp/request-before" || fail "new-year rewrote a request"

# ---- template and validate: a partner's file -----------------------------------------
run 0 template gmp 2019-20 --output "$tmp/gmp.yaml"
has err "Wrote $tmp/gmp.yaml"
grep -q "^partner: gmp$" "$tmp/gmp.yaml" || fail "the template is not for gmp"
# Sent back untouched, it has no errors: each blank is named in a warning.
run 0 validate --data data "$tmp/gmp.yaml"
has out "0 errors"
has out "is left blank, so it is treated as not given"

# ---- status before anything is in --------------------------------------------------
run 0 status 2019-20
has out "  SMBC                   -                                missing"
has out "Narrative in data/2019-20/narrative/: 0 of 13 sections written"
has out "  still to write: introduction.md  Introduction from the Independent Chair"
has out "  MISSING  decisions and actions taken on local and national child safeguarding practice reviews"
has out "  not built yet: sscp-report build 2019-20"
has out "  not published yet"

# The partners' files and the narrative arrive.
cp "$src"/data/2019-20/*.yaml data/2019-20/
cp "$src"/data/2019-20/narrative/*.md data/2019-20/narrative/
run 0 validate 2019-20
has out "0 errors"

# ---- the statutory contents check ---------------------------------------------------
cp data/2019-20/narrative/reviews.md "$tmp/reviews.md"
: >data/2019-20/narrative/reviews.md
duty="the report says nothing yet on what Working Together 2018 asks for: decisions and actions taken on local and national child safeguarding practice reviews"
run 0 build 2019-20
has err "warning: $duty"
run 1 build 2019-20 --final
has err "error: $duty"
has err "hint: write the narrative for the section reviews"
run 0 status 2019-20
has out "  MISSING  decisions and actions taken on local and national child safeguarding practice reviews"
has out "  still to write: reviews.md       Learning from reviews"
cp "$tmp/reviews.md" data/2019-20/narrative/reviews.md

# ---- publish refuses what is not final and current ---------------------------------
rm -rf out
run 1 publish 2019-20 --date 2020-10-30
has err "sscp-report: there is no report for 2019-20 in out/2019-20: run \`sscp-report build 2019-20 --final\` first"
run 0 build 2019-20
run 1 publish 2019-20 --date 2020-10-30
has err "the report in out/2019-20 is a draft: run \`sscp-report build 2019-20 --final\` first"
run 0 build 2019-20 --final
run 0 status 2019-20
has out ": current"
printf '\nA sentence added after the build.\n' >>data/2019-20/narrative/introduction.md
run 0 status 2019-20
has out ": stale"
run 1 publish 2019-20 --date 2020-10-30
has err "the report in out/2019-20 is out of date"
[ ! -e data/2019-20/publication.yaml ] || fail "a refused publish left a record"
[ ! -e out/2019-20/submission ] || fail "a refused publish wrote a submission"

# ---- publish ---------------------------------------------------------------------------------
run 0 build 2019-20 --final
# Under an edition that names a recipient without an address, publish
# refuses until partnership.yaml gives one, and writes nothing.
cp data/partnership.yaml "$tmp/partnership.yaml"
sed 's/^  email: lsb@stockport.gov.uk$/&\n  guidance: working-together-2023/' "$tmp/partnership.yaml" >data/partnership.yaml
run 1 publish 2019-20 --date 2020-10-30
has err "error: Working Together 2023 names the Department for Education (\`dfe\`) as a recipient but gives no address for it"
has err "report-templates/guidance/working-together-2023.yaml:"
has err "  hint: add the address to data/partnership.yaml, under \`recipients:\`, as \`- {id: dfe, email: ADDRESS}\`; publish refuses until every recipient has one"
[ ! -e data/2019-20/publication.yaml ] || fail "a refused publish left a record"
run 0 status 2019-20
has out "What Working Together 2023 asks the report to contain"
has out "  partnership.yaml names this edition for 2019-20; by the year it would be Working Together 2018"
# The partnership corrects an address the edition gives; recipients do not
# change the report, so the build stays current.
cp "$tmp/partnership.yaml" data/partnership.yaml
# The DfE's address, which Working Together 2023 asks for, is not used in a
# year under 2018, whose edition does not name the DfE.
printf 'recipients:\n  - id: what-works\n    email: "copies@what-works.example"\n  - id: dfe\n    email: reports@dfe.example\n' >>data/partnership.yaml
run 0 status 2019-20
has out ": current"
# Not before the year was over.
run 1 publish 2019-20 --date 2020-03-31
has err "sscp-report: 31 March 2020 is before 2019-20 was over (it ended on 31 March 2020): the year's report is published after it; give the day it was published with --date"
[ ! -e data/2019-20/publication.yaml ] || fail "a refused publish left a record"
run 0 publish 2019-20 --date 2020-10-30 --url https://example.org/tscp/annual-report-2019-20
has out "Recorded: 2019-20 published on 30 October 2020"
has out "2 messages to send by 6 November 2020 (Working Together 2018):"
has out "Not sent: Working Together 2018 names no recipient \`dfe\`, and partnership.yaml gives it only an address (data/partnership.yaml:"
[ ! -e out/2019-20/submission/dfe.eml ] || fail "a message to the DfE under Working Together 2018"
# The Panel's address is the edition's and unchecked; what-works's is the
# partnership's own.
has out "Check before sending: Working Together 2018 marks these recipients as not confirmed (see report-templates/guidance/working-together-2018.yaml): panel"
grep -q "^    guidance: working-together-2018$" data/2019-20/publication.yaml ||
    fail "the record does not name the edition"
grep -qF '      - {id: what-works, name: "What Works Centre for Children'"'"'s Social Care", email: "copies@what-works.example"}' data/2019-20/publication.yaml ||
    fail "the record does not hold the recipients in force: $(cat data/2019-20/publication.yaml)"
sub=out/2019-20/submission
grep -q "^published: 2020-10-30$" $sub/manifest.yaml || fail "manifest: no publication date"
grep -q "^send_by: 2020-11-06   # Working Together 2018: within seven days of publication$" $sub/manifest.yaml ||
    fail "manifest: send-by is not publication + 7 days, with the edition's words"
inputs=$(sed -n 's/^inputs: //p' out/2019-20/build-record.yaml)
grep -q "^inputs: $inputs\$" $sub/manifest.yaml || fail "manifest: not the build's input hash"
# Every file in the manifest: its size and SHA-256 are those of the file.
n=0
sed -n 's/^  - {name: "\([^"]*\)", bytes: \([0-9]*\), sha256: \([0-9a-f]*\)}$/\1 \2 \3/p' $sub/manifest.yaml >"$tmp/files"
while read -r name bytes sha; do
    [ -f "out/2019-20/$name" ] || fail "manifest names $name, which is not there"
    [ "$(wc -c <"out/2019-20/$name" | tr -d ' ')" = "$bytes" ] || fail "manifest: wrong size for $name"
    [ "$(sha256sum "out/2019-20/$name" | cut -d' ' -f1)" = "$sha" ] || fail "manifest: wrong SHA-256 for $name"
    n=$((n + 1))
done <"$tmp/files"
# The PDF, the HTML, the workbook and each chart file the build wrote.
charts=$(find out/2019-20/charts -name '*.png' -o -name '*.svg' | wc -l | tr -d ' ')
[ "$n" -eq $((3 + charts)) ] ||
    fail "the manifest lists $n files, not the PDF, HTML, XLSX and the $charts chart files"
grep -q '\.pdf ' "$tmp/files" || fail "manifest: no PDF"
grep -q '\.xlsx ' "$tmp/files" || fail "manifest: no workbook"
grep -q '^charts/[a-z0-9-]*\.svg ' "$tmp/files" || fail "manifest: no chart file"

# Each message: its headers, and the attachment decodes to the PDF's bytes.
pdf=out/2019-20/sscp-annual-report-2019-20.pdf
for r in panel:Mailbox.NationalReviewPanel@education.gov.uk what-works:copies@what-works.example; do
    id=${r%%:*} addr=${r#*:}
    eml=$sub/$id.eml
    [ -f "$eml" ] || fail "no $eml"
    tr -d '\r' <"$eml" >"$tmp/eml"
    grep -q "^From: \"Stockport Safeguarding Children Partnership\" <lsb@stockport.gov.uk>\$" "$tmp/eml" ||
        fail "$id.eml: not from the partnership's address"
    grep -q "<$addr>\$" "$tmp/eml" || fail "$id.eml: not addressed to $addr"
    grep -q "^Date: Fri, 30 Oct 2020 " "$tmp/eml" || fail "$id.eml: no Date of publication"
    grep -q '^Content-Type: application/pdf; name="sscp-annual-report-2019-20.pdf"$' "$tmp/eml" ||
        fail "$id.eml: no PDF part"
    awk '/^Content-Transfer-Encoding: base64$/ { b = 1; next } b && /^$/ && !s { s = 1; next }
         b && s && /^--/ { exit } b && s { print }' "$tmp/eml" | base64 -d >"$tmp/attached.pdf" ||
        fail "$id.eml: the attachment is not valid base64"
    cmp -s "$tmp/attached.pdf" "$pdf" || fail "$id.eml: the attachment is not the PDF"
    tr '\n' ' ' <"$tmp/eml" | grep -q "As Working Together to Safeguard Children 2018 asks, a copy is attached\." ||
        fail "$id.eml: not the edition's covering note"
done

# ---- copies sent, and status against the deadline ------------------------------------
run 2 publish 2019-20 --sent panle --date 2020-11-03
has err "sscp-report: there is no recipient 'panle'; the recipients are: panel, what-works"
run 0 publish 2019-20 --sent panel --date 2020-11-03
has out "Recorded: sent to Child Safeguarding Practice Review Panel on 3 November 2020, within the 7 days"
cp data/2019-20/publication.yaml "$tmp/record-before"
export SSCP_TODAY=2020-11-04
run 0 status 2019-20
has out "  Child Safeguarding Practice Review Panel         sent 3 November 2020, on time"
has out "  What Works Centre for Children's Social Care     due in 2 days"
export SSCP_TODAY=2020-11-10
run 0 status 2019-20
has out "  What Works Centre for Children's Social Care     overdue by 4 days"
run 0 status 2019-20 --format json
has out '"send_by": "2020-11-06", "guidance": "working-together-2018", "from_record": true'
cp "$tmp/out" "$tmp/status-before.json"
run 0 status 2019-20
cp "$tmp/out" "$tmp/status-before.txt"

# ---- history: what was published stays as it was ------------------------------------------
# The partnership drops its recipients, and the edition file changes its
# recipients and its deadline: the 2019-20 publication is held to what was
# in force when it was published.
cp "$tmp/partnership.yaml" data/partnership.yaml
ed=report-templates/guidance/working-together-2018.yaml
sed -e "s/What Works Centre for Children's Social Care/Foundations/" \
    -e 's/info@whatworks-csc.org.uk/info@foundations.example/' \
    -e 's/^  days: 7$/  days: 14/' "$ed" >"$tmp/edition.yaml"
mv "$tmp/edition.yaml" "$ed"
grep -q "Foundations" "$ed" || fail "the edition was not edited"
run 0 status 2019-20
cmp -s "$tmp/out" "$tmp/status-before.txt" || fail "status changed when partnership.yaml and the edition did: $(diff "$tmp/status-before.txt" "$tmp/out")"
run 0 status 2019-20 --format json
cmp -s "$tmp/out" "$tmp/status-before.json" || fail "status --format json changed: $(diff "$tmp/status-before.json" "$tmp/out")"
unset SSCP_TODAY
# what-works is no longer in partnership.yaml, and the edition now calls it
# Foundations with 14 days: the copy is recorded against the terms of 2020.
run 0 publish 2019-20 --sent what-works --date 2020-11-09
has out "Recorded: sent to What Works Centre for Children's Social Care on 9 November 2020, 3 days late"
run 0 status 2019-20
has out "  What Works Centre for Children's Social Care     sent 9 November 2020, 3 days late"
# The record only grew.
size=$(wc -c <"$tmp/record-before" | tr -d ' ')
head -c "$size" data/2019-20/publication.yaml | cmp -s - "$tmp/record-before" || fail "publish rewrote the record"
[ "$(grep -c '^  - {\{0,1\}event: ' data/2019-20/publication.yaml)" -eq 3 ] || fail "the record does not hold 3 events"
# ---- colour: only on a terminal, and never with NO_COLOR --------------------------------
if command -v script >/dev/null 2>&1; then
    esc=$(printf '\033')
    env -u NO_COLOR TERM=xterm script -qec "'$bin' status 2019-20" /dev/null >"$tmp/tty.txt" 2>&1
    grep -q "$esc\[32mcovered" "$tmp/tty.txt" || fail "no colour on a terminal: $(cat "$tmp/tty.txt")"
    NO_COLOR=1 TERM=xterm script -qec "'$bin' status 2019-20" /dev/null >"$tmp/tty.txt" 2>&1
    ! grep -q "$esc\[" "$tmp/tty.txt" || fail "colour on a terminal with NO_COLOR set"
fi
env -u NO_COLOR TERM=xterm "$bin" status 2019-20 >"$tmp/pipe.txt"
! grep -q "$(printf '\033')\[" "$tmp/pipe.txt" || fail "colour when the output is not a terminal"

echo "ok: init, new-year, template, validate, status, build --final, publish, sent, status"
