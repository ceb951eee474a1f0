#!/bin/sh
# The workbook's sheet names are unique whatever the metrics are called: a
# metric whose id makes the name of a sheet the workbook has anyway
# (attendance, notes, summary, contents...), or two ids alike in their
# first 31 characters (a sheet name's limit), gets a numbered name of its
# own; no sheet is lost and the build does not fail.
#
#   sheet-names.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
export NO_COLOR=1 SOURCE_DATE_EPOCH=1743465600
mkdir "$tmp/data" && cp -R data/. "$tmp/data/" && rm -rf "$tmp/data/samples"

for id in attendance notes summary local-measures evaluations contents cover-sheet \
          table-of-contents notes-2 training-by-course-and-its-long-name-one \
          training-by-course-and-its-long-name-two; do
    printf '  - id: %s\n    label: Copy called %s\n    unit: count\n    each: "training.courses[*]"\n    row_label: course\n    sum: ["attendees"]\n' \
        "$id" "$id"
done >>"$tmp/data/templates/metrics.yaml"
"$bin" build 2019-20 --data "$tmp/data" --out "$tmp/out" >"$tmp/build.txt" 2>&1 ||
    fail "build exited $?: $(cat "$tmp/build.txt")"
grep -q "^Wrote .*-data.xlsx (28 sheets, 27 tables, " "$tmp/build.txt" ||
    fail "not 28 sheets with 27 tables: $(grep xlsx "$tmp/build.txt")"
mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$tmp"/out/2019-20/*-data.xlsx) || fail "the workbook is not a zip"
python3 - "$tmp/x" <<'PY' || exit 1
import re, sys, glob
d = sys.argv[1]
sheets = re.findall(r'<sheet name="([^"]*)"', open(d + "/xl/workbook.xml", encoding="utf-8").read())
want = ["Cover_sheet", "Table_of_contents", "Notes", "Summary", "Income_by_group", "Income_by_line",
        "Expenditure_by_group", "Expenditure_by_line", "Referrals_by_quarter", "Contacts_by_outcome",
        "Cp_plans_by_category", "Attendance_2", "Notes_2", "Summary_2", "Local_measures_2",
        "Evaluations_2", "Contents_2", "Cover_sheet_2", "Table_of_contents_2", "Notes_2_2",
        "Training_by_course_and_its_long", "Training_by_course_and_its_lo_2",
        "Training_by_course", "Training_by_agency", "Contributions_by_partner",
        "Local_measures", "Attendance", "Evaluations"]
if sheets != want:
    sys.exit(f"FAIL: the sheets are\n{sheets}\nnot\n{want}")
if len({s.lower() for s in sheets}) != len(sheets) or max(map(len, sheets)) > 31:
    sys.exit(f"FAIL: sheet names not unique or too long: {sheets}")
tables = [re.search(r'displayName="([^"]*)"', open(f, encoding="utf-8").read()).group(1)
          for f in glob.glob(d + "/xl/tables/*.xml")]
if len(tables) != 27 or len({t.lower() for t in tables}) != len(tables):
    sys.exit(f"FAIL: table names not unique: {sorted(tables)}")
ss = [re.sub(r"<[^>]*>", "", s) for s in
      re.findall(r"<si>(.*?)</si>", open(d + "/xl/sharedStrings.xml", encoding="utf-8").read(), re.S)]
# Each copy's sheet is there under its own title, and the contents list it.
for s in ["attendance", "notes", "summary", "contents", "training-by-course-and-its-long-name-two"]:
    if not any(x.startswith(f"Copy called {s},") for x in ss):
        sys.exit(f"FAIL: no sheet titled 'Copy called {s}'")
for s in want[3:]:
    if s not in ss:
        sys.exit(f"FAIL: the table of contents does not list {s}")
PY
echo "ok: 11 metrics named like other sheets or alike in 31 characters, 28 sheets, all unique"
