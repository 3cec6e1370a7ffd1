/*
 * r1ci.h — the C interface to R1CI's Swift core.
 *
 * Conventions
 *   - Every fallible call returns int32_t: R1CI_OK (0) on success, a negative
 *     R1CI_ERR_* code otherwise; r1ci_last_error() then describes the failure.
 *   - Results come back through out-parameters. Strings returned through
 *     `char **out` are UTF-8, NUL-terminated, allocated by R1CI, and owned by
 *     the caller, who releases each with r1ci_string_free().
 *   - Structured data crosses as UTF-8 JSON; the field names are documented
 *     above each function and in README.md.
 *   - Handles are opaque; each _open has a matching _close, each _load a
 *     matching _free.
 *   - Every function may be called from any thread. The last error is kept
 *     per thread. Long calls (generation, oracle runs) block the calling
 *     thread: call them from a worker thread in a GUI.
 *   - Progress comes through a callback (fn, user_data) called on the thread
 *     that made the call, before the call returns; fn must not call back into
 *     the same handle.
 */
#ifndef R1CI_H
#define R1CI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    R1CI_OK = 0,
    R1CI_ERR_INVALID_ARGUMENT = -1, /* bad input: unknown task, level out of range, bad JSON */
    R1CI_ERR_STORE = -2,            /* the workspace could not be opened or written */
    R1CI_ERR_INTERNAL = -3,
    R1CI_ERR_SANDBOX = -4,          /* the sandbox could not start or could not take the program */
};

typedef struct r1ci_workspace r1ci_workspace;
typedef struct r1ci_model r1ci_model;

/* The library's version, e.g. "0.1.0". Static storage: do not free. */
const char *r1ci_version(void);

/* The calling thread's last error message, or "" when there was none.
 * Valid until the next failing call on the same thread: do not free. */
const char *r1ci_last_error(void);

/* Releases a string returned by any r1ci function. NULL is allowed. */
void r1ci_string_free(char *s);

/* ── Workspace ─────────────────────────────────────────────────────────── */

/* Opens the workspace at `path` (NULL: $R1CI_WORKSPACE, else $XDG_DATA_HOME/r1ci),
 * creating it when missing and bringing its schema up to date. A corrupt
 * database, or one with a newer schema, is refused and left untouched.
 * On success *out receives a handle the caller owns; release it with
 * r1ci_workspace_close(). */
int32_t r1ci_workspace_open(const char *path, r1ci_workspace **out);

/* Closes a workspace handle from r1ci_workspace_open(). NULL is allowed. */
void r1ci_workspace_close(r1ci_workspace *ws);

/* Describes an open workspace as JSON:
 *   {"directory": str, "database": str, "schema_version": int, "runs": int}
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_workspace_info_json(r1ci_workspace *ws, char **out_json);

/* ── Evaluations and comparisons ───────────────────────────────────────── */

/* Every evaluation stored in the workspace, oldest first, as a JSON array of
 *   {"id": int, "name": str, "state": "running"|"finished"|"failed",
 *    "model": str|null, "split": str|null, "tasks": [str], "count": int|null
 *    (questions per task), "samples": int|null, "temperature": float|null,
 *    "seed": int|null, "questions": int (distinct, stored), "items": int
 *    (question × sample rows stored), "planned": int|null, "accuracy": float
 *    (mean score over stored samples, as `r1ci eval --show ID` reports for
 *    "all"), "created_at": float (Unix s), "finished_at": float|null}
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_evaluations_list_json(r1ci_workspace *ws, char **out_json);

/* Compares evaluation a (the baseline) with b on the questions they share:
 * exactly the text `r1ci compare A B --json` prints (without its newline):
 *   {"tasks": [T], "all": T, "questions": [Q], "unpaired": int}
 *   T = {"task", "questions": int, "accuracy_a", "accuracy_b", "delta" (b − a),
 *        "buckets": {"fixed", "regressed", "both_right", "both_wrong": int},
 *        "p_value" (exact two-sided McNemar on fixed vs regressed)}
 *   Q = {"question": {"task", "seed", "index", "level"}, "bucket": str,
 *        "score_a", "score_b", "trace_a": int|null, "trace_b": int|null}
 * A missing evaluation, or two that share no question: R1CI_ERR_INVALID_ARGUMENT.
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_comparison_json(r1ci_workspace *ws, int64_t a, int64_t b, char **out_json);

/* The questions of the comparison of a and b that filter_json keeps, in
 * question order. filter_json (NULL or "{}": all) is an object, every field
 * optional: {"buckets": [str] (any of "fixed", "regressed", "both_right",
 * "both_wrong"), "task": str, "a_correct": bool, "b_correct": bool}. Result:
 * a JSON array of {"task", "seed", "index", "level", "number" (question i of
 * the evaluation: seed 10^9 + i), "bucket", "score_a", "score_b", "trace_a",
 * "trace_b", "answer_a": str|null, "answer_b": str|null (first sample's)}.
 * Unknown filter fields or buckets: R1CI_ERR_INVALID_ARGUMENT.
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_comparison_questions_json(r1ci_workspace *ws, int64_t a, int64_t b,
                                       const char *filter_json, char **out_json);

/* A stored trace laid out for reading, as a JSON object:
 *   {"id", "task", "seed", "index", "level" (null for free text), "question",
 *    "gold": str|null (regenerated from the task library), "style",
 *    "parts": [{"kind": "prompt"|"text"|"code"|"result", "text": str,
 *               "ran": bool (code), "run": {as r1ci_task_run_oracle_json's
 *               "run"} (result, when the sandbox ran it), "failure": str (result,
 *               when the executor failed)}],
 *    "end": str, "end_detail": str|null, "answer": str|null,
 *    "verdict": {"score", "reason"}|null,
 *    "reward": {"correctness", "format", "calls", "total", "well_formed"}|null,
 *    "turns", "code_calls", "generated_tokens": int,
 *    "generation_seconds", "sandbox_seconds": float}
 * Parts come in the order the model saw them; a "code" part's text is the
 * program as it ran; a "result" part's text is what went back into the context.
 * No such trace: R1CI_ERR_INVALID_ARGUMENT. *out_json is owned by the caller. */
