import GRDB

/// The ledger tables.
enum LedgerSchema {
    static func register(in migrator: inout DatabaseMigrator) {
    }
}
