#!/bin/sh
# A template is only useful if filling it in gives a valid submission. This
# makes a year of figures, asks for next year's template, fills every blank
# with the figure shown from last year (as a data lead copying numbers
# across would), drops the blanks that have none, and validates the result.
#
#   template-roundtrip.sh BIN
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data/2019-20" "$tmp/data/2020-21"
cat >"$tmp/data/partnership.yaml" <<'YAML'
format: 1
partnership: {name: Exampleshire SCP, short_name: ESCP, area: Exampleshire}
partners:
  - {id: council, name: Exampleshire Council, statutory: yes,
     submits: [referrals, performance, training]}
YAML
cat >"$tmp/data/2019-20/council.yaml" <<'YAML'
format: 1
partner: council
year: 2019-20
referrals:
  by_quarter: {q1: 1014, q2: 924, q3: 846, q4: 869}
  total: 3653
  repeat_within_12_months: 21.4%
performance:
  children_in_need: {count: 2022, with_disability: 13.7%}
  child_protection:
    plans_started_by_category: {emotional_abuse: 195, neglect: 113, physical_abuse: 14, sexual_abuse: 9}
    plans_started: 331
  measures:
    - {id: rapid-reviews, label: "Rapid reviews: referrals", count: 7}
training:
  courses:
    - {title: "FGM: awareness", attendees: 56}
    - {title: Basic awareness, attendees: 1127}
  courses_total: 1183
YAML

out="$tmp/data/2020-21/council.yaml"
(cd "$tmp" && "$bin" template council 2020-21 --output data/2020-21/council.yaml) || exit 1

# Fill `key:   # doc (2019-20: 1,014)` with 1014 and drop other blank
# lines; then drop keys left with nothing under them, until none are left.
awk '
function indent(s) { match(s, /^[ -]*/); return RLENGTH }
/^[ ]+#/ { next }   # indented comments (such as the `# break:` offer)
{ line[++n] = $0 }
END {
    for (i = 1; i <= n; i++) {
        l = line[i]
        if (l ~ /^[ ]*(- )?[a-z_0-9]+:[ ]+#/) {
            if (match(l, /\(2019-20: [^)]*\)$/)) {
                v = substr(l, RSTART + 10, RLENGTH - 11)
                gsub(/,/, "", v)
                sub(/:[ ]+#.*/, ": " v, l)
            } else {
                sub(/:[ ]+#.*/, ":", l)
            }
        }
        line[i] = l
    }
    do {
        changed = 0
        m = 0
        for (i = 1; i <= n; i++) {
            empty = line[i] ~ /^[ ]*(- )?[a-z_0-9]+:$/
            if (empty && (i == n || indent(line[i + 1]) <= indent(line[i]))) {
                changed = 1
                continue
            }
            kept[++m] = line[i]
        }
        for (i = 1; i <= m; i++)
            line[i] = kept[i]
        n = m
    } while (changed)
    for (i = 1; i <= n; i++)
        print line[i]
}' "$out" >"$out.filled" && mv "$out.filled" "$out"

result=$(cd "$tmp" && NO_COLOR=1 "$bin" validate 2020-21 2>&1)
status=$?
if [ $status -ne 0 ] || [ "$result" != "Checked 1 submission and partnership.yaml: no problems found." ]; then
    echo "FAIL: the filled-in template does not validate (exit $status):"
    echo "$result"
    echo "--- the filled-in file:"
    cat "$out"
    exit 1
fi
# The figures really were carried: spot-check three.
grep -q '^    q1: 1014$' "$out" && grep -q '^  total: 3653$' "$out" &&
    grep -q '^    - title: "FGM: awareness"$' "$out" || { echo "FAIL: figures not carried"; cat "$out"; exit 1; }
echo "ok: template for 2020-21 filled from 2019-20 validates"
