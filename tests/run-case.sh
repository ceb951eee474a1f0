#!/bin/sh
# Runs one command-line case and compares everything it printed (standard
# output and standard error, then its exit status) with an expected file.
#
#   run-case.sh BIN WORKDIR EXPECTED [ARGS...]
#   run-case.sh BIN WORKDIR EXPECTED --args-from FILE
#
# With SSCP_UPDATE_EXPECTED=1 the expected file is rewritten instead: review
# the diff before committing it.
set -u
bin=$1 dir=$2 expected=$3
shift 3
if [ "${1:-}" = "--args-from" ]; then
    # shellcheck disable=SC2046
    set -- $(cat "$2")
fi
actual=$(cd "$dir" && NO_COLOR=1 TERM=dumb "$bin" "$@" 2>&1; echo "[exit $?]")
if [ "${SSCP_UPDATE_EXPECTED:-0}" = 1 ]; then
    printf '%s\n' "$actual" >"$expected"
    exit 0
fi
if [ ! -f "$expected" ]; then
    echo "no expected output: $expected" >&2
    printf '%s\n' "$actual"
    exit 1
fi
printf '%s\n' "$actual" | diff -u "$expected" - && exit 0
exit 1
