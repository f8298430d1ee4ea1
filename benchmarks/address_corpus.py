#!/usr/bin/env python3
"""The gate on real address lines: requests from the usaddress fixture, and the report.

    address_corpus.py requests --fixture F.csv --out DIR [--locality corpus|fixed]
        writes DIR/records.csv (one made-up person) and DIR/requests.csv (one request per corpus
        address with a street part, plus one control request that must pass the gate)
    address_corpus.py report --fixture F.csv --decisions D.csv [--list] [--markdown FILE]
        prints, per category, how many passed the gate and how many were refused with which
        reason codes, and the two headline rates; --list adds every line the gate got wrong

Every request carries the same made-up person (CONTROL_NAME) and case reference CORPUS-1, so
that only the address decides. Locality: `corpus` uses the corpus's own ZIP (with its city and
state) when it gives one, else its city and state when it gives both, else the made-up
FIXED_LOCALITY; `fixed` uses FIXED_LOCALITY for every row, so only the street line is judged.
"""

import argparse
import collections
import csv
import os
import sys

GIVEN, SURNAME = "Jordan", "Ellery"                      # made up; not a placeholder to the gate
CASE_REFERENCE = "CORPUS-1"
FIXED_LOCALITY = ("Springfield", "IL", "62704")          # city, state, ZIP (a ZIP in use)
CONTROL_ID = "control-street"
CONTROL_LINE = "123 Main St"                             # must pass: proves name and case reference pass

REQUEST_COLUMNS = ["request_id", "tin", "given_name", "middle_name", "surname", "birth_date",
                   "address_line1", "address_line2", "city", "state", "postcode", "case_reference"]
RECORD_COLUMNS = ["record_id", "tin", "given_name", "middle_name", "surname", "birth_date",
                  "address_line1", "address_line2", "city", "state", "postcode", "address_as_of"]

STREET = ["street", "street_with_unit_first"]
NOT_STREET = ["intersection", "po_box", "rural_route", "no_number", "landmark_only", "other"]
CATEGORIES = STREET + NOT_STREET
# Gate codes about the locality (city, state, ZIP), not the street line.
LOCALITY_CODES = {"ADDR_NO_LOCALITY", "ADDR_ZIP_INVALID", "ADDR_STATE_INVALID", "ADDR_ZIP_STATE_MISMATCH"}
# The code a refused line of these categories should carry (issue 12: boxes and intersections
# refused with their own codes); --list names the refused lines without it.
OWN_CODE = {"po_box": "ADDR_PO_BOX", "intersection": "ADDR_INTERSECTION"}


