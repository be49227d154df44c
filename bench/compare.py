"""Interleave rounds of this host and of the Python llm-sandbox, then report
medians and ratios (theirs / ours: above 1 means this host is faster).

Two parts, both on by default:
- session measures (examples/bench_session.rs vs llm_sandbox_side.py);
- batches of the corpus programs (bench/programs/<lang>) per language, through
  one session and through N concurrent sessions (examples/bench_batch.rs vs
  llm_sandbox_batch.py).

Writes bench/results/latest.json (raw rounds) and bench/results/latest.md.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

MEASURES = [
    ("open_skip_setup", "session open, setup skipped"),
    ("open_with_setup", "session open, with environment setup"),
    ("open_from_pool", "session open, from a warm pool (setup done)"),
    ("run_print", "first `print('hello')` right after the open"),
    ("run_print_again", "`print('hello')` in an open session (median of the next 5)"),
    ("interactive_cell", "interactive cell `x += 1` (theirs: a stateless run)"),
    ("close", "session close"),
    ("plugin_calls_per_run", "Wasm plugin calls per run (plan + imports)"),
    ("js_print_paused", "JavaScript `console.log('hello')` in an open session, 1 s after the last run (median of 5)"),
]


# The image each language runs on, on both sides: the host's default images
# (`host images bootstrap <lang>` builds them where no registry is reachable).
IMAGES = {
    "python": "python:3.11-slim-bookworm",
    "javascript": "node:18-bookworm-slim",
    "ruby": "ruby:3.1-slim-bookworm",
    "r": "r-base:4.2.2",
    "java": "eclipse-temurin:17-jdk",
    "cpp": "gcc:12-bookworm",
    "go": "golang:1.19-bookworm",
}
HERE = os.path.dirname(os.path.abspath(__file__))


def one_round(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def batch_round(cmd):
    """One batch round; a failure (a program that printed something else, a
    tool error) is recorded in the round rather than stopping the others."""
    out = subprocess.run(cmd, capture_output=True, text=True)
    lines = out.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        result = {}
    if out.returncode != 0:
        result["wall"] = None
        result["error"] = (out.stderr.strip().splitlines() or ["exit code %d" % out.returncode])[-1]
        print(f"  failed: {' '.join(cmd[-6:])}: {result['error']}", file=sys.stderr)
        if result.get("mismatches"):
            print(f"  mismatches: {json.dumps(result['mismatches'])[:2000]}", file=sys.stderr)
    return result


def median_of(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def machine():
    docker = subprocess.run(["docker", "version", "--format", "{{.Server.Version}}"],
                            capture_output=True, text=True).stdout.strip()
    mem_kib = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")))
    return f"{os.cpu_count()} cores, {mem_kib // 1024 // 1024} GiB, {platform.system()} {platform.release()}, Docker {docker}"


def fmt(x):
    if x is None:
        return "n/a"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def session_part(args):
    """Interleaved rounds of the session-level measures; raw rounds and table rows."""
    theirs_cmd = [sys.executable, os.path.join(HERE, "llm_sandbox_side.py"), args.image, IMAGES["javascript"]]
    ours_cmd = [args.ours, args.image, IMAGES["javascript"]]
    rounds = {"ours": [], "theirs": []}
    for i in range(args.rounds):
        # Alternate who goes first, so neither always meets a warm engine.
        order = [("ours", ours_cmd), ("theirs", theirs_cmd)]
        if i % 2:
            order.reverse()
        for name, cmd in order:
            rounds[name].append(one_round(cmd))
        print(f"session round {i + 1}/{args.rounds} done", file=sys.stderr)

    rows = []
    for key, label in MEASURES:
        ours = median_of([r.get(key) for r in rounds["ours"]])
        theirs = median_of([r.get(key) for r in rounds["theirs"]])
        rows.append((label, ours, theirs))
    return rounds, rows


def batch_part(args, languages):
    """Interleaved rounds of the batch measures; raw rounds and table rows.

    Round i runs, per language, `take` programs starting at i * 50 / rounds
    (wrapping around), so that the rounds spread over the corpus; both sides
    run the same programs in the same round. Who goes first alternates with
    the round, the language and the mode.
    """
    modes = [("one", ["one"]), ("concurrent", ["concurrent", str(args.concurrency)])]
    rounds = {lang: {mode: {"ours": [], "theirs": []} for mode, _ in modes} for lang in languages}
    for i in range(args.batch_rounds):
        for li, lang in enumerate(languages):
            directory = os.path.join(HERE, "programs", lang)
            count = len([f for f in os.listdir(directory) if not f.endswith(".out")])
            take = args.batch_take if 0 < args.batch_take < count else count
            offset = (i * count // args.batch_rounds) % count if take < count else 0
            select = ["--take", str(take), "--offset", str(offset)]
            for mi, (mode, mode_args) in enumerate(modes):
                tail = [lang, IMAGES[lang], *mode_args, directory, *select]
                order = [
                    ("ours", [args.batch_ours, *tail]),
                    ("theirs", [sys.executable, os.path.join(HERE, "llm_sandbox_batch.py"), *tail]),
                ]
                if (i + li + mi) % 2:
                    order.reverse()
                for side, cmd in order:
                    rounds[lang][mode][side].append(batch_round(cmd))
        print(f"batch round {i + 1}/{args.batch_rounds} done", file=sys.stderr)

    rows = []
    for lang in languages:
        for mode, _ in modes:
            runs = rounds[lang][mode]
            programs = max((r.get("programs") or 0 for r in runs["ours"] + runs["theirs"]), default=0)
            how = "one session" if mode == "one" else f"{args.concurrency} concurrent sessions"
            label = f"{lang}: {programs} programs, {how}"
            ours = median_of([r.get("wall") for r in runs["ours"]])
            theirs = median_of([r.get("wall") for r in runs["theirs"]])
            failed = {side: sum(1 for r in runs[side] if r.get("wall") is None) for side in runs}
            rows.append((label, ours, theirs, failed))
    return rounds, rows


def ratio_cell(ours, theirs):
    return f"{theirs / ours:.1f}x" if ours and theirs else "n/a"


def value_cell(value, failed=0, total=0):
    if value is None:
        return "failed" if failed else "n/a"
    return fmt(value) + (f" ({failed}/{total} failed)" if failed else "")


def main():
    started = time.perf_counter()
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=5, help="rounds of the session measures")
    p.add_argument("--ours", help="the bench_session binary (session measures)")
    p.add_argument("--image", default="python:3.11-slim-bookworm")
    p.add_argument("--batch-ours", help="the bench_batch binary (batch measures)")
    p.add_argument("--batch-rounds", type=int, default=3)
    p.add_argument("--batch-take", type=int, default=10,
                   help="programs per language per batch round (0: all of them)")
    p.add_argument("--concurrency", type=int, default=4, help="sessions of the concurrent batch")
    p.add_argument("--languages", default=",".join(IMAGES),
                   help="comma-separated; those without a bench/programs/<lang> folder are skipped")
    p.add_argument("--parts", default="sessions,batch", help="sessions, batch, or both")
    p.add_argument("--out", default=os.path.join(HERE, "results"))
    args = p.parse_args()
    parts = set(args.parts.split(","))
    languages = [l for l in args.languages.split(",")
                 if l in IMAGES and os.path.isdir(os.path.join(HERE, "programs", l))]

    raw = {"machine": machine()}
    text = []
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    raw["measured"] = stamp
    if "sessions" in parts:
        if not args.ours:
            p.error("--ours is needed for the session measures")
        rounds, rows = session_part(args)
        raw["image"] = args.image
        raw["rounds"] = rounds
        text += [
            f"Session measures: image `{args.image}`; {args.rounds} interleaved rounds, medians.",
            "",
            "| measure | this host | llm-sandbox (Python) | ratio (theirs / ours) |",
            "|---|---|---|---|",
        ]
        for label, ours, theirs in rows:
            text.append(f"| {label} | {fmt(ours)} | {fmt(theirs)} | {ratio_cell(ours, theirs)} |")
        text.append("")
    failures = 0
    if "batch" in parts:
        if not args.batch_ours:
            p.error("--batch-ours is needed for the batch measures")
        rounds, rows = batch_part(args, languages)
        take = "all" if args.batch_take <= 0 else args.batch_take
        raw["batch"] = {
            "rounds": args.batch_rounds,
            "take": take,
            "concurrency": args.concurrency,
            "images": {lang: IMAGES[lang] for lang in languages},
            "results": rounds,
        }
        text += [
            f"Batches of the corpus programs (`bench/programs`): {args.batch_rounds} interleaved rounds, "
            f"medians of the wall time from the first program handed over to the last result "
            f"(sessions opened beforehand, environment setup skipped on both sides); "
            f"{take} programs per language and round, each round starting further into the corpus.",
            "",
            "| batch | this host | llm-sandbox (Python) | ratio (theirs / ours) |",
            "|---|---|---|---|",
        ]
        for label, ours, theirs, failed in rows:
            failures += sum(failed.values())
            text.append(
                f"| {label} | {value_cell(ours, failed['ours'], args.batch_rounds)} "
                f"| {value_cell(theirs, failed['theirs'], args.batch_rounds)} | {ratio_cell(ours, theirs)} |"
            )
        text.append("")

    elapsed = time.perf_counter() - started
    raw["elapsed_seconds"] = elapsed
    text.insert(0, f"Measured {stamp} on {machine()}; the comparison took {elapsed / 60:.1f} min.\n")
    out = "\n".join(text)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "latest.md"), "w") as f:
        f.write(out)
    with open(os.path.join(args.out, "latest.json"), "w") as f:
        json.dump(raw, f, indent=1)
    print(out)
    if failures:
        sys.exit(f"{failures} batch round(s) failed; see above and latest.json")


if __name__ == "__main__":
    main()
