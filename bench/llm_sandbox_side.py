"""One round of the session-level measures through the Python llm-sandbox.

Prints one JSON object with the same keys as examples/bench_session.rs
(seconds). Run by bench/compare.py inside the bench virtualenv.
"""

import json
import os
import sys
import time

from llm_sandbox import SandboxSession

IMAGE = sys.argv[1] if len(sys.argv) > 1 else "python:3.11-slim-bookworm"
JS_IMAGE = sys.argv[2] if len(sys.argv) > 2 else "node:18-bookworm-slim"
CA = os.environ.get("BENCH_CA_BUNDLE")


def median(times):
    """The middle of `times` (the upper one of an even count), as on our side."""
    return sorted(times)[len(times) // 2]


def session(skip_setup, lang="python", image=IMAGE):
    runtime = {}
    if CA:
        # Their setup upgrades pip over the network: trust the CA it crosses.
        runtime = {
            "volumes": {CA: {"bind": "/etc/bench-ca.pem", "mode": "ro"}},
            "environment": {
                "PIP_CERT": "/etc/bench-ca.pem",
                "SSL_CERT_FILE": "/etc/bench-ca.pem",
                "REQUESTS_CA_BUNDLE": "/etc/bench-ca.pem",
            },
        }
    return SandboxSession(
        lang=lang,
        image=image,
        keep_template=True,
        skip_environment_setup=skip_setup,
        runtime_configs=runtime,
        verbose=False,
    )


def main():
    s = session(True)
    started = time.perf_counter()
    s.open()
    open_skip_setup = time.perf_counter() - started

    started = time.perf_counter()
    result = s.run("print('hello')")
    run_print = time.perf_counter() - started
    if result.stdout.strip() != "hello":
        raise SystemExit(f"unexpected output: {result!r}")
    again = []
    for _ in range(5):
        started = time.perf_counter()
        result = s.run("print('hello')")
        again.append(time.perf_counter() - started)
        if result.stdout.strip() != "hello":
            raise SystemExit(f"unexpected output: {result!r}")
    run_print_again = median(again)
    # No interactive state in the Python project: each run is a new
    # interpreter, so the cell's work is a run that sets `x` and adds to it.
    cells = []
    for _ in range(10):
        started = time.perf_counter()
        s.run("x = 0\nx += 1")
        cells.append(time.perf_counter() - started)
    interactive_cell = median(cells)

    started = time.perf_counter()
    s.close()
    close = time.perf_counter() - started

    s = session(False)
    started = time.perf_counter()
    try:
        s.open()
        open_with_setup = time.perf_counter() - started
    except Exception as e:  # noqa: BLE001 - reported, not hidden
        print(f"open with setup failed: {e}", file=sys.stderr)
        open_with_setup = None
    finally:
        s.close()

    # JavaScript runs with a pause before each, as an agent makes them.
    s = session(True, "javascript", JS_IMAGE)
    s.open()
    try:
        s.run("console.log('hello')")
        paused = []
        for _ in range(5):
            time.sleep(1)
            started = time.perf_counter()
            result = s.run("console.log('hello')")
            paused.append(time.perf_counter() - started)
            if result.stdout.strip() != "hello":
                raise SystemExit(f"unexpected output: {result!r}")
        js_print_paused = median(paused)
    finally:
        s.close()

    print(json.dumps({
        "open_skip_setup": open_skip_setup,
        "run_print": run_print,
        "run_print_again": run_print_again,
        "interactive_cell": interactive_cell,
        "open_from_pool": None,
        "close": close,
        "open_with_setup": open_with_setup,
        # Plain Python: no plugin layer to measure.
        "plugin_calls_per_run": None,
        "js_print_paused": js_print_paused,
    }))


if __name__ == "__main__":
    main()
