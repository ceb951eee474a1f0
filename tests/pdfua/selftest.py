#!/usr/bin/python3
"""Proves each rule of pdfua_check.py: builds a small conforming tagged PDF
with pikepdf (three pages: headings, a link, a list, a table with row and
column headers, a figure with its caption, shorthand explained, artifacts,
a Form XObject, an inline image, a simple TrueType and a Type 0 font, XMP,
outline), checks that nothing is reported on it, then breaks one rule at a
time and checks that exactly that checkpoint, with its words, is reported;
and puts values of seven unexpected types (a name, a string, an array...)
in 32 places of it, one at a time, checking that every check still runs
(never ERR).

    selftest.py SOURCE_DIR        (the fonts are read from SOURCE_DIR/fonts)

Needs no sscp-report. Exit 0 when every case behaves, 1 otherwise.
"""
import os
import subprocess
import sys
import tempfile

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pdfua_check  # noqa: E402

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..")
FONT = os.path.join(SRC, "fonts", "OpenSans-Regular.ttf")

XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
%s%s</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""
TITLE = '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>'
PART = "<pdfuaid:part>%s</pdfuaid:part>"


def ttf_metrics(data):
    """The font's Unicode cmap (format 4) and advance widths in 1/1000 em:
    ({code point: glyph id}, [width of each glyph id])."""
    import struct
    n = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        tables[tag.decode()] = (off, length)
    upem = struct.unpack(">H", data[tables["head"][0] + 18 : tables["head"][0] + 20])[0]
    nh = struct.unpack(">H", data[tables["hhea"][0] + 34 : tables["hhea"][0] + 36])[0]
    hm = tables["hmtx"][0]
    adv = [struct.unpack(">H", data[hm + 4 * i : hm + 4 * i + 2])[0] * 1000 // upem for i in range(nh)]
    cm = tables["cmap"][0]
    cmap = {}
    for i in range(struct.unpack(">H", data[cm + 2 : cm + 4])[0]):
        pid, eid, off = struct.unpack(">HHI", data[cm + 4 + 8 * i : cm + 12 + 8 * i])
        t = cm + off
        if (pid, eid) != (3, 1) or struct.unpack(">H", data[t : t + 2])[0] != 4:
            continue
        segx2 = struct.unpack(">H", data[t + 6 : t + 8])[0]
        seg = segx2 // 2
        arr = lambda k: struct.unpack(">%dH" % seg, data[t + 14 + k * segx2 + (2 if k else 0) : t + 14 + (k + 1) * segx2 + (2 if k else 0)])
        ends, starts, deltas, ranges = arr(0), arr(1), arr(2), arr(3)
        for j in range(seg):
            for c in range(starts[j], ends[j] + 1):
                if c == 0xFFFF:
                    continue
                if ranges[j] == 0:
                    g = (c + deltas[j]) & 0xFFFF
                else:
                    p = t + 14 + 3 * segx2 + 2 + 2 * j + ranges[j] + 2 * (c - starts[j])
                    g = struct.unpack(">H", data[p : p + 2])[0]
                    g = (g + deltas[j]) & 0xFFFF if g else 0
                cmap[c] = g
    return cmap, adv


def pdfstr(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


class Doc:
    """A three-page tagged PDF; `flags` names the one thing to get wrong."""

    def __init__(self, flags=()):
        self.f = set(flags)
        self.pdf = pikepdf.new()
        self.npages = 3
        self.content = [[] for _ in range(self.npages)]
        self.parents = [[] for _ in range(self.npages)]
        for _ in range(self.npages):
            self.pdf.add_blank_page(page_size=(595, 842))
        self.fonts()
        self.tree()
        self.finish()

    # ---- resources -----------------------------------------------------
    def fonts(self):
        pdf = self.pdf
        with open(FONT, "rb") as f:
            data = f.read()
        cmap_, adv = ttf_metrics(data)
        width = lambda c: adv[min(cmap_.get(c, 0), len(adv) - 1)]
        ff = Stream(pdf, data)
        ff.Length1 = len(data)
        fd = Dictionary(Type=Name.FontDescriptor, FontName=Name("/ABCDEF+OpenSans"), Flags=32,
                        FontBBox=[-549, -270, 1204, 1047], ItalicAngle=0, Ascent=1068, Descent=-292,
                        CapHeight=1047, StemV=80)
        if "font-not-embedded" not in self.f:
            fd.FontFile2 = ff
        to = {c: c for c in range(32, 127)}
        if "tounicode-zero" in self.f:
            to[0x7E] = 0
        if "tounicode-bom" in self.f:
            to[0x7E] = 0xFEFF
        cmap = "".join("<%02x> <%04x>\n" % (c, to[c]) for c in range(32, 127))
        tu = Stream(pdf, (CMAP_HEAD % ("<00> <ff>", 95) + cmap + CMAP_TAIL).encode())
        self.f1 = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/ABCDEF+OpenSans"), FirstChar=32, LastChar=126,
            Widths=[width(c) for c in range(32, 127)], Encoding=Name.WinAnsiEncoding, FontDescriptor=pdf.make_indirect(fd), ToUnicode=tu))
        # a Type 0 font with 2-byte codes, the glyph ids (Identity-H): the
        # "fi" ligature and "f"
        self.g_fi, self.g_f = cmap_[0xFB01], cmap_[ord("f")]
        fd2 = Dictionary(fd)
        fd2.FontName = Name("/GHIJKL+OpenSans")
        fd2.Flags = 4
        if "font-not-embedded" not in self.f:
            fd2.FontFile2 = ff
        cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/GHIJKL+OpenSans"),
                         CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0),
                         FontDescriptor=pdf.make_indirect(fd2), CIDToGIDMap=Name.Identity, DW=1000,
                         W=[self.g_fi, [adv[self.g_fi]], self.g_f, [adv[self.g_f]]])
        entries = ["<%04x> <00660069>" % self.g_fi] + ([] if "type0-unmapped-code" in self.f else ["<%04x> <0066>" % self.g_f])
        tu2 = Stream(pdf, (CMAP_HEAD % ("<0000> <ffff>", len(entries)) + "\n".join(entries) + "\n" + CMAP_TAIL).encode())
        self.f2 = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/GHIJKL+OpenSans"), Encoding=Name("/Identity-H"),
            DescendantFonts=[pdf.make_indirect(cid)]))
        if "type0-no-tounicode" not in self.f:
            self.f2.ToUnicode = tu2
        # a Form XObject whose own content is an artifact (a logo, say)
        form = Stream(pdf, b"/Artifact BMC 0.8 g 0 0 20 20 re f EMC")
        form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, [0, 0, 20, 20]
        bare = Stream(pdf, b"0.8 g 0 0 20 20 re f")
        bare.Type, bare.Subtype, bare.BBox = Name.XObject, Name.Form, [0, 0, 20, 20]
        for page in self.pdf.pages:
            page.Resources = Dictionary(Font=Dictionary(F1=self.f1, F2=self.f2),
                                        XObject=Dictionary(Logo=form, Bare=bare))

    # ---- content and structure ------------------------------------------
    def el(self, s, parent, page=None, **kw):
        e = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + s), K=Array()))
        if parent is not None:
            e.P = parent
            parent.K.append(e)
        if page is not None:
            e.Pg = self.pdf.pages[page].obj
        for k, v in kw.items():
            e[Name("/" + k)] = v
        return e

    def mcid(self, page, e):
        self.parents[page].append(e)
        return len(self.parents[page]) - 1

    def text(self, page, e, words, y, x=72, tag=None, font="F1"):
        """Words drawn as the content of element e, one MCID."""
        n = self.mcid(page, e)
        e.K.append(n)
        if e.get("/Pg") is None:
            e.Pg = self.pdf.pages[page].obj
        if font == "F2":
            show = "<%04x%04x> Tj" % (self.g_fi, self.g_f)
        else:
            show = "(%s) Tj" % pdfstr(words)
        self.content[page].append("/%s <</MCID %d>> BDC BT /%s 10 Tf %d %d Td %s ET EMC" % (
            tag or str(e.S)[1:], n, font, x, y, show))
        return n

    def art(self, page, ops):
        self.content[page].append("/Artifact BMC %s EMC" % ops)

    def tree(self):
        pdf, f = self.pdf, self.f
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
        self.root = root
        doc = self.el("Document", None)
        doc.P = root
        root.K.append(doc)
        for p in range(self.npages):
            self.art(p, "BT /F1 8 Tf 72 30 Td (Page %d of %d) Tj ET 0.5 w 72 40 m 523 40 l S" % (p + 1, self.npages))
        # page 1: heading, paragraph with a link
        only_h = "h-only" in f or "two-h" in f
        self.hs = lambda s: "H" if only_h else s
        h1 = self.el(self.hs("H2" if "first-heading-h2" in f else "H1"), doc)
        self.text(0, h1, "Annual report 2019-20", 780)
        p = self.el("P", doc)
        self.text(0, p, "This report covers the year. ", 750)
        # the contents: one entry, a link to the annex
        toc = self.el("TOC", doc)
        if "toc-holds-h1" in f:
            self.text(0, self.el("H1", toc), "Contents", 742)
        if "toci-outside-toc" in f:
            self.text(0, self.el("P", self.el("TOCI", doc)), "Stray entry", 700)
        ref = self.el("Reference", self.el("TOCI", toc))
        link = self.el("Span" if "link-in-span" in f else "Link", ref)
        entry = "Sources 3" if "annex-not-in-contents" in f else "Annex: sources 3"
        n = self.text(0, link, entry, 735, tag="Link")
        annot = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[72, 730, 200, 745],
                                             Border=[0, 0, 0], StructParent=self.npages,
                                             Dest=[pdf.pages[2].obj, Name.Fit]))
        if "link-no-contents" not in f:
            annot.Contents = String("Annex: sources, page 3")
        if "link-not-in-tree" not in f:
            link.K.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=pdf.pages[0].obj))
        self.link = link
        pdf.pages[0].Annots = Array([annot])
        if "text-annot" in f:
            pdf.pages[0].Annots.append(pdf.make_indirect(Dictionary(
                Type=Name.Annot, Subtype=Name.Text, Rect=[300, 700, 320, 720], Contents=String("A note"))))
        if "tabs-missing" not in f:
            pdf.pages[0].Tabs = Name.R if "tabs-r" in f else Name.S
        if "form-mcid-twice" in f:
            fm = Stream(pdf, b"/Span <</MCID 0>> BDC 0.8 g 0 0 20 20 re f EMC")
            fm.Type, fm.Subtype, fm.BBox = Name.XObject, Name.Form, [0, 0, 20, 20]
            pdf.pages[0].Resources.XObject.Marked = fm
            self.content[0].append("q 1 0 0 1 400 780 cm /Marked Do Q q 1 0 0 1 430 780 cm /Marked Do Q")
        if "ref-xobject" in f:
            rx = Stream(pdf, b"")
            rx.Type, rx.Subtype, rx.BBox = Name.XObject, Name.Form, [0, 0, 20, 20]
            rx.Ref = Dictionary(F=String("other.pdf"), Page=0)
            pdf.pages[0].Resources.XObject.Other = rx
        if "untagged-form" in f:
            self.content[0].append("q 1 0 0 1 500 780 cm /Bare Do Q")
        else:
            self.content[0].append("q 1 0 0 1 500 780 cm /Logo Do Q")
        if "untagged-path" in f:
            self.content[0].append("0 0 1 RG 72 700 m 523 700 l S")
        if "untagged-image" in f:
            self.content[0].append("q 10 0 0 10 72 600 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q")
        if "artifact-in-tagged" in f:
            n = self.mcid(0, p)
            p.K.append(n)
            self.content[0].append("/P <</MCID %d>> BDC BT /F1 10 Tf 72 680 Td (More words.) Tj ET "
                                   "/Artifact BMC 72 670 m 200 670 l S EMC EMC" % n)
        if "tagged-in-artifact" in f:
            n = self.mcid(0, p)
            p.K.append(n)
            self.content[0].append("/Artifact BMC /P <</MCID %d>> BDC BT /F1 10 Tf 72 680 Td (Hidden.) Tj ET EMC EMC" % n)
        if "stray-emc" in f:
            self.content[0].append("EMC")
        if "no-emc" in f:
            self.content[0].append("/Artifact BMC 72 650 m 200 650 l S")
        if "mcid-unreferenced" in f:
            self.content[0].append("/P <</MCID 99>> BDC BT /F1 10 Tf 72 660 Td (Lost.) Tj ET EMC")
        if "mcid-twice" in f:
            other = self.el("P", doc)
            other.K.append(0)
            other.Pg = pdf.pages[0].obj
        if "empty-span" in f:
            self.el("Span", p)
        if "empty-mcid" in f:
            sp = self.el("Span", p)
            n = self.mcid(0, sp)
            sp.K.append(n)
            self.content[0].append("/Span <</MCID %d>> BDC EMC" % n)
        if "bad-element-lang" in f:
            p.Lang = String("e1")
        if "nonstandard" in f:
            self.el("Chart", doc)  # empty too, but 02-001 is checked first
        # page 2: a section with a list and a table
        sect = self.el("Sect", doc)
        if "sect-no-heading" in f:
            pp = self.el("P", sect)
            self.text(1, pp, "Before the heading.", 790)
        h2 = self.el("H" if "mixed-h" in f else self.hs("H4" if "heading-skip" in f else "H2"), sect)
        self.text(1, h2, "What we did", 780)
        if "two-h" in f:
            self.text(1, self.el("H", sect), "A second heading", 770)
        if "formula-no-alt" in f:
            self.text(1, self.el("Formula", sect), "E = mc2", 770, x=300)
        if "note-no-id" in f or "note-same-id" in f:
            for k in range(1 if "note-no-id" in f else 2):
                note = self.el("Note", sect)
                if "note-same-id" in f:
                    note.ID = String("note-1")
                self.text(1, note, "A note", 770, x=300 + 60 * k)
        lst = self.el("L", sect)
        if "list-holds-p" in f:
            bad = self.el("P", lst)
            self.text(1, bad, "Not an item", 765)
        for i, words in enumerate(("We trained staff.", "We met partners.")):
            li = self.el("LI", lst)
            y = 750 - 15 * i
            if "empty-li" in f and i == 1:
                continue
            if not ("li-only-lbody" in f and i == 1):
                lbl = self.el("Lbl", li)
                self.text(1, lbl, "-", y)
            if not ("li-only-lbl" in f and i == 1):
                body = self.el("LBody", li)
                self.text(1, body, words, y, x=90)
            if "li-holds-p" in f and i == 0:
                bad = self.el("P", li)
                self.text(1, bad, "Stray", y, x=300)
        if "cut-list-page" in f or "cut-list-same-page" in f:  # the rest of the list, as a list of its own
            page, y = (2, 815) if "cut-list-page" in f else (1, 720)
            li = self.el("LI", self.el("L", sect))
            self.text(page, self.el("Lbl", li), "-", y)
            self.text(page, self.el("LBody", li), "We wrote a plan.", y, x=90)
        if "lbl-outside-li" in f:
            lbl = self.el("Lbl", sect)
            self.text(1, lbl, "*", 710)
        table = self.el("Table", sect)
        if "uncaptioned-table" in f:
            self.text(1, self.el("Caption", table), "Table 1: Staff", 705)
        rows = [("Item", "2019-20"), ("Staff trained", "120"), ("Cost", "[x]")]
        if "header-row-last" in f:
            rows = rows[1:] + rows[:1]
        y = 690
        for r, cells in enumerate(rows):
            parent = sect if ("tr-outside-table" in f and r == 2) else table
            tr = self.el("TR", parent)
            head_row = cells[0] == "Item"
            for c, words in enumerate(cells):
                is_th = head_row or (c == 0 and "header-row-last" not in f and "label-td" not in f)
                cell = self.el("TH" if is_th else "TD", tr)
                if is_th and not ("th-no-scope" in f and r == 0 and c == 1):
                    scope = "/Column" if head_row else "/Row"
                    if "scope-header-row" in f and r == 0 and c == 1 or "scope-row-header" in f and r == 2:
                        scope = "/Row" if head_row else "/Column"
                    cell.A = Array([Dictionary(O=Name.Table, Scope=Name(scope))]) if c else Dictionary(O=Name.Table, Scope=Name(scope))
                self.text(1, cell, words, y, x=72 + 200 * c)
            if "td-outside-tr" in f and r == 1:
                loose = self.el("TD", table)
                self.text(1, loose, "loose", y, x=472)
            if "ragged-rows" in f and r == 1:
                extra = self.el("TD", tr)
                self.text(1, extra, "extra", y, x=472)
            y -= 15
        if "cut-table-rows" in f or "cut-table-next-page" in f or "uncaptioned-table" in f:
            t2 = self.el("Table", sect)
            page, top = (1, 640) if "uncaptioned-table" in f else (2, 815)
            more = {"cut-table-rows": [("Places", "140"), ("Courses", "12")]}.get(
                next((k for k in f if k.startswith("cut-table-")), ""), [("Course", "Places"), ("Basic", "140")])
            for r, cells in enumerate(more):
                tr = self.el("TR", t2)
                for c, words in enumerate(cells):
                    head_row = r == 0 and "cut-table-rows" not in f
                    cell = self.el("TH" if head_row or c == 0 else "TD", tr)
                    if head_row or c == 0:
                        cell.A = Dictionary(O=Name.Table, Scope=Name.Column if head_row else Name.Row)
                    self.text(page, cell, words, top - 15 * r, x=72 + 200 * c)
        if "cut-sect" in f:  # the rest of the section, from its sub-heading on
            cut = self.el("Sect", doc)
            self.text(1, self.el("H3", cut), "Courses", 600)
            self.text(1, self.el("P", cut), "There were twelve.", 585)
        if "cut-table" in f or "next-table" in f:
            t2 = self.el("Table", sect)
            if "next-table" in f:  # another table, with its caption, straight after
                self.text(2, self.el("Caption", t2), "Table 2: Courses", 815)
            for r, cells in enumerate(rows[:2]):
                tr = self.el("TR", t2)
                for c, words in enumerate(cells):
                    cell = self.el("TH" if r == 0 or c == 0 else "TD", tr)
                    if r == 0 or c == 0:
                        cell.A = Dictionary(O=Name.Table, Scope=Name.Column if r == 0 else Name.Row)
                    self.text(2, cell, words, 800 - 15 * r, x=72 + 200 * c)
        note = self.el("P", sect)
        words = "Figures not available are shown as [x]." if "shorthand-reversed" in f else "[x] not available"
        self.text(1 if "shorthand-late" not in f else 2, note, words, 620)
        # page 3: a figure with its own content and a caption
        sect3 = self.el("Sect", doc)
        h2b = self.el(self.hs("H2"), sect3)
        self.text(2, h2b, "Referrals", 760)
        caption_words = "Figure 1: Referrals by year"
        if "alt-holds-caption-title" in f:
            caption_words += " (figures in the annex, page 3)"
        alt = {"alt-is-caption": caption_words, "alt-is-caption-words": "Referrals by year",
               "alt-holds-caption": "Bar chart: Referrals by year. They rose each year, from 310 to 420.",
               "alt-holds-caption-title": "Bar chart of referrals by year: they rose each year, from 310 to 420."}
        fig = self.el("Figure", sect3)
        a = next((v for k, v in alt.items() if k in f), "Referrals rose each year, from 310 to 420.")
        if "figure-no-alt" not in f:
            fig.Alt = String(a)
        if "figure-no-content" in f:
            self.art(2, "q 0 0 1 rg 72 600 100 100 re f Q")
        else:
            n = self.mcid(2, fig)
            fig.K.append(n)
            fig.Pg = pdf.pages[2].obj
            self.content[2].append("/Figure <</MCID %d>> BDC q 0 0 1 rg 72 600 100 100 re f Q "
                                   "q 100 0 0 100 200 600 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q EMC" % n)
        cap = self.el("Caption", fig)
        self.text(2, cap, caption_words, 580)
        pl = self.el("P", sect3)
        self.text(2, pl, "fi", 550, font="F2")
        annex = self.el("Sect", doc)
        self.text(2, self.el(self.hs("H1"), annex), "Annex: sources", 480)
        self.text(2, self.el("P", annex), "The figures come from the partners.", 465)
        if "untagged-text" in f:
            self.content[2].append("BT /F1 10 Tf 72 520 Td (Loose words) Tj ET")

    def finish(self):
        pdf, f = self.pdf, self.f
        for i, page in enumerate(pdf.pages):
            page.Contents = Stream(pdf, "\n".join(self.content[i]).encode("latin-1"))
            page.StructParents = i
        if "parent-tree-wrong" in f:
            self.parents[1][0], self.parents[1][1] = self.parents[1][1], self.parents[1][0]
        nums = Array()
        for i in range(self.npages):
            nums.append(i)
            nums.append(pdf.make_indirect(Array(self.parents[i])))
        nums.append(self.npages)
        nums.append(self.link)
        self.root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
        rm = Dictionary()
        if "rolemap-cycle" in f:
            rm.Chart = Name.Graph
            rm.Graph = Name.Chart
            self.el("Chart", self.root.K[0], page=0)
        if "rolemap-standard" in f:
            rm.P = Name.Span
        if len(rm):
            self.root.RoleMap = rm
        cat = pdf.Root
        if "no-struct-tree" not in f:
            cat.StructTreeRoot = self.root
        if "no-markinfo" not in f:
            cat.MarkInfo = Dictionary(Marked=True, Suspects="suspects" in f)
        if "no-lang" not in f:
            cat.Lang = String("en_GB" if "bad-lang" in f else "en-GB")
        if "no-displaydoctitle" not in f:
            cat.ViewerPreferences = Dictionary(DisplayDocTitle="displaydoctitle-false" not in f)
        title = "Annual report 2019-20"
        if "no-info-title" not in f:
            pdf.docinfo["/Title"] = title
        if "no-xmp" not in f:
            xtitle = "Annual report 2018-19" if "xmp-title-differs" in f else title
            xmp = XMP % ("" if "xmp-no-title" in f else TITLE % xtitle, "" if "xmp-no-part" in f else PART % 1)
            cat.Metadata = pdf.make_indirect(Stream(pdf, xmp.encode(), Type=Name.Metadata, Subtype=Name.XML))
        if "no-outline" not in f:
            titles = [("What we did", 1)] + ([] if "annex-not-in-outline" in f else [("Annex: sources", 2)])
            outl = pdf.make_indirect(Dictionary(Type=Name.Outlines, Count=len(titles)))
            items = [pdf.make_indirect(Dictionary(Title=String(t), Parent=outl, Dest=[pdf.pages[pg].obj, Name.Fit]))
                     for t, pg in titles]
            for a, b in zip(items, items[1:]):
                a.Next, b.Prev = b, a
            outl.First, outl.Last = items[0], items[-1]
            cat.Outlines = outl
            if "no-pagemode" not in f:
                cat.PageMode = Name.UseNone if "pagemode-usenone" in f else Name.UseOutlines
        if "two-roots" in f:
            self.root.K = Array(list(self.root.K[0].K))

    def save(self, path):
        self.pdf.save(path, static_id=True)



