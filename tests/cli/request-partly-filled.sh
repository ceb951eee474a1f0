#!/bin/sh
# A request is a form: a partner fills in the figures it has and leaves the
# rest as it came. That file must validate (no errors: each blank is named
# in a warning), the names carried from last year must read back exactly
# (quotes, a line break, a leading "- ", `Null`, `yes`, non-ASCII), and
# nothing of last year that is wrong for this year (meeting dates) may be
# carried. Made by `new-year`, as a business manager would.
#
#   request-partly-filled.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
mkdir -p "$tmp/data/2019-20"
cat >"$tmp/data/partnership.yaml" <<'YAML'
format: 1
partnership: {name: Exampleshire SCP, short_name: ESCP, area: Exampleshire}
partners:
  - {id: council, name: Exampleshire Council, statutory: yes,
     submits: [attendance, referrals, performance, training]}
population:
  children_0_17: {2019-20: 20000, 2020-21: 20000}
YAML
cat >"$tmp/data/2019-20/council.yaml" <<'YAML'
format: 1
partner: council
year: 2019-20
attendance:
  meetings:
    - {body: Partnership Executive, date: 2019-06-11, attended: [council]}
    - {body: Partnership Executive, date: 2020-03-10, attended: [council]}
referrals:
  by_quarter: {q1: 1014, q2: 924, q3: 846, q4: 869}
performance:
  contacts:
    period: {from: 2019-07-01, to: 2020-03-31}
    outcomes:
      - {outcome: "Contact: advice", count: 12}
    total: 12
  measures:
    - {id: missing-education, label: Children missing education, count: 14}
    - {id: audits-good, label: "Audits rated \"good\"", percent: 62%,
       baseline: {year: 2017-18, percent: 40%}}
training:
  courses:
    - {title: "Null", attendees: 5}
    - {title: "- Level 1", attendees: 6}
    - {title: "Two\nlines", attendees: 7}
    - {title: "yes", attendees: 8}
    - {title: "Café — naïve: “quoted”", attendees: 9}
    - {title: "Tab\there # not a comment", attendees: 10}
YAML
run 0 new-year 2020-21 --data "$tmp/data" --templates "$src/report-templates"
req="$tmp/data/2020-21/requests/council.yaml"
[ -f "$req" ] || fail "no request was made: $(cat "$tmp/out")"

# Last year's meeting dates are outside this year: never carried.
grep -q '2019-06-11"*$' "$req" && fail "a meeting date of last year is carried: $(grep -n 2019-06-11 "$req")"
grep -q '^      date:  *# the day it met, YYYY-MM-DD (2019-20: 2019-06-11)$' "$req" ||
    fail "the meeting date is not left blank with last year's shown: $(grep -n 'date:' "$req")"
# No blank block whose required lines would be errors when left alone.
grep -q '^ *baseline:' "$req" && fail "an empty baseline block: $(grep -n baseline "$req")"
grep -q '^ *period:' "$req" && fail "an empty period block: $(grep -n period "$req")"
grep -qF '# baseline: {year: 2017-18, percent: 40%}' "$req" || fail "last year's baseline is not offered"

# The partner fills in its referrals and one course, and touches nothing
# else.
sed -e 's/^    q1:  .*/    q1: 1100/' -e 's/^    q2:  .*/    q2: 950/' \
    -e 's/^    q3:  .*/    q3: 900/' -e 's/^    q4:  .*/    q4: 800/' \
    -e '/- title: "Null"/{n;s/^      attendees:  .*/      attendees: 4/;}' "$req" >"$tmp/data/2020-21/council.yaml"
grep -q '^    q1: 1100$' "$tmp/data/2020-21/council.yaml" &&
    grep -q '^      attendees: 4$' "$tmp/data/2020-21/council.yaml" || fail "the test did not fill in the figures"
run 0 validate "$tmp/data/2020-21/council.yaml" --data "$tmp/data"
has out "Checked 1 submission and partnership.yaml: 0 errors,"
lacks out "error:"
has out "\`Partnership Executive\` in \`meetings\` has no figures, so it is left out"

# Every name reads back as it was: with each course's attendees filled
# in, the figures are recorded under last year's names, unchanged.
awk '/^  courses:/ { c = 1 } /^  courses_total:/ { c = 0 }
    c && /^      attendees:  / { sub(/attendees:  .*/, "attendees: 3") } { print }' "$req" \
    >"$tmp/data/2020-21/council.yaml"
run 0 metrics 2020-21 --data "$tmp/data" --templates "$src/report-templates" --format json
for t in 'Null' '- Level 1' 'Two\nlines' 'yes' 'Café — naïve: “quoted”' 'Tab\there # not a comment'; do
    has out "\"label\": \"$t\", \"value\": {\"value\": 3"
done
echo "ok: a request filled in only where the partner has figures validates"
