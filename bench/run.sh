#!/bin/sh
# The build benchmark: builds the sample report RUNS times (default 11) and
# reports the median wall time and the largest peak memory, against the
# targets (0.3 s, 40 MiB on a 2-core machine). Exits 1 if a target is
# missed. Not part of the test suite: timings depend on the machine's load.
#
#   bench/run.sh [BIN] [RUNS]
set -u
cd "$(dirname "$0")/.." || exit 1
bin=${1:-build/sscp-report}
runs=${2:-11}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "bench needs /usr/bin/time (Debian package: time)"; exit 2; }
i=0
while [ "$i" -lt "$runs" ]; do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$bin" build 2019-20 --out "$tmp/out" >/dev/null 2>&1 ||
        { echo "build failed"; exit 2; }
    cat "$tmp/t" >>"$tmp/all"
    i=$((i + 1))
done
median=$(cut -d' ' -f1 "$tmp/all" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
peak_kb=$(cut -d' ' -f2 "$tmp/all" | sort -n | tail -n 1)
peak_mib=$(awk -v k="$peak_kb" 'BEGIN {printf "%.1f", k / 1024}')
echo "sample build: median ${median} s over $runs runs (target < 0.3 s), peak ${peak_mib} MiB (target < 40 MiB)"
awk -v m="$median" -v p="$peak_kb" 'BEGIN { exit !(m < 0.3 && p < 40 * 1024) }'
