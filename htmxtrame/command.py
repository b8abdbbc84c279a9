"""The ``htmxtrame`` command: ``htmxtrame run app.py [args]`` runs a trame app unchanged.

``python -m htmxtrame app.py [args]`` does the same. The app's ``trame``
imports resolve to htmxtrame's modules (:mod:`htmxtrame.compat.importer`);
the app sees ``sys.argv`` as ``[app.py, args...]``, so ``--port``,
``--server``, ``--hot-reload`` and the app's own flags work as they do with
``python app.py``.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

USAGE = """usage: htmxtrame run APP.py [ARGS...]
       python -m htmxtrame APP.py [ARGS...]

Run a trame app with htmxtrame: its `trame` imports (trame.app,
trame.widgets.vuetify3, trame.ui.vuetify3, trame.decorators...) resolve to
htmxtrame's. ARGS go to the app (--port 8080 --server --hot-reload ...)."""


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``htmxtrame`` console script; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "run":
        args = args[1:]
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    script = Path(args[0])
    if not script.is_file():
        print(f"htmxtrame run: no such file: {script}\n\n{USAGE}", file=sys.stderr)
        return 2
    run(script, args[1:])
    return 0


def run(script: Path, app_args: list[str]) -> None:
    """Run *script* as ``__main__`` with the trame import hook installed."""
    from .compat import importer

    importer.install()
    sys.argv = [str(script), *app_args]
    # As `python app.py` does: the app's folder first on the path, so its own modules import.
    sys.path.insert(0, str(script.resolve().parent))
    # `python app.py` gives the app an absolute `__file__` (Python >= 3.9); apps
    # build data paths from it (`Path(__file__).parent.parent / "data"`).
    runpy.run_path(str(script.absolute()), run_name="__main__")
