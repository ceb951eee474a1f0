#!/bin/sh
# The console examples of docs/metrics.md and docs/benchmarks.md against
# the real output: every
# example that runs `sscp-report ...` is run from the top of the project.
# The lines it shows between two "..." (lines left out) must be in the
# output one after the other, and those runs in the same order.
#
#   docs-examples.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
cd "$src" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0 n=0
for doc in docs/metrics.md docs/benchmarks.md; do
    awk -v dir="$tmp" -v doc="$(basename "$doc" .md)" '
        /^```console$/ { inblock = 1; next }
        /^```/ { inblock = 0; file = ""; next }
        inblock && /^\$ sscp-report / { n++; file = dir "/ex-" doc "-" n; print substr($0, 3) > (file ".cmd"); next }
        inblock && file { print > (file ".want") }
    ' "$doc"
done
for cmd in "$tmp"/ex*.cmd; do
    [ -f "$cmd" ] || continue
    ex=${cmd%.cmd}
    [ -f "$ex.want" ] || continue
    n=$((n + 1))
    # shellcheck disable=SC2046
    set -- $(sed 's/^sscp-report //' "$cmd")
    NO_COLOR=1 TERM=dumb "$bin" "$@" >"$ex.got" 2>&1
    if ! awk '
        NR == FNR {
            if ($0 == "..." || $0 ~ /^ +\.\.\.$/) { if (len[nr] > 0) nr++; next }
            if (nr == 0) nr = 1
            run[nr, ++len[nr]] = $0
            next
        }
        { got[++ng] = $0 }
        END {
            p = 1
            for (r = 1; r <= nr; r++) {
                if (!len[r]) continue
                for (found = 0; p <= ng && !found; p++) {
                    ok = 1
                    for (j = 1; j <= len[r] && ok; j++) ok = got[p + j - 1] == run[r, j]
                    if (ok) { found = 1; p += len[r] - 1 }
                }
                if (!found) { print "not in the output as shown: " run[r, 1]; exit 1 }
            }
        }
    ' "$ex.want" "$ex.got"; then
        echo "the example in docs/$(basename "$ex" | sed 's/^ex-//; s/-[0-9]*$//').md differs from the output of: $(cat "$cmd")" >&2
        status=1
    fi
done
[ "$n" -gt 0 ] || { echo "no examples found in docs/metrics.md" >&2; exit 1; }
exit $status
