#!/usr/bin/env bash
# A 1.28M-row batch uploaded over HTTP against the 10M-record store, beside `gatehouse batch submit`
# on the same data: wall time from the first byte of the upload to the batch decided, and the
# server's peak memory (/usr/bin/time -v of the whole `gatehouse serve` process).
# The data is benchmarks/scale.sh's (benchmarks/data/scale-10000000-1280000, seed 7), made here
# the same way when absent. One workspace: the store imported once; `batch submit` under one
# agreement, the upload under a second one (the same bytes under one agreement would be the same
# batch). Usage: benchmarks/server-scale.sh [PORT] [RECORDS] [REQUESTS]   (under flock /tmp/gatehouse-bench.lock)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PORT="${1:-18104}"
N="${2:-10000000}"
M="${3:-1280000}"
GATEHOUSE="${GATEHOUSE:-$ROOT/.build-server/release/gatehouse}"
DATA="$HERE/data/scale-$N-$M"
OUT="$DATA/server"
log() { echo "[server-scale $(date +%H:%M:%S)] $*" >&2; }
SERVER=""
cleanup() { if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then kill -TERM "$SERVER"; wait "$SERVER" || true; fi; }
trap cleanup EXIT
mkdir -p "$DATA"
if [[ ! -s "$DATA/records.csv" || "$(cat "$DATA/seed" 2>/dev/null)" != 7 ]]; then
    log "gatehouse synth --records $N --requests $M --seed 7 (as scale.sh)"
    rm -f "$DATA/seed"
    "$GATEHOUSE" synth --records "$N" --requests "$M" --seed 7 --out "$DATA" >&2
    echo 7 > "$DATA/seed"
fi
export GATEHOUSE_WORKSPACE="$OUT/ws"
if [[ -s "$OUT/imported" ]]; then
    log "reusing the imported workspace $GATEHOUSE_WORKSPACE"
else
    rm -rf "$OUT"; mkdir -p "$OUT"
    "$GATEHOUSE" init "$GATEHOUSE_WORKSPACE" >/dev/null
    log "records import ($N)"
    "$GATEHOUSE" records import "$DATA/records.csv" >/dev/null 2>"$OUT/import.log"
    echo yes > "$OUT/imported"
fi
RUN=$(( $(cat "$OUT/runs" 2>/dev/null || echo 0) + 1 )); echo "$RUN" > "$OUT/runs"
# Fresh agreement ids each run: the same bytes under one agreement would be the same batch.
CLI_ID="scale-cli-$RUN"; HTTP_ID="scale-http-$RUN"
for id in "$CLI_ID" "$HTTP_ID"; do
    sed -e "s/^id: .*/id: $id/" -e "s/^valid_from: .*/valid_from: $(date -u -d '-30 days' +%Y-%m-%d)/" \
        -e "s/^valid_until: .*/valid_until: $(date -u -d '+365 days' +%Y-%m-%d)/" \
        -e "s/records_per_batch: .*/records_per_batch: 2000000/" -e "s/records_per_day: .*/records_per_day: 4000000/" \
        "$ROOT/examples/agreement.yaml" > "$OUT/$id.yaml"
    "$GATEHOUSE" agreement add "$OUT/$id.yaml" >/dev/null
    sed -e "s/^agreement: .*/agreement: $id/" -e "s/^submitted_on: .*/submitted_on: $(date -u +%Y-%m-%d)/" \
        "$ROOT/examples/manifest.yaml" > "$OUT/manifest-$id.yaml"
done
seconds() { python3 -c 'import re,sys; t=open(sys.argv[1]).read(); m=re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)", t).group(1).split(":"); print(round(sum(float(x)*60**i for i,x in enumerate(reversed(m))),2))' "$1"; }
rss() { python3 -c 'import re,sys; print(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(sys.argv[1]).read()).group(1))//1024)' "$1"; }

log "batch submit (the CLI: index load, store, decide)"
/usr/bin/time -v -o "$OUT/cli.time" "$GATEHOUSE" batch submit --agreement "$CLI_ID" --manifest "$OUT/manifest-$CLI_ID.yaml" \
    "$DATA/requests.csv" > "$OUT/cli.out" 2>&1
CLI_S=$(seconds "$OUT/cli.time"); CLI_MB=$(rss "$OUT/cli.time")
log "batch submit: $CLI_S s, peak $CLI_MB MiB"

R=$("$GATEHOUSE" keys create --role requester --agreement "$HTTP_ID" --name "scale client" 2>/dev/null)
/usr/bin/time -v -o "$OUT/server.time" "$GATEHOUSE" serve --port "$PORT" 2> "$OUT/server.log" &
TIMER=$!
sleep 0.5
SERVER=$(pgrep -P "$TIMER")  # the server itself: SIGTERM goes to it, and time writes its report
READY_START=$(date +%s.%N)
for _ in $(seq 1 3000); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
READY_S=$(python3 -c "import time; print(round(time.time() - $READY_START, 2))")
log "server ready in $READY_S s (index loaded)"
API="http://127.0.0.1:$PORT/v1"
START=$(date +%s.%N)
ID=$(curl -sf -X POST "$API/batches" -H "Authorization: Bearer $R" -H "Content-Type: application/yaml" \
    --data-binary @"$OUT/manifest-$HTTP_ID.yaml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf -X PUT "$API/batches/$ID/requests" -H "Authorization: Bearer $R" -H "Content-Type: text/csv" \
    --data-binary @"$DATA/requests.csv" -o "$OUT/upload.json"
UPLOADED=$(date +%s.%N)
while true; do
    STATE=$(curl -sf "$API/batches/$ID" -H "Authorization: Bearer $R" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
    [[ "$STATE" == awaiting_approval ]] && break
    sleep 0.2
done
END=$(date +%s.%N)
kill -TERM "$SERVER"; wait "$TIMER" || true; SERVER=""
HTTP_S=$(python3 -c "print(round($END - $START, 2))")
UP_S=$(python3 -c "print(round($UPLOADED - $START, 2))")
SERVER_MB=$(rss "$OUT/server.time")
python3 - "$GATEHOUSE_WORKSPACE/gatehouse.sqlite" "$ID" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for table in ("batch_rows", "decisions"):
    print(table, c.execute(f"SELECT count(*) FROM {table} WHERE batch_id = ?", (sys.argv[2],)).fetchone()[0])
PY
echo "{\"records\": $N, \"requests\": $M, \"cli_batch_submit_s\": $CLI_S, \"cli_peak_mib\": $CLI_MB, \"server_ready_s\": $READY_S, \"http_upload_s\": $UP_S, \"http_upload_to_decided_s\": $HTTP_S, \"ratio\": $(python3 -c "print(round($HTTP_S / $CLI_S, 3))"), \"server_peak_mib\": $SERVER_MB, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" | tee "$OUT/summary.json"
