#!/bin/sh
# No output silently drops what it was given, however much there is:
#   - the PDF's contents list every heading, with the page it is on (100
#     more level-2 headings, each long enough to wrap);
#   - the workbook keeps every note (17 more, each its own number, every
#     one on the Notes sheet) and a sheet for every metric with rows (62
#     more).
#
#   caps.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
export NO_COLOR=1 SOURCE_DATE_EPOCH=1743465600
mkdir "$tmp/data" && cp -R data/. "$tmp/data/" && rm -rf "$tmp/data/samples"

# ---- the PDF's contents ------------------------------------------------------------------
n=100
i=1
while [ $i -le $n ]; do
    printf '\n## Extra heading %03d: what the partnership learnt from the review of the arrangements for children who go missing from home, care or education\n\nWords.\n' $i \
        >>"$tmp/data/2019-20/narrative/introduction.md"
    i=$((i + 1))
done
"$bin" build 2019-20 --data "$tmp/data" --out "$tmp/out" >"$tmp/build.txt" 2>&1 ||
    fail "build with $n more headings exited $?: $(tail -3 "$tmp/build.txt")"
pdf="$tmp/out/2019-20/sscp-annual-report-2019-20.pdf"
got=$(pdftotext "$pdf" - | grep -c 'Extra heading [0-9]*:')
[ "$got" -eq $((2 * n)) ] ||
    fail "$n headings, each in the contents and the text, but 'Extra heading' appears $got times, not $((2 * n))"
# The contents end where the first section's page begins: every entry is
# before it, and the last one gives the page its heading is on.
pdftotext -layout "$pdf" "$tmp/layout.txt"
last=$(grep -A1 'Extra heading 100:' "$tmp/layout.txt" | head -2 | grep -o '[0-9][0-9]*$' | head -1)
[ -n "$last" ] || fail "the contents give no page for the last heading"
pdftotext -f "$last" -l "$last" "$pdf" - | grep -q 'Extra heading 100:' ||
    fail "the contents say the last heading is on page $last, but it is not there"

# ---- the workbook's notes and sheets ------------------------------------------------------
cp "$src/data/templates/metrics.yaml" "$tmp/data/templates/metrics.yaml"
i=1
while [ $i -le 17 ]; do
    printf '  - id: contacts-copy-%02d\n    label: Contacts by outcome, copy %02d\n    unit: count\n    each: "performance.contacts.outcomes[*]"\n    row_label: outcome\n    sum: ["count"]\n    break: performance.contacts.break\n' $i $i
    i=$((i + 1))
done >>"$tmp/data/templates/metrics.yaml"
i=1
while [ $i -le 45 ]; do
    printf '  - id: income-copy-%02d\n    label: Income by group, copy %02d\n    unit: money\n    each: "finance.income[*]"\n    row_label: group\n    sum: ["lines[*].amount"]\n' $i $i
    i=$((i + 1))
done >>"$tmp/data/templates/metrics.yaml"
rm -rf "$tmp/out"
"$bin" build 2019-20 --data "$tmp/data" --out "$tmp/out" >"$tmp/build.txt" 2>&1 ||
    fail "build with 62 more metrics exited $?: $(tail -3 "$tmp/build.txt")"
x="$tmp/out/2019-20/sscp-annual-report-2019-20-data.xlsx"
grep -q "^Wrote .*-data.xlsx (79 sheets, 78 tables, " "$tmp/build.txt" ||
    fail "not 79 sheets with 78 tables (all but the cover): $(grep xlsx "$tmp/build.txt")"
mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$x") || fail "the workbook is not a zip"
python3 - "$tmp/x" <<'EOF' || exit 1
import re, sys
d = sys.argv[1]
ss = [re.sub(r"<[^>]*>", "", s) for s in
      re.findall(r"<si>(.*?)</si>", open(d + "/xl/sharedStrings.xml", encoding="utf-8").read(), re.S)]
# Each copy's sheet refers to a note of its own, and no two to the same one.
refs = [s for s in ss if s.startswith("Rows as submitted by partners") and "[note 1] [note " in s]
nums = [int(re.findall(r"\[note (\d+)\]", s)[-1]) for s in refs]
if len(nums) != 18 or len(set(nums)) != 18 or 1 in nums:
    sys.exit(f"FAIL: 18 sheets with a break should refer to 18 notes of their own, not {sorted(nums)}")
# The Notes sheet has every one of them.
notes = [s for s in ss if re.fullmatch(r"note \d+", s)]
if len(notes) < max(nums):
    sys.exit(f"FAIL: the sheets refer to [note {max(nums)}], but the Notes sheet has {len(notes)} notes")
for k in range(1, 18):
    if not any(s.startswith(f"Contacts by outcome, copy {k:02d}: not compared") for s in ss):
        sys.exit(f"FAIL: the note for copy {k:02d} is not on the Notes sheet")
EOF
echo "ok: $n more headings all in the PDF's contents, 17 more notes each numbered, 79 sheets"
