import GRDB

/// The workspace tables: meta, the protected records with their address history, and the
/// versioned agreements and court orders (docs/pipeline.md).
enum WorkspaceSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("workspace-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );

                    CREATE TABLE records (
                        person INTEGER PRIMARY KEY,
                        record_id TEXT NOT NULL UNIQUE CHECK (record_id <> ''),
                        tin TEXT NOT NULL,
                        given_name TEXT NOT NULL,
                        middle_name TEXT NOT NULL,
                        surname TEXT NOT NULL,
                        birth_date TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );

                    -- Address fields are NOT NULL (empty when absent) so that UNIQUE compares them:
                    -- SQLite treats NULLs as distinct, which would let one address be stored twice.
                    CREATE TABLE record_addresses (
                        id INTEGER PRIMARY KEY,
                        record_id TEXT NOT NULL REFERENCES records(record_id),
                        line1 TEXT NOT NULL,
                        line2 TEXT NOT NULL,
                        city TEXT NOT NULL,
                        state TEXT NOT NULL,
                        postcode TEXT NOT NULL,
                        as_of TEXT NOT NULL,
                        UNIQUE (record_id, line1, line2, city, state, postcode)
                    );

                    CREATE TABLE agreements (
                        id TEXT NOT NULL CHECK (id <> ''),
                        version INTEGER NOT NULL CHECK (version >= 1),
                        status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
                        document TEXT NOT NULL,
                        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                        created_at TEXT NOT NULL,
                        PRIMARY KEY (id, version)
                    );

                    CREATE TABLE court_orders (
                        id TEXT NOT NULL CHECK (id <> ''),
                        version INTEGER NOT NULL CHECK (version >= 1),
                        status TEXT NOT NULL CHECK (status IN ('active', 'stayed', 'vacated')),
                        document TEXT NOT NULL,
                        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                        created_at TEXT NOT NULL,
                        PRIMARY KEY (id, version)
                    );

                    -- Versions are history: a change is a new row, never an edit.
                    CREATE TRIGGER agreements_no_update BEFORE UPDATE ON agreements
                    BEGIN SELECT RAISE(ABORT, 'agreement versions are immutable: add a new version'); END;
                    CREATE TRIGGER agreements_no_delete BEFORE DELETE ON agreements
                    BEGIN SELECT RAISE(ABORT, 'agreement versions are immutable'); END;
                    CREATE TRIGGER court_orders_no_update BEFORE UPDATE ON court_orders
                    BEGIN SELECT RAISE(ABORT, 'court order versions are immutable: add a new version'); END;
                    CREATE TRIGGER court_orders_no_delete BEFORE DELETE ON court_orders
                    BEGIN SELECT RAISE(ABORT, 'court order versions are immutable'); END;
                    """)
        }
    }
}
