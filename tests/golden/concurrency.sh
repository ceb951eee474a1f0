#!/bin/sh
# Two commands at once on the same year, many times over:
#
#   - `build --final` and `build` (a draft) together: the build record
#     matches the files byte for byte (each SHA-256 checked with sha256sum),
#     and says final only over the final PDF (no "DRAFT" in it);
#   - `status` meanwhile: it waits for the builds, never reporting their
#     new files beside the old record as files the build did not make;
#   - two `publish` together: both are recorded, no event of
#     publication.yaml is lost;
#   - `publish` and `build` (a draft) together: publish either refuses or
#     attaches to every message exactly the final PDF it recorded.
#
#   concurrency.sh BIN SOURCE_DIR [ROUNDS]
set -u
bin=$1 src=$2 rounds=${3:-12}
. "$src/tests/golden/lib.sh"
export NO_COLOR=1 SSCP_TODAY=2020-12-01
mkdir "$tmp/w" && cd "$tmp/w" || exit 1
cp -R "$src/data" "$src/report-templates" "$src/fonts" .
rm -f data/2019-20/publication.yaml
y=out/2019-20
pdf=$y/sscp-annual-report-2019-20.pdf

# Each file the build record lists, as "NAME SHA256" lines (whatever the
# record's layout: flow or block mappings, quoted or not).
record_files() {
    python3 - "$y/build-record.yaml" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
outs = text[text.index("outputs:"):]
names = re.findall(r'name: *"?([^",}\n]+)"?', outs)
shas = re.findall(r'sha256: *"?([0-9a-f]{64})', outs)
if not names or len(names) != len(shas):
    sys.exit("cannot read the outputs of the build record")
for n, s in zip(names, shas):
    print(n, s)
EOF
}

# The record matches the files, and is final exactly when the PDF is.
check_record() {
    record_files >"$tmp/files" || fail "round $1: the build record cannot be read"
    n=0
    while read -r name sha; do
        n=$((n + 1))
        [ -f "$y/$name" ] || fail "round $1: the record lists $name, which is not there"
        got=$(sha256sum "$y/$name" | cut -d' ' -f1)
        [ "$got" = "$sha" ] || fail "round $1: $name is not the file the record lists"
    done <"$tmp/files"
    [ "$n" -ge 4 ] || fail "round $1: the record lists $n files"
    grep -q 'charts/.*\.png' "$tmp/files" || fail "round $1: the record lists no chart file"
    if grep -q '^final: *\(yes\|true\)' "$y/build-record.yaml"; then
        ! pdftotext "$pdf" - | grep -q DRAFT || fail "round $1: the record says final over a DRAFT PDF"
    else
        pdftotext "$pdf" - | grep -q DRAFT || fail "round $1: the record says draft over a final PDF"
    fi
    run 0 status 2019-20 --format json
    has out '"files_match": true'
    leftover=$(find "$y" -name '.*.tmp-*')
    [ -z "$leftover" ] || fail "round $1: temporary files left: $leftover"
}

# The SHA-256 of the PDF attached to each message, one line each.
attached() {
    python3 - "$y/submission" <<'EOF'
import email, hashlib, os, sys
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    if f.endswith(".eml"):
        m = email.message_from_bytes(open(os.path.join(d, f), "rb").read())
        parts = [p for p in m.walk() if p.get_content_type() == "application/pdf"]
        if len(parts) != 1:
            sys.exit(f + ": not one PDF attached")
        print(hashlib.sha256(parts[0].get_payload(decode=True)).hexdigest())
EOF
}

events() { grep -c 'event: *published' data/2019-20/publication.yaml 2>/dev/null || echo 0; }
# The report hash of the last publication recorded.
last_report() { grep 'report: *[0-9a-f]\{64\}' data/2019-20/publication.yaml | tail -1 | sed 's/.*report: *//'; }

run 0 build 2019-20
nevents=0
i=1
while [ "$i" -le "$rounds" ]; do
    # Two builds at once.
    "$bin" build 2019-20 --final >"$tmp/b1" 2>&1 &
    p1=$!
    "$bin" build 2019-20 >"$tmp/b2" 2>&1 &
    p2=$!
    "$bin" status 2019-20 --format json >"$tmp/s" 2>"$tmp/s.err" &
    p3=$!
    wait $p1 || fail "round $i: build --final failed: $(cat "$tmp/b1")"
    wait $p2 || fail "round $i: build failed: $(cat "$tmp/b2")"
    wait $p3 || fail "round $i: status failed: $(cat "$tmp/s.err")"
    grep -q '"files_match": true' "$tmp/s" ||
        fail "round $i: status, during the builds, found files the build did not make"
    check_record $i

    # Two publish at once, of a final report.
    run 0 build 2019-20 --final
    "$bin" publish 2019-20 --date 2020-10-30 >"$tmp/p1" 2>&1 &
    p1=$!
    "$bin" publish 2019-20 --date 2020-10-31 >"$tmp/p2" 2>&1 &
    p2=$!
    wait $p1 || fail "round $i: the first publish failed: $(cat "$tmp/p1")"
    wait $p2 || fail "round $i: the second publish failed: $(cat "$tmp/p2")"
    nevents=$((nevents + 2))
    [ "$(events)" -eq "$nevents" ] ||
        fail "round $i: publication.yaml holds $(events) publications, not $nevents: one was lost"
    final=$(sha256sum "$pdf" | cut -d' ' -f1)
    attached >"$tmp/att" || fail "round $i: the messages cannot be read"
    [ "$(sort -u "$tmp/att")" = "$final" ] || fail "round $i: a message does not carry the final PDF"

    # publish while a draft is built: refused, or the final PDF attached.
    "$bin" publish 2019-20 --date 2020-11-02 >"$tmp/p1" 2>&1 &
    p1=$!
    "$bin" build 2019-20 >"$tmp/b2" 2>&1 &
    p2=$!
    wait $p1
    rc=$?
    wait $p2 || fail "round $i: build failed: $(cat "$tmp/b2")"
    if [ "$rc" -eq 0 ]; then
        nevents=$((nevents + 1))
        attached >"$tmp/att" || fail "round $i: the messages cannot be read"
        [ "$(sort -u "$tmp/att")" = "$(last_report)" ] ||
            fail "round $i: publish attached other bytes than those it recorded"
        [ "$(last_report)" = "$final" ] || fail "round $i: publish recorded a PDF that is not the final one"
    else
        grep -q "is a draft\|is not the file the build made\|out of date" "$tmp/p1" ||
            fail "round $i: publish failed for another reason: $(cat "$tmp/p1")"
    fi
    [ "$(events)" -eq "$nevents" ] || fail "round $i: publication.yaml holds $(events) publications, not $nevents"
    check_record $i
    i=$((i + 1))
done
echo "ok: $rounds rounds, $nevents publications recorded"
