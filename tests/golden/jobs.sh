#!/bin/sh
# Outputs written at once (`build --jobs 2`: the PDF in one process, the
# charts, the workbook and the HTML in another) are the bytes a serial
# build (`--jobs 1`) writes, for three datasets unlike each other, twice
# each: every file, the build record's list of outputs with their SHA-256,
# and the lines printed. An output that fails in the second process gives
# the error and exit status of a serial build and leaves the last good
# output as it was; a second process that is killed is an error naming
# what it was writing, never a success; a build that is killed takes its
# second process with it.
#
#   jobs.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
cd "$src" || exit 1

# The lines a build prints but its time, and the files it wrote, with their
# checksums (the record's date of building left out: it is today's).
printed() { grep -v '^Built in ' "$1"; }
files() { (cd "$1" && find . -type f ! -name build-record.yaml | LC_ALL=C sort | xargs sha256sum); }
record() { sed -n '/^outputs:/,$p' "$1/build-record.yaml"; }

# ---- the same bytes, serial or not ---------------------------------------------------
for set in "stockport data 2019-20" "fenbridge data/samples/fenbridge 2024-25" \
    "disclosure tests/fixtures/disclosure 2019-20"; do
    # shellcheck disable=SC2086
    set -- $set
    name=$1 data=$2 year=$3
    for round in 1 2; do
        for jobs in 1 2; do
            o="$tmp/$name-$jobs-$round"
            "$bin" build "$year" --data "$data" --out "$o" --jobs "$jobs" >"$o.out" 2>"$o.err" ||
                fail "$name --jobs $jobs: build exited $?: $(cat "$o.err")"
            files "$o/$year" >"$o.sum"
            record "$o/$year" >"$o.rec"
            printed "$o.out" | sed "s|$o/|OUT/|" >"$o.lines"
        done
        a="$tmp/$name-1-$round" b="$tmp/$name-2-$round"
        [ "$(wc -l <"$a.sum")" -ge 10 ] || fail "$name: the build wrote only $(wc -l <"$a.sum") files"
        cmp -s "$a.sum" "$b.sum" || {
            diff "$a.sum" "$b.sum" | head -n 5
            fail "$name, round $round: --jobs 2 wrote other bytes than --jobs 1"
        }
        cmp -s "$a.rec" "$b.rec" || fail "$name, round $round: the build records' outputs differ"
        grep -c sha256 "$a.rec" | grep -qx "$(wc -l <"$a.sum")" ||
            fail "$name: the record does not list every file written"
        cmp -s "$a.lines" "$b.lines" || {
            diff "$a.lines" "$b.lines"
            fail "$name, round $round: --jobs 2 printed other lines than --jobs 1"
        }
        cmp -s "$a.err" "$b.err" || fail "$name, round $round: the warnings differ"
        cmp -s "$a.sum" "$tmp/$name-1-1.sum" || fail "$name: two serial builds differ"
    done
    echo "ok $name $year: --jobs 1 and --jobs 2, twice, $(wc -l <"$a.sum") files the same bytes"
done
# The default is the processors online, and --timings gives each output's time.
"$bin" build 2019-20 --out "$tmp/default" --timings >"$tmp/default.out" 2>/dev/null ||
    fail "build with the default --jobs failed"
files "$tmp/default/2019-20" | cmp -s - "$tmp/stockport-1-1.sum" ||
    fail "the default --jobs wrote other bytes"
grep -q "^  load and check .*, PDF [0-9.]* s, charts [0-9.]* s, workbook [0-9.]* s, HTML [0-9.]* s, build record" \
    "$tmp/default.out" || fail "--timings lacks an output's time: $(cat "$tmp/default.out")"

