#!/usr/bin/env python3
"""Writes the bundled sample with a long 2019-20 report to DIR, for the
benchmark's 120-page row: every narrative file of the year gets more
subsections of made-up words (paragraphs short and long, lists and
quotations), and among them copies of the sample's charts under new ids
(defined in DIR/templates/charts.yaml, so each is a figure of its own in
the PDF, the HTML and the chart files) and more of its tables. With the
default SCALE of 1 the report comes to about 120 A4 pages (the sample's
is 34); `build` prints the count.

    gen-long.py SOURCE_DIR DIR [SCALE]

SOURCE_DIR is the top of the project (its data/ is copied). SCALE (a
positive number) multiplies, roughly, the words, charts and tables added
(in whole subsections and copies). The words are drawn from a small list
by a seeded generator, so every run writes the same files; they mean
nothing and are copied from nowhere.
"""
import os
import random
import shutil
import sys

# Made-up sentences are built from these; they only need to look like
# ordinary English to Pango (word lengths, hyphenation, line breaks).
ADJ = ("local", "new", "joint", "early", "clear", "small", "shared", "weekly", "careful",
       "regular", "different", "second", "open", "simple", "quiet", "steady", "useful")
NOUN = ("panel", "team", "plan", "review", "family", "school", "visit", "worker", "meeting",
        "record", "service", "report", "question", "group", "budget", "course", "step",
        "partner", "audit", "letter", "office", "street", "garden", "window", "morning")
VERB = ("checked", "changed", "opened", "agreed", "shared", "planned", "finished", "moved",
        "answered", "noted", "counted", "started", "asked about", "looked at", "kept")
LINK = ("and then", "because", "while", "after", "so that", "before", "although", "until")

# Added per section at SCALE 1, tuned on the sample to give ~120 pages.
SUBSECTIONS = 5        # ## headings added to each of the 13 narrative files
PARAGRAPHS = 4         # paragraphs under each
CHART_COPIES = 3       # copies of each of the sample's 11 charts
TABLE_COPIES = 3       # copies of each table below

# The sample's charts that any year with its data can draw, and tables.
CHARTS = ("key-figures", "referrals-by-quarter", "cp-plans-by-category", "cp-plans-by-year",
          "income", "expenditure", "contacts-by-outcome", "training-by-course",
          "training-by-agency", "children-in-need")
TABLES = ("cp-plans-by-category", "income-by-group", "expenditure-by-group",
          "referrals-by-quarter", "contacts-by-outcome", "training-by-course")


def sentence(rng):
    words = [rng.choice(("The", "Each", "Our", "That")), rng.choice(ADJ),
             rng.choice(NOUN), rng.choice(VERB), "the", rng.choice(NOUN)]
    if rng.random() < 0.6:
        words += ["of the", rng.choice(ADJ), rng.choice(NOUN)]
    if rng.random() < 0.5:
        words += [rng.choice(LINK), "the", rng.choice(NOUN), rng.choice(VERB), "it"]
    return " ".join(words) + rng.choice((".", ".", ".", "?"))


def paragraph(rng, n):
    return " ".join(sentence(rng) for _ in range(n))


def block(kind, ident):
    return f"```{kind} {ident}\n```\n"


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    src, out = argv[1], argv[2]
    try:
        scale = float(argv[3]) if len(argv) == 4 else 1.0
    except ValueError:
        scale = 0
    if scale <= 0:
        print("gen-long.py: SCALE must be a positive number", file=sys.stderr)
        return 2
    rng = random.Random(18)
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(os.path.join(src, "data"), out, ignore=shutil.ignore_patterns("samples"))

    # The copies of the charts: the same definition under a new id and title.
    base = os.path.join(src, "report-templates", "charts.yaml")
    lines = open(base, encoding="utf-8").read().split("\n")
    defs, cur = {}, None
    for line in lines:
        if line.startswith("  - id: "):
            cur = line[len("  - id: "):].strip()
            defs[cur] = []
        elif cur is not None and line.startswith("    ") and not line.lstrip().startswith("#"):
            defs[cur].append(line)
        elif not line.strip() or line.startswith("  #"):
            cur = None
    copies = max(1, round(CHART_COPIES * scale))
    chart_ids, extra = [], []
    for k in range(copies):
        for c in CHARTS:
            cid = f"{c}-copy-{k + 1}"
            chart_ids.append(cid)
            extra.append(f"  - id: {cid}")
            for line in defs[c]:
                if line.startswith("    title: "):
                    title = line[len("    title: "):].split("#")[0].strip().strip('"')
                    line = f'    title: "{title} (copy {k + 1})"'
                extra.append(line)
            extra.append("")
    charts = os.path.join(out, "templates", "charts.yaml")
    with open(charts, "a", encoding="utf-8") as f:
        f.write("\n# Copies of the default charts for the long benchmark report.\n")
        f.write("\n".join(extra) + "\n")
    tables = [t for _ in range(max(1, round(TABLE_COPIES * scale))) for t in TABLES]

    # Spread the figures over the narrative files' new subsections.
    ndir = os.path.join(out, "2019-20", "narrative")
    files = sorted(os.listdir(ndir))
    subs = max(1, round(SUBSECTIONS * scale))
    slots = len(files) * subs
    figures = [("chart", c) for c in chart_ids] + [("table", t) for t in tables]
    rng.shuffle(figures)
    per_slot = [[] for _ in range(slots)]
    for i, fig in enumerate(figures):
        per_slot[i * slots // len(figures)].append(fig)
    words = 0
    for fi, name in enumerate(files):
        text = ["", ""]
        for s in range(subs):
            title = " ".join(w.capitalize() if i == 0 else w
                             for i, w in enumerate((rng.choice(ADJ), rng.choice(NOUN), "work")))
            text.append(f"## {title} {s + 1}\n")
            figs = per_slot[fi * subs + s]
            for p in range(PARAGRAPHS):
                # Mostly ordinary paragraphs, now and then a long one, a list
                # or a quotation, as partners write.
                r = rng.random()
                if r < 0.1:
                    para = paragraph(rng, 30)
                elif r < 0.2:
                    para = "\n".join("- " + sentence(rng) for _ in range(rng.randint(3, 6)))
                elif r < 0.25:
                    para = "> " + paragraph(rng, 4)
                else:
                    para = paragraph(rng, rng.randint(3, 8))
                words += len(para.split())
                text.append(para + "\n")
                if p < len(figs):
                    text.append(block(*figs[p]))
            for fig in figs[PARAGRAPHS:]:
                text.append(block(*fig))
        with open(os.path.join(ndir, name), "a", encoding="utf-8") as f:
            f.write("\n".join(text))
    print(f"gen-long.py: {words} words, {len(chart_ids)} charts and {len(tables)} tables "
          f"added to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
