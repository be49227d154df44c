"""Interleave rounds of this host and of the Python llm-sandbox, then report
medians and ratios (theirs / ours: above 1 means this host is faster).

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

MEASURES = [
    ("open_skip_setup", "session open, setup skipped"),
    ("open_with_setup", "session open, with environment setup"),
    ("run_print", "one `print('hello')` in an open session"),
    ("close", "session close"),
    ("plugin_calls_per_run", "Wasm plugin calls per run (plan + imports)"),
]


def one_round(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine():
    docker = subprocess.run(["docker", "version", "--format", "{{.Server.Version}}"],
                            capture_output=True, text=True).stdout.strip()
    mem_kib = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")))
    return f"{os.cpu_count()} cores, {mem_kib // 1024 // 1024} GiB, {platform.system()} {platform.release()}, Docker {docker}"


def fmt(x):
    if x is None:
        return "n/a"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--ours", required=True, help="the bench_session binary")
    p.add_argument("--image", default="python:3.11-slim-bookworm")
    p.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results"))
    args = p.parse_args()

    theirs_cmd = [sys.executable, os.path.join(os.path.dirname(__file__), "llm_sandbox_side.py"), args.image]
    ours_cmd = [args.ours, args.image]
    rounds = {"ours": [], "theirs": []}
    for i in range(args.rounds):
        # Alternate who goes first, so neither always meets a warm engine.
        order = [("ours", ours_cmd), ("theirs", theirs_cmd)]
        if i % 2:
            order.reverse()
        for name, cmd in order:
            rounds[name].append(one_round(cmd))
        print(f"round {i + 1}/{args.rounds} done", file=sys.stderr)

    rows = []
    for key, label in MEASURES:
        med = {}
        for side in ("ours", "theirs"):
            values = [r[key] for r in rounds[side] if r.get(key) is not None]
            med[side] = statistics.median(values) if values else None
        ratio = med["theirs"] / med["ours"] if med["ours"] and med["theirs"] else None
        rows.append((label, med["ours"], med["theirs"], ratio))

    os.makedirs(args.out, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    table = [
        f"Measured {stamp} on {machine()}; image `{args.image}`; {args.rounds} interleaved rounds, medians.",
        "",
        "| measure | this host | llm-sandbox (Python) | ratio (theirs / ours) |",
        "|---|---|---|---|",
    ]
    for label, ours, theirs, ratio in rows:
        table.append(f"| {label} | {fmt(ours)} | {fmt(theirs)} | {f'{ratio:.1f}x' if ratio else 'n/a'} |")
    text = "\n".join(table) + "\n"
    with open(os.path.join(args.out, "latest.md"), "w") as f:
        f.write(text)
    with open(os.path.join(args.out, "latest.json"), "w") as f:
        json.dump({"measured": stamp, "machine": machine(), "image": args.image, "rounds": rounds}, f, indent=1)
    print(text)


if __name__ == "__main__":
    main()
