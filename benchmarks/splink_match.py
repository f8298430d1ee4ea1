#!/usr/bin/env python3
"""Run Splink 5 (DuckDB backend) on Gatehouse-layout files and write Decisions CSVs.

Input: records.csv (Records layout; several rows per record_id = address history)
and requests.csv (Requests layout). Output: one Decisions CSV
(`request_id,outcome,record_id,score,reasons`) per threshold, one row per request in
input order, so Splink and Gatehouse are scored by the same code (score.py).

The whole job runs in this one process, so `/usr/bin/time -v` around it measures
Splink end to end: reading the CSVs, preparing columns, training (u by random
sampling, the prior from deterministic rules, m by EM), prediction, and picking the
best candidate per request.

Two field sets:
  --fields febrl : given_name, surname, address_line1, address_line2, city, state,
                   postcode (FEBRL4: no SSN, no birth date)
  --fields synth : given_name, middle_name, surname, birth_date, tin, address_line1,
                   city, state, postcode (the fields Gatehouse's statutory profile reads)

Address history: every records.csv row (one address of one person) is a separate
Splink row that keeps its record_id; a request's candidates are grouped back to the
record_id, so a request at an old address can match that person's historical row,
the same information Gatehouse uses.

Decision rule per threshold T: among all scored pairs of a request with
match_probability >= T keep the highest one (ties broken by record_id); the request
is `verified` to that record. Requests with no such pair are `not_found`. When two
different records are both >= T, the request is still verified to the best one
(plain "best candidate per request"); the count of such requests is reported.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
import time

T0 = time.monotonic()


def progress(message: str) -> None:
    print(f"[splink {time.monotonic() - T0:7.1f}s] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- input

def clean_text(col: str) -> str:
    """SQL: fold case and accents, turn punctuation into spaces, squeeze blanks."""
    return (
        "nullif(trim(regexp_replace(regexp_replace(lower(strip_accents(coalesce("
        f"{col}, ''))), '[^a-z0-9 ]', ' ', 'g'), ' +', ' ', 'g')), '')"
    )


def run_sql(con, sql: str, params: list | None = None) -> list[tuple]:
    """Execute and drain the result: DuckDB 2 refuses new work on a connection
    with an unfinished result, and Splink shares this connection."""
    return con.execute(sql, params or []).fetchall()


def load_tables(con, records_path: str, requests_path: str) -> tuple[int, int]:
    """Read both CSVs as text and derive the comparison columns, all in DuckDB."""
    for name, path, id_col in (
        ("gh_records", records_path, "record_id"),
        ("gh_requests", requests_path, "request_id"),
    ):
        run_sql(
            con,
            f"CREATE OR REPLACE TABLE {name}_raw AS SELECT *, row_number() OVER () AS row_no "
            f"FROM read_csv(?, all_varchar = true, header = true, quote = '\"', escape = '\"')",
            [path],
        )
        columns = {row[0].lower() for row in run_sql(con, f"DESCRIBE {name}_raw")}

        def col(c: str) -> str:
            return c if c in columns else "NULL"

        line1 = clean_text(col("address_line1"))
        run_sql(
            con,
            f"""
            CREATE OR REPLACE TABLE {name} AS
            SELECT
                '{name[3:6]}' || row_no::VARCHAR AS unique_id,
                {id_col} AS ext_id,
                row_no,
                {clean_text(col("given_name"))} AS given_name,
                {clean_text(col("middle_name"))} AS middle_name,
                {clean_text(col("surname"))} AS surname,
                nullif(concat_ws(' ', {clean_text(col("given_name"))}, {clean_text(col("surname"))}), '')
                    AS full_name,
                -- first surname token: compound surnames (GARCIA LOPEZ / GARCIA) still block
                nullif(split_part({clean_text(col("surname"))}, ' ', 1), '') AS surname_first,
                nullif(regexp_replace(coalesce({col("tin")}, ''), '[^0-9]', '', 'g'), '') AS tin,
                nullif(trim(coalesce({col("birth_date")}, '')), '') AS birth_date,
                {line1} AS address_line1,
                nullif(regexp_extract(coalesce({line1}, ''), '^([0-9]+[a-z]?)\\b', 1), '')
                    AS house_number,
                nullif(trim(regexp_replace(coalesce({line1}, ''), '^[0-9]+[a-z]?\\b', '')), '')
                    AS street,
                {clean_text(col("address_line2"))} AS address_line2,
                {clean_text(col("city"))} AS city,
                {clean_text(col("state"))} AS state,
                nullif(substr(regexp_replace(coalesce({col("postcode")}, ''), '[^0-9]', '', 'g'), 1, 5), '')
                    AS postcode
            FROM {name}_raw
            """
        )
    n_rec = run_sql(con, "SELECT count(*) FROM gh_records")[0][0]
    n_req = run_sql(con, "SELECT count(*) FROM gh_requests")[0][0]
    return n_rec, n_req


# --------------------------------------------------------------------------- model

def build_settings(fields: str):
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    # Given name and surname as one comparison: exact full name (TF-adjusted on the
    # concatenation), swapped names, both similar, one of them exact (TF-adjusted).
    names = cl.ForenameSurnameComparison(
        "given_name", "surname",
        jaro_winkler_thresholds=[0.92, 0.8],
        forename_surname_concat_col_name="full_name",
    )

    extra_address_levels = []
    if fields == "febrl":
        # FEBRL swaps address_1 and address_2 in some duplicates
        extra_address_levels.append(cll.CustomLevel(
            "street_l = address_line2_r OR address_line2_l = street_r", "street and line 2 swapped"))

    # Address line 1: exact line (TF-adjusted, so a common street counts for less),
    # then same house number with a similar street, then a similar line, else.
    address = cl.CustomComparison(
        output_column_name="address_line1",
        comparison_levels=[
            cll.NullLevel("address_line1"),
            cll.ExactMatchLevel("address_line1", term_frequency_adjustments=True),
            cll.And(cll.ExactMatchLevel("house_number"), cll.JaroWinklerLevel("street", 0.9)),
            cll.And(cll.ExactMatchLevel("house_number"), cll.JaroWinklerLevel("street", 0.7)),
            cll.JaroWinklerLevel("address_line1", 0.9),
            *extra_address_levels,
            cll.ElseLevel(),
        ],
        comparison_description="address line 1 (house number + street)",
    )
    postcode = cl.CustomComparison(
        output_column_name="postcode",
        comparison_levels=[
            cll.NullLevel("postcode"),
            cll.ExactMatchLevel("postcode"),
            cll.DamerauLevenshteinLevel("postcode", 1),
            cll.CustomLevel("substr(postcode_l, 1, 3) = substr(postcode_r, 1, 3)", "first 3 digits"),
            cll.ElseLevel(),
        ],
    )
    city = cl.JaroWinklerAtThresholds("city", [0.9]).configure(term_frequency_adjustments=True)
    state = cl.ExactMatch("state")
    # In US data ZIP, city and state describe one place: counted as three independent
    # agreements they would triple-count the locality (Fellegi-Sunter assumes
    # independence), so the synth model compares the locality once.
    locality = cl.CustomComparison(
        output_column_name="locality",
        comparison_levels=[
            cll.And(cll.NullLevel("postcode"), cll.NullLevel("city")),
            cll.And(cll.ExactMatchLevel("postcode"), cll.ExactMatchLevel("city")),
            cll.ExactMatchLevel("postcode"),
            cll.And(cll.ExactMatchLevel("city"), cll.ExactMatchLevel("state")),
            cll.CustomLevel("substr(postcode_l, 1, 3) = substr(postcode_r, 1, 3)", "same ZIP3"),
            cll.ExactMatchLevel("state"),
            cll.ElseLevel(),
        ],
        comparison_description="locality: ZIP, city, state",
    )

    if fields == "febrl":
        comparisons = [
            names,
            address,
            cl.JaroWinklerAtThresholds("address_line2", [0.9, 0.7]),
            city,
            state,
            postcode,
        ]
        blocking = [
            block_on("given_name", "surname"),
            "l.given_name = r.surname AND l.surname = r.given_name",
            block_on("surname", "postcode"),
            block_on("given_name", "postcode"),
            block_on("house_number", "postcode"),
            block_on("surname", "city"),
            block_on("given_name", "city"),
            block_on("house_number", "street"),
            block_on("street", "city"),
            block_on("substr(given_name, 1, 2)", "substr(surname, 1, 2)", "house_number"),
            block_on("surname", "state"),
            block_on("given_name", "state"),
            block_on("address_line2", "postcode"),
            block_on("postcode"),
            block_on("city"),
        ]
        training = [block_on("given_name", "surname"), block_on("postcode")]
        deterministic = [block_on("given_name", "surname", "postcode")]
    elif fields == "synth":
        comparisons = [
            names,
            cl.CustomComparison(
                output_column_name="middle_name",
                comparison_levels=[
                    cll.NullLevel("middle_name"),
                    cll.ExactMatchLevel("middle_name"),
                    cll.CustomLevel(
                        "substr(middle_name_l, 1, 1) = substr(middle_name_r, 1, 1)", "initial"
                    ),
                    cll.ElseLevel(),
                ],
            ),
            cl.DateOfBirthComparison("birth_date", input_is_string=True, datetime_format="%Y-%m-%d"),
            cl.LevenshteinAtThresholds("tin", [1]),
            address,
            locality,
        ]
        blocking = [
            block_on("tin"),
            block_on("surname", "postcode"),
            block_on("given_name", "postcode"),
            "l.given_name = r.surname AND l.surname = r.given_name",
            block_on("surname_first", "postcode"),
            block_on("birth_date", "surname_first"),
            block_on("birth_date", "given_name"),
            block_on("house_number", "postcode", "substr(surname, 1, 1)"),
            block_on("house_number", "street", "substr(given_name, 1, 1)"),
        ]
        # no EM pass blocked on the address: its pairs are mostly members of one household,
        # which EM would learn as "matches" (surname + address agree, given name differs)
        training = [block_on("given_name", "surname"), block_on("birth_date")]
        deterministic = [block_on("given_name", "surname", "birth_date"), block_on("tin", "surname_first")]
    else:
        raise SystemExit(f"unknown --fields {fields!r}")

    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        additional_columns_to_retain=["ext_id"],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=20,
    )
    return settings, training, deterministic


# --------------------------------------------------------------------------- run

def main() -> int:
    parser = argparse.ArgumentParser(description="Splink 5 + DuckDB baseline for Gatehouse benchmarks")
    parser.add_argument("--records", required=True)
    parser.add_argument("--requests", required=True)
    parser.add_argument("--fields", choices=["febrl", "synth"], required=True)
    parser.add_argument(
        "--out", action="append", required=True, metavar="THRESHOLD=FILE",
        help="write decisions for a threshold, e.g. 0.99=decisions.csv (repeatable); "
             "0.99u=FILE: 'unique' variant, ambiguous when several records reach the threshold",
    )
    parser.add_argument("--u-max-pairs", type=float, default=1e7)
    parser.add_argument("--prior-recall", type=float, default=0.7,
                        help="assumed recall of the deterministic rules used for the prior")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=0, help="DuckDB threads (0 = DuckDB default)")
    parser.add_argument("--stats", default=None, help="write run statistics as JSON here")
    parser.add_argument("--model-json", default=None, help="save the trained Splink model here")
    parser.add_argument("--blocking-recall", default=None, metavar="TRUTH_CSV",
                        help="only compute the blocking candidate set and its recall against "
                             "truth.csv (no training, no prediction), print JSON, exit")
    args = parser.parse_args()

    outputs: list[tuple[float, bool, str]] = []
    for spec in args.out:
        threshold, _, path = spec.partition("=")
        unique = threshold.endswith("u")
        outputs.append((float(threshold.rstrip("u")), unique, path))
    min_threshold = min(t for t, _, _ in outputs)

    import duckdb
    import splink
    from splink import DuckDBAPI, Linker

    progress(f"splink {splink.__version__}, duckdb {duckdb.__version__}, fields={args.fields}")
    con = duckdb.connect(":memory:")
    if args.threads:
        run_sql(con, f"SET threads = {int(args.threads)}")
    n_rec, n_req = load_tables(con, args.records, args.requests)
    progress(f"loaded {n_rec} record rows, {n_req} requests")

    db_api = DuckDBAPI(connection=con)
    records = db_api.register("gh_records", dataset_display_name="records")
    requests = db_api.register("gh_requests", dataset_display_name="requests")
    settings, training, deterministic = build_settings(args.fields)
    linker = Linker([records, requests], settings, log_level=logging.WARNING)

    stats: dict[str, object] = {"splink": splink.__version__, "duckdb": duckdb.__version__,
                                "record_rows": n_rec, "requests": n_req}

    if args.blocking_recall:
        pairs = linker.inference.compute_blocked_pairs_for_predict()
        rel = pairs.as_duckdbpyrelation()
        con.register("gh_pairs", rel)
        run_sql(
            con,
            "CREATE OR REPLACE TABLE gh_truth AS SELECT * FROM read_csv(?, all_varchar = true)",
            [args.blocking_recall],
        )
        # unique ids carry their side ('rec…' / 'req…'); normalise to (request_id, record_id)
        row = run_sql(
            con,
            f"""
            WITH k AS (
                -- join keys read '<source_dataset>-__-<unique_id>'
                SELECT regexp_extract(join_key_l, '(re[cq][0-9]+)$', 1) AS a,
                       regexp_extract(join_key_r, '(re[cq][0-9]+)$', 1) AS b
                FROM gh_pairs
            ), p AS (
                SELECT CASE WHEN a LIKE 'rec%' THEN a ELSE b END AS rec_uid,
                       CASE WHEN a LIKE 'rec%' THEN b ELSE a END AS req_uid
                FROM k
            ), g AS (
                SELECT DISTINCT q.ext_id AS request_id, r.ext_id AS record_id
                FROM p JOIN gh_records r ON r.unique_id = p.rec_uid
                       JOIN gh_requests q ON q.unique_id = p.req_uid
            ), t AS (
                SELECT request_id, true_record_id FROM gh_truth
                WHERE coalesce(true_record_id, '') <> ''
                  AND lower(coalesce(sufficient, 'true')) IN ('true', '1', 'yes')
            )
            SELECT (SELECT count(*) FROM gh_pairs),
                   (SELECT count(*) FROM t),
                   (SELECT count(*) FROM t JOIN g ON g.request_id = t.request_id
                                              AND g.record_id = t.true_record_id)
            """
        )[0]
        result = {"candidate_pairs": row[0], "true_pairs": row[1], "true_pairs_in_candidates": row[2],
                  "blocking_recall": (row[2] / row[1]) if row[1] else None}
        print(json.dumps(result))
        progress(f"blocking: {row[0]} candidate pairs, recall {result['blocking_recall']}")
        return 0

    phases: dict[str, float] = {}
    mark = time.monotonic()
    phases["load"] = mark - T0
    progress("estimating u by random sampling")
    linker.training.estimate_u_using_random_sampling(max_pairs=args.u_max_pairs, seed=args.seed)
    progress("estimating the prior from deterministic rules")
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=args.prior_recall)
    for rule in training:
        progress(f"EM on {rule.create_sql(linker._db_api.sql_dialect) if hasattr(rule, 'create_sql') else rule}")
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    stats["probability_two_random_records_match"] = linker._settings_obj._probability_two_random_records_match

    if args.model_json:
        linker.misc.save_model_to_json(args.model_json, overwrite=True)
    phases["train"] = time.monotonic() - mark
    mark = time.monotonic()

    progress(f"predicting (threshold {min_threshold})")
    predictions = linker.inference.predict(threshold_match_probability=min_threshold, warning_mode="never")
    con.register("gh_pred", predictions.as_duckdbpyrelation())
    run_sql(
            con,
        """
        CREATE OR REPLACE TABLE gh_scored AS
        SELECT CASE WHEN source_dataset_l = 'records' THEN ext_id_r ELSE ext_id_l END AS request_id,
               CASE WHEN source_dataset_l = 'records' THEN ext_id_l ELSE ext_id_r END AS record_id,
               match_probability
        FROM gh_pred
        """
    )
    n_pairs = run_sql(con, "SELECT count(*) FROM gh_scored")[0][0]
    phases["predict"] = time.monotonic() - mark
    mark = time.monotonic()
    stats["pairs_above_min_threshold"] = n_pairs
    progress(f"{n_pairs} pairs >= {min_threshold}")

    for threshold, unique, path in outputs:
        # best pair per request (record rows grouped back to record_id), then every request
        run_sql(
            con,
            """
            CREATE OR REPLACE TABLE gh_best AS
            WITH by_record AS (
                SELECT request_id, record_id, max(match_probability) AS p
                FROM gh_scored WHERE match_probability >= ? GROUP BY ALL
            ), ranked AS (
                SELECT *, row_number() OVER (PARTITION BY request_id ORDER BY p DESC, record_id) AS rn,
                       count(*) OVER (PARTITION BY request_id) AS n_records
                FROM by_record
            )
            SELECT request_id, record_id, p, n_records FROM ranked WHERE rn = 1
            """,
            [threshold],
        )
        multi = run_sql(con, "SELECT count(*) FROM gh_best WHERE n_records > 1")[0][0]
        rows = run_sql(
            con,
            """
            SELECT q.ext_id,
                   CASE WHEN b.record_id IS NULL THEN 'not_found'
                        WHEN ? AND b.n_records > 1 THEN 'ambiguous' ELSE 'verified' END,
                   CASE WHEN ? AND b.n_records > 1 THEN '' ELSE coalesce(b.record_id, '') END,
                   coalesce(round(b.p, 6)::VARCHAR, ''),
                   CASE WHEN b.record_id IS NULL THEN 'SPLINK_BELOW_THRESHOLD'
                        WHEN b.n_records > 1 THEN 'SPLINK_BEST_OF_' || b.n_records::VARCHAR
                        ELSE '' END
            FROM gh_requests q LEFT JOIN gh_best b ON b.request_id = q.ext_id
            ORDER BY q.row_no
            """,
            [unique, unique],
        )
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["request_id", "outcome", "record_id", "score", "reasons"])
            writer.writerows(rows)
        verified = sum(1 for r in rows if r[1] == "verified")
        key = f"t{threshold}{'u' if unique else ''}"
        stats[key] = {"verified": verified, "requests_with_several_records": multi}
        progress(f"p >= {threshold}{' (unique)' if unique else ''}: {verified} verified ({multi} with several records above) -> {path}")

    phases["decide_and_write"] = time.monotonic() - mark
    stats["phase_seconds"] = {k: round(v, 3) for k, v in phases.items()}
    progress("phases: " + ", ".join(f"{k} {v:.1f}s" for k, v in phases.items()))
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as handle:
            json.dump(stats, handle, indent=2, default=str)
    progress("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
