/*
 * The C ABI test: compiled against r1ci.h and libR1Core.so alone, it proves the
 * header is self-contained and the functions behave as the header says.
 * Prints one line per check and a closing "abi: N passed, M failed".
 */
#define _XOPEN_SOURCE 700
#include "r1ci.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

int main(void) {
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
    check(rc == R1CI_OK && contains(json, "\"schema_version\":1") && contains(json, dir),
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

    printf("abi: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
