#!/bin/sh
# The PDF's cover: the publication date from `build --date` ("Published 30
# October 2020"), "Draft" on a draft and nothing without either; the page
# and the workbook's cover the same: a draft says it is one, with the day
# planned when given, and never "Published"; the files are dated the day
# given, unless SOURCE_DATE_EPOCH says otherwise; the
# partnership's logo.png from the data folder drawn on it, read as an input
# (a changed logo makes the report out of date) and never listed as an
# unread file, embedded at about 300 pixels per inch of its box; a
# logo.png that is not a PNG, or is larger than 4000 pixels either way,
# stops the build with an error that names the file, says what is wrong
# and what to do.
#
#   cover.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
cd "$src" || exit 1
cp -R data "$tmp/data"
cover() { # PDF: the cover's words, on one line
    pdftotext -f 1 -l 1 "$1" - | tr -s '\n' ' '
}
pdf() { echo "$tmp/$1/2019-20/sscp-annual-report-2019-20.pdf"; }
page() { # the HTML's header
    sed -n '/<header>/,/<\/header>/p' "$tmp/$1/2019-20/sscp-annual-report-2019-20.html" | tr -s '\n' ' '
}
book() { # the workbook: its cover's lines, then its created date
    x="$tmp/$1/2019-20/sscp-annual-report-2019-20-data.xlsx"
    unzip -p "$x" xl/sharedStrings.xml | sed 's/<[^>]*>/\n/g' | grep -E '^(Draft|Published|Not yet|Prepared)'
    unzip -p "$x" docProps/core.xml | grep -o '<dcterms:created[^>]*>[^<]*' | sed 's/.*>//'
}
created() { # the PDF's CreationDate
    pdfinfo "$1" | sed -n 's/^CreationDate: *//p'
}

run 0 build 2019-20 --data "$tmp/data" --out "$tmp/draft" --date 2020-10-30
c=$(cover "$(pdf draft)")
case $c in *Draft*) ;; *) fail "a draft's cover does not say Draft: $c" ;; esac
case $c in *Published*) fail "a draft's cover says it is published: $c" ;; esac
case $c in *"Stockport Safeguarding Children Partnership Annual report 2019-20 Covering 1 April 2019 to 31 March 2020"*) ;;
    *) fail "the cover lacks the name, title and period: $c" ;; esac
case $(page draft) in *'<p class="draft">Draft: not yet published (planned publication date 30 October 2020).</p>'*) ;;
    *) fail "a draft's page does not say it is a draft, with the day planned: $(page draft)" ;; esac
