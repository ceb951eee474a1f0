#!/bin/sh
# The fonts' cache: one folder per user, reused by every run, so builds that
# are killed leave no folders behind in the temporary folder; a folder that
# is not the user's own is refused, and no folder at all is a clear error.
#
#   font-cache.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
mkdir "$tmp/tmp" "$tmp/home"
uid=$(id -u)
# What a folder holds, but for the pipes valgrind leaves in TMPDIR when a
# run under it is killed (the suite also runs under valgrind).
# shellcheck disable=SC2010
listing() { ls -A "$1" | grep -v '^vgdb-pipe-'; }

# Builds killed part-way (while fontconfig is set up, and later) and one
# that ends: the temporary folder stays empty, the cache is one folder.
export XDG_CACHE_HOME="$tmp/cache" TMPDIR="$tmp/tmp"
for delay in 0.01 0.05 0.1 0.2 0.3 0.05 0.1 0.2; do
    "$bin" build 2019-20 --out "$tmp/out" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
done
"$bin" build 2019-20 --out "$tmp/out" >/dev/null 2>&1 || fail "build exited $?"
[ -z "$(listing "$tmp/tmp")" ] || fail "builds left in TMPDIR: $(listing "$tmp/tmp")"
[ "$(ls -A "$tmp/cache")" = "sscp-report" ] && [ "$(ls -A "$tmp/cache/sscp-report")" = "fontconfig" ] ||
    fail "the cache is not one folder: $(find "$tmp/cache")"
[ -n "$(ls -A "$tmp/cache/sscp-report/fontconfig")" ] || fail "fontconfig wrote no cache"
echo "ok 8 killed builds and one whole one: one cache folder, nothing in TMPDIR"

# Without a home folder to write to, the user's own folder in TMPDIR, made
# for this user alone and reused.
printf 'x' >"$tmp/file"
for _ in 1 2; do
    XDG_CACHE_HOME="$tmp/file/cache" "$bin" build 2019-20 --out "$tmp/out" >/dev/null 2>&1 ||
        fail "build with an unwritable XDG_CACHE_HOME exited $?"
    env -u XDG_CACHE_HOME -u HOME "$bin" charts 2019-20 --out "$tmp/out" >/dev/null 2>&1 ||
        fail "charts without HOME exited $?"
    # A home folder that does not exist (a service account's) is not made.
    env -u XDG_CACHE_HOME HOME="$tmp/no-such-home" "$bin" charts 2019-20 --out "$tmp/out" \
        >/dev/null 2>&1 || fail "charts with a HOME that does not exist exited $?"
    [ -e "$tmp/no-such-home" ] && fail "a home folder that did not exist was made"
done
[ "$(listing "$tmp/tmp")" = "sscp-report-fontconfig-$uid" ] || fail "TMPDIR holds: $(listing "$tmp/tmp")"
mode=$(stat -c %a "$tmp/tmp/sscp-report-fontconfig-$uid")
[ "$mode" = 700 ] || fail "the cache folder in TMPDIR has mode $mode, not 700"
echo "ok without a writable home: one folder in TMPDIR, mode 700"

# A folder of that name that is a link, a file, or that others can write,
# is not used (someone else may have made it to read or change the cache).
mkdir "$tmp/elsewhere"
at="$tmp/tmp/sscp-report-fontconfig-$uid"
for how in link file writable; do
    rm -rf "$at"
    case $how in
    link) ln -s "$tmp/elsewhere" "$at"; why="it is a link, which may lead to another user's folder" ;;
    file) printf 'x' >"$at"; why="it is not a folder" ;;
    writable) mkdir -m 777 "$at"; why="other users can change what is in it" ;;
    esac
    env -u XDG_CACHE_HOME -u HOME "$bin" build 2019-20 --out "$tmp/out" >"$tmp/run.txt" 2>&1
    rc=$?
    [ "$rc" -eq 3 ] || fail "a cache folder that is a $how: exit $rc, not 3"
    grep -qxF "sscp-report: the font cache folder $at is not used: $why" "$tmp/run.txt" ||
        fail "a cache folder that is a $how: $(cat "$tmp/run.txt")"
    grep -q "^  hint: remove it" "$tmp/run.txt" || fail "no hint: $(cat "$tmp/run.txt")"
done
[ -z "$(ls -A "$tmp/elsewhere")" ] || fail "the cache was written through the link"
echo "ok a cache folder that is a link, a file or others can write is refused"

# Nowhere to put a cache: a clear error. (valgrind itself needs a TMPDIR it
# can write, so under valgrind this case cannot be made.)
case $bin in
*valgrind*)
    echo "not run under valgrind: no TMPDIR at all" ;;
*)
    XDG_CACHE_HOME="$tmp/file/cache" TMPDIR="$tmp/file/tmp" "$bin" build 2019-20 --out "$tmp/out" \
        >"$tmp/run.txt" 2>&1
    rc=$?
    [ "$rc" -eq 3 ] || fail "no cache folder possible: exit $rc, not 3"
    grep -qF "sscp-report: cannot make a folder for the font cache ($tmp/file/cache/sscp-report/fontconfig: Not a directory; $tmp/file/tmp/sscp-report-fontconfig-$uid: Not a directory)" "$tmp/run.txt" ||
        fail "no cache folder possible: $(cat "$tmp/run.txt")"
    echo "ok nowhere for a cache: $(grep -F 'font cache' "$tmp/run.txt")" ;;
esac
