#!/usr/bin/python3
"""What the post-pass adds to a built PDF, read back with pikepdf (qpdf):
no painting operator outside tagged marked content or an artifact (each
page's content tokenized by qpdf, not by the code that wrote it; and
each artifact around a whole text object, as cairo's output allows), an XMP
packet with pdfuaid:part 1 and the Info dictionary's title, author and
dates, /Lang, DisplayDocTitle and /PageMode /UseOutlines, /Tabs /S on every
page, /Contents on every Link annotation (its words, for a screen reader),
a /Scope on every TH, an /Alt on every Figure, and no problem qpdf's check
finds.

    pdf_post.py FILE.pdf...
"""
import re
import sys

import pikepdf

PAINT = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "Tj", "TJ", "'", '"', "INLINE IMAGE"}


def problems(path):
    out = []
    pdf = pikepdf.open(path)
    for p in pdf.check():
        out.append(f"qpdf: {p}")
    root = pdf.Root
    if str(root.get("/Lang", "")) == "":
        out.append("no /Lang")
    if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        out.append("no DisplayDocTitle")
    if "/Outlines" in root and str(root.get("/PageMode")) != "/UseOutlines":
        out.append("an outline, but /PageMode is not /UseOutlines")
    # XMP
    meta = root.get("/Metadata")
    if meta is None:
        out.append("no /Metadata")
    else:
        if meta.get("/Type") != "/Metadata" or meta.get("/Subtype") != "/XML":
            out.append("/Metadata is not /Type /Metadata /Subtype /XML")
        if "/Filter" in meta:
            out.append("/Metadata is compressed")
        xmp = meta.read_bytes().decode("utf-8")
        if "<pdfuaid:part>1</pdfuaid:part>" not in xmp:
            out.append("XMP has no pdfuaid:part 1")
        info = pdf.docinfo

        def esc(s):
            return (str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace('"', "&quot;").replace("'", "&apos;"))

        for key, pattern in (("/Title", '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{}</rdf:li>'),
                             ("/Author", "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li>"),
                             ("/Creator", "<xmp:CreatorTool>{}</xmp:CreatorTool>"),
                             ("/Producer", "<pdf:Producer>{}</pdf:Producer>")):
            if key in info and pattern.format(esc(info[key])) not in xmp:
                out.append(f"XMP does not say Info's {key} {str(info[key])!r}")
        m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$", str(info.get("/CreationDate", "")))
        if not m:
            out.append(f"Info's /CreationDate {str(info.get('/CreationDate'))!r} is not a PDF date")
        elif "<xmp:CreateDate>{}-{}-{}T{}:{}:{}Z</xmp:CreateDate>".format(*m.groups()) not in xmp:
            out.append("XMP's CreateDate is not Info's /CreationDate")
    # pages
    links = 0
    for i, page in enumerate(pdf.pages, 1):
        if page.obj.get("/Tabs") != "/S":
            out.append(f"page {i}: no /Tabs /S")
        silent = 0
        for a in page.obj.get("/Annots", []):
            if a.get("/Subtype") == "/Link":
                links += 1
                if str(a.get("/Contents", "")).strip() == "":
                    silent += 1
        if silent:
            out.append(f"page {i}: {silent} link annotations with no /Contents")
        stack, unmarked, in_text, split = [], 0, False, 0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BT", "ET"):
                in_text = op == "BT"
            if op == "BMC" and str(operands[0]) == "/Artifact" and in_text:
                split += 1  # cairo ends its text objects before a tag: none should need this
            if op in ("BMC", "BDC"):
                props = operands[1] if op == "BDC" else None
                stack.append(str(operands[0]) == "/Artifact" or
                             (isinstance(props, pikepdf.Dictionary) and "/MCID" in props))
            elif op == "EMC":
                if not stack:
                    out.append(f"page {i}: EMC closes nothing")
                    break
                stack.pop()
            elif op in PAINT and not any(stack):
                unmarked += 1
        if stack:
            out.append(f"page {i}: marked content left open")
        if unmarked:
            out.append(f"page {i}: {unmarked} painting operators neither tagged nor artifacts")
        if split:
            out.append(f"page {i}: {split} artifacts inside a text object, not around it")
    if links == 0:
        out.append("no link annotations at all (the contents are links)")
    # structure
    th = figures = unscoped = 0
    todo = [root.StructTreeRoot.get("/K")]
    while todo:
        e = todo.pop()
        if isinstance(e, pikepdf.Array):
            todo.extend(e)
        elif isinstance(e, pikepdf.Dictionary) and "/S" in e:
            if e.S == "/TH":
                th += 1
                attrs = e.get("/A")
                attrs = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
                if not any(isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table" and
                           a.get("/Scope") in ("/Row", "/Column", "/Both") for a in attrs):
                    unscoped += 1
            if e.S == "/Figure":
                figures += 1
                if str(e.get("/Alt", "")).strip() == "":
                    out.append("a Figure with no /Alt")
            if "/K" in e:
                todo.append(e.K)
    if unscoped:
        out.append(f"{unscoped} of {th} TH with no /Scope")
    if th == 0:
        out.append("no TH at all")
    return out


def main():
    bad = 0
    for path in sys.argv[1:]:
        for p in problems(path):
            print(f"{path}: {p}")
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
