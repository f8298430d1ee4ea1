#!/usr/bin/env bash
# The README's server walk-through, run for real against `gatehouse serve` on loopback: a
# workspace with a synthetic store, an agreement valid today, the first keys, then one batch from
# upload to responses with curl, a single verification, and a graceful stop (SIGTERM).
# Usage: benchmarks/server-walkthrough.sh [PORT]   (GATEHOUSE=path/to/gatehouse to choose the binary)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PORT="${1:-18100}"
GATEHOUSE="${GATEHOUSE:-$ROOT/.build/debug/gatehouse}"
WORK="$(mktemp -d /tmp/gatehouse-walkthrough.XXXXXX)"
log() { echo "[walkthrough] $*" >&2; }
SERVER=""
cleanup() {
    if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then kill -TERM "$SERVER"; wait "$SERVER" || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export GATEHOUSE_WORKSPACE="$WORK/ws"
"$GATEHOUSE" synth --records 20000 --requests 2000 --seed 3 --out "$WORK/data" >/dev/null
"$GATEHOUSE" init "$GATEHOUSE_WORKSPACE" >/dev/null
"$GATEHOUSE" records import "$WORK/data/records.csv" >/dev/null 2>&1
# The example agreement with dates around today and interactive use on.
sed -e "s/^valid_from: .*/valid_from: $(date -u -d '-30 days' +%Y-%m-%d)/" \
    -e "s/^valid_until: .*/valid_until: $(date -u -d '+365 days' +%Y-%m-%d)/" \
    -e "s/records_per_batch: .*/records_per_batch: 100000/" -e "s/records_per_day: .*/records_per_day: 200000/" \
    "$ROOT/examples/agreement.yaml" > "$WORK/agreement.yaml"
printf 'interactive: {enabled: true, probe_limit: 3, probe_window_hours: 24}\n' >> "$WORK/agreement.yaml"
"$GATEHOUSE" agreement add "$WORK/agreement.yaml" >/dev/null
sed -e "s/^submitted_on: .*/submitted_on: $(date -u +%Y-%m-%d)/" "$ROOT/examples/manifest.yaml" > "$WORK/manifest.yaml"

# The first keys: each secret is printed once.
REQUESTER=$("$GATEHOUSE" keys create --role requester --agreement ice-irs-2025 --name "ICE batch system" 2>/dev/null)
OFFICER_A=$("$GATEHOUSE" keys create --role officer --name "Disclosure officer A" 2>/dev/null)
OFFICER_B=$("$GATEHOUSE" keys create --role officer --name "Disclosure officer B" 2>/dev/null)
AUDITOR=$("$GATEHOUSE" keys create --role auditor --name "Inspector general" 2>/dev/null)
"$GATEHOUSE" keys list >&2

"$GATEHOUSE" serve --port "$PORT" 2> "$WORK/server.log" &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/readyz" >&2; echo >&2
API="http://127.0.0.1:$PORT/v1"

# 1. Create the batch with its manifest.
ID=$(curl -sf -X POST "$API/batches" -H "Authorization: Bearer $REQUESTER" \
    -H "Content-Type: application/yaml" --data-binary @"$WORK/manifest.yaml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
log "batch $ID created"
# 2. Upload the rows (streamed).
curl -sf -X PUT "$API/batches/$ID/requests" -H "Authorization: Bearer $REQUESTER" \
    -H "Content-Type: text/csv" --data-binary @"$WORK/data/requests.csv" >&2; echo >&2
# 3. Poll until decided.
for _ in $(seq 1 300); do
    STATE=$(curl -sf "$API/batches/$ID" -H "Authorization: Bearer $OFFICER_A" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
    [[ "$STATE" == awaiting_approval ]] && break
    sleep 0.2
done
log "batch $ID: $STATE"
# 4. Two officers approve, one releases.
curl -sf -X POST "$API/batches/$ID/approvals" -H "Authorization: Bearer $OFFICER_A" >/dev/null
curl -sf -X POST "$API/batches/$ID/approvals" -H "Authorization: Bearer $OFFICER_B" >/dev/null
curl -sf -X POST "$API/batches/$ID/release" -H "Authorization: Bearer $OFFICER_A" >&2; echo >&2
# 5. The requester downloads its responses.
curl -sf "$API/batches/$ID/responses" -H "Authorization: Bearer $REQUESTER" -o "$WORK/responses.csv"
log "responses: $(($(wc -l < "$WORK/responses.csv") - 1)) rows; first lines:"
head -3 "$WORK/responses.csv" >&2
# A single verification (the first request of the file).
BODY=$(python3 - "$WORK/data/requests.csv" <<'PY'
import csv, json, sys
row = next(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(json.dumps(row))
PY
)
curl -sf -X POST "$API/verifications" -H "Authorization: Bearer $REQUESTER" -H "Gatehouse-On-Behalf-Of: agent-17" \
    -H "Content-Type: application/json" --data "$BODY" >&2; echo >&2
# The auditor reads the last ledger entries.
curl -sf "$API/ledger/entries?from=0&count=2" -H "Authorization: Bearer $AUDITOR" | head -c 400 >&2; echo >&2

# Anyone with only the public key checks the served log: the checkpoint, every tile, every entry.
sleep 3  # the server signs a checkpoint within seconds of the log growing
curl -sf "http://127.0.0.1:$PORT/v1/log/key" -o "$WORK/ledger.pub"
LAST=$(($(curl -sf "http://127.0.0.1:$PORT/v1/log/checkpoint" | sed -n 2p) - 1))
"$GATEHOUSE" ledger tiles verify --from "http://127.0.0.1:$PORT/v1/log" --key "$WORK/ledger.pub" --all --entry "$LAST" >&2
cmp <(curl -sf "http://127.0.0.1:$PORT/v1/log/checkpoint") <("$GATEHOUSE" ledger checkpoint 2>/dev/null) >&2 \
    && log "the served checkpoint is byte-identical to gatehouse ledger checkpoint"

kill -TERM "$SERVER"; wait "$SERVER"; SERVER=""
log "server stopped gracefully; its last log lines:"
tail -3 "$WORK/server.log" >&2
"$GATEHOUSE" ledger verify >&2
[[ $(($(wc -l < "$WORK/responses.csv") - 1)) -eq 2000 ]] && echo "walkthrough: ok"
