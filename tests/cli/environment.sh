#!/bin/sh
# The variables that stand in for the clock: SOURCE_DATE_EPOCH (the date in
# the PDF and the workbook) and SSCP_TODAY (today, for tests and replays).
# A value that is set but is not a usable date stops every command with exit
# status 2 and a message that names the variable, before anything is
# written; a good value is used.
#
#   environment.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
unset SOURCE_DATE_EPOCH SSCP_TODAY

# check VAR VALUE COMMAND... : exit 2, the first line exactly as expected
# (read from the heredoc on standard input), no output folder made.
check() {
    var=$1 val=$2
    shift 2
    want=$(cat)
    rm -rf "$tmp/out"
    got=$(env "$var=$val" NO_COLOR=1 "$bin" "$@" 2>&1)
    rc=$?
    [ "$rc" -eq 2 ] || fail "$var='$val' $*: exit $rc, not 2: $got"
    [ "$(printf '%s\n' "$got" | head -n 1)" = "$want" ] ||
        fail "$var='$val' $*: expected
$want
got
$got"
    printf '%s\n' "$got" | grep -q "^  hint: .*unset $var" || fail "$var='$val': no hint: $got"
    [ ! -e "$tmp/out" ] || fail "$var='$val' $*: wrote $tmp/out"
}

b="build 2019-20 --out $tmp/out"
# shellcheck disable=SC2086
{
check SOURCE_DATE_EPOCH 0 $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is `0`, which is a time outside 1980 to 2099
X
check SOURCE_DATE_EPOCH 315532799 $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is `315532799`, which is a time outside 1980 to 2099
X
check SOURCE_DATE_EPOCH 4102444800 $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is `4102444800`, which is a time outside 1980 to 2099
X
check SOURCE_DATE_EPOCH 99999999999999999999999 $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is `99999999999999999999999`, which is a time outside 1980 to 2099
X
check SOURCE_DATE_EPOCH garbage $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is `garbage`, which is not a time: it must be a whole number of seconds
X
check SOURCE_DATE_EPOCH -5 $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is `-5`, which is not a time: it must be a whole number of seconds
X
check SOURCE_DATE_EPOCH 1.5e9 $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is `1.5e9`, which is not a time: it must be a whole number of seconds
X
check SOURCE_DATE_EPOCH ' 1585699200' $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is ` 1585699200`, which is not a time: it must be a whole number of seconds
X
check SOURCE_DATE_EPOCH "$(printf '1\033]0;x\007')" $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is `1\x1b]0;x\x07`, which is not a time: it must be a whole number of seconds
X
check SOURCE_DATE_EPOCH "$(printf '%0200d' 1)" $b <<'X'
sscp-report: the environment variable SOURCE_DATE_EPOCH is `00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000... (200 bytes in all)`, which is a time outside 1980 to 2099
X
check SSCP_TODAY 2020-13-45 status 2019-20 <<'X'
sscp-report: the environment variable SSCP_TODAY is `2020-13-45`: that is not a day written YYYY-MM-DD
X
check SSCP_TODAY 2019-02-29 validate 2019-20 <<'X'
sscp-report: the environment variable SSCP_TODAY is `2019-02-29`: there is no such day (February 2019 has 28 days)
X
check SSCP_TODAY 2100-01-01 publish 2019-20 --date 2020-11-04 <<'X'
sscp-report: the environment variable SSCP_TODAY is `2100-01-01`: that day is outside 1980-01-01 to 2099-12-31
X
check SSCP_TODAY 4/11/2020 $b <<'X'
sscp-report: the environment variable SSCP_TODAY is `4/11/2020`: that is not a day written YYYY-MM-DD
X
}

# A good SOURCE_DATE_EPOCH is the PDF's date; an empty one counts as unset
# (the day after the reporting year).
SOURCE_DATE_EPOCH=1585699200 "$bin" build 2019-20 --out "$tmp/a" >/dev/null 2>&1 || fail "build with a good SOURCE_DATE_EPOCH"
pdf=$(ls "$tmp"/a/2019-20/*.pdf)
pdfinfo -isodates "$pdf" | grep -q '^CreationDate: *2020-04-01T00:00:00' ||
    fail "the PDF is not dated 2020-04-01: $(pdfinfo -isodates "$pdf" | grep CreationDate)"
SOURCE_DATE_EPOCH='' "$bin" build 2019-20 --out "$tmp/b" >/dev/null 2>&1 || fail "build with an empty SOURCE_DATE_EPOCH"
pdfinfo -isodates "$(ls "$tmp"/b/2019-20/*.pdf)" | grep -q '^CreationDate: *2020-04-01' ||
    fail "an empty SOURCE_DATE_EPOCH did not date the PDF the day after the year"
SSCP_TODAY=2020-11-04 "$bin" status 2019-20 >/dev/null 2>&1 || fail "status with a good SSCP_TODAY: exit $?"
echo "ok"
