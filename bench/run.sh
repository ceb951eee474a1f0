#!/bin/sh
# The benchmark: each row runs one command RUNS times (default 11) and gives
# the median, fastest and slowest wall time and the peak memory (the largest
# maximum resident set of any run, as /usr/bin/time -f "%e %M" reports it),
# beside its target; then the median time of each stage of the builds
# (`build --timings`), and a last line saying which targets are met. Exits 0
# if all are, 1 if any is missed, 2 if a command failed or the bench cannot
# run. Not part of the test suite: timings depend on the machine's load, so
# compare with a baseline measured in the same run, on the same machine.
#
#   bench/run.sh [BIN] [RUNS]
#
# BIN defaults to build/sscp-report under the project's top. Each row first
# runs its command once untimed (to warm the page cache and the per-user
# font cache, and to check that it works), then RUNS times timed, each
# build into an empty folder under $TMPDIR.
#
# The rows, and why their targets are what they are:
# - sample build: `build 2019-20 --data data` of the bundled sample (34
#   pages, 11 charts, PDF, charts as PNG and SVG, HTML, workbook). Target
#   <= 0.12 s median and <= 32 MiB peak on a 2-core machine: what
#   experiments on a copy showed Cairo and Pango can do once each
#   thing is laid out and drawn once, the PDF is not parsed a second time
#   and the outputs are written on both cores (0.112 s, 21.6 MiB), well
#   ahead of Typst (0.53-0.78 s for less), Python (1.6 s) and R Markdown
#   (5.8 s) on the same report.
# - sample build --jobs 1: the same, serial (the outputs one after the
#   other), beside it to show what the second core gives; no target of its
#   own. "n/a" when BIN has no --jobs.
# - 120 pages: the build of a long report that bench/gen-long.py generates
#   (the sample's narrative with ~21,000 more made-up words, 30 more charts
#   and 18 more tables; the row prints the page count). Target < 0.5 s:
#   3.5 times the sample's pages at the sample target's cost per page
#   (0.42 s) and a margin: long paragraphs and many figures must cost no
#   more per page than the sample's.
# - validate and metrics, 1,000 files: the sample with 1,000 more partners
#   each sending one file for 2019-20 and 2018-19 (bench/gen-scale.py, as
#   bench/scale.sh uses); `validate 2019-20` checks the year's 1,006 files,
#   `metrics 2019-20` reads both years. Target for validate < 0.3 s: a
#   partnership checks its files again after every correction, so the answer
#   must feel immediate even for a very large one. metrics has no target;
#   its time is shown to catch a regression.
# - stages: the median over the runs of each stage `build --timings`
#   prints, for each build row ("n/a" without --timings). With --jobs the
#   output stages overlap, so they add up to more than the wall time.
#
# Peak memory is that of the largest single process: a build that forks a
# child to use the second core uses, at its peak, up to the parent's and
# the child's together.
#
# SSCP_BENCH_CHECK=1 checks only that the bench works (no untimed first
# run, no verdict; exit 0 unless a command fails or its output cannot be
# read, 77 if /usr/bin/time or python3 is missing): the test suite runs
# `bench/run.sh BIN 1` so.
set -u
check=${SSCP_BENCH_CHECK:-}
case ${1:-} in
'') bin=build/sscp-report ;;
/*) bin=$1 ;;
*) bin=$PWD/$1 ;;
esac
runs=${2:-11}
case $runs in
'' | *[!0-9]* | 0) echo "bench/run.sh: RUNS must be a positive whole number, not \"$runs\"" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.." || exit 2
missing=77
[ -n "$check" ] || missing=2
[ -x /usr/bin/time ] || { echo "bench needs /usr/bin/time (Debian package: time)" >&2; exit "$missing"; }
command -v python3 >/dev/null || { echo "bench needs python3" >&2; exit "$missing"; }
[ -x "$bin" ] || { echo "bench/run.sh: $bin is not an executable program" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

help=$("$bin" build --help 2>&1)
has_jobs=no has_timings=no
case $help in *--jobs*) has_jobs=yes ;; esac
case $help in *--timings*) has_timings=yes ;; esac

# fail WHAT [CMD...]: WHAT (running CMD) failed; its status is in $rc and
# its messages in $tmp/err.
fail() {
    what=$1
    shift
    echo "$what: failed (exit $rc): $*" >&2
    tail -n 5 "$tmp/err" >&2
    echo "result: a command failed, no verdict"
    exit 2
}

# timed KEY WHAT CMD...: runs CMD (once untimed, then RUNS times), each time
# into an empty $tmp/out, keeping each run's "%e %M" in $tmp/KEY.t, its
# stage line (if any) in $tmp/KEY.s and its last output in $tmp/KEY.out.
timed() {
    key=$1 what=$2
    shift 2
    : >"$tmp/$key.t"
    : >"$tmp/$key.s"
    if [ -z "$check" ]; then
        rm -rf "$tmp/out"
        "$@" >"$tmp/$key.out" 2>"$tmp/err" || { rc=$?; fail "$what" "$@"; }
    fi
    i=0
    while [ "$i" -lt "$runs" ]; do
        rm -rf "$tmp/out"
        /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/$key.out" 2>"$tmp/err" ||
            { rc=$?; fail "$what" "$@"; }
        # the last line: GNU time puts a note above it if the command was
        # killed by a signal.
        tail -n 1 "$tmp/time" >>"$tmp/$key.t"
        grep '^  .* s$' "$tmp/$key.out" >>"$tmp/$key.s"
        i=$((i + 1))
    done
    rm -rf "$tmp/out"
}

# row WHAT KEY TIME_OP TIME_TARGET MIB_TARGET: prints the row of $tmp/KEY.t
# and appends the verdict of each target to $tmp/verdicts (TIME_OP is <= or
# <; a target of - is none).
row() {
    awk -v what="$1" -v op="$3" -v tt="$4" -v mt="$5" -v vf="$tmp/verdicts" '
    { t[NR] = $1 + 0; if ($2 + 0 > m) m = $2 + 0 }
    END {
        if (NR == 0) { printf "%-34s no timings\n", what; exit 2 }
        for (i = 2; i <= NR; i++)
            for (j = i; j > 1 && t[j - 1] > t[j]; j--) { x = t[j]; t[j] = t[j - 1]; t[j - 1] = x }
        med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        mib = m / 1024
        target = ""
        if (tt != "-") {
            target = op " " tt " s"
            ok = (op == "<") ? (med < tt + 0) : (med <= tt + 0)
            printf "%s %s time: %.2f s (target %s %s s)\n", ok ? "met" : "missed", what, med, op, tt >> vf
        }
        if (mt != "-") {
            target = target (target != "" ? ", " : "") "<= " mt " MiB"
            ok = mib <= mt + 0
            printf "%s %s memory: %.1f MiB (target <= %s MiB)\n", ok ? "met" : "missed", what, mib, mt >> vf
        }
        if (target == "") target = "-"
        printf "%-34s %7.2f %7.2f %7.2f %9.1f   %s\n", what, med, t[1], t[NR], mib, target
    }' "$tmp/$2.t"
}

# stages KEY...: the median of each stage over the runs, one column a build
# row, the stages in the order the program prints them.
stages() {
    for k in "$@"; do
        printf '%s\n' "#$k"
        cat "$tmp/$k.s"
    done | awk -v n="$#" '
    function median(key, c,    i, j, x, v) {
        for (i = 1; i <= c; i++) v[i] = vals[key, i]
        for (i = 2; i <= c; i++)
            for (j = i; j > 1 && v[j - 1] > v[j]; j--) { x = v[j]; v[j] = v[j - 1]; v[j - 1] = x }
        return (c % 2) ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
    }
    /^#/ { col++; next }
    {
        sub(/^ +/, "")
        items = split($0, it, /, /)
        for (i = 1; i <= items; i++) {
            f = split(it[i], w, / /)
            if (f < 3 || w[f] != "s" || w[f - 1] !~ /^[0-9.]+$/) { bad = 1; continue }
            name = w[1]
            for (j = 2; j <= f - 2; j++) name = name " " w[j]
            if (!(name in seen)) { seen[name] = 1; order[++names] = name }
            c = ++count[col, name]
            vals[col SUBSEP name, c] = w[f - 1] + 0
        }
    }
    END {
        for (s = 1; s <= names; s++) {
            printf "  %-32s", order[s]
            for (k = 1; k <= n; k++) {
                c = count[k, order[s]]
                if (c) printf " %9.1f", 1000 * median(k SUBSEP order[s], c)
                else printf " %9s", "n/a"
            }
            printf "\n"
        }
        if (bad) exit 3
        if (!names) exit 4
    }'
}

echo "bench/run.sh: $bin, $runs runs a row, $(nproc 2>/dev/null || echo '?') cores"
if [ -n "$check" ]; then
    echo "(SSCP_BENCH_CHECK: checking that the bench works, no untimed first run, no verdict)"
fi
t_opt=
[ "$has_timings" = yes ] && t_opt=--timings

# The data: the long report, and 1,000 more partners' files.
python3 bench/gen-long.py . "$tmp/long" 2>"$tmp/err" || { rc=$?; fail "bench/gen-long.py"; }
python3 bench/gen-scale.py . 1000 "$tmp/scale" 2>"$tmp/err" || { rc=$?; fail "bench/gen-scale.py"; }

printf '%-34s %7s %7s %7s %9s   %s\n' "seconds" median min max "peak MiB" target
: >"$tmp/verdicts"
timed sample "sample build" "$bin" build 2019-20 --data data --out "$tmp/out" ${t_opt:+"$t_opt"}
row "sample build" sample "<=" 0.12 32
if [ "$has_jobs" = yes ]; then
    timed serial "sample build --jobs 1" "$bin" build 2019-20 --data data --out "$tmp/out" --jobs 1 ${t_opt:+"$t_opt"}
    row "sample build --jobs 1" serial - - -
else
    printf '%-34s %7s %7s %7s %9s   %s\n' "sample build --jobs 1" n/a n/a n/a n/a "(no --jobs)"
    : >"$tmp/serial.s"
fi
timed long "long report" "$bin" build 2019-20 --data "$tmp/long" --out "$tmp/out" ${t_opt:+"$t_opt"}
pages=$(sed -n 's/.*\.pdf (\([0-9][0-9]*\) pages.*/\1/p' "$tmp/long.out" | head -n 1)
row "long report (${pages:-?} pages)" long "<" 0.5 -
timed validate "validate, 1,000 files" "$bin" validate 2019-20 --data "$tmp/scale"
row "validate, 1,000 files" validate "<" 0.3 -
timed metrics "metrics, 1,000 files" "$bin" metrics 2019-20 --data "$tmp/scale"
row "metrics, 1,000 files" metrics - - -

