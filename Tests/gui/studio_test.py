#!/usr/bin/env python3
"""Headless GUI test of r1ci-studio's Tasks page, under Xvfb.

    python3 Tests/gui/studio_test.py .build/debug/r1ci-studio .build/debug/r1ci [ARTIFACTS]

What it proves, each against an oracle outside the GUI:
  - the window draws (a PNG screenshot with many colours and dark text pixels);
  - the page shows the question, gold answer and oracle program that the CLI
    (`r1ci tasks gen game24 --seed 7 --level 1 --json`) prints for the same item;
  - --level by name and --index pick the same item as the CLI does;
  - typing the gold answer and pressing Check says "Correct"; a wrong answer says "Wrong";
  - pressing Run oracle runs the oracle program in the sandbox and shows what it printed,
    equal to what the CLI prints for the same program (`r1ci exec`) and to the CLI's gold
    answer, with an "exit 0" status and a "Correct" verdict; a sandbox that cannot start
    (R1CI_PYTHON names no interpreter) is reported under the program;
  - an unknown --task is reported inside the page, not by crashing;
  - Stop on the Playground (pressed by --playground-stop-after) ends a long run with reason
    "stopped", the trace so far shown and counted;
  - the Playground runs the default model on a task item (--playground-run) and shows the same
    trace as `r1ci run --json` for the same item and settings: the question, the code block the
    model wrote with its execution result and status, the finish reason, and a token view with as
    many tokens (and the same token texts) as the CLI's trace;
  - importing a BIG-Bench-Hard file (--import, what the Import… file chooser calls) adds the task
    to the catalogue as imported:bbh and shows the item `r1ci tasks gen` gives for it; a bad
    JSONL file is reported in the page with its file and line, and nothing is added;
  - moving the level slider (--slide-level) shows the CLI's item at that level, not the default's;
  - the mixture editor saves a mixture and previews the items `r1ci tasks mixture sample` prints;
  - a bad option is one line on stderr and exit status 2.
Compare page (two real evaluations made by `r1ci eval` into a temporary workspace):
  - the per-task table shows, row by row, what `r1ci compare 1 2 --json` says (accuracies,
    delta, bucket counts, p-value), the bucket chips its counts, and --bucket filters the list;
  - the selected question's two traces show the answers stored in the workspace's database
    (read with sqlite3, not through the core), and the question's title;
  - a workspace with no evaluation shows how to make one (`r1ci eval …`).
Not covered: interaction by pointer or keyboard (options drive the pages), pixel-exact
rendering (no reference images), tooltips of the token view.

Artifacts (screenshots, dumps) go to ARTIFACTS, default .build/test-artifacts/.
Python 3 standard library only; needs Xvfb on PATH.
"""

import json
import os
import shutil
import sqlite3
import tempfile
import struct
import subprocess
import sys
import time
import zlib

TASK, SEED, LEVEL, LEVEL_NAME = "game24", 7, 1, "medium"
# The oracle run: a task with one right answer, so its oracle must print the gold one.
ORACLE_TASK, ORACLE_SEED = "dyck_languages", 3
APP_TIMEOUT = 60  # seconds per studio run
ORACLE_TIMEOUT = 150  # a run that starts the sandbox first
# The Playground run: greedy, code encouraged (the page's default prompt), a small token budget;
# an item on which the default model writes a code block that runs.
PLAYGROUND_TASK, PLAYGROUND_SEED, PLAYGROUND_TOKENS = "game24", 7, 320
PLAYGROUND_TIMEOUT = 400  # loads the model and generates on a shared machine


# ── PNG decoding (8-bit RGB/RGBA, non-interlaced: what GTK writes) ─────────────