CMAP_HEAD = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
%s
endcodespacerange
%d beginbfchar
"""
CMAP_TAIL = """endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""

# flag -> (checkpoint, words its message must hold); None: nothing reported
CASES = {
    "shorthand-reversed": (None, None),
    "toc-holds-h1": ("09-006", "TOC holds H1: the contents hold only TOCI, TOC and Caption"),
    "toci-outside-toc": ("09-006", "TOCI inside Document, not in a TOC"),
    "two-h": ("14-006", "Sect holds 2 H elements"),
    "mixed-h": ("14-007", "uses both H and H1-H6 headings"),
    "formula-no-alt": ("17-002", 'Formula "E = mc2" has no /Alt'),
    "note-no-id": ("19-003", 'Note "A note" has no /ID'),
    "note-same-id": ("19-004", "2 Note elements share the /ID 'note-1'"),
    "ref-xobject": ("30-001", "Other is a reference XObject"),
    "form-mcid-twice": ("30-002", "a Form XObject with marked content (MCIDs) is drawn 2 times"),
    "tounicode-zero": ("31-028", "maps code 7E to U+0000"),
    "tounicode-bom": ("31-029", "maps code 7E to U+FEFF or U+FFFE"),
    "untagged-path": ("01-005", "1 painting operator (first: S at byte"),
    "untagged-text": ("01-005", "(first: Tj at byte"),
    "untagged-image": ("01-005", "(first: BI at byte"),
    "untagged-form": ("01-005", "(first: Do at byte"),
    "mcid-unreferenced": ("01-005", "no structure element refers to MCID 99"),
    "mcid-twice": ("01-005", "MCID 0 referred to by more than one structure element"),
    "parent-tree-wrong": ("01-005", "the ParentTree maps MCID 0, 1 to an element that does not refer to it"),
    "no-markinfo": ("01-005", "/MarkInfo does not have /Marked true"),
    "no-struct-tree": ("01-005", "no /StructTreeRoot"),
    "artifact-in-tagged": ("01-003", "an Artifact inside tagged content"),
    "tagged-in-artifact": ("01-004", "tagged content inside an Artifact: MCID"),
    "suspects": ("01-007", "/Suspects true"),
    "nonstandard": ("02-001", "structure type Chart is not standard"),
    "rolemap-cycle": ("02-003", "maps Chart in a circle"),
    "rolemap-standard": ("02-004", "remaps the standard type P to Span"),
    "no-xmp": ("06-001", "no XMP /Metadata"),
    "xmp-no-part": ("06-002", "no PDF/UA identifier"),
    "xmp-no-title": ("06-003", "no dc:title"),
    "no-displaydoctitle": ("07-001", "no /DisplayDocTitle"),
    "displaydoctitle-false": ("07-002", "/DisplayDocTitle is false"),
    "tr-outside-table": ("09-004", "TR inside Sect"),
    "td-outside-tr": ("09-004", 'TD "loose" inside Table, not in a TR'),
    "list-holds-p": ("09-005", "L holds P"),
    "li-holds-p": ("09-005", "LI holds P"),
    "empty-li": ("09-005", "an empty LI"),
    "li-only-lbl": ("09-005", "has a Lbl and no LBody"),
    "lbl-outside-li": ("09-005", "Lbl inside Sect, not in an LI"),
    "type0-unmapped-code": ("10-001", "1 character code with no Unicode mapping"),
    "no-lang": ("11-001", "the catalog has no /Lang"),
    "bad-lang": ("11-001", "'en_GB' is not a well-formed BCP 47"),
    "bad-element-lang": ("11-001", "P has /Lang 'e1'"),
    "figure-no-alt": ("13-004", 'Figure "Figure 1: Referrals by year" has no /Alt'),
    "first-heading-h2": ("14-002", "the first heading is H2, not H1"),
    "heading-skip": ("14-003", "H4 follows H1: heading level 2 skipped"),
    "th-no-scope": ("15-003", "1 of 4 TH have no /Scope"),
    "text-annot": ("28-002", "1 Text annotation not referenced from the structure tree"),
    "tabs-missing": ("28-008", "no /Tabs"),
    "tabs-r": ("28-009", "/Tabs /R, not /S"),
    "link-not-in-tree": ("28-011", "1 Link annotation not referenced from the structure tree"),
    "link-in-span": ("28-011", "in Span, not in a Link element"),
    "link-no-contents": ("28-012", "1 Link annotation without /Contents"),
    "font-not-embedded": ("31-009", "font ABCDEF+OpenSans is not embedded"),
    "type0-no-tounicode": ("31-027", "font GHIJKL+OpenSans has no ToUnicode CMap"),
    "no-info-title": ("X-01", "no /Title"),
    "no-pagemode": ("X-02", "/PageMode is absent, not /UseOutlines"),
    "pagemode-usenone": ("X-02", "/PageMode is /UseNone, not /UseOutlines"),
    "xmp-title-differs": ("X-06", "dc:title 'Annual report 2018-19' is not the document information's /Title 'Annual report 2019-20'"),
    "no-outline": ("X-03", "3 pages and no outline"),
    "annex-not-in-outline": ("X-04", 'heading H1 "Annex: sources" is not in the outline'),
    "annex-not-in-contents": ("X-05", 'heading H1 "Annex: sources" is not in the contents'),
    "two-roots": ("X-10", "not one Document"),
    "sect-no-heading": ("X-11", 'Sect does not begin with a heading (begins with P "Before the heading.")'),
    "cut-sect": ("X-11", 'Sect begins with H3 "Courses", where the sections beside it begin with H1 or H2'),
    "cut-list-page": ("X-12", 'list "- We wrote a plan." goes straight on from a list ending on page 2'),
    "cut-list-same-page": ("X-12", 'list "- We wrote a plan." goes straight on from a list just before it'),
    "li-only-lbody": ("X-12", 'LI "We met partners." has an LBody and no Lbl'),
    "header-row-last": ("X-13", "its first row has no TH, though other rows have"),
    "cut-table": ("X-13", "goes straight on from a table of 2 columns on page 2"),
    "next-table": (None, None),
    "cut-table-rows": ("X-13", 'Table "Places 140" does not begin with a header row (of TH only)'),
    "uncaptioned-table": ("X-13", 'Table "Course Places" has no Caption, though the tables beside it have'),
    "cut-table-next-page": ("X-13", 'Table "Course Places" goes straight on from a table ending on page 2, and has no Caption'),
    "stray-emc": ("X-15", "marked content does not nest: an EMC at byte"),
    "no-emc": ("X-15", "1 marked-content sequence not ended (no EMC)"),
    "empty-span": ("X-14", "Span has neither children nor content"),
    "empty-mcid": ("X-14", "(only an empty marked-content sequence)"),
    "figure-no-content": ("X-20", "has no content of its own (only its Caption)"),
    "alt-is-caption": ("X-21", "only repeats its caption"),
    "alt-is-caption-words": ("X-21", "only repeats its caption"),
    "alt-holds-caption": ("X-21", 'repeats its caption "Figure 1: Referrals by year", which is read out as well'),
    "alt-holds-caption-title": ("X-21", 'holds its caption\'s title "Referrals by year", which is read out as well'),
    "scope-header-row": ("X-23", 'Table "Item 2019-20": 1 TH of its header row has /Scope /Row, not /Column (first: TH "2019-20")'),
    "scope-row-header": ("X-23", '1 row header (a TH beginning a row of TD) has /Scope /Column, not /Row (first: TH "Cost")'),
    "label-td": ("X-24", 'its rows begin with labels tagged TD ("Staff trained"...)'),
    "ragged-rows": ("X-22", "rows have different numbers of cells (2, 3, 2)"),
    "shorthand-late": ("X-30", "[x] is first used here and not explained on this page (explained on page 3)"),
}