int32_t r1ci_trace_json(r1ci_workspace *ws, int64_t trace_id, char **out_json);

/* ── Tasks ─────────────────────────────────────────────────────────────── */

/* The task catalogue as a JSON array of objects:
 *   {"id", "title", "source", "category", "split", "description",
 *    "knobs": [{"name", "description"}], "levels": [{"name", "knobs": {name: int}}],
 *    "default_level": int}
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_tasks_list_json(char **out_json);

/* Generates item `index` of task `task_id` at `seed` and `level` (-1: the
 * task's default level) as a JSON object:
 *   {"task", "seed", "index", "level", "level_name", "difficulty", "question",
 *    "gold", "metadata": {...}, "oracle": str}
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_task_generate_json(const char *task_id, uint64_t seed, int32_t level,
                                uint64_t index, char **out_json);

/* Checks `answer` against item `index` of `task_id` at `seed` and `level`
 * (-1: default). The answer is the last <<<...>>> of the text when present,
 * else the whole text. Result: {"score": float in [0,1], "correct": bool,
 * "reason": str, "answer": str (as extracted)}.
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_task_check_json(const char *task_id, uint64_t seed, int32_t level,
                             uint64_t index, const char *answer, char **out_json);

/* Runs the oracle program of item `index` of `task_id` at `seed` and `level`
 * (-1: default) in the process's shared sandbox (started on first use, see
 * r1ci_sandbox_start), then checks what it printed with the task's verifier,
 * as r1ci_task_check_json checks a typed answer. Blocks until the program
 * ends (at most 30 s of wall time, 1 GiB of memory). Result:
 *   {"task", "seed", "level", "level_name", "index", "gold": str,
 *    "answer": str (read from stdout, as the verifier saw it),
 *    "run": {"status": "ok"|"error"|"timeout"|"memory"|"output_limit"|"killed"|"sandbox_error",
 *            "exit_code": int|null, "signal": int|null, "stdout", "stderr",
 *            "stdout_truncated", "stderr_truncated", "wall_ms", "cpu_ms",
 *            "peak_memory_bytes", "killed_leftovers", "starved", "degraded": [str],
 *            "sandbox_message": str|null, "session_ended"},
 *    "verdict": {"score", "correct", "reason", "answer"} (as r1ci_task_check_json)}
 * A program that ran and failed is a result (see run.status), not an error.
 * Unknown task or level: R1CI_ERR_INVALID_ARGUMENT; no sandbox: R1CI_ERR_SANDBOX.
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_task_run_oracle_json(const char *task_id, uint64_t seed, int32_t level,
                                  uint64_t index, char **out_json);

/* ── Task library: imports and mixtures ─────────────────────────────────── */

