#!/usr/bin/env bash
# Side by side on `gatehouse synth` data: Gatehouse `match` (statutory profile) against a
# fair Splink 5 + DuckDB configuration, scored by the same code. See benchmarks/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: benchmarks/vs-splink.sh [--records N] [--requests M] [--seed S] [--runs R]
                               [--splink-runs R] [--generator gatehouse|python]
                               [--data DIR] [--markdown FILE]
                               [--skip-gatehouse] [--skip-splink] [--no-build]

1. builds gatehouse (swift build -c release --scratch-path .build-bench);
2. generates DIR/records.csv, requests.csv, truth.csv with
   `gatehouse synth --records N --requests M --seed S` (kept and reused if present);
3. measures Splink's blocking recall (share of true pairs in its candidate set; untimed);
4. times, each run a separate process under /usr/bin/time -v, median of R runs, the two tools
   taking turns (one run of each, then again) so that both meet the same machine load:
     gatehouse match (default statutory profile)
     Splink 5 + DuckDB, link_only, EM-trained, TF-adjusted, p >= 0.99, best candidate
5. scores both decisions files with benchmarks/score.py against truth.csv:
     precision = correct verified / all verified
     recall    = correct verified / requests with a true_record_id that are sufficient
   and prints wall time, peak memory, precision, recall and the time ratio Splink/Gatehouse.

  --records N       records (people) to generate (default 200000)
  --requests M      requests to generate (default 50000)
  --seed S          synth seed (default 7)
  --runs R          timed runs per tool (default 3)
  --splink-runs R   override --runs for Splink only (it is the slow one)
  --generator G     gatehouse (default) or python: benchmarks/mini_synth.py, a simpler
                    stand-in for developing the scripts before `gatehouse synth` exists
  --data DIR        data folder (default benchmarks/data/synth-N-M-S[-py]; git-ignored)
  --markdown FILE   also append the result table to FILE as Markdown
  --skip-gatehouse  Splink only; --skip-splink  Gatehouse only
  --no-build        use the existing .build-bench/release/gatehouse
  -h, --help        this text
EOF
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RECORDS=200000
REQUESTS=50000
SEED=7
RUNS=3
SPLINK_RUNS=""
GENERATOR=gatehouse
DATA=""
MARKDOWN=""
SKIP_GH=0
SKIP_SPLINK=0
BUILD=1

while [[ $# -gt 0 ]]; do
    case "$1" in
        --records) RECORDS="$2"; shift 2 ;;
        --requests) REQUESTS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --splink-runs) SPLINK_RUNS="$2"; shift 2 ;;
        --generator) GENERATOR="$2"; shift 2 ;;
        --data) DATA="$2"; shift 2 ;;
        --markdown) MARKDOWN="$2"; shift 2 ;;
        --skip-gatehouse) SKIP_GH=1; shift ;;
        --skip-splink) SKIP_SPLINK=1; shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "vs-splink.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
SPLINK_RUNS="${SPLINK_RUNS:-$RUNS}"
case "$GENERATOR" in
    gatehouse) DATA="${DATA:-$HERE/data/synth-$RECORDS-$REQUESTS-$SEED}" ;;
    python) DATA="${DATA:-$HERE/data/synth-$RECORDS-$REQUESTS-$SEED-py}" ;;
    *) echo "vs-splink.sh: --generator is gatehouse or python" >&2; exit 2 ;;
esac

log() { echo "[vs-splink $(date +%H:%M:%S)] $*" >&2; }

source "$HERE/common.sh"

GH_OK=0
build_gatehouse() {
    if [[ "$BUILD" == 1 ]]; then build_release_binary; fi
    [[ -x "$GATEHOUSE" ]] && GH_OK=1
    return 0
}
subcommand_ready() {  # $1 = subcommand, $2 = an option its --help must list
    [[ "$GH_OK" == 1 ]] && "$GATEHOUSE" "$1" --help 2>/dev/null | grep -q -- "$2"
}

LOAD_START="$(cut -d" " -f1-3 /proc/loadavg)"
ensure_python
if [[ "$GENERATOR" == gatehouse || "$SKIP_GH" == 0 ]]; then
    build_gatehouse
fi

mkdir -p "$DATA/out"
OUT="$DATA/out"
: > "$OUT/run.log"

if [[ -s "$DATA/records.csv" && -s "$DATA/requests.csv" && -s "$DATA/truth.csv" ]]; then
    log "reusing generated data in $DATA"
elif [[ "$GENERATOR" == gatehouse ]]; then
    if ! subcommand_ready synth --records; then
        log "gatehouse synth is not usable yet; use --generator python for the stand-in generator"
        exit 1
    fi
    log "gatehouse synth --records $RECORDS --requests $REQUESTS --seed $SEED"
    "$GATEHOUSE" synth --records "$RECORDS" --requests "$REQUESTS" --seed "$SEED" --out "$DATA" >&2
else
    log "mini_synth.py --records $RECORDS --requests $REQUESTS --seed $SEED (stand-in generator)"
    "$PY" "$HERE/mini_synth.py" --records "$RECORDS" --requests "$REQUESTS" --seed "$SEED" --out "$DATA"
fi
log "data: $(($(wc -l < "$DATA/records.csv") - 1)) record rows, $(($(wc -l < "$DATA/requests.csv") - 1)) requests"

