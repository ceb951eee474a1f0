#!/bin/sh
# Runs the libFuzzer targets: each for SECONDS (default 60) on its corpus,
# which starts from the sample data, tests/bad-input, tests/fuzz/seeds and
# every input that once crashed (tests/fuzz/regressions), and grows in
# build-fuzz/corpus between runs. Needs clang (Debian: clang,
# libclang-rt-14-dev; .ci/fuzz-deps installs them).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      targets: submission year markdown pdf_content
#                                                pdf_objects benchmarks
#
# The targets run two at a time (SSCP_FUZZ_JOBS), each for SECONDS. A
# crash ends that target's run: the input is saved as build-fuzz/crashes/TARGET-*.
# Fix the bug, then copy the input into tests/fuzz/regressions/TARGET/ so
# the suite replays it from then on.
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-submission year markdown pdf_content pdf_objects benchmarks}
dir=build-fuzz
if [ ! -f "$dir/CMakeCache.txt" ]; then
    CC=clang cmake -S . -B "$dir" -DSSCP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
for t in $targets; do
    cmake --build "$dir" -j2 --target "fuzz_$t" >/dev/null
done
cut='---8<---'
mkdir -p "$dir/crashes"
# Each target's corpus: its seeds, its regressions and, by target, the
# sample data and the bad inputs.
for t in $targets; do
    corpus=$dir/corpus/$t
    mkdir -p "$corpus"
    cp tests/fuzz/seeds/"$t"/* tests/fuzz/regressions/"$t"/* "$corpus"/ 2>/dev/null || true
    case $t in
    submission)
        for f in data/*/*.yaml data/partnership.yaml tests/bad-input/*.yaml tests/bad-input/*/*/*.yaml; do
            [ -f "$f" ] && cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
        done
        ;;
    year)
        # The sample as one input: partnership.yaml, then each year's files.
        {
            cat data/partnership.yaml
            for f in data/2019-20/*.yaml data/2018-19/*.yaml; do printf '\n%s\n' "$cut"; cat "$f"; done
        } >"$corpus/seed-sample"
        for d in tests/bad-input/dir-*/; do
            [ -f "$d/partnership.yaml" ] || continue
            {
                cat "$d/partnership.yaml"
                for f in "$d"*/*.yaml; do [ -f "$f" ] && { printf '\n%s\n' "$cut"; cat "$f"; }; done
            } >"$corpus/seed-$(basename "$d")"
        done
        ;;
    benchmarks)
        for f in tests/fixtures/benchmarks*/benchmarks/*.csv tests/bad-input/*/benchmarks/*.csv; do
            [ -f "$f" ] && cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
        done
        ;;
    markdown)
        for f in data/*/narrative/*.md data/samples/*/*/narrative/*.md; do
            [ -f "$f" ] && cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
        done
        ;;
    esac
done

# One target for secs seconds; its outcome in $dir/fuzz_$t.status.
fuzz_one() {
    t=$1
    corpus=$dir/corpus/$t
    dict=tests/fuzz/sscp.dict
    [ "$t" = pdf_content ] && dict=tests/fuzz/pdf_content.dict
    [ "$t" = pdf_objects ] && dict=tests/fuzz/pdf_objects.dict
    if LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp "$dir/tests/fuzz_$t" "$corpus" -dict="$dict" -max_total_time="$secs" \
        -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$dir/crashes/$t-" >"$dir/fuzz_$t.log" 2>&1; then
        echo ok >"$dir/fuzz_$t.status"
    else
        echo fail >"$dir/fuzz_$t.status"
    fi
}

# The targets JOBS at a time (SSCP_FUZZ_JOBS, default 2: one a core), each
# still for secs seconds.
jobs=${SSCP_FUZZ_JOBS:-2}
case $jobs in '' | *[!0-9]* | 0) echo "SSCP_FUZZ_JOBS must be a whole number of 1 or more" >&2; exit 2 ;; esac
# shellcheck disable=SC2086 # the targets are words, split on purpose
set -- $targets
while [ $# -gt 0 ]; do
    n=0
    while [ $# -gt 0 ] && [ "$n" -lt "$jobs" ]; do
        rm -f "$dir/fuzz_$1.status"
        echo "fuzz_$1: $secs s on $(ls "$dir/corpus/$1" | wc -l) inputs"
        fuzz_one "$1" &
        n=$((n + 1))
        shift
    done
    wait
done

status=0
for t in $targets; do
    if [ "$(cat "$dir/fuzz_$t.status" 2>/dev/null)" = ok ]; then
        printf 'fuzz_%s: ' "$t"
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$dir/fuzz_$t.log" | tr '\n' ' '
        echo
    else
        echo "fuzz_$t found a problem; the input is in $dir/crashes/:"
        grep -E "ERROR|SUMMARY|Test unit written" "$dir/fuzz_$t.log" | head -n 5
        status=1
    fi
done
exit $status
