import GRDB

/// The server's tables: API keys (only a hash of each secret), batch uploads (a batch id handed
/// out before its rows arrive), and probe flags. Migrations named `server-…`, appended after the
/// others.
enum ServerSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("server-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE api_keys (
                        id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                        name TEXT NOT NULL CHECK (name <> ''),
                        role TEXT NOT NULL CHECK (role IN ('requester', 'officer', 'auditor', 'admin')),
                        -- A requester key is bound to exactly one agreement; no other key is.
                        agreement_id TEXT CHECK ((role = 'requester') = (agreement_id IS NOT NULL)),
                        secret_sha256 TEXT NOT NULL UNIQUE CHECK (length(secret_sha256) = 64),
                        client_cert_sha256 TEXT CHECK (client_cert_sha256 IS NULL OR length(client_cert_sha256) = 64),
                        created_at TEXT NOT NULL,
                        expires_on TEXT,
                        revoked_at TEXT
                    );
                    CREATE TRIGGER api_keys_no_delete BEFORE DELETE ON api_keys
                    BEGIN SELECT RAISE(ABORT, 'api keys are revoked, never deleted'); END;
                    -- Only revocation changes a key, and only once.
                    CREATE TRIGGER api_keys_revoke_only BEFORE UPDATE ON api_keys
                    WHEN OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL
                        OR NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR NEW.role IS NOT OLD.role
                        OR NEW.agreement_id IS NOT OLD.agreement_id OR NEW.secret_sha256 IS NOT OLD.secret_sha256
                        OR NEW.client_cert_sha256 IS NOT OLD.client_cert_sha256 OR NEW.expires_on IS NOT OLD.expires_on
                    BEGIN SELECT RAISE(ABORT, 'an api key can only be revoked'); END;

                    -- A batch id handed out by POST /v1/batches, before its rows are uploaded.
                    -- batch_id is the stored batch once uploaded: this id, or the existing batch of the
                    -- same bytes under the same agreement.
                    CREATE TABLE batch_uploads (
                        id TEXT PRIMARY KEY NOT NULL,
                        agreement_id TEXT NOT NULL,
                        manifest TEXT NOT NULL,
                        key_id TEXT NOT NULL REFERENCES api_keys(id),
                        created_at TEXT NOT NULL,
                        batch_id TEXT REFERENCES batches(id)
                    );

                    -- Interactive verifications are rows of one batch per agreement version and day.
                    ALTER TABLE batches ADD COLUMN kind TEXT NOT NULL DEFAULT 'bulk' CHECK (kind IN ('bulk', 'interactive'));

                    CREATE TABLE probe_flags (
                        id INTEGER PRIMARY KEY,
                        agreement_id TEXT NOT NULL,
                        key_id TEXT NOT NULL,
                        subject_hash TEXT NOT NULL CHECK (length(subject_hash) = 64),
                        count INTEGER NOT NULL CHECK (count > 0),
                        window_seconds INTEGER NOT NULL CHECK (window_seconds > 0),
                        flagged_at TEXT NOT NULL
                    );
                    """)
        }
    }
}
