#!/usr/bin/env python3
"""Run one command several times, each as its own process under `/usr/bin/time -v`,
and report wall time and peak memory ("Maximum resident set size").

    measure.py --runs 3 --label splink --json out.json --log run.log -- CMD ARGS...

With --append, the runs are added to those already in --json (a script that alternates two
tools calls it once per run of each, so that both are timed over the same stretch of a noisy
machine's time).

Writes JSON: {"label", "runs": [{"wall_s", "max_rss_kb", "exit"}...],
"median_wall_s", "median_max_rss_kb", "max_max_rss_kb"}. The command's own stderr
goes to --log (appended), prefixed by a run header; a failing run stops everything
with the command's exit code.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time


def parse_time_v(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)", text)
    if m:
        seconds = 0.0
        for part in m.group(1).split(":"):
            seconds = seconds * 60 + float(part)
        out["wall_s"] = seconds
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["max_rss_kb"] = int(m.group(1))
    m = re.search(r"User time \(seconds\): ([0-9.]+)", text)
    if m:
        out["user_s"] = float(m.group(1))
    m = re.search(r"System time \(seconds\): ([0-9.]+)", text)
    if m:
        out["sys_s"] = float(m.group(1))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--label", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--log", required=True, help="the command's stderr is appended here")
    parser.add_argument("--append", action="store_true", help="add to the runs already in --json")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command and args.command[0] == "--" else args.command
    if not command:
        parser.error("no command given after --")

    runs = []
    if args.append:
        try:
            with open(args.json, encoding="utf-8") as handle:
                runs = json.load(handle).get("runs", [])
        except FileNotFoundError:
            pass
    first = len(runs) + 1
    for i in range(first, first + args.runs):
        print(f"[measure] {args.label}: run {i}/{first + args.runs - 1} ...", file=sys.stderr, flush=True)
        with tempfile.NamedTemporaryFile("r+", suffix=".time") as tfile, open(args.log, "a") as log:
            log.write(f"\n===== {args.label} run {i}: {' '.join(command)}\n")
            log.flush()
            started = time.monotonic()
            proc = subprocess.run(
                ["/usr/bin/time", "-v", "-o", tfile.name, *command],
                stdout=log, stderr=log, check=False,
            )
            elapsed = time.monotonic() - started
            tfile.seek(0)
            figures = parse_time_v(tfile.read())
        figures.setdefault("wall_s", elapsed)
        figures["exit"] = proc.returncode
        runs.append(figures)
        print(
            f"[measure] {args.label}: run {i}: {figures['wall_s']:.2f} s wall, "
            f"{figures.get('max_rss_kb', 0) / 1024:.0f} MiB peak RSS, exit {proc.returncode}",
            file=sys.stderr, flush=True,
        )
        if proc.returncode != 0:
            print(f"[measure] {args.label} failed; see {args.log}", file=sys.stderr)
            with open(args.json, "w", encoding="utf-8") as handle:
                json.dump({"label": args.label, "runs": runs, "failed": True}, handle, indent=2)
            return proc.returncode or 1

    result = {
        "label": args.label,
        "command": command,
        "runs": runs,
        "median_wall_s": statistics.median(r["wall_s"] for r in runs),
        "median_max_rss_kb": statistics.median(r.get("max_rss_kb", 0) for r in runs),
        "max_max_rss_kb": max(r.get("max_rss_kb", 0) for r in runs),
    }
    with open(args.json, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
