#!/bin/sh
# Charts at scale: the sample with 40 partners, each giving money, sending
# people to training and sitting on the Executive, which met 70 times. The
# income donut's key accounts for all 40, the attendance matrix's rows and
# the training-by-agency bars grow to fit rather than overlap or clip.
#
#   charts-scale.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
# SSCP_KEEP=DIR keeps the generated data and charts in DIR, to look at.
if [ -n "${SSCP_KEEP:-}" ]; then
    tmp=$SSCP_KEEP
    rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
else
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
fi
fail() { echo "FAIL: $*"; exit 1; }

# ---- the generator: data/ with 33 more partners --------------------------------
d="$tmp/data"
cp -R "$src/data" "$d" || exit 1
rm -rf "$d/templates"
extra=33
i=1
: >"$tmp/partners.yaml"
while [ "$i" -le "$extra" ]; do
    n=$(printf %02d "$i")
    case $((i % 3)) in
    0) name="Community Health and Wellbeing Service $n" ;;
    1) name="Primary School Cluster $n" ;;
    *) name="Voluntary Sector Children and Families Organisation $n" ;;
    esac
    printf '  - id: p%s\n    name: %s\n\n' "$n" "$name" >>"$tmp/partners.yaml"
    i=$((i + 1))
done
awk -v f="$tmp/partners.yaml" '/^population:/ { while ((getline l < f) > 0) print l } { print }' \
    "$src/data/partnership.yaml" >"$d/partnership.yaml"

ids="smbc gmp ccg sft pennine-care probation cafcass"
i=1
while [ "$i" -le "$extra" ]; do ids="$ids p$(printf %02d "$i")"; i=$((i + 1)); done

# Income: a line from every partner, amounts all different.
{
    printf 'format: 1\npartner: smbc\nyear: 2019-20\ncontact: Business Unit\n\n'
    printf 'finance:\n  income:\n    - group: Partner contributions\n      lines:\n'
    total=0 k=1
    for p in $ids; do
        amount=$((100000 / k + 37 * k))
        printf '        - partner: %s\n          amount: %s\n' "$p" "$amount"
        total=$((total + amount))
        k=$((k + 1))
    done
    printf '      subtotal: %s\n  total_income: %s\n' "$total" "$total"
    printf '  expenditure:\n    - group: Staffing\n      lines:\n'
    printf '        - label: Staffing costs\n          amount: %s\n' "$total"
    printf '      subtotal: %s\n  total_expenditure: %s\n' "$total" "$total"
} >"$d/2019-20/finance.yaml"

# Training by agency: every partner.
awk '/^  by_agency:/ { exit } { print }' "$src/data/2019-20/training.yaml" >"$d/2019-20/training.yaml"
{
    printf '  by_agency:\n'
    k=1
    for p in $ids; do
        printf '    - partner: %s\n      attendees: %s\n' "$p" $((5 + (k * 7) % 61))
        k=$((k + 1))
    done
} >>"$d/2019-20/training.yaml"
sed -i.bak '/courses_total/d' "$d/2019-20/training.yaml" && rm -f "$d/2019-20/training.yaml.bak"

# The Executive: 10 meetings, every partner at each (some sending apologies
# or absent); the review group: 70 meetings of three partners.
{
    printf 'format: 1\npartner: smbc\nyear: 2019-20\ncontact: Business Unit\n\n'
    printf 'attendance:\n  meetings:\n'
    m=0
    while [ "$m" -lt 10 ]; do
        printf '    - body: Partnership Executive\n      date: 2019-10-%02d\n' $((m * 2 + 1))
        set -- $ids
        shift $((m + 1))
        printf '      attended: [%s]\n' "$(echo "$@" | sed 's/ /, /g')"
        set -- $ids
        a= k=0
        for p in "$@"; do
            [ "$k" -le "$m" ] && a="$a${a:+, }$p"
            k=$((k + 1))
        done
        if [ $((m % 2)) -eq 0 ]; then
            printf '      apologies: [%s]\n' "$a"
        else
            printf '      absent: [%s]\n' "$a"
        fi
        m=$((m + 1))
    done
    m=0
    while [ "$m" -lt 70 ]; do
        day=$(printf %02d $((m % 28 + 1)))
        case $((m / 28)) in 0) ym=2019-05 ;; 1) ym=2019-09 ;; *) ym=2020-01 ;; esac
        printf '    - body: Practice Review Group\n      date: %s-%s\n' "$ym" "$day"
        printf '      attended: [smbc, gmp, ccg]\n'
        m=$((m + 1))
    done
} >"$d/2019-20/executive-attendance.yaml"

