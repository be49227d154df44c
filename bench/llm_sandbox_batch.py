"""One round of the batch measures through the Python llm-sandbox.

    llm_sandbox_batch.py LANG IMAGE one DIR [--take K --offset O]
    llm_sandbox_batch.py LANG IMAGE concurrent N DIR [--take K --offset O]

Runs the programs of DIR (bench/programs/<lang>: every NN_name.<ext> with its
NN_name.out) through llm-sandbox and prints one JSON object, the same keys as
examples/bench_batch.rs:

- `wall`: seconds from the moment the first program is handed to a session
  to the moment the last result is back. Opening and closing the sessions
  is not included (it is reported apart, as `open` and `close`; the
  sessions are closed in parallel, each container killed first, see
  teardown()).
- `one`: all programs one after the other in one session.
- `concurrent N`: N sessions, opened beforehand; program i goes to session
  i mod N; each session runs its share in order, the N sessions at once
  (one thread each; Docker calls release the GIL).

Sessions skip environment setup (`skip_environment_setup=True`): the
programs use the standard library only, and their setup (Python: venv +
`pip install --upgrade pip`, Go: `go mod init` + `tidy`) reaches the network.
Our side skips it too.

Exits 1 (after printing the JSON) if any program's stdout differs from its
.out file or its exit code is not 0.
"""

import argparse
import json
import os
import sys
import threading
import time

from llm_sandbox import SandboxSession

EXTENSIONS = {
    "python": "py",
    "javascript": "js",
    "ruby": "rb",
    "r": "R",
    "java": "java",
    "cpp": "cpp",
    "go": "go",
}


def load_programs(directory, lang, take=None, offset=0):
    """The (name, code, expected) of DIR's programs, sorted by name.

    With `take`, only `take` programs starting at `offset` (wrapping around),
    so that successive rounds can cover the whole set.
    """
    ext = "." + EXTENSIONS[lang]
    names = sorted(f for f in os.listdir(directory) if f.endswith(ext))
    if not names:
        raise SystemExit(f"no *{ext} programs in {directory}")
    if take is not None and take < len(names):
        names = [names[(offset + i) % len(names)] for i in range(take)]
    programs = []
    for name in names:
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            code = f.read()
        with open(os.path.join(directory, name[: -len(ext)] + ".out"), encoding="utf-8") as f:
            expected = f.read()
        programs.append((name, code, expected))
    return programs


def open_session(lang, image):
    s = SandboxSession(
        lang=lang,
        image=image,
        keep_template=True,
        skip_environment_setup=True,
        execution_timeout=120,
        verbose=False,
    )
    s.open()
    return s


def teardown(session):
    """Close a session after the measurement (not timed).

    Their close() stops the container with Docker's 10 s grace period (the
    container's main process does not exit on SIGTERM); kill it first so that
    rounds do not wait for nothing. close() then removes it as usual.
    """
    try:
        session.container.kill()
    except Exception:  # noqa: BLE001 - close() below still cleans up
        pass
    session.close()


def check(name, result, expected):
    """None if the run matched, else a short description of the difference."""
    if result.exit_code == 0 and result.stdout == expected:
        return None
    return {
        "program": name,
        "exit_code": result.exit_code,
        "stdout_tail": result.stdout[-400:],
        "stderr_tail": result.stderr[-400:],
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("lang", choices=sorted(EXTENSIONS))
    p.add_argument("image")
    p.add_argument("mode", choices=["one", "concurrent"])
    p.add_argument("rest", nargs="+", help="DIR, or N DIR for concurrent")
    p.add_argument("--take", type=int, default=None)
    p.add_argument("--offset", type=int, default=0)
    args = p.parse_args()
    if args.mode == "one":
        (directory,) = args.rest
        n = 1
    else:
        count, directory = args.rest
        n = int(count)
    programs = load_programs(directory, args.lang, args.take, args.offset)
    n = max(1, min(n, len(programs)))

    started = time.perf_counter()
    sessions = [None] * n
    errors = []

    def opener(i):
        try:
            sessions[i] = open_session(args.lang, args.image)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(f"open: {e}")

    threads = [threading.Thread(target=opener, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    open_time = time.perf_counter() - started

    mismatches = []
    if not errors:
        shares = [programs[i::n] for i in range(n)]
        go = threading.Barrier(n + 1)

        def worker(i):
            go.wait()
            for name, code, expected in shares[i]:
                try:
                    diff = check(name, sessions[i].run(code), expected)
                except Exception as e:  # noqa: BLE001 - a failed run is a mismatch
                    diff = {"program": name, "error": str(e)}
                if diff:
                    mismatches.append(diff)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        go.wait()
        started = time.perf_counter()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    else:
        wall = None

    started = time.perf_counter()
    threads = [threading.Thread(target=teardown, args=(s,)) for s in sessions if s is not None]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    close_time = time.perf_counter() - started

    print(json.dumps({
        "lang": args.lang,
        "mode": args.mode,
        "sessions": n,
        "programs": len(programs),
        "wall": wall,
        "open": open_time,
        "close": close_time,
        "mismatches": mismatches + [{"error": e} for e in errors],
    }))
    if mismatches or errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