def read_png(path):
    """Returns (width, height, channels, rows) with rows as bytearrays of raw pixels."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:    # Sub
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        elif kind != 0:
            raise ValueError(f"bad PNG filter {kind} in row {y}")
        rows.append(line)
        previous = line
    return width, height, channels, rows


def colour_stats(path, skip_top=60):
    """Distinct colours, share of the most common colour, and dark pixels (luma < 80),
    below the first skip_top rows (the header bar draws even when the page does not)."""
    width, height, channels, rows = read_png(path)
    counts, dark = {}, 0
    for line in rows[skip_top:]:
        for x in range(0, width * channels, channels):
            r, g, b = line[x], line[x + 1], line[x + 2]
            key = (r << 16) | (g << 8) | b
            counts[key] = counts.get(key, 0) + 1
            if 299 * r + 587 * g + 114 * b < 80_000:
                dark += 1
    top = max(counts.values()) / (width * max(1, height - skip_top))
    return width, height, len(counts), top, dark


def cli_run(cli, task, seed, max_tokens):
    """The CLI's trace for the Playground's run: same item, greedy, code style, same budget."""
    ran = subprocess.run([cli, "run", "--task", task, "--item-seed", str(seed), "--style", "code",
                          "--max-trace-tokens", str(max_tokens), "--json"],
                         capture_output=True, text=True, timeout=PLAYGROUND_TIMEOUT)
    if ran.returncode != 0:
        raise RuntimeError(f"r1ci run failed ({ran.returncode}): {ran.stderr.strip()}")
    return json.loads(ran.stdout)


def start_server(cli, procs):
    """`r1ci serve` on the default model at a free port; returns its /v1 URL."""
    proc = subprocess.Popen([cli, "serve", "--model", "smollm2-135m", "--port", "0", "--threads", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    procs.append(proc)
    line = proc.stdout.readline()
    if "http://" not in line:
        raise RuntimeError(f"r1ci serve did not print its URL: {line!r}")
    return line.strip().split(" on ", 1)[1]


def check_remote_playground(studio, cli, display, artifacts, check, check_screenshot, procs):
    """The Playground on a remote endpoint (r1ci serve): the CLI's remote trace, in the page."""
    model = f"openai:{start_server(cli, procs).rstrip('/')}#smollm2-135m"
    ran = subprocess.run([cli, "run", "--model", model, "--task", PLAYGROUND_TASK, "--item-seed",
                          str(PLAYGROUND_SEED), "--style", "code", "--max-trace-tokens", str(PLAYGROUND_TOKENS),
                          "--json"], capture_output=True, text=True, timeout=PLAYGROUND_TIMEOUT)
    check("r1ci run works on a remote model", ran.returncode == 0, ran.stderr.strip())
    if ran.returncode != 0:
        return
    trace = json.loads(ran.stdout)
    shot = os.path.join(artifacts, "playground-remote.png")
    status, out, err = run_studio(studio, display, [
        "--playground-run", f"{PLAYGROUND_TASK}:{PLAYGROUND_SEED}", "--playground-max-tokens", str(PLAYGROUND_TOKENS),
        "--playground-model", model, "--screenshot", shot, "--dump-labels"], procs, timeout=PLAYGROUND_TIMEOUT)
    with open(os.path.join(artifacts, "playground-remote.labels.txt"), "w") as f:
        f.write(out)
    lines = out.splitlines()
    code = trace["cells"][0]["code"].strip() if trace["cells"] else None
    check("Playground on a remote model ends as the CLI's remote run, with its code cells",
          status == 0 and f"Finished · {trace['end']}" in lines and (code is None or code in out),
          f"status {status}, end {trace['end']!r}, code {code!r}\n{err}")
    if trace.get("verdict") is not None:
        word = "Correct" if trace["verdict"]["correct"] else "Wrong"
        check("Playground on a remote model shows the CLI's verdict", word in lines, f"missing {word!r}")
    check_screenshot("remote Playground screenshot is a drawn page", shot, err)


def oracle_section(lines):
    """The oracle run in a label dump, which lists it in order: the heading "Output", the
    status line, the output view, the verdict. Returns (index of "Output" or -1, status, output)."""
    at = len(lines) - 1 - lines[::-1].index("Output") if "Output" in lines else -1
    status = lines[at + 1] if 0 <= at < len(lines) - 1 else ""
    output = lines[at + 2] if 0 <= at < len(lines) - 2 else ""
    return at, status, output


# ── Processes ─────────────────────────────────────────────────────────────────

