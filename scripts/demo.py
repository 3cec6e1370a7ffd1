#!/usr/bin/env python3
"""The R1CI demonstration, end to end, in one workspace folder:

    plan       which tasks are evaluated (a fixed rule, below) and every size
    synth      oracle traces of the training tasks (r1ci synth --source oracle) → SFT data
    base       the starting model as Q8_0 GGUF (what every stage is evaluated as)
    eval-base  the starting model on held-out questions of training tasks and on test tasks
    sft        r1ci train sft on the oracle traces → models/sft (Hugging Face folder)
    eval-sft   the same evaluation of the SFT model (quantized to Q8_0 first)
    grpo       r1ci train grpo from the SFT model on the training tasks → models/grpo
    eval-grpo  the same evaluation of the GRPO model
    report     results.md (the table) and results.json

    python3 scripts/demo.py [--dir .build/demo] [--size full|smoke] [--model smollm2-135m]

Each stage leaves a file; a stage whose file exists is skipped, so a killed demo goes on
where it stopped when run again (an evaluation cut short resumes inside r1ci eval; a
training stage cut short starts over). The plan is fixed at the first run: running again
with other settings in the same folder is refused.

Held-out questions: r1ci eval asks question i of a task at seed 10^9 + i; synth uses seeds
0…count−1 and GRPO draws its seeds from 0…10^6−1 (RLRun.drawPrompts). The report stage
checks it on what was stored — no evaluated seed among the synth seeds, every evaluated
seed ≥ 10^9, every synth seed < 10^6 — and that no evaluated question's text is among
the SFT questions of its task; it stops with exit status 2 if either fails.

Task rule: per split, the tasks whose item 0 at the evaluation seed and default level has
the shortest question plus oracle program (ties by id) — the demonstration's token budget
is short, so it measures the tasks an oracle-style trace fits in.
"""

import argparse, json, math, os, resource, sqlite3, subprocess, sys, tempfile, threading, time

EVAL_SEED_BASE = 1_000_000_000   # Splits.defaultEvalSeedBase
TRAIN_SEED_END = 1_000_000       # Splits.defaultTrainSeedRange.upperBound

# Sizes. "full" fits in an hour on the 2-core machine (see README, Demonstration);
# "smoke" runs every stage at toy size (the CLI test uses it with a tiny model).
SIZES = {
    "full": dict(
        train_tasks=3, test_tasks=3, count=20,            # evaluated tasks per split, questions per task
        synth_tasks="eval", synth_count=12,               # oracle traces per evaluated training task
        sft_steps=16, sft_batch=1, sft_seq=384, sft_lr=1e-4, sft_warmup=2,
        grpo_steps=1, grpo_group=4, grpo_prompts=2, grpo_lr=1e-5, grpo_kl=0.0, grpo_max_tokens=192,
        max_turn_tokens=128, max_trace_tokens=256, max_code_calls=3, eval_batch=8, temperature=0.6),
    "smoke": dict(
        train_tasks=1, test_tasks=1, count=2,
        synth_tasks="eval", synth_count=2,
        sft_steps=1, sft_batch=1, sft_seq=1024, sft_lr=1e-4, sft_warmup=0,
        grpo_steps=1, grpo_group=2, grpo_prompts=1, grpo_lr=1e-6, grpo_kl=0.001, grpo_max_tokens=24,
        max_turn_tokens=16, max_trace_tokens=24, max_code_calls=1, eval_batch=4, temperature=0.6),
}
STAGES = ["plan", "synth", "base", "eval-base", "sft", "quantize-sft", "eval-sft", "grpo", "quantize-grpo", "eval-grpo"]


def fail(message):
    """Bad input or a failed stage: one line, exit status 2."""
    print(f"r1ci demo: {message}", file=sys.stderr)
    sys.exit(2)


def write_atomic(path, text):
    """Writes text to path through a temporary file in the same folder and a rename."""
    folder = os.path.dirname(path) or "."
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(temp, path)


def read_json(path):
    with open(path) as f:
        return json.load(f)


