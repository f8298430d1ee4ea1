import GRDB

/// The batch tables: batches, their rows as received, decisions, approvals and disclosures
/// (docs/pipeline.md). Unique keys make a decision or a disclosure impossible to record twice.
enum BatchSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("batches-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE batches (
                        id TEXT PRIMARY KEY NOT NULL,
                        agreement_id TEXT NOT NULL,
                        agreement_version INTEGER NOT NULL,
                        file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
                        file_name TEXT NOT NULL,
                        manifest TEXT NOT NULL,
                        manifest_sha256 TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('received', 'deciding', 'awaiting_approval', 'approved', 'released', 'rejected')),
                        problems TEXT NOT NULL DEFAULT '',
                        row_count INTEGER NOT NULL CHECK (row_count >= 0),
                        profile TEXT NOT NULL,
                        submitted_at TEXT NOT NULL,
                        submitted_on TEXT NOT NULL,
                        released_at TEXT,
                        FOREIGN KEY (agreement_id, agreement_version) REFERENCES agreements(id, version)
                    );
                    -- The same file under the same agreement is the same batch (a rejected one may be
                    -- submitted again with a corrected manifest).
                    CREATE UNIQUE INDEX batches_file ON batches(agreement_id, file_sha256) WHERE state <> 'rejected';

                    CREATE TABLE batch_rows (
                        batch_id TEXT NOT NULL REFERENCES batches(id),
                        row_number INTEGER NOT NULL CHECK (row_number >= 1),
                        line INTEGER NOT NULL,
                        request_id TEXT NOT NULL,
                        problem TEXT,
                        tin TEXT NOT NULL,
                        given_name TEXT NOT NULL,
                        middle_name TEXT NOT NULL,
                        surname TEXT NOT NULL,
                        birth_date TEXT NOT NULL,
                        address_line1 TEXT NOT NULL,
                        address_line2 TEXT NOT NULL,
                        city TEXT NOT NULL,
                        state TEXT NOT NULL,
                        postcode TEXT NOT NULL,
                        case_reference TEXT NOT NULL,
                        PRIMARY KEY (batch_id, row_number)
                    );

                    CREATE TABLE decisions (
                        batch_id TEXT NOT NULL,
                        row_number INTEGER NOT NULL,
                        request_id TEXT NOT NULL,
                        outcome TEXT NOT NULL CHECK (outcome IN ('rejected', 'insufficient', 'not_found', 'ambiguous', 'verified')),
                        record_id TEXT CHECK ((outcome = 'verified') = (record_id IS NOT NULL)),
                        score REAL,
                        reasons TEXT NOT NULL,
                        address_verified INTEGER NOT NULL CHECK (address_verified IN (0, 1)),
                        result_code INTEGER NOT NULL,
                        planned_fields TEXT NOT NULL,
                        agreement_version INTEGER NOT NULL,
                        profile TEXT NOT NULL,
                        decided_at TEXT NOT NULL,
                        PRIMARY KEY (batch_id, row_number),
                        FOREIGN KEY (batch_id, row_number) REFERENCES batch_rows(batch_id, row_number)
                    );
                    CREATE INDEX decisions_record ON decisions(record_id) WHERE record_id IS NOT NULL;

                    CREATE TABLE approvals (
                        batch_id TEXT NOT NULL REFERENCES batches(id),
                        officer TEXT NOT NULL CHECK (officer <> ''),
                        approved_at TEXT NOT NULL,
                        UNIQUE (batch_id, officer)
                    );

                    CREATE TABLE disclosures (
                        batch_id TEXT NOT NULL,
                        row_number INTEGER NOT NULL,
                        request_id TEXT NOT NULL,
                        record_id TEXT,
                        result_code INTEGER NOT NULL,
                        fields TEXT NOT NULL,
                        withheld TEXT NOT NULL,
                        released_values TEXT NOT NULL,
                        released_at TEXT NOT NULL,
                        PRIMARY KEY (batch_id, row_number),
                        FOREIGN KEY (batch_id, row_number) REFERENCES decisions(batch_id, row_number)
                    );
                    CREATE INDEX disclosures_record ON disclosures(record_id) WHERE record_id IS NOT NULL;
                    """)
        }
    }
}
