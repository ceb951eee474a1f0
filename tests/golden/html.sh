#!/bin/sh
# The HTML version's structure, checked without a browser: language, title,
# landmarks and skip link, one h1 and headings in order, every drawn chart
# an SVG in a picture named by its title and described by its text
# alternative, followed by its data table; key figures as tiles of text and
# the attendance matrix as a table; every table with a caption and header
# cells, unique ids, no script; the footer linking the PDF and the
# workbook; the same figures and words as the PDF; partner text that looks
# like markup or a script link stays inert.
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

# Every drawn chart: an SVG with <title> and <desc> inside a picture named
# by that title alone and described by that description, then a data
# table. Of the sample's 11 charts, the key figures and the attendance
# matrix are not drawn.
svgs=$(grep -o '<svg' "$h" | wc -l)
[ "$svgs" -eq 9 ] || fail "$svgs SVGs (9 drawn charts)"
awk 'BEGIN { RS = "<div class=\"chart\" role=\"img\" " } NR > 1 { chunk = substr($0, 1, index($0, "</svg>"));
     if (match(chunk, /^aria-labelledby="[^"]*-title" aria-describedby="[^"]*-desc">\n<div aria-hidden="true">\n<svg /) == 0) { bad++; next }
     split(chunk, q, "\""); t = q[2]; d = q[4]
     if (chunk !~ ("<title id=\"" t "\">[^<]+</title>") || chunk !~ ("<desc id=\"" d "\">[^<]+</desc>")) bad++; n++ }
     END { exit bad > 0 || n != 9 }' "$h" || fail "a chart is not named by its title and described by its <desc>"
[ "$(grep -o '<summary>Figure [0-9]* as a table</summary>' "$h" | wc -l)" -eq 9 ] || fail "not every drawn chart has its table"
# Key figures: tiles of text, the number first; the attendance: a table
# whose cells say, in words, who came.
grep -qF '<figcaption id="figure-1">Figure 1: Key figures for the year</figcaption>
<ul class="tiles">
<li><span class="big">3,243</span>
<span class="what">Referrals to children&apos;s social care</span>
<span class="was"><span class="yr">2018-19</span>: 3,653</span>
<span class="change">down 11.2% from 3,653</span>' "$h" || fail "the key figures are not tiles of text"
grep -qF '<table class="matrix" aria-labelledby="figure-7"><thead><tr><th scope="col">Member</th><th scope="col">11 June 2019</th>' "$h" ||
    fail "the attendance matrix is not a table with meetings as column headers"
grep -qF '<tr><th scope="row">GMP</th><td><span class="m at" aria-hidden="true"></span><span class="vh">attended</span></td><td><span class="m at" aria-hidden="true"></span><span class="vh">attended</span></td><td><span class="m ap" aria-hidden="true"></span><span class="vh">sent apologies</span></td>' "$h" ||
    fail "the attendance table's cells do not say who came in words"
# Every table: a caption or a name, and header cells with scope.
tables=$(grep -o '<table[ >]' "$h" | wc -l)
caps=$(grep -o '<table><caption\|<table class="matrix" aria-labelledby="figure-[0-9]*">' "$h" | wc -l)
[ "$tables" -eq "$caps" ] || fail "$tables tables, $caps captions"
awk 'BEGIN { RS = "<table[ >]" } NR > 1 { t = substr($0, 1, index($0, "</table>")); if (t !~ /<th scope="col"/) bad++ }
     END { exit bad > 0 }' "$h" || fail "a table has no column headers"
# Years in column headers stay on one line.
grep -qF '<th scope="col" class="n"><span class="yr">2018-19</span></th>' "$h" || fail "a year header may break"
# The footer links the PDF and the workbook beside the page.
grep -qF 'Also published as <a href="sscp-annual-report-2019-20.pdf" type="application/pdf">a PDF</a>, with <a href="sscp-annual-report-2019-20-data.xlsx" ' "$h" ||
    fail "the footer does not link the PDF and the workbook"
for f in $(sed -n '/<footer>/,/<\/footer>/p' "$h" | grep -o 'href="[^"]*"' | sed 's/href="//; s/"$//'); do
    [ -f "$(dirname "$h")/$f" ] || fail "the footer links $f, which is not beside the page"
done

# The same words and figures as the PDF.
pdftotext "$tmp/out/2019-20/sscp-annual-report-2019-20.pdf" - | tr '\n' ' ' | tr -s ' ' >"$tmp/pdf.txt"
sed 's/<[^>]*>//g' "$h" | tr '\n' ' ' | tr -s ' ' >"$tmp/html.txt"
for want in "down 11.2% from 3,653" "£180,491" "52.4%" "down 69.2% from 26 in 2017-18" \
            "illustrative examples written for this sample report"; do
    grep -qF -- "$want" "$tmp/pdf.txt" || fail "the PDF does not say \"$want\""
    grep -qF -- "$want" "$tmp/html.txt" || fail "the HTML does not say \"$want\""
done
[ "$(grep -o 'Figure [0-9]*\.' "$tmp/pdf.txt" | sort -u | wc -l)" -eq "$(grep -o '<figcaption[^>]*>Figure [0-9]*:' "$h" | wc -l)" ] ||
    fail "the PDF and the HTML have different numbers of figures"

# Links are links: the address where a concern is reported is an <a href>
# on the page and a link annotation in the PDF, and a phone number or an
# email address written as a link gets tel: or mailto:.
grep -qF '<a href="https://www.stockport.gov.uk/contacting-the-massh">' "$h" ||
    fail "the MASSH address is not a link on the page"
grep -aqF '/URI (https://www.stockport.gov.uk/contacting-the-massh)' \
    "$tmp/out/2019-20/sscp-annual-report-2019-20.pdf" || fail "the MASSH address is not a link in the PDF"

# Each drawn chart on the page is the chart file's SVG, byte for byte:
# drawn once, from the one chart the tree holds. The key figures and the
# attendance matrix have files too, but are text on the page.
for svg in "$tmp"/out/2019-20/charts/*.svg; do
    case $(basename "$svg") in
    key-figures.svg | attendance.svg) want=1 ;;
    *) want=0 ;;
    esac
    python3 -c 'import sys; sys.exit(open(sys.argv[1]).read() not in open(sys.argv[2]).read())' "$svg" "$h"
    [ $? -eq $want ] || fail "$(basename "$svg") is not as the page should hold it (drawn: $want = 0)"
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
sed 's/<\/\{0,1\}span[^>]*>//g; s/<[^>]*>/ /g' "$tmp/h/2019-20/sscp-annual-report-2019-20.html" | tr -s ' ' >"$tmp/h.txt"
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
echo "ok: 9 drawn charts named, described and with a table, key figures and attendance as text; $tables tables with captions; headings in order; hostile text inert"
