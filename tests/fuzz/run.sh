#!/bin/sh
# Runs the libFuzzer targets: each for SECONDS (default 60) on its corpus,
# which starts from the sample data, tests/bad-input, tests/fuzz/seeds and
# every input that once crashed (tests/fuzz/regressions), and grows in
# build-fuzz/corpus between runs. Needs clang (Debian: clang,
# libclang-rt-14-dev; .ci/fuzz-deps installs them).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      targets: submission year markdown pdf_content
#
# A crash stops the run: the input is saved as build-fuzz/crashes/TARGET-*.
# Fix the bug, then copy the input into tests/fuzz/regressions/TARGET/ so
# the suite replays it from then on.
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-submission year markdown pdf_content}
dir=build-fuzz
if [ ! -f "$dir/CMakeCache.txt" ]; then
    CC=clang cmake -S . -B "$dir" -DSSCP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
for t in $targets; do
    cmake --build "$dir" -j2 --target "fuzz_$t" >/dev/null
done
cut='---8<---'
mkdir -p "$dir/crashes"
status=0
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
    markdown)
        for f in data/*/narrative/*.md data/samples/*/*/narrative/*.md; do
            [ -f "$f" ] && cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
        done
        ;;
    esac
    dict=tests/fuzz/sscp.dict
    [ "$t" = pdf_content ] && dict=tests/fuzz/pdf_content.dict
    echo "fuzz_$t: $secs s on $(ls "$corpus" | wc -l) inputs"
    if ! LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp "$dir/tests/fuzz_$t" "$corpus" -dict="$dict" -max_total_time="$secs" \
        -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$dir/crashes/$t-" >"$dir/fuzz_$t.log" 2>&1; then
        echo "fuzz_$t found a problem; the input is in $dir/crashes/:"
        grep -E "ERROR|SUMMARY|Test unit written" "$dir/fuzz_$t.log" | head -n 5
        status=1
    else
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$dir/fuzz_$t.log" | tr '\n' ' '
        echo
    fi
done
exit $status
