#!/bin/sh
# Both bundled samples taken through the year as a new partnership would
# take them: init (which copies the generic default template), the sample's
# data put in, new-year, template, validate, build --final, status, publish,
# a copy recorded as sent. Then, as a reader would check them:
#   - no word of one partnership appears in the other's outputs (the PDF's
#     text, the HTML, the workbook's cells, the manifest and the emails);
#   - the Working Together 2023 sample says nothing of the 2018 edition or
#     the What Works Centre, names the 2023 edition in status, and its
#     emails go to the 2023 edition's recipients;
#   - editing partnership.yaml after publishing changes nothing in that
#     year's status or publish --sent.
#
#   samples.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
export NO_COLOR=1

# The words that identify a partnership: every word of the names, short names
# and areas in its partnership.yaml, and of the bodies and course titles in its
# submissions, less words any partnership might use.
stop="$tmp/stop"
cat >"$stop" <<'EOF'
a
an
and
the
of
for
in
on
to
with
by
at
nhs
trust
foundation
council
city
borough
metropolitan
county
police
service
services
partnership
partnerships
safeguarding
children
children's
child
board
boards
group
integrated
care
commissioning
clinical
national
probation
court
family
advisory
support
adults
adult
executive
scp
schools
colleges
school
college
university
hospitals
hospital
health
forum
youth
justice
voluntary
action
region
constabulary
other
lead
partners
partner
EOF
words() { # the identifying words of the data folder $1, one per line
    {
        grep -h -E '^ *(name|short_name|area|body|20[0-9][0-9]-[0-9][0-9]): ' "$1/partnership.yaml"
        grep -h -E '^ *- body: ' "$1"/*/*.yaml 2>/dev/null
    } | sed -E 's/^[^:]*: *//; s/#.*//' | tr -c "A-Za-z'\n" '\n' | grep -E '^[A-Za-z]{3,}' |
        tr 'A-Z' 'a-z' | grep -v -x -F -f "$stop" | sort -u
}
# All the text of the outputs in $1 (a built year's folder), less the
# program's own name (which is no partnership's).
text_of() { raw_text_of "$1" | sed 's/sscp-report//g'; }
raw_text_of() {
    d=$1
    for f in "$d"/*.pdf; do pdftotext -q "$f" -; done
    for f in "$d"/*.html; do sed -e 's/<[^>]*>/ /g' "$f"; done
    for f in "$d"/*.xlsx; do
        rm -rf "$tmp/x" && mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$f") &&
            cat "$tmp/x/xl/sharedStrings.xml" "$tmp/x/docProps/"*.xml
    done
    cat "$d"/submission/manifest.yaml
    for f in "$d"/submission/*.eml; do tr -d '\r' <"$f" | sed '/^Content-Type: application\/pdf/,$d'; done
} 2>/dev/null

# sample NAME DATA YEAR STEM DATE SOCIAL [EARLY WHY]: a fresh folder for the
# sample, built, published (SOCIAL: its file of social care figures); its
# outputs are left in $tmp/NAME/out/YEAR. EARLY: a day after the year and
# before the report's sign-off, which publish refuses saying WHY.
sample() {
    name=$1 data=$2 year=$3 stem=$4 date=$5 social=$6 early=${7:-} why=${8:-}
    cd "$tmp" || exit 1
    run 0 init "$name" --year "$year"
    cmp -s "$name/report-templates/report.yaml" "$src/report-templates/report.yaml" ||
        fail "$name: init did not copy the default template"
    rm -rf "$name/data"
    cp -R "$data" "$name/data"
    rm -rf "$name/data/samples"
    cd "$name" || exit 1
    run 0 validate "$year"
    lacks out " error: "
    next=$(echo "$year" | awk -F- '{ printf "%d-%02d", $1 + 1, ($2 + 1) % 100 }')
    run 0 new-year "$next"
    [ -d "data/$next/requests" ] || fail "$name: new-year made no requests"
    # A request for the partner that sends the social care figures: this
    # year's figures shown as last year's.
    partner=$(sed -n 's/^partner: //p' "data/$year/$social" | head -1)
    run 0 template "$partner" "$next" --output "$tmp/$name-request.yaml"
    grep -qF "($year: " "$tmp/$name-request.yaml" ||
        fail "$name: the request shows none of $year's figures"
    run 0 validate "$year"
    run 0 build "$year" --final
    for ext in .pdf .html -data.xlsx; do
        [ -f "out/$year/$stem-annual-report-$year$ext" ] ||
            fail "$name: no out/$year/$stem-annual-report-$year$ext: $(ls "out/$year")"
    done
    pdftotext "out/$year/$stem-annual-report-$year.pdf" "$tmp/$name.txt"
    ! grep -q "There are no figures for the chart" "$tmp/$name.txt" ||
        fail "$name: a final report with an empty chart"
    # No row of a table without a figure in either year.
    pdftotext -layout "out/$year/$stem-annual-report-$year.pdf" - |
        grep -E '\[x\] +\[x\] +not available' >"$tmp/empty-rows" &&
        fail "$name: rows without figures: $(cat "$tmp/empty-rows")"
    run 0 status "$year"
    cp "$tmp/out" "$tmp/$name-status-before"
    lacks out "MISSING"
    has out ": current"
    if [ -n "$early" ]; then
        run 1 publish "$year" --date "$early"
        has err "$why"
        [ ! -e "data/$year/publication.yaml" ] || fail "$name: a refused publish left a record"
    fi
    run 0 publish "$year" --date "$date" --url "https://example.org/$name/$year"
    cp "$tmp/out" "$tmp/$name-publish"
    text_of "out/$year" | tr 'A-Z' 'a-z' >"$tmp/$name-outputs.txt"
    words "data" >"$tmp/$name-words.txt"
    [ -s "$tmp/$name-words.txt" ] || fail "$name: no identifying words found"
}

sample stockport "$src/data" 2019-20 sscp 2020-09-30 childrens-social-care.yaml
sample fenbridge "$src/data/samples/fenbridge" 2024-25 fenbridge-scp 2025-09-30 childrens-services.yaml \
    2025-09-01 "sscp-report: 1 September 2025 is before the report was signed off, on 9 September 2025 (data/2024-25/business-unit.yaml:66:11): it is published once signed off; give the day it was published with --date"

# ---- nothing of one partnership in the other's outputs ---------------------------------
for pair in stockport:fenbridge fenbridge:stockport; do
    a=${pair%%:*} b=${pair#*:}
    while read -r w; do
        if grep -qw -- "$w" "$tmp/$b-outputs.txt"; then
            fail "a word of $a ('$w') is in $b's outputs: $(grep -ow -- ".\{0,40\}$w.\{0,40\}" "$tmp/$b-outputs.txt" | head -3)"
        fi
    done <"$tmp/$a-words.txt"
    grep -qw "$(head -1 "$tmp/$b-words.txt")" "$tmp/$b-outputs.txt" ||
        fail "the check cannot see $b's own words in its outputs"
done

# ---- the 2023 edition, and nothing of the 2018 one --------------------------------------
cd "$tmp/fenbridge" || exit 1
for w in "Working Together 2018" "What Works" "Working Together to Safeguard Children 2018"; do
    ! grep -qiF "$w" "$tmp/fenbridge-outputs.txt" || fail "fenbridge's outputs speak of $w"
done
grep -qF "Working Together 2023" "$tmp/fenbridge-status-before" || fail "status does not name Working Together 2023"
grep -q '^To: .*Child Safeguarding Practice Review Panel' out/2024-25/submission/panel.eml ||
    fail "no message to the panel"
grep -q '^To: .*<yearly.reports@dfe.example>' out/2024-25/submission/dfe.eml ||
    fail "no message to the Department for Education"
[ ! -e out/2024-25/submission/what-works.eml ] || fail "a message to the What Works Centre under the 2023 edition"
cd "$tmp/stockport" || exit 1
grep -qF "Working Together 2018" "$tmp/stockport-status-before" || fail "status does not name Working Together 2018 for 2019-20"

# ---- history does not change: partnership.yaml edited after publication ----------------
for name in stockport fenbridge; do
    cd "$tmp/$name" || exit 1
    year=$(ls out)
    run 0 status "$year"
    cp "$tmp/out" "$tmp/status-published"
    cat >>data/partnership.yaml <<'EOF'
EOF
    # A new partner, and the recipients changed for later years.
    sed -i 's/^partners:$/partners:\n  - id: newcomer\n    name: A body that joined later\n/' data/partnership.yaml
    sed -i '/^recipients:/,$d' data/partnership.yaml
    printf 'recipients:\n  - id: someone-new\n    name: A recipient named later\n    email: later@recipient.example\n' >>data/partnership.yaml
    run 0 validate data/partnership.yaml
    run 0 status "$year"
    cmp -s "$tmp/out" "$tmp/status-published" ||
        fail "$name: status changed after partnership.yaml was edited: $(diff "$tmp/status-published" "$tmp/out")"
    first=$(sed -n 's/^      - {id: \([a-z-]*\),.*/\1/p' "data/$year/publication.yaml" | head -1)
    [ -n "$first" ] || fail "$name: the publication record names no recipients: $(cat "data/$year/publication.yaml")"
    run 0 publish "$year" --sent "$first" --date "$(sed -n 's/^    date: //p' "data/$year/publication.yaml" | head -1)"
    has out "Recorded: sent to"
done

echo "ok: both samples built, published and kept apart; history unchanged by later edits"
