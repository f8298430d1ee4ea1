public import GRDB

/// Every migration of a workspace database, in order. Each part of the store registers its own
/// tables; each migration runs in its own transaction (GRDB `DatabaseMigrator`).
public enum Schema {
    public static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        WorkspaceSchema.register(in: &migrator)
        LedgerSchema.register(in: &migrator)
        BatchSchema.register(in: &migrator)
        ReviewSchema.register(in: &migrator)
        GuardSchema.register(in: &migrator)
        ServerSchema.register(in: &migrator)
        return migrator
    }
}
