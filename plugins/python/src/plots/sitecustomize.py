"""Plot capture of the llm-sandbox Python plugin, active only when a run
captures plots (the plugin then puts this directory first on PYTHONPATH).

- matplotlib (and seaborn, which draws with it) shows through the
  `llm_sandbox_mpl` backend (MPLBACKEND): `plt.show()` saves every open
  figure, and figures still open at the end of the program are saved too;
- `matplotlib.use("Agg")` keeps that backend (it draws with Agg too);
- plotly's `fig.show()` writes the figure as HTML and as JSON.

Files go to $LLM_SANDBOX_PLOTS as <order>.<ext> (see llm_sandbox_plots).
The image's own sitecustomize, if it has one, runs afterwards as usual.
"""

import importlib.machinery
import importlib.util
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))

# A user without a writable home (`nobody` under the security presets) would
# make matplotlib build its font cache again in a new temporary directory on
# every run, with a warning; keep its cache beside these modules instead.
if "MPLCONFIGDIR" not in os.environ and not os.access(os.path.expanduser("~"), os.W_OK):
    os.environ["MPLCONFIGDIR"] = os.path.join(os.path.dirname(_HERE), "matplotlib")


class _AfterImport:
    """Runs `then(module)` right after module `name` is first imported."""

    def __init__(self, name, then):
        self.name = name
        self.then = then

    def find_spec(self, name, path=None, target=None):
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        original = spec.loader.exec_module
        then = self.then

        def exec_module(module):
            original(module)
            try:
                then(module)
            except Exception as error:  # capture must never break the program
                print(f"llm-sandbox: plots may not be captured: {error}", file=sys.stderr)

        spec.loader.exec_module = exec_module
        return spec


def _register_plotly(pio):
    import llm_sandbox_plots

    llm_sandbox_plots.register_plotly(pio)


def _keep_capture_for_agg(matplotlib):
    """`matplotlib.use("Agg")`, the usual line of headless code, keeps the
    capturing backend: it draws with Agg too, so `savefig` is unchanged, and
    `show()` and open figures still come back as plots. Any other backend the
    program picks is its own."""
    original = matplotlib.use

    def use(backend, *args, **kwargs):
        if isinstance(backend, str) and backend.lower() == "agg":
            return None
        return original(backend, *args, **kwargs)

    use.__doc__ = original.__doc__
    use.__wrapped__ = original
    matplotlib.use = use


def _run_next_sitecustomize():
    for entry in sys.path:
        if os.path.abspath(entry or ".") == _HERE:
            continue
        spec = importlib.machinery.PathFinder.find_spec("sitecustomize", [entry])
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return


if os.environ.get("LLM_SANDBOX_PLOTS"):
    sys.meta_path.insert(0, _AfterImport("plotly.io", _register_plotly))
    sys.meta_path.insert(0, _AfterImport("matplotlib", _keep_capture_for_agg))
_run_next_sitecustomize()
