#!/usr/bin/env python3
"""Reads one built year as a reader would and checks that every figure it
prints agrees with `sscp-report metrics --format json` for that year.

    consistency.py JSON CSV PDF_TEXT HTML XLSX [LITERAL_SOURCE...]

JSON and CSV are the outputs of `metrics --format json|csv`; PDF_TEXT is
`pdftotext -raw` of the report. LITERAL_SOURCEs are the files and folders
(the year's narrative Markdown, partnership.yaml, the report templates) whose
numbers were typed by hand: a number in the prose must be one the metrics
give or one of those (see "numbers in the prose" below). The workbook's
change formulas are worked out from the numbers the cells store, as Excel
does on opening, and that result must agree with the metrics. The
comparisons with England, the region and the statistical neighbours (the
tables headed with "England", the dot plot's text alternative, the workbook's
Benchmarks sheet and the Summary's comparison columns) must give what each
metric's "benchmarks" in the JSON give for that year. Prints one line per disagreement, as
"OUTPUT: where: expected X, found Y", then a last line "checked N figures",
and exits 1 when there was a disagreement. Python 3 standard library only.
"""
import csv
import html
import html.parser
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

YEAR = re.compile(r"^(\d{4})-(\d{2})$")
UNITS = r"£|ratio|percentage points|per 10,000 children aged 0 to 17"
UNIT_SUFFIX = re.compile(r"^(\d{4}-\d{2}|Baseline(?: \(\d{4}-\d{2}\))?) \((?:%s|%%)\)$|^(Change) \((?:%s)\)$"
                         % (UNITS, UNITS))


def bare(head):
    """A header without the unit it may give after the year or "Change"
    ("2019-20 (£)", "Change (percentage points)"); "Change (%)" is the
    percentage change, and stays."""
    return UNIT_SUFFIX.sub(lambda m: m.group(1) or m.group(2), head.strip())

# A change in words, as the report prints it.
CHANGE_WORDS = re.compile(
    r"\b(?:(?:up|down) [0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?(?:%| percentage points?)?"
    r"|no change) from £?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?%?(?: in \d{4}-\d{2})?")

problems = {}
checked = {}


def problem(output, where, expected, found):
    problems.setdefault(output, []).append(
        f"{output}: {where}: expected {expected}, found {found!r}")


def ok(output):
    checked[output] = checked.get(output, 0) + 1


def norm(s):
    return re.sub(r"\s+", " ", html.unescape(s or "")).strip()


# ---- what the metrics say -------------------------------------------------
class Row:
    def __init__(self, metric, row):
        self.metric = metric
        self.id = metric["id"]
        self.unit = metric["unit"]
        self.label = norm(row.get("label") or metric["label"])
        self.single = "label" not in row
        self.raw = row
        self.by_year = {t["year"]: t["value"]["shown"] for t in row.get("trend", [])}
        self.value = row["value"]
        cw = row.get("compared_with") or {}
        self.cyear = cw.get("year")
        self.cshown = (cw.get("value") or {}).get("shown")
        self.change = row.get("change")
        self.change_percent = row.get("change_percent")
        self.words = norm(row.get("change_in_words"))

    def in_year(self, year, this_year):
        """What the row shows under a column headed YEAR."""
        if year == this_year:
            return self.value["shown"]
        return self.by_year.get(year, "[x]")


def load_metrics(path):
    doc = json.load(open(path, encoding="utf-8"))
    rows = []
    for m in doc["metrics"]:
        for r in m["rows"]:
            rows.append(Row(m, r))
    return doc["year"], rows


def index(rows):
    by_label = {}
    for r in rows:
        by_label.setdefault(r.label.lower(), []).append(r)
        # A figure over part of the year is labelled with its period in
        # the summary tables: "Contacts (1 July 2019 to 31 March 2020)".
        if r.single and r.metric.get("period"):
            by_label.setdefault(f"{r.label} ({norm(r.metric['period'])})".lower(), []).append(r)
    return by_label


# ---- the comparisons with England, the region and the neighbours ----------
# Each metric the Department for Education publishes has, in the JSON,
# "benchmarks": one entry a year with the area's, England's and the region's
# figures ("shown", as published, shorthand included), the neighbours'
# average ("neighbours_mean") and the area's rank among the neighbours.
# The report prints them in its comparison table (HTML and PDF), the dot
# plot's table and text alternative, the workbook's Benchmarks sheet (every
# year) and the Summary sheet's last columns (the report's year).
NAMES = {"area": set(), "region": set()}  # the geographies' names, as the headers give them


def load_names(rows):
    for r in rows:
        for b in r.metric.get("benchmarks") or []:
            for geo in ("area", "region"):
                if (b.get(geo) or {}).get("name"):
                    NAMES[geo].add(norm(b[geo]["name"]))


def bench_of(r, year):
    """The metric's comparison for YEAR, or None."""
    for b in r.metric.get("benchmarks") or []:
        if b.get("year") == year:
            return b
    return None


