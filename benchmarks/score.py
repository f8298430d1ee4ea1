#!/usr/bin/env python3
"""Score a Decisions CSV against a truth CSV, the same way for every tool.

decisions: request_id,outcome,record_id,score,reasons   (Gatehouse and splink_match.py)
truth:     request_id,true_record_id,sufficient,kind    (gatehouse synth, febrl_convert.py)

precision = correct verified / all verified
recall    = correct verified / requests whose true_record_id is non-empty and sufficient
A verified request is correct when its record_id equals true_record_id. Verifying a
request whose true_record_id is empty, or an insufficient one, is a false verification.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import sys

TRUE_WORDS = {"true", "1", "yes", "y", "t"}


def read_csv(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        reader.fieldnames = [name.strip().lower() for name in (reader.fieldnames or [])]
        return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]


def score(decisions_path: str, truth_path: str) -> dict[str, object]:
    truth = {row["request_id"]: row for row in read_csv(truth_path)}
    decisions = read_csv(decisions_path)

    outcomes: collections.Counter[str] = collections.Counter()
    seen: set[str] = set()
    verified = correct = false_verified = verified_insufficient = unknown_requests = 0
    false_by_kind: collections.Counter[str] = collections.Counter()
    duplicates = 0
    for row in decisions:
        rid = row["request_id"]
        if rid in seen:
            duplicates += 1
            continue
        seen.add(rid)
        outcome = row.get("outcome", "").lower()
        outcomes[outcome] += 1
        t = truth.get(rid)
        if t is None:
            unknown_requests += 1
            continue
        if outcome != "verified":
            continue
        verified += 1
        sufficient = t.get("sufficient", "true").lower() in TRUE_WORDS
        if not sufficient:
            verified_insufficient += 1
        if t.get("true_record_id") and sufficient and row.get("record_id") == t["true_record_id"]:
            correct += 1
        else:
            false_verified += 1
            false_by_kind[t.get("kind", "") or "-"] += 1

    verified_sufficient = verified - verified_insufficient
    positives = sum(
        1 for t in truth.values()
        if t.get("true_record_id") and t.get("sufficient", "true").lower() in TRUE_WORDS
    )
    missing = len(set(truth) - seen)
    return {
        "requests": len(truth),
        "decisions": len(seen),
        "missing_decisions": missing,
        "duplicate_decisions": duplicates,
        "unknown_request_ids": unknown_requests,
        "outcomes": dict(outcomes),
        "positives": positives,
        "verified": verified,
        "correct_verified": correct,
        "false_verified": false_verified,
        "verified_insufficient": verified_insufficient,
        "false_verified_by_kind": dict(false_by_kind),
        "precision": (correct / verified) if verified else None,
        # linkage-only view: leave out requests the truth marks insufficient
        "precision_sufficient_only": (correct / verified_sufficient) if verified_sufficient else None,
        "recall": (correct / positives) if positives else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", required=True)
    parser.add_argument("--truth", required=True)
    parser.add_argument("--json", default=None, help="also write the figures here as JSON")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    result = score(args.decisions, args.truth)
    result["label"] = args.label
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    p, r = result["precision"], result["recall"]
    print(
        f"{args.label or args.decisions}: verified {result['verified']}, correct {result['correct_verified']}, "
        f"false {result['false_verified']}, precision {p if p is None else f'{p:.4f}'}, "
        f"recall {r if r is None else f'{r:.4f}'} (of {result['positives']})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