class Demo:
    def __init__(self, args):
        self.r1ci = os.path.abspath(args.r1ci)
        self.dir = os.path.abspath(args.dir)
        self.ws = os.path.join(self.dir, "ws")
        self.model = args.model
        self.threads = args.threads
        self.sizes = dict(SIZES[args.size])
        self.settings = dict(size=args.size, model=args.model, **self.sizes)

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    # ---- running r1ci --------------------------------------------------------------

    def run(self, stage, arguments, stdout_file=None):
        """Runs r1ci with `arguments`; stderr (progress) goes to logs/STAGE.log, stdout to
        stdout_file (written atomically on success) or to the log. Fails the demo on a
        non-zero exit with the last line r1ci printed."""
        log_path = self.path("logs", f"{stage}.log")
        env = dict(os.environ, R1CI_THREADS=str(self.threads))
        with open(log_path, "a") as log:
            log.write(f"$ r1ci {' '.join(arguments)}\n")
            log.flush()
            p = subprocess.run([self.r1ci] + arguments, stdout=subprocess.PIPE, stderr=log, text=True, env=env)
            if stdout_file is None:
                log.write(p.stdout)
        if p.returncode != 0:
            with open(log_path) as f:
                lines = [l for l in f.read().splitlines() if l.strip()]
            fail(f"stage {stage}: r1ci exited {p.returncode}: {lines[-1] if lines else '(no output)'} (log: {log_path})")
        if stdout_file is not None:
            write_atomic(stdout_file, p.stdout)
        return p.stdout

    # ---- stage bookkeeping -----------------------------------------------------------

    def timed(self, stage, done_file, body):
        """Runs body unless done_file exists; records wall time and load average."""
        record_path = self.path("stages.json")
        records = read_json(record_path) if os.path.exists(record_path) else {}
        if os.path.exists(done_file):
            print(f"demo: {stage}: done already ({os.path.relpath(done_file, self.dir)})", flush=True)
            return
        print(f"demo: {stage} …", flush=True)
        sampler = LoadSampler()
        sampler.start()
        start, cpu_start = time.time(), children_cpu_seconds()
        body()
        seconds, cpu = time.time() - start, children_cpu_seconds() - cpu_start
        load = sampler.stop()
        records = read_json(record_path) if os.path.exists(record_path) else {}
        records[stage] = dict(seconds=round(seconds, 1), cpu_seconds=round(cpu, 1), load_start=load[0], load_mean=load[1], load_end=load[2],
                              finished_at=time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()))
        write_atomic(record_path, json.dumps(records, indent=1, sort_keys=True) + "\n")
        print(f"demo: {stage}: {seconds:.0f} s (load average {load[1]:.1f})", flush=True)

    # ---- stages ----------------------------------------------------------------------

    def plan(self):
        """Chooses the evaluated tasks by the fixed rule and records every setting."""
        chosen = {}
        for split, n in (("train", self.sizes["train_tasks"]), ("test", self.sizes["test_tasks"])):
            out = self.path(f"items-{split}.jsonl")
            self.run("plan", ["tasks", "export", "--split", split, "--count", "1", "--seed", str(EVAL_SEED_BASE),
                              "--out", out, "--workspace", self.ws])
            with open(out) as f:
                items = [json.loads(l) for l in f if l.strip()]
            os.remove(out)
            items.sort(key=lambda it: (len(it["question"]) + len(it.get("oracle", "")), it["task"]))
            chosen[split] = [it["task"] for it in items[:n]]
            chosen[f"{split}_all"] = sorted(it["task"] for it in items)
        plan = dict(settings=self.settings, train_tasks=chosen["train"], test_tasks=chosen["test"],
                    all_train_tasks=chosen["train_all"])
        write_atomic(self.path("plan.json"), json.dumps(plan, indent=1, sort_keys=True) + "\n")

    def synth(self, plan):
        """Oracle traces through the real loop; the SFT file keeps the ones that fit --seq."""
        tasks = plan["all_train_tasks"] if self.sizes["synth_tasks"] == "all" else plan["train_tasks"]
        raw = self.path("data", "synth.jsonl")
        self.run("synth", ["synth", "--source", "oracle", "--model", self.model, "--tasks", ",".join(tasks),
                           "--count", str(self.sizes["synth_count"]), "--seed", "0", "--out", raw, "--json",
                           "--workspace", self.ws], stdout_file=self.path("data", "synth-counts.json"))
        # A conversation cut at --seq loses its answer; keep those short enough by a generous
        # estimate of their tokens (SmolLM2 spends one token per digit, ~4 characters per token
        # elsewhere; 3 is used).
        kept, dropped = [], 0
        with open(raw) as f:
            for line in f:
                if not line.strip():
                    continue
                text = "".join(m["content"] for m in json.loads(line)["messages"])
                digits = sum(c.isdigit() for c in text)
                if digits + (len(text) - digits) / 3 <= self.sizes["sft_seq"]:
                    kept.append(line.rstrip("\n"))
                else:
                    dropped += 1
        if not kept:
            fail(f"stage synth: no oracle trace fits --seq {self.sizes['sft_seq']}")
        write_atomic(self.path("data", "sft.jsonl"), "\n".join(kept) + "\n")
        counts = read_json(self.path("data", "synth-counts.json"))
        counts["sft_file"] = dict(kept=len(kept), dropped_too_long=dropped)
        write_atomic(self.path("data", "synth-counts.json"), json.dumps(counts, sort_keys=True) + "\n")

    def quantize(self, stage, source, target):
        self.run(stage, ["quantize", "--model", source, "--type", "q8_0", "--out", target])

    def evaluate(self, stage, model, plan):
        """One evaluation over the chosen training and test tasks (same questions every stage)."""
        s = self.sizes
        self.run(stage, ["eval", "--model", model, "--tasks", ",".join(plan["train_tasks"] + plan["test_tasks"]),
                         "--count", str(s["count"]), "--temperature", str(s["temperature"]), "--seed", "0",
                         "--max-turn-tokens", str(s["max_turn_tokens"]), "--max-trace-tokens", str(s["max_trace_tokens"]),
                         "--max-code-calls", str(s["max_code_calls"]), "--batch", str(s["eval_batch"]),
                         "--name", f"demo {stage}", "--json",
                         "--workspace", self.ws], stdout_file=self.path(f"{stage}.json"))

    def sft(self):
        s = self.sizes
        self.run("sft", ["train", "sft", "--model", self.model, "--data", self.path("data", "sft.jsonl"),
                         "--steps", str(s["sft_steps"]), "--batch", str(s["sft_batch"]), "--seq", str(s["sft_seq"]),
                         "--lr", str(s["sft_lr"]), "--warmup", str(s["sft_warmup"]), "--seed", "0",
                         "--eval-fraction", "0.05", "--threads", str(self.threads), "--json",
                         "--out", self.path("models", "sft")], stdout_file=self.path("data", "sft-steps.jsonl"))

    def grpo(self, plan):
        s = self.sizes
        self.run("grpo", ["train", "grpo", "--model", self.path("models", "sft"), "--tasks", ",".join(plan["train_tasks"]),
                          "--steps", str(s["grpo_steps"]), "--group-size", str(s["grpo_group"]),
                          "--prompts-per-step", str(s["grpo_prompts"]), "--lr", str(s["grpo_lr"]), "--kl-coef", str(s["grpo_kl"]),
                          "--max-tokens", str(s["grpo_max_tokens"]), "--max-turn-tokens", str(s["max_turn_tokens"]),
                          "--max-code-calls", str(s["max_code_calls"]), "--temperature", "1", "--seed", "0",
                          "--threads", str(self.threads), "--json", "--out", self.path("models", "grpo")],
                 stdout_file=self.path("data", "grpo-steps.jsonl"))

    def main(self, report_only=False):
        for sub in ("", "logs", "data", "models"):
            os.makedirs(self.path(sub), exist_ok=True)
        if os.path.exists(self.path("plan.json")):
            stored = read_json(self.path("plan.json"))["settings"]
            if stored != self.settings:
                changed = sorted(k for k in set(stored) | set(self.settings) if stored.get(k) != self.settings.get(k))
                fail(f"{self.dir} holds a demo made with other settings ({', '.join(changed)}); use another --dir")
        if report_only:
            if not os.path.exists(self.path("eval-base.json")):
                fail(f"{self.dir} has no evaluation to report yet")
            report = Report(self, read_json(self.path("plan.json")))
            report.check_held_out()
            return report.write()
        self.timed("plan", self.path("plan.json"), self.plan)
        plan = read_json(self.path("plan.json"))
        m = lambda name: self.path("models", name)
        self.timed("synth", self.path("data", "sft.jsonl"), lambda: self.synth(plan))
        self.timed("base", m("base.q8_0.gguf"), lambda: self.quantize("base", self.model, m("base.q8_0.gguf")))
        self.timed("eval-base", self.path("eval-base.json"), lambda: self.evaluate("eval-base", m("base.q8_0.gguf"), plan))
        self.timed("sft", m("sft"), self.sft)
        self.timed("quantize-sft", m("sft.q8_0.gguf"), lambda: self.quantize("quantize-sft", m("sft"), m("sft.q8_0.gguf")))
        self.timed("eval-sft", self.path("eval-sft.json"), lambda: self.evaluate("eval-sft", m("sft.q8_0.gguf"), plan))
        self.timed("grpo", m("grpo"), lambda: self.grpo(plan))
        self.timed("quantize-grpo", m("grpo.q8_0.gguf"), lambda: self.quantize("quantize-grpo", m("grpo"), m("grpo.q8_0.gguf")))
        self.timed("eval-grpo", self.path("eval-grpo.json"), lambda: self.evaluate("eval-grpo", m("grpo.q8_0.gguf"), plan))
        report = Report(self, plan)
        report.check_held_out()
        report.write()


