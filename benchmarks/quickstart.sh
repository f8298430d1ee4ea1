#!/usr/bin/env bash
# The main job on a fresh machine: build, synthesize a store and a seed-like batch, decide it, score it.
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-200000}
REQUESTS=${REQUESTS:-50000}
SEED=${SEED:-1}
OUT=${OUT:-$(mktemp -d -t gatehouse-quickstart-XXXXXX)}
swift build -c release --product gatehouse >&2
BIN=$(swift build -c release --show-bin-path)/gatehouse
"$BIN" synth --records "$RECORDS" --requests "$REQUESTS" --seed "$SEED" --out "$OUT"
"$BIN" match --records "$OUT/records.csv" --requests "$OUT/requests.csv" --out "$OUT/decisions.csv" --explain "$OUT/explain.jsonl"
"$BIN" evaluate --decisions "$OUT/decisions.csv" --truth "$OUT/truth.csv"
echo "files in $OUT"
