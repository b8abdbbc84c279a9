"""What the hand-written floor apps share: htmx served from this checkout's vendored copy, and the server.

``--port`` (0: any free one); the URL printed as an htmxtrame app prints it.
"""

import argparse
from pathlib import Path

from flask import send_from_directory
from werkzeug.serving import make_server

VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor"


def vendored(app) -> None:
    """Serve htmx 4 and its websocket extension (static/vendor) at ``/v/<name>``."""
    app.add_url_rule("/v/<path:name>", "vendor", lambda name: send_from_directory(VENDOR, name))


def serve(app) -> None:
    """Serve the Flask *app* on localhost until killed (bench/apps_proc.py reads the printed URL)."""
    args = argparse.ArgumentParser()
    args.add_argument("--port", type=int, default=0)
    args.add_argument("--server", action="store_true")  # accepted, as htmxtrame apps take it
    httpd = make_server("localhost", args.parse_args().port, app, threaded=True)
    print(f"App running at: http://localhost:{httpd.server_port}/", flush=True)
    httpd.serve_forever()