def read_fixture(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def locality(row, mode):
    if mode == "fixed":
        return FIXED_LOCALITY
    if row["postcode"]:
        return row["city"], row["state"], row["postcode"]
    if row["city"] and row["state"]:
        return row["city"], row["state"], ""
    return FIXED_LOCALITY


def write_requests(args):
    rows = read_fixture(args.fixture)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "records.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(RECORD_COLUMNS)
        writer.writerow(["corpus-record-1", "", "Avery", "", "Quinlan", "", "9 Harbor View Rd", "",
                         *FIXED_LOCALITY, "2024-01-01"])
    used = skipped = 0
    with open(os.path.join(args.out, "requests.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(REQUEST_COLUMNS)
        writer.writerow([CONTROL_ID, "", GIVEN, "", SURNAME, "", CONTROL_LINE, "", *FIXED_LOCALITY, CASE_REFERENCE])
        for row in rows:
            if not row["line"]:
                skipped += 1  # no street part at all (a city alone, or a recipient alone)
                continue
            city, state, postcode = locality(row, args.locality)
            writer.writerow([row["id"], "", GIVEN, "", SURNAME, "", row["line"], "", city, state, postcode,
                             CASE_REFERENCE])
            used += 1
    print(f"{used} requests (+1 control), {skipped} corpus rows without a street part left out, "
          f"locality: {args.locality}", file=sys.stderr)


def read_decisions(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {row["request_id"]: row for row in csv.DictReader(f)}


def codes_of(decision):
    return [code for code in decision["reasons"].replace(";", " ").replace("|", " ").split() if code]


def percent(part, whole):
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def report(args):
    rows = [row for row in read_fixture(args.fixture) if row["line"]]
    decisions = read_decisions(args.decisions)
    control = decisions.get(CONTROL_ID)
    if control is None or control["outcome"] in ("insufficient", "rejected"):
        sys.exit(f"address_corpus: the control request did not pass the gate ({control}); "
                 "the name or case reference is refused, so the figures would mean nothing")
    missing = [row["id"] for row in rows if row["id"] not in decisions]
    if missing:
        sys.exit(f"address_corpus: {len(missing)} corpus requests have no decision (first: {missing[0]})")

    stats = {c: {"n": 0, "passed": 0, "refused": 0, "line_refused": 0, "codes": collections.Counter()} for c in CATEGORIES}
    wrong = collections.defaultdict(list)
    other_code = collections.defaultdict(list)
    for row in rows:
        decision = decisions[row["id"]]
        s = stats[row["category"]]
        s["n"] += 1
        refused = decision["outcome"] in ("insufficient", "rejected")
        codes = codes_of(decision) if refused else []
        if refused:
            s["refused"] += 1
            s["codes"].update(codes or [decision["outcome"].upper()])
            if any(code not in LOCALITY_CODES for code in codes) or not codes:
                s["line_refused"] += 1
        else:
            s["passed"] += 1
        if (row["category"] in STREET) == refused:
            wrong[row["category"]].append((row, decision["outcome"], codes))
        elif refused and row["category"] in OWN_CODE and OWN_CODE[row["category"]] not in codes:
            other_code[row["category"]].append((row, decision["outcome"], codes))

    out = []
    out.append("| category | count | passed the gate | refused | refused for a street-line reason | reason codes (refused) |")
    out.append("| --- | ---: | ---: | ---: | ---: | --- |")
    for c in CATEGORIES:
        s = stats[c]
        codes = ", ".join(f"{code} {n}" for code, n in sorted(s["codes"].items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(f"| {c} | {s['n']} | {s['passed']} | {s['refused']} | {s['line_refused']} | {codes} |")
    street_n = sum(stats[c]["n"] for c in STREET)
    street_refused = sum(stats[c]["refused"] for c in STREET)
    street_line_refused = sum(stats[c]["line_refused"] for c in STREET)
    other_n = sum(stats[c]["n"] for c in NOT_STREET)
    other_passed = sum(stats[c]["passed"] for c in NOT_STREET)
    out.append("")
    out.append(f"real street addresses refused: {street_refused} of {street_n} = {percent(street_refused, street_n)} "
               f"(for a street-line reason: {street_line_refused} = {percent(street_line_refused, street_n)})")
    out.append(f"non-street lines passed: {other_passed} of {other_n} = {percent(other_passed, other_n)}")
    out.append(f"as shares of all {len(rows)} lines: street refused {percent(street_refused, len(rows))} "
               f"(street-line reason {percent(street_line_refused, len(rows))}), "
               f"non-street passed {percent(other_passed, len(rows))}")
    text = "\n".join(out)
    print(text)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write(text + "\n\n")

    if args.list:
        def show(title, items):
            print(f"\n## {title}")
            for row, outcome, codes in items:
                where = ", ".join(x for x in (row["city"], row["state"], row["postcode"]) if x)
                print(f"- {row['id']}: `{row['line']}`" + (f" ({where})" if where else "")
                      + (f" -> {' '.join(codes)}" if codes else f" -> {outcome}"))
        for c in CATEGORIES:
            if wrong[c]:
                show(f"{c}: {len(wrong[c])} {'refused' if c in STREET else 'passed'}", wrong[c])
        for c, code in OWN_CODE.items():
            if other_code[c]:
                show(f"{c}: {len(other_code[c])} refused without {code}", other_code[c])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("requests")
    r.add_argument("--fixture", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--locality", choices=["corpus", "fixed"], default="corpus")
    p = sub.add_parser("report")
    p.add_argument("--fixture", required=True)
    p.add_argument("--decisions", required=True)
    p.add_argument("--list", action="store_true", help="also list every line the gate decided wrongly")
    p.add_argument("--markdown", help="append the table to this file")
    args = parser.parse_args()
    write_requests(args) if args.command == "requests" else report(args)


if __name__ == "__main__":
    main()
