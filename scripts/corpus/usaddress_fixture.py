#!/usr/bin/env python3
"""The hand-labeled US addresses of the `usaddress` package -> one fixture CSV.

Reads the labeled XML files of the usaddress sdist (PyPI, MIT licence; see the README next to
the fixture), keeps the street part of each address line as written, the city, state and
ZIP the labels give, the label sequence, and a category derived from the labels by the rule in
`category()` below. Recipient tokens (names of people and firms the mail is addressed to) are
never written: only their label name appears in `labels`.

    python3 scripts/corpus/usaddress_fixture.py            # fetch the sdist with pip, write the fixture
    python3 scripts/corpus/usaddress_fixture.py --sdist usaddress-0.5.16.tar.gz --out FILE.csv

The output is deterministic: the same sdist gives the same bytes.
"""

import argparse
import collections
import csv
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET

VERSION = "0.5.16"
SDIST = f"usaddress-{VERSION}.tar.gz"
SDIST_SHA256 = "f7e614e2489c159cf85be1b6f86edbfaf329dbeedef4d002a025757afd1ec6c6"

# The hand-labeled files of the sdist, in this order. Left out: openaddress_us_ia_linn.xml
# (labels generated from OpenAddresses fields) and synthetic_*_osm_data*.xml (synthetic).
FILES = [
    ("labeled", "training/labeled.xml"),
    ("us50-messiest", "training/us50_messiest_manual_label.xml"),
    ("us50-train", "training/us50_train_tagged.xml"),
    ("multi-word-state", "training/multi_word_state_addresses.xml"),
    ("example", "training/example_training.xml"),
]

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(
    ROOT, "Tests", "GatehouseCoreTests", "Fixtures", "address-corpus", "usaddress-labeled.csv")

# Labels that are not part of the street line.
NOT_LINE = {"Recipient", "PlaceName", "StateName", "ZipCode", "ZipPlus4", "CountryName"}
# Elements of one street (its number and its name).
NUMBER = {"AddressNumberPrefix", "AddressNumber", "AddressNumberSuffix"}
NAME = {"StreetNamePreModifier", "StreetNamePreDirectional", "StreetNamePreType", "StreetName",
        "StreetNamePostType", "StreetNamePostDirectional", "StreetNamePostModifier", "suffix"}
NAME_WORDS = {"StreetNamePreType", "StreetName", "StreetNamePostType"}  # what names a street
CLOSERS = {"StreetNamePostType", "StreetNamePostDirectional", "StreetNamePostModifier", "suffix"}
UNIT = {"OccupancyType", "OccupancyIdentifier", "SubaddressType", "SubaddressIdentifier", "BuildingName"}
BOX = {"USPSBoxType", "USPSBoxID"}
BOX_GROUP = {"USPSBoxGroupType", "USPSBoxGroupID"}
INTERSECTION = {"IntersectionSeparator", "CornerOf"}
# Box types that are a rural route or highway contract, and unit types that are a mail receptacle.
RURAL_WORDS = {"RR", "RFD", "RD", "RT", "RTE", "ROUTE", "RURAL", "HC", "HCR", "HIGHWAY", "CONTRACT", "STAR"}
RECEPTACLE_WORDS = {"PMB", "PBM", "MAILBOX", "BOX", "DRAWER", "LOCKBOX", "LB", "LBX"}

CATEGORIES = ["street", "street_with_unit_first", "intersection", "po_box", "rural_route",
              "no_number", "landmark_only", "other"]


