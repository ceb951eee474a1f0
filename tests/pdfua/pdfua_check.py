#!/usr/bin/python3
"""Mechanical PDF/UA-1 check (ISO 14289-1), from the Matterhorn Protocol's
machine-testable failure conditions, plus the report's own rules for a
structure tree that is one tree across pages and for shorthand explained
where it is first used.

    pdfua_check.py FILE.pdf...

One line per failure, "FILE: page N: CODE what is wrong", and a one-line
summary per file. Exit 0 when every file is clean, 1 when any fails, 2 when
a file cannot be read. CODE is the Matterhorn checkpoint (01-005, 15-003...)
or, for rules that are this report's and not the standard's, X-nn (listed
in docs/accessibility.md). Needs pikepdf (Debian: python3-pikepdf).
"""
import numbers
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf

# ---- content streams: a tokenizer that keeps byte offsets -------------------

TOKEN = re.compile(
    rb"(?P<ws>[\x00\t\n\x0c\r ]+|%[^\r\n]*)"
    rb"|(?P<str>\((?:[^()\\]|\\.)*\))"
    rb"|(?P<lpar>\()"
    rb"|(?P<dopen><<)|(?P<dclose>>>)"
    rb"|(?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)"
    rb"|(?P<aopen>\[)|(?P<aclose>\])"
    rb"|(?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)"
    rb"|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<kw>[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)"
    rb"|(?P<other>.)",
    re.S,
)
ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def unescape(raw):
    """The bytes of a literal string's body (without its parentheses)."""
    if b"\\" not in raw:
        return raw
    out = bytearray()
    i = 0
    while i < len(raw):
        c = raw[i : i + 1]
        if c != b"\\":
            out += c
            i += 1
            continue
        n = raw[i + 1 : i + 2]
        if n in ESC:
            out += ESC[n]
            i += 2
        elif n.isdigit():
            m = re.match(rb"[0-7]{1,3}", raw[i + 1 :])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        elif n in (b"\r", b"\n"):
            i += 2 + (n == b"\r" and raw[i + 2 : i + 3] == b"\n")
        else:
            out += n
            i += 2
    return bytes(out)


def literal_at(data, pos):
    """A literal string with nested parentheses starting at pos: (bytes, end)."""
    depth, i = 0, pos
    while i < len(data):
        c = data[i]
        if c == 0x5C:
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return unescape(data[pos + 1 : i]), i + 1
        i += 1
    return unescape(data[pos + 1 :]), len(data)


class Name(str):
    pass


class Op:
    __slots__ = ("op", "args", "pos")

    def __init__(self, op, args, pos):
        self.op, self.args, self.pos = op, args, pos


def operations(data):
    """Yields each operator of a content stream with its operands and offset."""
    stack = [[]]  # operands; nested lists for arrays and dicts
    kinds = []
    pos = 0
    n = len(data)
    while pos < n:
        m = TOKEN.match(data, pos)
        kind = m.lastgroup
        tok = m.group(kind)
        start = pos
        pos = m.end()
        if kind == "ws" or kind == "other":
            continue
        if kind == "str":
            stack[-1].append(unescape(tok[1:-1]))
        elif kind == "lpar":
            s, pos = literal_at(data, start)
            stack[-1].append(s)
        elif kind == "hex":
            h = re.sub(rb"[^0-9A-Fa-f]", b"", tok)
            if len(h) % 2:
                h += b"0"
            stack[-1].append(bytes.fromhex(h.decode()))
        elif kind == "name":
            stack[-1].append(Name(re.sub(rb"#([0-9A-Fa-f]{2})", lambda g: bytes([int(g.group(1), 16)]), tok[1:]).decode("latin-1")))
        elif kind == "num":
            stack[-1].append(float(tok))
        elif kind in ("aopen", "dopen"):
            stack.append([])
            kinds.append(kind)
        elif kind in ("aclose", "dclose"):
            if len(stack) > 1:
                items = stack.pop()
                k = kinds.pop()
                if k == "dopen":
                    items = {items[i]: items[i + 1] for i in range(0, len(items) - 1, 2) if isinstance(items[i], Name)}
                stack[-1].append(items)
        elif tok in (b"true", b"false", b"null"):
            stack[-1].append({b"true": True, b"false": False, b"null": None}[tok])
        elif tok == b"BI":
            # inline image: key/value pairs up to ID, binary data up to EI
            i = data.find(b"ID", pos)
            if i < 0:
                return
            j = i + 3
            m2 = re.compile(rb"[\x00\t\n\x0c\r ]EI(?=[\x00\t\n\x0c\r ]|$)").search(data, j)
            pos = m2.end() if m2 else n
            yield Op("BI", [], start)
            stack, kinds = [[]], []
        else:
            yield Op(tok.decode("latin-1"), stack[0], start)
            stack, kinds = [[]], []


# ---- fonts: code to Unicode -------------------------------------------------


def hexbytes(s):
    return bytes.fromhex(re.sub(rb"[^0-9A-Fa-f]", b"", s).decode())


def utf16(b):
    try:
        return b.decode("utf-16-be")
    except UnicodeDecodeError:
        return "\ufffd"


