"""The matplotlib backend of llm-sandbox (MPLBACKEND=module://llm_sandbox_mpl).

Figures render with Agg. `show()` saves every open figure, in order, and
closes it; figures still open when the program ends are saved then. A
program that picks another backend itself keeps it (except Agg, which this
backend already is: see sitecustomize).
"""

import atexit

from matplotlib._pylab_helpers import Gcf
from matplotlib.backend_bases import FigureManagerBase as FigureManager  # noqa: F401
from matplotlib.backends.backend_agg import FigureCanvasAgg as FigureCanvas  # noqa: F401

import llm_sandbox_plots


def flush():
    """Save and close every open figure."""
    for manager in Gcf.get_all_fig_managers():
        llm_sandbox_plots.save_figure(manager.canvas.figure)
    Gcf.destroy_all()


def show(*args, **kwargs):
    flush()


atexit.register(flush)
