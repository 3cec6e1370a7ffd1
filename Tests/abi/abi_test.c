/*
 * The C ABI test: compiled against r1ci.h and libR1Core.so alone, it proves the
 * header is self-contained and the functions behave as the header says.
 *
 *     abi_test [PATH/TO/r1ci]
 *
 * The r1ci CLI (default .build/debug/r1ci) is the independent word on what an
 * item's gold answer is; the default model (smollm2-135m) must be in the model
 * cache ($R1CI_MODELS, else ~/.cache/r1ci/models), as `make test` leaves it.
 * Prints one line per check and a closing "abi: N passed, M failed".
 */
#define _XOPEN_SOURCE 700
#include "r1ci.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mini_json.h"

static int passed, failed;

static void check(int ok, const char *what, const char *detail) {
    if (ok) {
        passed++;
        printf("ok   %s\n", what);
    } else {
        failed++;
        printf("FAIL %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    }
}

static int contains(const char *haystack, const char *needle) {
    return haystack && strstr(haystack, needle) != NULL;
}

static void test_models(void);
static void test_oracles(const char *cli);
static void test_comparisons(const char *cli);
static void test_agent(void);
static void test_task_library(const char *cli);
static void test_runs(const char *cli);

int main(int argc, char **argv) {
    const char *cli = argc > 1 ? argv[1] : ".build/debug/r1ci";
    char *json = NULL;

    check(strlen(r1ci_version()) > 0 && r1ci_version()[0] >= '0' && r1ci_version()[0] <= '9',
          "r1ci_version is a version string", r1ci_version());
    check(strcmp(r1ci_last_error(), "") == 0, "no error before any call", r1ci_last_error());

    /* The catalogue. */
    int32_t rc = r1ci_tasks_list_json(&json);
    check(rc == R1CI_OK && json && json[0] == '[' && contains(json, "\"id\":\"game24\""),
          "r1ci_tasks_list_json lists game24", json);
    check(contains(json, "\"default_level\":") && contains(json, "\"split\":"),
          "catalogue rows carry default_level and split", NULL);
    r1ci_string_free(json);
    json = NULL;

    /* Generation is deterministic. */
    char *again = NULL;
    rc = r1ci_task_generate_json("game24", 7, 1, 0, &json);
    int32_t rc2 = r1ci_task_generate_json("game24", 7, 1, 0, &again);
    check(rc == R1CI_OK && rc2 == R1CI_OK && strcmp(json, again) == 0, "same seed, same item", NULL);
    check(contains(json, "\"question\":") && contains(json, "\"gold\":") && contains(json, "\"oracle\":"),
          "item JSON has question, gold and oracle", json);
    r1ci_string_free(again);
    again = NULL;
    rc = r1ci_task_generate_json("game24", 8, 1, 0, &again);
    check(rc == R1CI_OK && strcmp(json, again) != 0, "another seed, another item", NULL);
    r1ci_string_free(again);

    /* The gold answer from the JSON checks as correct. */
    const char *g = strstr(json, "\"gold\":\"");
    char gold[256] = {0};
    if (g) {
        g += strlen("\"gold\":\"");
        size_t n = strcspn(g, "\"");
        if (n < sizeof gold) memcpy(gold, g, n);
    }
    r1ci_string_free(json);
    json = NULL;
    rc = r1ci_task_check_json("game24", 7, 1, 0, gold, &json);
    check(rc == R1CI_OK && contains(json, "\"correct\":true") && contains(json, "\"score\":1"),
          "the gold answer is correct", json);
    r1ci_string_free(json);
    json = NULL;
    rc = r1ci_task_check_json("game24", 7, 1, 0, "some text <<<6*4*1*1>>>", &json);
    check(rc == R1CI_OK && contains(json, "\"correct\":false") && contains(json, "\"answer\":\"6*4*1*1\""),
          "a wrong answer is wrong, extracted from <<<>>>", json);
    r1ci_string_free(json);
    json = NULL;

    /* Errors: status, last error, no output. */
    rc = r1ci_task_generate_json("no-such-task", 1, -1, 0, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && json == NULL && contains(r1ci_last_error(), "unknown task"),
          "unknown task is an invalid argument", r1ci_last_error());
    rc = r1ci_task_generate_json("game24", 1, 99, 0, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "out of range"),
          "level out of range is an invalid argument", r1ci_last_error());
    rc = r1ci_task_check_json("game24", 1, 0, 0, NULL, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT, "NULL answer is refused", r1ci_last_error());
    rc = r1ci_tasks_list_json(NULL);
    check(rc == R1CI_ERR_INVALID_ARGUMENT, "NULL output pointer is refused", r1ci_last_error());
    r1ci_string_free(NULL);
    check(1, "r1ci_string_free(NULL) is allowed", NULL);

    /* Workspace: open, describe, close; a path under a file fails cleanly. */
    char dir[] = "/tmp/r1ci-abi-XXXXXX";
    check(mkdtemp(dir) != NULL, "temporary directory", NULL);
    r1ci_workspace *ws = NULL;
    rc = r1ci_workspace_open(dir, &ws);
    check(rc == R1CI_OK && ws != NULL, "r1ci_workspace_open", r1ci_last_error());
    rc = r1ci_workspace_info_json(ws, &json);
    check(rc == R1CI_OK && contains(json, "\"schema_version\":5") && contains(json, dir),
          "r1ci_workspace_info_json", json);
    r1ci_string_free(json);
    json = NULL;
    r1ci_workspace_close(ws);
    r1ci_workspace_close(NULL);

    char blocked[256];
    snprintf(blocked, sizeof blocked, "%s/r1ci.sqlite/inner", dir);
    ws = NULL;
    rc = r1ci_workspace_open(blocked, &ws);
    check(rc == R1CI_ERR_STORE && ws == NULL && strlen(r1ci_last_error()) > 0,
          "a workspace under a file is refused", r1ci_last_error());

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);

    test_task_library(cli);
    test_models();
    test_oracles(cli);
    test_comparisons(cli);
    test_agent();
    test_runs(cli);

    printf("abi: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

/* ── Models ─────────────────────────────────────────────────────────────── */

/* What the token callback saw: the pieces joined, and how many calls. */
typedef struct {
    char text[16384];
    size_t length;
    int calls;        /* every call */
    int token_calls;  /* calls with a token id (>= 0) */
    int cancel_after; /* return nonzero on this token call; 0: never */
    int bad_logprob;  /* a token call had logprob > 0 */
} Stream;

static int32_t on_token(const char *piece, int32_t token, float logprob, void *user_data) {
    Stream *stream = user_data;
    size_t n = strlen(piece);
    if (stream->length + n < sizeof stream->text) {
        memcpy(stream->text + stream->length, piece, n + 1);
        stream->length += n;
    }
    stream->calls++;
    if (token >= 0) {
        stream->token_calls++;
        if (logprob > 0.0f) stream->bad_logprob = 1;
    }
    return stream->cancel_after > 0 && stream->token_calls >= stream->cancel_after;
}

/* The decoded "text" member of a result, or NULL (caller frees). */
static char *result_text(const char *json) {
    return json ? mj_string_dup(mj_member(json, "text")) : NULL;
}

static int finish_reason_is(const char *json, const char *reason) {
    char *got = json ? mj_string_dup(mj_member(json, "finish_reason")) : NULL;
    int same = got && strcmp(got, reason) == 0;
    free(got);
    return same;
}

static const char *CHAT_REQUEST =
    "{\"messages\": [{\"role\": \"user\", \"content\": \"What is 17 * 23? Answer in one sentence.\"}],"
    " \"max_tokens\": 24, \"temperature\": 0}";

/* Two threads generating on one model at once (the engine's lock queues them). */
typedef struct {
    r1ci_model *model;
    int32_t status;
    char *json;
} Worker;

static void *generate_in_thread(void *data) {
    Worker *worker = data;
    worker->status = r1ci_model_generate(worker->model, CHAT_REQUEST, NULL, NULL, &worker->json);
    return NULL;
}

static void test_models(void) {
    r1ci_model *model = NULL;
    int32_t rc = r1ci_model_load("smollm2-135m", &model);
    check(rc == R1CI_OK && model != NULL, "r1ci_model_load loads the default model", r1ci_last_error());
    if (rc != R1CI_OK) return;

    char *json = NULL;
    rc = r1ci_model_info_json(model, &json);
    const char *vocab = json ? mj_member(json, "vocab_size") : NULL;
    char *arch = json ? mj_string_dup(mj_member(json, "architecture")) : NULL;
    check(rc == R1CI_OK && mj_valid(json) && arch && strcmp(arch, "llama") == 0 && vocab && atoi(vocab) == 49152,
          "model info JSON parses: llama, vocab 49152", json);
    free(arch);
    r1ci_string_free(json);

    /* Greedy, streamed: the pieces joined are the text, one call per token. */
    Stream stream = {0};
    json = NULL;
    rc = r1ci_model_generate(model, CHAT_REQUEST, on_token, &stream, &json);
    char *text = result_text(json);
    int tokens = json ? mj_array_count(mj_member(json, "tokens")) : -1;
    int logprobs = json ? mj_array_count(mj_member(json, "logprobs")) : -1;
    check(rc == R1CI_OK && mj_valid(json) && text != NULL && strlen(text) > 0, "greedy generation returns text",
          rc == R1CI_OK ? json : r1ci_last_error());
    check(text && strcmp(text, stream.text) == 0, "streamed pieces joined equal the result text", stream.text);
    check(tokens > 0 && tokens == stream.token_calls && logprobs == tokens && !stream.bad_logprob,
          "one callback per token, one logprob per token, each <= 0", json);
    check(finish_reason_is(json, "length") || finish_reason_is(json, "eog"), "finish_reason is length or eog", json);
    check(json && mj_member(json, "timing") && mj_member(mj_member(json, "timing"), "decode_tokens_per_s"),
          "result carries timing", json);
    r1ci_string_free(json);

    /* The same request again, without a callback: greedy is reproducible. */
    json = NULL;
    rc = r1ci_model_generate(model, CHAT_REQUEST, NULL, NULL, &json);
    char *again = result_text(json);
    check(rc == R1CI_OK && text && again && strcmp(text, again) == 0, "greedy generation is reproducible", again);
    free(again);
    r1ci_string_free(json);

    /* A stop string taken from the text: the result is the text up to it. */
    if (text && strlen(text) > 12) {
        char stop[8] = {0};
        memcpy(stop, text + 8, 4);
        size_t cut = (size_t)(strstr(text, stop) - text);
        char request[512];
        snprintf(request, sizeof request,
                 "{\"messages\": [{\"role\": \"user\", \"content\": \"What is 17 * 23? Answer in one sentence.\"}],"
                 " \"max_tokens\": 24, \"stop\": [\"%s\"]}", stop);
        int escapable = 1; /* plain printable ASCII, nothing to escape in the request */
        for (const char *c = stop; *c; c++) escapable &= *c >= 0x20 && *c < 0x7f && *c != '"' && *c != '\\';
        Stream stopped = {0};
        json = NULL;
        rc = escapable ? r1ci_model_generate(model, request, on_token, &stopped, &json) : R1CI_OK;
        char *prefix = result_text(json);
        check(!escapable || (rc == R1CI_OK && prefix && strlen(prefix) == cut && strncmp(prefix, text, cut) == 0
                             && strcmp(prefix, stopped.text) == 0 && finish_reason_is(json, "stop")),
              "a stop string cuts the text before it (finish_reason stop)", json);
        free(prefix);
        r1ci_string_free(json);
    }

    /* Cancel from the callback after 3 tokens. */
    Stream cancel = {.cancel_after = 3};
    json = NULL;
    rc = r1ci_model_generate(model, CHAT_REQUEST, on_token, &cancel, &json);
    check(rc == R1CI_OK && finish_reason_is(json, "cancelled") && mj_array_count(mj_member(json, "tokens")) == 3
          && cancel.token_calls == 3,
          "returning nonzero after 3 tokens cancels (finish_reason cancelled, 3 tokens)", json);
    r1ci_string_free(json);

    /* Two threads on one model: both finish, both give the greedy text. */
    Worker workers[2] = {{model, -99, NULL}, {model, -99, NULL}};
    pthread_t threads[2];
    int started = 0;
    for (int i = 0; i < 2; i++) started += pthread_create(&threads[i], NULL, generate_in_thread, &workers[i]) == 0;
    for (int i = 0; i < started; i++) pthread_join(threads[i], NULL);
    char *first = result_text(workers[0].json), *second = result_text(workers[1].json);
    check(started == 2 && workers[0].status == R1CI_OK && workers[1].status == R1CI_OK && text && first && second
          && strcmp(first, text) == 0 && strcmp(second, text) == 0,
          "two threads generating on one model both get the greedy text", second);
    free(first);
    free(second);
    r1ci_string_free(workers[0].json);
    r1ci_string_free(workers[1].json);
    free(text);

    /* Bad requests. */
    json = NULL;
    rc = r1ci_model_generate(model, "{\"prompt\": \"hi\", \"max_tokenz\": 3}", NULL, NULL, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && json == NULL && contains(r1ci_last_error(), "max_tokenz"),
          "an unknown request field is named in the error", r1ci_last_error());
    rc = r1ci_model_generate(model, "{\"prompt\": \"hi\"", NULL, NULL, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "JSON"), "malformed request JSON is refused",
          r1ci_last_error());
    rc = r1ci_model_generate(model, "{\"prompt\": \"hi\", \"top_p\": 0}", NULL, NULL, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "top_p"), "top_p 0 is refused",
          r1ci_last_error());
    rc = r1ci_model_generate(model, "{\"max_tokens\": 3}", NULL, NULL, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "prompt"), "a request without a prompt is refused",
          r1ci_last_error());
    r1ci_model_free(model);
    r1ci_model_free(NULL);

    /* Bad models: a missing path, a file that is not GGUF. */
    const char *missing = "/nonexistent/r1ci-abi/model.gguf";
    model = NULL;
    rc = r1ci_model_load(missing, &model);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && model == NULL && contains(r1ci_last_error(), missing),
          "a missing model path is an error naming the path", r1ci_last_error());
    char junk[] = "/tmp/r1ci-abi-junk-XXXXXX";
    int fd = mkstemp(junk);
    if (fd >= 0) {
        if (write(fd, "not a gguf file at all", 22) != 22) fprintf(stderr, "short write to %s\n", junk);
        close(fd);
        rc = r1ci_model_load(junk, &model);
        check(rc == R1CI_ERR_INVALID_ARGUMENT && model == NULL && contains(r1ci_last_error(), junk),
              "a file that is not GGUF is an error naming the path", r1ci_last_error());
        unlink(junk);
    }
}

