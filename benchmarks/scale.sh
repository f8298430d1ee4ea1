#!/usr/bin/env bash
# Gatehouse at the real batch's scale (issue 6, item 1): import, index load, match and the full
# pipeline on `gatehouse synth` data, each step a separate process under /usr/bin/time -v,
# medians of several runs with peak memory. See benchmarks/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: benchmarks/scale.sh [--records N] [--requests M] [--runs K] [--seed S]
                           [--sizes "N1 N2 N3"] [--markdown FILE] [--no-build] [--keep]

One size (the default): 1,000,000 records x 128,000 requests, 3 runs.
  1. builds the CLI once: swift build -c release --product gatehouse --scratch-path .build-scale
  2. generates benchmarks/data/scale-N-M/{records,requests,truth}.csv with
     `gatehouse synth --records N --requests M --seed S` (reused when present, same seed)
  3. times, each run its own process, K runs, median wall time and the largest peak RSS:
       import     gatehouse init + gatehouse records import (builds and saves the match index;
                  its own "rows/s" and "index built in" lines are reported too)
       load       gatehouse records status (loads the saved index; its load time is reported)
       match      gatehouse match on the whole batch (its load / weights / decide times too)
       pipeline   gatehouse batch submit under an agreement valid today (stores the rows,
                  decides them, appends the ledger events), then gatehouse ledger verify
       release    two approvals, gatehouse batch release, batch results, then gatehouse audit
     and prints records/s and requests/s, with the load average at each step.

--sizes "1000000 3000000 10000000": runs the one-size benchmark for each number of records
(requests scale with it: M = N x 0.128, unless --requests is given), then prints how time
and memory grow with the store. --runs applies to each size (use 1 for big sizes).

  --records N      people in the store (default 1000000; each has 1 to 3 address rows)
  --requests M     requests in the batch (default 128000, or N x 0.128 with --sizes)
  --runs K         runs per step (default 3)
  --seed S         synth seed (default 7)
  --sizes "..."    several store sizes, one table of growth at the end
  --markdown FILE  also append the tables to FILE as Markdown
  --no-build       use the existing .build-scale/release/gatehouse
  --keep           keep the workspaces (benchmarks/data/scale-N-M/out-rK/ws-*), else removed
  -h, --help       this text

Everything generated goes to benchmarks/data/ (git-ignored): data, workspaces, logs and
timing JSON in benchmarks/data/scale-N-M/out-rK/. Progress is printed on stderr, the tables
on stdout. A 10M-record store needs about 25 GB of free disk per kept workspace.
EOF
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RECORDS=1000000
REQUESTS=""
RUNS=3
SEED=7
SIZES=""
MARKDOWN=""
BUILD=1
KEEP=0

while [[ $# -gt 0 ]]; do
    case "$1" in
        --records) RECORDS="$2"; shift 2 ;;
        --requests) REQUESTS="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --sizes) SIZES="$2"; shift 2 ;;
        --markdown) MARKDOWN="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "scale.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
for value in "$RECORDS" "$RUNS" "$SEED" ${REQUESTS:+"$REQUESTS"} $SIZES; do
    [[ "$value" =~ ^[0-9]+$ ]] || { echo "scale.sh: '$value' is not a whole number" >&2; exit 2; }
done
[[ "$RUNS" -ge 1 ]] || { echo "scale.sh: --runs must be 1 or more" >&2; exit 2; }

log() { echo "[scale $(date +%H:%M:%S)] $*" >&2; }
loadavg() { cut -d" " -f1-3 /proc/loadavg; }

