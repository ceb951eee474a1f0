#!/bin/sh
# The cache of the fonts' hashes (src/core/filehash.h): the build record
# holds the same inputs' hash whether the fonts' hashes come from the cache
# or from reading the fonts; an entry is used (a hash written into it is
# what the record gets) only for the very file it was made for, never for
# one touched or of another size; a cache that is not wholly this
# program's (empty, random bytes, another version, cut short, a byte
# changed, a line wrong, too large, a folder, a link to a device, a pipe)
# is ignored and rewritten, never a crash; status tells a changed font
# with the cache.
#
#   font-hashes.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
export XDG_CACHE_HOME="$tmp/cache"
fonts=$tmp/fonts
cache=$tmp/cache/sscp-report/fontconfig/sscp-report-font-hashes
mkdir "$fonts" || fail "cannot make $fonts"
cp fonts/*.ttf "$fonts/" || fail "cannot copy the fonts"
# A file changed in the last 2 seconds is hashed but not cached.
sleep 3

# The inputs' hash of a build with the fonts in $fonts.
inputs() {
    "$bin" build 2019-20 --fonts "$fonts" --out "$tmp/out" >"$tmp/run.txt" 2>&1 ||
        fail "build exited $?: $(cat "$tmp/run.txt")"
    sed -n 's/^inputs: //p' "$tmp/out/2019-20/build-record.yaml"
}
# The SHA-256 of what is on standard input.
sum() { sha256sum | cut -d ' ' -f 1; }
# The lines on standard input, as a cache: with the last line that counts
# them ($1 if given) and holds the SHA-256 of all before it.
seal() {
    cat >"$tmp/body"
    cat "$tmp/body"
    echo "end ${1:-$(($(wc -l <"$tmp/body") - 1))} $(sum <"$tmp/body")"
}
# Whether the cache holds exactly one true entry per font and nothing else.
whole() {
    [ -f "$cache" ] && [ "$(head -n 1 "$cache")" = "sscp-report file hashes 1" ] &&
        [ "$(tail -n 1 "$cache")" = "end 6 $(sed '$d' "$cache" | sum)" ] &&
        [ "$(wc -l <"$cache")" -eq 8 ] || return 1
    for f in "$fonts"/*.ttf; do
        sha=$(sha256sum "$f" | cut -d ' ' -f 1)
        grep -q "^$(stat -c '%d %i %s' "$f") [0-9 ]* $sha\$" "$cache" || return 1
    done
}
# The cache's line for font $1.
line_of() { grep "^$(stat -c '%d %i' "$fonts/$1") " "$cache"; }

# With no cache, and with the cache it wrote: the same record.
cold=$(inputs)
[ ${#cold} -eq 64 ] || fail "no inputs' hash: $cold"
whole || fail "the first build wrote no whole cache: $(cat "$cache" 2>&1)"
warm=$(inputs)
[ "$warm" = "$cold" ] || fail "the cache changed the record: $warm, not $cold"
echo "ok the record's inputs are the same with and without the cache"

# The cache is used: a hash written into the entry of a font, for its very
# device, inode, size and times, is what the record gets.
forged=$(line_of OpenSans-Regular.ttf | sed 's/ [0-9a-f]*$/ '"$(printf '%064d' 0)"'/')
grep -v "^$(stat -c '%d %i' "$fonts/OpenSans-Regular.ttf") " "$cache" | sed '$d' >"$tmp/c"
{ cat "$tmp/c"; echo "$forged"; } | seal >"$cache"
used=$(inputs)
[ "$used" != "$cold" ] || fail "the cache's entry was not used: the font was read"
echo "ok a font whose identity is cached is not read"

# ... and never for a file touched since, or of another size.
touch "$fonts/OpenSans-Regular.ttf"
[ "$(inputs)" = "$cold" ] || fail "an entry for the font before it was touched was used"
sed '$d' "$cache" | sed "s/^\([0-9]* [0-9]*\) \([0-9]*\)/\1 1\2/" | seal >"$tmp/c"
cp "$tmp/c" "$cache"
[ "$(inputs)" = "$cold" ] || fail "entries for other sizes were used"
sleep 3
[ "$(inputs)" = "$cold" ] || fail "the record changed"
whole || fail "the stale entries were not replaced: $(cat "$cache")"
echo "ok an entry for a file touched, or of another size, is not used, and is replaced"

# status hashes the fonts through the cache too, and tells a changed font.
"$bin" status 2019-20 --fonts "$fonts" --out "$tmp/out" >"$tmp/run.txt" 2>&1
grep -q "built .*: current" "$tmp/run.txt" || fail "status: $(cat "$tmp/run.txt")"
cp "$fonts/OpenSans-Bold.ttf" "$fonts/OpenSans-Italic.ttf"
"$bin" status 2019-20 --fonts "$fonts" --out "$tmp/out" >"$tmp/run.txt" 2>&1
grep -q "built .*: stale" "$tmp/run.txt" || fail "status after a font changed: $(cat "$tmp/run.txt")"
cp fonts/OpenSans-Italic.ttf "$fonts/OpenSans-Italic.ttf"
sleep 3
echo "ok status tells a font changed in place"

# Caches that are not wholly this program's: ignored, rewritten whole.
good=$tmp/good
inputs >/dev/null
whole || fail "no whole cache to start from"
cp "$cache" "$good"
body() { sed '1d;$d' "$good"; }
for how in empty random version cut digit trailing count hex overflow field duplicate nul large \
    folder device pipe; do
    rm -rf "$cache"
    case $how in
    empty) : >"$cache" ;;
    random) head -c 4096 /dev/urandom >"$cache" ;;
    version) { echo "sscp-report file hashes 2"; body; } | seal >"$cache" ;;
    cut) sed '$d' "$good" >"$cache" ;;
    # a digit of a hash changed, the last line as it was
    digit) sed '2{/0$/{s/0$/1/;b};s/.$/0/}' "$good" >"$cache" ;;
    trailing) { cat "$good"; echo "more"; } >"$cache" ;;
    count) sed '$d' "$good" | seal 7 >"$cache" ;;
    hex) sed '$d' "$good" | sed '2s/ \([0-9a-f]\{64\}\)$/ \U\1/' | seal >"$cache" ;;
    overflow) sed '$d' "$good" | sed '2s/^[0-9]*/184467440737095516160/' | seal >"$cache" ;;
    field) sed '$d' "$good" | sed '2s/$/ 1/' | seal >"$cache" ;;
    duplicate) { sed '$d' "$good"; sed -n 2p "$good"; } | seal >"$cache" ;;
    nul) { head -n 2 "$good"; printf '1 2 3\000 4 5 6 7 %064d\n' 0; body | sed 1d; } | seal >"$cache" ;;
    large) { head -n 1 "$good"; yes "$(sed -n 2p "$good")" | head -n 3000; } | seal >"$cache" ;;
    folder) mkdir "$cache" ;;
    device) ln -s /dev/zero "$cache" ;;
    pipe) mkfifo "$cache" ;;
    esac
    [ -f "$cache" ] && cmp -s "$cache" "$good" && fail "the $how case is the good cache"
    [ "$(inputs)" = "$cold" ] || fail "a cache that is $how changed the record"
    if [ "$how" = folder ]; then
        [ -d "$cache" ] || fail "the folder in the cache's place was removed"
    else
        whole || fail "a cache that is $how was not rewritten: $(head -c 600 "$cache")"
    fi
done
echo "ok a cache that is empty, random, another version, cut short, with a byte changed, wrong in a line, too large, a folder, a link to a device or a pipe is ignored and rewritten"

# Two builds at once with no cache: both right, the cache whole after.
rm -f "$cache"
"$bin" build 2019-20 --fonts "$fonts" --out "$tmp/out1" >/dev/null 2>&1 &
pid=$!
"$bin" build 2019-20 --fonts "$fonts" --out "$tmp/out2" >/dev/null 2>&1 || fail "a build exited $?"
wait "$pid" || fail "the other build exited $?"
for o in out1 out2; do
    [ "$(sed -n 's/^inputs: //p' "$tmp/$o/2019-20/build-record.yaml")" = "$cold" ] ||
        fail "a build at once with another recorded other inputs"
done
whole || fail "two builds at once left no whole cache: $(cat "$cache")"
for f in "$tmp/cache/sscp-report/fontconfig"/.*; do
    case ${f##*/} in .|..) continue ;; esac
    [ -e "$f" ] && fail "temporary files left: $(ls -A "$tmp/cache/sscp-report/fontconfig")"
done
echo "ok two builds at once with no cache"