def bench_geo(head):
    """What a column headed HEAD gives of a comparison ("area", "england",
    "region", "neighbours", "rank", "with a figure"), and the year its
    header names (the Summary sheet's "England 2019-20"), or (None, None)."""
    h = norm(head)
    m = re.search(r" (\d{4}-\d{2})(?: \(.*\))?$", h)
    y = m.group(1) if m else None
    base = h[:m.start()] if m else h
    if base == "England":
        return "england", y
    if base in NAMES["region"]:
        return "region", y
    if base in NAMES["area"] or base in {f"{a} (DfE)" for a in NAMES["area"]}:
        return "area", y
    if base in ("Neighbours' average", "Statistical neighbours' average"):
        return "neighbours", y
    if base in ("Rank", "Rank among neighbours"):
        return "rank", y
    if base == "Neighbours with a figure":
        return "with a figure", y
    return None, None


def bench_shown(b, geo):
    """What a comparison B shows for GEO: its "shown", "N of M" for the rank
    (and for the neighbours with a figure), [x] for no rank."""
    if b is None:
        return None
    if geo in ("area", "england", "region"):
        return (b.get(geo) or {}).get("shown")
    nm = b.get("neighbours_mean") or {}
    if geo == "neighbours":
        return nm.get("shown")
    if geo == "with a figure":
        return f"{nm.get('of')} of {nm.get('listed')}" if nm else None
    if geo == "rank":
        r = b.get("rank")
        return f"{r['rank']} of {r['of']}" if r else "[x]"
    return None


def bench_expect(cands, geo, year):
    """The strings a cell giving GEO for YEAR may show, for one of the rows
    CANDS: [z] (not applicable) for a measure the Department does not
    publish."""
    out = set()
    for r in cands:
        if not r.metric.get("benchmarks"):
            out.add("[z]")
            continue
        s = bench_shown(bench_of(r, year), geo)
        out.add(s if s is not None else "(no comparison for %s in the JSON)" % year)
    return out


def bench_sources(o, out):
    """Every "file, line N" the area's figure was read from."""
    if isinstance(o, dict):
        s = o.get("source")
        if isinstance(s, dict) and s.get("file"):
            out.add(f"{s['file']}, line {s['line']}")
        for k, v in o.items():
            if k != "source":
                bench_sources(v, out)
    elif isinstance(o, list):
        for v in o:
            bench_sources(v, out)
    return out


def check_bench_sheet(name, cells, by_label):
    """The Benchmarks sheet: one row a measure and year; every figure, the
    neighbours with a figure, the rank and the files it was read from as the
    JSON gives them for that measure and year."""
    head_row = None
    for rn in range(1, 10):
        if cells.get(f"A{rn}", ("",))[0] == "Measure":
            head_row = rn
            break
    if head_row is None:
        problem("xlsx", f"{name}", "a header row beginning \"Measure\"", "none")
        return
    heads = {col_of(k): norm(v[0]) for k, v in cells.items() if re.fullmatch(r"[A-Z]+%d" % head_row, k)}
    ycol = [c for c, h in heads.items() if h == "Year"]
    if not ycol:
        problem("xlsx", f"{name}!{head_row}", "a column \"Year\"", " | ".join(heads.values()))
        return
    geos = {c: bench_geo(h)[0] for c, h in heads.items()}
    for g in ("area", "england", "region", "neighbours", "rank"):
        if g not in geos.values():
            problem("xlsx", f"{name}!{head_row}", f"a column for {g}", " | ".join(heads.values()))
    seen = set()
    rn = head_row + 1
    while f"A{rn}" in cells:
        label = norm(cells[f"A{rn}"][0])
        y = cells.get(f"{ycol[0]}{rn}", ("",))[0]
        cands = [r for r in by_label.get(label.lower(), []) if r.metric.get("benchmarks")]
        if not cands:
            problem("xlsx", f"{name}!A{rn}", "a measure the JSON compares", label)
            rn += 1
            continue
        bs = [bench_of(r, y) for r in cands]
        if not any(bs):
            problem("xlsx", f"{name}!{ycol[0]}{rn} ({label})", "a year the JSON compares "
                    + " or ".join(sorted({b["year"] for r in cands for b in r.metric["benchmarks"]})), y)
            rn += 1
            continue
        seen.add((cands[0].id, y))
        for col, h in sorted(heads.items()):
            shown = cells.get(f"{col}{rn}", ("",))[0]
            where = f"{name}!{col}{rn} ({label} {y} / {h})"
            if geos.get(col):
                want = bench_expect(cands, geos[col], y)
            elif h == "Unit":
                want = {UNIT_WORDS.get(r.unit, r.unit) for r in cands}
            elif h == "Read from":
                # The files and lines, each once (a figure worked out from
                # several cells of one line names that line for each).
                want = set()
                for b in bs:
                    if b:
                        want.add("; ".join(sorted(bench_sources(b.get("area"), set()))))
                shown = "; ".join(sorted({re.sub(r" \[note \d+\]", "", p).strip() for p in shown.split(";")}))
            else:
                continue
            if shown in want:
                ok("xlsx")
            else:
                problem("xlsx", where, " or ".join(sorted(repr(w) for w in want)), shown)
        rn += 1
    # Every comparison the JSON gives has its row.
    for r in {r.id: r for rs in by_label.values() for r in rs if r.metric.get("benchmarks")}.values():
        for b in r.metric["benchmarks"]:
            if (r.id, b["year"]) not in seen:
                problem("xlsx", name, f"a row for {r.label} {b['year']}", "none")


