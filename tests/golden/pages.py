#!/usr/bin/python3
"""How full the PDF's pages are, and what is left at a page's foot and head.

Builds the sample (data, 2019-20), the second sample (data/samples/fenbridge,
2024-25), the disclosure fixture (tests/fixtures/disclosure, 2019-20), the
generated partnership of 40 partners (tests/fixtures/gen-40.py, 2024-25), and
the sample again with `page: sections: new-page` and with `page:
{orientation: landscape}` (in a copy of its data/templates/report.yaml);
reads each PDF's words with their boxes (pdftotext -bbox-layout) and where
each table cell starts (the first text position in each TH and TD marked
content, read with pikepdf), and fails on:

- a page less than 40% full (from the top margin to the lowest line),
  except the cover, the contents, the page before the draft's appendix,
  the page before a section when sections start a new page, and the last
  page;
- a page whose last line is a list item's label alone (a bullet or "3.")
  or a heading (a line set larger than the body);
- a page that begins with one line of a paragraph begun on the page
  before (a widow), or ends with one line of a paragraph that goes on
  over the page (an orphan);
- a page that begins with a table's repeated header and a single row (rows
  told apart by where their cells start: a cell's second line is no row).

With sections starting new pages, it also fails unless each section's
heading is the first line of its page.

What it cannot see: lines are read from the words' boxes, so a paragraph's
end is told from its last line ending a sentence (., :, ;, !, ? or a
closing bracket), and a heading from its height; charts draw no lines
pdftotext sees, so a page ending in a chart counts as full to the chart's
lowest label.

    pages.py BIN SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

try:
    import pikepdf
except ImportError:
    print("FAIL: pikepdf is needed (Debian: python3-pikepdf, see .ci/deps)")
    sys.exit(1)

MARGIN = 56.7  # the page's margins, in points (src/render/pdf.c)
FOOTER = 28.0  # kept for the footer under the text
MIN_FILL = 0.40
BODY_H = (14.0, 16.0)  # a body line's box: 11 pt type
HEADING_H = 16.0  # taller than this: a heading (12 pt and up)
SECTION_H = (26.0, 29.0)  # a section's heading (20 pt), "3  Title" at the margin
SECTION = re.compile(r"^\d+ \S")
SMALL_H = 13.0  # a table cell's line (8.5 pt)
LABEL = re.compile(r"^(\u2022|\d+\.)$")
ENDS = re.compile(r"[.:;!?)\]\u201d]$")


class Line:
    def __init__(self, e):
        self.y0, self.y1 = float(e.get("yMin")), float(e.get("yMax"))
        self.x0, self.x1 = float(e.get("xMin")), float(e.get("xMax"))
        self.text = " ".join(w.text or "" for w in e.iter("word"))

    @property
    def h(self):
        return self.y1 - self.y0

    def body(self):
        return BODY_H[0] < self.h < BODY_H[1]

    def section(self):
        return (SECTION_H[0] < self.h < SECTION_H[1] and abs(self.x0 - MARGIN) < 2 and
                bool(SECTION.match(self.text)))


def read_pages(pdf):
    html = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                          capture_output=True, text=True).stdout
    doc = ET.fromstring(html[html.index("<doc>"):html.index("</doc>") + 6])
    pages = []
    for pg in doc.iter("page"):
        height = float(pg.get("height"))
        bottom = height - MARGIN - FOOTER
        lines = [Line(e) for e in pg.iter("line")]
        lines = [l for l in lines if l.y0 < bottom + 8]  # not the footer
        # Top to bottom; on one baseline, left to right (a label, then its text).
        lines.sort(key=lambda l: (round(l.y0), l.x0))
        pages.append((lines, bottom))
    return pages


def cell_tops(pdf):
    """For each page, the distance from the top of the page to the first
    baseline of each table cell (the first text matrix set in each TH or TD
    marked-content sequence): the cells of one row share it."""
    out = []
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            height = float(page.mediabox[3])
            flipped = False  # cairo's 1 0 0 -1 0 H cm: y already from the top
            tops, depth, cell = set(), 0, None
            for operands, op in pikepdf.parse_content_stream(page, "cm BDC BMC EMC Tm"):
                o = str(op)
                if o == "cm" and len(operands) == 6 and float(operands[3]) < 0:
                    flipped = True
                elif o in ("BDC", "BMC"):
                    depth += 1
                    if o == "BDC" and str(operands[0]) in ("/TH", "/TD"):
                        cell = depth
                elif o == "EMC":
                    if cell == depth:
                        cell = None
                    depth -= 1
                elif o == "Tm" and cell is not None and len(operands) == 6:
                    f = float(operands[5])
                    tops.add(round(f if flipped else height - f, 1))
                    cell = None
            out.append(sorted(tops))
    return out


def fill(lines, bottom):
    low = max((l.y1 for l in lines), default=MARGIN)
    return (low - MARGIN) / (bottom - MARGIN)


def alone(lines, i):
    """Whether line i shares its height on the page with no other line."""
    l = lines[i]
    return not any(k != i and o.y0 < l.y1 - 2 and o.y1 > l.y0 + 2 for k, o in enumerate(lines))


def paragraph_lines_at(lines, i, step):
    """How many body lines at one left edge run on from line i, going by step
    (1 down, -1 up), each one line's pitch from the last."""
    n, at = 1, i
    while 0 <= at + step < len(lines):
        a, b = lines[at], lines[at + step]
        if not b.body() or abs(b.x0 - a.x0) > 1 or abs(b.y0 - a.y0) > a.h * 1.6:
            break
        n += 1
        at += step
    return n


