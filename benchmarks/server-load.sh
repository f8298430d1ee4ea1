#!/usr/bin/env bash
# Fixed-rate (open-loop) load of single verifications on a 200,000-record store: 1,000/s for 60 s
# (p50, p99, errors, and the ledger grown by exactly one access and one decision entry per call,
# plus one release entry per released answer), then a sweep of higher rates (30 s each) for the
# highest that holds p99 under 10 ms. The client is benchmarks/fixed_rate.py (it sends on a
# schedule, whatever the answers; latency counts from when a request was due).
# Usage: benchmarks/server-load.sh [PORT] ["RATE1 RATE2 …"]   (run under flock /tmp/gatehouse-bench.lock;
# SKIP_1000=1 runs only the sweep)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PORT="${1:-18102}"
SWEEP="${2:-1500 2000 2500 3000}"
GATEHOUSE="${GATEHOUSE:-$ROOT/.build-server/release/gatehouse}"
DATA="$HERE/data/server-load-200000"
OUT="$DATA/out"
log() { echo "[load $(date +%H:%M:%S)] $*" >&2; }
SERVER=""
cleanup() { if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then kill -TERM "$SERVER"; wait "$SERVER" || true; fi; }
trap cleanup EXIT
mkdir -p "$DATA"
if [[ ! -s "$DATA/requests.csv" ]]; then
    log "gatehouse synth --records 200000 --requests 200000 --seed 21"
    "$GATEHOUSE" synth --records 200000 --requests 200000 --seed 21 --out "$DATA" >/dev/null
fi
rm -rf "$OUT"; mkdir -p "$OUT"
export GATEHOUSE_WORKSPACE="$OUT/ws"
"$GATEHOUSE" init "$GATEHOUSE_WORKSPACE" >/dev/null
"$GATEHOUSE" records import "$DATA/records.csv" >/dev/null 2>&1
# Interactive use on; no daily quota; a probe limit the sweep's repeated people stay under.
sed -e "s/^valid_from: .*/valid_from: $(date -u -d '-30 days' +%Y-%m-%d)/" \
    -e "s/^valid_until: .*/valid_until: $(date -u -d '+365 days' +%Y-%m-%d)/" \
    -e "/records_per_batch/d" -e "/records_per_day/d" -e "s/^quotas:.*/quotas: {}/" \
    "$ROOT/examples/agreement.yaml" > "$OUT/agreement.yaml"
printf 'interactive: {enabled: true, probe_limit: 100, probe_window_hours: 24}\n' >> "$OUT/agreement.yaml"
"$GATEHOUSE" agreement add "$OUT/agreement.yaml" >/dev/null
KEY=$("$GATEHOUSE" keys create --role requester --agreement ice-irs-2025 --name "load client" 2>/dev/null)
python3 - "$DATA/requests.csv" "$OUT/bodies.jsonl" <<'PY'
import csv, json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
        out.write(json.dumps(row, separators=(",", ":")) + "\n")
PY
# Rate limit out of the way (the per-key bucket is tested elsewhere); logs at info, as deployed.
"$GATEHOUSE" serve --port "$PORT" --rate 1000000 --burst 1000000 2> "$OUT/server.log" &
SERVER=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
DB="$GATEHOUSE_WORKSPACE/gatehouse.sqlite"
size() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT coalesce(max(seq)+1,0) FROM ledger_entries").fetchone()[0])' "$DB"; }
kinds() { python3 -c 'import sqlite3,sys,json; print(json.dumps(dict(sqlite3.connect(sys.argv[1]).execute("SELECT kind, count(*) FROM ledger_entries WHERE seq >= ? GROUP BY kind", (int(sys.argv[2]),)).fetchall())))' "$DB" "$1"; }
run() {  # rate duration offset-label
    local before; before=$(size)
    python3 "$HERE/fixed_rate.py" --port "$PORT" --key "$KEY" --bodies "$OUT/bodies.jsonl" --rate "$1" --duration "$2" \
        --connections 128 > "$OUT/rate-$1.json"
    sleep 1
    echo "{\"rate\": $1, \"client\": $(cat "$OUT/rate-$1.json"), \"ledger_before\": $before, \"ledger_after\": $(size), \"entries_by_kind\": $(kinds "$before"), \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" | tee -a "$OUT/results.jsonl"
}
log "warm-up: 200/s for 5 s"
python3 "$HERE/fixed_rate.py" --port "$PORT" --key "$KEY" --bodies "$OUT/bodies.jsonl" --rate 200 --duration 5 >/dev/null
if [[ "${SKIP_1000:-0}" != 1 ]]; then
    log "1,000/s for 60 s"
    run 1000 60
fi
for rate in $SWEEP; do log "$rate/s for 30 s"; run "$rate" 30; done
kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=""
"$GATEHOUSE" ledger verify >&2
