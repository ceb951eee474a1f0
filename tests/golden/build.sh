#!/bin/sh
# The sample report, built from a fresh copy of the bundled data, checked as
# a reader would check it: the published figures are in its text, the
# contents page's numbers are the pages where the sections start, the
# outline matches the headings, it is tagged with a language and an
# alternative for every figure, two builds are byte-identical, and a failed
# --final build leaves the last good report as it was.
#
#   build.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
pdf="$tmp/out/2019-20/sscp-annual-report-2019-20.pdf"

"$bin" build 2019-20 --out "$tmp/out" >"$tmp/build.txt" 2>"$tmp/warnings.txt" || fail "build exited $?: $(cat "$tmp/warnings.txt")"
grep -q "^Wrote $tmp/out/2019-20/sscp-annual-report-2019-20.pdf (" "$tmp/build.txt" || fail "no 'Wrote' line: $(cat "$tmp/build.txt")"

# ---- the figures, computed from the data --------------------------------------
pdftotext "$pdf" "$tmp/report.txt" || fail "pdftotext could not read the PDF"
tr '\n' ' ' <"$tmp/report.txt" | tr -s ' ' >"$tmp/flat.txt"
for want in "£180,491" "£70,014" "£110,477" "£139,761" "£40,730" "3,243" "down 11.2% from 3,653" \
            "up 9.3% from 2,022" "down 27.0% from 996" "306" "down 7.6% from 331" "52.4%" \
            "down 69.2% from 26 in 2017-18" "83.3%"; do
    grep -qF -- "$want" "$tmp/flat.txt" || fail "the report does not say \"$want\""
done

# ---- contents page numbers are where the sections start --------------------------
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 15 ] || fail "only $pages pages"
n=0
pdftohtml -xml -i -stdout -q "$pdf" | sed -n 's/^<item page="\([0-9]*\)">\([0-9][0-9.]*\) \(.*\)<\/item>$/\1|\2|\3/p' >"$tmp/outline.txt"
[ -s "$tmp/outline.txt" ] || fail "the PDF has no outline"
first=$(head -n 1 "$tmp/outline.txt" | cut -d'|' -f1)
pdftotext -layout -f 2 -l $((first - 1)) "$pdf" - | tr -d '\f' >"$tmp/toc.txt"
while IFS='|' read -r page num title; do
    title=$(printf '%s' "$title" | sed "s/&amp;/\\&/g; s/&#39;/'/g; s/&quot;/\"/g")
    # The heading is on that page ...
    pdftotext -f "$page" -l "$page" "$pdf" - | tr '\n' ' ' | tr -s ' ' | grep -qF -- "$num $title" ||
        fail "outline says \"$num $title\" is on page $page, but it is not there"
    # ... and the contents list gives that page for it.
    case "$num" in *.*) continue ;; esac
    listed=$(grep -F -- "$title" "$tmp/toc.txt" | awk -v n="$num" '$1 == n { print $NF; exit }')
    [ "$listed" = "$page" ] || fail "the contents give page '$listed' for \"$num $title\", it starts on $page"
    n=$((n + 1))
done <"$tmp/outline.txt"
[ "$n" -eq 13 ] || fail "the outline has $n sections, the template 13"

# ---- accessibility -------------------------------------------------------------------
pdfinfo "$pdf" | grep -q "^Tagged: *yes" || fail "not tagged"
pdfinfo "$pdf" | grep -q "^Title: *Stockport Safeguarding Children Partnership annual report 2019-20" || fail "no title"
grep -aq "/Lang (en-GB)" "$pdf" || fail "no /Lang"
grep -aq "/DisplayDocTitle true" "$pdf" || fail "no DisplayDocTitle"
figs=$(grep -o "Figure [0-9]*\." "$tmp/report.txt" | sort -u | wc -l)
alts=$(grep -ac "/Alt" "$pdf")
[ "$figs" -ge 8 ] || fail "only $figs figures"
[ "$alts" -eq "$figs" ] || fail "$figs figures but $alts /Alt entries"

# ---- reproducible -------------------------------------------------------------------
"$bin" build 2019-20 --out "$tmp/again" >/dev/null 2>&1 || fail "second build failed"
cmp -s "$pdf" "$tmp/again/2019-20/sscp-annual-report-2019-20.pdf" || fail "two builds differ"

# ---- a failed build leaves the last good report untouched -------------------------
sum=$(cksum <"$pdf")
mkdir -p "$tmp/data" && cp -r data/. "$tmp/data/" && rm "$tmp/data/2019-20/narrative/introduction.md"
"$bin" build 2019-20 --final --data "$tmp/data" --out "$tmp/out" >/dev/null 2>"$tmp/final.txt"
[ $? -eq 1 ] || fail "--final with a missing narrative should exit 1"
grep -q "error: the narrative for \"Introduction from the Independent Chair\" is missing" "$tmp/final.txt" ||
    fail "--final did not name the missing narrative: $(cat "$tmp/final.txt")"
[ "$(cksum <"$pdf")" = "$sum" ] || fail "a failed build changed the last good report"
ls "$tmp/out/2019-20" | grep -q '^\.' && fail "a temporary file was left behind"
# ---- the template's style is checked -----------------------------------------------
mkdir "$tmp/tpl" && cp report-templates/*.yaml "$tmp/tpl/" && cp -R report-templates/guidance "$tmp/tpl/"
sed 's/accent: "#0B4F8A"/accent: "#88BBEE"/' report-templates/report.yaml >"$tmp/tpl/report.yaml"
"$bin" build 2019-20 --templates "$tmp/tpl" --out "$tmp/pale" >/dev/null 2>"$tmp/pale.txt"
[ $? -eq 1 ] || fail "a pale accent colour should stop the build"
grep -q "error: the accent colour #88BBEE has a contrast of 2.0:1 with the page; headings need at least 4.5:1" "$tmp/pale.txt" ||
    fail "no contrast error: $(cat "$tmp/pale.txt")"
[ -e "$tmp/pale" ] && fail "a refused build wrote output"
sed 's/font: Open Sans/font: Comic Sans MS/' report-templates/report.yaml >"$tmp/tpl/report.yaml"
"$bin" build 2019-20 --templates "$tmp/tpl" --out "$tmp/comic" >/dev/null 2>"$tmp/font.txt"
[ $? -eq 1 ] || fail "a font that is not bundled should stop the build"
grep -q "the template sets the report in Comic Sans MS, but there is no such font in fonts" "$tmp/font.txt" ||
    fail "no font error: $(cat "$tmp/font.txt")"
echo "ok: $pages pages, $n sections where the contents say, $figs figures with /Alt, reproducible"
