// Schema migration 5: the rollouts of GRPO and PPO runs. Each sample a step
// trained on is an ordinary traces row of the run (trace_json, token blob, run
// id and step), plus a rollouts row placing it in its step's group with the
// reward and advantage the update used.

extension Migrations {
    static let rollouts = """
        CREATE TABLE rollouts (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            step INTEGER NOT NULL,
            group_index INTEGER NOT NULL,      -- the prompt's group within the step, from 0
            sample INTEGER NOT NULL,           -- the response within its group, from 0
            trace_id INTEGER NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
            reward REAL NOT NULL,              -- the scalar reward the update used
            advantage REAL NOT NULL,           -- GRPO: the response's; PPO: its mean over model tokens
            correct INTEGER NOT NULL,          -- 1 when the task verifier accepted the answer
            generated_tokens INTEGER NOT NULL,
            PRIMARY KEY (run_id, step, group_index, sample)
        );
        """
}
