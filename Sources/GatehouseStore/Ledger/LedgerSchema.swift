import GRDB

/// The ledger tables (docs/ledger.md, "How the workspace stores the log").
///
/// - `ledger_entries`: one row per entry, `seq` = Merkle leaf index, the canonical entry
///   bytes and their leaf hash. Rows are only ever appended, in sequence order.
/// - `ledger_nodes`: the perfect subtrees of level 1 and above (a leaf, level 0, is the
///   `leaf_hash` of its entry), one immutable row per (level, index).
/// - `ledger_checkpoints`: every signed checkpoint note the workspace wrote, by size.
///
/// All three are append-only: triggers reject UPDATE and DELETE, and an INSERT that
/// would replace a row (`INSERT OR REPLACE`, which does not fire DELETE triggers) or skip
/// a sequence number is rejected too.
enum LedgerSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("ledger-v1") { db in
            try db.execute(sql: createTables)
            for table in ["ledger_entries", "ledger_nodes", "ledger_checkpoints"] {
                try db.execute(sql: appendOnlyTriggers(table))
            }
        }
    }

    private static let createTables = """
        CREATE TABLE ledger_entries (
            seq INTEGER PRIMARY KEY CHECK (seq >= 0),
            kind INTEGER NOT NULL,
            entry BLOB NOT NULL,
            leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32)
        );

        CREATE TABLE ledger_nodes (
            level INTEGER NOT NULL CHECK (level >= 1),
            idx INTEGER NOT NULL CHECK (idx >= 0),
            hash BLOB NOT NULL CHECK (length(hash) = 32),
            PRIMARY KEY (level, idx)
        ) WITHOUT ROWID;

        CREATE TABLE ledger_checkpoints (
            size INTEGER PRIMARY KEY CHECK (size >= 0),
            note TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        -- Entries are appended in order: the next one is numbered one past the last.
        CREATE TRIGGER ledger_entries_in_order BEFORE INSERT ON ledger_entries
        WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq) + 1, 0) FROM ledger_entries)
        BEGIN
            SELECT RAISE(ABORT, 'ledger_entries: an entry must be numbered one past the last');
        END;

        -- A stored node never changes (INSERT OR REPLACE would replace it silently).
        CREATE TRIGGER ledger_nodes_insert_once BEFORE INSERT ON ledger_nodes
        WHEN EXISTS (SELECT 1 FROM ledger_nodes WHERE level = NEW.level AND idx = NEW.idx)
        BEGIN
            SELECT RAISE(ABORT, 'ledger_nodes is append-only');
        END;

        CREATE TRIGGER ledger_checkpoints_insert_once BEFORE INSERT ON ledger_checkpoints
        WHEN EXISTS (SELECT 1 FROM ledger_checkpoints WHERE size = NEW.size)
        BEGIN
            SELECT RAISE(ABORT, 'ledger_checkpoints is append-only');
        END;
        """

    private static func appendOnlyTriggers(_ table: String) -> String {
        """
        CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
        BEGIN
            SELECT RAISE(ABORT, '\(table) is append-only: rows cannot be changed');
        END;

        CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
        BEGIN
            SELECT RAISE(ABORT, '\(table) is append-only: rows cannot be deleted');
        END;
        """
    }
}
