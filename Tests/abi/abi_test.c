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
static void test_task_library(const char *cli);

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
    check(rc == R1CI_OK && contains(json, "\"schema_version\":2") && contains(json, dir),
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
