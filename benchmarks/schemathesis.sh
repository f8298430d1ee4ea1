#!/usr/bin/env bash
# schemathesis (PyPI) against the served /openapi.yaml, once with each role's key (and once with
# none): 0 server errors and 0 responses that break the document are the bar. The checks:
# not_a_server_error, status_code_conformance, content_type_conformance,
# response_headers_conformance, response_schema_conformance.
# Usage: benchmarks/schemathesis.sh [PORT] [MAX_EXAMPLES]   (GATEHOUSE=path/to/gatehouse)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PORT="${1:-18101}"
EXAMPLES="${2:-50}"
GATEHOUSE="${GATEHOUSE:-$ROOT/.build/debug/gatehouse}"
VENV="$HERE/.venv-server"
OUT="$HERE/data/schemathesis"
log() { echo "[schemathesis] $*" >&2; }
if [[ ! -x "$VENV/bin/schemathesis" ]]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check schemathesis
fi
rm -rf "$OUT"; mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/gatehouse-schemathesis.XXXXXX)"
SERVER=""
cleanup() {
    if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then kill -TERM "$SERVER"; wait "$SERVER" || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
export GATEHOUSE_WORKSPACE="$WORK/ws"
"$GATEHOUSE" synth --records 5000 --requests 500 --seed 5 --out "$WORK/data" >/dev/null
"$GATEHOUSE" init "$GATEHOUSE_WORKSPACE" >/dev/null
"$GATEHOUSE" records import "$WORK/data/records.csv" >/dev/null 2>&1
sed -e "s/^valid_from: .*/valid_from: $(date -u -d '-30 days' +%Y-%m-%d)/" \
    -e "s/^valid_until: .*/valid_until: $(date -u -d '+365 days' +%Y-%m-%d)/" \
    "$ROOT/examples/agreement.yaml" > "$WORK/agreement.yaml"
printf 'interactive: {enabled: true, probe_limit: 1000, probe_window_hours: 24}\n' >> "$WORK/agreement.yaml"
"$GATEHOUSE" agreement add "$WORK/agreement.yaml" >/dev/null
declare -A KEY
for role in requester officer auditor admin; do
    if [[ $role == requester ]]; then
        KEY[$role]=$("$GATEHOUSE" keys create --role requester --agreement ice-irs-2025 --name "fuzz $role" 2>/dev/null)
    else
        KEY[$role]=$("$GATEHOUSE" keys create --role "$role" --name "fuzz $role" 2>/dev/null)
    fi
done
# A released batch, so that the batch routes have something real to find.
sed -e "s/^submitted_on: .*/submitted_on: $(date -u +%Y-%m-%d)/" "$ROOT/examples/manifest.yaml" > "$WORK/manifest.yaml"
"$GATEHOUSE" batch submit --agreement ice-irs-2025 --manifest "$WORK/manifest.yaml" "$WORK/data/requests.csv" >/dev/null 2>&1

"$GATEHOUSE" serve --port "$PORT" --rate 100000 --burst 100000 2> "$OUT/server.log" &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
for role in none requester officer auditor admin; do
    headers=()
    [[ $role != none ]] && headers=(-H "Authorization: Bearer ${KEY[$role]}")
    log "role $role"
    set +e
    "$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/openapi.yaml" "${headers[@]}" \
        --checks "$CHECKS" --max-examples "$EXAMPLES" --seed 1 --workers 2 --no-color --request-timeout 60 \
        --report junit --report-junit-path "$OUT/junit-$role.xml" > "$OUT/run-$role.txt" 2>&1
    echo "$role exit $?" >> "$OUT/exits.txt"
    set -e
    tail -12 "$OUT/run-$role.txt" >&2
done
python3 - "$OUT" <<'PY'
import glob, os, re, sys, xml.etree.ElementTree as ET
out = sys.argv[1]
total = {"tests": 0, "failures": 0, "errors": 0}
for path in sorted(glob.glob(os.path.join(out, "junit-*.xml"))):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    t = sum(int(s.get("tests", 0)) for s in suites)
    f = sum(int(s.get("failures", 0)) for s in suites)
    e = sum(int(s.get("errors", 0)) for s in suites)
    total["tests"] += t; total["failures"] += f; total["errors"] += e
    role = os.path.basename(path)[6:-4]
    print(f"{role:10} operations {t:3}  failures {f}  errors {e}")
print(f"{'all':10} operations {total['tests']:3}  failures {total['failures']}  errors {total['errors']}")
PY
server_errors=$(grep "status=5[0-9][0-9]" "$OUT/server.log" | grep -vc "route=/readyz" || true)
echo "server log: $(grep -c " request" "$OUT/server.log") requests, $server_errors answered 5xx outside /readyz (which answers 503 while the index loads)"
grep -o 'status=5[0-9][0-9]' "$OUT/server.log" | sort | uniq -c || true
