#!/bin/sh
# `sscp-report charts 2019-20` on the sample: every chart of the template is
# written as a PNG at twice its size and an SVG whose title and description
# carry the chart's words; the same data gives the same bytes; hidden values
# stay hidden in the pictures' descriptions.
#
#   charts.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cd "$src" || exit 1
"$bin" charts 2019-20 --out "$tmp/a" >"$tmp/out.txt" || fail "charts exited $?"
n=$(grep -c '^Wrote ' "$tmp/out.txt")
[ "$n" -eq 11 ] || fail "expected 11 charts written, got $n: $(cat "$tmp/out.txt")"
for id in key-figures referrals-by-quarter cp-plans-by-category cp-plans-by-year income \
          expenditure contacts-by-outcome training-by-course training-by-agency \
          children-in-need attendance; do
    [ -s "$tmp/a/2019-20/charts/$id.png" ] || fail "no $id.png"
    [ -s "$tmp/a/2019-20/charts/$id.svg" ] || fail "no $id.svg"
done

# The PNG is twice the template's size: referrals-by-quarter is 480 x 260 points.
size=$(od -An -tu1 -j16 -N8 "$tmp/a/2019-20/charts/referrals-by-quarter.png" | tr -s ' ')
[ "$size" = " 0 0 3 192 0 0 2 8" ] || fail "referrals-by-quarter.png is not 960 x 520 ($size)"

svg="$tmp/a/2019-20/charts/referrals-by-quarter.svg"
grep -q "<title id=\"referrals-by-quarter-title\">Referrals to children's social care by quarter</title>" "$svg" ||
    fail "referrals-by-quarter.svg has no title"
grep -q 'Overall: down 11.2% from 3,653.</desc>' "$svg" || fail "referrals-by-quarter.svg has no description"
grep -q 'Total: £180,491.</desc>' "$tmp/a/2019-20/charts/income.svg" || fail "income.svg: no total"
grep -q 'Cafcass attended 2 of 4, sent apologies to 1, was absent from 1.' \
    "$tmp/a/2019-20/charts/attendance.svg" || fail "attendance description"

