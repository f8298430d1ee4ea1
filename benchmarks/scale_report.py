#!/usr/bin/env python3
"""Tables for benchmarks/scale.sh.

    scale_report.py size --out DIR --records N --requests M --seed S --runs K [--note TEXT] [--markdown FILE]
    scale_report.py growth [--markdown FILE] SUMMARY.json...

`size` reads the per-run files scale.sh leaves in DIR (STEP-I.time.json from measure.py,
STEP-I.log with the command's own output, STEP-I.load with /proc/loadavg at its start),
prints one table (median wall time of the runs, largest peak RSS, throughput, the timings
gatehouse prints itself, load average) and writes DIR/summary.json. `growth` puts several
summaries side by side: how time and memory grow with the store.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import statistics
import sys

# Issue 6's targets, checked at 1.28M requests x 10M records (shown at every size for reference).
TARGETS = {
    "import": [("import < 120 s", lambda s: s["wall_s"] < 120)],
    "load": [("index load < 15 s", lambda s: s["inner"].get("load_s", s["wall_s"]) < 15)],
    "match": [("match < 60 s", lambda s: s["wall_s"] < 60), ("match < 8 GiB", lambda s: s["rss_mib"] < 8192)],
    "pipeline": [("pipeline < 180 s", lambda s: s["wall_s"] < 180)],
}

NUMBER = r"([0-9][0-9,.\u202f\u00a0 ]*)"


def number(text: str) -> float:
    return float(re.sub(r"[,\u202f\u00a0 ]", "", text))


def grab(pattern: str, text: str) -> float | None:
    m = re.search(pattern, text)
    return number(m.group(1)) if m else None


def parse_import(text: str) -> dict[str, float]:
    out = {}
    for key, pattern in [
        ("rows", r"rows:\s+" + NUMBER + r"\n"),
        ("people", r"people:\s+" + NUMBER + r" in the store"),
        ("import_s", r"imported in ([0-9.]+) s"),
        ("rows_per_s", r"imported in [0-9.]+ s \(" + NUMBER + r" rows/s\)"),
        ("index_addresses", r"match index: [0-9,.\u202f\u00a0 ]+ people, " + NUMBER + r" addresses"),
        ("index_build_s", r"built in ([0-9.]+) s"),
    ]:
        value = grab(pattern, text)
        if value is not None:
            out[key] = value
    return out


def parse_load(text: str) -> dict[str, float]:
    out = {}
    m = re.search(r"match index: (loaded from|rebuilt from) .* in ([0-9.]+) s", text)
    if m:
        out["load_s"] = float(m.group(2))
        out["from_file"] = 1.0 if m.group(1) == "loaded from" else 0.0
    return out


def parse_match(text: str) -> dict[str, float]:
    out = {}
    for key, pattern in [
        ("record_rows", r"records: " + NUMBER + r" rows"),
        ("load_s", r"loaded in ([0-9.]+) s"),
        ("weights_s", r"weights estimated in ([0-9.]+) s"),
        ("decide_s", r"decided in ([0-9.]+) s"),
        ("total_s", r"decisions written to .* in ([0-9.]+) s"),
        ("verified", r"\n\s+verified\s+" + NUMBER),
    ]:
        value = grab(pattern, text)
        if value is not None:
            out[key] = value
    return out


def parse_pipeline(text: str) -> dict[str, float]:
    out = {}
    for key, pattern in [
        ("index_ready_s", r"index: [0-9,.\u202f\u00a0 ]+ people ready in ([0-9.]+) s"),
        ("decided", r"rows decided"),
        ("verified", r"\n\s+verified\s+" + NUMBER),
    ]:
        if key == "decided":
            m = re.search(r"batch \S+: " + NUMBER + r" rows decided", text)
            if m:
                out[key] = number(m.group(1))
            continue
        value = grab(pattern, text)
        if value is not None:
            out[key] = value
    return out


def parse_verify(text: str) -> dict[str, float]:
    out = {}
    m = re.search(r"intact: " + NUMBER + r" entries", text)
    if m and "not intact" not in text:
        out["entries"] = number(m.group(1))
    value = grab(r"verified in ([0-9.]+) s", text)
    if value is not None:
        out["verify_s"] = value
    return out


PARSERS = {
    "import": parse_import,
    "load": parse_load,
    "match": parse_match,
    "pipeline": parse_pipeline,
    "verify": parse_verify,
    "release": lambda text: {},
    "results": lambda text: {},
    "audit": lambda text: {},
}


def step_summary(out_dir: str, step: str) -> dict | None:
    runs = []
    for path in sorted(glob.glob(os.path.join(out_dir, f"{step}-*.time.json"))):
        base = path[: -len(".time.json")]
        with open(path, encoding="utf-8") as handle:
            timing = json.load(handle)
        if timing.get("failed"):
            return {"failed": True}
        run = timing["runs"][0]
        text = open(base + ".log", encoding="utf-8", errors="replace").read()
        load = open(base + ".load").read().split() if os.path.exists(base + ".load") else []
        runs.append({
            "wall_s": run["wall_s"],
            "rss_kb": run.get("max_rss_kb", 0),
            "user_s": run.get("user_s", 0.0),
            "sys_s": run.get("sys_s", 0.0),
            "inner": PARSERS[step](text),
            "load1": float(load[0]) if load else None,
        })
    if not runs:
        return None
    inner_keys = set().union(*(r["inner"].keys() for r in runs))
    return {
        "runs": len(runs),
        "wall_s": statistics.median(r["wall_s"] for r in runs),
        "wall_all": [round(r["wall_s"], 2) for r in runs],
        "rss_mib": max(r["rss_kb"] for r in runs) / 1024,
        "cpu_s": statistics.median(r["user_s"] + r["sys_s"] for r in runs),
        "inner": {k: statistics.median(r["inner"][k] for r in runs if k in r["inner"]) for k in inner_keys},
        "load1": [r["load1"] for r in runs if r["load1"] is not None],
    }


def fmt_int(value: float) -> str:
    return f"{int(round(value)):,}"


def load_text(values: list[float]) -> str:
    if not values:
        return ""
    return f"{min(values):.1f}" if min(values) == max(values) else f"{min(values):.1f}–{max(values):.1f}"


def size_table(summary: dict) -> list[str]:
    n, m, steps = summary["records"], summary["requests"], summary["steps"]
    rows = []

    def row(label, key, throughput, inner):
        s = steps.get(key)
        if s is None:
            return
        if s.get("failed"):
            rows.append([label, "", "FAILED", "", "", "", "", "", ""])
            return
        target = ""
        if key in TARGETS and n >= 10_000_000 and m >= 1_280_000:
            target = "; ".join(("meets " if check(s) else "**misses** ") + text for text, check in TARGETS[key])
        rows.append([
            label, str(s["runs"]), f"{s['wall_s']:.2f}", f"{s['rss_mib']:,.0f}", f"{s['cpu_s']:.1f}",
            throughput(s), inner(s.get("inner", {})), load_text(s["load1"]), target,
        ])

    def g(d, k, f="{:.2f} s"):
        return f.format(d[k]) if k in d else "?"

    row("import (init + records import)", "import",
        lambda s: f"{fmt_int(n / s['wall_s'])} records/s",
        lambda d: f"{g(d, 'rows', '{:,.0f}')} rows at {g(d, 'rows_per_s', '{:,.0f}')} rows/s; "
                  f"import {g(d, 'import_s')}, index build {g(d, 'index_build_s')}")
    row("index load (records status)", "load",
        lambda s: "",
        lambda d: f"index {'loaded from file' if d.get('from_file') == 1 else 'REBUILT'} in {g(d, 'load_s')}")
    row("match (whole batch)", "match",
        lambda s: f"{fmt_int(m / s['wall_s'])} requests/s",
        lambda d: f"load {g(d, 'load_s')}, weights {g(d, 'weights_s')}, decide {g(d, 'decide_s')}; "
                  f"{g(d, 'verified', '{:,.0f}')} verified")
    row("full pipeline (batch submit)", "pipeline",
        lambda s: f"{fmt_int(m / s['wall_s'])} requests/s",
        lambda d: f"index ready {g(d, 'index_ready_s')}; {g(d, 'decided', '{:,.0f}')} decided, "
                  f"{g(d, 'verified', '{:,.0f}')} verified")
    row("ledger verify", "verify",
        lambda s: f"{fmt_int(s['inner']['entries'] / s['wall_s'])} entries/s" if "entries" in s["inner"] else "",
        lambda d: f"{g(d, 'entries', '{:,.0f}')} entries, verified in {g(d, 'verify_s')}")
    row("release (checked against the ledger)", "release",
        lambda s: f"{fmt_int(m / s['wall_s'])} rows/s", lambda d: "")
    row("results (response file, checked)", "results",
        lambda s: f"{fmt_int(m / s['wall_s'])} rows/s", lambda d: "")
    row("audit (every table against the ledger)", "audit",
        lambda s: f"{fmt_int(m / s['wall_s'])} rows/s", lambda d: "")
    header = ["step", "runs", "wall s (median)", "peak RSS MiB", "CPU s", "throughput",
              "as gatehouse reports it (medians)", "load avg (1 min) at start", "issue 6 target"]
    lines = [
        f"### Gatehouse at scale: {n:,} records × {m:,} requests (seed {summary['seed']})",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines.append("")
    pipe, ver = steps.get("pipeline"), steps.get("verify")
    if pipe and ver and not pipe.get("failed") and not ver.get("failed"):
        lines.append(f"Full pipeline plus ledger verify: {pipe['wall_s'] + ver['wall_s']:.2f} s "
                     f"({fmt_int(m / (pipe['wall_s'] + ver['wall_s']))} requests/s).")
    if n < 10_000_000 or m < 1_280_000:
        lines.append("Issue 6's targets are for 10M records × 1.28M requests; not checked at this size.")
    lines.append(f"Runs (wall s): " + "; ".join(
        f"{k} {steps[k]['wall_all']}" for k in ["import", "load", "match", "pipeline", "verify", "release", "results", "audit"]
        if k in steps and not steps[k].get("failed")) + ".")
    lines.append(f"Data: {summary['record_rows']:,} address rows; workspace after the pipeline "
                 f"{summary['workspace_mib']:,.0f} MiB. Machine: {summary['machine']}; load average "
                 f"(1/5/15 min) at start {summary['load_start']}, at end {summary['load_end']}. "
                 f"{summary.get('note', '')}".rstrip())
    lines.append("")
    return lines


def cmd_size(args: argparse.Namespace) -> list[str]:
    steps = {}
    for step in ["import", "load", "match", "pipeline", "verify", "release", "results", "audit"]:
        s = step_summary(args.out, step)
        if s is not None:
            steps[step] = s
    read = lambda name: open(os.path.join(args.out, name)).read().strip() if os.path.exists(os.path.join(args.out, name)) else "?"
    ws_kb = [int(open(p).read()) for p in glob.glob(os.path.join(args.out, "ws-*.kb"))]
    record_rows = steps.get("import", {}).get("inner", {}).get("rows", 0) if "import" in steps else 0
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    summary = {
        "records": args.records, "requests": args.requests, "seed": args.seed, "runs": args.runs,
        "steps": steps, "record_rows": int(record_rows),
        "workspace_mib": (max(ws_kb) / 1024) if ws_kb else 0,
        "machine": f"{os.cpu_count()} cores, {mem_gib:.0f} GiB",
        "load_start": read("start.load"), "load_end": read("end.load"),
        "note": args.note or "",
    }
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    return size_table(summary)


def cmd_growth(args: argparse.Namespace) -> list[str]:
    summaries = []
    for path in args.summaries:
        with open(path, encoding="utf-8") as handle:
            summaries.append(json.load(handle))
    summaries.sort(key=lambda s: s["records"])
    base = summaries[0]
    header = ["records", "requests", "import s", "import MiB", "index load s", "match s", "match MiB",
              "match requests/s", "pipeline s", "pipeline MiB", "verify s", "load avg at start"]
    lines = [
        "### How time and memory grow with the store",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]

    def cell(s, step, what):
        st = s["steps"].get(step)
        if st is None or st.get("failed"):
            return "—"
        if what == "wall":
            return f"{st['wall_s']:.1f}"
        if what == "rss":
            return f"{st['rss_mib']:,.0f}"
        if what == "load":
            return f"{st['inner'].get('load_s', st['wall_s']):.2f}"
        return ""

    for s in summaries:
        match = s["steps"].get("match")
        rate = f"{s['requests'] / match['wall_s']:,.0f}" if match and not match.get("failed") else "—"
        lines.append("| " + " | ".join([
            f"{s['records']:,}", f"{s['requests']:,}",
            cell(s, "import", "wall"), cell(s, "import", "rss"), cell(s, "load", "load"),
            cell(s, "match", "wall"), cell(s, "match", "rss"), rate,
            cell(s, "pipeline", "wall"), cell(s, "pipeline", "rss"), cell(s, "verify", "wall"),
            s["load_start"].split()[0],
        ]) + " |")
    lines.append("")
    last = summaries[-1]
    factor = last["records"] / base["records"]
    parts = []
    for step in ["import", "match", "pipeline"]:
        a, b = base["steps"].get(step), last["steps"].get(step)
        if a and b and not a.get("failed") and not b.get("failed"):
            parts.append(f"{step} time ×{b['wall_s'] / a['wall_s']:.1f}, memory ×{b['rss_mib'] / a['rss_mib']:.1f}")
    lines.append(f"From {base['records']:,} to {last['records']:,} records (×{factor:.0f}, requests scaled alike): "
                 + "; ".join(parts) + ".")
    lines.append("")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    size = sub.add_parser("size")
    size.add_argument("--out", required=True)
    size.add_argument("--records", type=int, required=True)
    size.add_argument("--requests", type=int, required=True)
    size.add_argument("--seed", type=int, required=True)
    size.add_argument("--runs", type=int, required=True)
    size.add_argument("--note", default="")
    size.add_argument("--markdown")
    growth = sub.add_parser("growth")
    growth.add_argument("--markdown")
    growth.add_argument("summaries", nargs="+")
    args = parser.parse_args()
    lines = cmd_size(args) if args.command == "size" else cmd_growth(args)
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