def table_rows_after_header(lines, prev, tops):
    """A page beginning with a table's header row repeated from the page
    before: how many rows follow it on this page (the cells' first
    baselines, tops, between the header and the table's last line, one to a
    row); None otherwise."""
    if not lines or lines[0].h > SMALL_H:
        return None
    y = lines[0].y0
    header = [l.text for l in lines if abs(l.y0 - y) < 1]
    before = [l.text for l in prev]
    if not all(t in before for t in header):
        return None
    head = max(l.y1 for l in lines if abs(l.y0 - y) < 1)
    left = min(l.x0 for l in lines if abs(l.y0 - y) < 1)  # the cells' padding
    end = head
    for l in lines:
        if l.y0 <= y + 1:
            continue
        if l.h > SMALL_H or l.y0 - end > 40 or l.x0 < left - 2:  # the table has ended
            break
        end = l.y1
    rows = [t for t in tops if head < t <= end + 1]
    return len([t for k, t in enumerate(rows) if k == 0 or t - rows[k - 1] > 1])


def check(name, pdf, new_page_sections):
    pages = read_pages(pdf)
    tops = cell_tops(pdf)
    n = len(pages)
    problems, report = [], []
    # The first contents entry's page number: the first section's page.
    first = 3
    for lines, _ in pages[1:3]:
        for k, l in enumerate(lines):
            if l.text == "Contents" and k + 1 < len(lines):
                m = re.search(r"(\d+)$", lines[k + 1].text)
                if m:
                    first = int(m.group(1))
                break
    under = []
    for p, (lines, bottom) in enumerate(pages, 1):
        f = fill(lines, bottom)
        nxt = pages[p][0] if p < n else []
        starts_new = bool(nxt) and (nxt[0].text.startswith("Appendix") or
                                    (new_page_sections and nxt[0].section()))
        exempt = p < first or p == n or starts_new
        if f < MIN_FILL:
            under.append(p)
            if not exempt:
                problems.append("page %d is %d%% full" % (p, int(f * 100)))  # 39.6% is 39%, not 40%
        if not lines:
            continue
        last = len(lines) - 1
        foot = lines[last]
        if LABEL.match(foot.text) and alone(lines, last):
            problems.append("page %d ends with a list label alone: %r" % (p, foot.text))
        if foot.h > HEADING_H and p < n and p >= first:
            problems.append("page %d ends with a heading: %r" % (p, foot.text))
        if p < n and pages[p][0]:
            head = pages[p][0][0]
            goes_on = foot.body() and head.body() and not ENDS.search(foot.text)
            if goes_on and paragraph_lines_at(lines, last, -1) == 1 and p >= first:
                problems.append("page %d ends with one line of a paragraph: %r" % (p, foot.text))
            if goes_on and paragraph_lines_at(pages[p][0], 0, 1) == 1:
                problems.append("page %d begins with the last line of a paragraph: %r" %
                                (p + 1, head.text))
        if p > 1:
            rows = table_rows_after_header(lines, pages[p - 2][0], tops[p - 1] if p - 1 < len(tops) else [])
            if rows == 1:
                problems.append("page %d begins with a table's header and one row: %r" % (p, lines[0].text))
        if new_page_sections and p >= first:
            for k, l in enumerate(lines):
                if l.section() and k != 0:
                    problems.append("page %d has a section heading below its top: %r" %
                                    (p, l.text))
    print("%s: %d pages, %d under %.0f%% full (%s)" %
          (name, n, len(under), MIN_FILL * 100, ", ".join(map(str, under)) or "none"))
    for m in problems:
        print("FAIL: %s: %s" % (name, m))
    return not problems


