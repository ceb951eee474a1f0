#!/bin/sh
# The HTML version's structure, checked without a browser: language, title,
# landmarks and skip link, one h1 and headings in order, every chart an SVG
# with role="img", a title and a description followed by its data table,
# every table with a caption and header cells, unique ids, no script; the
# same figures and words as the PDF; partner text that looks like markup or
# a script link stays inert.
#
#   html.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
"$bin" build 2019-20 --out "$tmp/out" >"$tmp/build.txt" 2>/dev/null || fail "build exited $?"
h="$tmp/out/2019-20/sscp-annual-report-2019-20.html"
grep -q "^Wrote $h (" "$tmp/build.txt" || fail "no 'Wrote' line for the HTML"

grep -q '^<html lang="en-GB">$' "$h" || fail "no lang"
grep -q '<title>Stockport Safeguarding Children Partnership annual report 2019-20</title>' "$h" || fail "no title"
for tag in '<header>' '<nav aria-labelledby="contents">' '<main id="main">' '<footer>' \
           '<a class="skip" href="#main">Skip to the report</a>'; do
    grep -qF "$tag" "$h" || fail "missing $tag"
done
[ "$(grep -o '<h1' "$h" | wc -l)" -eq 1 ] || fail "not exactly one h1"
# Headings never skip a level going down.
grep -o '<h[1-6]' "$h" | tr -d '<h' | awk 'NR > 1 && $1 > prev + 1 { print "h" prev " then h" $1; bad = 1 } { prev = $1 } END { exit bad }' ||
    fail "headings skip a level"
grep -qi '<script' "$h" && fail "the page has a script"
grep -qi 'javascript:' "$h" && fail "the page has a javascript: address"
dups=$(grep -o ' id="[^"]*"' "$h" | sort | uniq -d)
[ -z "$dups" ] || fail "ids used twice: $dups"

# Every chart: role="img", <title>, <desc>, then a data table.
svgs=$(grep -o '<svg' "$h" | wc -l)
imgs=$(grep -o '<svg[^>]*role="img"' "$h" | wc -l)
[ "$svgs" -eq 11 ] && [ "$imgs" -eq 11 ] || fail "$svgs SVGs, $imgs with role=img (11 charts)"
awk 'BEGIN { RS = "<svg" } NR > 1 { chunk = substr($0, 1, index($0, "</svg>"));
     if (chunk !~ /<title id="[^"]*">[^<]+<\/title>/ || chunk !~ /<desc id="[^"]*">[^<]+<\/desc>/) bad++ }
     END { exit bad > 0 }' "$h" || fail "an SVG lacks a title or description"
[ "$(grep -o '<summary>Figure [0-9]* as a table</summary>' "$h" | wc -l)" -eq 11 ] || fail "not every chart has its table"
# Every table: a caption and header cells with scope.
tables=$(grep -o '<table>' "$h" | wc -l)
caps=$(grep -o '<table><caption' "$h" | wc -l)
[ "$tables" -eq "$caps" ] || fail "$tables tables, $caps captions"
awk 'BEGIN { RS = "<table>" } NR > 1 { t = substr($0, 1, index($0, "</table>")); if (t !~ /<th scope="col"/) bad++ }
     END { exit bad > 0 }' "$h" || fail "a table has no column headers"

# The same words and figures as the PDF.
pdftotext "$tmp/out/2019-20/sscp-annual-report-2019-20.pdf" - | tr '\n' ' ' | tr -s ' ' >"$tmp/pdf.txt"
sed 's/<[^>]*>//g' "$h" | tr '\n' ' ' | tr -s ' ' >"$tmp/html.txt"
for want in "down 11.2% from 3,653" "£180,491" "52.4%" "down 69.2% from 26 in 2017-18" \
            "illustrative examples written for this sample report"; do
    grep -qF -- "$want" "$tmp/pdf.txt" || fail "the PDF does not say \"$want\""
    grep -qF -- "$want" "$tmp/html.txt" || fail "the HTML does not say \"$want\""
done
[ "$(grep -o 'Figure [0-9]*\.' "$tmp/pdf.txt" | sort -u | wc -l)" -eq "$(grep -o '<figcaption>Figure [0-9]*:' "$h" | wc -l)" ] ||
    fail "the PDF and the HTML have different numbers of figures"

# Links are links: the address where a concern is reported is an <a href>
# on the page and a link annotation in the PDF, and a phone number or an
# email address written as a link gets tel: or mailto:.
grep -qF '<a href="https://www.stockport.gov.uk/contacting-the-massh">' "$h" ||
    fail "the MASSH address is not a link on the page"
