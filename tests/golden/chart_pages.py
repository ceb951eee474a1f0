#!/usr/bin/python3
"""Charts taller than a page: the made-up partnership of 40 partners
(tests/fixtures/gen-40.py), whose training by agency and attendance charts
are taller than a page, built as it is and on landscape pages (a
templates/report.yaml of `page: {orientation: landscape}` in its data
folder). Fails on:

- text drawn inside a Figure (a chart's labels, values, keys, axis titles)
  smaller than 9 points, measured from the content stream: each Tj or TJ
  at its Tf size times the scale of its text matrix and of the CTM, into
  form XObjects too;
- a chart cut into parts whose later parts have no "Figure N (continued)"
  over them;
- what golden/pages.py fails on (pages.check): a page under 40% full but
  where a page must end, a heading or list label alone at a page's foot,
  widows and orphans.

    chart_pages.py BIN SOURCE_DIR
"""
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import pikepdf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pages  # noqa: E402

TYPE_MIN = 9.0  # SR_CHART_TYPE_MIN in src/chart/chart.h


def mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def sizes(ops, ctm, res, tags, out, depth=0):
    """Appends (in_figure, size) for each piece of text shown by ops."""
    stack, tm, size = [], [1, 0, 0, 1, 0, 0], 0.0
    for operands, op in ops:
        o = str(op)
        if o == "q":
            stack.append(ctm[:])
        elif o == "Q" and stack:
            ctm = stack.pop()
        elif o == "cm":
            ctm = mul([float(x) for x in operands], ctm)
        elif o == "BT":
            tm = [1, 0, 0, 1, 0, 0]
        elif o == "Tm":
            tm = [float(x) for x in operands]
        elif o == "Td":
            tm = mul([1, 0, 0, 1, float(operands[0]), float(operands[1])], tm)
        elif o == "Tf":
            size = float(operands[1])
        elif o in ("BDC", "BMC"):
            tags.append(str(operands[0]))
        elif o == "EMC" and tags:
            tags.pop()
        elif o in ("Tj", "TJ", "'", '"'):
            m = mul(tm, ctm)
            out.append(("/Figure" in tags, size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))))
        elif o == "Do" and depth < 8:
            xo = res.get("/XObject", {}).get(operands[0]) if res is not None else None
            if xo is not None and xo.get("/Subtype") == "/Form":
                m = [float(x) for x in xo.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                sizes(pikepdf.parse_content_stream(xo), mul(m, ctm),
                      xo.get("/Resources", res), tags, out, depth + 1)


def check_type(name, pdf):
    ok = True
    with pikepdf.open(pdf) as doc:
        for i, page in enumerate(doc.pages, 1):
            out = []
            sizes(pikepdf.parse_content_stream(page), [1, 0, 0, 1, 0, 0],
                  page.obj.get("/Resources"), [], out)
            fig = [s for f, s in out if f]
            if fig and min(fig) < TYPE_MIN - 1e-6:
                print("FAIL: %s: page %d: chart text at %.2f points" % (name, i, min(fig)))
                ok = False
    return ok


def check_parts(name, pdf):
    """Each figure's later parts have "Figure N (continued)" over them."""
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout
    with pikepdf.open(pdf) as doc:
        alts = [str(e.get("/Alt", "")) for e in figures(doc.Root.StructTreeRoot)]
    parts = [m.group(1) for a in alts for m in [re.search(r"Part (\d+) of \d+: rows", a)] if m]
    split = parts.count("1")
    later = len(parts) - split
    said = len(re.findall(r"Figure \d+ \(continued\)", text))
    if later != said:
        print("FAIL: %s: %d later parts of charts, %d \"(continued)\" captions" %
              (name, later, said))
        return False, split
    return True, split


def figures(node, depth=0):
    if depth > 200:
        return
    if isinstance(node, pikepdf.Array):
        for k in node:
            yield from figures(k, depth + 1)
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            yield node
        if "/K" in node:
            yield from figures(node.K, depth + 1)


def main():
    binary, src = sys.argv[1], sys.argv[2]
    os.chdir(src)
    tmp = tempfile.mkdtemp()
    ok = True
    try:
        portrait = os.path.join(tmp, "gen-40")
        subprocess.run([sys.executable, "tests/fixtures/gen-40.py", "data/samples/fenbridge",
                        portrait], check=True, capture_output=True)
        landscape = os.path.join(tmp, "gen-40-landscape")
        shutil.copytree(portrait, landscape)
        os.makedirs(os.path.join(landscape, "templates"), exist_ok=True)
        with open(os.path.join(landscape, "templates", "report.yaml"), "w") as f:
            f.write("page: {orientation: landscape}\n")
        for name, data in (("gen-40", portrait), ("gen-40-landscape", landscape)):
            out = os.path.join(tmp, "out-" + name)
            r = subprocess.run([binary, "build", "2024-25", "--data", data, "--out", out],
                               capture_output=True, text=True,
                               env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
            if r.returncode != 0:
                print("FAIL: %s: build exited %d: %s" % (name, r.returncode, r.stderr))
                ok = False
                continue
            d = os.path.join(out, "2024-25")
            pdf = [os.path.join(d, f) for f in os.listdir(d) if f.endswith(".pdf")][0]
            ok = check_type(name, pdf) and ok
            good, split = check_parts(name, pdf)
            ok = good and ok
            if split == 0:
                print("FAIL: %s: no chart was cut into parts: the data no longer needs it?" % name)
                ok = False
            ok = pages.check(name, pdf, False) and ok
            print("%s: %d charts in parts" % (name, split))
    finally:
        shutil.rmtree(tmp)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