/* Imports a fixed dataset into `ws` as a task: `kind` is "bbh" (a BIG-Bench-Hard
 * JSON file), "symbench" (a folder of sample_<i>/question.txt + solution.json),
 * "rg" (a Reasoning Gym JSONL export) or "jsonl" ({"question", "answer",
 * "choices"?, "tolerance"?} per line); `name` is the task id (NULL: kind_<file>).
 * The items are copied into the workspace and the task is registered in this
 * process, so r1ci_tasks_list_json and r1ci_task_generate_json (level 0 or -1)
 * see it at once; r1ci_workspace_open registers the stored ones. Result:
 *   {"id", "kind", "source_path", "items": int, "scoring": {rule: count}}
 * A bad file fails with R1CI_ERR_INVALID_ARGUMENT and a one-line message naming
 * the file and the line (JSONL) or JSON path; nothing is stored.
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_task_import(r1ci_workspace *ws, const char *kind, const char *path,
                         const char *name, char **out_json);

/* Stores a mixture given as JSON {"name": str, "seed": int, "entries":
 * [{"task": str, "level": int, "weight": float > 0}, ...]}, replacing one of
 * the same name. Unknown tasks, levels out of range or bad JSON:
 * R1CI_ERR_INVALID_ARGUMENT, nothing stored. The caller keeps `json`. */
int32_t r1ci_mixture_save_json(r1ci_workspace *ws, const char *json);

/* The workspace's mixtures as a JSON array of the objects above, by name.
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_mixtures_list_json(r1ci_workspace *ws, char **out_json);

/* Items start .. start+count-1 (count 1..10000) of mixture `name`'s stream, at
 * the levels its recorded curriculum history ends at, as a JSON array of
 *   {"task", "seed", "index", "level", "levelName", "difficulty", "question",
 *    "gold", "metadata"}.
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_mixture_sample_json(r1ci_workspace *ws, const char *name, uint64_t start,
                                 uint32_t count, char **out_json);

/* ── Sandbox ───────────────────────────────────────────────────────────── */

/* Starts the process's shared sandbox now, if it is not running (a second or
 * two: it starts a warm Python fork server). Optional: the first oracle run
 * starts it otherwise. The sandbox belongs to the library; stop it with
 * r1ci_sandbox_stop(). Fails with R1CI_ERR_SANDBOX when this host cannot
 * isolate programs (no user namespaces, seccomp or cgroups; no python3). */
int32_t r1ci_sandbox_start(void);

/* Stops the shared sandbox, if running: ends its Python processes and removes
 * its cgroups and runtime directory. Call before exit; a later oracle run
 * starts a new one. Runs in progress on other threads fail. */
void r1ci_sandbox_stop(void);

/* ── Models ────────────────────────────────────────────────────────────── */

/* Loads a model: `model` is a known name ("smollm2-135m", from the model cache
 * $R1CI_MODELS, else $XDG_CACHE_HOME/r1ci/models) or the path of a GGUF file.
 * On success *out receives a handle the caller owns; release it with
 * r1ci_model_free(). On failure *out is NULL and r1ci_last_error() names the
 * model or path and the problem (R1CI_ERR_INVALID_ARGUMENT). */
int32_t r1ci_model_load(const char *model, r1ci_model **out);

/* Releases a handle from r1ci_model_load(), with the model's memory. NULL is
 * allowed. No r1ci_model_generate() call may be running on it. */
void r1ci_model_free(r1ci_model *model);

/* Describes a loaded model as JSON:
 *   {"name": str (as given to r1ci_model_load), "path": str, "architecture": str,
 *    "layers", "hidden_size", "heads", "kv_heads", "head_dim", "ffn_size",
 *    "vocab_size", "context_length": int, "rope_theta": float,
 *    "tied_embeddings": bool, "file_bytes": int, "threads": int}
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_model_info_json(r1ci_model *model, char **out_json);

/* Called by r1ci_model_generate for every generated token, in order, with the
 * text that token released (UTF-8, NUL-terminated, possibly "" while a UTF-8
 * sequence or a possible stop string is pending; valid only during the call:
 * copy it to keep it), its id and natural-log probability. When generation
 * ends with text still held back, one last call passes that text with token
 * -1 and logprob 0. The pieces joined are the result's "text". Return 0 to go
 * on, nonzero to stop after this token (finish_reason "cancelled", unless
 * generation ends at this token anyway; the token -1 call's return is ignored). */
typedef int32_t (*r1ci_token_fn)(const char *piece, int32_t token, float logprob, void *user_data);

