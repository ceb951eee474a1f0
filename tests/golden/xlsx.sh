#!/bin/sh
# The data annex, opened as Excel would (it is a zip of XML): the sheets the
# spreadsheet guidance asks for, real named tables with their ranges,
# numbers stored as numbers (exact, shown to the report's places by their
# formats), change columns as formulas with their results cached, and every figure the report's tables show present
# in the workbook with the same value; units in the headers, first columns
# headed by what they hold, the population rates are of, notes rather than
# free text, the cover's publication line and links to the report, titles
# as headings and rows as high as their wrapped words. And the printed
# tables: no column of [x], and [x] explained where it is first used.
# Reproducible bytes.
#
#   xlsx.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
"$bin" build 2019-20 --out "$tmp/out" >"$tmp/build.txt" 2>/dev/null || fail "build exited $?"
x="$tmp/out/2019-20/sscp-annual-report-2019-20-data.xlsx"
grep -q "^Wrote $x (17 sheets, 16 tables, " "$tmp/build.txt" || fail "no 'Wrote' line for the workbook: $(cat "$tmp/build.txt")"
mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$x") || fail "the workbook is not a zip"

# ---- sheets, in order --------------------------------------------------------------
sheets=$(grep -o '<sheet name="[^"]*"' "$tmp/x/xl/workbook.xml" | sed 's/<sheet name="//; s/"$//' | tr '\n' ' ')
[ "$sheets" = "Cover_sheet Table_of_contents Notes Summary Income_by_group Income_by_line Expenditure_by_group Expenditure_by_line Referrals_by_quarter Contacts_by_outcome Cp_plans_by_category Training_by_course Training_by_agency Contributions_by_partner Local_measures Attendance Evaluations " ] ||
    fail "sheets are: $sheets"
sheet() { # the XML of the sheet named $1
    n=$(grep -o '<sheet name="[^"]*"' "$tmp/x/xl/workbook.xml" | grep -n "\"$1\"" | cut -d: -f1)
    echo "$tmp/x/xl/worksheets/sheet$n.xml"
}
ss="$tmp/x/xl/sharedStrings.xml"
grep -q "Stockport Safeguarding Children Partnership: data tables for Stockport, 1 April 2019 to 31 March 2020" "$ss" ||
    fail "the cover's title (A1) is not there"
grep -q '<c r="A1"' "$(sheet Cover_sheet)" || fail "the cover's title is not in A1"

