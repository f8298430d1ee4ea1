#!/usr/bin/env bash
# SIGKILL of `gatehouse serve` mid-upload and mid-decision, then a restart: each batch is either
# absent or complete on resume, one decision per row (and one decision entry per row in the
# ledger), and `gatehouse ledger verify` holds.
# Usage: benchmarks/server-kill.sh [PORT] [ROWS]   (GATEHOUSE=path/to/gatehouse)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PORT="${1:-18103}"
ROWS="${2:-40000}"
GATEHOUSE="${GATEHOUSE:-$ROOT/.build-server/release/gatehouse}"
WORK="$(mktemp -d /tmp/gatehouse-kill.XXXXXX)"
log() { echo "[kill $(date +%H:%M:%S)] $*" >&2; }
SERVER=""
cleanup() {
    if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then kill -KILL "$SERVER"; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
export GATEHOUSE_WORKSPACE="$WORK/ws"
DB="$GATEHOUSE_WORKSPACE/gatehouse.sqlite"
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(sys.argv[2]).fetchone()[0])' "$DB" "$1"; }

"$GATEHOUSE" synth --records 100000 --requests "$ROWS" --seed 9 --out "$WORK/data" >/dev/null
"$GATEHOUSE" init "$GATEHOUSE_WORKSPACE" >/dev/null
"$GATEHOUSE" records import "$WORK/data/records.csv" >/dev/null 2>&1
sed -e "s/^valid_from: .*/valid_from: $(date -u -d '-30 days' +%Y-%m-%d)/" \
    -e "s/^valid_until: .*/valid_until: $(date -u -d '+365 days' +%Y-%m-%d)/" \
    -e "s/records_per_batch: .*/records_per_batch: 1000000/" -e "s/records_per_day: .*/records_per_day: 2000000/" \
    "$ROOT/examples/agreement.yaml" > "$WORK/agreement.yaml"
"$GATEHOUSE" agreement add "$WORK/agreement.yaml" >/dev/null
sed -e "s/^submitted_on: .*/submitted_on: $(date -u +%Y-%m-%d)/" "$ROOT/examples/manifest.yaml" > "$WORK/manifest.yaml"
R=$("$GATEHOUSE" keys create --role requester --agreement ice-irs-2025 --name "kill test" 2>/dev/null)
API="http://127.0.0.1:$PORT/v1"

start() {
    GATEHOUSE_CHUNK_SIZE=2000 GATEHOUSE_TEST_CHUNK_PAUSE_MS=150 "$GATEHOUSE" serve --port "$PORT" 2>> "$WORK/server.log" &
    SERVER=$!
    for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && return; sleep 0.1; done
    log "server not ready"; exit 1
}
create() {
    curl -sf -X POST "$API/batches" -H "Authorization: Bearer $R" -H "Content-Type: application/yaml" \
        --data-binary @"$WORK/manifest.yaml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
state() { curl -sf "$API/batches/$1" -H "Authorization: Bearer $R" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])'; }

# 0. SIGTERM mid-upload drains: the request in flight completes, then the server stops.
head -n 10001 "$WORK/data/requests.csv" > "$WORK/drain.csv"  # other bytes than the batch below
start
DRAIN=$(create)
curl -s -X PUT "$API/batches/$DRAIN/requests" -H "Authorization: Bearer $R" -H "Content-Type: text/csv" \
    --limit-rate 400K --data-binary @"$WORK/drain.csv" -o "$WORK/drain.json" -w '%{http_code}' > "$WORK/drain.code" &
CURL=$!
sleep 1
kill -TERM "$SERVER"
wait "$CURL" || true
wait "$SERVER"; EXIT=$?; SERVER=""
echo "SIGTERM mid-upload: the upload was answered $(cat "$WORK/drain.code"), the server exited $EXIT, $(sql "SELECT count(*) FROM batch_rows WHERE batch_id = '$DRAIN'") rows stored"
[[ "$(cat "$WORK/drain.code")" == 202 && "$EXIT" == 0 ]] || { echo "FAIL: the request in flight was not drained"; exit 1; }

# 1. Mid-upload: the rows trickle in (curl --limit-rate); the server is killed part way.
start
ID=$(create)
curl -s -X PUT "$API/batches/$ID/requests" -H "Authorization: Bearer $R" -H "Content-Type: text/csv" \
    --limit-rate 200K --data-binary @"$WORK/data/requests.csv" -o /dev/null &
CURL=$!
sleep 2
PARTS=$(ls "$GATEHOUSE_WORKSPACE/uploads" | grep -c part || true)
kill -KILL "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
wait "$CURL" 2>/dev/null || true
log "killed mid-upload ($PARTS partial upload file(s) on disk)"
start
LEFT=$(ls "$GATEHOUSE_WORKSPACE/uploads" | grep -c part || true)
STORED=$(sql "SELECT count(*) FROM batch_rows WHERE batch_id = '$ID'")
echo "mid-upload: after restart the batch is '$(state "$ID")', $STORED rows stored, $LEFT partial files left"
[[ "$STORED" == 0 && "$LEFT" == 0 ]] || { echo "FAIL: a partial upload survived"; exit 1; }

# 2. The same batch uploaded whole, then killed mid-decision (the drained batch above was decided
#    after the restart, or is being decided; both end whole).
curl -sf -X PUT "$API/batches/$ID/requests" -H "Authorization: Bearer $R" -H "Content-Type: text/csv" \
    --data-binary @"$WORK/data/requests.csv" -o /dev/null
for _ in $(seq 1 600); do
    DECIDED=$(sql "SELECT count(*) FROM decisions WHERE batch_id = '$ID'")
    [[ "$DECIDED" -gt 0 ]] && break
    sleep 0.05
done
sleep 1
DECIDED=$(sql "SELECT count(*) FROM decisions WHERE batch_id = '$ID'")
kill -KILL "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
log "killed mid-decision at $DECIDED of $ROWS rows decided"
[[ "$DECIDED" -gt 0 && "$DECIDED" -lt "$ROWS" ]] || { echo "FAIL: the kill did not land mid-decision"; exit 1; }
start
for _ in $(seq 1 1200); do [[ "$(state "$ID")" == awaiting_approval ]] && break; sleep 0.1; done
kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=""
ROWS_STORED=$(sql "SELECT count(*) FROM batch_rows WHERE batch_id = '$ID'")
DECISIONS=$(sql "SELECT count(*) FROM decisions WHERE batch_id = '$ID'")
DISTINCT=$(sql "SELECT count(DISTINCT row_number) FROM decisions WHERE batch_id = '$ID'")
ENTRIES=$(sql "SELECT count(*) FROM ledger_entries WHERE kind = 2") ; ENTRIES=$((ENTRIES - $(sql "SELECT count(*) FROM decisions WHERE batch_id <> '$ID'")))
LINKED=$(sql "SELECT count(DISTINCT ledger_seq) FROM decisions WHERE batch_id = '$ID'")
echo "mid-decision: after restart the batch is awaiting_approval; rows $ROWS_STORED, decisions $DECISIONS (distinct rows $DISTINCT), decision entries in the ledger $ENTRIES, distinct entries linked $LINKED"
[[ "$ROWS_STORED" == "$ROWS" && "$DECISIONS" == "$ROWS" && "$DISTINCT" == "$ROWS" && "$ENTRIES" == "$ROWS" && "$LINKED" == "$ROWS" ]] \
    || { echo "FAIL: not one decision per row"; exit 1; }
"$GATEHOUSE" ledger verify
echo "kill and restart: ok"