/* ── Oracle runs in the sandbox ─────────────────────────────────────────── */

/* The gold answer `r1ci tasks gen TASK --seed S --level L --index I --json` prints (caller frees). */
static char *cli_gold(const char *cli, const char *task, unsigned seed, int level, unsigned index) {
    char command[512];
    char level_option[32] = "";
    if (level >= 0) snprintf(level_option, sizeof level_option, "--level %d", level);
    snprintf(command, sizeof command, "'%s' tasks gen %s --seed %u %s --index %u --json", cli, task, seed,
             level_option, index);
    FILE *pipe = popen(command, "r");
    if (!pipe) return NULL;
    static char output[1 << 16];
    size_t n = fread(output, 1, sizeof output - 1, pipe);
    output[n] = '\0';
    int status = pclose(pipe);
    return status == 0 ? mj_string_dup(mj_member(output, "gold")) : NULL;
}

static void test_oracles(const char *cli) {
    /* unique: the task has one right answer, so the oracle must print the gold one
     * (game24 has many: its oracle may find another, which the verifier judges). */
    static const struct { const char *task; unsigned seed; int level; unsigned index; int unique; } items[] = {
        {"game24", 7, 1, 0, 0},
        {"multistep_arithmetic", 3, 0, 1, 1},
        {"sudoku", 11, 0, 0, 1},
        {"word_sorting", 5, 2, 0, 1},
        {"dyck_languages", 3, -1, 0, 1},
    };
    int32_t rc = r1ci_sandbox_start();
    check(rc == R1CI_OK, "r1ci_sandbox_start", r1ci_last_error());

    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        char *json = NULL, name[160];
        rc = r1ci_task_run_oracle_json(items[i].task, items[i].seed, items[i].level, items[i].index, &json);
        const char *run = json ? mj_member(json, "run") : NULL;
        const char *verdict = json ? mj_member(json, "verdict") : NULL;
        char *status = mj_string_dup(mj_member(run, "status"));
        char *answer = json ? mj_string_dup(mj_member(json, "answer")) : NULL;
        char *gold = cli_gold(cli, items[i].task, items[i].seed, items[i].level, items[i].index);
        const char *correct = mj_member(verdict, "correct");
        const char *exit_code = mj_member(run, "exit_code");

        snprintf(name, sizeof name, "oracle of %s seed %u: ran ok, exit 0, verdict correct", items[i].task, items[i].seed);
        check(rc == R1CI_OK && mj_valid(json) && status && strcmp(status, "ok") == 0 && exit_code && atoi(exit_code) == 0
              && correct && strncmp(correct, "true", 4) == 0 && mj_member(run, "wall_ms"),
              name, rc == R1CI_OK ? json : r1ci_last_error());
        if (items[i].unique) {
            snprintf(name, sizeof name, "oracle of %s seed %u printed the CLI's gold answer", items[i].task, items[i].seed);
            check(answer && gold && strcmp(answer, gold) == 0, name, gold ? answer : "the CLI gave no gold answer");
        }
        free(status);
        free(answer);
        free(gold);
        r1ci_string_free(json);
    }

    char *json = NULL;
    rc = r1ci_task_run_oracle_json("no-such-task", 1, -1, 0, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && json == NULL && contains(r1ci_last_error(), "no-such-task"),
          "oracle of an unknown task is an invalid argument naming it", r1ci_last_error());
    rc = r1ci_task_run_oracle_json("game24", 1, 99, 0, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "out of range"),
          "oracle at a level out of range is an invalid argument", r1ci_last_error());
    rc = r1ci_task_run_oracle_json("game24", 1, -1, 0, NULL);
    check(rc == R1CI_ERR_INVALID_ARGUMENT, "oracle with a NULL output pointer is refused", r1ci_last_error());

    /* Stopped, the sandbox starts again on the next run. */
    r1ci_sandbox_stop();
    rc = r1ci_task_run_oracle_json("game24", 7, 1, 0, &json);
    check(rc == R1CI_OK && contains(json, "\"correct\":true"), "after r1ci_sandbox_stop the next run starts a new sandbox",
          rc == R1CI_OK ? json : r1ci_last_error());
    r1ci_string_free(json);
    r1ci_sandbox_stop();
    r1ci_sandbox_stop();
    check(1, "r1ci_sandbox_stop twice is allowed", NULL);
}

