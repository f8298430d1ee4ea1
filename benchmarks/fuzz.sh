#!/usr/bin/env bash
# Issue 15, item 1: libFuzzer (-sanitize=fuzzer,address) on Gatehouse's parsers, one target at a
# time at nice 19 (COORDINATION.md), each for FUZZ_SECONDS (default 3600), with its corpus in
# fuzz/corpus/TARGET (committed) and anything it finds in fuzz/findings/TARGET. Then the parser
# scaling check (adversarial inputs of size n and 16n; a ratio far above 16 is superlinear).
#
#   benchmarks/fuzz.sh [TARGET...]        default: every target
#   FUZZ_SECONDS=600 benchmarks/fuzz.sh   shorter runs
#
# Exit 1 when a target crashed, hung, leaked or tripped a sanitizer, or a parser was superlinear.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
FUZZ="$ROOT/fuzz"
SECONDS_EACH="${FUZZ_SECONDS:-3600}"
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(fuzz-csv fuzz-address fuzz-name fuzz-gate fuzz-yaml fuzz-note fuzz-proof)
log() { echo "[fuzz $(date +%H:%M:%S)] $*" >&2; }

# Every Swift module is compiled with the fuzzer's coverage instrumentation and AddressSanitizer
# (-Xswiftc), so that libFuzzer sees the branches of the parsers, not only of the harness; lld
# links (gold fails on the sanitizer runtime's symbols).
log "building ${TARGETS[*]} and parser-scaling (swift build -c release in fuzz/, instrumented)"
(cd "$FUZZ" && nice -n 19 swift build -c release --scratch-path .build-instrumented \
    -Xswiftc -sanitize=fuzzer,address >&2)
BIN="$FUZZ/.build-instrumented/release"

seed() {  # seed a corpus from the repository's own examples and fixtures
    local target="$1" dir="$2"
    case "$target" in
        fuzz-csv) cp "$ROOT"/Tests/GatehouseCSVTests/*.swift /dev/null 2>&1 || true
                  printf 'request_id,given_name,surname,address_line1,postcode\nQ1,Ana,Lee,"1 Main St, Apt 2",62701\n' > "$dir/seed-1" ;;
        fuzz-yaml) cp "$ROOT"/examples/*.yaml "$dir/" ;;
        fuzz-note) cp "$ROOT"/Tests/GatehouseCoreTests/Fixtures/ledger/checkpoint.* "$dir/" ;;
        fuzz-address) printf '123 N Main St\x1fApt 4' > "$dir/seed-1"; printf 'PO Box 12\x1f' > "$dir/seed-2" ;;
        fuzz-name) printf 'Maria Jose\x1f\x1fde la Cruz-Lopez Jr' > "$dir/seed-1" ;;
        fuzz-gate) printf '123456789\x1fAna\x1f\x1fLee\x1f1990-01-02\x1f1 Main St\x1f\x1fSpringfield\x1fIL\x1f62701\x1fC-1' > "$dir/seed-1" ;;
        fuzz-proof) printf '%064d\x1f0\x1f1\x1f%064d\x1f' 0 0 > "$dir/seed-1" ;;
    esac
}

status=0
for target in "${TARGETS[@]}"; do
    corpus="$FUZZ/corpus/$target"
    findings="$FUZZ/findings/$target"
    mkdir -p "$corpus" "$findings"
    [[ -n "$(ls -A "$corpus")" ]] || seed "$target" "$corpus"
    log "$target: ${SECONDS_EACH} s at nice 19 (corpus $(ls "$corpus" | wc -l) inputs)"
    # The process is named fuzz-TARGET so that `pgrep -f fuzz-` finds it (a benchmark may STOP it).
    if ! nice -n 19 "$BIN/$target" "$corpus" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 > "$findings/run.log" 2>&1; then
        log "$target: FOUND something — see $findings/"
        status=1
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|Done [0-9]+ runs" "$findings/run.log" | sed "s/^/[$target] /" >&2 || true
    # Keep the corpus small enough to commit: merge into a minimal set.
    tmp="$(mktemp -d)"
    nice -n 19 "$BIN/$target" -merge=1 "$tmp" "$corpus" > /dev/null 2>&1 || true
    rm -rf "$corpus" && mv "$tmp" "$corpus"
    log "$target: corpus minimized to $(ls "$corpus" | wc -l) inputs"
done

log "parser scaling (n and 16n)"
nice -n 19 "$BIN/parser-scaling" || status=1
exit $status