# "Referrals per 10,000 children: Stockport 515.5, England 545.0, North
# West 534.5, Statistical neighbours' average 550.3; below England (545.0 per
# 10,000) and the neighbours' average (550.3, of 9 of the 10 neighbours)."
def check_bench_alt(desc, by_label, year):
    shown_rx = r"(?:%s|\[[a-z]+\])" % NUM
    chart = desc.split(". ")[0]
    for m in re.finditer(r"(?:^|\. )([^.:;]+): ([^;]*?)(?:; ([^;]*?))?(?=\.(?: |$)|$)", desc):
        cands = [r for r in by_label.get(m.group(1).lower(), []) if r.metric.get("benchmarks")]
        parts = [re.fullmatch(r"(.+) (%s)" % shown_rx, p) for p in m.group(2).split(", ")]
        if not cands or not parts or not all(parts):
            continue
        where = f"the text alternative \"{chart}\": {m.group(1)}"
        for p in parts:
            geo = bench_geo(p.group(1))[0]
            if geo is None:
                problem("html", where, "a figure for the area, England, the region or the neighbours' average",
                        p.group(0))
                continue
            want = bench_expect(cands, geo, year)
            if p.group(2) in want:
                ok("html")
            else:
                problem("html", f"{where} / {p.group(1)}", " or ".join(sorted(repr(w) for w in want)), p.group(2))
        said = m.group(3) or ""
        for e in re.finditer(r"England \((%s) per 10,000\)" % NUM, said):
            want = bench_expect(cands, "england", year)
            if e.group(1) in want:
                ok("html")
            else:
                problem("html", f"{where} / England", " or ".join(sorted(repr(w) for w in want)), e.group(1))
        for e in re.finditer(r"neighbours' average \((%s), of (\d+) of the (\d+) neighbours\)" % NUM, said):
            for geo, got in (("neighbours", e.group(1)), ("with a figure", f"{e.group(2)} of {e.group(3)}")):
                want = bench_expect(cands, geo, year)
                if got in want:
                    ok("html")
                else:
                    problem("html", f"{where} / neighbours' average", " or ".join(sorted(repr(w) for w in want)), got)


# A unit's code (the JSON's and the CSV's) and its words (the workbook's).
UNIT_WORDS = {
    "count": "count",
    "money": "\u00a3",
    "percentage": "%",
    "rate": "per 10,000 children aged 0 to 17",
    "ratio": "ratio",
}


def expectations(cands, head, this_year, numeric=False):
    """The strings a cell under HEAD may show for one of the rows CANDS, or
    None when the column is not one the check understands."""
    head = bare(head)
    h = head.strip().lower()
    out = set()
    if YEAR.match(head.strip()):
        for r in cands:
            out.add(r.in_year(head.strip(), this_year))
    elif h in ("change", "change from the year before"):
        for r in cands:
            out.update([r.words, r.change])
            if numeric and r.change and r.change[:1] in "+-":
                c = r.change.lstrip("+")  # a number in a cell has no sign when positive
                out.add(c)
                if r.unit == "percentage":
                    # A workbook keeps percentages as fractions shown as
                    # 0.0%: a change of 1.6 points is the fraction 0.016,
                    # shown as 1.6% under the column "Change" (the
                    # percentage change is the column "Change (%)").
                    out.add(c + "%")
    elif h in ("change (%)", "% change", "change %"):
        for r in cands:
            out.add(r.change_percent)
            if numeric and r.change_percent and r.change_percent.startswith("+"):
                out.add(r.change_percent[1:])
    elif h == "unit":
        # The JSON and the CSV give the unit's code; the workbook, for a
        # reader, its words.
        for r in cands:
            out.update([r.unit, UNIT_WORDS.get(r.unit, r.unit)])
    elif h == "baseline":
        for r in cands:
            out.add(r.cshown)
    elif h == "baseline year":
        for r in cands:
            out.add(r.cyear)
    elif h in ("year before", "compared with"):
        for r in cands:
            out.add(f"{r.cyear}: {r.cshown}")
    else:
        return None
    return out


# ---- the CSV, row by row against the JSON ---------------------------------
def csv_value(v):
    """A figure as the CSV gives it: the number itself, or its shorthand."""
    if not v:
        return ""
    if v.get("value") is None:
        return v.get("shown", "")
    x = v["value"]
    return str(int(x)) if float(x) == int(x) and "." not in str(x) else str(x)


def check_csv(path, rows, year):
    got = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    if len(got) != len(rows):
        problem("csv", "rows", f"{len(rows)} rows as in the JSON", f"{len(got)} rows")
    for i, (c, r) in enumerate(zip(got, rows), start=2):
        where = f"line {i} ({r.id}: {r.label})"
        want = {
            "metric": r.id,
            "row": "" if r.single else r.label,
            "unit": r.unit,
            "year": year,
            "shown": r.value["shown"],
            "compared_year": r.cyear or "",
            "compared_value": csv_value(r.raw.get("compared_with", {}).get("value")),
            "change": r.change or "",
            "change_percent": r.change_percent or "",
            "change_in_words": r.words,
            "rate_per_10000": r.raw.get("rate_per_10000", ""),
            "period": r.metric.get("period", ""),
        }
        for k, v in want.items():
            if norm(c.get(k)) != norm(v):
                problem("csv", f"{where} {k}", repr(v), c.get(k))
            else:
                ok("csv")
        v = r.value["value"]
        if v is not None and c.get("value") not in (str(v), repr(v)):
            try:
                same = float(c.get("value")) == float(v)
            except ValueError:
                same = False
            if not same:
                problem("csv", f"{where} value", repr(v), c.get("value"))