# ---- an output that fails in the second process --------------------------------------
# failing NAME SETUP WRAP: builds the sample over a copy of the good report
# with --jobs 1 and with --jobs 2, after SETUP DIR has set the failure up,
# the build run through WRAP. Both must exit 3 with the same message, and
# leave the files as they were (the new ones are the same bytes) and no
# temporary file.
good="$tmp/stockport-1-1.sum"
failing() {
    name=$1 setup=$2 wrap=$3
    for jobs in 1 2; do
        o="$tmp/f-$name"
        rm -rf "$o" && cp -R "$tmp/stockport-1-1" "$o" || exit 1
        $setup "$o/2019-20"
        files "$o/2019-20" >"$o.before"
        $wrap "$bin" build 2019-20 --out "$o" --jobs "$jobs" >"$o-$jobs.out" 2>"$o-$jobs.err"
        rc=$?
        chmod -R u+w "$o"
        [ "$rc" -eq 3 ] || fail "$name, --jobs $jobs: exit $rc, not 3: $(cat "$o-$jobs.err")"
        files "$o/2019-20" | cmp -s - "$o.before" || fail "$name, --jobs $jobs: the last report was changed"
        left=$(find "$o" -name '.*.tmp-*')
        [ -z "$left" ] || fail "$name, --jobs $jobs: a temporary file was left: $left"
        grep '^sscp-report: ' "$o-$jobs.err" | sed "s|$o/|OUT/|g" >"$o-$jobs.msg"
        [ -s "$o-$jobs.msg" ] || fail "$name, --jobs $jobs: no message: $(cat "$o-$jobs.err")"
    done
    cmp -s "$o-1.msg" "$o-2.msg" || {
        diff "$o-1.msg" "$o-2.msg"
        fail "$name: --jobs 2 failed otherwise than --jobs 1"
    }
    echo "ok $name: $(head -n 1 "$o-2.msg")"
}
# Permissions do not stop root: as root, the build runs as an unprivileged
# user in a user namespace, where the system allows it.
as_user() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    else
        unshare -U "$@"
    fi
}
charts_read_only() { chmod 555 "$1/charts"; }
if [ "$(id -u)" -ne 0 ] || unshare -U true 2>/dev/null; then
    failing "the charts folder read-only" charts_read_only as_user
else
    echo "SKIP the charts folder read-only: running as root without user namespaces"
    skipped=1
fi
# A full disk, which a file size limit stands for: the PDF, written by the
# first process, does not fit, nor does the HTML page, written by the
# second. A serial build stops at the PDF; so does the message here.
nothing() { :; }
limited() { (
    ulimit -f 200
    exec "$@"
); }
failing "a full disk" nothing limited
# The HTML page, the second process's last output, cannot take its name: a
# folder has it.
html_folder() {
    page=$(find "$1" -maxdepth 1 -name '*.html')
    rm "$page" && mkdir "$page" && echo kept >"$page/kept"
}
failing "a folder where the HTML page goes" html_folder ""

# ---- the second process killed -----------------------------------------------------------
# children PID: the processes PID started.
children() { cat "/proc/$1/task/$1/children" 2>/dev/null || pgrep -P "$1"; }
tries=0
while :; do
    tries=$((tries + 1))
    [ "$tries" -le 20 ] || fail "the second process was never seen running, in 20 builds"
    "$bin" build 2019-20 --out "$tmp/killed" --jobs 2 >"$tmp/killed.out" 2>"$tmp/killed.err" &
    pid=$!
    child=""
    while [ -z "$child" ] && kill -0 "$pid" 2>/dev/null; do
        child=$(children "$pid" | head -n 1)
    done
    [ -n "$child" ] && kill -9 "$child" 2>/dev/null
    wait "$pid"
    rc=$?
    [ -n "$child" ] && [ "$rc" -ne 0 ] && break
done
[ "$rc" -eq 3 ] || fail "a killed second process: exit $rc, not 3: $(cat "$tmp/killed.err")"
grep -qE '^sscp-report: cannot write the (charts|workbook|HTML): the process writing it was killed by signal 9 \(Killed\)$' \
    "$tmp/killed.err" || fail "a killed second process: no clear message: $(cat "$tmp/killed.err")"
