import GRDB

/// The review tables (docs/review.md): reviews with their counts, one row per release that no
/// longer stands, the disposal notices drafted from a review, and the recipients' certifications.
/// Findings and notices are immutable; a certification is a row of its own.
enum ReviewSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("reviews-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE reviews (
                        id TEXT PRIMARY KEY NOT NULL,
                        created_at TEXT NOT NULL,
                        reviewed_on TEXT NOT NULL,
                        profile TEXT NOT NULL,
                        agreement_filter TEXT,
                        since TEXT,
                        records_generation INTEGER NOT NULL,
                        decisions_replayed INTEGER NOT NULL CHECK (decisions_replayed >= 0),
                        disclosures_reviewed INTEGER NOT NULL CHECK (disclosures_reviewed >= 0),
                        findings INTEGER NOT NULL CHECK (findings >= 0 AND findings <= disclosures_reviewed)
                    );

                    CREATE TABLE review_findings (
                        review_id TEXT NOT NULL REFERENCES reviews(id),
                        batch_id TEXT NOT NULL,
                        row_number INTEGER NOT NULL,
                        request_id TEXT NOT NULL,
                        agreement_id TEXT NOT NULL,
                        agreement_version INTEGER NOT NULL,
                        recipient TEXT NOT NULL,
                        released_fields TEXT NOT NULL CHECK (released_fields <> ''),
                        released_at TEXT NOT NULL,
                        fields TEXT NOT NULL CHECK (fields <> ''),
                        reasons TEXT NOT NULL CHECK (reasons <> ''),
                        outcome_now TEXT NOT NULL CHECK (outcome_now IN ('rejected', 'insufficient', 'not_found', 'ambiguous', 'verified')),
                        decision_reasons TEXT NOT NULL,
                        another_record INTEGER NOT NULL CHECK (another_record IN (0, 1)),
                        orders TEXT NOT NULL,
                        PRIMARY KEY (review_id, batch_id, row_number),
                        FOREIGN KEY (batch_id, row_number) REFERENCES disclosures(batch_id, row_number)
                    ) WITHOUT ROWID;

                    CREATE TABLE disposal_notices (
                        id TEXT PRIMARY KEY NOT NULL,
                        review_id TEXT NOT NULL REFERENCES reviews(id),
                        recipient TEXT NOT NULL,
                        findings INTEGER NOT NULL CHECK (findings > 0),
                        drafted_at TEXT NOT NULL,
                        deadline TEXT NOT NULL,
                        document TEXT NOT NULL,
                        UNIQUE (review_id, recipient)
                    );

                    CREATE TABLE notice_certifications (
                        notice_id TEXT PRIMARY KEY NOT NULL REFERENCES disposal_notices(id),
                        certified_by TEXT NOT NULL CHECK (certified_by <> ''),
                        certified_on TEXT NOT NULL,
                        recorded_at TEXT NOT NULL
                    );

                    CREATE TRIGGER reviews_immutable_update BEFORE UPDATE ON reviews
                    BEGIN SELECT RAISE(ABORT, 'reviews are immutable'); END;
                    CREATE TRIGGER reviews_immutable_delete BEFORE DELETE ON reviews
                    BEGIN SELECT RAISE(ABORT, 'reviews are immutable'); END;
                    CREATE TRIGGER review_findings_immutable_update BEFORE UPDATE ON review_findings
                    BEGIN SELECT RAISE(ABORT, 'review findings are immutable'); END;
                    CREATE TRIGGER review_findings_immutable_delete BEFORE DELETE ON review_findings
                    BEGIN SELECT RAISE(ABORT, 'review findings are immutable'); END;
                    CREATE TRIGGER disposal_notices_immutable_update BEFORE UPDATE ON disposal_notices
                    BEGIN SELECT RAISE(ABORT, 'disposal notices are immutable'); END;
                    CREATE TRIGGER notice_certifications_immutable_update BEFORE UPDATE ON notice_certifications
                    BEGIN SELECT RAISE(ABORT, 'certifications are immutable'); END;
                    """)
        }
    }
}