/* Generates from a loaded model. request_json is an object:
 *   {"prompt": str (raw text) | "messages": [{"role", "content"}] (rendered with
 *    the model's chat template, ready for the assistant's turn),
 *    "max_tokens": int >= 0 (256), "temperature": float >= 0 (0: greedy),
 *    "top_p": (0,1] (1), "top_k": int >= 0 (0: off), "min_p": [0,1) (0),
 *    "seed": uint64 (0), "stop": [str] ([])}
 * Unknown fields, a bad value, a prompt longer than the context: R1CI_ERR_INVALID_ARGUMENT.
 * on_token may be NULL; user_data is passed to it untouched. Result:
 *   {"text": str, "tokens": [int], "logprobs": [float|null],
 *    "finish_reason": "eog"|"stop"|"length"|"cancelled", "prompt_tokens": int,
 *    "timing": {"prefill_s", "decode_s", "prefill_tokens_per_s", "decode_tokens_per_s"}}
 * Blocks until done. Safe from any thread; calls on one model run one at a time
 * (later ones wait). *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_model_generate(r1ci_model *model, const char *request_json,
                            r1ci_token_fn on_token, void *user_data, char **out_json);

/* ── Agent runs (the Playground) ───────────────────────────────────────── */

typedef struct r1ci_stop r1ci_stop;

/* A stop handle for r1ci_agent_run_json: *out receives a handle the caller
 * owns; release it with r1ci_stop_free() once no run uses it. */
int32_t r1ci_stop_new(r1ci_stop **out);

/* Asks the run holding `stop` to end: it ends after the token or code run in
 * progress, with finish reason "stopped". Safe from any thread, any number of
 * times; NULL is allowed. A handle stays raised: use a new one per run. */
void r1ci_stop_raise(r1ci_stop *stop);

/* Releases a handle from r1ci_stop_new(). NULL is allowed. */
void r1ci_stop_free(r1ci_stop *stop);

/* Called by r1ci_agent_run_json with each event, one JSON object (UTF-8,
 * NUL-terminated, valid only during the call: copy it to keep it), in order,
 * on the calling thread. Return 0 to go on, nonzero to stop the run as
 * r1ci_stop_raise does. Every event has "type":
 *   "start"      {model, question, style, item: {task, seed, level, index, level_name, gold} | null}
 *   "token"      {id, text, logprob}         each generated token (loss mask 1), in order;
 *                                           a remote model streams text pieces: id -1, logprob 0
 *   "text"       {part: "text" | "code", text}  the model's text to show, fence lines left out
 *   "code_start" {cell}                     a ```python block opened (cell: 0, 1, …)
 *   "code_end"   {cell, code}               the block closed; it runs next
 *   "execution"  {cell, run: {...} | null, failure: str | null}
 *                                           run as in r1ci_task_run_oracle_json; failure when
 *                                           the sandbox could not run it
 *   "appended"   {text}                     the result text put back into the context (loss mask 0)
 *   "answer"     {answer}                   the final <<<answer>>>, when there is one
 *   "verdict"    {score, correct, reason, answer}  task questions only
 *   "finish"     {reason, detail, trace}    always the last event; trace as the result */
typedef int32_t (*r1ci_event_fn)(const char *event_json, void *user_data);

/* Runs the code-interpreter loop once. request_json is an object:
 *   {"model": str ("smollm2-135m": a known name or a GGUF file or model folder,
 *             or "openai:URL#NAME": a model behind an OpenAI-compatible server),
 *    "tokenizer": str (remote models only: the served model's tokenizer as a known
 *             name or GGUF; default NAME; its logprobs are recorded as 0),
 *    "task": str, "item_seed": uint64 (0), "level": int (the task's default), "index": uint64 (0)
 *      | "question": str (free text, no verdict),
 *    "temperature": float >= 0 (0: greedy), "seed": uint64 (0, sampling),
 *    "style": "free" | "code" | "text" ("free"), "max_code_calls": int (8),
 *    "max_turn_tokens": int (1024), "max_trace_tokens": int (4096)}
 * The model stays loaded for the next run with the same model; code runs in
 * the process's shared sandbox (see r1ci_sandbox_start). `stop` and on_event
 * may be NULL. Result, the trace:
 *   {"model", "question", "style", "item": {task, seed, level, index} | null,
 *    "end": "answer" | "eos" | "code_call_limit" | "turn_token_limit" | "trace_token_limit" |
 *           "context" | "unclosed_code_block" | "sandbox_failure" | "engine_failure" | "stopped",
 *    "end_detail": str | null, "answer": str | null,
 *    "verdict": {score, correct, reason, answer} | null, "reward": {...} | null,
 *    "segments": [{"kind": "prompt" | "model" | "execution", "text", "token_count", "stop", "seconds"}],
 *    "cells": [{"code", "segment", "result": run | null, "failure"}],
 *    "tokens": {"ids": [int], "texts": [str], "loss_mask": [0|1], "logprobs": [float | null],
 *               "segments": [int]}   (one entry per token of the whole context, in order),
 *    "prompt_tokens", "generated_tokens", "appended_tokens", "turns", "code_calls": int,
 *    "generation_seconds", "sandbox_seconds": float}
 * The generated tokens (loss mask 1) are exactly the "token" events, in order
 * (a remote model: the trace's tokens are its text pieces encoded by the tokenizer).
 * Bad request, unknown task or model: R1CI_ERR_INVALID_ARGUMENT; no sandbox:
 * R1CI_ERR_SANDBOX. A run that ends early (a limit, a stop, a failing program)
 * is a result, not an error. Blocks until the run ends.
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_agent_run_json(const char *request_json, r1ci_stop *stop,
                            r1ci_event_fn on_event, void *user_data, char **out_json);

/* The models a user can pick, as JSON:
 *   {"cache": str, "models": [{"name", "path", "default": bool, "installed": bool,
 *     "description", "format"?: "gguf" | "hf", "architecture"?, "parameters"?, "bytes"?, "error"?}]}
 * *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_models_list_json(char **out_json);
/* ── Training runs (background workers; see `r1ci runs`) ───────────────── */