def children_cpu_seconds():
    """User plus system CPU time of the r1ci processes this script has run and waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class LoadSampler:
    """The 1-minute load average at the start, every 10 s while a stage runs, and at the end."""

    def __init__(self):
        self.samples = [os.getloadavg()[0]]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def start(self):
        self.thread.start()

    def loop(self):
        while not self.stopped.wait(10):
            self.samples.append(os.getloadavg()[0])

    def stop(self):
        self.stopped.set()
        self.thread.join()
        self.samples.append(os.getloadavg()[0])
        return (round(self.samples[0], 1), round(sum(self.samples) / len(self.samples), 1), round(self.samples[-1], 1))


def wilson(k, n, z=1.959963984540054):
    """95 % Wilson score interval of k successes in n."""
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (max(0.0, centre - half), min(1.0, centre + half))


class Report:
    """The table: per stage and task group, accuracy with its 95 % interval over questions,
    code use and mean turns, from the stored evaluation items."""

    def __init__(self, demo, plan):
        self.demo, self.plan = demo, plan
        self.groups = [("held-out questions, training tasks", plan["train_tasks"]), ("test tasks", plan["test_tasks"])]
        # Evaluations done so far (all three after a whole run; fewer with --report-only).
        self.evals = {stage: read_json(demo.path(f"{stage}.json")) for stage in ("eval-base", "eval-sft", "eval-grpo")
                      if os.path.exists(demo.path(f"{stage}.json"))}

    def items(self, stage):
        """(task, seed, score) of every stored sample of the stage's evaluation."""
        db = sqlite3.connect(f"file:{os.path.join(self.demo.ws, 'r1ci.sqlite')}?mode=ro", uri=True)
        try:
            return db.execute("SELECT task, seed, score FROM evaluation_items WHERE evaluation_id = ?",
                              (self.evals[stage]["id"],)).fetchall()
        finally:
            db.close()

    def check_held_out(self):
        """Evaluated questions never among the SFT or GRPO ones: seeds and question texts."""
        synth_seeds, synth_questions = {}, {}
        with open(self.demo.path("data", "synth.jsonl")) as f:
            for line in f:
                if not line.strip():
                    continue
                obj = json.loads(line)
                task, seed = obj["r1ci"]["task"], obj["r1ci"]["seed"]
                synth_seeds.setdefault(task, set()).add(seed)
                user = next(m["content"] for m in obj["messages"] if m["role"] == "user")
                synth_questions.setdefault(task, set()).add(" ".join(user.lower().split()))
        problems = []
        for seeds in synth_seeds.values():
            problems += [f"synth seed {s} outside the training range" for s in seeds if s >= TRAIN_SEED_END]
        for stage in self.evals:
            for task, seed, _ in self.items(stage):
                if seed < EVAL_SEED_BASE:
                    problems.append(f"{stage}: {task} seed {seed} below the evaluation range")
                if seed in synth_seeds.get(task, ()):
                    problems.append(f"{stage}: {task} seed {seed} is also an SFT item")
        shared = self.shared_questions(synth_questions)
        problems += [f"{task}: evaluated question at seed {seed} is also an SFT question" for task, seed in shared]
        if problems:
            fail(f"held-out check failed: {problems[0]} ({len(problems)} problems)")
        self.held_out = dict(checked_seeds=True, synth_tasks=len(synth_seeds), shared_question_texts=0)

    def shared_questions(self, synth_questions):
        """(task, seed) of evaluated questions whose text an SFT trace also asked (every
        evaluation asks the same questions, so the first one's are checked)."""
        db = sqlite3.connect(f"file:{os.path.join(self.demo.ws, 'r1ci.sqlite')}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT i.task, i.seed, json_extract(t.trace_json, '$.question') FROM evaluation_items i "
                              "JOIN traces t ON t.id = i.trace_id WHERE i.evaluation_id = ?",
                              (next(iter(self.evals.values()))["id"],)).fetchall()
        finally:
            db.close()
        return sorted({(task, seed) for task, seed, q in rows
                       if q is not None and " ".join(q.lower().split()) in synth_questions.get(task, ())})

    def row(self, stage, tasks):
        items = [it for it in self.items(stage) if it[0] in tasks]
        per_task = {t["task"]: t for t in self.evals[stage]["summary"]["tasks"]}
        n = len(items)
        right = sum(1 for _, _, score in items if score >= 1)
        mean = sum(score for _, _, score in items) / n if n else 0.0
        lo, hi = wilson(right, n)
        present = [per_task[t] for t in tasks if t in per_task]
        weight = sum(t["samples"] for t in present) or 1
        avg = lambda key: sum(t[key] * t["samples"] for t in present) / weight
        return dict(n=n, tasks=len(present), correct=right, accuracy=right / n if n else 0.0, mean_score=mean,
                    ci95=[lo, hi], code_use=avg("code_use_rate"), mean_turns=avg("mean_turns"),
                    mean_tokens=avg("mean_tokens"), answered=sum(t["ends"].get("answer", 0) for t in present) / weight)

    def write(self):
        stages = read_json(self.demo.path("stages.json"))
        result = dict(settings=self.plan["settings"], train_tasks=self.plan["train_tasks"], test_tasks=self.plan["test_tasks"],
                      held_out=self.held_out, stages=stages, synth=read_json(self.demo.path("data", "synth-counts.json")),
                      rows=[])
        names = {"eval-base": "base", "eval-sft": "after SFT", "eval-grpo": "after GRPO"}
        lines = ["| stage | questions | n | accuracy | 95% CI (Wilson) | code use | mean turns | answered | mean tokens |",
                 "|---|---|---:|---:|---|---:|---:|---:|---:|"]
        for stage, name in names.items():
            if stage not in self.evals:
                lines += [f"| {name} | {label} | – | not run yet | | | | | |" for label, _ in self.groups]
                continue
            for label, tasks in self.groups:
                r = self.row(stage, tasks)
                result["rows"].append(dict(stage=name, questions=label, **r))
                lines.append(f"| {name} | {label} | {r['n']} | {100 * r['accuracy']:.1f} % | "
                             f"{100 * r['ci95'][0]:.1f}–{100 * r['ci95'][1]:.1f} % | {100 * r['code_use']:.0f} % | "
                             f"{r['mean_turns']:.2f} | {100 * r['answered']:.0f} % | {r['mean_tokens']:.0f} |")
        total = sum(v["seconds"] for v in stages.values())
        loads = [v["load_mean"] for v in stages.values()]
        lines.append("")
        lines.append(f"Training tasks evaluated: {', '.join(self.plan['train_tasks'])}.")
        lines.append(f"Test tasks: {', '.join(self.plan['test_tasks'])}.")
        lines.append("")
        lines.append("| stage | wall s | CPU s | load average (mean) |")
        lines.append("|---|---:|---:|---:|")
        cpu = lambda v: f"{v['cpu_seconds']:.0f}" if "cpu_seconds" in v else "–"
        for stage, v in sorted(stages.items(), key=lambda kv: STAGES.index(kv[0])):
            lines.append(f"| {stage} | {v['seconds']:.0f} | {cpu(v)} | {v['load_mean']:.1f} |")
        cpu_total = sum(v.get("cpu_seconds", 0) for v in stages.values())
        lines.append(f"| total | {total:.0f} | {cpu_total:.0f} | {min(loads):.1f}–{max(loads):.1f} |")
        table = "\n".join(lines) + "\n"
        result["total_seconds"] = round(total, 1)
        write_atomic(self.demo.path("results.md"), table)
        write_atomic(self.demo.path("results.json"), json.dumps(result, indent=1, sort_keys=True) + "\n")
        print(table, end="")
        print(f"demo: wrote {self.demo.path('results.md')} and results.json", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--r1ci", default=".build/release/r1ci", help="the r1ci binary (default .build/release/r1ci)")
    ap.add_argument("--dir", default=".build/demo", help="the demo's folder: workspace, data, models, results")
    ap.add_argument("--size", default="full", choices=sorted(SIZES), help="full (the README table) or smoke (toy size)")
    ap.add_argument("--model", default="smollm2-135m", help="starting model: a known name or a GGUF path")
    ap.add_argument("--threads", type=int, default=2, help="engine and trainer threads")
    ap.add_argument("--report-only", action="store_true", help="run nothing; write the table of the evaluations done so far")
    args = ap.parse_args()
    if not os.access(args.r1ci, os.X_OK):
        fail(f"no r1ci binary at {args.r1ci} (build it first: swift build -c release)")
    if args.threads < 1:
        fail("--threads must be ≥ 1")
    Demo(args).main(report_only=args.report_only)


if __name__ == "__main__":
    main()