def elements(pdf):
    out = []

    def walk(e):
        if isinstance(e, Dictionary) and "/S" in e:
            out.append(e)
            k = e.get("/K")
            for c in k if isinstance(k, Array) else [k]:
                walk(c)

    walk(pdf.Root.StructTreeRoot.K[0])
    return out


def th(pdf):
    return next(e for e in elements(pdf) if e.get("/S") == "/TH")


def note(pdf):
    e = next(e for e in elements(pdf) if e.get("/S") == "/P")
    e.S = Name.Note
    return e


# Where a well-formed PDF may hold a type no rule expects: each value of
# ODD put in each place, one at a time, must be reported or passed, never
# stop a check (ERR).
ODD = [Name("/Odd"), String("odd"), Array([1]), Dictionary(X=1), 7, pikepdf.Object.parse(b"2.5"), True]
SPOTS = {
    "PageMode": lambda p, v: p.Root.__setitem__("/PageMode", v),
    "Lang": lambda p, v: p.Root.__setitem__("/Lang", v),
    "MarkInfo": lambda p, v: p.Root.__setitem__("/MarkInfo", v),
    "Marked": lambda p, v: p.Root.MarkInfo.__setitem__("/Marked", v),
    "ViewerPreferences": lambda p, v: p.Root.__setitem__("/ViewerPreferences", v),
    "Info Title": lambda p, v: p.trailer.Info.__setitem__("/Title", v),
    "Outlines": lambda p, v: p.Root.__setitem__("/Outlines", v),
    "outline Title": lambda p, v: p.Root.Outlines.First.__setitem__("/Title", v),
    "Tabs": lambda p, v: p.pages[0].obj.__setitem__("/Tabs", v),
    "StructParents": lambda p, v: p.pages[1].obj.__setitem__("/StructParents", v),
    "Annots": lambda p, v: p.pages[0].obj.__setitem__("/Annots", v),
    "StructParent": lambda p, v: p.pages[0].obj.Annots[0].__setitem__("/StructParent", v),
    "Contents": lambda p, v: p.pages[0].obj.Annots[0].__setitem__("/Contents", v),
    "Resources": lambda p, v: p.pages[1].obj.__setitem__("/Resources", v),
    "Font": lambda p, v: p.pages[1].obj.Resources.__setitem__("/Font", v),
    "page Contents": lambda p, v: p.pages[1].obj.__setitem__("/Contents", v),
    "StructTreeRoot": lambda p, v: p.Root.__setitem__("/StructTreeRoot", v),
    "K": lambda p, v: p.Root.StructTreeRoot.__setitem__("/K", v),
    "ParentTree": lambda p, v: p.Root.StructTreeRoot.__setitem__("/ParentTree", v),
    "Nums": lambda p, v: p.Root.StructTreeRoot.ParentTree.__setitem__("/Nums", v),
    "RoleMap": lambda p, v: p.Root.StructTreeRoot.__setitem__("/RoleMap", v),
    "S": lambda p, v: th(p).__setitem__("/S", v),
    "A": lambda p, v: th(p).__setitem__("/A", v),
    "Scope": lambda p, v: th(p).__setitem__("/A", Dictionary(O=Name.Table, Scope=v)),
    "RowSpan": lambda p, v: th(p).__setitem__("/A", Dictionary(O=Name.Table, RowSpan=v)),
    "ColSpan": lambda p, v: th(p).__setitem__("/A", Dictionary(O=Name.Table, ColSpan=v)),
    "elem Lang": lambda p, v: th(p).__setitem__("/Lang", v),
    "Pg": lambda p, v: th(p).__setitem__("/Pg", v),
    "elem K": lambda p, v: th(p).__setitem__("/K", v),
    "Alt": lambda p, v: [e.__setitem__("/Alt", v) for e in elements(p) if e.S == "/Figure"],
    "Note ID": lambda p, v: note(p).__setitem__("/ID", v),
    "Metadata": lambda p, v: p.Root.__setitem__("/Metadata", v),
}