/* ── Evaluations and comparisons ────────────────────────────────────────── */

/* Two small real evaluations of the embedded model on the same questions,
 * made by the CLI: greedy, and sampled at a high temperature. */
static const char *EVAL_ARGS =
    "eval --tasks navigate,boolean_expressions --count 3 --max-turn-tokens 160 --max-trace-tokens 320 --json";

/* Runs a shell command and returns its stdout (malloc'd; NULL when it failed). */
static char *run_command(const char *command) {
    FILE *pipe = popen(command, "r");
    if (!pipe) return NULL;
    size_t size = 1 << 16, n = 0;
    char *out = malloc(size);
    for (size_t got; (got = fread(out + n, 1, size - n - 1, pipe)) > 0;) {
        n += got;
        if (n + 1 == size) out = realloc(out, size *= 2);
    }
    out[n] = '\0';
    if (pclose(pipe) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

/* Runs `cli ARGS` and returns its stdout (malloc'd; NULL when it failed). */
static char *run_cli(const char *cli, const char *args) {
    char command[1024];
    snprintf(command, sizeof command, "'%s' %s 2>/dev/null", cli, args);
    return run_command(command);
}

/* The traces row of `id`, read with Python's sqlite3 (not through the core):
 * {"answer": str|null, "score": float|null, "trace": the stored trace_json}. */
static char *stored_trace(const char *dir, long long id) {
    char command[1024];
    snprintf(command, sizeof command,
             "python3 -c \"import json,sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute("
             "'SELECT answer, score, trace_json FROM traces WHERE id=?', (int(sys.argv[2]),)).fetchone(); "
             "print(json.dumps({'answer': r[0], 'score': r[1], 'trace': json.loads(r[2])}))\" '%s/r1ci.sqlite' %lld",
             dir, id);
    return run_command(command);
}

static long long questions_with(r1ci_workspace *ws, const char *filter) {
    char *json = NULL;
    int32_t rc = r1ci_comparison_questions_json(ws, 1, 2, filter, &json);
    long long n = rc == R1CI_OK ? mj_array_count(json) : -1;
    r1ci_string_free(json);
    return n;
}

static void test_comparisons(const char *cli) {
    char dir[] = "/tmp/r1ci-abi-compare-XXXXXX", args[1024], name[200];
    check(mkdtemp(dir) != NULL, "temporary workspace for comparisons", NULL);
    r1ci_workspace *ws = NULL;
    char *json = NULL;
    int32_t rc = r1ci_workspace_open(dir, &ws);
    rc = rc == R1CI_OK ? r1ci_evaluations_list_json(ws, &json) : rc;
    check(rc == R1CI_OK && json && strcmp(json, "[]") == 0, "a new workspace lists no evaluation", json);
    r1ci_string_free(json);
    json = NULL;

    snprintf(args, sizeof args, "%s --workspace '%s' --temperature 0", EVAL_ARGS, dir);
    char *eval_a = run_cli(cli, args);
    snprintf(args, sizeof args, "%s --workspace '%s' --temperature 1.2 --seed 7", EVAL_ARGS, dir);
    char *eval_b = run_cli(cli, args);
    check(eval_a && eval_b, "the CLI made two evaluations", NULL);

    /* The list agrees with `r1ci eval --show ID --json`. */
    rc = r1ci_evaluations_list_json(ws, &json);
    check(rc == R1CI_OK && mj_valid(json) && mj_array_count(json) == 2, "r1ci_evaluations_list_json lists both", json);
    for (int i = 0; i < 2 && rc == R1CI_OK; i++) {
        const char *listed = mj_array_at(json, i);
        snprintf(args, sizeof args, "eval --show %d --json --workspace '%s'", i + 1, dir);
        char *shown = run_cli(cli, args);
        const char *all = mj_member(mj_member(shown, "summary"), "all");
        char *listed_name = mj_string_dup(mj_member(listed, "name")), *shown_name = mj_string_dup(mj_member(shown, "name"));
        const char *la = mj_member(listed, "accuracy"), *sa = mj_member(all, "accuracy");
        const char *lq = mj_member(listed, "questions"), *sq = mj_member(all, "questions");
        snprintf(name, sizeof name, "evaluation %d: id, name, accuracy and questions as `r1ci eval --show` says", i + 1);
        check(listed && all && atoll(mj_member(listed, "id")) == i + 1 && listed_name && shown_name
              && strcmp(listed_name, shown_name) == 0 && la && sa && atof(la) == atof(sa) && lq && sq
              && atoll(lq) == atoll(sq) && atoll(mj_member(listed, "items")) == 6
              && contains(listed, "\"tasks\":[\"navigate\",\"boolean_expressions\"]"),
              name, listed);
        free(listed_name);
        free(shown_name);
        free(shown);
    }
    r1ci_string_free(json);
    json = NULL;

    /* The comparison is the CLI's text, byte for byte. */
    snprintf(args, sizeof args, "compare 1 2 --json --workspace '%s'", dir);
    char *cli_json = run_cli(cli, args);
    if (cli_json && strlen(cli_json) > 0 && cli_json[strlen(cli_json) - 1] == '\n') cli_json[strlen(cli_json) - 1] = '\0';
    rc = r1ci_comparison_json(ws, 1, 2, &json);
    check(rc == R1CI_OK && cli_json && strcmp(json, cli_json) == 0,
          "r1ci_comparison_json equals `r1ci compare 1 2 --json`", rc == R1CI_OK ? json : r1ci_last_error());

    /* Filters: counts per bucket, per task and per side's correctness match the CLI's counts. */
    const char *all = mj_member(cli_json, "all");
    const char *buckets = mj_member(all, "buckets");
    long long total = all ? atoll(mj_member(all, "questions")) : -1;
    check(questions_with(ws, NULL) == total && questions_with(ws, "{}") == total && total == 6,
          "no filter: every shared question", NULL);
    static const char *const names[] = {"fixed", "regressed", "both_right", "both_wrong"};
    long long counts[4] = {0};
    for (int i = 0; i < 4; i++) {
        char filter[100];
        counts[i] = buckets ? atoll(mj_member(buckets, names[i])) : -1;
        snprintf(filter, sizeof filter, "{\"buckets\": [\"%s\"]}", names[i]);
        snprintf(name, sizeof name, "bucket %s: %lld questions, as the CLI counts", names[i], counts[i]);
        check(questions_with(ws, filter) == counts[i], name, NULL);
    }
    check(questions_with(ws, "{\"buckets\": [\"fixed\", \"regressed\"]}") == counts[0] + counts[1],
          "two buckets: the union", NULL);
    check(questions_with(ws, "{\"a_correct\": true}") == counts[1] + counts[2]
          && questions_with(ws, "{\"b_correct\": false}") == counts[1] + counts[3],
          "a_correct / b_correct: the buckets where that side is right / wrong", NULL);
    check(questions_with(ws, "{\"task\": \"navigate\"}") == 3
          && questions_with(ws, "{\"task\": \"navigate\", \"buckets\": [\"both_wrong\"]}") <= 3,
          "task filter: navigate's 3 questions", NULL);

    char *bad = NULL;
    rc = r1ci_comparison_questions_json(ws, 1, 2, "{\"bucket\": \"fixed\"}", &bad);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && bad == NULL && contains(r1ci_last_error(), "unknown field 'bucket'"),
          "a misspelt filter field is refused by name", r1ci_last_error());
    rc = r1ci_comparison_questions_json(ws, 1, 2, "{\"buckets\": [\"better\"]}", &bad);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "unknown bucket 'better'"),
          "an unknown bucket is refused by name", r1ci_last_error());
    rc = r1ci_comparison_json(ws, 1, 99, &bad);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "no evaluation 99"),
          "a missing evaluation is an invalid argument naming it", r1ci_last_error());
    rc = r1ci_evaluations_list_json(NULL, &bad);
    check(rc == R1CI_ERR_INVALID_ARGUMENT, "a NULL workspace is refused", r1ci_last_error());

    /* A stored trace: its answer, score, question and code as the database holds them. */
    char *questions = NULL;
    rc = r1ci_comparison_questions_json(ws, 1, 2, NULL, &questions);
    const char *first = mj_array_at(questions, 0);
    long long trace_id = first ? atoll(mj_member(first, "trace_b")) : 0;
    char *trace = NULL;
    rc = r1ci_trace_json(ws, trace_id, &trace);
    char *stored = stored_trace(dir, trace_id);
    char *answer = mj_string_dup(mj_member(trace, "answer"));
    char *stored_answer = mj_string_dup(mj_member(stored, "answer"));
    char *question = mj_string_dup(mj_member(trace, "question"));
    char *stored_question = mj_string_dup(mj_member(mj_member(stored, "trace"), "question"));
    char *listed_answer = mj_string_dup(mj_member(first, "answer_b"));
    check(rc == R1CI_OK && mj_valid(trace) && stored, "r1ci_trace_json reads a stored trace", rc == R1CI_OK ? trace : r1ci_last_error());
    check((answer == NULL && stored_answer == NULL && listed_answer == NULL)
          || (answer && stored_answer && listed_answer && strcmp(answer, stored_answer) == 0
              && strcmp(listed_answer, stored_answer) == 0),
          "trace answer and the listed answer_b equal the stored answer", answer);
    check(question && stored_question && strcmp(question, stored_question) == 0, "trace question is the stored one", NULL);
    const char *verdict = mj_member(trace, "verdict"), *stored_score = mj_member(stored, "score");
    check(verdict && stored_score && atof(mj_member(verdict, "score")) == atof(stored_score)
          && mj_array_count(mj_member(trace, "parts")) >= 2 && contains(trace, "\"kind\":\"prompt\"")
          && mj_member(trace, "gold") && mj_member(mj_member(trace, "reward"), "total"),
          "trace has parts, gold, verdict score as stored, reward parts", trace);
    /* Every code part that ran is a stored cell's code, in order. */
    const char *parts = mj_member(trace, "parts"), *cells = mj_member(mj_member(stored, "trace"), "cells");
    int ran = 0, same = 1;
    for (int i = 0; i < mj_array_count(parts); i++) {
        const char *part = mj_array_at(parts, i);
        char *kind = mj_string_dup(mj_member(part, "kind"));
        if (kind && strcmp(kind, "code") == 0 && strncmp(mj_member(part, "ran"), "true", 4) == 0) {
            char *code = mj_string_dup(mj_member(part, "text"));
            char *cell = mj_string_dup(mj_member(mj_array_at(cells, ran), "code"));
            same &= code && cell && strcmp(code, cell) == 0;
            ran++;
            free(code);
            free(cell);
        }
        free(kind);
    }
    snprintf(name, sizeof name, "trace's %d code part(s) that ran are the stored cells", ran);
    check(same && ran == mj_array_count(cells), name, NULL);
    rc = r1ci_trace_json(ws, 999999, &bad);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "no trace 999999"),
          "a missing trace is an invalid argument", r1ci_last_error());

    free(answer); free(stored_answer); free(question); free(stored_question); free(listed_answer); free(stored);
    r1ci_string_free(trace);
    r1ci_string_free(questions);
    r1ci_string_free(json);
    free(cli_json);
    free(eval_a);
    free(eval_b);
    r1ci_workspace_close(ws);
    char command[300];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    if (system(command) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

/* ── Agent runs (r1ci_agent_run_json), as the Playground page makes them ── */

/* What the event callback saw. Events come on the run's own thread; `seen`
 * is also read by the thread that stops the run, hence the mutex. */
typedef struct {
    pthread_mutex_t lock;
    int seen;               /* events so far */
    int tokens;             /* "token" events */
    int stop_after_tokens;  /* return nonzero at this token event; 0: never */
    long ids[8192];         /* the ids of the token events, in order */
    char order[256];        /* one letter per event other than token and text, in order (up to 255) */
    int ordered;            /* letters in order */
    char last;              /* the letter of the last event */
    int out_of_order;       /* an event came where the run's order forbids it */
    int bad_json;           /* an event was not one valid JSON object */
    int open_cell, closed_cell, ran_cell;  /* last cell index opened, closed, run (-1: none) */
    char shown_code[4096];  /* the "text" events of part "code" for block 0, joined */
    char run_code[4096];    /* the code of block 0's code_end event */
} Events;

static char event_letter(const char *type) {
    static const char *const kinds[] = {"start", "token", "text", "code_start", "code_end", "execution",
                                        "appended", "answer", "verdict", "finish"};
    for (int i = 0; i < 10; i++) if (strcmp(type, kinds[i]) == 0) return "STxcerpavf"[i];
    return '?';
}

static int32_t on_event(const char *event_json, void *user_data) {
    Events *e = user_data;
    pthread_mutex_lock(&e->lock);
    char *type = mj_valid(event_json) ? mj_string_dup(mj_member(event_json, "type")) : NULL;
    if (!type) e->bad_json = 1;
    char letter = type ? event_letter(type) : '?';
    /* start first, finish last and once, nothing after finish; cells open, close and run in turn. */
    if ((e->seen == 0) != (letter == 'S') || e->last == 'f' || letter == '?') e->out_of_order = 1;
    const char *cell = mj_member(event_json, "cell");
    int index = cell ? atoi(cell) : -1;
    if (letter == 'c') { if (index != e->open_cell + 1) e->out_of_order = 1; e->open_cell = index; }
    if (letter == 'e') { if (index != e->open_cell || index != e->closed_cell + 1) e->out_of_order = 1; e->closed_cell = index; }
    if (letter == 'r') { if (index != e->closed_cell || index != e->ran_cell + 1) e->out_of_order = 1; e->ran_cell = index; }
    if (letter == 'x' && e->open_cell == 0 && e->closed_cell < 0) {
        char *part = mj_string_dup(mj_member(event_json, "part")), *text = mj_string_dup(mj_member(event_json, "text"));
        if (part && text && strcmp(part, "code") == 0 && strlen(e->shown_code) + strlen(text) < sizeof e->shown_code)
            strcat(e->shown_code, text);
        free(part);
        free(text);
    }
    if (letter == 'e' && index == 0) {
        char *code = mj_string_dup(mj_member(event_json, "code"));
        if (code && strlen(code) < sizeof e->run_code) strcpy(e->run_code, code);
        free(code);
    }
    if (letter == 'T') {
        const char *id = mj_member(event_json, "id");
        if (e->tokens < 8192) e->ids[e->tokens] = id ? atol(id) : -1;
        e->tokens++;
    }
    if (letter != 'T' && letter != 'x' && e->ordered < 255) {
        e->order[e->ordered++] = letter;
        e->order[e->ordered] = '\0';
    }
    e->last = letter;
    e->seen++;
    int stop = letter == 'T' && e->stop_after_tokens > 0 && e->tokens >= e->stop_after_tokens;
    pthread_mutex_unlock(&e->lock);
    free(type);
    return stop;
}

static void events_init(Events *e) {
    memset(e, 0, sizeof *e);
    pthread_mutex_init(&e->lock, NULL);
    e->open_cell = e->closed_cell = e->ran_cell = -1;
}

static char *member_string(const char *json, const char *name) {
    return json ? mj_string_dup(mj_member(json, name)) : NULL;
}

/* Checks a finished trace against the events that built it: the token arrays
 * line up, the generated tokens are the token events (same ids, in order). */
static void check_trace_matches_events(const char *trace, Events *e, const char *what) {
    char name[200];
    const char *tokens = mj_member(trace, "tokens");
    const char *ids = mj_member(tokens, "ids"), *masks = mj_member(tokens, "loss_mask");
    int n = mj_array_count(ids);
    snprintf(name, sizeof name, "%s: ids, texts, loss_mask, logprobs, segments have one entry per token", what);
    check(n > 0 && mj_array_count(mj_member(tokens, "texts")) == n && mj_array_count(masks) == n
          && mj_array_count(mj_member(tokens, "logprobs")) == n && mj_array_count(mj_member(tokens, "segments")) == n,
          name, NULL);

    int generated = 0, same = 1;
    for (int i = 0; i < n; i++) {
        if (atoi(mj_array_at(masks, i)) != 1) continue;
        if (generated >= e->tokens || atol(mj_array_at(ids, i)) != e->ids[generated]) same = 0;
        generated++;
    }
    const char *count = mj_member(trace, "generated_tokens");
    snprintf(name, sizeof name, "%s: the trace's loss-mask-1 tokens are the %d streamed token events, same ids in order",
             what, e->tokens);
    check(generated == e->tokens && same && count && atoi(count) == e->tokens, name, NULL);
}

typedef struct {
    const char *request;
    r1ci_stop *stop;
    Events *events;
    int32_t status;
    char *json;
} AgentWorker;

static void *agent_in_thread(void *data) {
    AgentWorker *w = data;
    w->status = r1ci_agent_run_json(w->request, w->stop, on_event, w->events, &w->json);
    return NULL;
}

static void test_agent(void) {
    char *json = NULL;
    int32_t rc = r1ci_models_list_json(&json);
    check(rc == R1CI_OK && mj_valid(json) && contains(json, "\"name\":\"smollm2-135m\"") && contains(json, "\"installed\":true"),
          "r1ci_models_list_json lists the installed default model", rc == R1CI_OK ? json : r1ci_last_error());
    r1ci_string_free(json);
    json = NULL;

    /* Bad requests: one message naming the problem, no result. */
    static const struct { const char *request, *says; } bad[] = {
        {"{\"task\": \"game24\", \"temprature\": 1}", "temprature"},
        {"{\"task\": \"no-such-task\"}", "no-such-task"},
        {"{\"task\": \"game24\", \"question\": \"hi\"}", "give one"},
        {"{\"question\": \"hi\", \"model\": \"/nowhere/model.gguf\"}", "/nowhere/model.gguf"},
        {"{\"task\": \"game24\", \"level\": 42}", "out of range"},
        {"{\"question\": \"hi\", \"style\": \"poetry\"}", "style"},
        {"[1, 2]", "object"},
        {"{\"question\": \"hi\", \"model\": \"openai:http://127.0.0.1:9/v1#m\"}", "remote"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char name[200];
        rc = r1ci_agent_run_json(bad[i].request, NULL, NULL, NULL, &json);
        snprintf(name, sizeof name, "agent request %s is refused, naming '%s'", bad[i].request, bad[i].says);
        check(rc == R1CI_ERR_INVALID_ARGUMENT && json == NULL && contains(r1ci_last_error(), bad[i].says),
              name, r1ci_last_error());
    }

    /* A task item, greedy, with code encouraged and a small budget: every event in order. */
    static const char *ITEM_REQUEST =
        "{\"task\": \"game24\", \"item_seed\": 7, \"style\": \"code\", \"max_trace_tokens\": 160, \"max_code_calls\": 2}";
    static Events e;
    events_init(&e);
    rc = r1ci_agent_run_json(ITEM_REQUEST, NULL, on_event, &e, &json);
    check(rc == R1CI_OK && mj_valid(json), "r1ci_agent_run_json runs a task item", rc == R1CI_OK ? NULL : r1ci_last_error());
    check(!e.bad_json && !e.out_of_order && e.order[0] == 'S' && e.seen > 2 && e.last == 'f',
          "events are JSON objects in the run's order: start, tokens and cells, verdict, finish last", e.order);
    size_t shown = strlen(e.shown_code);
    while (shown > 0 && e.shown_code[shown - 1] == '\n') e.shown_code[--shown] = '\0';
    check(strchr(e.order, 'c') != NULL && strchr(e.order, 'r') != NULL && e.run_code[0] != '\0'
          && strcmp(e.shown_code, e.run_code) == 0,
          "the code shown as it streamed (fences left out) is the code that ran", e.shown_code);
    check(strchr(e.order, 'v') != NULL && mj_member(json, "verdict") && contains(mj_member(json, "verdict"), "\"correct\":"),
          "a task item's run sends a verdict and the trace holds it", e.order);
    if (rc == R1CI_OK) check_trace_matches_events(json, &e, "task run");
    char *end = member_string(json, "end");
    check(end && strcmp(end, "stopped") != 0 && strcmp(end, "engine_failure") != 0 && strcmp(end, "sandbox_failure") != 0,
          "the run ended for a reason of its own", end);
    free(end);

    /* The same request again gives the same trace (greedy; the model stays loaded). */
    char *again = NULL;
    static Events e2;
    events_init(&e2);
    rc = r1ci_agent_run_json(ITEM_REQUEST, NULL, on_event, &e2, &again);
    const char *t1 = json ? mj_member(mj_member(json, "tokens"), "ids") : NULL;
    const char *t2 = again ? mj_member(mj_member(again, "tokens"), "ids") : NULL;
    size_t l1 = t1 ? (size_t)(mj_ws(mj_value(t1, 0)) - t1) : 0, l2 = t2 ? (size_t)(mj_ws(mj_value(t2, 0)) - t2) : 1;
    check(rc == R1CI_OK && t1 && t2 && l1 == l2 && memcmp(t1, t2, l1) == 0, "a greedy run repeats token for token", NULL);
    r1ci_string_free(again);
    r1ci_string_free(json);
    json = NULL;

    /* The callback stops the run: it ends "stopped" right after that token. */
    static Events e3;
    events_init(&e3);
    e3.stop_after_tokens = 5;
    rc = r1ci_agent_run_json("{\"question\": \"Count from 1 to 200, one number per line.\", \"max_trace_tokens\": 600}",
                             NULL, on_event, &e3, &json);
    end = member_string(json, "end");
    check(rc == R1CI_OK && end && strcmp(end, "stopped") == 0 && e3.tokens == 5 && e3.last == 'f',
          "a callback returning nonzero stops the run after that token, reason \"stopped\"", end ? end : r1ci_last_error());
    if (rc == R1CI_OK) check_trace_matches_events(json, &e3, "stopped by the callback");
    free(end);
    r1ci_string_free(json);
    json = NULL;

    /* r1ci_stop_raise from another thread ends a long run early. */
    r1ci_stop *stop = NULL;
    rc = r1ci_stop_new(&stop);
    check(rc == R1CI_OK && stop != NULL, "r1ci_stop_new", r1ci_last_error());
    static Events e4;
    events_init(&e4);
    AgentWorker worker = {"{\"question\": \"Count from 1 to 500, one number per line.\", \"max_trace_tokens\": 1500,"
                          " \"max_turn_tokens\": 1500}", stop, &e4, 0, NULL};
    pthread_t thread;
    int started = pthread_create(&thread, NULL, agent_in_thread, &worker) == 0;
    for (int waited = 0; started && waited < 3000; waited++) {  /* up to 300 s for the first tokens */
        pthread_mutex_lock(&e4.lock);
        int tokens = e4.tokens;
        pthread_mutex_unlock(&e4.lock);
        if (tokens >= 3) break;
        nanosleep(&(struct timespec){0, 100000000}, NULL);
    }
    r1ci_stop_raise(stop);
    r1ci_stop_raise(stop);
    if (started) pthread_join(thread, NULL);
    end = member_string(worker.json, "end");
    check(started && worker.status == R1CI_OK && end && strcmp(end, "stopped") == 0 && e4.tokens >= 3 && e4.tokens < 1500
          && e4.last == 'f',
          "r1ci_stop_raise from another thread ends the run with reason \"stopped\"", end ? end : r1ci_last_error());
    if (worker.status == R1CI_OK) check_trace_matches_events(worker.json, &e4, "stopped from another thread");
    free(end);
    r1ci_string_free(worker.json);
    r1ci_stop_free(stop);
    r1ci_stop_free(NULL);
    r1ci_stop_raise(NULL);
    r1ci_sandbox_stop();
}
/* ── Task library: imports and mixtures ─────────────────────────────────── */

/* The whole output of a shell command (static buffer; NULL when it failed). */
static const char *cli_output(const char *command) {
    static char output[1 << 16];
    FILE *pipe = popen(command, "r");
    if (!pipe) return NULL;
    size_t n = fread(output, 1, sizeof output - 1, pipe);
    output[n] = '\0';
    return pclose(pipe) == 0 ? output : NULL;
}

static void write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_task_library(const char *cli) {
    char dir[] = "/tmp/r1ci-abi-lib-XXXXXX";
    check(mkdtemp(dir) != NULL, "temporary directory for the task library", NULL);
    char bbh[300], bad[300], command[1200];
    snprintf(bbh, sizeof bbh, "%s/snarks.json", dir);
    snprintf(bad, sizeof bad, "%s/bad.jsonl", dir);
    write_text(bbh, "{\"examples\": [{\"input\": \"Which is sarcastic?\\nOptions:\\n(A) Great, rain\\n(B) Rain\", \"target\": \"(A)\"},"
                    " {\"input\": \"Is 7 prime?\", \"target\": \"Yes\"}]}");
    write_text(bad, "{\"question\": \"q\", \"answer\": \"a\"}\n{\"question\": \"q2\"}\n");

    r1ci_workspace *ws = NULL;
    int32_t rc = r1ci_workspace_open(dir, &ws);
    check(rc == R1CI_OK, "workspace for imports", r1ci_last_error());

    char *json = NULL;
    rc = r1ci_task_import(ws, "bbh", bbh, "abi_snarks", &json);
    check(rc == R1CI_OK && contains(json, "\"id\":\"abi_snarks\"") && contains(json, "\"items\":2")
          && contains(json, "\"choice\":1") && contains(json, "\"exact\":1"),
          "r1ci_task_import reads a BBH file", rc == R1CI_OK ? json : r1ci_last_error());
    r1ci_string_free(json);
    json = NULL;

    rc = r1ci_tasks_list_json(&json);
    check(rc == R1CI_OK && contains(json, "\"id\":\"abi_snarks\"") && contains(json, "\"source\":\"imported:bbh\""),
          "the imported task is in the catalogue as imported:bbh", NULL);
    r1ci_string_free(json);
    json = NULL;

    /* Item 0 at the evaluation seed is the file's first example; the CLI (same workspace) agrees. */
    rc = r1ci_task_generate_json("abi_snarks", 1000000000ULL, -1, 0, &json);
    char *gold = json ? mj_string_dup(mj_member(json, "gold")) : NULL;
    snprintf(command, sizeof command, "'%s' tasks gen abi_snarks --seed 1000000000 --json --workspace '%s'", cli, dir);
    const char *cli_json = cli_output(command);
    char *cli_gold_text = cli_json ? mj_string_dup(mj_member(cli_json, "gold")) : NULL;
    check(rc == R1CI_OK && gold && strcmp(gold, "(A)") == 0 && cli_gold_text && strcmp(gold, cli_gold_text) == 0,
          "imported item 0 has the file's target, as the CLI says", rc == R1CI_OK ? json : r1ci_last_error());
    free(gold);
    free(cli_gold_text);
    r1ci_string_free(json);
    json = NULL;
    rc = r1ci_task_check_json("abi_snarks", 1000000000ULL, -1, 0, "<<<(A) Great, rain>>>", &json);
    check(rc == R1CI_OK && contains(json, "\"correct\":true"), "an option's text scores as its letter", json);
    r1ci_string_free(json);
    json = NULL;

    /* A bad file: invalid argument naming the file and line; nothing registered. */
    rc = r1ci_task_import(ws, "jsonl", bad, "abi_bad", &json);
    char where[320];
    snprintf(where, sizeof where, "%s:2:", bad);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && json == NULL && contains(r1ci_last_error(), where),
          "a bad JSONL line is an invalid argument naming file:line", r1ci_last_error());
    rc = r1ci_tasks_list_json(&json);
    check(rc == R1CI_OK && !contains(json, "abi_bad"), "nothing registered from the bad file", NULL);
    r1ci_string_free(json);
    json = NULL;
    rc = r1ci_task_import(ws, "xml", bbh, NULL, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT, "an unknown import kind is refused", r1ci_last_error());
    rc = r1ci_task_import(NULL, "bbh", bbh, NULL, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT, "a NULL workspace is refused", r1ci_last_error());

    /* Mixtures: save, list, sample; the CLI samples the same stream. */
    rc = r1ci_mixture_save_json(ws, "{\"name\": \"abi_mix\", \"seed\": 3, \"entries\": ["
                                    "{\"task\": \"gcd\", \"level\": 0, \"weight\": 1},"
                                    "{\"task\": \"abi_snarks\", \"level\": 0, \"weight\": 1}]}");
    check(rc == R1CI_OK, "r1ci_mixture_save_json", r1ci_last_error());
    rc = r1ci_mixtures_list_json(ws, &json);
    check(rc == R1CI_OK && contains(json, "\"name\":\"abi_mix\""), "r1ci_mixtures_list_json", json);
    r1ci_string_free(json);
    json = NULL;
    rc = r1ci_mixture_sample_json(ws, "abi_mix", 0, 8, &json);
    check(rc == R1CI_OK && mj_array_count(json) == 8, "r1ci_mixture_sample_json gives 8 items", rc == R1CI_OK ? json : r1ci_last_error());
    snprintf(command, sizeof command, "'%s' tasks mixture sample abi_mix --count 8 --json --workspace '%s'", cli, dir);
    cli_json = cli_output(command);
    int same = cli_json != NULL && json != NULL;
    const char *line = cli_json;
    for (int i = 0; same && i < 8; i++) {
        char *a = mj_string_dup(mj_member(mj_array_at(json, i), "question"));
        char *b = mj_string_dup(mj_member(line, "question"));
        same = a && b && strcmp(a, b) == 0;
        free(a);
        free(b);
        line = strchr(line, '\n');
        if (line) line++;
        else if (i < 7) same = 0;
    }
    check(same, "the sampled questions equal `r1ci tasks mixture sample`", NULL);
    r1ci_string_free(json);
    json = NULL;
    rc = r1ci_mixture_save_json(ws, "{\"name\": \"abi_bad\", \"entries\": [{\"task\": \"gcd\", \"level\": 99, \"weight\": 1}]}");
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "out of range"),
          "a mixture with a level out of range is refused", r1ci_last_error());
    rc = r1ci_mixture_sample_json(ws, "abi_bad", 0, 1, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && json == NULL, "a refused mixture was not stored", r1ci_last_error());
    r1ci_workspace_close(ws);

    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    if (system(command) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

/* ── Training runs ──────────────────────────────────────────────────────── */

/* The run's object from r1ci_runs_list_json (malloc'd), or NULL. */
static char *listed_run(r1ci_workspace *ws, int64_t id) {
    char *json = NULL, *found = NULL;
    if (r1ci_runs_list_json(ws, &json) != R1CI_OK) return NULL;
    for (int i = 0; i < mj_array_count(json); i++) {
        const char *run = mj_array_at(json, i);
        if (atoll(mj_member(run, "id")) == id) {
            const char *end = mj_value(run, 0);
            found = strndup(run, (size_t)(end - run));
        }
    }
    r1ci_string_free(json);
    return found;
}

/* Polls until the run's state is `state` (or a terminal other state); 0 on time-out. */
static int wait_state(r1ci_workspace *ws, int64_t id, const char *state, int need_step) {
    for (int i = 0; i < 1200; i++) {
        char *run = listed_run(ws, id);
        char *st = run ? mj_string_dup(mj_member(run, "state")) : NULL;
        const char *last = run ? mj_member(run, "lastStep") : NULL;
        int ok = st && strcmp(st, state) == 0 && (!need_step || (last && atoll(last) >= need_step));
        int over = st && (strcmp(st, "finished") == 0 || strcmp(st, "failed") == 0) && strcmp(st, state) != 0;
        free(st);
        free(run);
        if (ok) return 1;
        if (over) return 0;
        nanosleep(&(struct timespec){0, 100000000}, NULL);
    }
    return 0;
}

/* How many train/loss values the run has past after_step. */
static int losses_after(r1ci_workspace *ws, int64_t id, int64_t after) {
    char *json = NULL;
    if (r1ci_run_metrics_json(ws, id, after, &json) != R1CI_OK) return -1;
    int n = 0;
    for (int i = 0; i < mj_array_count(json); i++) {
        const char *m = mj_array_at(json, i);
        char *name = mj_string_dup(mj_member(m, "name"));
        if (name && strcmp(name, "train/loss") == 0 && atoll(mj_member(m, "step")) > after) n++;
        free(name);
    }
    r1ci_string_free(json);
    return n;
}

/* Writes the tiny llama fixture with its context length raised from 128 (too short
 * for a task prompt in its byte-level tokens) to 4096 as dir/tiny-4k.gguf; 1 on success. */
static int long_context_model(const char *fixture, const char *dir, char *out, size_t size) {
    const char *key = "llama.context_length";
    size_t key_len = strlen(key), n = 0;
    unsigned char *bytes = NULL, *at = NULL;
    FILE *f = fopen(fixture, "rb");
    if (f && fseek(f, 0, SEEK_END) == 0 && ftell(f) > 0) {
        n = (size_t)ftell(f);
        rewind(f);
        bytes = malloc(n);
        if (bytes && fread(bytes, 1, n, f) != n) n = 0;
    }
    if (f) fclose(f);
    for (size_t i = 0; bytes && i + key_len + 8 <= n && !at; i++)
        if (memcmp(bytes + i, key, key_len) == 0) at = bytes + i + key_len + 4;   /* past the u32 type tag */
    uint32_t context = 4096;                                                       /* GGUF is little-endian, as is this host */
    if (at) memcpy(at, &context, 4);
    snprintf(out, size, "%s/tiny-4k.gguf", dir);
    f = at ? fopen(out, "wb") : NULL;
    int ok = f && fwrite(bytes, 1, n, f) == n;
    if (f) fclose(f);
    free(bytes);
    return ok;
}

static void test_runs(const char *cli) {
    char dir[] = "/tmp/r1ci-abi-runs-XXXXXX", path[512], config[1400], binary[512], model[512];
    check(mkdtemp(dir) != NULL, "temporary workspace for runs", NULL);
    check(realpath(cli, binary) != NULL && realpath("Tests/R1EngineTests/Fixtures/tiny-llama.gguf", model) != NULL,
          "the r1ci binary and the tiny model", cli);
    setenv("R1CI_BINARY", binary, 1);
    snprintf(path, sizeof path, "%s/data.jsonl", dir);
    FILE *f = fopen(path, "w");
    for (int i = 0; f && i < 5; i++)
        fprintf(f, "{\"messages\": [{\"role\": \"user\", \"content\": \"count to %d\"}, "
                   "{\"role\": \"assistant\", \"content\": \"%d %d %d\"}]}\n", i, i, i + 1, i + 2);
    if (f) fclose(f);
    r1ci_workspace *ws = NULL;
    int32_t rc = r1ci_workspace_open(dir, &ws);
    int64_t id = 0;

    /* Bad configs: named, nothing recorded. */
    rc = r1ci_run_start(ws, "{\"method\": \"sft\", \"data\": \"x\", \"steps\": 0}", &id);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "steps"), "r1ci_run_start: steps 0 is refused", r1ci_last_error());
    rc = r1ci_run_start(ws, "{\"method\": \"sft\", \"data\": \"x\", \"steps\": 2, \"stepz\": 1}", &id);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "stepz"), "r1ci_run_start: an unknown key is named", r1ci_last_error());
    rc = r1ci_run_start(ws, "{\"method\": \"dpo\"}", &id);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "method"), "r1ci_run_start: an unknown method is refused", r1ci_last_error());
    rc = r1ci_run_start(ws, "{\"method\": \"grpo\", \"tasks\": \"gcd\", \"steps\": 2, \"group_size\": -2}", &id);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "group_size"), "r1ci_run_start: a negative GRPO group size is named",
          r1ci_last_error());
    rc = r1ci_run_start(ws, "{\"method\": \"ppo\", \"tasks\": \"no_such_task\", \"steps\": 2}", &id);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && contains(r1ci_last_error(), "no_such_task"), "r1ci_run_start: an unknown PPO task is named",
          r1ci_last_error());
    char *json = NULL;
    rc = r1ci_runs_list_json(ws, &json);
    check(rc == R1CI_OK && json && strcmp(json, "[]") == 0, "no run was recorded for bad configs", json);
    r1ci_string_free(json);

    /* A run to the end; metrics since a step. */
    snprintf(config, sizeof config, "{\"method\": \"sft\", \"name\": \"abi\", \"model\": \"%s\", \"data\": \"%s\", "
             "\"steps\": 4, \"seq\": 48, \"lr\": 0.001}", model, path);
    rc = r1ci_run_start(ws, config, &id);
    check(rc == R1CI_OK && id == 1, "r1ci_run_start starts run 1", r1ci_last_error());
    check(wait_state(ws, id, "finished", 0), "run 1 finishes", NULL);
    check(losses_after(ws, id, -1) == 4 && losses_after(ws, id, 2) == 2, "r1ci_run_metrics_json: 4 losses, 2 after step 2", NULL);
    snprintf(path, sizeof path, "runs show 1 --json --workspace '%s'", dir);
    char *shown = run_cli(cli, path);
    check(shown && contains(shown, "\"train/loss\""), "the CLI shows the same run's metrics", shown);
    free(shown);
    check(r1ci_run_stop(ws, id) == R1CI_ERR_INVALID_ARGUMENT, "stopping a finished run is refused", r1ci_last_error());
    check(r1ci_run_resume(ws, id) == R1CI_ERR_INVALID_ARGUMENT, "resuming a finished run is refused", r1ci_last_error());
    check(r1ci_run_metrics_json(ws, 99, -1, &json) == R1CI_ERR_INVALID_ARGUMENT, "metrics of an unknown run are refused", r1ci_last_error());

    /* Stop part-way, resume to the end. */
    setenv("R1CI_TEST_STEP_DELAY", "0.3", 1);
    snprintf(config, sizeof config, "{\"method\": \"sft\", \"model\": \"%s\", \"data\": \"%s/data.jsonl\", "
             "\"steps\": 8, \"seq\": 48}", model, dir);
    rc = r1ci_run_start(ws, config, &id);
    check(rc == R1CI_OK && id == 2 && wait_state(ws, id, "running", 1), "run 2 is running", r1ci_last_error());
    check(r1ci_run_stop(ws, id) == R1CI_OK && wait_state(ws, id, "stopped", 0), "r1ci_run_stop: run 2 stops", r1ci_last_error());
    int before = losses_after(ws, id, -1);
    check(before >= 1 && before < 8, "stopped part-way", NULL);
    check(r1ci_run_resume(ws, id) == R1CI_OK && wait_state(ws, id, "finished", 0), "r1ci_run_resume: run 2 finishes", r1ci_last_error());
    check(losses_after(ws, id, -1) == 8, "run 2 has every step's loss once", NULL);
    unsetenv("R1CI_TEST_STEP_DELAY");

    /* Rollouts: an SFT run has none; an unknown run is refused. */
    rc = r1ci_run_rollouts_json(ws, 1, -1, &json);
    check(rc == R1CI_OK && contains(json, "\"steps\":[]") && contains(json, "\"groups\":[]") && contains(json, "\"step\":-1"),
          "r1ci_run_rollouts_json: an SFT run has no rollouts", json);
    r1ci_string_free(json);
    json = NULL;
    rc = r1ci_run_rollouts_json(ws, 99, -1, &json);
    check(rc == R1CI_ERR_INVALID_ARGUMENT && json == NULL && contains(r1ci_last_error(), "99"),
          "r1ci_run_rollouts_json: an unknown run is refused", r1ci_last_error());

    /* A tiny GRPO run: each step's groups recorded with rewards and advantages; each sample's trace opens. */
    char long_model[600];
    check(long_context_model(model, dir, long_model, sizeof long_model), "the tiny model with a 4096-token context", long_model);
    snprintf(config, sizeof config, "{\"method\": \"grpo\", \"name\": \"abi-grpo\", \"model\": \"%s\", \"tasks\": \"gcd\", "
             "\"steps\": 2, \"group_size\": 2, \"prompts_per_step\": 2, \"max_tokens\": 8, \"max_code_calls\": 1}", long_model);
    rc = r1ci_run_start(ws, config, &id);
    check(rc == R1CI_OK && wait_state(ws, id, "finished", 0), "r1ci_run_start: a GRPO run finishes", r1ci_last_error());
    rc = r1ci_run_rollouts_json(ws, id, -1, &json);
    check(rc == R1CI_OK && contains(json, "\"step\":2") && contains(json, "\"steps\":[1,2]"),
          "r1ci_run_rollouts_json: the latest step is 2 of steps 1 and 2", json);
    const char *groups = json ? mj_member(json, "groups") : NULL;
    check(groups && mj_array_count(groups) == 2, "two groups (prompts) at step 2", json);
    const char *samples = groups && mj_array_count(groups) > 0 ? mj_member(mj_array_at(groups, 0), "samples") : NULL;
    check(samples && mj_array_count(samples) == 2, "two samples in a group", json);
    int traces_open = samples != NULL;
    for (int i = 0; samples && i < mj_array_count(samples); i++) {
        const char *sample = mj_array_at(samples, i);
        char *trace = NULL;
        traces_open = traces_open && mj_member(sample, "reward") && mj_member(sample, "advantage")
            && r1ci_trace_json(ws, atoll(mj_member(sample, "trace_id")), &trace) == R1CI_OK && contains(trace, "\"question\"");
        r1ci_string_free(trace);
    }
    check(traces_open, "each sample's trace_id opens with r1ci_trace_json", r1ci_last_error());
    r1ci_string_free(json);
    json = NULL;
    rc = r1ci_run_rollouts_json(ws, id, 1, &json);
    check(rc == R1CI_OK && contains(json, "\"step\":1") && contains(json, "\"task\":\"gcd\""), "r1ci_run_rollouts_json: step 1", json);
    r1ci_string_free(json);
    snprintf(path, sizeof path, "runs rollouts %lld --step 1 --json --workspace '%s'", (long long)id, dir);
    char *cli_json = run_cli(cli, path);
    rc = r1ci_run_rollouts_json(ws, id, 1, &json);
    check(cli_json && json && strncmp(cli_json, json, strlen(json)) == 0, "`r1ci runs rollouts --json` prints the same JSON", cli_json);
    free(cli_json);
    r1ci_string_free(json);

    r1ci_workspace_close(ws);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    check(system(path) == 0, "remove the runs workspace", NULL);
}