# ---- the HTML: its tables, cell by cell -----------------------------------
class Tables(html.parser.HTMLParser):
    """Every table, and each list of key figure tiles as a table of the
    year's figures (what each counts, and its number)."""

    def __init__(self, year=""):
        super().__init__(convert_charrefs=True)
        self.year = year
        self.tile = None  # the key figure tile being read: {class: words}
        self.tile_part = None
        self.tables = []
        self.cur = None
        self.cell = None
        self.text = []
        self.desc = None
        self.descs = []  # the charts' text alternatives

    def handle_starttag(self, tag, attrs):
        if tag == "desc":
            self.desc = []
        cls = dict(attrs).get("class") or ""
        if tag == "ul" and cls == "tiles":
            self.cur = {"caption": "key figures", "head": ["", self.year], "rows": [], "tiles": True}
            return
        if self.cur is not None and self.cur.get("tiles"):
            if tag == "li":
                self.tile = {}
            elif tag == "span" and self.tile is not None and cls in ("big", "what"):
                self.tile_part = cls
                self.tile[cls] = []
            return
        if tag == "table":
            self.cur = {"caption": "", "head": [], "rows": []}
            self.section = None
        elif self.cur is None:
            return
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td", "caption"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "desc" and self.desc is not None:
            self.descs.append(norm("".join(self.desc)))
            self.desc = None
        if self.cur is not None and self.cur.get("tiles"):
            if tag == "span":
                self.tile_part = None
            elif tag == "li" and self.tile is not None:
                self.cur["rows"].append([norm("".join(self.tile.get("what", []))),
                                         norm("".join(self.tile.get("big", [])))])
                self.tile = None
            elif tag == "ul":
                self.tables.append(self.cur)
                self.cur = None
            self.text.append(" ")
            return
        if tag in ("p", "li", "div", "h1", "h2", "h3", "h4", "td", "th", "figcaption", "caption", "tr"):
            self.text.append(" ")
        if self.cur is None:
            return
        if tag == "caption":
            self.cur["caption"] = norm("".join(self.cell))
            self.cell = None
        elif tag in ("th", "td") and self.cell is not None:
            self.row.append(norm("".join(self.cell)))
            self.cell = None
        elif tag == "tr":
            if self.section == "thead":
                self.cur["head"] = self.row
            else:
                self.cur["rows"].append(self.row)
        elif tag == "table":
            self.tables.append(self.cur)
            self.cur = None

    def handle_data(self, data):
        if self.tile_part is not None:
            self.tile[self.tile_part].append(data)
        if self.desc is not None:
            self.desc.append(data)
        if self.cell is not None:
            self.cell.append(data)
        self.text.append(data)


def table_rows(caption, by_label, rows):
    """The rows a table with CAPTION is about: a metric whose label the
    caption names narrows the search to that metric."""
    cap = re.sub(r"^(Figure|Table) \d+[:.] ", "", caption).lower()
    cap = re.sub(r", \d+ \w+ \d{4} to \d+ \w+ \d{4}$", "", cap)
    ids = {r.id for r in rows if r.metric["label"].lower() == cap}
    return ids


def cell_checks(table, by_label, rows, year):
    """Yield (row label, column head, expected set, shown) for every cell of
    TABLE the check understands."""
    ids = table_rows(table["caption"], by_label, rows)
    head = table["head"]
    # A comparison table (the area's figures with England's): its columns
    # are the geographies, for the report's year.
    compares = "England" in head
    for r in table["rows"]:
        if not r:
            continue
        label = r[0]
        for j, cell in enumerate(r[1:], start=1):
            h = head[j] if j < len(head) else ""
            cands = by_label.get(label.lower(), [])
            colh = h
            if not cands and YEAR.match(label) and h:
                # Years down the side, labels along the top.
                cands = by_label.get(h.lower(), [])
                colh = label
            if ids:
                narrowed = [c for c in cands if c.id in ids]
                cands = narrowed or cands
            if not cands:
                continue
            geo, gy = bench_geo(h) if compares else (None, None)
            if geo:
                yield label, h, bench_expect(cands, geo, gy or year), cell
                continue
            want = expectations(cands, colh, year)
            if want is None:
                continue
            yield label, h, want, cell


def check_html(path, by_label, rows, year, threshold):
    p = Tables(year)
    p.feed(open(path, encoding="utf-8").read())
    for t in p.tables:
        for label, h, want, cell in cell_checks(t, by_label, rows, year):
            if cell in want:
                ok("html")
            else:
                problem("html", f"{t['caption']}: {label} / {h}", " or ".join(sorted(repr(w) for w in want)), cell)
        if threshold:
            for r in t["rows"]:
                for j, cell in enumerate(r[1:], start=1):
                    h = t["head"][j] if j < len(t["head"]) else ""
                    if small(cell, threshold) and not h.lower().startswith("change"):
                        problem("html", f"{t['caption']}: {r[0]} / {h}",
                                f"[c] (counts from 1 to {threshold} are hidden)", cell)
    for d in p.descs:
        check_alt(d, by_label, rows, year)
        check_bench_alt(d, by_label, year)
    return p.tables, norm(" ".join(p.text))