def word(text):
    """A token's text as one comparable word: uppercase letters and digits only."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def street_groups(tokens):
    """The streets the line names, in order: each a list of (label, text).

    A street starts at its number or its first name element. Another one starts when a number,
    a StreetName or a StreetNamePreType comes after a street that already has a StreetName or
    StreetNamePreType and was closed (by a post-type, post-directional or post-modifier, or by
    any token that is not a street element).
    """
    groups = []
    current = None
    closed = False
    for label, text in tokens:
        if label in NUMBER or label in NAME:
            starts_new = current is None or (
                any(lab in {"StreetName", "StreetNamePreType"} for lab, _ in current) and closed
                and (label == "AddressNumber" or label in {"StreetName", "StreetNamePreType"}))
            if starts_new:
                current = []
                groups.append(current)
                closed = False
            current.append((label, text))
            if label in CLOSERS:
                closed = True
            elif label in NAME_WORDS - {"StreetNamePostType"}:
                closed = False
        elif current is not None:
            closed = True
    return groups


def category(tokens):
    """The category of one labeled address (all its tokens, in order). First rule that holds:

    1. intersection  - an IntersectionSeparator or CornerOf label, or a second street that has
                       no number of its own ("5191 River Rd Liberty Grove Rd").
    2. other         - a second street with its own number (two addresses written together, or
                       one written twice).
    3. rural_route   - a USPSBoxGroupType/USPSBoxGroupID label, or a USPSBoxType word that is
                       RR, RFD, HC, ROUTE, ... (a rural-route or highway-contract box).
    4. po_box        - a USPSBoxType/USPSBoxID label, or an Occupancy/Subaddress type word that
                       is a mail receptacle (PMB, LOCKBOX, DRAWER, BOX, ...).
    5. landmark_only - a LandmarkName or BuildingName, and no number and no street name.
    6. no_number     - a street name (StreetName, StreetNamePreType or StreetNamePostType) and
                       no AddressNumber.
    7. street_with_unit_first - a number and a street name, with an Occupancy*, Subaddress* or
                       BuildingName token before the first AddressNumber.
    8. street        - a number and a street name.
    9. other         - anything else (no street part at all, a number without a street name).
    """
    labels = [label for label, _ in tokens]
    present = set(labels)
    groups = street_groups(tokens)
    named = [g for g in groups if any(lab in NAME_WORDS for lab, _ in g)]
    if present & INTERSECTION:
        return "intersection"
    if len(named) >= 2:
        later = named[1:]
        if any(not any(lab == "AddressNumber" for lab, _ in g) for g in later):
            return "intersection"
        return "other"
    box_words = {word(text) for label, text in tokens if label == "USPSBoxType"}
    if present & BOX_GROUP or box_words & RURAL_WORDS:
        return "rural_route"
    unit_type_words = {word(text) for label, text in tokens if label in {"OccupancyType", "SubaddressType"}}
    if present & BOX or unit_type_words & RECEPTACLE_WORDS:
        return "po_box"
    has_number = "AddressNumber" in present
    has_name = bool(present & NAME_WORDS)
    if not has_number and not has_name:
        return "landmark_only" if present & {"LandmarkName", "BuildingName"} else "other"
    if not has_number:
        return "no_number"
    if not has_name:
        return "other"
    first_number = labels.index("AddressNumber")
    if any(label in UNIT for label in labels[:first_number]):
        return "street_with_unit_first"
    return "street"


def clean(text):
    return " ".join(text.split())


def street_line(elements):
    """The street part as written: the tokens from the first to the last one that belongs to the
    line (NotAddress tokens kept only inside that span), joined with the punctuation the source
    put between them; a line break inside a token (the source's own) becomes a comma."""
    kept = [e for e in elements if e.tag not in NOT_LINE]
    core = [i for i, e in enumerate(kept) if e.tag != "NotAddress"]
    if not core:
        return ""
    span = kept[core[0]:core[-1] + 1]
    pieces = []
    for e in span:
        piece = clean(e.text or "")
        tail = clean(e.tail or "")
        if tail:
            piece = piece + tail if tail in {",", ";"} else f"{piece} {tail}"
        # A line break inside a token's text is the source's; between tags it is XML layout.
        if "\n" in (e.text or "") and not piece.endswith(","):
            piece += ","
        pieces.append(piece)
    return clean(" ".join(pieces)).rstrip(",;: ")


def first_run(elements, tag):
    """The text of the first run of tokens labeled `tag` (tokens of other labels end it)."""
    words, started = [], False
    for e in elements:
        if e.tag == tag:
            words.append(clean(e.text or ""))
            started = True
        elif started:
            break
    return clean(" ".join(words)).strip(",;: ")


def rows_from(xml_bytes, prefix):
    root = ET.fromstring(xml_bytes)
    for index, address in enumerate(root, start=1):
        elements = list(address)
        tokens = [(e.tag, clean(e.text or "")) for e in elements]
        postcode = first_run(elements, "ZipCode")
        plus4 = first_run(elements, "ZipPlus4")
        if postcode and plus4:
            postcode = f"{postcode}-{plus4}"
        yield {
            "id": f"{prefix}-{index:04d}",
            "line": street_line(elements),
            "city": first_run(elements, "PlaceName"),
            "state": first_run(elements, "StateName"),
            "postcode": postcode,
            "category": category(tokens),
            "labels": " ".join(tag for tag, _ in tokens),
        }


def fetch_sdist(folder):
    """The sdist through pip (PyPI), built from nothing: `--no-binary usaddress --no-deps`."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         f"usaddress=={VERSION}", "--no-binary", "usaddress", "--no-deps", "-d", folder],
        check=True)
    return os.path.join(folder, SDIST)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sdist", help=f"a downloaded {SDIST} (default: fetch it with pip)")
    parser.add_argument("--out", default=DEFAULT_OUT, help="the fixture CSV to write")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = args.sdist or fetch_sdist(folder)
        data = open(path, "rb").read()
        digest = hashlib.sha256(data).hexdigest()
        if digest != SDIST_SHA256:
            sys.exit(f"usaddress_fixture: {path} has SHA-256 {digest}, expected {SDIST_SHA256}")
        rows = []
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            for prefix, member in FILES:
                rows.extend(rows_from(tar.extractfile(f"usaddress-{VERSION}/{member}").read(), prefix))

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    columns = ["id", "line", "city", "state", "postcode", "category", "labels"]
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    counts = collections.Counter(row["category"] for row in rows)
    print(f"{len(rows)} addresses -> {os.path.relpath(args.out, ROOT)}", file=sys.stderr)
    for name in CATEGORIES:
        print(f"  {name:24} {counts[name]:5}", file=sys.stderr)


if __name__ == "__main__":
    main()
