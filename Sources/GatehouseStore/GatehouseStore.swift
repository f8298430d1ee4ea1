// The storage adapters: SQLite (GRDB) workspace, migrations, YAML files.