def small(shown, threshold):
    """Whether SHOWN is a count disclosure control should have hidden."""
    return re.fullmatch(r"[0-9]+", shown or "") is not None and 1 <= int(shown) <= threshold


NUM = r"£?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?%?"


def check_alt(desc, by_label, rows, year):
    """A chart's text alternative gives the figures the metrics give: totals
    ("2024-25: 410 plans in all", "Total: £228,550") and the largest and
    smallest entries, named ("Largest in 2024-25: Q1, 1,012 referrals")."""
    chart = desc.split(". ")[0]
    for m in re.finditer(r"(\d{4}-\d{2}): (%s) [^.:]*?in all" % NUM, desc):
        y, n = m.group(1), m.group(2)
        if any(r.single and r.in_year(y, year) == n for r in rows):
            ok("html")
        else:
            # The metrics the chart's title names, with their figures.
            named = [f"{r.id} {r.in_year(y, year)}" for r in rows
                     if r.single and r.label.lower() in chart.lower()]
            problem("html", f"the text alternative \"{chart}\"",
                    f"a total for {y} that a metric gives ({', '.join(named) or 'none named'})",
                    m.group(0))
    # "Referrals to children's social care: 3,944, down 3.6% from 4,093."
    for m in re.finditer(r"(?:^|\. )([^.:]+): (%s)(?=[,. ]|$)" % NUM, desc):
        cands = [r for r in by_label.get(m.group(1).lower(), []) if r.single]
        if not cands:
            continue
        if any(r.value["shown"] == m.group(2) for r in cands):
            ok("html")
        else:
            problem("html", f"the text alternative \"{chart}\"",
                    " or ".join(sorted({r.value["shown"] for r in cands})) + f" for {m.group(1)}",
                    m.group(0).lstrip(". "))
    for m in re.finditer(r"\bTotal: (%s)" % NUM, desc):
        if any(r.single and r.value["shown"] == m.group(1) for r in rows):
            ok("html")
        else:
            problem("html", f"the text alternative \"{chart}\"", "a total that a metric gives", m.group(0))
    for m in re.finditer(r"\b(?:Largest|Smallest)(?: in (\d{4}-\d{2}))?: (.+?), (%s)(?=[ .])" % NUM, desc):
        y = m.group(1) or year
        cands = by_label.get(m.group(2).lower(), [])
        if not cands:
            continue
        if any(r.in_year(y, year) == m.group(3) for r in cands):
            ok("html")
        else:
            problem("html", f"the text alternative \"{chart}\"",
                    " or ".join(sorted({r.in_year(y, year) for r in cands})) + f" for {m.group(2)} in {y}",
                    m.group(0))


# ---- the PDF's text: the same tables, as pdftotext reads them -------------
def check_pdf(path, tables, by_label, rows, year, htext):
    text = norm(open(path, encoding="utf-8", errors="replace").read())
    for t in tables:
        if t["caption"].startswith("Table "):
            cap = re.sub(r"^Table (\d+): ", r"Table \1. ", t["caption"])
        elif "England" in t["head"]:
            # The dot plot's figures: the PDF gives them in the appendix, as
            # "Table A12. Figure 12: How ... compares: ...".
            m = re.search(r"Table A\d+\. " + re.escape(t["caption"]), text)
            cap = m.group(0) if m else f"Table A?. {t['caption']}"
        else:
            continue  # a figure's table is in the HTML only; the PDF draws the chart
        at = text.find(cap)
        if at < 0:
            problem("pdf", t["caption"], "the table's caption", "nothing")
            continue
        body = text[at:]
        head = " ".join(h for h in t["head"] if h)
        after = body[len(cap):]
        if after.startswith("."):  # the full stop a caption ends with before its note
            after = after[1:]
        after = after.lstrip()
        if not after.startswith(head):
            # The PDF prints a table's note under its caption, before its
            # rows: words that must be the page's words too, not figures.
            gap = after.find(" " + head)
            note = after[:gap].strip() if gap > 0 else ""
            # A word hyphenated where pdftotext broke the line
            # ("year-on- year") is the HTML's word ("year-on-year").
            joined = re.sub(r"(?<=\w)- (?=\w)", "-", norm(note))
            if not note or (norm(note) not in htext and joined not in htext):
                problem("pdf", f"{cap}: column heads", repr(head), after[:len(head) + 40].strip())
                continue
            body = cap + " " + after[gap:].lstrip()
        want_of = {}
        for label, h, want, cell in cell_checks(t, by_label, rows, year):
            want_of[(label, h)] = want
        for r in t["rows"]:
            if not r:
                continue
            parts = [re.escape(r[0])]
            known = False
            for j, cell in enumerate(r[1:], start=1):
                h = t["head"][j] if j < len(t["head"]) else ""
                want = want_of.get((r[0], h))
                if want:
                    known = True
                    parts.append("(?:" + "|".join(re.escape(w) for w in sorted(want, key=len, reverse=True)) + ")")
                else:
                    parts.append(re.escape(cell))
            if not known:
                continue
            if re.search(r"\s".join(parts).replace(r"\ ", r"\s"), body):
                ok("pdf")
            else:
                i = body.find(r[0] + " ")
                found = body[i:i + len(" ".join(r)) + 30] if i >= 0 else "no such row"
                expect = " ".join([r[0]] + [
                    "|".join(sorted(want_of.get((r[0], t["head"][j] if j < len(t["head"]) else ""), {c})))
                    for j, c in enumerate(r[1:], start=1)])
                problem("pdf", f"{cap}: {r[0]}", repr(expect), found)
    return text