class Decoder:
    """Maps the codes of a shown string to Unicode: the ToUnicode CMap
    (bfchar, bfrange, 1- to 4-byte codes per its codespace), else the
    simple font's standard encoding."""

    def __init__(self, font):
        self.map = {}
        self.ranges = []  # (length, lo, hi)
        self.fallback = None
        self.type0 = font.get("/Subtype") == "/Type0"
        tu = font.get("/ToUnicode")
        self.has_cmap = isinstance(tu, pikepdf.Stream)
        if self.has_cmap:
            try:
                self.parse(tu.read_bytes())
            except Exception:
                pass
        if not self.ranges:
            self.ranges = [(2, 0, 0xFFFF)] if self.type0 else [(1, 0, 0xFF)]
        self.zero = sorted(c for (n, c), u in self.map.items() if "\x00" in u)
        self.bom = sorted(c for (n, c), u in self.map.items() if "\ufeff" in u or "\ufffe" in u)
        if not self.type0:
            enc = font.get("/Encoding")
            if isinstance(enc, pikepdf.Dictionary):
                enc = enc.get("/BaseEncoding")
            self.fallback = {"/MacRomanEncoding": "mac_roman"}.get(pstr(enc) if enc is not None else "", "cp1252")

    def parse(self, cmap):
        for block in re.findall(rb"begincodespacerange(.*?)endcodespacerange", cmap, re.S):
            for lo, hi in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                self.ranges.append((len(lo) // 2, int(lo, 16), int(hi, 16)))
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                self.map[(len(src) // 2, int(src, 16))] = utf16(hexbytes(dst))
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
                n, a, b = len(lo) // 2, int(lo, 16), int(hi, 16)
                if dst.startswith(b"["):
                    for k, d in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", dst)):
                        if a + k <= b:
                            self.map[(n, a + k)] = utf16(hexbytes(d))
                else:
                    base = hexbytes(dst)
                    if len(base) < 2:
                        continue
                    last = int.from_bytes(base[-2:], "big")
                    for k in range(min(b - a, 0xFFFF) + 1):
                        self.map[(n, a + k)] = utf16(base[:-2] + ((last + k) & 0xFFFF).to_bytes(2, "big"))

    def codes(self, s):
        i = 0
        while i < len(s):
            for n, lo, hi in self.ranges:
                if i + n <= len(s) and lo <= int.from_bytes(s[i : i + n], "big") <= hi:
                    break
            else:
                n = self.ranges[0][0]
            yield n, int.from_bytes(s[i : i + n], "big")
            i += n

    def decode(self, s):
        """(text, number of codes with no Unicode)"""
        out, missing = [], 0
        for n, c in self.codes(s):
            u = self.map.get((n, c))
            if u is None and self.fallback and n == 1:
                u = bytes([c]).decode(self.fallback, "replace")
            if u is None:
                missing += 1
                u = "\ufffd"
            out.append(u)
        return "".join(out), missing


# ---- structure types --------------------------------------------------------

STANDARD = set(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private "
    "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot "
    "Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP "
    "Figure Formula Form".split()
)
HEADINGS = {"H", "H1", "H2", "H3", "H4", "H5", "H6"}
PAINTING = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI"}
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
BCP47 = re.compile(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?|[Xx](?:-[A-Za-z0-9]{1,8})+)$"
)
NS_PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SHORTHAND = {
    "[c]": r"(?:confidential|hidden|suppressed|withheld)",
    "[x]": r"not available",
    "[z]": r"not applicable",
}


def pstr(v):
    """str() of any object; an array or dictionary (which pikepdf will not
    print) as what it is."""
    try:
        return str(v)
    except Exception:
        return "<%s>" % type(v).__name__


def pdf_text(v):
    """A PDF text string (UTF-16BE with BOM, or PDFDocEncoding) as str."""
    if v is None:
        return None
    if isinstance(v, bytes):
        if v[:2] == b"\xfe\xff":
            return v[2:].decode("utf-16-be", "replace")
        return v.decode("latin-1")
    return pstr(v)


def key(obj):
    try:
        og = obj.objgen
        if og != (0, 0):
            return og
    except Exception:
        pass
    return ("direct", id(obj))


def kids_of(obj):
    k = obj.get("/K")
    if k is None:
        return []
    if isinstance(k, pikepdf.Array):
        return list(k)
    return [k]


def number_tree(node, out, depth=0):
    if not isinstance(node, pikepdf.Dictionary) or depth > 32:
        return out
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        for i in range(0, len(nums) - 1, 2):
            n = as_int(nums[i])
            if n is not None:
                out[n] = nums[i + 1]
    kids = node.get("/Kids")
    for kid in kids if isinstance(kids, pikepdf.Array) else []:
        if isinstance(kid, pikepdf.Dictionary):
            number_tree(kid, out, depth + 1)
    return out


def as_int(v, default=None):
    """An integer object's value; default for anything else (a Name, a
    string, an array where a number belongs)."""
    if isinstance(v, bool):
        return default
    if isinstance(v, numbers.Number):
        try:
            return int(v)
        except (ValueError, OverflowError):
            return default
    return default


def dict_or_empty(v):
    return v if isinstance(v, pikepdf.Dictionary) else pikepdf.Dictionary()


def text_of(v):
    """A string object as str; None for any other type."""
    if isinstance(v, pikepdf.String):
        return pdf_text(bytes(v))
    if isinstance(v, (str, bytes)):
        return pdf_text(v)
    return None


def norm(s):
    return re.sub(r"[\W_]+", "", s or "").lower()


def short(s, n=50):
    s = re.sub(r"\s+", " ", s or "").strip()
    return s if len(s) <= n else s[: n - 3] + "..."


# ---- the check --------------------------------------------------------------


class Elem:
    __slots__ = ("obj", "s", "role", "parent", "kids", "content", "page", "index", "objrs", "order")

    def __init__(self, obj, s, role, parent, page):
        self.obj, self.s, self.role, self.parent, self.page = obj, s, role, parent, page
        self.kids, self.content, self.objrs = [], [], []
        self.order = []  # kids and content references, in their order
        self.index = 0


class Checker:
    def __init__(self, path):
        self.path = path
        self.failures = []  # (page or None, code, message)
        self.pdf = pikepdf.open(path)
        self.root = self.pdf.Root
        self.pages = list(self.pdf.pages)
        self.page_no = {key(p.obj): i + 1 for i, p in enumerate(self.pages)}
        self.decoders = {}
        self.fonts = {}  # key -> (font dict, first page)
        self.mc_text = {}  # (stream key, mcid) -> text
        self.page_text = {}  # page number -> tagged text in content order
        self.page_mcids = {}  # stream key -> {mcid: count}
        self.painted = set()  # (stream key, mcid) of marked content that paints something
        self.objr = {}  # annotation key -> [Elem] whose OBJR names it
        self.parent_tree = {}
        self.form_uses = {}  # Form XObject key -> [stream, times drawn, first page]

    def fail(self, page, code, msg):
        self.failures.append((page, code, msg))

    # ---- document level ---------------------------------------------------
    def check_catalog(self):
        r = self.root
        mi = r.get("/MarkInfo")
        if not isinstance(mi, pikepdf.Dictionary) or mi.get("/Marked") is not True:
            self.fail(None, "01-005", "the catalog's /MarkInfo does not have /Marked true")
        elif mi.get("/Suspects") is True:
            self.fail(None, "01-007", "/MarkInfo has /Suspects true")
        lang = r.get("/Lang")
        lt = text_of(lang)
        if lang is None or lt is not None and not lt.strip():
            self.fail(None, "11-001", "the catalog has no /Lang: the document's language cannot be determined")
        elif lt is None or not BCP47.match(lt):
            self.fail(None, "11-001", "the catalog's /Lang %r is not a well-formed BCP 47 language tag" % (lt if lt is not None else pstr(lang)))
        vp = r.get("/ViewerPreferences")
        dt = vp.get("/DisplayDocTitle") if isinstance(vp, pikepdf.Dictionary) else None
        if dt is None:
            self.fail(None, "07-001", "/ViewerPreferences has no /DisplayDocTitle")
        elif dt is not True:
            self.fail(None, "07-002", "/ViewerPreferences /DisplayDocTitle is false")
        info = self.pdf.trailer.get("/Info")
        t = text_of(info.get("/Title")) if isinstance(info, pikepdf.Dictionary) else None
        if t is None or not t.strip():
            self.fail(None, "X-01", "the document information dictionary has no /Title")
        xt = self.check_xmp()
        if t and t.strip() and xt and xt.strip() and " ".join(t.split()) != " ".join(xt.split()):
            self.fail(None, "X-06", "the XMP metadata's dc:title %r is not the document information's /Title %r"
                      % (short(xt, 60), short(t, 60)))
        outl = r.get("/Outlines")
        has_outline = isinstance(outl, pikepdf.Dictionary) and isinstance(outl.get("/First"), pikepdf.Dictionary)
        pm = r.get("/PageMode")
        if has_outline and not (isinstance(pm, pikepdf.Name) and pm == "/UseOutlines"):
            self.fail(None, "X-02", "the document has an outline but /PageMode is %s, not /UseOutlines" % ("absent" if pm is None else pstr(pm)))
        if not has_outline and len(self.pages) > 2:
            self.fail(None, "X-03", "the document has %d pages and no outline (bookmarks)" % len(self.pages))

    def check_xmp(self):
        md = self.root.get("/Metadata")
        if not isinstance(md, pikepdf.Stream):
            self.fail(None, "06-001", "the catalog has no XMP /Metadata stream")
            return
        try:
            tree = ET.fromstring(md.read_bytes())
        except (ET.ParseError, pikepdf.PdfError) as e:
            self.fail(None, "06-001", "the XMP metadata is not well-formed XML (%s)" % e)
            return
        part = None
        for el in tree.iter():
            if el.tag == "{%s}part" % NS_PDFUAID:
                part = (el.text or "").strip()
            v = el.get("{%s}part" % NS_PDFUAID)
            if v is not None:
                part = v.strip()
        if part is None:
            self.fail(None, "06-002", "the XMP metadata has no PDF/UA identifier (pdfuaid:part)")
        elif part != "1":
            self.fail(None, "06-002", "the XMP metadata's pdfuaid:part is %r, not 1" % part)
        title = None
        for el in tree.iter("{%s}title" % NS_DC):
            lis = list(el.iter("{%s}li" % NS_RDF))
            dflt = [li for li in lis if li.get("{http://www.w3.org/XML/1998/namespace}lang") == "x-default"]
            title = ((dflt or lis)[0].text or "") if lis else (el.text or "")
        if title is None or not title.strip():
            self.fail(None, "06-003", "the XMP metadata has no dc:title" if title is None else "the XMP metadata's dc:title is empty")
        return title

    # ---- content ----------------------------------------------------------
    def font_decoder(self, font):
        k = key(font)
        d = self.decoders.get(k)
        if d is None:
            d = self.decoders[k] = (font, Decoder(font))  # the font kept, so that its key stays its own
        return d[1]

    def scan(self, data, resources, sk, pageno, stack, depth=0):
        """Walks one content stream: marked-content nesting, what paints
        outside it, MCIDs, and the text of each MCID."""
        res = dict_or_empty(resources)
        fonts = dict_or_empty(res.get("/Font"))
        props = dict_or_empty(res.get("/Properties"))
        xobjs = dict_or_empty(res.get("/XObject"))
        st = {"untagged": 0, "first": None, "unmapped": 0, "a_in_t": [], "t_in_a": [], "unbalanced": None}
        base = len(stack)
        mcids = self.page_mcids.setdefault(sk, {})
        decoder = None
        text = self.page_text.setdefault(pageno, [])

        def emit(s):
            # the text of the innermost MCID, and the page's tagged text
            if any(e[1] for e in stack):
                return  # replaced by an ActualText
            mc = next((e[0] for e in reversed(stack) if e[0] is not None), None)
            if mc is None or any(e[2] for e in stack):
                return
            self.mc_text.setdefault(mc, []).append(s)
            text.append(s)

        def sep():
            if text and not text[-1].endswith(" "):
                emit(" ")

        for op in operations(data):
            o = op.op
            if o in ("BDC", "BMC"):
                tag = op.args[0] if op.args else ""
                pr = op.args[1] if o == "BDC" and len(op.args) > 1 else None
                if isinstance(pr, Name):
                    pr = props.get("/" + pr)
                    pr = {Name(k[1:]): v for k, v in pr.items()} if isinstance(pr, pikepdf.Dictionary) else {}
                pr = pr if isinstance(pr, dict) else {}
                mcid = pr.get("MCID")
                art = tag == "Artifact"
                in_art = any(e[2] for e in stack)
                in_tag = any(e[0] is not None for e in stack)
                if art and in_tag:
                    st["a_in_t"].append(op.pos)
                actual = pr.get("ActualText")
                entry = [None, False, art]
                if isinstance(mcid, (int, float)):
                    mcid = int(mcid)
                    if in_art:
                        st["t_in_a"].append(mcid)
                    mcids[mcid] = mcids.get(mcid, 0) + 1
                    entry[0] = (sk, mcid)
                stack.append(entry)
                if actual is not None and not in_art:
                    stack[-1][1] = False
                    emit(pdf_text(actual if isinstance(actual, bytes) else bytes(actual)))
                    stack[-1][1] = True
            elif o == "EMC":
                if len(stack) > base:
                    stack.pop()
                elif st["unbalanced"] is None:
                    st["unbalanced"] = "an EMC at byte %d ends no marked-content sequence" % op.pos
            elif o == "Tf":
                f = fonts.get("/" + op.args[0]) if op.args and isinstance(op.args[0], Name) else None
                decoder = None
                if isinstance(f, pikepdf.Dictionary):
                    decoder = self.font_decoder(f)
                    self.fonts.setdefault(key(f), (f, pageno))
            elif o in ("BT", "Td", "TD", "T*", "Tm"):
                sep()
            if o == "Do" and op.args and isinstance(op.args[0], Name):
                xo = xobjs.get("/" + op.args[0])
                if isinstance(xo, pikepdf.Stream) and xo.get("/Subtype") == "/Form":
                    u = self.form_uses.setdefault(key(xo), [xo, 0, pageno])
                    u[1] += 1
            if o in PAINTING:
                covered = False
                for e in stack:
                    if e[0] is not None:
                        self.painted.add(e[0])
                        covered = True
                    elif e[2]:
                        covered = True
                if o == "Do" and not covered and depth < 8:
                    xo = xobjs.get("/" + op.args[0]) if op.args and isinstance(op.args[0], Name) else None
                    if isinstance(xo, pikepdf.Stream) and xo.get("/Subtype") == "/Form":
                        sub = self.scan(xo.read_bytes(), xo.get("/Resources") if isinstance(xo.get("/Resources"), pikepdf.Dictionary) else res, key(xo), pageno, stack, depth + 1)
                        st["untagged"] += sub["untagged"]
                        st["first"] = st["first"] or sub["first"] and ("Do", op.pos)
                        st["unmapped"] += sub["unmapped"]
                        st["a_in_t"] += sub["a_in_t"]
                        st["t_in_a"] += sub["t_in_a"]
                        if sub["unbalanced"] and not st["unbalanced"]:
                            st["unbalanced"] = "in the Form XObject %s drawn at byte %d, %s" % (op.args[0], op.pos, sub["unbalanced"])
                        continue
                if not covered:
                    st["untagged"] += 1
                    if st["first"] is None:
                        st["first"] = (o, op.pos)
                if o in TEXT_SHOWING and decoder is not None:
                    if o in ("'", '"'):
                        sep()
                    parts = op.args[-1] if op.args else b""
                    parts = parts if isinstance(parts, list) else [parts]
                    for p in parts:
                        if isinstance(p, bytes):
                            s, miss = decoder.decode(p)
                            if decoder.type0 and decoder.has_cmap:
                                st["unmapped"] += miss
                            emit(s)
                        elif isinstance(p, float) and p < -250:
                            sep()
        if len(stack) > base:
            if st["unbalanced"] is None:
                st["unbalanced"] = "%d marked-content sequence%s not ended (no EMC)" % (len(stack) - base, "" if len(stack) - base == 1 else "s")
            del stack[base:]
        return st

    def check_content(self):
        for i, page in enumerate(self.pages, 1):
            c = page.obj.get("/Contents")
            if isinstance(c, pikepdf.Array):
                data = b"\n".join(s.read_bytes() for s in c if isinstance(s, pikepdf.Stream))
            elif isinstance(c, pikepdf.Stream):
                data = c.read_bytes()
            else:
                data = b""
            stack = []
            st = self.scan(data, page.obj.get("/Resources"), key(page.obj), i, stack)
            if st["untagged"]:
                o, pos = st["first"]
                self.fail(i, "01-005", "content neither tagged nor an artifact: %d painting operator%s (first: %s at byte %d of the page's content)"
                          % (st["untagged"], "" if st["untagged"] == 1 else "s", o, pos))
            if st["a_in_t"]:
                self.fail(i, "01-003", "an Artifact inside tagged content (%d; first at byte %d of the page's content)" % (len(st["a_in_t"]), st["a_in_t"][0]))
            if st["t_in_a"]:
                self.fail(i, "01-004", "tagged content inside an Artifact: MCID %s" % ", ".join(map(str, st["t_in_a"][:8])))
            if st["unbalanced"]:
                self.fail(i, "X-15", "marked content does not nest: %s" % st["unbalanced"])
            if st["unmapped"]:
                self.fail(i, "10-001", "%d character code%s with no Unicode mapping in the font's ToUnicode CMap" % (st["unmapped"], "" if st["unmapped"] == 1 else "s"))

    def check_xobjects(self):
        """30-002: a Form XObject with MCIDs drawn more than once (its
        content would be in the structure tree once for several places)."""
        for xo, n, pageno in self.form_uses.values():
            if n > 1 and re.search(rb"/MCID\b", xo.read_bytes()):
                self.fail(pageno, "30-002", "a Form XObject with marked content (MCIDs) is drawn %d times" % n)
        for i, page in enumerate(self.pages, 1):
            xobjs = dict_or_empty(dict_or_empty(page.obj.get("/Resources")).get("/XObject"))
            for k, xo in xobjs.items():
                if isinstance(xo, pikepdf.Stream) and "/Ref" in xo:
                    self.fail(i, "30-001", "%s is a reference XObject" % k)

    def check_fonts(self):
        for f, pageno in self.fonts.values():
            name = pstr(f.get("/BaseFont", "?")).lstrip("/")
            d = self.font_decoder(f)
            if d.zero:
                self.fail(pageno, "31-028", "font %s's ToUnicode CMap maps code %s to U+0000" % (name, ", ".join("%X" % c for c in d.zero[:5])))
            if d.bom:
                self.fail(pageno, "31-029", "font %s's ToUnicode CMap maps code %s to U+FEFF or U+FFFE" % (name, ", ".join("%X" % c for c in d.bom[:5])))
            sub = f.get("/Subtype")
            if sub == "/Type3":
                if not isinstance(f.get("/CharProcs"), pikepdf.Dictionary):
                    self.fail(pageno, "31-009", "Type 3 font %s has no glyph procedures (/CharProcs)" % name)
                if "/ToUnicode" not in f:
                    enc = f.get("/Encoding")
                    if not (isinstance(enc, pikepdf.Dictionary) and "/Differences" in enc):
                        self.fail(pageno, "31-027", "Type 3 font %s has neither a ToUnicode CMap nor glyph names" % name)
                continue
            desc = f
            if sub == "/Type0":
                df = f.get("/DescendantFonts")
                desc = df[0] if isinstance(df, pikepdf.Array) and len(df) else pikepdf.Dictionary()
            fd = desc.get("/FontDescriptor")
            if not (isinstance(fd, pikepdf.Dictionary) and any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))):
                self.fail(pageno, "31-009", "font %s is not embedded" % name)
            if "/ToUnicode" not in f:
                ok = False
                if sub == "/Type0":
                    csi = desc.get("/CIDSystemInfo")
                    ok = isinstance(csi, pikepdf.Dictionary) and pstr(csi.get("/Ordering")) in ("GB1", "CNS1", "Japan1", "Korea1")
                else:
                    enc = f.get("/Encoding")
                    if isinstance(enc, pikepdf.Dictionary):
                        enc = enc.get("/BaseEncoding") if "/Differences" not in enc else None
                    ok = pstr(enc) in ("/WinAnsiEncoding", "/MacRomanEncoding", "/MacExpertEncoding")
                    if not ok and sub == "/TrueType" and isinstance(fd, pikepdf.Dictionary):
                        ok = not (as_int(fd.get("/Flags"), 0) & 4)
                if not ok:
                    self.fail(pageno, "31-027", "font %s has no ToUnicode CMap and no standard encoding" % name)

    # ---- structure tree ---------------------------------------------------
    def role(self, s):
        seen = [s]
        while s not in STANDARD:
            s = self.roles.get(s)
            if s is None:
                return None
            if s in seen:
                return "<cycle>"
            seen.append(s)
        return s

    def build_tree(self):
        root = self.root.get("/StructTreeRoot")
        if not isinstance(root, pikepdf.Dictionary):
            self.fail(None, "01-005", "the catalog has no /StructTreeRoot: nothing is tagged")
            return None
        rm = root.get("/RoleMap")
        self.roles = {}
        if isinstance(rm, pikepdf.Dictionary):
            for k, v in rm.items():
                self.roles[k[1:]] = pstr(v)[1:]
        for k, v in self.roles.items():
            if k in STANDARD:
                self.fail(None, "02-004", "the RoleMap remaps the standard type %s to %s" % (k, v))
        self.elems = []
        self.refs = {}  # (stream key, mcid) -> [Elem]
        self.objr = {}  # annotation key -> [Elem]
        seen = set()
        top = []

        def walk(obj, parent, page, depth):
            k = key(obj)
            if k in seen:
                self.fail(None, "X-10", "structure element %s is in the tree twice (two parents, or a loop)" % pstr(obj.get("/S", "?")))
                return None
            if depth > 300:
                raise ValueError("the structure tree is nested more than 300 deep")
            seen.add(k)
            s = pstr(obj.get("/S", ""))[1:]
            pg = obj.get("/Pg")
            if isinstance(pg, pikepdf.Dictionary):
                page = pg
            e = Elem(obj, s, self.role(s), parent, page)
            e.index = len(self.elems)
            self.elems.append(e)
            for kid in kids_of(obj):
                if isinstance(kid, (int, float)) and not isinstance(kid, bool):
                    self.add_ref(e, page, None, int(kid))
                elif isinstance(kid, pikepdf.Dictionary):
                    t = kid.get("/Type")
                    if t == "/MCR":
                        kp = kid.get("/Pg")
                        self.add_ref(e, kp if isinstance(kp, pikepdf.Dictionary) else page, kid.get("/Stm"), as_int(kid.get("/MCID"), -1))
                    elif t == "/OBJR":
                        o = kid.get("/Obj")
                        if o is not None:
                            self.objr.setdefault(key(o), []).append(e)
                            e.objrs.append(o)
                    elif "/S" in kid:
                        c = walk(kid, e, page, depth + 1)
                        if c is not None:
                            e.kids.append(c)
                            e.order.append(c)
            return e

        for kid in kids_of(root):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                e = walk(kid, None, None, 0)
                if e is not None:
                    top.append(e)
        self.top = top
        self.parent_tree = number_tree(root.get("/ParentTree"), {})
        return root

    def add_ref(self, e, page, stm, mcid):
        sk = key(stm) if isinstance(stm, pikepdf.Stream) else (key(page) if page is not None else None)
        e.content.append((sk, mcid))
        e.order.append((sk, mcid))
        self.refs.setdefault((sk, mcid), []).append(e)

    def epage(self, e):
        while e is not None:
            if e.page is not None:
                return self.page_no.get(key(e.page))
            for sk, _ in e.content:
                if sk in self.page_no:
                    return self.page_no[sk]
            if e.kids:
                e = e.kids[0]
                continue
            return None
        return None

    def text(self, e):
        out = []
        for x in e.order:
            if isinstance(x, Elem):
                out.append(self.text(x))
            else:
                out.extend(self.mc_text.get(x, []))
        return "".join(out)

    def alt(self, e):
        a = e.obj.get("/Alt")
        if a is None:
            a = e.obj.get("/ActualText")
        return None if a is None else text_of(a)

    def name(self, e):
        t = short(self.alt(e) or self.text(e), 40)
        return '%s "%s"' % (e.s, t) if t else "%s (no text)" % e.s

    def check_mcids(self):
        for sk, mcids in self.page_mcids.items():
            pageno = self.page_no.get(sk)
            if pageno is None:
                continue  # a Form XObject's MCIDs are checked through /Stm references
            page = self.pages[pageno - 1].obj
            sp = page.get("/StructParents")
            arr = self.parent_tree.get(as_int(sp))
            no_tree, no_pt, wrong, twice = [], [], [], []
            for mcid in sorted(mcids):
                els = self.refs.get((sk, mcid), [])
                if not els:
                    no_tree.append(mcid)
                elif len(els) > 1:
                    twice.append(mcid)
                target = arr[mcid] if isinstance(arr, pikepdf.Array) and mcid < len(arr) else None
                if not isinstance(target, pikepdf.Dictionary):
                    no_pt.append(mcid)
                elif els and key(target) not in {key(x.obj) for x in els}:
                    wrong.append(mcid)
            lst = lambda xs: ", ".join(map(str, xs[:10])) + (" and %d more" % (len(xs) - 10) if len(xs) > 10 else "")
            if no_tree:
                self.fail(pageno, "01-005", "marked content not in the structure tree: no structure element refers to MCID %s" % lst(no_tree))
            if twice:
                self.fail(pageno, "01-005", "MCID %s referred to by more than one structure element" % lst(twice))
            if sp is None and mcids:
                self.fail(pageno, "01-005", "the page has marked content but no /StructParents: its MCIDs cannot be found in the ParentTree")
            elif no_pt:
                self.fail(pageno, "01-005", "the ParentTree maps no structure element for MCID %s" % lst(no_pt))
            if wrong:
                self.fail(pageno, "01-005", "the ParentTree maps MCID %s to an element that does not refer to it" % lst(wrong))
        for (sk, mcid), els in self.refs.items():
            if sk in self.page_no and mcid not in self.page_mcids.get(sk, {}):
                self.fail(self.page_no[sk], "X-14", "%s refers to MCID %d, which is not on its page" % (self.name(els[0]), mcid))

    def check_tree(self):
        # one tree, one Document
        if len(self.top) != 1 or self.top[0].role != "Document":
            roles = {}
            for e in self.top:
                roles[e.s] = roles.get(e.s, 0) + 1
            self.fail(None, "X-10", "the structure tree has %d top-level elements (%s), not one Document"
                      % (len(self.top), ", ".join("%d %s" % (n, s) for s, n in sorted(roles.items(), key=lambda x: -x[1]))))
        uses_lbl = any(e.role == "Lbl" for e in self.elems)
        headings = []
        notes = {}
        for e in self.elems:
            r, pg = e.role, self.epage(e)
            if r is None:
                self.fail(pg, "02-001", "structure type %s is not standard and the RoleMap does not map it to one" % e.s)
                continue
            if r == "<cycle>":
                self.fail(pg, "02-003", "the RoleMap maps %s in a circle" % e.s)
                continue
            lang = e.obj.get("/Lang")
            if lang is not None and not BCP47.match(text_of(lang) or ""):
                self.fail(pg, "11-001", "%s has /Lang %r, not a well-formed BCP 47 language tag" % (e.s, text_of(lang) or pstr(lang)))
            kr = [k.role for k in e.kids]
            real = [c for c in e.content if c in self.painted]
            prole = e.parent.role if e.parent else None
            if r in HEADINGS:
                headings.append(e)
            # 09-004 tables (ISO 32000-1 Table 337)
            if r == "TR" and prole not in ("Table", "THead", "TBody", "TFoot"):
                self.fail(pg, "09-004", "TR inside %s, not in a Table, THead, TBody or TFoot" % (e.parent.s if e.parent else "the root"))
            if r in ("TH", "TD") and prole != "TR":
                self.fail(pg, "09-004", "%s inside %s, not in a TR" % (self.name(e), e.parent.s if e.parent else "the root"))
            if r in ("THead", "TBody", "TFoot") and prole != "Table":
                self.fail(pg, "09-004", "%s inside %s, not in a Table" % (e.s, e.parent.s if e.parent else "the root"))
            if r == "Table":
                bad = [k.s for k in e.kids if k.role not in ("TR", "THead", "TBody", "TFoot", "Caption")]
                if bad or real:
                    self.fail(pg, "09-004", "Table holds %s: a Table holds only TR, THead, TBody, TFoot and Caption" % (", ".join(bad) or "content directly"))
                self.check_table(e, pg)
            if r == "TR":
                bad = [k.s for k in e.kids if k.role not in ("TH", "TD")]
                if bad or real:
                    self.fail(pg, "09-004", "TR holds %s: a TR holds only TH and TD" % (", ".join(bad) or "content directly"))
            # 09-005 lists (ISO 32000-1 Table 336)
            if r == "L":
                bad = [k.s for k in e.kids if k.role not in ("LI", "L", "Caption")]
                if bad or real:
                    self.fail(pg, "09-005", "L holds %s: a list holds only LI (and Caption)" % (", ".join(bad) or "content directly"))
            if r in ("LI",):
                if prole != "L":
                    self.fail(pg, "09-005", "LI inside %s, not in an L" % (e.parent.s if e.parent else "the root"))
                if not e.kids and not real:
                    self.fail(pg, "09-005", "an empty LI%s" % (" (only an empty marked-content sequence)" if e.content else ""))
                else:
                    bad = [k.s for k in e.kids if k.role not in ("Lbl", "LBody")]
                    if bad or real:
                        self.fail(pg, "09-005", "LI holds %s: a list item holds only Lbl and LBody" % (", ".join(bad) or "content directly"))
                    elif "LBody" not in kr:
                        self.fail(pg, "09-005", 'LI "%s" has a Lbl and no LBody: a list item cut at a page?' % short(self.text(e), 40))
                    elif "Lbl" not in kr and uses_lbl:
                        self.fail(pg, "X-12", 'LI "%s" has an LBody and no Lbl, where the other list items have one: a list item cut at a page?' % short(self.text(e), 40))
            if r in ("Lbl", "LBody") and prole != "LI":
                self.fail(pg, "09-005", "%s inside %s, not in an LI" % (e.s, e.parent.s if e.parent else "the root"))
            # 09-006 contents (Table 333)
            if r == "TOC":
                bad = [k.s for k in e.kids if k.role not in ("TOCI", "TOC", "Caption")]
                if bad or real:
                    self.fail(pg, "09-006", "TOC holds %s: the contents hold only TOCI, TOC and Caption" % (", ".join(bad) or "content directly"))
            if r == "TOCI":
                if prole != "TOC":
                    self.fail(pg, "09-006", "TOCI inside %s, not in a TOC" % (e.parent.s if e.parent else "the root"))
                bad = [k.s for k in e.kids if k.role not in ("Lbl", "Reference", "NonStruct", "P", "TOC")]
                if bad:
                    self.fail(pg, "09-006", "TOCI holds %s: an entry holds only Lbl, Reference, NonStruct, P and TOC" % ", ".join(bad))
            # 14-006: one H per node
            if kr.count("H") > 1:
                self.fail(pg, "14-006", "%s holds %d H elements: one H per section" % (e.s, kr.count("H")))
            # 17-002 formulas, 19 notes
            if r == "Formula" and not (self.alt(e) or "").strip():
                self.fail(pg, "17-002", "Formula %s has no /Alt" % self.name(e))
            if r == "Note":
                nid = e.obj.get("/ID")
                if not isinstance(nid, pikepdf.String) or not bytes(nid):
                    self.fail(pg, "19-003", "Note %s has no /ID" % self.name(e))
                else:
                    notes.setdefault(bytes(nid), []).append(e)
            # 13 figures
            if r == "Figure":
                a = self.alt(e)
                if a is None or not a.strip():
                    self.fail(pg, "13-004", "Figure %s has no /Alt (nor /ActualText)" % ('"%s"' % short(self.text(e), 40) if self.text(e) else "#%d" % e.index))
                own = real or any(k.role != "Caption" for k in e.kids)
                if not own:
                    self.fail(pg, "X-20", "Figure %s has no content of its own%s" % (
                        '"%s"' % short(a, 40) if a else "#%d" % e.index, " (only its Caption)" if e.kids else ""))
                cap = self.caption_of(e)
                ca, cc = self.strip_label(a), self.strip_label(cap)
                if a and cap and ca == cc:
                    self.fail(pg, "X-21", 'Figure\'s /Alt only repeats its caption: "%s"' % short(a, 60))
                elif a and len(cc) >= 12 and cc in ca:
                    self.fail(pg, "X-21", 'Figure\'s /Alt repeats its caption "%s", which is read out as well: "%s"'
                              % (short(cap, 50), short(a, 50)))
                elif a and cap and self.words(self.caption_title(cap)) and (" %s " % self.words(self.caption_title(cap))) in (" %s " % self.words(a)):
                    self.fail(pg, "X-21", 'Figure\'s /Alt holds its caption\'s title "%s", which is read out as well: "%s"'
                              % (short(self.caption_title(cap), 50), short(a, 50)))
            if r == "Sect" and (e.kids or real):
                first = next(x for x in e.order if isinstance(x, Elem) or x in self.painted)
                if not isinstance(first, Elem) or first.role not in HEADINGS:
                    self.fail(pg, "X-11", "Sect does not begin with a heading (begins with %s): a section cut at a page?"
                              % (self.name(first) if isinstance(first, Elem) else "content of its own"))
            if not e.kids and not real and not e.objrs and r not in ("LI",):
                self.fail(pg, "X-14", "%s has neither children nor content%s" % (
                    e.s, " (only an empty marked-content sequence)" if e.content else ""))
        self.check_cuts()
        for nid, els in notes.items():
            if len(els) > 1:
                self.fail(self.epage(els[1]), "19-004", "%d Note elements share the /ID %r" % (len(els), pdf_text(nid)))
        # 14 headings
        nums = [h for h in headings if h.role != "H"]
        if nums and len(nums) < len(headings):
            h = next(x for x in headings if x.role == "H")
            self.fail(self.epage(h), "14-007", "the document uses both H and H1-H6 headings (%s)" % self.name(h))
        if nums:
            if nums[0].role != "H1":
                self.fail(self.epage(nums[0]), "14-002", "the first heading is %s, not H1: %s" % (nums[0].role, self.name(nums[0])))
            for a, b in zip(nums, nums[1:]):
                if int(b.role[1]) > int(a.role[1]) + 1:
                    self.fail(self.epage(b), "14-003", "%s follows %s: heading level %d skipped (%s)"
                              % (b.role, a.role, int(a.role[1]) + 1, self.name(b)))

    def content_spans(self):
        """Each element's painted content as a span of the document's painted
        content in tree order, and the page of each item: what lies between
        two elements, and the pages an element starts and ends on."""
        span, seq = {}, []

        def walk(e):
            lo = len(seq)
            for x in e.order:
                if isinstance(x, Elem):
                    walk(x)
                elif x in self.painted:
                    seq.append(x)
            span[e.index] = (lo, len(seq))

        for t in self.top:
            walk(t)
        pages = [self.page_no.get(sk) for sk, _ in seq]
        return span, pages

    def check_cuts(self):
        """X-11, X-12, X-13: a section, a list or a table that a page break
        cut into two elements."""
        span, pages = self.content_spans()

        def painted(e):
            lo, hi = span.get(e.index, (0, 0))
            return lo < hi

        def first_page(e):
            lo, hi = span[e.index]
            return next((p for p in pages[lo:hi] if p), None)

        def last_page(e):
            lo, hi = span[e.index]
            return next((p for p in reversed(pages[lo:hi]) if p), None)

        def adjacent(a, b):  # siblings, nothing between them
            return (a.parent is b.parent and a.parent is not None and painted(a) and painted(b) and
                    a.parent.kids.index(b) == a.parent.kids.index(a) + 1 and span[a.index][1] == span[b.index][0])

        # tables: a document whose tables begin with a row of TH only, or
        # whose tables beside one another have captions
        tables = [e for e in self.elems if e.role == "Table" and painted(e)]
        rows = {t.index: self.rows(t) for t in tables}
        head = lambda t: bool(rows[t.index]) and all(c.role == "TH" for c in rows[t.index][0].kids) and bool(rows[t.index][0].kids)
        caption = lambda t: any(k.role == "Caption" for k in t.kids)
        headed = [t for t in tables if head(t)]
        cut = {}
        for t in tables:
            label = short(self.text(rows[t.index][0]) if rows[t.index] else self.text(t), 40)
            if rows[t.index] and not head(t) and len(headed) * 2 >= len(tables) - 1 and headed:
                cut.setdefault(t.index, 'Table "%s" does not begin with a header row (of TH only), as the document\'s other tables do: a table cut at a page?' % label)
            sib = [k for k in t.parent.kids if k.role == "Table" and k is not t and painted(k)] if t.parent else []
            before = any(t.parent.kids.index(k) < t.parent.kids.index(t) for k in sib)
            if before and not caption(t) and all(k.kids and k.kids[0].role == "Caption" for k in sib):
                cut.setdefault(t.index, 'Table "%s" has no Caption, though the tables beside it have: a table cut at a page?' % label)
        for a, b in zip(tables, tables[1:]):
            if not adjacent(a, b) or caption(b):
                continue
            pa, pb = last_page(a), first_page(b)
            if pa and pb and pb == pa + 1:
                cut.setdefault(b.index, 'Table "%s" goes straight on from a table ending on page %d, and has no Caption: one table cut at a page?'
                               % (short(self.text(rows[b.index][0]) if rows[b.index] else self.text(b), 40), pa))
        self.cut_tables(span)
        for t in tables:
            if t.index in cut:
                self.fail(first_page(t), "X-13", cut[t.index])
        # lists: two lists with nothing between them, the first ending on
        # the page before the one the second starts on
        lists = [e for e in self.elems if e.role == "L" and painted(e)]

        def labels(lst):
            return [norm(self.text(k)) or self.text(k).strip() for li in lst.kids if li.role == "LI" for k in li.kids if k.role == "Lbl"]

        def goes_on(a, b):  # the same bullet, or the next number
            la, lb = labels(a), labels(b)
            if not la or not lb:
                return False
            if la[-1].isdigit() and lb[0].isdigit():
                return int(lb[0]) == int(la[-1]) + 1
            return la[-1] == lb[0] and not la[-1].isalnum()

        for a, b in zip(lists, lists[1:]):
            if adjacent(a, b):
                pa, pb = last_page(a), first_page(b)
                if pa and pb and pa == pb and goes_on(a, b):
                    self.fail(pb, "X-12", 'list "%s" goes straight on from a list just before it, nothing between them: one list cut in two?'
                              % short(self.text(b), 40))
                elif pa and pb and pb == pa + 1:
                    self.fail(pb, "X-12", 'list "%s" goes straight on from a list ending on page %d, nothing between them: one list cut at a page?'
                              % (short(self.text(b), 40), pa))
        # sections: one that goes straight on from the section before and
        # begins with a deeper heading than any section beside it
        def level(e):
            first = next((x for x in e.order if isinstance(x, Elem) or x in self.painted), None)
            if isinstance(first, Elem) and first.role in HEADINGS and first.role != "H":
                return int(first.role[1]), first
            return None, None

        for parent in self.elems:
            sects = [k for k in parent.kids if k.role == "Sect"]
            if len(sects) < 2:
                continue
            lv = {k.index: level(k) for k in sects}
            for prev, k in zip(sects, sects[1:]):
                n, h = lv[k.index]
                others = {lv[o.index][0] for o in sects if o is not k and lv[o.index][0] is not None}
                if (n is not None and adjacent(prev, k) and lv[prev.index][0] is not None and
                        n > lv[prev.index][0] and others and n > max(others)):
                    self.fail(self.epage(k), "X-11", "Sect begins with %s, where the sections beside it begin with %s: a section cut at a page?"
                              % (self.name(h), " or ".join("H%d" % x for x in sorted(others))))

    def cut_tables(self, span):
        """X-13: a table without a caption of its own that goes straight on
        (nothing between them in the tree) from a table with as many columns
        on the page before, its first row the same header row or no header
        at all, is the rest of that table, cut at a page."""
        tables = [e for e in self.elems if e.role == "Table" and span.get(e.index, (0, 0))[0] < span.get(e.index, (0, 0))[1]]
        for a, b in zip(tables, tables[1:]):
            ra, rb = self.rows(a), self.rows(b)
            if not ra or not rb or span[a.index][1] != span[b.index][0]:
                continue
            pa, pb = self.epage(a), self.epage(b)
            if any(k.role == "Caption" for k in b.kids):
                continue
            same_head = norm(self.text(ra[0])) == norm(self.text(rb[0]))
            no_head = not any(c.role == "TH" for c in rb[0].kids)
            if pa and pb and pa != pb and len(ra[0].kids) == len(rb[0].kids) and (same_head or no_head):
                self.fail(pb, "X-13", 'Table "%s" goes straight on from a table of %d columns on page %d: one table cut at a page?'
                          % (short(self.text(rb[0]), 40), len(rb[0].kids), pa))

    def strip_label(self, s):
        return norm(re.sub(r"^\s*(figure|chart|graph)\s+\d+\s*[.:\-\u2013]?", "", s or "", flags=re.I))

    def words(self, s):
        """Lower case words, punctuation and quotes as one space."""
        return " ".join(re.sub(r"[\W_]+", " ", (s or "").replace("\u2019", "'").lower().replace("'", "")).split())

    def caption_title(self, cap):
        """A caption without its "Figure N." label and a closing parenthesis."""
        t = re.sub(r"^\s*(figure|chart|graph)\s+\w+\s*[.:\-\u2013]?", "", cap or "", flags=re.I)
        return re.sub(r"\s*\([^()]*\)\s*\.?\s*$", "", t).strip()

    def caption_of(self, fig):
        for k in fig.kids:
            if k.role == "Caption":
                return self.text(k)
        p = fig.parent
        if p is None:
            return None
        i = p.kids.index(fig)
        for j in (i - 1, i + 1):
            if 0 <= j < len(p.kids):
                s = p.kids[j]
                t = self.text(s)
                if s.role == "Caption" or (s.role == "P" and re.match(r"\s*(figure|chart)\s+\d", t, re.I)):
                    return t
        return None

    def rows(self, table):
        out = []
        for k in table.kids:
            if k.role == "TR":
                out.append(k)
            elif k.role in ("THead", "TBody", "TFoot"):
                out.extend(r for r in k.kids if r.role == "TR")
        return out

    def attrs(self, e):
        a = e.obj.get("/A")
        items = list(a) if isinstance(a, pikepdf.Array) else [a] if a is not None else []
        d = {}
        for x in items:
            if isinstance(x, pikepdf.Dictionary):
                for k, v in x.items():
                    d[k] = v
        return d

    def check_table(self, t, pg):
        rows = self.rows(t)
        cells = [c for r in rows for c in r.kids if c.role in ("TH", "TD")]
        ths = [c for c in cells if c.role == "TH"]
        uses_ids = cells and all("/Headers" in self.attrs(c) for c in cells if c.role == "TD") and any(c.role == "TD" for c in cells)
        label = short(self.text(rows[0]) if rows else "", 40)
        if not uses_ids:
            noscope = [c for c in ths if pstr(self.attrs(c).get("/Scope", "")) not in ("/Row", "/Column", "/Both")]
            if noscope:
                self.fail(self.epage(noscope[0]) or pg, "15-003", 'Table "%s": %d of %d TH have no /Scope (first: %s)'
                          % (label, len(noscope), len(ths), self.name(noscope[0])))
        self.check_scopes(t, rows, pg, label)
        if rows and ths and not any(c.role == "TH" for c in rows[0].kids):
            self.fail(pg, "X-13", 'Table "%s": its first row has no TH, though other rows have: a table cut at a page?' % label)
        if rows and not any(as_int(self.attrs(c).get("/RowSpan"), 1) > 1 for c in cells):
            widths = [sum(max(1, as_int(self.attrs(c).get("/ColSpan"), 1)) for c in r.kids if c.role in ("TH", "TD")) for r in rows]
            if len(set(widths)) > 1:
                self.fail(pg, "X-22", 'Table "%s": rows have different numbers of cells (%s)' % (label, ", ".join(map(str, widths[:12]))))

    FIGURE = re.compile(r"^(?:[-+\u2212\u2013]?[£$€]?\d[\d,]*(?:\.\d+)?\s*%?|\[[a-z]\]|[-\u2013\u2014]|"
                        r"(?:up|down) [\d.,]+%? from [£$€]?[\d.,]+|no change(?: from [£$€]?[\d.,]+)?)$", re.I)

    def check_scopes(self, t, rows, pg, label):
        """X-23: a header row's TH scoped /Row, or a row's first TH, in a row
        of data cells, scoped /Column. X-24: a table whose header row begins
        with a TH and whose rows each begin with a label (words) in a TD,
        followed by figures only: the labels are row headers tagged TD."""
        if len(rows) < 2 or not rows[0].kids or not all(c.role == "TH" for c in rows[0].kids):
            return
        scope = lambda c: self.attrs(c).get("/Scope")
        bad = [c for c in rows[0].kids if scope(c) is not None and pstr(scope(c)) not in ("/Column", "/Both")]
        if bad:
            self.fail(self.epage(bad[0]) or pg, "X-23", 'Table "%s": %d TH of its header row ha%s /Scope %s, not /Column (first: %s)'
                      % (label, len(bad), "s" if len(bad) == 1 else "ve", pstr(scope(bad[0])), self.name(bad[0])))
        body = rows[1:]
        bad = [r.kids[0] for r in body if r.kids and r.kids[0].role == "TH" and any(c.role == "TD" for c in r.kids)
               and scope(r.kids[0]) is not None and pstr(scope(r.kids[0])) not in ("/Row", "/Both")]
        if bad:
            self.fail(self.epage(bad[0]) or pg, "X-23", 'Table "%s": %d row header%s (a TH beginning a row of TD) ha%s /Scope %s, not /Row (first: %s)'
                      % (label, len(bad), "" if len(bad) == 1 else "s", "s" if len(bad) == 1 else "ve", pstr(scope(bad[0])), self.name(bad[0])))
        cells = [[c for c in r.kids if c.role in ("TH", "TD")] for r in body]
        if not all(len(r) >= 2 and all(c.role == "TD" for c in r) for r in cells):
            return
        words = [self.text(r[0]).strip() for r in cells]
        figures = [self.text(c).strip() for r in cells for c in r[1:]]
        if (all(re.search(r"[^\W\d_]", w) and not self.FIGURE.match(w) for w in words) and
                all(self.FIGURE.match(f) for f in figures)):
            self.fail(self.epage(cells[0][0]) or pg, "X-24", 'Table "%s": its rows begin with labels tagged TD ("%s"...), under a header row of TH: row headers should be TH with /Scope /Row'
                      % (label, short(words[0], 30)))

    def check_annots(self, tree):
        """28: annotations in the tree, with words, in structure order."""
        for i, page in enumerate(self.pages, 1):
            annots = page.obj.get("/Annots")
            annots = [a for a in annots if isinstance(a, pikepdf.Dictionary)] if isinstance(annots, pikepdf.Array) else []
            if not annots:
                continue
            tabs = page.obj.get("/Tabs")
            if tabs is None:
                self.fail(i, "28-008", "the page has annotations and no /Tabs")
            elif tabs != "/S":
                self.fail(i, "28-009", "the page has annotations and /Tabs %s, not /S" % pstr(tabs))
            missing = {}
            for a in annots:
                sub = pstr(a.get("/Subtype", ""))[1:]
                if sub in ("Popup", "PrinterMark"):
                    continue
                contents = a.get("/Contents")
                els = self.objr.get(key(a), [])
                if tree is not None:  # without a tree, 01-005 has said so
                    sp = a.get("/StructParent")
                    mapped = self.parent_tree.get(as_int(sp))
                    want = {"Link": "Link", "Widget": "Form"}.get(sub, "Annot")
                    code = {"Link": "28-011", "Widget": "28-010"}.get(sub, "28-002")
                    if not els or not isinstance(mapped, pikepdf.Dictionary) or key(mapped) not in {key(e.obj) for e in els}:
                        missing.setdefault((code, sub, "not referenced from the structure tree by an OBJR through its /StructParent"), []).append(a)
                    elif not any(e.role == want for e in els):
                        missing.setdefault((code, sub, "in %s, not in a %s element" % (els[0].s, want)), []).append(a)
                if sub != "Widget" and (contents is None or not pstr(contents).strip()):
                    if sub == "Link":
                        missing.setdefault(("28-012", sub, "without /Contents"), []).append(a)
                    elif not any(self.alt(e) for e in els):
                        missing.setdefault(("28-004", sub, "without /Contents (nor an /Alt on its element)"), []).append(a)
            for (code, sub, what), lst in sorted(missing.items()):
                self.fail(i, code, "%d %s annotation%s %s" % (len(lst), sub, "" if len(lst) == 1 else "s", what))

    def check_navigation(self):
        """X-04, X-05: each top-level heading (H1) after the contents (or
        after the title, when there are no contents) is in the outline and
        in the contents."""
        def inside(e, role):
            while e is not None:
                if e.role == role:
                    return True
                e = e.parent
            return False

        tocs = [e for e in self.elems if e.role == "TOC" and not inside(e.parent, "TOC")]
        h1s = [e for e in self.elems if e.role == "H1" and not inside(e, "TOC")]
        if tocs:
            h1s = [h for h in h1s if h.index > tocs[0].index]
        else:
            h1s = h1s[1:]
        titles = []
        outl = self.root.get("/Outlines")
        node = outl.get("/First") if isinstance(outl, pikepdf.Dictionary) else None
        todo, seen = [node], set()
        while todo and len(seen) < 100000:
            n = todo.pop()
            while isinstance(n, pikepdf.Dictionary) and key(n) not in seen:
                seen.add(key(n))
                titles.append(norm(pdf_text(bytes(n.get("/Title", b""))) if isinstance(n.get("/Title"), pikepdf.String) else ""))
                todo.append(n.get("/First"))
                n = n.get("/Next")
        entries = [norm(self.text(e)) for t in tocs for e in self.elems if e.role == "TOCI" and inside(e, "TOC")]
        for h in h1s:
            t = norm(self.text(h))
            if not t:
                continue
            if titles and t not in titles:
                self.fail(self.epage(h), "X-04", 'heading %s is not in the outline' % self.name(h))
            if tocs and not any(x.startswith(t) for x in entries):
                self.fail(self.epage(h), "X-05", 'heading %s is not in the contents' % self.name(h))

    def check_shorthand(self):
        """X-30: the page where [c], [x] or [z] is first used says what it
        means: the meaning within 80 characters of the symbol, before or
        after it ("[x] not available", "not available: [x]")."""
        texts = {p: "".join(t) for p, t in self.page_text.items()}

        def explains(t, sym, meaning):
            for m in re.finditer(re.escape(sym), t):
                if re.search(meaning, t[max(0, m.start() - 80) : m.end() + 80], re.I):
                    return True
            return False

        for sym, meaning in SHORTHAND.items():
            first = next((p for p in sorted(texts) if sym in texts[p]), None)
            if first is None or explains(texts[first], sym, meaning):
                continue
            later = [q for q in sorted(texts) if q > first and explains(texts[q], sym, meaning)]
            self.fail(first, "X-30", "%s is first used here and not explained on this page%s" % (
                sym, " (explained on page %d)" % later[0] if later else " (nor anywhere after)"))

    def run(self):
        """Every check; one that cannot run on this file (a structure no
        rule foresaw) is itself a failure, code ERR, never a silent pass."""
        tree = None
        steps = [("catalog", self.check_catalog), ("structure tree", lambda: self.build_tree()),
                 ("content", self.check_content), ("XObject", self.check_xobjects), ("fonts", self.check_fonts), ("MCID", self.check_mcids),
                 ("tree", self.check_tree), ("annotation", lambda: self.check_annots(tree)),
                 ("navigation", self.check_navigation), ("shorthand", self.check_shorthand)]
        for name, step in steps:
            if tree is None and name in ("MCID", "tree", "navigation"):
                continue
            try:
                r = step()
                if name == "structure tree":
                    tree = r
            except Exception as e:  # noqa: BLE001 - reported, and the exit status says so
                self.fail(None, "ERR", "the %s check could not run on this file: %s: %s" % (name, type(e).__name__, e))
        return self.failures


def main(argv):
    if len(argv) < 2:
        print("usage: pdfua_check.py FILE.pdf...", file=sys.stderr)
        return 2
    status = 0
    for path in argv[1:]:
        try:
            checker = Checker(path)
            failures = checker.run()
            checker.pdf.close()
        except (pikepdf.PdfError, OSError) as e:
            print("%s: cannot read: %s" % (path, e))
            status = 2
            continue
        failures.sort(key=lambda f: (f[0] or 0, f[1]))
        if any(f[1] == "ERR" for f in failures):
            status = 2
        counts = {}
        for page, code, msg in failures:
            print("%s: %s%s %s" % (path, "page %d: " % page if page else "", code, msg))
            counts[code] = counts.get(code, 0) + 1
        if failures:
            status = max(status, 1)
            print("%s: FAIL: %d failure%s (%s)" % (path, len(failures), "" if len(failures) == 1 else "s",
                                                  ", ".join("%s x%d" % kv for kv in sorted(counts.items()))))
        else:
            print("%s: ok: no PDF/UA failure a machine can find" % path)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