def start_xvfb():
    """Starts Xvfb on a free display (it picks one and reports it through -displayfd)."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    deadline = time.time() + 20
    with os.fdopen(read_fd, "rb") as pipe:
        while not number.endswith(b"\n") and time.time() < deadline:
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        proc.kill()
        proc.wait()
        raise RuntimeError("Xvfb did not report a display number")
    return proc, ":" + number.decode().strip()


def run_studio(studio, display, args, procs, timeout=APP_TIMEOUT, extra_env=None):
    """Runs the studio to completion; returns (status, stdout, stderr)."""
    env = dict(os.environ, DISPLAY=display, GDK_BACKEND="x11", NO_AT_BRIDGE="1", GTK_A11Y="none", **(extra_env or {}))
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.Popen([studio] + args, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    procs.append(proc)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"studio {' '.join(args)} did not finish in {timeout} s\n{err}")
    return proc.returncode, out, err


def stop(proc):
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ── Compare page ──────────────────────────────────────────────────────────────

# Two small real evaluations of the embedded model on the same questions: greedy, and
# sampled hot, so that some answers differ.
EVAL_ARGS = ["eval", "--tasks", "navigate,boolean_expressions", "--count", "3",
             "--max-turn-tokens", "160", "--max-trace-tokens", "320", "--json"]
EVAL_TIMEOUT = 900


def percent(x):
    return f"{100 * x:.1f}%"


def points(delta):
    p = 100 * delta
    return "0.0" if -0.05 < p < 0.05 else (f"+{p:.1f}" if p > 0 else f"\u2212{-p:.1f}")


def table_row(t):
    """The cells of one per-task row, as the page should print them."""
    b = t["buckets"]
    return ["All tasks" if t["task"] == "all" else t["task"], str(t["questions"]), percent(t["accuracy_a"]),
            percent(t["accuracy_b"]), points(t["delta"]), str(b["fixed"]), str(b["regressed"]),
            str(b["both_right"]), str(b["both_wrong"]), f"{t['p_value']:.3f}"]


def contains_run(lines, run):
    return any(lines[i:i + len(run)] == run for i in range(len(lines) - len(run) + 1))


def check_compare_page(studio, cli, display, artifacts, check, procs):
    workspace = tempfile.mkdtemp(prefix="r1ci-gui-compare-")
    empty = tempfile.mkdtemp(prefix="r1ci-gui-empty-")
    try:
        for extra in (["--temperature", "0"], ["--temperature", "1.2", "--seed", "7"]):
            made = subprocess.run([cli] + EVAL_ARGS + extra + ["--workspace", workspace],
                                  capture_output=True, text=True, timeout=EVAL_TIMEOUT)
            if made.returncode != 0:
                raise RuntimeError(f"r1ci eval failed: {made.stderr.strip()[-400:]}")
        compared = subprocess.run([cli, "compare", "1", "2", "--json", "--workspace", workspace],
                                  capture_output=True, text=True, timeout=60)
        if compared.returncode != 0:
            raise RuntimeError(f"r1ci compare failed: {compared.stderr.strip()}")
        comparison = json.loads(compared.stdout)
        db = sqlite3.connect(os.path.join(workspace, "r1ci.sqlite"))
        stored = {row[0]: (row[1], json.loads(row[2])) for row in db.execute("SELECT id, answer, trace_json FROM traces")}
        db.close()
        first = comparison["questions"][0]["question"]
        gen = subprocess.run([cli, "tasks", "gen", first["task"], "--seed", str(first["seed"]), "--level",
                              str(first["level"]), "--index", str(first["index"]), "--json"],
                             capture_output=True, text=True, timeout=60)
        item = json.loads(gen.stdout)

        shot = os.path.join(artifacts, "compare-page.png")
        if os.path.exists(shot):
            os.remove(shot)
        status, out, err = run_studio(studio, display, ["--workspace", workspace, "--page", "compare",
                                                        "--compare", "1,2", "--select-question", "0",
                                                        "--screenshot", shot, "--dump-labels"], procs)
        with open(os.path.join(artifacts, "compare-page.labels.txt"), "w") as f:
            f.write(out)
        check("compare: studio exits 0 after the screenshot", status == 0, f"status {status}\n{err}")
        check_screenshot_file(check, "compare: screenshot is a drawn page", shot, err)
        lines = out.splitlines()
        for t in comparison["tasks"] + [comparison["all"]]:
            row = table_row(t)
            check(f"compare: table row {row[0]} is the CLI's", contains_run(lines, row), f"expected {row}")
        counts = comparison["all"]["buckets"]
        for name, title in (("fixed", "Fixed"), ("regressed", "Regressed"), ("both_right", "Both right"),
                            ("both_wrong", "Both wrong")):
            check(f"compare: chip {title} counts {counts[name]}", f"{title}  {counts[name]}" in lines,
                  f"missing {title}  {counts[name]!r}")
        total = comparison["all"]["questions"]
        check("compare: every shared question is listed", f"{total} of {total} questions" in lines,
              f"no '{total} of {total} questions'")
        first = comparison["questions"][0]
        number = first["question"]["seed"] - 1_000_000_000
        check("compare: the selected question is the CLI's first",
              f"{first['question']['task']} · question {number}" in lines, "title missing")
        check("compare: the question's text and gold answer are the CLI's item",
              item["question"].strip() in out and f"gold answer: {item['gold']}" in lines,
              f"missing {item['question'][:60]!r} or gold {item['gold']!r}")
        for side in ("a", "b"):
            answer, trace = stored.get(first[f"trace_{side}"], (None, {}))
            shown = answer if answer else "(no answer)"
            check(f"compare: trace {side.upper()} shows the stored answer {shown!r}", shown in lines,
                  f"{shown!r} not among the labels")
            model_text = next((seg["text"] for seg in trace.get("segments", []) if seg["kind"] == "model"), "")
            opening = model_text.strip().split("```")[0].strip()[:40]
            check(f"compare: trace {side.upper()} shows the stored reasoning", opening in out,
                  f"{opening!r} not shown")

        for bucket in ("both_wrong", "fixed"):
            status, out, err = run_studio(studio, display, ["--workspace", workspace, "--page", "compare",
                                                            "--compare", "1,2", "--bucket", bucket,
                                                            "--dump-labels"], procs)
            want = f"{counts[bucket]} of {total} questions"
            check(f"compare: --bucket {bucket} lists {counts[bucket]}", status == 0 and want in out.splitlines(),
                  f"status {status}, no {want!r}")

        status, out, err = run_studio(studio, display, ["--workspace", empty, "--page", "compare",
                                                        "--dump-labels"], procs)
        check("compare: an empty workspace says how to make evaluations",
              status == 0 and "Nothing to compare yet" in out and "r1ci eval --model smollm2-135m" in out,
              f"status {status}\n{out[-400:]}")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
        shutil.rmtree(empty, ignore_errors=True)


def check_screenshot_file(check, name, path, err):
    """A drawn page: large, many colours, no colour covering most of it, plenty of dark text."""
    if not os.path.exists(path):
        check(name, False, f"{path} was not written\n{err}")
        return
    width, height, colours, top, dark = colour_stats(path)
    check(name, width >= 800 and height >= 600 and colours >= 500 and top < 0.8 and dark >= 2000,
          f"{width}x{height}, {colours} colours, top colour {top:.0%}, {dark} dark pixels")


# ── Tests ─────────────────────────────────────────────────────────────────────

def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    studio, cli = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    artifacts = os.path.abspath(argv[3] if len(argv) > 3 else ".build/test-artifacts")
    os.makedirs(artifacts, exist_ok=True)

    def cli_item(level, index, task=TASK, seed=SEED):
        level_args = [] if level is None else ["--level", str(level)]
        gen = subprocess.run([cli, "tasks", "gen", task, "--seed", str(seed)] + level_args +
                             ["--index", str(index), "--json"], capture_output=True, text=True, timeout=60)
        if gen.returncode != 0:
            raise RuntimeError(f"the CLI oracle failed: {gen.stderr.strip()}")
        return json.loads(gen.stdout)

    def cli_exec(program):
        """What the CLI's sandbox prints for a program (r1ci exec, program on stdin)."""
        ran = subprocess.run([cli, "exec", "-"], input=program, capture_output=True, text=True, timeout=120)
        if ran.returncode != 0:
            raise RuntimeError(f"r1ci exec failed ({ran.returncode}): {ran.stderr.strip()}")
        return ran.stdout

    try:
        item = cli_item(LEVEL, 0)
        other = cli_item(LEVEL_NAME, 2)  # the same level by name, another item
        oracle_item = cli_item(None, 0, ORACLE_TASK, ORACLE_SEED)  # at the task's default level
        oracle_stdout = cli_exec(oracle_item["oracle"]).strip()
    except (RuntimeError, OSError, ValueError, subprocess.TimeoutExpired) as error:
        print(f"gui: FAIL {error}")
        return 1
    question, gold, oracle = item["question"], item["gold"], item["oracle"]
    item_args = ["--page", "tasks", "--task", TASK, "--seed", str(SEED), "--level", str(LEVEL)]

    passed, failed = [], []
    xvfb, procs = None, []

    def check(name, condition, detail=""):
        (passed if condition else failed).append(name)
        print(f"{'ok  ' if condition else 'FAIL'} {name}" + ("" if condition or not detail else f": {detail}"))

    def check_screenshot(name, path, err):
        check_screenshot_file(check, name, path, err)

    try:
        # Options are checked before a display is needed.
        for bad in (["--seed", "seven"], ["--page", "nowhere"], ["--no-such-option"], ["--compare", "1"],
                    ["--bucket", "better"]):
            status, _, err = run_studio(studio, ":0", bad, procs)
            lines = [l for l in err.splitlines() if l.strip()]
            check(f"bad option {' '.join(bad)} exits 2 with one line", status == 2 and len(lines) == 1,
                  f"status {status}, stderr {err!r}")

        xvfb, display = start_xvfb()

        screenshot = os.path.join(artifacts, "tasks-page.png")
        if os.path.exists(screenshot):
            os.remove(screenshot)
        status, out, err = run_studio(studio, display, item_args + [
            "--answer", gold, "--screenshot", screenshot, "--dump-labels"], procs)
        with open(os.path.join(artifacts, "tasks-page.labels.txt"), "w") as f:
            f.write(out)
        check("studio exits 0 after the screenshot", status == 0, f"status {status}\n{err}")

        check_screenshot("screenshot is a drawn page", screenshot, err)

        lines = out.splitlines()
        check("page shows the CLI's question", question in out, f"missing {question!r}")
        check("page shows the gold answer", gold in lines, f"missing {gold!r}")
        check("page shows the oracle program", oracle.strip() in out, "oracle text missing")
        check("gold answer is judged Correct", "Correct" in lines and "Wrong" not in lines,
              "no 'Correct' verdict line")

        status, out, err = run_studio(studio, display, [
            "--task", TASK, "--seed", str(SEED), "--level", LEVEL_NAME, "--index", "2",
            "--answer", other["gold"] + " + 1", "--dump-labels"], procs)
        with open(os.path.join(artifacts, "tasks-page-wrong.labels.txt"), "w") as f:
            f.write(out)
        lines = out.splitlines()
        check("--level NAME --index 2 shows the CLI's item 2", other["question"] in out and other["gold"] in lines,
              f"status {status}, missing {other['question']!r}")
        check("wrong answer is judged Wrong", status == 0 and "Wrong" in lines and "Correct" not in lines,
              f"status {status}, no 'Wrong' verdict line")

        # Run oracle: the result is shown under the program, then the hooks run.
        oracle_shot = os.path.join(artifacts, "tasks-page-oracle.png")
        if os.path.exists(oracle_shot):
            os.remove(oracle_shot)
        status, out, err = run_studio(studio, display, [
            "--task", ORACLE_TASK, "--seed", str(ORACLE_SEED), "--run-oracle", "--screenshot", oracle_shot,
            "--dump-labels"], procs, timeout=ORACLE_TIMEOUT)
        with open(os.path.join(artifacts, "tasks-page-oracle.labels.txt"), "w") as f:
            f.write(out)
        check("studio exits 0 after the oracle run", status == 0, f"status {status}\n{err}")
        lines = out.splitlines()
        at, shown_status, shown_output = oracle_section(lines)
        check("oracle output shown equals what `r1ci exec` prints for the oracle",
              at >= 0 and shown_output == oracle_stdout, f"shown {shown_output!r}, CLI {oracle_stdout!r}")
        check("oracle output shown equals the CLI's gold answer", shown_output == oracle_item["gold"],
              f"shown {shown_output!r}, gold {oracle_item['gold']!r}")
        check("oracle status says exit 0 and a time in ms",
              shown_status.startswith("exit 0 · ") and shown_status.endswith(" ms"), f"status {shown_status!r}")
        check("oracle verdict is Correct", "Correct" in lines[at:] and "Wrong" not in lines, "no 'Correct' after the output")
        check_screenshot("oracle screenshot is a drawn page", oracle_shot, err)

        # A sandbox that cannot start (no such interpreter) is reported under the program.
        status, out, err = run_studio(studio, display, [
            "--task", ORACLE_TASK, "--seed", str(ORACLE_SEED), "--run-oracle", "--dump-labels"], procs,
            timeout=ORACLE_TIMEOUT, extra_env={"R1CI_PYTHON": "/nonexistent/python3"})
        lines = out.splitlines()
        at, shown_status, _ = oracle_section(lines)
        check("a sandbox that cannot start is reported in the page",
              status == 0 and shown_status.startswith("Could not run the oracle: ")
              and "/nonexistent/python3" in shown_status and "Correct" not in lines[at:],
              f"status {status}, shown {shown_status!r}")

        status, out, err = run_studio(studio, display, ["--task", "no-such-task", "--dump-labels"], procs)
        check("unknown task is reported in the page", status == 0 and "No task “no-such-task”" in out,
              f"status {status}\n{err}")
        check_compare_page(studio, cli, display, artifacts, check, procs)
        # The Playground: the same trace as the CLI's, streamed into cells, and its tokens.
        trace = cli_run(cli, PLAYGROUND_TASK, PLAYGROUND_SEED, PLAYGROUND_TOKENS)
        with open(os.path.join(artifacts, "playground-cli-trace.json"), "w") as f:
            json.dump(trace, f, indent=1)
        playground_args = ["--playground-run", f"{PLAYGROUND_TASK}:{PLAYGROUND_SEED}",
                           "--playground-max-tokens", str(PLAYGROUND_TOKENS)]
        playground_shot = os.path.join(artifacts, "playground-page.png")
        if os.path.exists(playground_shot):
            os.remove(playground_shot)
        status, out, err = run_studio(studio, display, playground_args + [
            "--screenshot", playground_shot, "--dump-labels"], procs, timeout=PLAYGROUND_TIMEOUT)
        with open(os.path.join(artifacts, "playground-page.labels.txt"), "w") as f:
            f.write(out)
        check("studio exits 0 after the Playground run", status == 0, f"status {status}\n{err}")
        lines = out.splitlines()
        tokens = trace["tokens"]
        check("the CLI's trace has a code block that ran (else pick another item)",
              len(trace["cells"]) >= 1 and trace["cells"][0].get("result") is not None,
              f"{len(trace['cells'])} cells, end {trace['end']}")
        check("Playground shows the question", trace["question"] in out, f"missing {trace['question']!r}")
        if trace["cells"]:
            cell = trace["cells"][0]
            check("Playground shows the first code block as a cell with the CLI's code",
                  "Python · block 1" in lines and cell["code"] in out, f"missing {cell['code']!r}")
            result = cell.get("result") or {}
            status_lines = [l for l in lines if l.startswith("exit ") and l.endswith(" ms")]
            expected = f"exit {result.get('exit_code')} · "
            check("Playground shows the block's execution result with status and time",
                  "Execution result" in lines and any(l.startswith(expected) for l in status_lines)
                  and result.get("stdout", "").strip() in out,
                  f"status lines {status_lines}, expected {expected!r}")
        check("Playground shows the CLI's finish reason",
              f"Finished · {trace['end']}" in lines and any(l.startswith(f"end: {trace['end']}") for l in lines),
              f"end {trace['end']!r}")
        count_line = (f"{len(tokens['ids'])} tokens in the trace · {trace['generated_tokens']} generated · "
                      f"{trace['turns']} turns · {trace['code_calls']} code calls")
        check("Playground counts as many tokens as the CLI's trace", count_line in lines, f"missing {count_line!r}")
        if trace.get("verdict") is not None:
            verdict_word = "Correct" if trace["verdict"]["correct"] else "Wrong"
            check("Playground shows the CLI's verdict", verdict_word in lines, f"missing {verdict_word!r}")
        check_screenshot("Playground screenshot is a drawn page", playground_shot, err)

        tokens_shot = os.path.join(artifacts, "playground-tokens.png")
        status, out, err = run_studio(studio, display, playground_args + [
            "--playground-view", "tokens", "--screenshot", tokens_shot, "--dump-labels"], procs,
            timeout=PLAYGROUND_TIMEOUT)
        with open(os.path.join(artifacts, "playground-tokens.labels.txt"), "w") as f:
            f.write(out)
        generated = sum(tokens["loss_mask"])
        summary = (f"{len(tokens['ids'])} tokens · {generated} generated by the model · "
                   f"{len(tokens['ids']) - generated} masked")
        shown = "".join(t if t else "·" for t in tokens["texts"]).strip()
        check("token view counts the CLI's tokens, generated and masked", status == 0 and summary in out.splitlines(),
              f"missing {summary!r}")
        check("token view shows the CLI's token texts in order", shown in out, "token texts differ")
        check_screenshot("token view screenshot is a drawn page", tokens_shot, err)
        # Stop: a run with a large budget, stopped once 4 tokens have streamed (of the 60+ this
        # item's run generates), ends "stopped" with what it had.
        status, out, err = run_studio(studio, display, [
            "--playground-run", f"{PLAYGROUND_TASK}:{PLAYGROUND_SEED}", "--playground-max-tokens", "30000",
            "--playground-stop-after", "4", "--dump-labels"], procs, timeout=PLAYGROUND_TIMEOUT)
        with open(os.path.join(artifacts, "playground-stopped.labels.txt"), "w") as f:
            f.write(out)
        lines = out.splitlines()
        counted = [l for l in lines if " tokens in the trace · " in l]
        check("Stop ends the Playground run with reason stopped and the trace so far",
              status == 0 and "Stopped" in lines and any(l.startswith("end: stopped") for l in lines)
              and len(counted) == 1
              and int(counted[0].split(" · ")[1].split()[0]) < trace["generated_tokens"],
              f"status {status}, counts {counted}, whole run {trace['generated_tokens']} generated\n{err}")
        check_remote_playground(studio, cli, display, artifacts, check, check_screenshot, procs)
        task_library_checks(studio, cli, display, artifacts, procs, check, check_screenshot)
    except Exception as error:  # a crash of the harness is a failure, not a traceback
        check("harness", False, f"{type(error).__name__}: {error}")
    finally:
        for proc in procs:
            stop(proc)
        stop(xvfb)

    print(f"gui: {len(passed)} passed, {len(failed)} failed")
    return 0 if not failed else 1