def check_words(output, text, rows):
    """Every change said in words is one the metrics give."""
    allowed = set()
    for r in rows:
        for m in CHANGE_WORDS.finditer(r.words):
            allowed.add(m.group(0))
    for m in CHANGE_WORDS.finditer(text):
        if m.group(0) in allowed:
            ok(output)
        else:
            ctx = text[max(0, m.start() - 60):m.end() + 10]
            problem(output, f"the words \"...{ctx}...\"", "a change the metrics give", m.group(0))


# ---- the workbook: shared strings, numbers with their formats -------------
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def fmt_number(v, code):
    """A number as Excel shows it with CODE (the formats the annex uses)."""
    if code in (None, "General", ""):
        return repr(v) if v != int(v) else str(int(v))
    pct = code.endswith("%")
    x = v * 100 if pct else v
    m = re.search(r"0\.(0+)", code)
    dp = len(m.group(1)) if m else 0
    # Half away from zero, as the report rounds.
    q = abs(x) * 10 ** dp
    q = int(q + 0.5 + 1e-9) / 10 ** dp
    s = f"{q:,.{dp}f}" if "," in code else f"{q:.{dp}f}"
    if x < 0 and q != 0:
        s = "-" + s
    prefix = "£" if code.startswith("£") else ""
    if s.startswith("-"):
        return "-" + prefix + s[1:] + ("%" if pct else "")
    return prefix + s + ("%" if pct else "")


def col_of(ref):
    return re.match(r"[A-Z]+", ref).group(0)


# The number each numeric cell stores, with its format: (sheet, ref) -> (value, code).
RAW = {}
FORMULA = re.compile(r"^=?(\(?)([A-Z]+\d+)-([A-Z]+\d+)(\)/([A-Z]+\d+))?$")


def recalculate(name, formula):
    """A change formula (=D7-C7, =(D7-C7)/C7, or over the Baseline column)
    worked out from the numbers the cells store, as Excel does when it opens
    the workbook (it recalculates on load): None when it is not one of
    those forms or a cell it names holds no number."""
    m = FORMULA.match(formula.replace(" ", ""))
    if not m or bool(m.group(1)) != bool(m.group(4)):
        return None
    a, b = RAW.get((name, m.group(2))), RAW.get((name, m.group(3)))
    if a is None or b is None:
        return None
    d = a[0] - b[0]
    if m.group(4):
        c = RAW.get((name, m.group(5)))
        if c is None or c[0] == 0:
            return None
        d = d / c[0]
    return d


