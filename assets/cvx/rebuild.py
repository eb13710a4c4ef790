#!/usr/bin/env python3
"""Rebuild cvx.tsv from HL7's CVX code system (seed) and the authored authored.tsv.

Usage:  python3 assets/cvx/rebuild.py [--tarball PATH]

Without --tarball the script runs `npm pack hl7.fhir.r4.examples@4.0.1` into a temporary folder
(the tarball is not committed) and checks its sha256. It reads
`package/CodeSystem-v2-0292.json` (HL7 v2 table 0292, "Vaccines Administered", i.e. CDC's CVX
codes as of 2019; CC0): every concept's code, display (its short name; HL7's footnote digits
such as "Hep B, adult4" are dropped) and the concept comment (CDC's full description).

authored.tsv (hand-edited, see README.md) gives, for every seed code, CDC's current status
(active/inactive), the manufacturers (MVX), the forecast series it counts toward, brands and
search aliases; and it adds the vaccines licensed after 2019 (COVID-19, RSV, PCV15/20/21,
the trivalent influenza vaccines of 2024-25 …) with their CDC short name and description.

Output: one row per code, sorted by code as a number, UTF-8, LF line endings, so a re-run gives
a byte-identical file. Refuses to write when a code is duplicated or malformed, a seed code has
no authored row, a status is not active/inactive, or a series name is malformed.
Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "hl7.fhir.r4.examples"
VERSION = "4.0.1"
SHA256 = "dce87f1b5b9341867033f7d1f544fa1b5232503f6d62813887ac6b8a8b6cb682"
MEMBER = "package/CodeSystem-v2-0292.json"
SEED_COUNT = 124

HERE = Path(__file__).resolve().parent
AUTHORED = HERE / "authored.tsv"
OUT = HERE / "cvx.tsv"
AUTHORED_COLUMNS = ["cvx", "name", "description", "status", "mvx", "series", "brands", "aliases"]
COLUMNS = AUTHORED_COLUMNS + ["origin"]
CODE = re.compile(r"^[0-9]{2,3}$")
SERIES = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FOOTNOTE = re.compile(r"(?<=[A-Za-z])[0-9]$")


def fetch(tmp: Path) -> Path:
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}"], cwd=tmp, check=True)
    return tmp / f"{PACKAGE}-{VERSION}.tgz"


def read_seed(tarball: Path) -> dict[str, tuple[str, str]]:
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != SHA256:
        sys.exit(f"{tarball.name}: sha256 {digest}, expected {SHA256}")
    with tarfile.open(tarball) as t:
        member = t.extractfile(MEMBER)
        if member is None:
            sys.exit(f"{MEMBER} missing from {tarball.name}")
        data = json.loads(member.read())
    seed = {}
    for c in data["concept"]:
        comments = [
            e["valueString"]
            for e in c.get("extension", [])
            if e["url"].endswith("codesystem-concept-comments")
        ]
        name = FOOTNOTE.sub("", c["display"].strip())
        seed[c["code"]] = (name, comments[0].strip() if comments else name)
    if len(seed) != SEED_COUNT:
        sys.exit(f"expected {SEED_COUNT} seed codes, found {len(seed)}")
    return seed


def read_authored() -> list[dict[str, str]]:
    lines = AUTHORED.read_text(encoding="utf-8").split("\n")
    if lines[0].split("\t") != AUTHORED_COLUMNS:
        sys.exit(f"{AUTHORED.name}: header must be {AUTHORED_COLUMNS}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(AUTHORED_COLUMNS):
            sys.exit(f"{AUTHORED.name}:{n}: {len(cells)} columns")
        rows.append(dict(zip(AUTHORED_COLUMNS, cells)))
    return rows


def build(seed, authored) -> list[list[str]]:
    codes = [r["cvx"] for r in authored]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        sys.exit("duplicate codes: " + ", ".join(dupes))
    missing = sorted(set(seed) - set(codes))
    if missing:
        sys.exit("seed codes without an authored row: " + ", ".join(missing))
    out = []
    for r in authored:
        code = r["cvx"]
        if not CODE.match(code):
            sys.exit(f"malformed code {code!r}")
        if r["status"] not in ("active", "inactive"):
            sys.exit(f"{code}: status {r['status']!r}")
        for s in r["series"].split():
            if not SERIES.match(s):
                sys.exit(f"{code}: malformed series {s!r}")
        if code in seed:
            name = r["name"] or seed[code][0]
            description = r["description"] or seed[code][1]
            origin = "hl7-v2-0292"
        else:
            if not r["name"] or not r["description"]:
                sys.exit(f"{code}: a code not in the seed needs a name and a description")
            name, description, origin = r["name"], r["description"], "cdc-authored"
        out.append([code, name, description, r["status"], r["mvx"], r["series"], r["brands"],
                     r["aliases"], origin])
    out.sort(key=lambda row: int(row[0]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tarball", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch(Path(tmp))
        rows = build(read_seed(tarball), read_authored())
    text = "\t".join(COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    data = text.encode("utf-8")
    seeded = sum(1 for r in rows if r[-1] == "hl7-v2-0292")
    active = sum(1 for r in rows if r[3] == "active")
    print(f"{len(rows)} codes ({seeded} from the seed, {len(rows) - seeded} authored; "
          f"{active} active), {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
