#!/usr/bin/env bash
# TLS for `gatehouse serve`: --tls-cert/--tls-key, and --client-ca with a key bound to a client
# certificate (works with it, refused without it or with another certificate). Throwaway
# certificates made with openssl; loopback only.
# Usage: benchmarks/server-tls.sh [PORT]   (GATEHOUSE=path/to/gatehouse)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PORT="${1:-18105}"
GATEHOUSE="${GATEHOUSE:-$ROOT/.build/debug/gatehouse}"
WORK="$(mktemp -d /tmp/gatehouse-tls.XXXXXX)"
SERVER=""
cleanup() { if [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null; then kill -TERM "$SERVER"; wait "$SERVER" || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT
cd "$WORK"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=Test CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext 2>/dev/null
for who in alice mallory; do
    openssl req -newkey rsa:2048 -nodes -keyout $who.key -out $who.csr -subj "/CN=$who" 2>/dev/null
    openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $who.pem -days 2 2>/dev/null
done
export GATEHOUSE_WORKSPACE="$WORK/ws"
"$GATEHOUSE" init "$GATEHOUSE_WORKSPACE" >/dev/null
BOUND=$("$GATEHOUSE" keys create --role auditor --name "auditor on alice's certificate" --client-cert alice.pem 2>/dev/null)
FREE=$("$GATEHOUSE" keys create --role auditor --name "auditor, no certificate binding" 2>/dev/null)
"$GATEHOUSE" serve --port "$PORT" --tls-cert server.pem --tls-key server.key --client-ca ca.pem 2> server.log &
SERVER=$!
sleep 3
code() {
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' --cacert ca.pem "$@" "https://127.0.0.1:$PORT/v1/batches" || true)
    [[ "$status" == 000 ]] && echo "refused (no TLS session)" || echo "$status"
}
echo "bound key with alice's certificate:   $(code --cert alice.pem --key alice.key -H "Authorization: Bearer $BOUND")"
echo "bound key with mallory's certificate: $(code --cert mallory.pem --key mallory.key -H "Authorization: Bearer $BOUND")"
echo "unbound key with mallory's certificate: $(code --cert mallory.pem --key mallory.key -H "Authorization: Bearer $FREE")"
echo "no client certificate:                 $(code -H "Authorization: Bearer $FREE")"
PLAIN=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" || true)
echo "plain http:                            $([[ "$PLAIN" == 000 ]] && echo "refused (no TLS session)" || echo "$PLAIN")"
