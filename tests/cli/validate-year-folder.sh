#!/bin/sh
# A year's folder is checked as one even when a partnership.yaml was saved
# into it by mistake: its submissions are read (an error in one is found),
# and the stray file is listed as not read, as is a narrative file no
# section of the template takes, however the year is named.
#
#   validate-year-folder.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
. "$src/tests/golden/lib.sh"
cp -r "$src/data" "$tmp/data"
cp "$tmp/data/partnership.yaml" "$tmp/data/2019-20/"
sed 's/amount: 550$/amount: 55O/' "$src/data/2019-20/finance.yaml" >"$tmp/data/2019-20/finance.yaml"
echo "Notes for the chair." >"$tmp/data/2019-20/narrative/notes.txt"
cd "$tmp" || exit 1
for arg in data/2019-20 data/2019-20/ 2019-20; do
    run 1 validate "$arg"
    has out "data/2019-20/finance.yaml:15:19: error:"
    has out "data/2019-20/partnership.yaml: warning: this file is not read: partnership.yaml belongs in the data folder"
    has out "Checked 6 submissions and partnership.yaml: 1 error"
    # Its narrative folder is checked against the template's sections too.
    has out "data/2019-20/narrative/notes.txt: warning: this file is not read: no section of the report takes it"
done
echo "ok: a year's folder with a stray partnership.yaml is checked as a year's folder"