grep -q '^Wrote' "$tmp/killed.out" && fail "a killed second process: 'Wrote' lines were printed"
[ -e "/proc/$child" ] && fail "the killed second process $child is still there"
[ -z "$(find "$tmp/killed" -name '.*.tmp-*')" ] || fail "a killed second process: temporary files left"
echo "ok $(grep '^sscp-report: cannot write' "$tmp/killed.err")"

# ---- the build killed: its second process goes with it ---------------------------------
tries=0
while :; do
    tries=$((tries + 1))
    [ "$tries" -le 20 ] || fail "the second process was never seen running, in 20 builds"
    "$bin" build 2019-20 --out "$tmp/killed" --jobs 2 >/dev/null 2>&1 &
    pid=$!
    child=""
    while [ -z "$child" ] && kill -0 "$pid" 2>/dev/null; do
        child=$(children "$pid" | head -n 1)
    done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ -n "$child" ] && break
done
i=0
while [ -e "/proc/$child" ] && [ "$i" -lt 200 ]; do
    sleep 0.01
    i=$((i + 1))
done
# A process that has ended but not been waited for shows as a zombie (Z).
state=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$child/status" 2>/dev/null)
[ -z "$state" ] || [ "$state" = Z ] || fail "the killed build's second process $child runs on (state $state)"
"$bin" build 2019-20 --out "$tmp/killed" --jobs 2 >/dev/null 2>&1 || fail "the build after the kill failed"
files "$tmp/killed/2019-20" | cmp -s - "$good" || fail "the build after the kill differs"
[ -z "$(find "$tmp/killed" -name '.*.tmp-*')" ] || fail "temporary files left after the next build"
echo "ok a killed build's second process ended with it"

# ---- an interrupt (Ctrl-C) reaches every process of the build -------------------------
# SIGINT to the build's process group, as a terminal sends it, at delays
# spread over a build: the build ends (by the signal, or done before it),
# no process of it is left, and the report is whole.
python3 - "$bin" "$tmp/killed" "$good" <<'PY' || fail "an interrupt: see above"
import hashlib, os, signal, subprocess, sys, time
bin, out, good = sys.argv[1:]
def sums():
    rows = []
    top = os.path.join(out, "2019-20")
    for d, dirs, names in os.walk(top):
        # A temporary folder (the workbook's parts) is what the next build
        # removes, as a temporary file is: not part of the report.
        dirs[:] = [x for x in dirs if ".tmp-" not in x]
        for n in names:
            p = os.path.join(d, n)
            if n == "build-record.yaml" or ".tmp-" in n:
                continue
            rows.append("%s  ./%s" % (hashlib.sha256(open(p, "rb").read()).hexdigest(),
                                      os.path.relpath(p, top)))
    return "\n".join(sorted(rows, key=lambda r: r.split("  ", 1)[1].encode())) + "\n"
want = open(good).read()
t0 = time.monotonic()
subprocess.run([bin, "build", "2019-20", "--out", out, "--jobs", "2"], capture_output=True)
took = time.monotonic() - t0
runs = 10
for i in range(runs):
    p = subprocess.Popen([bin, "build", "2019-20", "--out", out, "--jobs", "2"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(took * (i * 7 % runs) / runs)
    try:
        os.killpg(p.pid, signal.SIGINT)
    except ProcessLookupError:
        pass
    rc = p.wait()
    if rc not in (0, -signal.SIGINT):
        sys.exit("FAIL: run %d: the build ended with %d, not by SIGINT" % (i, rc))
    for _ in range(200):
        try:
            os.killpg(p.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.01)
    else:
        sys.exit("FAIL: run %d: a process of the interrupted build is left" % i)
    if sums() != want:
        sys.exit("FAIL: run %d: a report file is missing or not whole" % i)
print("ok %d builds interrupted (SIGINT to the process group): nothing left running, the report whole" % runs)
PY

[ "${skipped:-0}" = 1 ] && exit 77
exit 0
