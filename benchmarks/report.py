#!/usr/bin/env python3
"""Print the comparison table from measure.py and score.py JSON files.

    report.py --title T --ratio-to gatehouse \
        --row gatehouse "Gatehouse match" measure.json score.json \
        --row splink95 "Splink 5, p>=0.95" measure.json score.json [--markdown FILE]

The time ratio column is each row's median wall time divided by the --ratio-to row's.
"""

from __future__ import annotations

import argparse
import json
import sys


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def fmt(value, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", default="")
    parser.add_argument("--row", nargs=4, action="append", required=True,
                        metavar=("KEY", "LABEL", "MEASURE_JSON", "SCORE_JSON"))
    parser.add_argument("--ratio-to", default=None, help="KEY of the row the time ratio divides by")
    parser.add_argument("--markdown", default=None, help="also append the table here as Markdown")
    parser.add_argument("--note", action="append", default=[])
    parser.add_argument("--splink-blocking", default=None, help="splink_match.py --blocking-recall JSON")
    parser.add_argument("--splink-stats", default=None, help="splink_match.py --stats JSON")
    parser.add_argument("--by-kind", action="store_true",
                        help="also print false verifications by truth kind for each row")
    args = parser.parse_args()

    if args.splink_blocking or args.splink_stats:
        parts = []
        if args.splink_blocking:
            b = load(args.splink_blocking)
            parts.append(f"{b['candidate_pairs']} candidate pairs, blocking recall {b['blocking_recall']:.4f} "
                         f"({b['true_pairs_in_candidates']} of {b['true_pairs']} true pairs)")
        if args.splink_stats:
            st = load(args.splink_stats)
            phases = ", ".join(f"{k} {v:.1f}s" for k, v in st.get("phase_seconds", {}).items())
            parts.append(f"last run's phases: {phases}")
            several = {k: v.get("requests_with_several_records") for k, v in st.items()
                       if k.startswith("t") and isinstance(v, dict)}
            if any(several.values()):
                parts.append("requests with several records above threshold: "
                             + ", ".join(f"p>={k[1:]}: {v}" for k, v in several.items()))
        args.note.insert(0, "Splink: " + "; ".join(parts))

    rows = []
    for key, label, measure_path, score_path in args.row:
        m, s = load(measure_path), load(score_path)
        rows.append({
            "key": key, "label": label,
            "runs": len(m.get("runs", [])),
            "wall": m.get("median_wall_s"),
            "rss_mib": (m.get("max_max_rss_kb") or 0) / 1024,
            "precision": s.get("precision"), "recall": s.get("recall"),
            "p_suff": s.get("precision_sufficient_only"),
            "verified": s.get("verified"), "false": s.get("false_verified"),
            "positives": s.get("positives"),
            "false_by_kind": s.get("false_verified_by_kind", {}),
        })
    base = next((r for r in rows if r["key"] == args.ratio_to), None)
    for r in rows:
        r["ratio"] = (r["wall"] / base["wall"]) if base and base["wall"] and r["wall"] is not None else None

    header = ["tool", "runs", "wall s (median)", "peak RSS MiB", "precision", "recall", "P (sufficient only)",
              "verified", "false verified",
              f"time / {base['key']}" if base else "time ratio"]
    table = [[r["label"], str(r["runs"]), fmt(r["wall"], ".2f"), fmt(r["rss_mib"], ".0f"),
              fmt(r["precision"], ".4f"), fmt(r["recall"], ".4f"), fmt(r["p_suff"], ".4f"),
              str(r["verified"]), str(r["false"]), fmt(r["ratio"], ".1f") + ("x" if r["ratio"] else "")]
             for r in rows]
    widths = [max(len(h), *(len(t[i]) for t in table)) for i, h in enumerate(header)]

    out = sys.stdout
    if args.title:
        print(f"\n{args.title}", file=out)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for t in table:
        print("  ".join(c.ljust(w) for c, w in zip(t, widths)), file=out)
    for note in args.note:
        print(f"note: {note}", file=out)
    by_kind_lines = []
    if args.by_kind:
        for r in rows:
            kinds = sorted(r["false_by_kind"].items(), key=lambda kv: -kv[1])
            by_kind_lines.append(f"false verifications of {r['label']} by truth kind: "
                                 + (", ".join(f"{k} {v}" for k, v in kinds) or "none"))
        for line in by_kind_lines:
            print(line, file=out)

    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as md:
            if args.title:
                md.write(f"\n**{args.title}**\n\n")
            md.write("| " + " | ".join(header) + " |\n")
            md.write("|" + "|".join("---" for _ in header) + "|\n")
            for t in table:
                md.write("| " + " | ".join(t) + " |\n")
            for note in args.note + by_kind_lines:
                md.write(f"\n{note}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
