#!/bin/sh
# The scale benchmark: the sample with N more partners, each sending one
# file a year (bench/gen-scale.py), for N = 250, 500, 1000, 2000; for each
# command, the median wall time over RUNS runs (default 3) and the peak
# memory, and how much each grows when N doubles. A linear command grows
# about 2x a doubling (less while start-up dominates); a quadratic one 4x.
# Not part of the test suite: timings depend on the machine's load.
#
#   bench/scale.sh [BIN] [RUNS] [N...]
set -u
cd "$(dirname "$0")/.." || exit 1
bin=${1:-build/sscp-report}
runs=${2:-3}
shift 2 2>/dev/null || shift $#
sizes=${*:-250 500 1000 2000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "bench needs /usr/bin/time (Debian package: time)"; exit 2; }
command -v python3 >/dev/null || { echo "bench needs python3"; exit 2; }
printf '%-10s %6s %9s %9s %8s %8s\n' command N seconds "x time" MiB "x mem"
for cmd in validate metrics status build; do
    prev_t="" prev_m=""
    for n in $sizes; do
        [ -d "$tmp/d$n" ] || python3 bench/gen-scale.py . "$n" "$tmp/d$n" || exit 2
        : >"$tmp/all"
        i=0
        while [ "$i" -lt "$runs" ]; do
            case $cmd in
            build) set -- build 2019-20 --out "$tmp/out" ;;
            *) set -- "$cmd" 2019-20 ;;
            esac
            /usr/bin/time -f "%e %M" -o "$tmp/t" "$bin" "$@" --data "$tmp/d$n" >/dev/null 2>&1 ||
                { echo "$cmd with $n more partners failed"; exit 2; }
            cat "$tmp/t" >>"$tmp/all"
            i=$((i + 1))
        done
        t=$(cut -d' ' -f1 "$tmp/all" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
        m=$(cut -d' ' -f2 "$tmp/all" | sort -n | tail -n 1)
        awk -v c="$cmd" -v n="$n" -v t="$t" -v m="$m" -v pt="$prev_t" -v pm="$prev_m" 'BEGIN {
            xt = (pt != "" && pt > 0) ? sprintf("%.2f", t / pt) : "-"
            xm = (pm != "") ? sprintf("%.2f", m / pm) : "-"
            printf "%-10s %6d %9.2f %9s %8.1f %8s\n", c, n, t, xt, m / 1024, xm }'
        prev_t=$t prev_m=$m
    done
done
