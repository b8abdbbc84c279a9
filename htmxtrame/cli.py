"""The command line every htmxtrame app understands, as trame's does.

``server.cli`` is an :class:`argparse.ArgumentParser` apps extend with
``add_argument``. Unknown flags never abort the app (a launcher's or
pytest's own flags pass through), and under pytest the parser reads the
``TRAME_ARGS`` environment variable instead of ``sys.argv``, as trame does.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import Any

DEFAULT_PORT = 8080
DEFAULT_TIMEOUT = 300  # seconds without a page before shutting down, trame's default


class Cli(argparse.ArgumentParser):
    """trame's CLI parser; under pytest it reads ``TRAME_ARGS``, not argv."""

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        if args is None:
            args = default_argv()
        return super().parse_known_args(args, namespace)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        # Apps call parse_args() for their own flags; unknown ones (pytest's,
        # a launcher's) must not abort the app, as they do not in trame.
        return self.parse_known_args(args, namespace)[0]


def under_pytest() -> bool:
    """True when this process runs tests (argv then belongs to pytest)."""
    return "pytest" in sys.modules or "PYTEST_CURRENT_TEST" in os.environ


def default_argv() -> list[str]:
    """The command line the app sees: argv, or ``TRAME_ARGS`` under pytest."""
    if under_pytest():
        return shlex.split(os.environ.get("TRAME_ARGS", ""))
    return sys.argv[1:]


def make_cli(name: str) -> Cli:
    """A parser with trame's built-in flags."""
    cli = Cli(description=f"htmxtrame application ({name})", add_help=True)
    cli.add_argument("--server", action="store_true", help="do not open a browser")
    cli.add_argument("-p", "--port", type=int, default=DEFAULT_PORT, help="port to listen on (0: any free port)")
    cli.add_argument("--host", default="localhost", help="interface to listen on (0.0.0.0: every interface)")
    cli.add_argument(
        "--timeout", type=int, default=DEFAULT_TIMEOUT,
        help="seconds without a connected page before the server shuts down (0: never)",
    )
    cli.add_argument(
        "--allowed-hosts", default="", metavar="NAMES",
        help="host names the app answers to besides localhost and IP addresses, comma-separated "
        "(e.g. mybox.local,.example.com); needed with --host 0.0.0.0 for visitors using a name",
    )
    cli.add_argument("--app", action="store_true", help="open the app in its own window (Chromium/Chrome --app)")
    cli.add_argument("--debug", action="store_true", help="show handler errors on the page and log requests")
    cli.add_argument(
        "--authKey", default=None, metavar="SECRET",
        help="the secret Python clients (get_client) must send (default 'wslink-secret', taken from this machine only)",
    )
    cli.add_argument("--authKeyFile", default=None, metavar="PATH", help="read the --authKey secret from this file")
    cli.add_argument("--banner", action="store_true", help="print the connection banner even when told not to")
    cli.add_argument(
        "--hot-reload", action="store_true",
        help="saving the app's files updates every open page, state kept (needs watchfiles; TRAME_HOT_RELOAD=1 too)",
    )
    return cli
