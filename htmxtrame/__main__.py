"""``python -m htmxtrame app.py [args]``: run a trame app with htmxtrame (see :mod:`htmxtrame.command`)."""

import sys

from .command import main

if __name__ == "__main__":
    sys.exit(main())