GATEHOUSE="$ROOT/.build-scale/release/gatehouse"
BUILD_NOTE=""
build_gatehouse() {
    if [[ "$BUILD" == 0 ]]; then
        [[ -x "$GATEHOUSE" ]] || { log "no $GATEHOUSE; drop --no-build"; exit 1; }
        BUILD_NOTE="binary .build-scale/release/gatehouse as built at $(date -u -r "$GATEHOUSE" "+%Y-%m-%d %H:%M UTC") (--no-build; HEAD is now $(git -C "$ROOT" rev-parse --short HEAD))"
        return 0
    fi
    local attempt
    for attempt in 1 2 3; do
        log "building gatehouse (swift build -c release --product gatehouse --scratch-path .build-scale), attempt $attempt"
        if (cd "$ROOT" && swift build -c release --product gatehouse --scratch-path .build-scale >&2); then
            BUILD_NOTE="binary built from $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' + uncommitted changes in the work tree')"
            return 0
        fi
        # Another engineer's change may be mid-way in the shared work tree: wait and retry.
        [[ "$attempt" == 3 ]] || { log "build failed; retrying in 120 s"; sleep 120; }
    done
    if [[ -x "$GATEHOUSE" ]]; then
        log "WARNING: build failed; using the binary of an earlier build (may be stale)"
        BUILD_NOTE="binary from an earlier build (this run's build failed)"
    else
        log "build failed and there is no earlier binary"
        exit 1
    fi
}

PY=python3
MEASURE="$HERE/measure.py"
REPORT="$HERE/scale_report.py"

# measure LABEL OUTDIR CMD...: one run, its own process, JSON + log + load average.
measure() {
    local label="$1" out="$2"
    shift 2
    echo "$(loadavg)" > "$out/$label.load"
    : > "$out/$label.log"
    "$PY" "$MEASURE" --runs 1 --label "$label" --json "$out/$label.time.json" --log "$out/$label.log" -- "$@"
}

# agreement and manifest valid today, quotas above the batch size
write_documents() {
    local dir="$1" requests="$2"
    local quota=$(( requests > 2000000 ? requests : 2000000 ))
    cat > "$dir/agreement.yaml" <<EOF
# Written by benchmarks/scale.sh: valid around today, quotas above the benchmark's batch.
id: scale-bench
version: 1
requester:
  agency: Benchmark Requesting Agency
  contact: Benchmark desk
  address: 1 Example Plaza, Washington, DC 20001
legal_basis:
  - "26 U.S.C. § 6103(i)(2)"
purpose: >-
  Throughput measurement of the whole pipeline on generated data.
valid_from: $(date -u -d '-30 days' +%Y-%m-%d)
valid_until: $(date -u -d '+365 days' +%Y-%m-%d)
signers:
  - name: Dana Whitcombe
    role: Assistant Director
  - name: Rafael Oyelaran
    role: Deputy Assistant Director
permitted_signer_roles:
  - Assistant Director
  - Deputy Assistant Director
permitted_statutes:
  - "8 U.S.C. § 1253(a)(1)"
required_fields:
  - case_reference
sufficiency_profile: statutory
match_threshold: 0.99
permitted_fields:
  - verification
  - last_known_address
quotas:
  records_per_batch: $quota
  records_per_day: $(( quota * 2 ))
two_person_release: true
status: active
EOF
    cat > "$dir/manifest.yaml" <<EOF
# Written by benchmarks/scale.sh.
agreement: scale-bench
requester: Benchmark Requesting Agency
signer:
  name: Dana Whitcombe
  role: Assistant Director
statute: "8 U.S.C. § 1253(a)(1)"
tax_periods:
  - "2024"
reason: >-
  Generated people, for measuring throughput only.
proceeding: "Benchmark run"
attestation: true
submitted_on: $(date -u +%Y-%m-%d)
EOF
}

