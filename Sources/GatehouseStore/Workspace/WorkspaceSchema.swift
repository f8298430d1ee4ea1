import GRDB

/// The workspace tables.
enum WorkspaceSchema {
    static func register(in migrator: inout DatabaseMigrator) {
    }
}