ROWS=()
NOTES=()
GH_RUNNABLE=0
if [[ "$SKIP_GH" == 0 ]]; then
    if subcommand_ready match --records; then
        GH_RUNNABLE=1
    else
        log "gatehouse match is not usable yet (stub or build failure): Gatehouse row skipped"
    fi
fi
if [[ "$SKIP_SPLINK" == 0 ]]; then
    log "Splink blocking recall (untimed)"
    "$PY" "$HERE/splink_match.py" --fields synth --records "$DATA/records.csv" --requests "$DATA/requests.csv" \
        --out "0.99=$OUT/unused.csv" --blocking-recall "$DATA/truth.csv" > "$OUT/splink.blocking.json"
fi

# The two tools take turns, one run each, so that both are timed over the same stretch of this
# noisy machine's time rather than one in a quiet minute and the other in a busy one.
rm -f "$OUT/gatehouse.time.json" "$OUT/splink.time.json"
TURNS=$RUNS
[[ "$SPLINK_RUNS" -gt "$TURNS" ]] && TURNS=$SPLINK_RUNS
log "timing: gatehouse match (statutory) ${RUNS}x, Splink 5 + DuckDB ${SPLINK_RUNS}x, taking turns"
for ((turn = 1; turn <= TURNS; turn++)); do
    if [[ "$GH_RUNNABLE" == 1 && "$turn" -le "$RUNS" ]]; then
        "$PY" "$HERE/measure.py" --append --runs 1 --label gatehouse --json "$OUT/gatehouse.time.json" \
            --log "$OUT/run.log" -- \
            "$GATEHOUSE" match --records "$DATA/records.csv" --requests "$DATA/requests.csv" \
            --out "$OUT/gatehouse.csv"
    fi
    if [[ "$SKIP_SPLINK" == 0 && "$turn" -le "$SPLINK_RUNS" ]]; then
        "$PY" "$HERE/measure.py" --append --runs 1 --label splink --json "$OUT/splink.time.json" \
            --log "$OUT/run.log" -- \
            "$PY" "$HERE/splink_match.py" --fields synth --records "$DATA/records.csv" --requests "$DATA/requests.csv" \
            --out "0.99=$OUT/splink-0.99.csv" --out "0.99u=$OUT/splink-0.99u.csv" --u-max-pairs 1e7 \
            --stats "$OUT/splink.stats.json" --model-json "$OUT/splink.model.json"
    fi
done

if [[ "$GH_RUNNABLE" == 1 ]]; then
    "$PY" "$HERE/score.py" --decisions "$OUT/gatehouse.csv" --truth "$DATA/truth.csv" \
        --label gatehouse --json "$OUT/gatehouse.score.json"
    ROWS+=(--row gatehouse "Gatehouse match (statutory)" "$OUT/gatehouse.time.json" "$OUT/gatehouse.score.json")
    if subcommand_ready evaluate --truth; then
        log "gatehouse evaluate (for comparison with score.py)"
        "$GATEHOUSE" evaluate --decisions "$OUT/gatehouse.csv" --truth "$DATA/truth.csv" >&2 || true
    fi
fi
if [[ "$SKIP_SPLINK" == 0 ]]; then
    for v in 0.99 0.99u; do
        "$PY" "$HERE/score.py" --decisions "$OUT/splink-$v.csv" --truth "$DATA/truth.csv" \
            --label "splink p>=$v" --json "$OUT/splink-$v.score.json"
    done
    ROWS+=(--row splink "Splink 5 + DuckDB, p>=0.99 best" "$OUT/splink.time.json" "$OUT/splink-0.99.score.json")
    ROWS+=(--row splinku "Splink 5 + DuckDB, p>=0.99 unique" "$OUT/splink.time.json" "$OUT/splink-0.99u.score.json")
    NOTES+=(--splink-blocking "$OUT/splink.blocking.json" --splink-stats "$OUT/splink.stats.json")
fi

if [[ ${#ROWS[@]} -eq 0 ]]; then
    log "nothing was run"
    exit 1
fi
NOTES+=(--note "data: $GENERATOR synth, --records $RECORDS --requests $REQUESTS --seed $SEED; precision counts verified insufficient requests as false; 'P (sufficient only)' leaves them out.")
NOTES+=(--note "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load average (1/5/15 min) at start $LOAD_START, at end $(cut -d" " -f1-3 /proc/loadavg)")
NOTES+=(--note "Splink 'best' = highest pair per request (the issue's rule); 'unique' = same run, but ambiguous when two records reach 0.99.")
[[ -n "$STALE_NOTE" ]] && NOTES+=(--note "$STALE_NOTE")
REPORT_ARGS=(--by-kind --title "Gatehouse vs Splink on synth $RECORDS x $REQUESTS seed $SEED ($(date -u +%Y-%m-%d), $(nproc) cores, medians of the runs shown)" "${ROWS[@]}" "${NOTES[@]}")
[[ -f "$OUT/gatehouse.score.json" && "$SKIP_GH" == 0 ]] && REPORT_ARGS+=(--ratio-to gatehouse)
[[ -n "$MARKDOWN" ]] && REPORT_ARGS+=(--markdown "$MARKDOWN")
"$PY" "$HERE/report.py" "${REPORT_ARGS[@]}"
log "done; decisions and logs in $OUT"
