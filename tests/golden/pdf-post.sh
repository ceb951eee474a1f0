#!/bin/sh
# The PDF's post-pass, end to end: three datasets built, each PDF read back
# by tests/golden/pdf_post.py (artifacts, XMP, tab order, links' words,
# header scopes, qpdf's own check); and the checker shown to catch each
# of those on a copy of the last PDF with them taken away again.
#
#   pdf-post.sh BIN SOURCE_DIR
set -u
bin=$1 src=$2
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
"$py" -c 'import pikepdf' 2>/dev/null || fail "$py has no pikepdf (Debian: python3-pikepdf)"
n=0
for set in "data 2019-20" "data/samples/fenbridge 2024-25" "tests/fixtures/disclosure 2019-20"; do
    data=${set% *} year=${set#* }
    n=$((n + 1))
    "$bin" build "$year" --data "$data" --out "$tmp/$n" >/dev/null 2>"$tmp/err" ||
        fail "$data: build exited $?: $(cat "$tmp/err")"
    pdf=$(ls "$tmp/$n/$year"/*.pdf)
    "$py" tests/golden/pdf_post.py "$pdf" || fail "$data: the PDF misses what the post-pass adds"
    command -v qpdf >/dev/null 2>&1 && { qpdf --check "$pdf" >"$tmp/check" 2>&1 || fail "$data: qpdf --check: $(cat "$tmp/check")"; }
done

# The checker catches what the pass is for: the same PDF with its
# artifacts, XMP, /Tabs, links' words and scopes taken away.
"$py" - "$pdf" "$tmp/bare.pdf" <<'PY' || fail "could not strip the PDF"
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
del pdf.Root["/Metadata"]
for page in pdf.pages:
    del page.obj["/Tabs"]
    for a in page.obj.get("/Annots", []):
        if "/Contents" in a:
            del a["/Contents"]
    kept, depth = [], []
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) in ("BMC", "BDC"):
            depth.append(str(operands[0]) == "/Artifact")
            if depth[-1]:
                continue
        elif str(op) == "EMC" and depth.pop():
            continue
        kept.append((operands, op))
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
todo = [pdf.Root.StructTreeRoot.K]
while todo:
    e = todo.pop()
    if isinstance(e, pikepdf.Array):
        todo.extend(e)
    elif isinstance(e, pikepdf.Dictionary) and "/S" in e:
        if e.S == "/TH" and "/A" in e:
            del e["/A"]
        if "/K" in e:
            todo.append(e.K)
pdf.save(sys.argv[2])
PY
"$py" tests/golden/pdf_post.py "$tmp/bare.pdf" >"$tmp/bare.txt" && fail "the checker passed a PDF with nothing the pass adds"
for want in "XMP\|/Metadata" "no /Tabs /S" "with no /Contents" "neither tagged nor artifacts" "TH with no /Scope"; do
    grep -q "$want" "$tmp/bare.txt" || fail "the checker did not catch '$want' in: $(head -n 5 "$tmp/bare.txt")"
done
echo "ok: $n datasets"
