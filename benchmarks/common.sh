# Shared by febrl.sh and vs-splink.sh (sourced, not run). Expects HERE, ROOT and log() to be set.

VENV="$HERE/.venv"
PY="$VENV/bin/python"
GATEHOUSE="$ROOT/.build-bench/release/gatehouse"
STALE_NOTE=""

# The Python peers (Splink, DuckDB, recordlinkage) in benchmarks/.venv.
ensure_python() {
    if [[ ! -x "$PY" ]]; then
        log "creating $VENV"
        python3 -m venv "$VENV"
    fi
    if ! "$PY" -c 'import splink, duckdb, recordlinkage' 2>/dev/null; then
        log "installing the packages of benchmarks/requirements.txt into $VENV"
        "$PY" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"
    fi
}

# Builds the release binary into .build-bench, three tries (a shared work tree can change under
# the build); on failure an earlier binary is used with STALE_NOTE set. Returns 0 either way.
build_release_binary() {
    local attempt
    for attempt in 1 2 3; do
        log "building gatehouse (swift build -c release --scratch-path .build-bench), attempt $attempt"
        if (cd "$ROOT" && swift build -c release --scratch-path .build-bench --product gatehouse >&2); then
            return 0
        fi
        if [[ "$attempt" == 3 ]]; then
            if [[ -x "$GATEHOUSE" ]]; then
                log "WARNING: build failed; using the binary of an earlier build (may be stale)"
                STALE_NOTE="Gatehouse binary from an earlier build: this run's build failed."
            else
                log "build failed"
            fi
            return 0
        fi
        sleep 5
    done
}
