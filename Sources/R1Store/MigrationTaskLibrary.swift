// Migration 3: what the task library keeps in a workspace (issue 8) — imported
// fixed datasets, user-defined splits, task mixtures and the history of
// difficulty changes a curriculum makes. Rows hold JSON that R1Tasks writes and
// reads; the store knows nothing of its shape beyond the name columns.

extension Migrations {
    static let taskLibrary = """
        CREATE TABLE imported_tasks (
            id TEXT PRIMARY KEY,           -- the task id users type
            kind TEXT NOT NULL,            -- bbh | symbench | rg | jsonl
            source_path TEXT NOT NULL,     -- the file or folder it was read from
            item_count INTEGER NOT NULL,
            task_json TEXT NOT NULL,       -- the whole task: info and every item
            created_at REAL NOT NULL
        );
        CREATE TABLE task_splits (
            name TEXT PRIMARY KEY,
            split_json TEXT NOT NULL,      -- {"name", "train": [...], "test": [...]}
            created_at REAL NOT NULL
        );
        CREATE TABLE task_mixtures (
            name TEXT PRIMARY KEY,
            mixture_json TEXT NOT NULL,    -- {"name", "seed", "entries": [{"task", "level", "weight"}]}
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE TABLE difficulty_changes (
            id INTEGER PRIMARY KEY,
            mixture TEXT NOT NULL,
            task TEXT NOT NULL,
            old_level INTEGER NOT NULL,
            new_level INTEGER NOT NULL,
            step INTEGER,                  -- training step, when a run made the change
            reason TEXT NOT NULL DEFAULT '',
            at REAL NOT NULL
        );
        CREATE INDEX difficulty_changes_by_mixture ON difficulty_changes(mixture, id);
        """
}
