#!/usr/bin/env python3
"""Writes the bundled sample with N more partners to DIR, for the scale
benchmark: each extra partner sends, for 2019-20 and 2018-19, one file
with two local measures of its own and its training attendees by course,
so a year holds N more files, 2N more measures and N more training lines.

    gen-scale.py SOURCE_DIR N DIR

SOURCE_DIR is the top of the project (its data/ is copied). The figures
come from a fixed formula, so every run writes the same files.
"""
import os
import shutil
import sys


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    src, n, out = argv[1], int(argv[2]), argv[3]
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(os.path.join(src, "data"), out, ignore=shutil.ignore_patterns("samples"))
    p = open(os.path.join(out, "partnership.yaml"), encoding="utf-8").read()
    add = "".join(f"  - id: agency-{k:05d}\n    name: Agency number {k}\n" for k in range(n))
    p = p.replace("\npartners:\n", "\npartners:\n" + add, 1)
    open(os.path.join(out, "partnership.yaml"), "w", encoding="utf-8").write(p)
    for year in ("2019-20", "2018-19"):
        for k in range(n):
            f = [f"format: 1", f"partner: agency-{k:05d}", f"year: {year}",
                 "contact: Data lead", "", "performance:", "  measures:",
                 f"    - id: a{k:05d}-visits", f"      label: Home visits by agency {k}",
                 f"      count: {10 + (k * 37 + len(year)) % 400}",
                 f"    - id: a{k:05d}-cases", f"      label: Open cases at agency {k}",
                 f"      count: {5 + (k * 53) % 300}", ""]
            open(os.path.join(out, year, f"agency-{k:05d}.yaml"), "w", encoding="utf-8").write(
                "\n".join(f))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