def cli_json_lines(cli, args):
    ran = subprocess.run([cli] + args, capture_output=True, text=True, timeout=60)
    if ran.returncode != 0:
        raise RuntimeError(f"r1ci {' '.join(args)} failed: {ran.stderr.strip()}")
    return [json.loads(line) for line in ran.stdout.splitlines() if line.strip()]


def task_library_checks(studio, cli, display, artifacts, procs, check, check_screenshot):
    """Import, the level slider and the mixture editor, each against the CLI."""
    workspace = tempfile.mkdtemp(prefix="r1ci-gui-ws-")
    try:
        bbh = os.path.join(workspace, "snarks.json")
        with open(bbh, "w") as f:
            json.dump({"examples": [
                {"input": "Which statement is sarcastic?\nOptions:\n(A) Oh great, more meetings\n(B) Meetings are useful",
                 "target": "(A)"},
                {"input": "Is the following sentence plausible? The ball sang.", "target": "no"}]}, f)
        shot = os.path.join(artifacts, "tasks-page-import.png")
        if os.path.exists(shot):
            os.remove(shot)
        status, out, err = run_studio(studio, display, [
            "--workspace", workspace, "--import", "bbh:" + bbh, "--seed", "1000000001",
            "--screenshot", shot, "--dump-labels"], procs)
        with open(os.path.join(artifacts, "tasks-page-import.labels.txt"), "w") as f:
            f.write(out)
        lines = out.splitlines()
        expected = cli_json_lines(cli, ["tasks", "gen", "bbh_snarks", "--seed", "1000000001", "--json",
                                        "--workspace", workspace])[0]
        check("imported task is in the catalogue as imported:bbh",
              status == 0 and "bbh_snarks" in lines and "imported:bbh" in lines, f"status {status}\n{err}")
        check("imported task shows the CLI's item", expected["question"] in out and expected["gold"] in lines,
              f"missing {expected['question']!r}")
        check_screenshot("import screenshot is a drawn page", shot, err)

        bad = os.path.join(workspace, "bad.jsonl")
        with open(bad, "w") as f:
            f.write('{"question": "q", "answer": "a"}\n{"question": "q2", "answer": }\n')
        status, out, err = run_studio(studio, display, [
            "--workspace", workspace, "--import", "jsonl:" + bad, "--dump-labels"], procs)
        check("a bad import file is reported in the page with its line",
              status == 0 and f"Could not import: {bad}:2: not valid JSON" in out and "jsonl_bad" not in out,
              f"status {status}\n{out[-400:]}")

        # The level slider: the item shown is the CLI's at the slid-to level.
        show = cli_json_lines(cli, ["tasks", "show", "gcd", "--json"])[0]
        top = len(show["levels"]) - 1
        at_top = cli_json_lines(cli, ["tasks", "gen", "gcd", "--seed", "7", "--level", str(top), "--json"])[0]
        at_default = cli_json_lines(cli, ["tasks", "gen", "gcd", "--seed", "7", "--json"])[0]
        shot = os.path.join(artifacts, "tasks-page-slider.png")
        status, out, err = run_studio(studio, display, [
            "--task", "gcd", "--seed", "7", "--slide-level", str(top), "--screenshot", shot, "--dump-labels"], procs)
        check("the level slider shows the CLI's item at that level",
              status == 0 and at_top["question"] in out and at_top["question"] != at_default["question"]
              and at_default["question"] not in out, f"status {status}, missing {at_top['question']!r}")

        # The mixture editor: saved to the workspace, previewed as the CLI samples it.
        shot = os.path.join(artifacts, "tasks-page-mixture.png")
        if os.path.exists(shot):
            os.remove(shot)
        status, out, err = run_studio(studio, display, [
            "--workspace", workspace, "--mixture", "gui_mix", "--mixture-entry", "gcd:0:1",
            "--mixture-entry", "lcm:1:3", "--mixture-entry", "bbh_snarks:0:1",
            "--screenshot", shot, "--dump-labels"], procs)
        with open(os.path.join(artifacts, "tasks-page-mixture.labels.txt"), "w") as f:
            f.write(out)
        sampled = cli_json_lines(cli, ["tasks", "mixture", "sample", "gui_mix", "--count", "6", "--json",
                                       "--workspace", workspace])
        wanted = [f"{it['index']} · {it['task']} · level {it['level']} · {it['question'].splitlines()[0]}" for it in sampled]
        lines = out.splitlines()
        missing = [w for w in wanted if w not in lines]
        check("the mixture editor previews what `r1ci tasks mixture sample` prints",
              status == 0 and len(sampled) == 6 and not missing, f"status {status}, missing {missing[:2]}")
        check_screenshot("mixture screenshot is a drawn page", shot, err)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
