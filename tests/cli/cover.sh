#!/bin/sh
# The PDF's cover: the publication date from `build --date` ("Published 30
# October 2020"), "Draft" on a draft and nothing without either; the
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

run 0 build 2019-20 --data "$tmp/data" --out "$tmp/draft" --date 2020-10-30
c=$(cover "$(pdf draft)")
case $c in *Draft*) ;; *) fail "a draft's cover does not say Draft: $c" ;; esac
case $c in *Published*) fail "a draft's cover says it is published: $c" ;; esac
case $c in *"Stockport Safeguarding Children Partnership Annual report 2019-20 Covering 1 April 2019 to 31 March 2020"*) ;;
    *) fail "the cover lacks the name, title and period: $c" ;; esac
run 0 build 2019-20 --data "$tmp/data" --out "$tmp/final" --final --date 2020-10-30
case $(cover "$(pdf final)") in *"Published 30 October 2020"*) ;;
    *) fail "the final cover lacks the publication date: $(cover "$(pdf final)")" ;; esac
run 0 build 2019-20 --data "$tmp/data" --out "$tmp/nodate" --final
case $(cover "$(pdf nodate)") in *Published*|*Draft*) fail "a cover without --date speaks of publication: $(cover "$(pdf nodate)")" ;; esac
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
