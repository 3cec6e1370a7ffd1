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
 *   - Handles are opaque; each _open has a matching _close.
 *   - Every function may be called from any thread. The last error is kept
 *     per thread.
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
};

typedef struct r1ci_workspace r1ci_workspace;

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

#ifdef __cplusplus
}
#endif

#endif /* R1CI_H */
