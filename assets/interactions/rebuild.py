#!/usr/bin/env python3
"""Validate the authored safety-check tables and compile the ones Charta embeds.

Usage:  python3 assets/interactions/rebuild.py

Reads the authored tables next to this script (groups.tsv, rules.tsv, allergy.tsv,
duplicates.tsv, cautions.tsv; see README.md) and the drug vocabulary
(assets/allergens/allergens.tsv). It refuses to write, naming the file and line, when:

- a header is not the expected one or a row has the wrong number of cells;
- an id is malformed or repeated (groups `group:<slug>`, other ids `<slug>`);
- a member code is not in the vocabulary (`drug:`/`class:` codes; foods and environmental
  substances only on the allergy side of allergy.tsv) or names an undefined group;
- a rule names a combination product's row (rules speak single ingredients, so a product
  listing its ingredients one by one matches the same rules as one listing the combination);
- a severity is not one of contraindicated, major, moderate, minor (allergy.tsv also allows
  `none`: a documented absence of cross-reactivity that silences the alert);
- a caution's kind, unit or range is invalid;
- any text cell (effect, mechanism, action, note, citation) is empty: every rule cites.

The compiled tables (compiled/*.tsv) are the authored ones with every group expanded to its
member codes (sorted, each once), in authored order, UTF-8, LF line endings: a re-run gives
byte-identical files. Standard library only. It prints each table's rows and sha256.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOCABULARY = HERE.parent / "allergens" / "allergens.tsv"
OUT = HERE / "compiled"

SEVERITIES = ["contraindicated", "major", "moderate", "minor"]
SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
ID = re.compile(rf"^{SLUG}$")
GROUP_ID = re.compile(rf"^group:{SLUG}$")

HEADERS = {
    "groups.tsv": ["id", "name", "members", "citation"],
    "rules.tsv": ["id", "left", "right", "severity", "effect", "mechanism", "action", "citation"],
    "allergy.tsv": ["id", "allergy", "candidate", "severity", "note", "action", "citation"],
    "duplicates.tsv": ["id", "members", "severity", "note", "citation"],
    "cautions.tsv": ["id", "kind", "drugs", "from", "below", "unit", "severity", "note",
                     "action", "citation"],
}
UNITS = {"renal": ["egfr"], "age": ["years", "months"]}


class Invalid(Exception):
    pass


def read(name: str) -> list[tuple[int, dict[str, str]]]:
    path = HERE / name
    lines = path.read_text(encoding="utf-8").split("\n")
    header = HEADERS[name]
    if lines[0].split("\t") != header:
        raise Invalid(f"{name}:1: header must be {header}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise Invalid(f"{name}:{n}: {len(cells)} cells, expected {len(header)}")
        row = dict(zip(header, cells))
        if any(c != c.strip() for c in cells):
            raise Invalid(f"{name}:{n}: a cell has leading or trailing spaces")
        rows.append((n, row))
    return rows


def vocabulary() -> tuple[set[str], set[str]]:
    """Every code, and the codes of combination rows (those listing ingredients)."""
    codes, combinations = set(), set()
    for line in VOCABULARY.read_text(encoding="utf-8").split("\n")[1:]:
        if not line:
            continue
        cells = line.split("\t")
        codes.add(cells[0])
        if cells[4]:
            combinations.add(cells[0])
    return codes, combinations


def unique_ids(name: str, rows, shape: re.Pattern) -> None:
    seen: dict[str, int] = {}
    for n, row in rows:
        i = row["id"]
        if not shape.match(i):
            raise Invalid(f"{name}:{n}: malformed id {i!r}")
        if i in seen:
            raise Invalid(f"{name}:{n}: id {i} repeats line {seen[i]}")
        seen[i] = n


def texts(name: str, n: int, row: dict[str, str], columns: list[str]) -> None:
    for c in columns:
        if not row[c]:
            raise Invalid(f"{name}:{n}: {c} is empty")


def build() -> dict[str, list[list[str]]]:
    codes, combinations = vocabulary()

    def known(name, n, code, *, foods=False, combos=True):
        prefix = code.split(":")[0]
        if code not in codes or prefix not in (("drug", "class", "food", "env") if foods
                                                else ("drug", "class")):
            raise Invalid(f"{name}:{n}: unknown code {code}")
        if not combos and code in combinations:
            raise Invalid(f"{name}:{n}: {code} is a combination; name its ingredients")

    groups: dict[str, list[str]] = {}
    rows = read("groups.tsv")
    unique_ids("groups.tsv", rows, GROUP_ID)
    compiled_groups = []
    for n, row in rows:
        texts("groups.tsv", n, row, ["name", "members", "citation"])
        members = row["members"].split(" ")
        for m in members:
            known("groups.tsv", n, m, combos=False)
        if len(set(members)) != len(members):
            raise Invalid(f"groups.tsv:{n}: a member repeats")
        groups[row["id"]] = sorted(set(members))
        compiled_groups.append([row["id"], row["name"], " ".join(groups[row["id"]]),
                                row["citation"]])

    def expand(name, n, cell, **kw) -> str:
        if not cell:
            raise Invalid(f"{name}:{n}: an empty side")
        out: set[str] = set()
        for code in cell.split(" "):
            if code.startswith("group:"):
                if code not in groups:
                    raise Invalid(f"{name}:{n}: unknown group {code}")
                out.update(groups[code])
            else:
                known(name, n, code, **kw)
                out.add(code)
        return " ".join(sorted(out))

    def severity(name, n, value, extra=()):
        if value not in SEVERITIES and value not in extra:
            raise Invalid(f"{name}:{n}: severity {value!r} is not one of "
                          f"{SEVERITIES + list(extra)}")

    compiled: dict[str, list[list[str]]] = {"groups.tsv": compiled_groups}

    rows = read("rules.tsv")
    unique_ids("rules.tsv", rows, ID)
    out = []
    for n, r in rows:
        texts("rules.tsv", n, r, ["effect", "mechanism", "action", "citation"])
        severity("rules.tsv", n, r["severity"])
        out.append([r["id"], expand("rules.tsv", n, r["left"], combos=False),
                    expand("rules.tsv", n, r["right"], combos=False), r["severity"],
                    r["effect"], r["mechanism"], r["action"], r["citation"]])
    compiled["rules.tsv"] = out

    rows = read("allergy.tsv")
    unique_ids("allergy.tsv", rows, ID)
    out = []
    for n, r in rows:
        texts("allergy.tsv", n, r, ["note", "action", "citation"])
        severity("allergy.tsv", n, r["severity"], extra=("none",))
        if (r["allergy"] == "*") != (r["candidate"] == "*"):
            raise Invalid(f"allergy.tsv:{n}: '*' (the same substance) must be on both sides")
        if r["allergy"] == "*":
            out.append([r["id"], "*", "*", r["severity"], r["note"], r["action"], r["citation"]])
            continue
        out.append([r["id"], expand("allergy.tsv", n, r["allergy"], foods=True),
                    expand("allergy.tsv", n, r["candidate"]), r["severity"], r["note"], r["action"],
                    r["citation"]])
    compiled["allergy.tsv"] = out

    rows = read("duplicates.tsv")
    unique_ids("duplicates.tsv", rows, ID)
    out = []
    for n, r in rows:
        texts("duplicates.tsv", n, r, ["note", "citation"])
        severity("duplicates.tsv", n, r["severity"])
        members = "*" if r["members"] == "*" else expand("duplicates.tsv", n, r["members"],
                                                           combos=False)
        out.append([r["id"], members, r["severity"], r["note"], r["citation"]])
    if sum(1 for row in out if row[1] == "*") != 1:
        raise Invalid("duplicates.tsv: exactly one row must be the same-ingredient row ('*')")
    compiled["duplicates.tsv"] = out

    rows = read("cautions.tsv")
    unique_ids("cautions.tsv", rows, ID)
    out = []
    for n, r in rows:
        texts("cautions.tsv", n, r, ["note", "action", "citation"])
        severity("cautions.tsv", n, r["severity"])
        if r["unit"] not in UNITS.get(r["kind"], []):
            raise Invalid(f"cautions.tsv:{n}: kind {r['kind']!r} with unit {r['unit']!r}")
        try:
            low = float(r["from"]) if r["from"] else None
            high = float(r["below"]) if r["below"] else None
        except ValueError:
            raise Invalid(f"cautions.tsv:{n}: from/below must be numbers") from None
        if low is None and high is None:
            raise Invalid(f"cautions.tsv:{n}: give from, below or both")
        if low is not None and high is not None and low >= high:
            raise Invalid(f"cautions.tsv:{n}: from must be below 'below'")
        out.append([r["id"], r["kind"], expand("cautions.tsv", n, r["drugs"], combos=False),
                    r["from"], r["below"], r["unit"], r["severity"], r["note"], r["action"],
                    r["citation"]])
    compiled["cautions.tsv"] = out
    return compiled


def main() -> None:
    try:
        compiled = build()
    except Invalid as e:
        sys.exit(f"refused: {e}")
    OUT.mkdir(exist_ok=True)
    for name, rows in compiled.items():
        text = "\t".join(HEADERS[name]) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
        (OUT / name).write_text(text, encoding="utf-8", newline="\n")
        data = text.encode("utf-8")
        print(f"compiled/{name}: {len(rows)} rows, {len(data)} bytes, "
              f"sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
