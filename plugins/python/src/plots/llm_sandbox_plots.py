"""Where captured plots go, and in what order (shared by the matplotlib
backend and the plotly renderer): $LLM_SANDBOX_PLOTS/<order>.<ext>, order
from 1, one file per format in $LLM_SANDBOX_PLOT_FORMATS (png, svg, pdf) at
$LLM_SANDBOX_PLOT_DPI; plotly figures as <order>.html and <order>.json.
"""

import os

_order = 0


def _next_base():
    global _order
    _order += 1
    directory = os.environ["LLM_SANDBOX_PLOTS"]
    os.makedirs(directory, exist_ok=True)
    return os.path.join(directory, f"{_order:04d}")


def new_run():
    """Number the next plots from 1 again (an interactive cell is a run)."""
    global _order
    _order = 0


def save_figure(figure):
    """Save a matplotlib figure in every requested format."""
    formats = [f for f in os.environ.get("LLM_SANDBOX_PLOT_FORMATS", "png").split(",") if f]
    dpi = float(os.environ.get("LLM_SANDBOX_PLOT_DPI", "100"))
    base = _next_base()
    for fmt in formats:
        figure.savefig(f"{base}.{fmt}", format=fmt, dpi=dpi)


def register_plotly(pio):
    """Make `fig.show()` write the figure instead of opening a browser."""
    from plotly.io.base_renderers import ExternalRenderer

    class SandboxRenderer(ExternalRenderer):
        def render(self, fig_dict):
            base = _next_base()
            html = pio.to_html(fig_dict, include_plotlyjs="cdn", full_html=True, validate=False)
            with open(f"{base}.html", "w", encoding="utf-8") as out:
                out.write(html)
            with open(f"{base}.json", "w", encoding="utf-8") as out:
                out.write(pio.to_json(fig_dict, validate=False))

    pio.renderers["llm_sandbox"] = SandboxRenderer()
    pio.renderers.default = "llm_sandbox"
