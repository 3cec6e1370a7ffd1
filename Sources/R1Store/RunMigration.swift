// Schema migration 4: what background training runs need beyond the first
// schema's runs table — the run's folder, its last good checkpoint, the step
// that checkpoint holds, and the last error message.

extension Migrations {
    static let runControl = """
        ALTER TABLE runs ADD COLUMN directory TEXT;
        ALTER TABLE runs ADD COLUMN checkpoint_path TEXT;
        ALTER TABLE runs ADD COLUMN checkpoint_step INTEGER;
        ALTER TABLE runs ADD COLUMN message TEXT;
        """
}
