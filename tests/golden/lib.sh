# Shared by the shell tests that run sscp-report step by step: a temporary
# folder removed on exit, and the checks they make of each command.
#
#   . "$src/tests/golden/lib.sh"     (with $bin, the program, set first)
#
# run WANT CMD...   runs sscp-report CMD..., stdout in $tmp/out and stderr in
#                   $tmp/err, and fails unless it exits WANT
# has FILE TEXT     fails unless $tmp/FILE (out or err) holds TEXT
# lacks FILE TEXT   fails if $tmp/FILE holds TEXT
# fail MESSAGE      prints FAIL: MESSAGE and exits 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
run() {
    want=$1
    shift
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "sscp-report $* exited $got, not $want: $(cat "$tmp/out" "$tmp/err")"
}
has() { grep -qF -- "$2" "$tmp/$1" || fail "$1 of the last command lacks \"$2\": $(cat "$tmp/$1")"; }
lacks() { ! grep -qF -- "$2" "$tmp/$1" || fail "$1 of the last command has \"$2\": $(grep -F -- "$2" "$tmp/$1")"; }
