#!/bin/sh
# The statutory guidance lives in report-templates/guidance/, not in C: no
# string the program prints may name an edition, a recipient or a deadline.
# Comments may speak of them; code may not.
#
#   guidance-not-in-code.sh SOURCE_DIR
set -u
src=$1
words='Working Together|What Works|Foundations|Review Panel|seven days|within [0-9]+ days|@education\.gov\.uk|whatworks'
found=$(grep -rn -E "$words" "$src"/src --include='*.c' --include='*.h' |
    grep -v -E '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*)' | sed 's#/\*.*\*/##' |
    grep -E "\"[^\"]*($words)")
if [ -n "$found" ]; then
    echo "FAIL: guidance written into the program (put it in report-templates/guidance/):"
    echo "$found"
    exit 1
fi
echo "ok: no guidance edition, recipient or deadline in the program's strings"