want="Draft: not yet published (planned publication date 30 October 2020).
Prepared: 30 October 2020.
2020-10-30T00:00:00Z"
[ "$(book draft)" = "$want" ] || fail "a draft's workbook: $(book draft)"
grep -rl "Published" "$tmp/draft/2019-20"/*.html && fail "a draft's page says Published"
case $(created "$(pdf draft)") in *"Oct 30 00:00:00 2020"*) ;;
    *) fail "a draft with --date is not dated that day: $(created "$(pdf draft)")" ;; esac
run 0 build 2019-20 --data "$tmp/data" --out "$tmp/plain"
case $(page plain) in *'<p class="draft">Draft: not for publication.</p>'*) ;;
    *) fail "a draft's page without a date does not say it is a draft: $(page plain)" ;; esac
want="Draft: not for publication.
Prepared: 1 April 2020.
2020-04-01T00:00:00Z"
[ "$(book plain)" = "$want" ] || fail "a draft's workbook without a date: $(book plain)"

run 0 build 2019-20 --data "$tmp/data" --out "$tmp/final" --final --date 2020-10-30
case $(cover "$(pdf final)") in *"Published 30 October 2020"*) ;;
    *) fail "the final cover lacks the publication date: $(cover "$(pdf final)")" ;; esac
case $(page final) in *'<p class="published">Published 30 October 2020</p>'*) ;;
    *) fail "the final page lacks the publication date: $(page final)" ;; esac
case $(page final) in *Draft*) fail "the final page says Draft: $(page final)" ;; esac
want="Published: 30 October 2020.
Prepared: 30 October 2020.
2020-10-30T00:00:00Z"
[ "$(book final)" = "$want" ] || fail "the final workbook: $(book final)"
case $(created "$(pdf final)") in *"Oct 30 00:00:00 2020"*) ;;
    *) fail "the final PDF is not dated the day it is published: $(created "$(pdf final)")" ;; esac
# SOURCE_DATE_EPOCH still dates the files (1 December 2020).
SOURCE_DATE_EPOCH=1606780800 run 0 build 2019-20 --data "$tmp/data" --out "$tmp/sde" --final --date 2020-10-30
case $(created "$(pdf sde)") in *"Dec  1 00:00:00 2020"*) ;;
    *) fail "SOURCE_DATE_EPOCH does not date the PDF: $(created "$(pdf sde)")" ;; esac
[ "$(book sde | tail -1)" = "2020-12-01T00:00:00Z" ] || fail "SOURCE_DATE_EPOCH does not date the workbook: $(book sde)"

run 0 build 2019-20 --data "$tmp/data" --out "$tmp/nodate" --final
case $(cover "$(pdf nodate)") in *Published*|*Draft*) fail "a cover without --date speaks of publication: $(cover "$(pdf nodate)")" ;; esac
case $(page nodate) in *Published*|*Draft*) fail "a page without --date speaks of publication: $(page nodate)" ;; esac
want="Not yet published.
Prepared: 1 April 2020.
2020-04-01T00:00:00Z"
[ "$(book nodate)" = "$want" ] || fail "a final workbook without a date: $(book nodate)"
[ "$(pdfimages -f 1 -l 1 -list "$(pdf nodate)" | tail -n +3 | wc -l)" -eq 0 ] ||
    fail "a cover without a logo has an image"

# A logo: a PNG (one of the charts the build wrote), on the cover, scaled
# to its box (160 x 80 points at most) keeping its shape.
cp "$tmp/nodate/2019-20/charts/referrals-by-quarter.png" "$tmp/data/logo.png"
run 0 status 2019-20 --data "$tmp/data" --out "$tmp/nodate"
has out "stale"
run 0 build 2019-20 --data "$tmp/data" --out "$tmp/logo" --final
lacks err "logo.png"
run 0 status 2019-20 --data "$tmp/data" --out "$tmp/logo"
lacks out "stale"
lacks out "logo.png"
pdfimages -f 1 -l 1 -list "$(pdf logo)" | tail -n +3 >"$tmp/images"
[ "$(wc -l <"$tmp/images")" -eq 1 ] || fail "the cover should have one image: $(cat "$tmp/images")"
# Embedded at about 300 pixels per inch of its box (the chart is 960 x 520
# pixels; its box 148 x 80 points: 615 x 333 pixels), not at its own size.
read -r _ _ _ iw ih _ <"$tmp/images"
[ "$iw" -le 700 ] && [ "$ih" -le 350 ] && [ "$iw" -ge 550 ] ||
    fail "the logo is embedded $iw x $ih pixels, not about 615 x 333: $(cat "$tmp/images")"
run 0 validate "$tmp/data"
lacks out "logo.png"
lacks err "logo.png"

# Not a PNG.
echo "GIF89a" >"$tmp/data/logo.png"
run 1 build 2019-20 --data "$tmp/data" --out "$tmp/bad"
has err "logo.png: error: the logo is not a PNG image"
has err "hint: save the partnership's logo as a PNG image named logo.png beside partnership.yaml"
# Too large a PNG: refused from its header, before it is decoded (12000
# pixels square take 576 MB decoded). Only its signature and header here.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\056\340\000\000\056\340\010\002\000\000\000\000\000\000\000' \
    >"$tmp/data/logo.png"
run 1 build 2019-20 --data "$tmp/data" --out "$tmp/bad"
has err "logo.png: error: the logo is 12000 x 12000 pixels: a logo may be at most 4000 pixels wide and 4000 tall"
has err "hint: save it at most 4000 pixels wide and 4000 pixels tall"
# A PNG cut short.
head -c 200 "$tmp/nodate/2019-20/charts/referrals-by-quarter.png" >"$tmp/data/logo.png"
run 1 build 2019-20 --data "$tmp/data" --out "$tmp/bad"
has err "logo.png: error: the logo is not a PNG image that can be read"
echo PASS
