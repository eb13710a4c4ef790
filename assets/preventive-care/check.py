#!/usr/bin/env python3
"""Checks the authored preventive-care rule table (rules.tsv) and prints its row count and sha256.

The USPSTF publishes no machine-readable recommendations, so the table is written by hand; this
script is its build step: it refuses a table with a duplicated id, an unknown sex, condition or
satisfier kind, an age range that is not a range, a malformed ICD-10 prefix or LOINC code, a
grade other than A or B, a date that is not a date, or a citation that is not a USPSTF page.
Standard library only. Usage: python3 assets/preventive-care/check.py [path/to/rules.tsv]
"""
import datetime
import hashlib
import pathlib
import re
import sys

HEADER = ["id", "title", "sex", "min_age", "max_age", "condition", "not_applicable",
          "satisfiers", "elsewhere_months", "grade", "published", "url", "citation"]
SEXES = {"any", "female", "male"}
CONDITIONS = {"-", "bmi25", "ever_smoked", "lung_ldct"}
PROCEDURES = {"colonoscopy", "fit", "fit_dna", "ct_colonography", "flex_sigmoidoscopy",
              "mammogram", "cervical_cytology", "hpv_test", "co_test", "ldct", "dexa",
              "aaa_ultrasound", "phq9"}
VITALS = {"bp"}
LOINC = re.compile(r"^[0-9]{1,7}-[0-9]$")
CVX = re.compile(r"^[0-9]{1,3}$")
ICD10 = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")
RULE_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def loinc_ok(code: str) -> bool:
    """The LOINC mod-10 check digit."""
    if not LOINC.match(code):
        return False
    body, check = code.split("-")
    digits = [int(c) for c in body]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d = d // 10 + d % 10
        total += d
    return (10 - total % 10) % 10 == int(check)


def check(path: pathlib.Path) -> list[str]:
    errors = []
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != HEADER:
        return [f"{path}: the header must be {HEADER}"]
    seen = set()
    for n, line in enumerate(lines[1:], start=2):
        cols = line.split("\t")
        where = f"{path.name}:{n}"
        if len(cols) != len(HEADER):
            errors.append(f"{where}: {len(cols)} columns, expected {len(HEADER)}")
            continue
        row = dict(zip(HEADER, cols))
        rid = row["id"]
        if not RULE_ID.match(rid) or rid in seen:
            errors.append(f"{where}: id {rid!r} malformed or duplicated")
        seen.add(rid)
        if not row["title"].strip():
            errors.append(f"{where}: no title")
        if row["sex"] not in SEXES:
            errors.append(f"{where}: sex {row['sex']!r}")
        try:
            lo = int(row["min_age"])
            hi = None if row["max_age"] == "-" else int(row["max_age"])
            if lo < 0 or (hi is not None and hi < lo):
                errors.append(f"{where}: ages {lo}-{hi} are not a range")
        except ValueError:
            errors.append(f"{where}: ages must be whole years")
        if row["condition"] not in CONDITIONS:
            errors.append(f"{where}: condition {row['condition']!r}")
        if row["not_applicable"] != "-":
            for p in row["not_applicable"].split(","):
                if not ICD10.match(p):
                    errors.append(f"{where}: ICD-10 prefix {p!r}")
        sats = row["satisfiers"].split(";")
        for s in sats:
            parts = s.split(":")
            if len(parts) != 3 or not parts[2].isdigit():
                errors.append(f"{where}: satisfier {s!r} is not kind:code:months")
                continue
            kind, code, _ = parts
            ok = ((kind == "lab" and loinc_ok(code)) or (kind == "procedure" and code in PROCEDURES)
                  or (kind == "vital" and code in VITALS) or (kind == "immunization" and CVX.match(code)))
            if not ok:
                errors.append(f"{where}: satisfier {s!r} (unknown kind or bad code/check digit)")
        if not row["elsewhere_months"].isdigit():
            errors.append(f"{where}: elsewhere_months must be months (0 = once)")
        if row["grade"] not in {"A", "B", "A/B"}:
            errors.append(f"{where}: grade {row['grade']!r} (only A and B recommendations)")
        try:
            datetime.date.fromisoformat(row["published"])
        except ValueError:
            errors.append(f"{where}: published {row['published']!r} is not a date")
        if not row["url"].startswith("uspreventiveservicestaskforce.org/uspstf/recommendation/"):
            errors.append(f"{where}: url must be a USPSTF recommendation page")
        if not row["citation"].startswith("USPSTF: "):
            errors.append(f"{where}: citation must name the USPSTF recommendation")
    return errors


def main() -> int:
    path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).with_name("rules.tsv")
    errors = check(path)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        return 1
    data = path.read_bytes()
    rows = data.decode("utf-8").count("\n") - 1
    print(f"{path.name}: {rows} rules, {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
