#!/usr/bin/env bash
# The ledger as C2SP tlog-tiles at the seed's scale: a log of N decision entries
# (`gatehouse ledger benchmark`), its static export, an export again with nothing new,
# `tiles verify` of three entries and of the whole log, and the independent Python client's
# full audit. Times with /usr/bin/time; run it under the bench lock:
#
#     flock /tmp/gatehouse-bench.lock benchmarks/tiles.sh [--events 1280000] [--binary PATH]
#
# Writes into benchmarks/data/tiles-N/ (removed at the end).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
EVENTS=1280000
GATEHOUSE="$ROOT/.build/release/gatehouse"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --events) EVENTS="$2"; shift 2 ;;
        --binary) GATEHOUSE="$2"; shift 2 ;;
        *) echo "usage: $0 [--events N] [--binary PATH]" >&2; exit 2 ;;
    esac
done
[[ -x "$GATEHOUSE" ]] || { echo "no $GATEHOUSE: swift build -c release --product gatehouse" >&2; exit 2; }
DATA="$HERE/data/tiles-$EVENTS"
rm -rf "$DATA"
mkdir -p "$DATA"
trap 'rm -rf "$DATA"' EXIT
TIME=(/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB")

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$GATEHOUSE" ledger benchmark "$DATA/ws" --events "$EVENTS" --chunk 10000 | head -5
KEY="$DATA/ws/keys/ledger.pub"
echo "== tiles export"
"${TIME[@]}" "$GATEHOUSE" ledger tiles export --workspace "$DATA/ws" --out "$DATA/log"
echo "files $(find "$DATA/log" -type f | wc -l), bytes $(du -sb "$DATA/log" | cut -f1)"
echo "== tiles export again (nothing new)"
"${TIME[@]}" "$GATEHOUSE" ledger tiles export --workspace "$DATA/ws" --out "$DATA/log"
LAST=$((EVENTS - 1))
echo "== tiles verify --entry 0 --entry $((EVENTS / 2)) --entry $LAST"
"${TIME[@]}" "$GATEHOUSE" ledger tiles verify --from "$DATA/log" --key "$KEY" \
    --entry 0 --entry $((EVENTS / 2)) --entry "$LAST" | grep -E '^valid|is in the log|recomputed'
echo "== tiles verify --all"
"${TIME[@]}" "$GATEHOUSE" ledger tiles verify --from "$DATA/log" --key "$KEY" --all | tail -1
echo "== scripts/tlog_client.py --all"
python3 -c 'import cryptography' 2>/dev/null || python3 -m pip install -q cryptography
"${TIME[@]}" python3 "$ROOT/scripts/tlog_client.py" --log "$DATA/log" --vkey "$KEY" --all --entry $((EVENTS / 2)) \
    | grep -E '^(audit|fetches|valid|invalid)'
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
