#!/bin/sh
# Hostile inputs: each case must end, within a time limit and a memory
# limit, with the exit status and the exact message a user relies on, and
# must never bring another file's contents into the output. The inputs too
# large or too odd to keep in the repository are made here.
#
#   run.sh BIN SOURCE_DIR [SECONDS] [MIB]
#
# SECONDS (default 1, of processor time) and MIB (default 100, peak
# resident memory) are the limits per case; the sanitizer and valgrind
# builds pass larger ones, as their code is slower and larger.
set -u
bin=$1 src=$2 limit_s=${3:-1} limit_mib=${4:-100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
status=0
export NO_COLOR=1
# GNU time measures each case's time and peak memory (.ci/deps installs it);
# without it only the messages and exit statuses are checked.
timer=
[ -x /usr/bin/time ] && timer=/usr/bin/time || echo "note: no /usr/bin/time, so time and memory are not checked"

# check NAME DIR EXIT LINE CMD...: runs CMD (sscp-report's arguments) in
# DIR; the output must hold LINE as a whole line, and the run must end with
# EXIT within the limits.
check() {
    name=$1 dir=$2 want=$3 line=$4
    shift 4
    if [ -n "$timer" ]; then
        (cd "$dir" && timeout 30 $timer -f "%e %U %S %M" -o "$tmp/time" "$bin" "$@") >"$tmp/out" 2>&1
    else
        (cd "$dir" && timeout 30 "$bin" "$@") >"$tmp/out" 2>&1
    fi
    got=$?
    sed -i '/^Command exited with non-zero status/d' "$tmp/out"
    if [ "$got" -ne "$want" ]; then
        printf 'FAIL %s: exit %s, not %s\n' "$name" "$got" "$want"
        head -c 2000 "$tmp/out"
        status=1
        return
    fi
    if ! grep -qxF -- "$line" "$tmp/out"; then
        printf 'FAIL %s: no line\n  %s\n--- got:\n' "$name" "$line"
        head -c 2000 "$tmp/out"
        status=1
        return
    fi
    if [ -n "$timer" ]; then
        read -r wall user sys kb <<EOF
$(tail -n 1 "$tmp/time")
EOF
        # The limit is on processor time, which a busy shared machine does
        # not inflate as it does the time on the clock.
        secs=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        if awk -v s="$secs" -v l="$limit_s" 'BEGIN { exit !(s > l) }'; then
            printf 'FAIL %s: took %s s of processor time (limit %s s)\n' "$name" "$secs" "$limit_s"
            status=1
            return
        fi
        if [ "$kb" -gt $((limit_mib * 1024)) ]; then
            printf 'FAIL %s: used %s KiB (limit %s MiB)\n' "$name" "$kb" "$limit_mib"
            status=1
            return
        fi
        echo "ok $name ($secs s, $((kb / 1024)) MiB; $wall s on the clock)"
    else
        echo "ok $name"
    fi
}

# A folder with the test partnership, for single submissions.
v=$tmp/v
mkdir -p "$v"
cp "$src/tests/bad-input/partnership.yaml" "$v/"
head='format: 1
partner: police
year: 2019-20'
sub() { printf '%s\n' "$head" >"$v/$1"; cat >>"$v/$1"; }

# ---- the YAML itself ----------------------------------------------------------------
cp "$src/tests/bad-input/alias-bomb.yaml" "$v/"
check "alias bomb" "$v" 1 "alias-bomb.yaml:11:13: error: aliases (\`*name\`) here expand to more than 200000 values" \
    validate alias-bomb.yaml
awk 'BEGIN { s = "contact: "; for (i = 0; i < 10000; i++) s = s "["; for (i = 0; i < 10000; i++) s = s "]"; print s }' |
    sub deep-flow.yaml
check "10,000-deep nesting, flow" "$v" 1 "deep-flow.yaml:4:41: error: lists and mappings are nested more than 32 levels deep here" \
    validate deep-flow.yaml
awk 'BEGIN { s = "contact:\n  "; for (i = 0; i < 10000; i++) s = s "- "; print s "x" }' | sub deep-block.yaml
check "10,000-deep nesting, block" "$v" 1 "deep-block.yaml:5:65: error: lists and mappings are nested more than 32 levels deep here" \
    validate deep-block.yaml
truncate -s 200M "$v/huge.yaml"
check "a 200 MB file" "$v" 1 "huge.yaml: error: the file is 209715200 bytes; a data file may be at most 4194304 bytes (4 MiB)" \
    validate huge.yaml
printf 'format: 1\npartner: police\nyear: 2019-20\ncontact: Jane Sm\377ith\n' >"$v/bad-utf8.yaml"
check "invalid UTF-8" "$v" 1 "bad-utf8.yaml:4:17: error: the file is not valid UTF-8 text (byte 0xFF)" \
    validate bad-utf8.yaml
printf 'format: 1\npartner: police\nyear: 2019-20\ncontact: Jane\000Smith\n' >"$v/nul.yaml"
check "a NUL byte" "$v" 1 "nul.yaml:4:14: error: the file contains a control character (byte 0x00) that text cannot contain" \
    validate nul.yaml
# (Long runs of one character come from head | tr: building them in awk
# one character at a time takes minutes.)
{ printf 'contact: '; head -c 3000000 /dev/zero | tr '\000' v; echo; } | sub long-value.yaml
check "a 3 MB string" "$v" 1 "long-value.yaml:4:10: error: this value is 3000000 bytes long; the most allowed is 65536" \
    validate long-value.yaml
{ head -c 1000000 /dev/zero | tr '\000' k; echo ': 1'; } | sub long-key.yaml
check "a 1 MB key" "$v" 1 "long-key.yaml:4:1000001: error: expected \`key: value\` here" \
    validate long-key.yaml
# Nothing printed is longer than a screen can use, however long the line.
awk 'length($0) > 400 { bad = 1 } END { exit bad }' "$tmp/out" || { echo "FAIL a 1 MB key: a line over 400 characters"; status=1; }

# ---- values -------------------------------------------------------------------------
printf 'performance:\n  section_47:\n    enquiries: 99999999999999999999999\n' | sub overflow.yaml
check "a count past 64 bits" "$v" 1 "overflow.yaml:6:16: error: \`99999999999999999999999\` is too large to be a real figure" \
    validate overflow.yaml
printf 'finance:\n  income:\n    - group: Partners\n      lines:\n        - {partner: police, amount: 184467440737095516.16}\n' |
    sub overflow-money.yaml
check "money past 64 bits" "$v" 1 "overflow-money.yaml:8:37: error: \`184467440737095516.16\` is too large to be a real figure" \
    validate overflow-money.yaml
printf 'attendance:\n  meetings:\n    - {body: Executive, date: 2019-02-30}\n' | sub feb30.yaml
check "2019-02-30" "$v" 1 "feb30.yaml:6:31: error: \`2019-02-30\` is not a real date: February 2019 has 28 days" \
    validate feb30.yaml
printf 'format: 1\npartner: ../../etc/passwd\nyear: 2019-20\n' >"$v/id-dots.yaml"
check "a partner id with ../" "$v" 1 "id-dots.yaml:2:10: error: unknown partner id \`../../etc/passwd\`" \
    validate id-dots.yaml
printf 'format: 1\npartner: police/x\nyear: 2019-20\n' >"$v/id-slash.yaml"
check "a partner id with /" "$v" 1 "id-slash.yaml:2:10: error: unknown partner id \`police/x\`" \
    validate id-slash.yaml
check "a partner id with ../ on the command line" "$src" 2 \
    "sscp-report: no partner has the id '../gmp' in data/partnership.yaml" template ../gmp 2020-21
check "a year with ../" "$src" 2 "sscp-report: '../2019-20' is not a reporting year; write it like 2020-21" \
    new-year ../2019-20

# ---- a data folder with traps in it ----------------------------------------------------
d=$tmp/d
mkdir -p "$d"
cp -R "$src/data" "$src/report-templates" "$src/fonts" "$d/"
printf 'format: 1\npartner: smbc\nyear: 2019-20\ncontact: SECRET-OUTSIDE-TEXT\n' >"$tmp/outside.yaml"
printf 'SECRET-OUTSIDE-TEXT\n' >"$tmp/outside.md"
ln -s "$tmp/outside.yaml" "$d/data/2019-20/link.yaml"
check "a submission linking out of the data folder" "$d" 1 \
    "data/2019-20/link.yaml: error: this is a link to $tmp/outside.yaml, outside the data folder, so it is not read" \
    validate 2019-20
! grep -q SECRET "$tmp/out" || { echo "FAIL: the outside file's text was printed"; status=1; }
rm "$d/data/2019-20/link.yaml"
mkfifo "$d/data/2019-20/pipe.yaml"
check "a named pipe in the year folder" "$d" 1 \
    "data/2019-20/pipe.yaml: error: this is not an ordinary file (it is a device, a pipe or a socket), so it is not read" \
    validate 2019-20
rm "$d/data/2019-20/pipe.yaml"
mv "$d/data/2019-20/narrative/voice.md" "$tmp/voice.md"
ln -s "$tmp/outside.md" "$d/data/2019-20/narrative/voice.md"
check "a narrative linking out of the data folder" "$d" 1 \
    "data/2019-20/narrative/voice.md: error: this is a link to $tmp/outside.md, outside the data folder, so it is not read" \
    build 2019-20 --out "$tmp/out-links"
[ ! -e "$tmp/out-links/2019-20/sscp-annual-report-2019-20.pdf" ] || { echo "FAIL: a report was built with the link"; status=1; }
rm "$d/data/2019-20/narrative/voice.md"
cp "$tmp/voice.md" "$d/data/2019-20/narrative/voice.md"
mv "$d/data/2019-20" "$tmp/2019-20"
ln -s "$tmp/2019-20" "$d/data/2019-20"
check "a year folder linking out of the data folder" "$d" 1 \
    "data/2019-20/finance.yaml: error: this is a link to $tmp/2019-20/finance.yaml, outside the data folder, so it is not read" \
    validate 2019-20
rm "$d/data/2019-20"
mv "$tmp/2019-20" "$d/data/2019-20"
mv "$d/data/partnership.yaml" "$tmp/partnership.yaml"
ln -s "$tmp/partnership.yaml" "$d/data/partnership.yaml"
check "partnership.yaml linking out of the data folder" "$d" 1 \
    "data/partnership.yaml: error: this is a link to $tmp/partnership.yaml, outside the data folder, so it is not read" \
    validate 2019-20
rm "$d/data/partnership.yaml"
cp "$tmp/partnership.yaml" "$d/data/partnership.yaml"
# A logo 30000 pixels square (3.6 GB decoded): its signature and header
# only, as it is refused from them before it is decoded.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\165\060\000\000\165\060\010\006\000\000\000\000\000\000\000' \
    >"$d/data/logo.png"
check "a logo 30000 pixels square" "$d" 1 \
    "data/logo.png: error: the logo is 30000 x 30000 pixels: a logo may be at most 4000 pixels wide and 4000 tall" \
    build 2019-20 --out "$tmp/out-logo"
rm "$d/data/logo.png"
truncate -s 200M "$d/data/2019-20/narrative/introduction.md.big"
mv "$d/data/2019-20/narrative/introduction.md" "$tmp/introduction.md"
mv "$d/data/2019-20/narrative/introduction.md.big" "$d/data/2019-20/narrative/introduction.md"
check "a 200 MB narrative" "$d" 1 \
    "data/2019-20/narrative/introduction.md: error: the file is 209715200 bytes; a data file may be at most 4194304 bytes (4 MiB)" \
    build 2019-20 --out "$tmp/out-big"
cp "$tmp/introduction.md" "$d/data/2019-20/narrative/introduction.md"

# ---- the DfE's files, in a data folder of their own ------------------------------------
b=$tmp/b
mkdir -p "$b/data/benchmarks"
cp -R "$src/report-templates" "$b/"
cp "$src/tests/fixtures/benchmarks/partnership.yaml" "$b/data/"
truncate -s 200M "$b/data/benchmarks/huge.csv"
check "a 200 MB benchmark file" "$b" 1 \
    "data/benchmarks/huge.csv: error: the file is 209715200 bytes; a benchmark file may be at most 67108864 bytes (64 MiB)" \
    validate data
rm "$b/data/benchmarks/huge.csv"
# One field of 30 MB, quoted and never closed.
{ printf 'time_period,geographic_level,new_la_code\n"'; head -c 30000000 /dev/zero | tr '\0' 'a'; } \
    >"$b/data/benchmarks/open-quote.csv"
check "a quoted 30 MB field with no closing quote" "$b" 1 \
    "data/benchmarks/open-quote.csv:2:1: error: this quoted field has no closing quote" validate data
rm "$b/data/benchmarks/open-quote.csv"
printf 'time_period,geographic_level,new_la_code\nSECRET-OUTSIDE-TEXT\n' >"$tmp/outside.csv"
ln -s "$tmp/outside.csv" "$b/data/benchmarks/link.csv"
check "a benchmark file linking out of the data folder" "$b" 1 \
    "data/benchmarks/link.csv: error: this is a link to $tmp/outside.csv, outside the data folder, so it is not read" \
    validate data
! grep -q SECRET "$tmp/out" || { echo "FAIL: the outside file's text was printed"; status=1; }
rm "$b/data/benchmarks/link.csv"

# ---- narrative that tries to be markup ---------------------------------------------------
cat >>"$d/data/2019-20/narrative/voice.md" <<'EOF'

A <span foreground="red" size="xx-large">red</span> word & a <b>bold</b> one.

<script>alert(1)</script>

<img src=x onerror="alert(2)">

[Click me](javascript:alert(3)) and [mail](mailto:lsb@stockport.gov.uk).
EOF
check "narrative with Pango markup, HTML and javascript: links" "$d" 0 \
    "data/2019-20/training.yaml:78:20: warning: training attendees counted by agency (568) and by course (571) differ by 3" \
    build 2019-20 --out "$tmp/out-markup"
html=$tmp/out-markup/2019-20/sscp-annual-report-2019-20.html
if [ -f "$html" ]; then
    grep -q '&lt;span foreground=&quot;red&quot;' "$html" || grep -q '&lt;span foreground="red"' "$html" ||
        { echo "FAIL: the <span> is not shown as text in the HTML"; status=1; }
    ! grep -qi '<script' "$html" || { echo "FAIL: a <script> element in the HTML"; status=1; }
    ! grep -qi 'href="javascript:' "$html" || { echo "FAIL: a javascript: link in the HTML"; status=1; }
    ! grep -qi '<img' "$html" || { echo "FAIL: an <img> element in the HTML"; status=1; }
    # Compared without spaces: a line may break inside the markup (after "/").
    pdftotext "$tmp/out-markup/2019-20/sscp-annual-report-2019-20.pdf" - | tr -d ' \n' |
        grep -qF 'A<spanforeground="red"size="xx-large">red</span>word&a<b>bold</b>one.' ||
        { echo "FAIL: the PDF does not show the markup as literal text"; status=1; }
    echo "ok the markup is inert in the HTML and literal in the PDF"
fi
exit $status
