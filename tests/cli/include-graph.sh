#!/bin/sh
# The modules of src/ include one another one way only:
#
#   core -> data -> metrics -> chart -> doc -> render -> publish -> cli
#
# a file may include its own module's headers and those of modules to its
# left, never to its right. The renderers (src/render/) see the report only
# through the document tree: nothing they include, directly or through
# another header, is in src/data/, and of src/metrics/ only value.h (the
# values and their formatting).
#
#   include-graph.sh SOURCE_DIR
set -u
src=$1
cd "$src/src" || exit 1
status=0
rank() {
    case $1 in
    core) echo 0 ;; data) echo 1 ;; metrics) echo 2 ;; chart) echo 3 ;; doc) echo 4 ;;
    render) echo 5 ;; publish) echo 6 ;; cli) echo 7 ;; *) echo 99 ;;
    esac
}
includes() { # the project headers FILE includes
    sed -n 's/^#include "\([a-z]*\/[a-z_]*\.h\)".*/\1/p' "$1"
}
for f in */*.c */*.h; do
    mod=${f%%/*}
    r=$(rank "$mod")
    [ "$r" = 99 ] && { echo "FAIL: $f is in a module the include order does not know: add it to $0"; status=1; }
    for h in $(includes "$f"); do
        hm=${h%%/*}
        if [ "$(rank "$hm")" -gt "$r" ]; then
            echo "FAIL: $f includes $h: $mod comes before $hm, so it may not include it"
            status=1
        fi
        [ -f "$h" ] || { echo "FAIL: $f includes $h, which is not in src/"; status=1; }
    done
done
# Everything a renderer includes, followed through the headers.
for f in render/*.c render/*.h; do
    seen="" todo=$(echo $(includes "$f"))
    while [ -n "$todo" ]; do
        set -- $todo
        h=$1
        shift
        todo=$*
        case " $seen " in *" $h "*) continue ;; esac
        seen="$seen $h"
        case $h in
        data/*) echo "FAIL: $f includes $h (through its headers): a renderer reads no data"; status=1 ;;
        metrics/value.h) ;;
        metrics/*) echo "FAIL: $f includes $h (through its headers): a renderer sees metrics only as values (metrics/value.h)"; status=1 ;;
        esac
        [ -f "$h" ] && todo="$todo $(includes "$h")"
        todo=$(echo $todo)
    done
done
# Nor does a renderer read figure paths or parse markup.
if grep -n 'sr_figures_get\|sr_path_match\|->figs\|g_markup_parse\|cmark_' render/*.c; then
    echo "FAIL: a renderer reads figures or parses markup (above): that belongs in doc/build.c"
    status=1
fi
exit $status