echo
printf '%-34s %9s %9s %9s\n' "stages, median ms" sample "--jobs 1" "long"
stage_status=0
if [ "$has_timings" = yes ]; then
    stages sample serial long || stage_status=$?
else
    echo "  n/a (no build --timings)"
fi

# Whatever else the builds said under their stage line (a build on several
# processes may give each one's memory), from the last run of each.
for k in sample serial long; do
    [ -f "$tmp/$k.out" ] || continue
    grep '^  ' "$tmp/$k.out" | grep -v '^  .* s$' | sed "s/^ */  $k: /"
done

echo
if [ -n "$check" ]; then
    # What the bench read must make sense: a page count near 120, and
    # stage lines it could read.
    case $pages in
    '' | *[!0-9]*) echo "check: no page count in the long report's build output"; exit 2 ;;
    esac
    if [ "$pages" -lt 100 ] || [ "$pages" -gt 140 ]; then
        echo "check: the long report has $pages pages, not about 120 (tune bench/gen-long.py)"
        exit 2
    fi
    [ "$stage_status" -eq 0 ] || { echo "check: the stage lines of build --timings could not be read"; exit 2; }
    echo "check: the bench works ($(grep -c . "$tmp/verdicts") targets read, verdict skipped)"
    exit 0
fi
[ "$stage_status" -eq 0 ] || echo "note: some stage lines of build --timings could not be read"
met=$(grep -c '^met ' "$tmp/verdicts")
all=$(grep -c . "$tmp/verdicts")
sed 's/^/  /' "$tmp/verdicts"
if [ "$met" -eq "$all" ]; then
    echo "result: all $all targets met"
    exit 0
fi
awk -v met="$met" -v all="$all" '/^missed / { sub(/^missed /, ""); sub(/:.*/, ""); m = m (m != "" ? "; " : "") $0 }
    END { printf "result: %d of %d targets met; missed: %s\n", met, all, m }' "$tmp/verdicts"
exit 1