/* Starts a training run in the background and returns at once. config_json is
 * an object with "method" ("sft", "grpo" or "ppo"), an optional "name", and
 * the method's snake_case options, as in `r1ci train sft|grpo|ppo --config`
 * (e.g. {"method": "sft", "data": "d.jsonl", "steps": 100, "lr": 1e-5}).
 * An unknown key or an impossible value: R1CI_ERR_INVALID_ARGUMENT naming it,
 * nothing recorded. The worker is the `r1ci` executable: $R1CI_BINARY, else
 * `r1ci` in the directory of the running program. */
int32_t r1ci_run_start(r1ci_workspace *ws, const char *config_json, int64_t *out_run_id);

/* Every run, oldest first, as a JSON array of {"id", "name", "kind", "state"
 * (queued|running|stopped|finished|failed), "configJSON", "pid", "directory",
 * "checkpointPath", "checkpointStep", "lastStep", "message", "createdAt",
 * "updatedAt"}; absent values are left out. A run whose worker died is marked
 * failed first. *out_json is owned by the caller (r1ci_string_free). */
int32_t r1ci_runs_list_json(r1ci_workspace *ws, char **out_json);

/* The run's metrics with step > after_step (-1: all) as a JSON array of
 * {"step", "name", "value", "wallTime"} ordered by step then name; names are
 * verl's (train/loss, val/loss, train/lr, train/grad_norm, perf/throughput …).
 * An unknown run: R1CI_ERR_INVALID_ARGUMENT. */
int32_t r1ci_run_metrics_json(r1ci_workspace *ws, int64_t run_id, int64_t after_step, char **out_json);

/* Asks a running run to stop after its current step (it writes a checkpoint and
 * becomes "stopped"); returns without waiting. Not running: R1CI_ERR_INVALID_ARGUMENT. */
int32_t r1ci_run_stop(r1ci_workspace *ws, int64_t run_id);

/* Continues a stopped or failed run from its last checkpoint in the background.
 * Another state: R1CI_ERR_INVALID_ARGUMENT. */
int32_t r1ci_run_resume(r1ci_workspace *ws, int64_t run_id);

/* The rollouts a GRPO or PPO run recorded at `step` (-1: its latest step with
 * rollouts) as JSON:
 *   {"run": int, "step": int, "steps": [int, ...]  (every step that has rollouts, ascending),
 *    "groups": [{"task": str, "seed": int, "level": int, "question": str,
 *                "samples": [{"trace_id": int, "reward": float, "advantage": float,
 *                             "correct": bool, "turns": int, "code_calls": int,
 *                             "generated_tokens": int, "end": str, "answer": str|null}]}]}
 * A run without rollouts (SFT, or none yet): "steps" and "groups" are empty
 * ("step" is -1 when -1 was asked for). Each trace_id opens with r1ci_trace_json.
 * No such run: R1CI_ERR_INVALID_ARGUMENT. *out_json is owned by the caller
 * (r1ci_string_free). The same JSON as `r1ci runs rollouts RUN --json`. */
int32_t r1ci_run_rollouts_json(r1ci_workspace *ws, int64_t run_id, int64_t step, char **out_json);

#ifdef __cplusplus
}
#endif

#endif /* R1CI_H */