# run_size N M: the whole one-size benchmark; leaves out/summary.json
run_size() {
    local n="$1" m="$2"
    local data="$HERE/data/scale-$n-$m"
    local out="$data/out-r$RUNS"
    mkdir -p "$data"
    if [[ -s "$data/records.csv" && -s "$data/requests.csv" && "$(cat "$data/seed" 2>/dev/null)" == "$SEED" ]]; then
        log "reusing generated data in $data"
    else
        log "gatehouse synth --records $n --requests $m --seed $SEED --out $data"
        rm -f "$data/seed"
        local started=$SECONDS
        "$GATEHOUSE" synth --records "$n" --requests "$m" --seed "$SEED" --out "$data" >&2
        echo "$SEED" > "$data/seed"
        log "generated in $((SECONDS - started)) s"
    fi
    rm -rf "$out"
    mkdir -p "$out"
    echo "$(loadavg)" > "$out/start.load"
    write_documents "$out" "$m"
    log "data: $(($(wc -l < "$data/records.csv") - 1)) record rows, $(($(wc -l < "$data/requests.csv") - 1)) requests"

    local i ws
    for ((i = 1; i <= RUNS; i++)); do
        ws="$out/ws-$i"
        rm -rf "$ws"
        log "import $i/$RUNS: gatehouse init + records import ($n people)"
        measure "import-$i" "$out" bash -c '"$1" init "$2" >/dev/null && "$1" records import "$3" --workspace "$2"' \
            _ "$GATEHOUSE" "$ws" "$data/records.csv"
    done
    for ((i = 1; i <= RUNS; i++)); do
        log "index load $i/$RUNS: gatehouse records status"
        measure "load-$i" "$out" "$GATEHOUSE" records status --workspace "$out/ws-1"
    done
    for ((i = 1; i <= RUNS; i++)); do
        log "match $i/$RUNS: gatehouse match on $m requests"
        measure "match-$i" "$out" "$GATEHOUSE" match --records "$data/records.csv" \
            --requests "$data/requests.csv" --out "$out/decisions-$i.csv"
    done
    for ((i = 1; i <= RUNS; i++)); do
        ws="$out/ws-$i"
        "$GATEHOUSE" agreement add "$out/agreement.yaml" --workspace "$ws" > "$out/agreement-$i.log" 2>&1 \
            || { log "agreement add failed:"; cat "$out/agreement-$i.log" >&2; exit 1; }
        log "pipeline $i/$RUNS: gatehouse batch submit ($m requests), then ledger verify"
        measure "pipeline-$i" "$out" "$GATEHOUSE" batch submit --workspace "$ws" --agreement scale-bench \
            --manifest "$out/manifest.yaml" "$data/requests.csv"
        measure "verify-$i" "$out" "$GATEHOUSE" ledger verify --workspace "$ws"
        # The rest of the batch's life: two approvals, the release (every decision checked
        # against its ledger entry and the signed checkpoint, chunk by chunk), the response
        # file (every disclosure checked likewise) and the audit of every table.
        local batch
        batch="$("$GATEHOUSE" batch list --workspace "$ws" | awk '/^B[0-9a-f]/ { print $1; exit }')"
        "$GATEHOUSE" batch approve "$batch" --officer bench.a --workspace "$ws" > /dev/null 2>&1
        "$GATEHOUSE" batch approve "$batch" --officer bench.b --workspace "$ws" > /dev/null 2>&1
        log "release $i/$RUNS: gatehouse batch release, results, audit"
        measure "release-$i" "$out" "$GATEHOUSE" batch release "$batch" --workspace "$ws"
        measure "results-$i" "$out" "$GATEHOUSE" batch results "$batch" --out "$out/responses-$i.csv" --workspace "$ws"
        measure "audit-$i" "$out" "$GATEHOUSE" audit --workspace "$ws"
        rm -f "$out/responses-$i.csv"
        du -sk "$ws" | cut -f1 > "$out/ws-$i.kb"
        if [[ "$KEEP" == 0 && "$i" -gt 1 ]]; then rm -rf "$ws"; fi
    done
    [[ "$KEEP" == 1 ]] || rm -rf "$out/ws-1"
    echo "$(loadavg)" > "$out/end.load"
    "$PY" "$REPORT" size --out "$out" --records "$n" --requests "$m" --seed "$SEED" --runs "$RUNS" \
        --note "$BUILD_NOTE" ${MARKDOWN:+--markdown "$MARKDOWN"}
}

build_gatehouse
if [[ -z "$SIZES" ]]; then
    run_size "$RECORDS" "${REQUESTS:-128000}"
else
    SUMMARIES=()
    for n in $SIZES; do
        m="${REQUESTS:-$(( n * 128 / 1000 ))}"
        run_size "$n" "$m"
        SUMMARIES+=("$HERE/data/scale-$n-$m/out-r$RUNS/summary.json")
    done
    "$PY" "$REPORT" growth ${MARKDOWN:+--markdown "$MARKDOWN"} "${SUMMARIES[@]}"
fi
log "done"
