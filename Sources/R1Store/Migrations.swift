// The workspace schema, as an ordered list of migrations. `PRAGMA user_version`
// records how many have run. A database written by a newer R1CI (a higher
// version than this binary knows) is refused rather than touched.

enum Migrations {
    static let all: [String] = [
        // 1: the first schema.
        """
        CREATE TABLE models (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,            -- gguf | safetensors | remote | checkpoint
            location TEXT NOT NULL,        -- file path, folder or URL
            parent_id INTEGER REFERENCES models(id),
            metadata_json TEXT NOT NULL DEFAULT '{}',
            created_at REAL NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,            -- sft | grpo | ppo | eval | synth
            state TEXT NOT NULL,           -- queued | running | stopped | finished | failed
            config_json TEXT NOT NULL DEFAULT '{}',
            model_id INTEGER REFERENCES models(id),
            pid INTEGER,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE INDEX runs_by_state ON runs(state, updated_at);
        CREATE TABLE metrics (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            step INTEGER NOT NULL,
            name TEXT NOT NULL,
            value REAL NOT NULL,
            wall_time REAL NOT NULL
        );
        CREATE INDEX metrics_by_run_name_step ON metrics(run_id, name, step);
        CREATE TABLE traces (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
            step INTEGER,
            task TEXT NOT NULL,
            seed INTEGER NOT NULL,
            item_index INTEGER NOT NULL DEFAULT 0,
            level INTEGER NOT NULL,
            model_id INTEGER REFERENCES models(id),
            answer TEXT,
            score REAL,
            reward REAL,
            num_turns INTEGER NOT NULL DEFAULT 0,
            num_code_calls INTEGER NOT NULL DEFAULT 0,
            end_reason TEXT,
            trace_json TEXT NOT NULL,      -- turns, text, code cells and results
            tokens_blob TEXT,              -- name of the blob with token ids, masks and logprobs
            created_at REAL NOT NULL
        );
        CREATE INDEX traces_by_run_step ON traces(run_id, step);
        CREATE INDEX traces_by_task ON traces(task, seed, item_index);
        CREATE TABLE evaluations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            model_id INTEGER REFERENCES models(id),
            run_id INTEGER REFERENCES runs(id),
            split TEXT,
            config_json TEXT NOT NULL DEFAULT '{}',
            state TEXT NOT NULL,
            created_at REAL NOT NULL,
            finished_at REAL
        );
        CREATE TABLE evaluation_items (
            evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
            task TEXT NOT NULL,
            seed INTEGER NOT NULL,
            item_index INTEGER NOT NULL,
            level INTEGER NOT NULL,
            sample INTEGER NOT NULL DEFAULT 0,
            trace_id INTEGER REFERENCES traces(id),
            score REAL NOT NULL,
            PRIMARY KEY (evaluation_id, task, seed, item_index, level, sample)
        );
        CREATE INDEX evaluation_items_by_task ON evaluation_items(evaluation_id, task);
        """,
        // 2: synthesised SFT sets. A set is a run of kind 'synth'; its kept traces are
        // trace rows of that run, and `label` says how each was made (code, check,
        // text, teacher).
        """
        ALTER TABLE traces ADD COLUMN label TEXT;
        CREATE INDEX traces_by_run_label ON traces(run_id, label);
        """,
        // 3: imported tasks, user splits, mixtures, difficulty history (MigrationTaskLibrary.swift).
        taskLibrary,
        // 4: run folders and checkpoints (RunMigration.swift).
        runControl,
        // 5: GRPO/PPO rollouts per step (RolloutMigration.swift).
        rollouts,
    ]

    static var latestVersion: Int { all.count }
}