# Same data, same bytes.
"$bin" charts 2019-20 --out "$tmp/b" >/dev/null || fail "second run exited $?"
for f in "$tmp"/a/2019-20/charts/*; do
    cmp -s "$f" "$tmp/b/2019-20/charts/$(basename "$f")" || fail "$(basename "$f") differs between runs"
done

# With disclosure control, a hidden count is a labelled gap, not a bar or a number.
"$bin" charts 2019-20 --data tests/fixtures/disclosure --out "$tmp/c" >"$tmp/c.txt" || fail "disclosure run exited $?"
d="$tmp/c/2019-20/charts/cp-plans-by-category.svg"
grep -q 'values are not shown (hidden to protect small numbers, or not available)' "$d" ||
    fail "cp-plans-by-category.svg does not say values are hidden"
grep -q 'Neglect, 22' "$d" && fail "a secondarily hidden count (22) appears in the description"
# A stacked bar's total is the one stated (55 plans), hidden parts included,
# not the sum of the parts shown (31).
d="$tmp/c/2019-20/charts/cp-plans-by-year.svg"
grep -q '2019-20: 55 plans in all, including Neglect and Physical abuse, which are not shown.' "$d" ||
    fail "cp-plans-by-year.svg does not give the stated total: $(grep -o '<desc[^<]*' "$d")"
grep -q ' 31 plans in all' "$d" && fail "cp-plans-by-year.svg gives the sum of the parts shown as the total"
# A break in the series between the years a chart shows is said under it and
# in its text alternative: the sample with breaks declared in 2019-20.
cp -R data "$tmp/brk"
awk '{ print }
     /^  total: 3243$/ { print "  break:\n    date: 2019-04-01\n    reason: counted per child from April 2019" }
     /^  child_protection:$/ { print "    break:\n      date: 2019-04-01\n      reason: counted when agreed at conference" }' \
    data/2019-20/childrens-social-care.yaml >"$tmp/brk/2019-20/childrens-social-care.yaml"
"$bin" charts 2019-20 --data "$tmp/brk" --out "$tmp/e" >/dev/null || fail "charts with breaks exited $?"
e="$tmp/e/2019-20/charts"
grep -q 'Break in the series on 1 April 2019, between 2018-19 and 2019-20: counted per child from April 2019.</desc>' \
    "$e/referrals-by-quarter.svg" || fail "referrals-by-quarter.svg does not say the series is broken"
grep -q '306 plans in all. Overall: not compared with earlier years: the series was broken on 1 April 2019. Break in the series on 1 April 2019, between 2018-19 and 2019-20: counted when agreed at conference.</desc>' \
    "$e/cp-plans-by-year.svg" || fail "cp-plans-by-year.svg does not say the series is broken"
grep -q 'Break in the series of Child protection plans started, on 1 April 2019' "$e/children-in-need.svg" ||
    fail "children-in-need.svg does not say which series is broken"
grep -q 'Break in the series' "$tmp/a/2019-20/charts/"*.svg && fail "a sample chart without a break says there is one"
# A break part-way through a year (after 1 April) makes that year a mix of
# the series before and after it: said as part-way through it, in the
# chart of that year and in the next year's, which draws it as the year
# compared with.
cp -R data/samples/fenbridge "$tmp/mid"
awk '{ print } /^  total: 4093$/ { print "  break: {date: 2023-10-01, reason: a new case management system}" }' \
    data/samples/fenbridge/2023-24/childrens-services.yaml >"$tmp/mid/2023-24/childrens-services.yaml"
for y in 2023-24 2024-25; do
    "$bin" charts $y --data "$tmp/mid" --out "$tmp/g" >/dev/null || fail "charts $y with a break part-way exited $?"
    m="$tmp/g/$y/charts/referrals-by-quarter.svg"
    grep -q 'Break in the series on 1 October 2023, part-way through 2023-24: a new case management system.</desc>' "$m" ||
        fail "$y referrals-by-quarter.svg: $(grep -o '<desc[^<]*' "$m")"
    grep -q 'Break in the series' "$tmp/g/$y/charts/cp-plans-by-year.svg" &&
        fail "$y cp-plans-by-year.svg gives a break of another series"
done
# A chart shows what exists in the year it draws: a course that ran in
# 2023-24 but not in 2024-25 is left out of 2024-25's chart, not shown as
# a value not available.
cp -R data/samples/fenbridge "$tmp/stop"
awk '/- title: Online harms/ { skip = 2 } skip > 0 { skip--; next } { sub(/courses_total: 707/, "courses_total: 635"); print }' \
    data/samples/fenbridge/2024-25/training.yaml >"$tmp/stop/2024-25/training.yaml"
"$bin" charts 2024-25 --data "$tmp/stop" --out "$tmp/f" >/dev/null || fail "charts without a course exited $?"
f="$tmp/f/2024-25/charts/training-by-course.svg"
grep -q 'Training attendees by course. 6 categories. Largest: Introduction to safeguarding children, 214 attendees. Smallest: Safeguarding disabled children, 29 attendees.</desc>' "$f" ||
    fail "training-by-course.svg: $(grep -o '<desc[^<]*' "$f")"
# Metrics of different units on one axis are an error at the chart's line.
cp -R data "$tmp/units"
printf '\n  - id: mixed\n    kind: bar\n    title: Mixed\n    metrics: [referrals, referrals-rate, income]\n    width: 480\n    height: 260\n' \
    >>"$tmp/units/templates/charts.yaml"
line=$(grep -n 'id: mixed' "$tmp/units/templates/charts.yaml" | cut -d: -f1)
NO_COLOR=1 "$bin" charts 2019-20 --data "$tmp/units" --out "$tmp/h" >"$tmp/h.txt" 2>&1 &&
    fail "charts of mixed units exited 0"
grep -q "templates/charts.yaml:$line:5: error: the chart \`mixed\` puts metrics of different units on one axis: \`referrals\` (count) and \`referrals-rate\` (rate)" "$tmp/h.txt" ||
    fail "mixed units: $(cat "$tmp/h.txt")"
grep -q 'hint: give each unit a chart of its own' "$tmp/h.txt" || fail "mixed units: no hint"
echo "ok: 11 charts, PNG at 2x, SVG title and description, reproducible, hidden values hidden"
