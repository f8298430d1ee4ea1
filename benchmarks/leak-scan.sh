#!/usr/bin/env bash
# Issue 15, item 6: runs the whole test suite with its temporary files in one folder and every
# CLI message kept, then scans what it wrote for the protected values of the stores it used
# (benchmarks/leak_scan.py says what is scanned). Exit 0 when there is no hit.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="${1:-$HERE/data/leak-scan}"
rm -rf "$OUT"
mkdir -p "$OUT/tmp"
echo "[leak-scan] swift test, temporary files in $OUT/tmp" >&2
( cd "$ROOT" && TMPDIR="$OUT/tmp" GATEHOUSE_LEAK_LOG="$OUT/cli.log" swift test > "$OUT/test.log" 2>&1 ) || {
    echo "[leak-scan] the test suite failed; see $OUT/test.log" >&2
}
python3 "$HERE/leak_scan.py" "$OUT/tmp" "$OUT/test.log" "$OUT/cli.log"
