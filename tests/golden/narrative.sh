#!/bin/sh
# The year's narrative as partners' words arrive: from Word or Notepad
# (Windows-1252 bytes, UTF-16, a byte order mark, control characters), with
# Markdown comments, and nested without end. A file that is not UTF-8 text
# stops even a draft with file:line:col; comments never reach the PDF or
# the HTML, and a file of only comments is a section not written (status
# says so); quotations and lists nested 20, 1,000 or DEEP deep build.
#
#   narrative.sh BIN SOURCE_DIR [DEEP]     (DEEP: 600000 unless given)
set -u
bin=$1 src=$2 deep=${3:-600000}
. "$src/tests/golden/lib.sh"
export NO_COLOR=1
cd "$src" || exit 1
narr=$tmp/data/2019-20/narrative/voice.md
pdf=$tmp/report/2019-20/sscp-annual-report-2019-20.pdf
html=$tmp/report/2019-20/sscp-annual-report-2019-20.html

# fresh: a copy of the sample data, voice.md holding what is piped in
fresh() {
    rm -rf "$tmp/data" "$tmp/report"
    cp -R data "$tmp/data" || fail "cannot copy the sample data"
    cat >"$narr"
}
build() { run "$1" build 2019-20 --data "$tmp/data" --out "$tmp/report" $2; }
# words: the PDF's and the HTML's text, flattened, into $tmp/pdf and $tmp/html
words() {
    pdftotext "$pdf" - | tr '\n' ' ' | tr -s ' ' >"$tmp/pdf" || fail "pdftotext could not read the PDF"
    tr '\n' ' ' <"$html" | tr -s ' ' >"$tmp/html"
    iconv -f UTF-8 -t UTF-8 "$html" >/dev/null 2>&1 || fail "the HTML is not valid UTF-8"
}

# ---- encodings ----------------------------------------------------------------------
printf 'The partnership\222s work this year.\n\nSecond paragraph stays.\n' | fresh
build 1 ""
has err "$tmp/data/2019-20/narrative/voice.md:1:16: error: the file is not valid UTF-8 text (byte 0x92)"
has err "     1 | The partnership?s work this year."
has err "hint: the file looks saved as Windows-1252, where this byte is ’ (a right single quotation mark, or apostrophe): save the file with the UTF-8 encoding (in most editors: Save As, Encoding: UTF-8)"
has err "sscp-report: the report was not built"
lacks err "Pango"
[ -f "$pdf" ] && fail "a PDF was written from a narrative that is not UTF-8"

printf 'Caf\351 and more.\n' | fresh
build 1 ""
has err "voice.md:1:4: error: the file is not valid UTF-8 text (byte 0xE9)"
has err "where this byte is é: save the file"

printf '\377\376C\000h\000i\000l\000d\000\n\000' | fresh
build 1 ""
has err "$tmp/data/2019-20/narrative/voice.md: error: the file is saved as UTF-16 text, not UTF-8"
has err "hint: save it again with the UTF-8 encoding (in most editors: Save As, Encoding: UTF-8)"
lacks err "Pango"
run 0 status 2019-20 --data "$tmp/data"
has out "MISSING  how the views of children and families were sought and used"

printf 'Words\n\nthen \033]0;pwned\007 a title.\n' | fresh
build 1 ""
has err "voice.md:3:6: error: the file contains a control character (byte 0x1B) that text cannot contain"
has err "hint: the file may not be plain text; re-save it from a text editor"
printf 'A C1 control \302\233 here.\n' | fresh
build 1 ""
has err "voice.md:1:14: error: the file contains a control character (U+009B) that text cannot contain"
printf 'Nul \000 here.\n' | fresh
build 1 ""
has err "voice.md:1:5: error: the file contains a control character (byte 0x00)"

# A byte order mark is no problem; CRLF line ends neither.
printf '\357\273\277Marked with a BOM \342\200\224 from Notepad.\r\n\r\nA second line.\r\n' | fresh
build 0 "--final"
words
has pdf "Marked with a BOM — from Notepad."
has html "<p>Marked with a BOM — from Notepad.</p>"
lacks html "﻿"

# ---- comments -----------------------------------------------------------------------
fresh <<'EOF'
Our voice work.

<!-- TODO: check with Jane - the figure is disputed -->

More words <!-- inline secret --> here, {{value:referrals}} referrals.

<!--
A comment over lines,
with {{value:no-such-metric}} in it.
-->

Last words.<!---->

Odd forms <!-- a -- b --> are comments too.<!--->
EOF
build 0 "--final"
words
for w in "Our voice work." "More words here," "Last words." "Odd forms are comments too."; do
    has pdf "$w"
    has html "$w"
done
for w in TODO Jane secret "over lines" "no-such-metric" "<!--" "&lt;!--"; do lacks pdf "$w"; lacks html "$w"; done
lacks err "no-such-metric"

printf '<!-- nothing written yet -->\n\n<!-- nor here -->\n' | fresh
build 1 "--final"
has err "$tmp/data/2019-20/narrative/voice.md: error: the narrative for \"Listening to children and families\" has only comments, no words"
has err "error: the report says nothing yet on what Working Together 2018 asks for: how the views of children and families were sought and used"
build 0 ""
has err "warning: the narrative for \"Listening to children and families\" has only comments, no words"
words
lacks pdf "nothing written yet"
has pdf "Draft: the words for this section have not been written yet"
run 0 status 2019-20 --data "$tmp/data"
has out "12 of 13 sections written"
has out "still to write: voice.md"
has out "MISSING  how the views of children and families were sought and used"

printf 'Words.\n\n<!-- a comment never closed\n\nThe rest of the file.\n' | fresh
build 1 ""
has err "voice.md:3:1: error: this comment (\`<!--\`) is never closed, so the words after it would be left out of the report"
has err "hint: end the comment with \`-->\`; a comment's words never appear in the report"
printf 'Words <!-- not closed in the paragraph.\n' | fresh
build 1 ""
has err "voice.md:1:7: error: this comment (\`<!--\`) is never closed"

# ---- nesting --------------------------------------------------------------------------
awk 'BEGIN { s = ""; for (i = 0; i < 20; i++) s = s "> "; print s "twenty deep" }' | fresh
build 0 "--final"
lacks err "nested more than"
words
has pdf "twenty deep"
has html "twenty deep"
[ "$(grep -o '<blockquote' "$html" | wc -l)" -ge 20 ] || fail "20 nested quotations are not 20 deep in the HTML"

awk 'BEGIN { for (i = 0; i < 20; i++) { s = ""; for (k = 0; k < i; k++) s = s "  "; print s "- level " i } }' | fresh
build 0 "--final"
lacks err "nested more than"
words
has pdf "level 19"

for shape in quotes lists mixed; do
    for n in 1000 "$deep"; do
        awk -v n="$n" -v shape="$shape" 'BEGIN {
            open = shape == "quotes" ? ">" : shape == "lists" ? "- " : "> - "
            for (i = 0; i < n; i++) printf "%s", open
            print " at the bottom" }' | fresh
        build 0 ""
        has err "voice.md:1:"
        has err "warning: lists, quotations and emphasis are nested more than 48 deep here; the words inside are kept, set at that depth"
        words
        has pdf "at the bottom"
        has html "at the bottom"
        pdfinfo "$pdf" >/dev/null 2>&1 || fail "$n nested $shape: the PDF does not open"
    done
done
exit 0
