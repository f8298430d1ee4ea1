#!/usr/bin/env python3
"""Scan everything a test run wrote for the protected values of the stores it used.

Protected values: every record's TIN, birth date, address line 1 and full name (from each
workspace database's `records` and `record_addresses`), and the same fields of every Records
or Requests CSV the tests wrote. Only values that identify someone are looked for: exact values
of at least 5 characters with a digit (TINs, birth dates, street lines) and full names of at
least 5 characters; short or placeholder values ("N/A", "Failed to Provide") are codes' business.

Scanned: the test run's output and every CLI message (the log files given), every ledger entry
of every workspace (its bytes), and every Markdown, HTML, JSON, text and note file under the
temporary folder (notices, reports, checkpoints). Not scanned: databases, match indexes, keys,
and the CSV/JSONL files (inputs, and outputs that are for the requester or an officer by design).

Usage: leak_scan.py TMPDIR LOG...   (exit 0 no hit, 1 hits, printed without the values)
"""
import csv
import os
import re
import sqlite3
import sys

csv.field_size_limit(1 << 30)
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9#'.-]*")
MAX_WORDS = 6
PRINTABLE = re.compile(r"[ -~\u00a0-\ufffc]{4,}")


def norm(text: str) -> str:
    return " ".join(WORD.findall(text)).upper()


def wanted(value: str) -> bool:
    return len(value) >= 5 and any(c.isdigit() for c in value)


def collect(tmp: str) -> tuple[set[str], set[str]]:
    exact, names = set(), set()

    def add(tin, given, surname, birth, line1):
        for v in (tin, birth, line1):
            v = norm(v or "")
            if wanted(v):
                exact.add(v)
        full = norm(f"{given or ''} {surname or ''}")
        if len(full) >= 5 and " " in full:
            names.add(full)

    for root, _, files in os.walk(tmp):
        for name in files:
            path = os.path.join(root, name)
            if name == "gatehouse.sqlite":
                try:
                    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                    for tin, given, surname, birth in db.execute(
                            "SELECT tin, given_name, surname, birth_date FROM records"):
                        add(tin, given, surname, birth, "")
                    for (line1,) in db.execute("SELECT line1 FROM record_addresses"):
                        add("", "", "", "", line1)
                    db.close()
                except sqlite3.Error:
                    pass
            elif name.endswith(".csv"):
                try:
                    with open(path, newline="", encoding="utf-8", errors="replace") as handle:
                        reader = csv.DictReader(handle)
                        fields = {f.strip().lower(): f for f in (reader.fieldnames or [])}
                        if "given_name" not in fields and "tin" not in fields:
                            continue
                        for row in reader:
                            get = lambda k: row.get(fields.get(k, ""), "") or ""
                            add(get("tin"), get("given_name"), get("surname"), get("birth_date"),
                                get("address_line1"))
                except (OSError, csv.Error, UnicodeError):
                    pass
    return exact, names


def grams(text: str):
    words = WORD.findall(text.upper())
    for i in range(len(words)):
        for n in range(1, MAX_WORDS + 1):
            if i + n > len(words):
                break
            yield " ".join(words[i:i + n])


def targets(tmp: str, logs: list[str]):
    for log in logs:
        if os.path.exists(log):
            yield log, open(log, encoding="utf-8", errors="replace").read()
    for root, dirs, files in os.walk(tmp):
        dirs[:] = [d for d in dirs if d not in ("keys", "index")]
        for name in files:
            path = os.path.join(root, name)
            if name == "gatehouse.sqlite":
                try:
                    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                    for seq, entry in db.execute("SELECT seq, entry FROM ledger_entries"):
                        # The entry's text fields, not its hashes: runs of 4 or more printable
                        # characters (32 random hash bytes read as text make "words" like "A Z Z").
                        text = bytes(entry).decode("utf-8", "replace")
                        yield f"{path} ledger entry {seq}", "\n".join(PRINTABLE.findall(text))
                    for (note,) in db.execute("SELECT note FROM ledger_checkpoints"):
                        yield f"{path} checkpoint", note
                    db.close()
                except sqlite3.Error:
                    pass
            elif name.endswith((".md", ".html", ".json", ".txt", ".note", ".log")):
                yield path, open(path, encoding="utf-8", errors="replace").read()


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    tmp, logs = sys.argv[1], sys.argv[2:]
    exact, names = collect(tmp)
    values = exact | names
    scanned = hits = 0
    for where, text in targets(tmp, logs):
        scanned += 1
        found = {g for g in grams(text) if g in values}
        if found:
            hits += len(found)
            kinds = sorted({"name" if f in names else "value" for f in found})
            print(f"HIT {where}: {len(found)} protected {'/'.join(kinds)}(s)")
    print(f"leak scan: {len(exact):,} protected values and {len(names):,} names from the stores; "
          f"{scanned:,} logs, ledger entries, notices and reports scanned; {hits} hits")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
