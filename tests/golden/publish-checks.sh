#!/bin/sh
# What publish refuses, and what makes a built report stale:
#
#   - a build record that lists no PDF: a message, not a crash;
#   - --date: an impossible date named as such, a day still to come refused,
#     and a day years after the year (a typo) refused;
#   - an address in partnership.yaml that would add a header to the
#     messages (a line break and "Bcc:"): an error at its line, and nothing
#     of it in any message;
#   - a narrative file not named *.md, edited after the build: stale;
#   - a submission saved while the build runs (the build stopped part-way
#     through writing its outputs, the file edited, the build let go on):
#     the report is stale, not current.
#
#   publish-checks.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
export NO_COLOR=1 SSCP_TODAY=2020-12-01
mkdir "$tmp/w" && cd "$tmp/w" || exit 1
cp -R "$src/data" "$src/report-templates" "$src/fonts" .
rm -f data/2019-20/publication.yaml
y=out/2019-20
stale() {
    run 0 status 2019-20 --format json
    has out '"current": false'
}
current() {
    run 0 status 2019-20 --format json
    has out '"current": true'
}

# ---- a build record without a PDF ----------------------------------------------------
run 0 build 2019-20 --final
cp $y/build-record.yaml "$tmp/record"
grep -v 'annual-report-2019-20\.pdf' "$tmp/record" >$y/build-record.yaml
run 1 publish 2019-20 --date 2020-10-30
has err "sscp-report: the build record in out/2019-20 lists no PDF (sscp-annual-report-2019-20.pdf), so there is no report to send: run \`sscp-report build 2019-20 --final\` again"
[ ! -e data/2019-20/publication.yaml ] || fail "publish recorded a publication without a PDF"
cp "$tmp/record" $y/build-record.yaml

# ---- --date --------------------------------------------------------------------------
run 2 publish 2019-20 --date 2100-02-30
has err "sscp-report: 2100-02-30 is not a real date: February 2100 has 28 days; give the day with --date YYYY-MM-DD, such as 2020-10-30"
run 2 publish 2019-20 --date 2020-13-01
has err "2020-13-01 is not a real date: there is no month 13"
run 2 publish 2019-20 --date 30/10/2020
has err "'30/10/2020' is not a date written YYYY-MM-DD"
run 1 publish 2019-20 --date 2099-06-01
has err "sscp-report: 1 June 2099 is after today (1 December 2020): record a publication or a copy sent once it has happened"
run 1 publish 2019-20 --date 2020-12-02
has err "2 December 2020 is after today"
run 1 publish 2019-20 --date 2020-03-31
has err "31 March 2020 is before 2019-20 was over"
run 1 publish 2019-20 --date 1899-12-31
has err "sscp-report: 31 December 1899 is before 2019-20 was over"
SSCP_TODAY=2026-01-01 run 1 publish 2019-20 --date 2025-06-01
has err "sscp-report: 1 June 2025 is more than 3 years after the reporting year 2019-20 ended (31 March 2020): a year's report is published within months of its end, so the year is probably mistyped; give the day it is published with --date, such as 2020-10-30"
[ ! -e data/2019-20/publication.yaml ] || fail "publish recorded a publication on a refused date"
run 0 publish 2019-20 --date 2020-12-01
run 1 publish 2019-20 --sent panel --date 2021-01-05
has err "5 January 2021 is after today"
run 0 publish 2019-20 --sent panel --date 2020-12-01
rm -f data/2019-20/publication.yaml

# ---- an address that would add a header ----------------------------------------------
cp data/partnership.yaml "$tmp/partnership"
sed 's/^  email: .*/  email: "lsb@stockport.gov.uk>\\r\\nBcc: spy@evil.example\\r\\nX-A: <x"/' \
    "$tmp/partnership" >data/partnership.yaml
line=$(grep -n '^  email:' data/partnership.yaml | cut -d: -f1)
run 1 validate data/partnership.yaml
# The carriage returns are refused as the file is read, as any control
# character in any value is.
has out "data/partnership.yaml:$line:10: error: this value contains a control character (U+000D) that text cannot contain"
run 1 build 2019-20 --final
run 1 publish 2019-20 --date 2020-10-30
grep -rl "spy@evil" $y/submission 2>/dev/null && fail "a message carries the injected header"
for bad in "Stockport <lsb@stockport.gov.uk>" "lsb@stockport" "lsb stockport@gov.uk"; do
    sed "s/^  email: .*/  email: \"$bad\"/" "$tmp/partnership" >data/partnership.yaml
    run 1 validate data/partnership.yaml
    has out "is not an email address"
done
# A recipient's address too.
cp "$tmp/partnership" data/partnership.yaml
printf 'recipients:\n  - {id: panel, email: "a@b.org\\nBcc: c@d.org"}\n' >>data/partnership.yaml
run 1 validate data/partnership.yaml
has out "error: the recipient's email \`a@b.org\\x0ABcc: c@d.org\` is not an email address: it holds a line break"
cp "$tmp/partnership" data/partnership.yaml

# ---- a narrative file of any name ----------------------------------------------------
mv data/2019-20/narrative/introduction.md data/2019-20/narrative/introduction.txt
cp report-templates/report.yaml "$tmp/report"
sed 's/narrative: introduction\.md/narrative: introduction.txt/' "$tmp/report" >report-templates/report.yaml
run 0 build 2019-20 --final
current
echo "A sentence added after the build." >>data/2019-20/narrative/introduction.txt
stale
mv data/2019-20/narrative/introduction.txt data/2019-20/narrative/introduction.md
cp "$tmp/report" report-templates/report.yaml

# ---- a submission saved while the build runs ------------------------------------------
# The build is stopped once it writes its outputs (its data long read), the
# file is changed, and the build goes on. A build that finished before it
# could be stopped proves nothing, and is tried again.
cp data/2019-20/finance.yaml "$tmp/finance"
caught=0 tries=0
while [ "$caught" -lt 3 ] && [ "$tries" -lt 60 ]; do
    tries=$((tries + 1))
    cp "$tmp/finance" data/2019-20/finance.yaml
    run 0 build 2019-20 --final
    "$bin" build 2019-20 --final >"$tmp/b" 2>&1 &
    pid=$!
    stopped=0
    while kill -0 $pid 2>/dev/null; do
        if [ -n "$(find $y -name '.*.tmp-*' 2>/dev/null | head -1)" ]; then
            kill -STOP $pid 2>/dev/null && stopped=1
            break
        fi
    done
    if [ "$stopped" -eq 1 ]; then
        echo "# saved while the report was being built" >>data/2019-20/finance.yaml
        kill -CONT $pid
    fi
    wait $pid || fail "the build failed: $(cat "$tmp/b")"
    if [ "$stopped" -eq 1 ]; then
        caught=$((caught + 1))
        stale
        run 1 publish 2019-20 --date 2020-10-30
        has err "is out of date"
    fi
done
[ "$caught" -ge 1 ] || fail "no build could be stopped while writing its outputs in $tries tries"
cp "$tmp/finance" data/2019-20/finance.yaml
run 0 build 2019-20 --final
current
echo "ok: the build was stopped part-way $caught times"
