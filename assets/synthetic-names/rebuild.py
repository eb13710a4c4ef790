#!/usr/bin/env python3
"""Rebuild surnames.csv from the U.S. Census Bureau's 2010 surname file.

usage: rebuild.py Names_2010Census.csv [--top 250] > surnames.csv

The Census file's columns are name,rank,count,...; names are upper case.  Census rows such as
"ALL OTHER NAMES" are skipped.  Edge-case names (accents, apostrophes, spaces) that the Census
file spells without diacritics are appended with small weights so that search keeps being
exercised on them.
"""
import csv
import sys

EDGE_CASES = [
    ("Muñoz", 151000), ("Peña", 92000), ("Nuñez", 60000), ("O'Brien", 55000),
    ("Müller", 30000), ("Ibáñez", 25000), ("Sørensen", 12000), ("Lévesque", 12000),
    ("Smyth", 20000), ("De la Cruz", 18000), ("Van der Berg", 6000), ("St. John", 5000),
]


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 250
    edge_folded = {name.upper().replace("Ñ", "N").replace("Ü", "U") for name, _ in EDGE_CASES}
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["name", "weight"])
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = csv.DictReader(f)
        kept = 0
        for row in rows:
            name = row["name"].strip()
            if not name.isalpha() or name in edge_folded:
                continue
            out.writerow([name.title(), int(row["count"])])
            kept += 1
            if kept >= top:
                break
    for name, weight in EDGE_CASES:
        out.writerow([name, weight])


if __name__ == "__main__":
    main()
