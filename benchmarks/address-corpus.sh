#!/usr/bin/env bash
# The sufficiency gate on real address lines: the hand-labeled US addresses of the usaddress
# package (Tests/GatehouseCoreTests/Fixtures/address-corpus/) through `gatehouse match`,
# counted per category. See benchmarks/README.md and the fixture's README.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: benchmarks/address-corpus.sh [--locality corpus|fixed|both] [--data DIR]
                                    [--markdown FILE] [--list] [--no-build]

Turns the fixture into a Requests CSV (one made-up person, case reference CORPUS-1, the
corpus's address line), decides it with `gatehouse match` (statutory profile) against a
one-record store, and prints per category: count, passed the gate, refused, the reason codes;
then the two headline rates: real street addresses refused (categories street and
street_with_unit_first) and non-street lines passed (intersection, po_box, rural_route,
no_number, landmark_only, other).

  --locality MODE   corpus: the corpus's own ZIP/city/state where it gives them, a made-up
                    Springfield, IL 62704 where it gives none (default);
                    fixed: Springfield, IL 62704 on every row (the street line alone is judged);
                    both: one run of each
  --data DIR        working folder (default benchmarks/data/address-corpus; git-ignored)
  --markdown FILE   also append the tables to FILE
  --list            also list every street line refused and every non-street line passed
  --no-build        use the existing .build-bench/release/gatehouse
  -h, --help        this text

Needs only python3 (standard library) and the Swift toolchain.
EOF
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
FIXTURE="$ROOT/Tests/GatehouseCoreTests/Fixtures/address-corpus/usaddress-labeled.csv"
DATA="$HERE/data/address-corpus"
LOCALITY="corpus"
MARKDOWN=""
LIST=()
BUILD=1

while [[ $# -gt 0 ]]; do
    case "$1" in
        --locality) LOCALITY="$2"; shift 2 ;;
        --data) DATA="$2"; shift 2 ;;
        --markdown) MARKDOWN="$2"; shift 2 ;;
        --list) LIST=(--list); shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "address-corpus.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$LOCALITY" in
    corpus|fixed) MODES=("$LOCALITY") ;;
    both) MODES=(corpus fixed) ;;
    *) echo "address-corpus.sh: --locality is corpus, fixed or both" >&2; exit 2 ;;
esac

log() { echo "[address-corpus $(date +%H:%M:%S)] $*" >&2; }

source "$HERE/common.sh"

if [[ "$BUILD" == 1 ]]; then build_release_binary; fi
if [[ ! -x "$GATEHOUSE" ]]; then
    log "no gatehouse binary at $GATEHOUSE (build it, or drop --no-build)"
    exit 1
fi
[[ -n "$STALE_NOTE" ]] && log "$STALE_NOTE"

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
for mode in "${MODES[@]}"; do
    dir="$DATA/$mode"
    mkdir -p "$dir"
    log "requests from $(basename "$FIXTURE") (locality: $mode) -> $dir"
    python3 "$HERE/address_corpus.py" requests --fixture "$FIXTURE" --out "$dir" --locality "$mode"
    log "gatehouse match (statutory profile)"
    "$GATEHOUSE" match --records "$dir/records.csv" --requests "$dir/requests.csv" \
        --out "$dir/decisions.csv" --explain "$dir/explain.jsonl" > "$dir/match.log" 2>&1 \
        || { log "gatehouse match failed (see $dir/match.log)"; cat "$dir/match.log" >&2; exit 1; }
    echo "### Gate on the usaddress corpus, locality: $mode (commit $COMMIT)"
    echo
    if [[ -n "$MARKDOWN" ]]; then
        printf '### Gate on the usaddress corpus, locality: %s (commit %s)\n\n' "$mode" "$COMMIT" >> "$MARKDOWN"
        python3 "$HERE/address_corpus.py" report --fixture "$FIXTURE" --decisions "$dir/decisions.csv" \
            --markdown "$MARKDOWN" "${LIST[@]}"
    else
        python3 "$HERE/address_corpus.py" report --fixture "$FIXTURE" --decisions "$dir/decisions.csv" "${LIST[@]}"
    fi
    echo
done
