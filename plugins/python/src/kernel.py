"""The interactive kernel of the llm-sandbox Python plugin.

Cells arrive on descriptor 3 (a line "<id> <length>", then <length> bytes of
code); each gets one JSON answer line on descriptor 4, after its output is
flushed. All cells share one namespace, as in a notebook. SIGINT abandons the
running cell (KeyboardInterrupt) and keeps the namespace; between cells it is
held back, so that a late interrupt never hits the kernel itself or the next
cell.
"""

import ast
import importlib
import json
import linecache
import os
import signal
import sys
import traceback

KERNEL_FILE = os.path.abspath(__file__)


def answer(out, message):
    out.write((json.dumps(message) + "\n").encode("utf-8"))
    out.flush()


def user_traceback(error):
    """The traceback without this file's frames."""
    tb = error.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) == KERNEL_FILE:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb))


def failure(error):
    return {
        "status": "error",
        "error": {
            "name": type(error).__name__,
            "value": str(error),
            "traceback": user_traceback(error),
        },
    }


def run_cell(cell_id, code, namespace):
    filename = f"<cell {cell_id}>"
    # Tracebacks show the cell's lines.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    importlib.invalidate_caches()  # packages installed since the last cell
    try:
        tree = ast.parse(code, filename=filename, mode="exec")
    except SyntaxError as error:
        return failure(error)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    # Interrupts reach the cell, and only the cell.
    signal.sigtimedwait([signal.SIGINT], 0)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])
    try:
        exec(compile(tree, filename, "exec"), namespace)
        value = None
        if last is not None:
            result = eval(compile(last, filename, "eval"), namespace)
            if result is not None:
                namespace["_"] = result
                value = repr(result)
        return {"status": "ok", "value": value}
    except BaseException as error:  # SystemExit and KeyboardInterrupt too: the kernel goes on
        return failure(error)
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])
        # A cell's figures are its plots, as a notebook shows them.
        backend = sys.modules.get("llm_sandbox_mpl")
        if backend is not None:
            try:
                backend.flush()
            except Exception as error:
                print(f"llm-sandbox: could not save a figure: {error}", file=sys.stderr)
        plots = sys.modules.get("llm_sandbox_plots")
        if plots is not None:
            plots.new_run()
        sys.stdout.flush()
        sys.stderr.flush()


def main():
    cells = os.fdopen(3, "rb")
    answers = os.fdopen(4, "wb")
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])
    answer(answers, {"id": 0, "status": "ready"})
    while True:
        header = cells.readline()
        if not header:
            return
        cell_id, length = header.split()
        code = cells.read(int(length)).decode("utf-8", "replace")
        try:
            result = run_cell(int(cell_id), code, namespace)
        except KeyboardInterrupt as error:  # one that came just after the cell
            result = failure(error)
        result["id"] = int(cell_id)
        answer(answers, result)


if __name__ == "__main__":
    main()