# A chart of 19 metrics, every count of the catalogue (charts once kept 16;
# metrics of different units on one axis are an error).
mids=$(awk '/^  - id: / { id = $3 } /^    unit: count$/ { print id }' "$src/report-templates/metrics.yaml" | head -20 | paste -sd, -)
mkdir -p "$d/templates"
printf 'charts:\n  - id: many-metrics\n    kind: bar\n    title: Nineteen counts\n    metrics: [%s]\n    width: 480\n    height: 240\n' \
    "$mids" >"$d/templates/charts.yaml"

cd "$src" || exit 1
"$bin" validate 2019-20 --data "$d" >"$tmp/validate.txt" 2>&1 || { cat "$tmp/validate.txt"; fail "the generated data does not validate"; }
"$bin" charts 2019-20 --data "$d" --out "$tmp/out" >"$tmp/out.txt" 2>&1 || { cat "$tmp/out.txt"; fail "charts exited $?"; }
c="$tmp/out/2019-20/charts"
desc() { sed -n 's/.*<desc id="[^"]*">\([^<]*\)<\/desc>.*/\1/p' "$c/$1.svg"; }
# A PNG's height in pixels (twice the points).
height() { od -An -tu1 -j20 -N4 "$c/$1.png" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }

# The donut: the eleven largest, then Other for 29, each of them in the text.
desc income | grep -q ' The key groups the 29 smallest parts as Other: ' ||
    fail "income.svg: no Other in the description: $(desc income)"
for k in 05 17 33; do
    desc income | grep -q "Organisation $k, £\|Service $k, £\|Cluster $k, £" ||
        fail "income.svg: partner $k is not in the description"
done
desc income | grep -q 'Total: £458,180.' || fail "income.svg: the total"

# Training by agency: 40 rows need more than the template's 320 points.
[ "$(height training-by-agency)" -gt 1100 ] ||
    fail "training-by-agency.png is $(height training-by-agency) pixels high: rows are clipped"
# The matrix: 40 members need more than 240 points; 70 meetings are all there.
[ "$(height attendance-partnership-executive)" -gt 1000 ] ||
    fail "attendance-partnership-executive.png is $(height attendance-partnership-executive) pixels high"
desc attendance-partnership-executive | grep -q '40 members at 10 meetings.' ||
    fail "attendance-partnership-executive.svg: $(desc attendance-partnership-executive | cut -c1-200)"
desc attendance-practice-review-group | grep -q '3 members at 70 meetings. SMBC attended 70 of 70.' ||
    fail "attendance-practice-review-group.svg: $(desc attendance-practice-review-group | cut -c1-200)"
# The SVG grows to fit every row as the PNG does, less the title the PNG
# draws (the SVG's title is its <title>, not drawn).
svgh=$(sed -n 's/^<svg [^>]* height="\([0-9]*\)pt".*/\1/p' "$c/training-by-agency.svg")
pngh=$(($(height training-by-agency) / 2))
[ -n "$svgh" ] && [ "$svgh" -gt 550 ] && [ "$svgh" -le "$pngh" ] && [ "$svgh" -ge $((pngh - 40)) ] ||
    fail "training-by-agency.svg is ${svgh}pt high and its PNG ${pngh}pt: rows are clipped"

desc many-metrics | grep -q '^Bar chart: Nineteen counts. 19 categories.' ||
    fail "many-metrics.svg: $(desc many-metrics | cut -c1-100)"

# The report builds, the PDF's figures fitted to its pages.
"$bin" build 2019-20 --data "$d" --out "$tmp/report" >"$tmp/build.txt" 2>&1 ||
    { cat "$tmp/build.txt"; fail "build exited $?"; }
echo "ok: 40 partners and 70 meetings: donut key with Other, rows grown, nothing clipped"