def main():
    binary, src = sys.argv[1], sys.argv[2]
    os.chdir(src)
    tmp = tempfile.mkdtemp()
    ok = True
    try:
        # A template folder whose report.yaml starts each section on a new page.
        tpl = os.path.join(tmp, "templates")
        shutil.copytree("report-templates", tpl)
        ry = os.path.join(tpl, "report.yaml")
        text = open(ry).read()
        text2 = re.sub(r"(?m)^page:.*\n", "page:\n  sections: new-page\n", text, count=1)
        if text2 == text:
            print("FAIL: report-templates/report.yaml has no `page:` mapping to change")
            return 1
        open(ry, "w").write(text2)
        # The sample's data, its own report.yaml laid out in landscape.
        land = os.path.join(tmp, "data-landscape")
        shutil.copytree("data", land, ignore=shutil.ignore_patterns("samples"))
        with open(os.path.join(land, "templates", "report.yaml"), "a") as f:
            f.write("\npage: {orientation: landscape}\n")
        gen = os.path.join(tmp, "data-40")
        r = subprocess.run([sys.executable, "tests/fixtures/gen-40.py", "data/samples/fenbridge", gen],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print("FAIL: gen-40.py could not write the partnership of 40: %s" % r.stderr)
            return 1
        runs = [("stockport-2019-20", "data", "2019-20", None),
                ("fenbridge-2024-25", "data/samples/fenbridge", "2024-25", None),
                ("disclosure-2019-20", "tests/fixtures/disclosure", "2019-20", None),
                ("gen-40-2024-25", gen, "2024-25", None),
                ("stockport-landscape", land, "2019-20", None),
                ("stockport-new-page", "data", "2019-20", tpl)]
        for name, data, year, templates in runs:
            out = os.path.join(tmp, name)
            cmd = [binary, "build", year, "--data", data, "--out", out]
            if templates:
                cmd += ["--templates", templates]
            r = subprocess.run(cmd, capture_output=True, text=True,
                               env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
            if r.returncode != 0:
                print("FAIL: %s: build exited %d: %s" % (name, r.returncode, r.stderr))
                ok = False
                continue
            pdfs = [f for f in os.listdir(os.path.join(out, year)) if f.endswith(".pdf")]
            if len(pdfs) != 1:
                print("FAIL: %s: expected one PDF, found %s" % (name, pdfs))
                ok = False
                continue
            ok = check(name, os.path.join(out, year, pdfs[0]), templates is not None) and ok
    finally:
        shutil.rmtree(tmp)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
