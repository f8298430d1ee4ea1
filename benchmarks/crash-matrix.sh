#!/usr/bin/env bash
# Issue 15, item 2: SIGKILL at random points of every writing step, a full disk and a read-only
# database; prints the matrix and its counts (benchmarks/crash_matrix.py says what is checked).
# Needs root for the tmpfs mounts. Usage: benchmarks/crash-matrix.sh [--trials N] [--seed S]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BIN="$ROOT/.build/debug/gatehouse"
if [[ ! -x "$BIN" || "${CRASH_BUILD:-1}" == 1 ]]; then
    (cd "$ROOT" && swift build --product gatehouse >&2)
fi
WORK="$HERE/data/crash-matrix"
rm -rf "$WORK"
python3 "$HERE/crash_matrix.py" "$BIN" "$WORK" "$@"