def read_workbook(path):
    z = zipfile.ZipFile(path)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    st = ET.fromstring(z.read("xl/styles.xml"))
    codes = {14: "d/m/yyyy", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%"}
    for nf in st.iter("{%s}numFmt" % NS["m"]):
        codes[int(nf.get("numFmtId"))] = nf.get("formatCode")
    xfs = [int(x.get("numFmtId", 0)) for x in st.find("m:cellXfs", NS).findall("m:xf", NS)]
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    sheets = []
    for s in wb.find("m:sheets", NS):
        t = target[s.get(REL)]
        t = t[1:] if t.startswith("/") else "xl/" + t
        cells = {}
        for c in ET.fromstring(z.read(t)).iter("{%s}c" % NS["m"]):
            v = c.find("m:v", NS)
            f = c.find("m:f", NS)
            if v is None:
                is_ = c.find("m:is", NS)
                if is_ is not None:
                    cells[c.get("r")] = ("".join(x.text or "" for x in is_.iter("{%s}t" % NS["m"])), None, False)
                continue
            if c.get("t") == "s":
                cells[c.get("r")] = (strings[int(v.text)], None, False)
            elif c.get("t") in ("str", "inlineStr"):
                cells[c.get("r")] = (v.text or "", f.text if f is not None else None, False)
            else:
                code = codes.get(xfs[int(c.get("s", 0))], "General")
                cells[c.get("r")] = (fmt_number(float(v.text), code), f.text if f is not None else None, True)
                RAW[(s.get("name"), c.get("r"))] = (float(v.text), code)
        sheets.append((s.get("name"), cells))
    return sheets, strings


def disclosure_threshold(strings):
    """The threshold the workbook's notes state ("Counts from 1 to 5 are
    hidden as [c]"), or 0 when disclosure control is off."""
    for s in strings:
        m = re.search(r"Counts from 1 to (\d+) are hidden", s)
        if m:
            return int(m.group(1))
    return 0


def check_xlsx(path, by_label, rows, year):
    sheets, strings = read_workbook(path)
    threshold = disclosure_threshold(strings)
    for name, cells in sheets:
        if name == "Benchmarks":
            check_bench_sheet(name, cells, by_label)
            continue
        if threshold:
            heads3 = {col_of(k): v[0] for k, v in cells.items() if re.fullmatch(r"[A-Z]+3", k)}
            for k, (shown, formula, numeric) in cells.items():
                rn = int(re.search(r"\d+", k).group(0))
                h = heads3.get(col_of(k), "")
                if rn > 3 and formula is None and numeric and small(shown, threshold) \
                        and not h.lower().startswith("change"):
                    problem("xlsx", f"{name}!{k} ({cells.get(f'A{rn}', ('',))[0]} / {h})",
                            f"[c] (counts from 1 to {threshold} are hidden)", shown)
        head_row = None
        for rn in range(1, 8):
            if any(YEAR.match(bare(cells.get(f"{c}{rn}", ("", None))[0])) for c in "BCDEFGH"):
                head_row = rn
                break
        if head_row is None:
            continue
        heads = {col_of(k): v[0] for k, v in cells.items() if re.fullmatch(r"[A-Z]+%d" % head_row, k)}
        sid = name.lower().replace("_", "-")
        ids = {r.id for r in rows if r.id == sid}
        rn = head_row + 1
        while f"A{rn}" in cells:
            label = norm(cells[f"A{rn}"][0])
            cands = by_label.get(label.lower(), [])
            if ids:
                cands = [c for c in cands if c.id in ids] or cands
            elif name in ("Summary", "Local_measures"):
                cands = [c for c in cands if c.single] or cands
            for col, h in sorted(heads.items()):
                if col == "A" or f"{col}{rn}" not in cells or not cands:
                    continue
                shown, formula, _ = cells[f"{col}{rn}"]
                if formula:
                    # What a reader sees: Excel recalculates on opening, so
                    # the formula's result from the stored cells, not the
                    # cached value, is what must agree.
                    got = recalculate(name, formula)
                    code = RAW.get((name, f"{col}{rn}"), (0, "General"))[1]
                    if got is None:
                        problem("xlsx", f"{name}!{col}{rn} ({label}) ={formula}",
                                "a change formula over numbers", "a formula that cannot be worked out")
                    else:
                        recalc = fmt_number(got, code)
                        if recalc != shown:
                            problem("xlsx", f"{name}!{col}{rn} ({label}) ={formula}",
                                    f"the cached result {shown!r} to equal the recalculated one", recalc)
                        shown = recalc
                geo, gy = bench_geo(h)
                if geo:
                    # The Summary's comparison columns: "England 2019-20".
                    want = bench_expect(cands, geo, gy or year)
                else:
                    want = expectations(cands, h, year, numeric=formula is not None or shown[:1].isdigit())
                if want is None:
                    continue
                where = f"{name}!{col}{rn} ({label} / {h})"
                if shown in want:
                    ok("xlsx")
                else:
                    problem("xlsx", where, " or ".join(sorted(repr(w) for w in want)), shown)
                if formula:
                    check_formula(name, col, rn, formula, heads, cells, cands, year, label)
            rn += 1


def check_formula(name, col, rn, formula, heads, cells, cands, year, label):
    """A change formula subtracts the figure compared with, and that figure's
    column is headed with the year it was compared with (or is the column
    "Baseline", beside a "Baseline year" that says the year)."""
    refs = re.findall(r"([A-Z]+)(\d+)", formula)
    cols = [c for c, r in refs if int(r) == rn]
    base = set()
    for c in cols:
        h = bare(heads.get(c, ""))
        if h == "Baseline":
            yc = [k for k, v in heads.items() if v == "Baseline year"]
            h = cells.get(f"{yc[0]}{rn}", ("",))[0] if yc else ""
            h = h or "a baseline column without its year"
        if h != year:
            base.add(h)
    cyears = {c.cyear for c in cands}
    for b in sorted(base):
        if b not in cyears:
            problem("xlsx", f"{name}!{col}{rn} ({label}) ={formula}",
                    f"a change from {' or '.join(sorted(y or '?' for y in cyears))}",
                    f"a change from the column headed {b}")
        else:
            ok("xlsx")


# ---- numbers in the prose ---------------------------------------------------
# Every figure-like token (3,944, £12,500, 21.4%, 7) in the HTML's paragraphs
# and list items, outside tables, charts and captions, must be a number that
# `metrics --format json` gives somewhere for the year (a value, a change, a
# rate, a trend year's value, a note), or one typed by hand in the narrative
# Markdown, the partnership file or the report templates (LITERAL_SOURCES on
# the command line). Dates ("17 March 2020"), years and year ranges, and
# "Figure 3", "Table 2", "section 11", "Quarter 4", an age range ("aged 0 to
# 17") are not figures. A token is
# compared as a number, without £, commas or %. The PDF text has the same
# prose: each token of an HTML paragraph is found in it by the words before
# it (or, at a paragraph's start, after it), and the PDF's token there must be
# the HTML's and allowed too; page numbers and chart ticks, which have no
# such words, are not read.
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
PROSE_NUM = re.compile(r"£?(?<![\w.])(?<![A-Za-z]-)\d+(?:,\d{3})*(?:\.\d+)?%?")
NOT_FIGURES = [re.compile(p) for p in (
    r"\b\d{1,2}(?:st|nd|rd|th)? (?:%s)(?: \d{4})?\b" % MONTHS,
    r"\b(?:%s) \d{4}\b" % MONTHS,
    r"\b\d{4}-\d{2}\b",
    r"\b(?:19|20)\d{2}\b",
    r"\b(?:Figure|Table|note|page|Page|section|Section|Quarter|quarter|q)\s?\d+\b",
    r"\baged \d+ to \d+\b",
)]


def canon(tok):
    t = tok.replace("£", "").replace(",", "").rstrip("%")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return t.lstrip("0") or "0"


def figure_spans(text):
    """The figure-like tokens of TEXT, as match objects, leaving out dates,
    years and numbered things."""
    masked = text
    for p in NOT_FIGURES:
        masked = p.sub(lambda m: " " * len(m.group(0)), masked)
    return list(PROSE_NUM.finditer(masked))


def json_numbers(o, out):
    if isinstance(o, dict):
        for v in o.values():
            json_numbers(v, out)
    elif isinstance(o, list):
        for v in o:
            json_numbers(v, out)
    elif isinstance(o, str):
        out.update(canon(m.group(0)) for m in PROSE_NUM.finditer(o))
    elif isinstance(o, (int, float)) and not isinstance(o, bool):
        out.add(canon(repr(o)))


def literal_numbers(paths):
    out = set()
    for p in paths:
        walk = os.walk(p) if os.path.isdir(p) else [(os.path.dirname(p), None, [os.path.basename(p)])]
        for root, _, files in walk:
            for f in files:
                if f.endswith((".md", ".yaml")) and os.path.isfile(os.path.join(root, f)):
                    text = open(os.path.join(root, f), encoding="utf-8").read()
                    out.update(canon(m.group(0)) for m in figure_spans(text))
    return out


class Prose(html.parser.HTMLParser):
    """The text of each paragraph and list item outside tables, charts
    (key figure tiles too) and captions."""
    SKIP = ("table", "svg", "script", "style", "figcaption", "nav")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.uls = []  # for each open <ul>, whether it is key figure tiles
        self.skip = 0
        self.depth = 0
        self.cur = []
        self.paras = []

    def handle_starttag(self, tag, attrs):
        if tag == "ul":
            self.uls.append(dict(attrs).get("class") == "tiles")
            self.skip += self.uls[-1]
        if tag in self.SKIP:
            self.skip += 1
        elif tag in ("p", "li") and not self.skip:
            if self.depth:
                self.paras.append(norm("".join(self.cur)))
            self.depth += 1
            self.cur = []

    def handle_endtag(self, tag):
        if tag == "ul" and self.uls:
            self.skip = max(0, self.skip - self.uls.pop())
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("p", "li") and self.depth:
            self.depth -= 1
            self.paras.append(norm("".join(self.cur)))
            self.cur = []

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.cur.append(data)


def check_prose(htmlp, pdfp, jsp, literal_paths):
    allowed = set()
    json_numbers(json.load(open(jsp, encoding="utf-8")), allowed)
    literal = literal_numbers(literal_paths)
    p = Prose()
    p.feed(open(htmlp, encoding="utf-8").read())
    pdf = norm(open(pdfp, encoding="utf-8", errors="replace").read())
    for para in p.paras:
        for m in figure_spans(para):
            t = m.group(0)
            ctx = para[max(0, m.start() - 50):m.end() + 20]
            if canon(t) in allowed or canon(t) in literal:
                ok("html")
            else:
                problem("html", f"the words \"...{ctx}...\"",
                        "a number metrics --format json gives, or one typed in the narrative", t)
            # The same token in the PDF's text, found by the words around it.
            pre = para[max(0, m.start() - 40):m.start()]
            if len(pre) == 40:
                pre = pre[pre.find(" ") + 1:]
            if len(pre.strip()) >= 8:
                rx = r"\s*".join(re.escape(w) for w in pre.split()) + r"\s*(" + PROSE_NUM.pattern + ")"
            else:
                post = para[m.end():m.end() + 40]
                if len(post) == 40:
                    post = post[:post.rfind(" ")]
                if len(post.strip()) < 8:
                    continue
                rx = "(" + PROSE_NUM.pattern + r")\s*" + r"\s*".join(re.escape(w) for w in post.split())
            hits = [h.group(1) for h in re.finditer(rx, pdf)]
            if not hits:
                continue
            for h in hits:
                if h == t:
                    ok("pdf")
                    break
            else:
                problem("pdf", f"the words \"...{ctx}...\"", f"{t} (as in the HTML)", " or ".join(hits))


def main(argv):
    if len(argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    js, csvp, pdf, htmlp, xlsx = argv[1:6]
    literal_paths = argv[6:]
    year, rows = load_metrics(js)
    by_label = index(rows)
    load_names(rows)
    check_csv(csvp, rows, year)
    threshold = disclosure_threshold(read_workbook(xlsx)[1])
    tables, htext = check_html(htmlp, by_label, rows, year, threshold)
    check_words("html", htext, rows)
    ptext = check_pdf(pdf, tables, by_label, rows, year, htext)
    check_words("pdf", ptext, rows)
    check_xlsx(xlsx, by_label, rows, year)
    check_prose(htmlp, pdf, js, literal_paths)
    for out in ("pdf", "html", "xlsx", "csv"):
        for p in problems.get(out, []):
            print(p)
        print(f"{out}: {'FAIL' if out in problems else 'ok'}: {checked.get(out, 0)} figures agree,"
              f" {len(problems.get(out, []))} disagree")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
