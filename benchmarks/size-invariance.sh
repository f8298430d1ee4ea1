#!/usr/bin/env bash
# The hand-written decision cases (Tests/GatehouseSynthTests/Fixtures/decision-cases) decided by
# `gatehouse match` against stores of every size that all hold the same case people: the answer
# for one person must not depend on how many other people the store holds. The unit test
# (SizeInvarianceTests) covers 16, 1,000 and 100,000 people; this adds 1,000,000 and more.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: benchmarks/size-invariance.sh [--sizes "16 1000 100000 1000000"] [--data DIR] [--no-build]

For each size N, the store is the 16 case people plus N-16 synthetic people
(`gatehouse synth --seed 5`), the batch is the case requests; prints per size how many
cases get the expected outcome, record and reason, lists every one that does not, and
exits 1 if any size differs from the expectations.

  --sizes LIST   store sizes (default "16 1000 100000 1000000")
  --data DIR     working folder (default benchmarks/data/size-invariance; git-ignored)
  --no-build     use the existing .build-bench/release/gatehouse
  -h, --help     this text
USAGE
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
CASES="$ROOT/Tests/GatehouseSynthTests/Fixtures/decision-cases"
DATA="$HERE/data/size-invariance"
SIZES="16 1000 100000 1000000"
BUILD=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sizes) SIZES="$2"; shift 2 ;;
        --data) DATA="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "size-invariance.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

log() { echo "[size-invariance $(date +%H:%M:%S)] $*" >&2; }
source "$HERE/common.sh"
[[ "$BUILD" == 1 ]] && build_release_binary
[[ -x "$GATEHOUSE" ]] || { log "no binary at $GATEHOUSE (run without --no-build)"; exit 2; }
mkdir -p "$DATA"

case_people=$(($(cut -d, -f1 "$CASES/records.csv" | tail -n +2 | sort -u | wc -l)))
status=0
for size in $SIZES; do
    filler=$((size - case_people))
    store="$DATA/store-$size.csv"
    if [[ "$filler" -le 0 ]]; then
        cp "$CASES/records.csv" "$store"
    else
        if [[ ! -s "$DATA/filler-$filler/records.csv" ]]; then
            log "synthesizing $filler filler people"
            "$GATEHOUSE" synth --records "$filler" --requests 1 --seed 5 --out "$DATA/filler-$filler" >/dev/null
        fi
        { cat "$CASES/records.csv"; tail -n +2 "$DATA/filler-$filler/records.csv"; } > "$store"
    fi
    log "deciding the cases against $size people"
    "$GATEHOUSE" match --records "$store" --requests "$CASES/requests.csv" --out "$DATA/decisions-$size.csv" >/dev/null
    python3 - "$CASES/expected.csv" "$DATA/decisions-$size.csv" "$size" <<'PY' || status=1
import csv, sys
expected = {row["request_id"]: row for row in csv.DictReader(open(sys.argv[1]))}
wrong = []
for row in csv.DictReader(open(sys.argv[2])):
    want = expected[row["request_id"]]
    reasons = row["reasons"].split(";") if row["reasons"] else []
    if row["outcome"] != want["outcome"] or row["record_id"] != want["record_id"] or (want["reason"] and want["reason"] not in reasons):
        wrong.append(f"    {row['request_id']}: {row['outcome']} {row['record_id']} [{row['reasons']}], expected {want['outcome']} {want['record_id']} {want['reason']}")
print(f"{int(sys.argv[3]):>10,} people: {len(expected) - len(wrong)} of {len(expected)} cases as expected")
for line in wrong: print(line)
sys.exit(1 if wrong else 0)
PY
done
exit $status