# ---- named tables with their ranges -----------------------------------------------------
grep -h -o 'name="tbl_[A-Za-z_]*" displayName="[^"]*" ref="[A-Z0-9:]*"' "$tmp"/x/xl/tables/*.xml | sort >"$tmp/tables.txt"
grep -q 'name="tbl_Income_by_group" displayName="tbl_Income_by_group" ref="A3:E5"' "$tmp/tables.txt" ||
    fail "no tbl_Income_by_group over A3:E5: $(cat "$tmp/tables.txt")"
grep -q 'name="tbl_Referrals_by_quarter" displayName="tbl_Referrals_by_quarter" ref="A3:E7"' "$tmp/tables.txt" ||
    fail "no tbl_Referrals_by_quarter over A3:E7"
[ "$(wc -l <"$tmp/tables.txt")" -eq 16 ] || fail "expected 16 tables"
grep -q 'mergeCell' "$tmp"/x/xl/worksheets/*.xml && fail "a sheet has merged cells"

# ---- numbers as numbers, with formats ------------------------------------------------------
grep -q 'formatCode="£#,##0"' "$tmp/x/xl/styles.xml" || fail "no money format"
grep -q 'formatCode="0.0%"' "$tmp/x/xl/styles.xml" || fail "no percentage format"
grep -q '<v>70014</v>' "$(sheet Income_by_group)" || fail "£70,014 is not stored as a number"
grep -q '<v>110477</v>' "$(sheet Income_by_group)" || fail "£110,477 is not stored as a number"

# ---- change columns are formulas with their results cached -------------------------
grep -q '<f>D[0-9]*-C[0-9]*</f><v>-410</v>' "$(sheet Summary)" || fail "no referrals change formula caching -410"
grep -q '<f>(D[0-9]*-C[0-9]*)/C[0-9]*</f><v>-0.11223[0-9]*</v>' "$(sheet Summary)" || fail "no % change formula caching -11.2%"
# Exact values, not the places shown: 88.6% is 0.886, a rate keeps its digits.
grep -q '<v>0.886</v>' "$(sheet Summary)" || fail "88.6% is not stored as 0.886"
grep -q '<v>584.106172[0-9]*</v>' "$(sheet Summary)" || fail "the referral rate is not stored exactly"
grep -q '<f>C[0-9]*-B[0-9]*</f><v>-14</v>' "$(sheet Cp_plans_by_category)" || fail "no emotional abuse change formula"
# A stated baseline (26 in 2017-18) has its own columns: the 2018-19 column
# says [x], and the change formulas subtract the baseline, not 2018-19.
grep -q '<f>D[0-9]*-H[0-9]*</f><v>-18</v>' "$(sheet Summary)" ||
    fail "the change from the 2017-18 baseline does not subtract the Baseline column"
grep -q '<f>D[0-9]*-C[0-9]*</f><v>-18</v>' "$(sheet Summary)" &&
    fail "the change from the 2017-18 baseline is shown as a change from 2018-19"

# ---- every figure of the report's tables, with the same value --------------------------
"$bin" metrics --format csv 2019-20 >"$tmp/metrics.csv" || fail "metrics failed"
missing=$(awk -F, '
    NR == 1 { next }
    # Only unquoted rows: their fields are plain (labels with commas are quoted).
    /"/ { next }
    {
        id = $1; row = $3; unit = $4; value = $6
        if (value ~ /^\[/) next
        if (unit == "count" || unit == "money") want = value
        else if (unit == "percentage") want = "~" sprintf("%.3f", int(value * 10 + 0.5) / 1000)
        else want = value
        sheet = "Summary"
        if (row != "") { sheet = toupper(substr(id, 1, 1)) substr(id, 2); gsub(/-/, "_", sheet) }
        print sheet "\t" want
    }' "$tmp/metrics.csv" | while IFS='	' read -r sh want; do
        # A single figure is on the Summary, or, for a local measure (one
        # the catalogue does not know), on Local_measures. A percentage
        # ("~0.524") is stored exactly: any number that shows as it will do.
        has() { # sheet XML, value
            case $2 in
            "~"*) grep -o '<v>[^<]*</v>' "$1" | sed 's/<[^>]*>//g' |
                awk -v w="${2#"~"}" '{ if (sprintf("%.3f", $1) == w) f = 1 } END { exit !f }' ;;
            *) grep -q "<v>$2</v>" "$1" ;;
            esac
        }
        has "$(sheet "$sh")" "$want" ||
            { [ "$sh" = Summary ] && has "$(sheet Local_measures)" "$want"; } ||
            echo "$sh:$want"
    done)
[ -z "$missing" ] || fail "figures not in the workbook (sheet:value): $missing"
checked=$(awk -F, 'NR > 1 && !/"/ && $6 !~ /^\[/' "$tmp/metrics.csv" | wc -l)
[ "$checked" -ge 40 ] || fail "only $checked figures compared"

# ---- periods and breaks, as the report gives them (issue 14 review, B4 and B5) ------------
# A figure over part of the year has the period in its label and a note,
# whether or not it was compared.
grep -qF "Contacts to the front door (1 July 2019 to 31 March 2020)" "$ss" ||
    fail "the Summary's contacts label does not give its period"
grep -qF "Referrals that were repeat referrals within 12 months (Quarter 4)" "$ss" ||
    fail "the Summary's repeat-referrals label does not give its period"
grep -qF "Referrals that were repeat referrals within 12 months: the figures for 2019-20 cover Quarter 4, not the whole year." "$ss" ||
    fail "no note giving the repeat referrals' period"
# The sample, with a break part-way through 2023-24 (referrals) and contacts
# over nine months in 2024-25 only: each sheet whose comparison is refused
# says why in a note, worded as the PDF's table note.
cp -r data/samples/fenbridge "$tmp/fv"
sed -i 's/^referrals:$/referrals:\n  break: {date: 2023-10-01, reason: a new case management system from October 2023}/' \
    "$tmp/fv/2023-24/childrens-services.yaml"
sed -i 's/^  contacts:$/  contacts:\n    period: {from: 2024-07-01, to: 2025-03-31}/' "$tmp/fv/2024-25/childrens-services.yaml"
"$bin" build 2024-25 --data "$tmp/fv" --out "$tmp/fvo" >"$tmp/fv.txt" 2>&1 ||
    fail "build of the variation exited $?: $(tail -3 "$tmp/fv.txt")"
mkdir "$tmp/fx" && (cd "$tmp/fx" && unzip -q "$tmp"/fvo/2024-25/*.xlsx) || fail "the variation's workbook is not a zip"
python3 - "$tmp/fx" <<'EOF' || exit 1
import re, sys
d = sys.argv[1]
def text(s):
    s = re.sub(r"<[^>]*>", "", s)
    return s.replace("&apos;", "'").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
ss = [text(s) for s in re.findall(r"<si>(.*?)</si>", open(d + "/xl/sharedStrings.xml", encoding="utf-8").read(), re.S)]
wb = open(d + "/xl/workbook.xml", encoding="utf-8").read()
names = re.findall(r'<sheet name="([^"]*)"', wb)
want = {
    "Referrals_by_quarter": "Referrals to children's social care by quarter: not compared with 2023-24: "
    "the series was broken on 1 October 2023, part-way through that year "
    "(a new case management system from October 2023).",
    "Contacts_by_outcome": "Contacts by outcome: not compared with 2023-24: these figures cover "
    "1 July 2024 to 31 March 2025, and those for 2023-24 the whole year, a period of a different length.",
}
for sheet, note in want.items():
    if note not in ss:
        sys.exit(f"FAIL: no workbook note {note!r}")
    x = open(f"{d}/xl/worksheets/sheet{names.index(sheet) + 1}.xml", encoding="utf-8").read()
    a2 = re.search(r'<c r="A2"[^>]*><v>(\d+)</v>', x)
    desc = ss[int(a2.group(1))] if a2 else ""
    refs = [int(n) for n in re.findall(r"\[note (\d+)\]", desc)]
    if not [n for n in refs if n != 1]:
        sys.exit(f"FAIL: {sheet} shows [z] without a note giving the reason: {desc!r}")
EOF
# Matching periods in both years: compared, and still a note giving them.
cp -r tests/fixtures/periods "$tmp/pm"
sed -i 's/^  repeat_within_12_months: 20.2%$/&\n  percentages_period: Quarter 4/' "$tmp/pm/2018-19/council.yaml"
"$bin" build 2019-20 --data "$tmp/pm" --out "$tmp/pmo" >"$tmp/pm.txt" 2>&1 ||
    fail "build of the periods variation exited $?: $(tail -3 "$tmp/pm.txt")"
mkdir "$tmp/pmx" && (cd "$tmp/pmx" && unzip -q "$tmp"/pmo/2019-20/*.xlsx) || fail "the periods variation's workbook is not a zip"
grep -qF "Referrals that were repeat referrals within 12 months: the figures for 2019-20 cover Quarter 4, and those for 2018-19 Quarter 4, not the whole year." \
    "$tmp/pmx/xl/sharedStrings.xml" || fail "no note giving the periods of a figure compared over matching part-year periods"

# ---- headers, notes, the cover, row heights -----------------------------------------------
# Units in the headers; first columns headed by what they hold, never
# "Item"; the population rates are of, with its source; notes, not free
# text; the cover's publication line and links; titles as headings; rows
# as high as their wrapped words.
python3 - "$tmp/x" "$tmp/out/2019-20" <<'EOF'
import math, os, re, sys
d, out = sys.argv[1], sys.argv[2]
def text(s):
    s = re.sub(r"<[^>]*>", "", s)
    return s.replace("&apos;", "'").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
ss = [text(s) for s in re.findall(r"<si>(.*?)</si>", open(d + "/xl/sharedStrings.xml", encoding="utf-8").read(), re.S)]
names = re.findall(r'<sheet name="([^"]*)"', open(d + "/xl/workbook.xml", encoding="utf-8").read())
styles = open(d + "/xl/styles.xml", encoding="utf-8").read()
xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", styles.split("<cellXfs")[1].split("</cellXfs>")[0], re.S)
fonts = re.findall(r"<font>.*?</font>", styles, re.S)
def sheet(name):
    return open(f"{d}/xl/worksheets/sheet{names.index(name) + 1}.xml", encoding="utf-8").read()
def cells(x):
    """ref -> (style index, text or None)"""
    out = {}
    for ref, attrs, body in re.findall(r'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', x, re.S):
        st = re.search(r' s="(\d+)"', attrs)
        v = re.search(r"<v>(.*?)</v>", body or "")
        t = ss[int(v.group(1))] if v and 't="s"' in attrs else None
        out[ref] = (int(st.group(1)) if st else 0, t)
    return out
def fail(m):
    sys.exit("FAIL: " + m)
heads = {r: t for r, (_, t) in cells(sheet("Income_by_group")).items() if r.endswith("3") and len(r) == 2}
if heads != {"A3": "Group", "B3": "2018-19 (£)", "C3": "2019-20 (£)", "D3": "Change (£)", "E3": "Change (%)"}:
    fail(f"Income_by_group's headers are {heads}")
for sh, want in (("Training_by_course", "Course"), ("Contributions_by_partner", "Partner"),
                 ("Cp_plans_by_category", "Category of abuse"), ("Summary", "Measure")):
    got = cells(sheet(sh))["A3"][1]
    if got != want:
        fail(f"{sh}'s first column is headed {got!r}, not {want!r}")
for t in os.listdir(d + "/xl/tables"):
    if 'name="Item"' in open(f"{d}/xl/tables/{t}", encoding="utf-8").read():
        fail(f"a table column is headed Item ({t})")
pop = ("Rates are per 10,000 children aged 0 to 17. The child population used is 62,912 for "
       "2019-20 and 62,540 for 2018-19. Source: 2019-20 as quoted in the partnership's 2019-20 "
       "annual report (21.6% of a population of about 285,000); 2018-19 is an estimate for the sample.")
nc = cells(sheet("Notes"))
num = {t: nc["A" + r[1:]][1] for r, (_, t) in nc.items() if r.startswith("B") and r != "B3"}
if pop not in num:
    fail("the Notes sheet does not give the population rates are of")
if pop not in [t for _, t in cells(sheet("Cover_sheet")).values()]:
    fail("the cover does not give the population rates are of")
sc = cells(sheet("Summary"))
# The Unit column in a reader's words, not the metrics' codes.
units = {t for r, (_, t) in sc.items() if r.startswith("B") and r != "B3"}
if units - {"count", "\u00a3", "%", "per 10,000 children aged 0 to 17", "ratio"}:
    fail(f"the Summary's units are {sorted(units)}")
rate_rows = [r[1:] for r, (_, t) in sc.items() if r.startswith("B") and t == "per 10,000 children aged 0 to 17"]
if not rate_rows:
    fail("no rate on the Summary")
for r in rate_rows:
    if "[" + num[pop] + "]" not in (sc.get("I" + r, (0, ""))[1] or ""):
        fail(f"the Summary's rate in row {r} does not refer to the population's note")
if any(t and "baseline the partner gave" in t for r, (_, t) in sc.items() if r.startswith("I")):
    fail("the Summary's Notes column explains a baseline in words, not by a note")
if ("Presentations to the Multi-Agency Adults at Risk panel: compared with 2017-18, the baseline "
        "the partner gave, not with the year before.") not in num:
    fail("no note on the stated baseline")
cov = [t for _, t in cells(sheet("Cover_sheet")).values()]
if "Draft: not for publication." not in cov:
    fail("the cover of a draft without a date does not say it is a draft")
rels = open(d + "/xl/worksheets/_rels/sheet1.xml.rels", encoding="utf-8").read()
targets = re.findall(r'Target="([^"]*)" TargetMode="External"', rels)
if sorted(targets) != ["sscp-annual-report-2019-20.html", "sscp-annual-report-2019-20.pdf"]:
    fail(f"the cover links to {targets}")
for t in targets:
    if not os.path.isfile(os.path.join(out, t)):
        fail(f"the cover links to {t}, which is not beside the workbook")
for name in names:
    st = cells(sheet(name))["A1"][0]
    font = fonts[int(re.search(r'fontId="(\d+)"', xfs[st]).group(1))]
    if "<b/>" not in font or '<sz val="14"/>' not in font:
        fail(f"{name}'s title is not set as a heading: {font}")
# Counting generously (1.3 characters to a unit of width, 15 points a line).
for name in names:
    x = sheet(name)
    widths = {}
    for a, b, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', x):
        for c in range(int(a), int(b) + 1):
            widths[c] = float(w)
    heights = {int(r): float(h) for r, h in re.findall(r'<row r="(\d+)"[^>]*? ht="([\d.]+)"', x)}
    cx = cells(x)
    for ref, (st, t) in cx.items():
        # Words not wrapped fit their column when the cell to the right is
        # filled (a spreadsheet cuts them off there): 1 character to a unit
        # of width, as Calibri's letters are narrower than its digits.
        if t and 'wrapText="1"' not in xfs[st] and not t.startswith("[note"):
            letters = re.match(r"[A-Z]+", ref).group(0)
            col = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(letters)))
            right = chr(65 + col) if col < 26 else None  # the next column's letter
            if right and (right + ref[len(letters):]) in cx and len(t) > widths.get(col, 8.43):
                fail(f"{name}!{ref} ({len(t)} characters) is cut off by its column, {widths.get(col, 8.43)} wide: {t!r}")
        if not t or 'wrapText="1"' not in xfs[st]:
            continue
        col = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(re.match(r"[A-Z]+", ref).group(0))))
        row = int(re.search(r"\d+", ref).group(0))
        need = math.ceil(len(t) / (1.3 * widths.get(col, 8.43)))
        if need > 1 and heights.get(row, 15) < 15 * need:
            fail(f"{name}!{ref} needs {need} lines, but its row is {heights.get(row, 15)} points high")
EOF
[ $? -eq 0 ] || exit 1

# ---- the printed tables: a column of [x] left out, shorthand explained at first use ------
pdftotext -raw "$tmp/out/2019-20/sscp-annual-report-2019-20.pdf" "$tmp/report.txt" || fail "pdftotext failed"
python3 - "$tmp/report.txt" <<'EOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
def fail(m):
    sys.exit("FAIL: " + m)
# Table 1 (income by group) has no 2018-19 figures: no column of [x] and no
# changes, and the note says so once.
one = t[t.index("Table 1. Income by group"):t.index("Table 2.")]
heads = [l for l in one.split("\n") if l.startswith("Group ")]
if "[x]" in one or not heads or "2018-19" in heads[0]:
    fail("Table 1 prints a column of [x]: " + one[:300])
if one.count("There are no 2018-19 figures to compare with.") != 1:
    fail("Table 1's note does not say once that there are no 2018-19 figures to compare with")
# [x] is explained once, in the table it is first used in: under that
# table's caption, before its rows (so on the page it is first used on).
said = t.find("[x] means the figure is not available.")
first = t.replace("[x] means", "", 1).find("[x]")
if first < 0 or said < 0:
    fail("[x] is never used, or never explained")
if first >= said:
    first += len("[x] means")
lo, hi = min(first, said), max(first, said)
if re.search(r"\nTable \d+\. ", t[lo:hi]):
    fail("[x] is explained in another table than the one it is first used in")
if t.count("[x] means") != 1:
    fail(f"[x] is explained {t.count('[x] means')} times")
EOF
[ $? -eq 0 ] || exit 1

# ---- reproducible ----------------------------------------------------------------------
"$bin" build 2019-20 --out "$tmp/again" >/dev/null 2>&1 || fail "second build failed"
cmp -s "$x" "$tmp/again/2019-20/sscp-annual-report-2019-20-data.xlsx" || fail "two builds differ"
echo "ok: 17 sheets, 16 named tables, formulas cached, $checked figures equal to the report's"