def odd_types(tmp, good):
    failed = 0
    path = os.path.join(tmp, "odd.pdf")
    for name, put in SPOTS.items():
        for v in ODD:
            with pikepdf.open(good) as p:
                put(p, v)
                p.save(path, fix_metadata_version=False)
            errs = [g for g in pdfua_check.Checker(path).run() if g[1] == "ERR"]
            if errs:
                failed += 1
                print("FAIL: %s set to %s: %s" % (name, pdfua_check.pstr(v)[:30], errs[0][2]))
    return failed


def main():
    with tempfile.TemporaryDirectory() as tmp:
        return run(tmp)


def run(tmp):
    failed = 0
    good = os.path.join(tmp, "good.pdf")
    Doc().save(good)
    got = pdfua_check.Checker(good).run()
    if got:
        failed += 1
        print("FAIL: the conforming PDF is reported:")
        for g in got:
            print("   ", g)
    # the same file written another way: object streams, or qpdf's QDF form
    for mode, kw in (("object streams", {"object_stream_mode": pikepdf.ObjectStreamMode.generate}),
                     ("QDF", {"qdf": True, "object_stream_mode": pikepdf.ObjectStreamMode.disable})):
        other = os.path.join(tmp, "good-other.pdf")
        with pikepdf.open(good) as p:
            p.save(other, **kw)
        got = pdfua_check.Checker(other).run()
        if got:
            failed += 1
            print("FAIL: the conforming PDF written with %s is reported: %s" % (mode, got))
    # the text decoder: words of marked content, ligature through a 2-byte font
    c = pdfua_check.Checker(good)
    c.run()
    words = "".join("".join(t) for t in c.page_text.values())
    for w in ("Annual report 2019-20", "[x] not available", "Figure 1: Referrals by year", "fif"):
        if w not in words:
            failed += 1
            print("FAIL: the text of the conforming PDF lacks %r: %r" % (w, words))
    r = subprocess.run([sys.executable, os.path.join(HERE, "pdfua_check.py"), good], capture_output=True, text=True)
    if r.returncode != 0 or r.stdout.count("\n") != 1 or ": ok:" not in r.stdout:
        failed += 1
        print("FAIL: pdfua_check.py on the conforming PDF exited %d: %s" % (r.returncode, r.stdout + r.stderr))
    for flag, (code, words) in CASES.items():
        path = os.path.join(tmp, flag + ".pdf")
        Doc([flag]).save(path)
        got = pdfua_check.Checker(path).run()
        codes = {g[1] for g in got}
        if code is None and got or code is not None and (codes != {code} or not any(words in g[2] for g in got)):
            failed += 1
            print("FAIL: %s: expected %s (%s), got:" % (flag, code, words))
            for g in got or [("", "", "nothing")]:
                print("    page %s: %s %s" % g)
    odd = odd_types(tmp, good)
    failed += odd
    bad = os.path.join(tmp, "untagged-path.pdf")
    r = subprocess.run([sys.executable, os.path.join(HERE, "pdfua_check.py"), good, bad], capture_output=True, text=True)
    lines = r.stdout.splitlines()
    if r.returncode != 1 or len(lines) != 3 or not lines[1].startswith(bad + ": page 1: 01-005 content neither tagged nor an artifact"):
        failed += 1
        print("FAIL: pdfua_check.py on a good and a bad PDF exited %d: %s" % (r.returncode, r.stdout + r.stderr))
    junk = os.path.join(tmp, "junk.pdf")
    with open(junk, "w") as f:
        f.write("not a PDF\n")
    r = subprocess.run([sys.executable, os.path.join(HERE, "pdfua_check.py"), junk], capture_output=True, text=True)
    if r.returncode != 2 or "cannot read" not in r.stdout:
        failed += 1
        print("FAIL: pdfua_check.py on a file that is not a PDF exited %d: %s" % (r.returncode, r.stdout + r.stderr))
    n = len(CASES) + 6 + len(SPOTS) * len(ODD)
    print("%d of %d cases failed" % (failed, n) if failed else "all %d cases pass" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
