import GRDB

/// The batch tables.
enum BatchSchema {
    static func register(in migrator: inout DatabaseMigrator) {
    }
}
