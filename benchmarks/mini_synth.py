#!/usr/bin/env python3
"""A small stand-in for `gatehouse synth`, for developing and timing the Splink side
before the Swift generator exists (vs-splink.sh --generator python). Same three files,
same layouts:

  records.csv   record_id,tin,given_name,middle_name,surname,birth_date,address_line1,
                address_line2,city,state,postcode,address_as_of   (1-3 rows per person)
  requests.csv  request_id,tin,given_name,middle_name,surname,birth_date,address_line1,
                address_line2,city,state,postcode,case_reference
  truth.csv     request_id,true_record_id,sufficient,kind

It is deliberately simpler than `gatehouse synth` (names drawn from the census
frequency files that ship with Gatehouse, light noise); figures measured on it are
development figures only, not the benchmark.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import sys

RES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "GatehouseSynth", "Resources")
STREETS = ["MAIN", "OAK", "PINE", "MAPLE", "CEDAR", "ELM", "WASHINGTON", "LAKE", "HILL", "PARK",
           "SUNSET", "RIVER", "LINCOLN", "JACKSON", "FRANKLIN", "CHURCH", "SPRING", "MILL", "WALNUT",
           "CHESTNUT", "HIGHLAND", "MADISON", "JEFFERSON", "WILLOW", "MEADOW", "FOREST", "RIDGE",
           "VALLEY", "CENTER", "MARKET", "UNION", "BROADWAY", "LAUREL", "DOGWOOD", "MAGNOLIA"]
SUFFIXES = [("STREET", "ST"), ("AVENUE", "AVE"), ("ROAD", "RD"), ("DRIVE", "DR"), ("LANE", "LN"),
            ("COURT", "CT"), ("BOULEVARD", "BLVD"), ("PLACE", "PL"), ("WAY", "WAY")]
NICK = {"WILLIAM": "BILL", "ROBERT": "BOB", "JAMES": "JIM", "JOHN": "JACK", "RICHARD": "DICK",
        "MICHAEL": "MIKE", "ELIZABETH": "LIZ", "JENNIFER": "JENNY", "JOSEPH": "JOE", "JOSE": "PEPE",
        "GUADALUPE": "LUPE", "MARGARET": "PEGGY", "THOMAS": "TOM", "CHRISTOPHER": "CHRIS",
        "DANIEL": "DAN", "PATRICIA": "PATTY", "FRANCISCO": "PACO", "CHARLES": "CHUCK"}
PLACEHOLDERS = ["FAILED TO PROVIDE", "UNKNOWN ADDRESS", "PO BOX 123", "GENERAL DELIVERY", "N/A", "REFUSED"]


def weighted(path: str, limit: int) -> tuple[list[str], list[float]]:
    """Names and their cumulative weights (for random.choices(cum_weights=...))."""
    names, weights = [], []
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            names.append(row["name"])
            weights.append(float(row["percent"]))
            if len(names) >= limit:
                break
    return names, list(itertools.accumulate(weights))


def typo(rng: random.Random, s: str) -> str:
    if len(s) < 3:
        return s
    i = rng.randrange(1, len(s) - 1)
    op = rng.randrange(3)
    if op == 0:
        return s[:i] + s[i + 1:]
    if op == 1:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s[:i] + rng.choice("AEIOURSTN") + s[i + 1:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--requests", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    parser.add_argument("--in-store", type=float, default=0.04, help="share of requests in the store")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    male, male_w = weighted(os.path.join(RES, "census-given-male.csv"), 1200)
    female, female_w = weighted(os.path.join(RES, "census-given-female.csv"), 4000)
    surnames, surname_w = weighted(os.path.join(RES, "census-surnames.csv"), 40000)
    hispanic = [s for s in surnames[:2000] if s.endswith("EZ") or s in
                {"GARCIA", "LOPEZ", "RIVERA", "TORRES", "FLORES", "CRUZ", "REYES", "MORALES", "ORTIZ"}]
    with open(os.path.join(RES, "zip-places.csv"), newline="") as handle:
        places = [(r["zip"], r["city"], r["state"]) for r in csv.DictReader(handle)]

    def address() -> dict[str, str]:
        zip_, city, state = rng.choice(places)
        suffix = rng.choice(SUFFIXES)
        return {"address_line1": f"{rng.randint(1, 9999)} {rng.choice(STREETS)} {suffix[0]}",
                "address_line2": f"APT {rng.randint(1, 40)}" if rng.random() < 0.15 else "",
                "city": city, "state": state, "postcode": zip_}

    def person() -> dict:
        is_male = rng.random() < 0.5
        given = rng.choices(male if is_male else female, cum_weights=male_w if is_male else female_w)[0]
        middle = rng.choices(male if is_male else female, cum_weights=male_w if is_male else female_w)[0] \
            if rng.random() < 0.6 else ""
        if rng.random() < 0.18 and hispanic:
            surname = f"{rng.choice(hispanic)} {rng.choice(hispanic)}"
        else:
            surname = rng.choices(surnames, cum_weights=surname_w)[0]
        return {"given_name": given, "middle_name": middle, "surname": surname,
                "birth_date": f"{rng.randint(1935, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "tin": f"{rng.randint(100000000, 899999999)}",
                "addresses": [address() for _ in range(rng.choice([1, 1, 2, 3]))]}

    people = []
    while len(people) < args.records:
        p = person()
        p["record_id"] = f"P{len(people) + 1:08d}"
        people.append(p)
        if rng.random() < 0.01 and len(people) < args.records:  # father and son, same name and home
            son = dict(p, record_id=f"P{len(people) + 1:08d}", tin=f"{rng.randint(100000000, 899999999)}",
                       birth_date=f"{int(p['birth_date'][:4]) + 25}{p['birth_date'][4:]}",
                       addresses=[p["addresses"][0]])
            people.append(son)

    os.makedirs(args.out, exist_ok=True)
    rec_cols = ["record_id", "tin", "given_name", "middle_name", "surname", "birth_date", "address_line1",
                "address_line2", "city", "state", "postcode", "address_as_of"]
    with open(os.path.join(args.out, "records.csv"), "w", newline="") as handle:
        w = csv.writer(handle, lineterminator="\n")
        w.writerow(rec_cols)
        for p in people:
            for i, a in enumerate(p["addresses"]):
                w.writerow([p["record_id"], p["tin"], p["given_name"], p["middle_name"], p["surname"],
                            p["birth_date"], a["address_line1"], a["address_line2"], a["city"], a["state"],
                            a["postcode"], f"{2024 - 3 * i}-01-01"])

    req_cols = ["request_id", "tin", "given_name", "middle_name", "surname", "birth_date", "address_line1",
                "address_line2", "city", "state", "postcode", "case_reference"]
    with open(os.path.join(args.out, "requests.csv"), "w", newline="") as rh, \
            open(os.path.join(args.out, "truth.csv"), "w", newline="") as th:
        rw, tw = csv.writer(rh, lineterminator="\n"), csv.writer(th, lineterminator="\n")
        rw.writerow(req_cols)
        tw.writerow(["request_id", "true_record_id", "sufficient", "kind"])
        for n in range(1, args.requests + 1):
            rid = f"Q{n:08d}"
            in_store = rng.random() < args.in_store
            p = rng.choice(people) if in_store else person()
            a = dict(rng.choice(p["addresses"]))
            given, middle, surname = p["given_name"], p["middle_name"], p["surname"]
            kind = "in_store" if in_store else "not_in_store"
            r = rng.random()
            if r < 0.10:
                given = NICK.get(given, given)
            elif r < 0.18:
                surname = typo(rng, surname)
            elif r < 0.24:
                given = typo(rng, given)
            elif r < 0.28 and " " in surname:
                surname = surname.split(" ")[0]
            if rng.random() < 0.3:
                middle = middle[:1]
            if rng.random() < 0.3:
                for long, short in SUFFIXES:
                    a["address_line1"] = a["address_line1"].replace(f" {long}", f" {short}")
            if rng.random() < 0.2:
                a["address_line2"] = ""
            if rng.random() < 0.3:
                a["postcode"] = f"{a['postcode']}-{rng.randint(0, 9999):04d}"
            tin = ""
            if rng.random() < 0.4:
                tin = p["tin"] if rng.random() < 0.9 else f"{rng.randint(100000000, 899999999)}"
            birth = p["birth_date"] if rng.random() < 0.7 else ""
            sufficient = True
            if rng.random() < 0.03:
                a["address_line1"] = rng.choice(PLACEHOLDERS)
                sufficient = False
                kind = "insufficient"
            rw.writerow([rid, tin, given, middle, surname, birth, a["address_line1"], a["address_line2"],
                         a["city"], a["state"], a["postcode"], f"CASE-{n}"])
            tw.writerow([rid, p["record_id"] if in_store and sufficient else "",
                         "true" if sufficient else "false", kind])
    print(f"mini_synth: {len(people)} people, {args.requests} requests -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