grep -aqF '/URI (https://www.stockport.gov.uk/contacting-the-massh)' \
    "$tmp/out/2019-20/sscp-annual-report-2019-20.pdf" || fail "the MASSH address is not a link in the PDF"

# Each chart on the page is the chart file's SVG, byte for byte: drawn
# once, from the one chart the tree holds.
for svg in "$tmp"/out/2019-20/charts/*.svg; do
    python3 -c 'import sys; sys.exit(open(sys.argv[1]).read() not in open(sys.argv[2]).read())' "$svg" "$h" ||
        fail "$(basename "$svg") is not the SVG the page holds"
done

# Markup and script links in a partner's words stay words.
mkdir "$tmp/data" && cp -r data/. "$tmp/data/"
printf '## Hostile\n\nA <span foreground="red">red</span> & <b>bold</b> claim.\n\n[click](javascript:alert(1)) and <script>alert(2)</script>\n\n<img src=x onerror=alert(3)>\n' \
    >>"$tmp/data/2019-20/narrative/introduction.md"
printf '\nCall [0161 000 0000](01610000000) or [the duty team](tel:+44-161-000-0001) or write to <help@example.org>.\n' \
    >>"$tmp/data/2019-20/narrative/introduction.md"
# A table of a figure compared with the baseline its partner stated.
printf '\n```table maar-presentations\n```\n' >>"$tmp/data/2019-20/narrative/performance.md"
"$bin" build 2019-20 --data "$tmp/data" --out "$tmp/h" >/dev/null 2>&1 || fail "build with hostile narrative failed"
# The 2017-18 baseline is not shown as 2018-19's figure: it has a column of
# its own, headed with its year, in the page and the PDF alike, and the
# change says its year. The 2018-19 column, all [x], is not printed, and the
# note says so.
sed 's/<[^>]*>/ /g' "$tmp/h/2019-20/sscp-annual-report-2019-20.html" | tr -s ' ' >"$tmp/h.txt"
grep -qF "Measure 2019-20 Baseline (2017-18) Change Change (%)" "$tmp/h.txt" ||
    fail "the page's table of maar-presentations has no baseline column headed with its year"
grep -qF "Presentations to the Multi-Agency Adults at Risk panel 8 26 down 69.2% from 26 in 2017-18 -69.2%" "$tmp/h.txt" ||
    fail "the table of maar-presentations does not show its baseline with its year"
pdftotext -raw "$tmp/h/2019-20/sscp-annual-report-2019-20.pdf" - | tr '\n' ' ' >"$tmp/p.txt"
grep -qF "Measure 2019-20 Baseline (2017-18) Change Change (%)" "$tmp/p.txt" ||
    fail "the PDF's table of maar-presentations has no baseline column headed with its year"
grep -qF "Adults at Risk panel 8 26 down 69.2% from 26 in 2017-18 -69.2%" "$tmp/p.txt" ||
    fail "the PDF's table of maar-presentations does not show its baseline with its year"
grep -qF "The 2018-19 figures are not available." "$tmp/h.txt" ||
    fail "the note under the table of maar-presentations does not say the 2018-19 figures are not available"
hh="$tmp/h/2019-20/sscp-annual-report-2019-20.html"
grep -qF '<a href="tel:01610000000">0161 000 0000</a>' "$hh" || fail "a phone number written as a link is not a tel: link"
grep -qF '<a href="mailto:help@example.org">help@example.org</a>' "$hh" || fail "an email address is not a mailto: link"
grep -qF '<a href="tel:+44-161-000-0001">the duty team</a>' "$hh" || fail "a tel: link is not kept as written"
grep -aqF '/URI (tel:01610000000)' "$tmp/h/2019-20/sscp-annual-report-2019-20.pdf" || fail "the PDF has no tel: link"
grep -aqF '/URI (mailto:help@example.org)' "$tmp/h/2019-20/sscp-annual-report-2019-20.pdf" || fail "the PDF has no mailto: link"
grep -qF 'A &lt;span foreground=&quot;red&quot;&gt;red&lt;/span&gt; &amp; &lt;b&gt;bold&lt;/b&gt; claim.' "$hh" ||
    fail "markup in the narrative was not shown as text"
grep -qiE '<script|<img|href="javascript|<[a-z][^>]* on[a-z]+=' "$hh" && fail "a script survived into the HTML"
pdftotext "$tmp/h/2019-20/sscp-annual-report-2019-20.pdf" - | grep -qF '<span foreground="red">red</span>' ||
    fail "the PDF did not show the markup as text"
echo "ok: 11 charts with title, description and table; $tables tables with captions; headings in order; hostile text inert"
