"""What the per-message login re-check costs an embedded app (figures, not pass/fail).

    python bench/embed_message.py

Each message a page sends runs in a request context rebuilt from its
handshake, with the host's ``before_request`` guards run again
(htmxtrame.transport.flaskctx.PageContext.message). Printed beside the
same message in server.start()'s own app (no host: no re-check) and
beside the click hot path's reference (~18 us warm, bench/README.md).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask, session  # noqa: E402
from flask.sessions import SecureCookieSessionInterface  # noqa: E402

from htmxtrame.server import Server  # noqa: E402
from htmxtrame.transport import flaskctx  # noqa: E402
from htmxtrame.ui.html import DivLayout  # noqa: E402
from htmxtrame.widgets import html  # noqa: E402

ROUNDS, PER_ROUND = 7, 3000


def per_message(app: Flask, bp_name: str, server: Server, cookie: str = "") -> float:
    headers = {"Upgrade": "websocket", **({"Cookie": cookie} if cookie else {})}
    path = "/guarded/__htmxtrame/ws" if bp_name.endswith("guarded") else "/__htmxtrame/ws"
    with app.test_request_context(path, headers=headers):
        page = flaskctx.PageContext(server, bp_name)
        samples = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            for _ in range(PER_ROUND):
                with page.message() as refused:
                    assert refused is None
            samples.append((time.perf_counter() - start) / PER_ROUND * 1e6)
    return statistics.median(samples)


def main() -> None:
    host = Flask("host")
    host.config["SECRET_KEY"] = "bench"
    guarded = Server("guarded")
    with DivLayout(guarded):
        html.Span("x")
    guarded.init_app(host, "/guarded")

    @host.before_request
    def require_login():
        if not session.get("user"):
            return "log in first", 401
        return None

    signed = SecureCookieSessionInterface().get_signing_serializer(host).dumps({"user": "ada"})
    alone = Server("alone")
    with DivLayout(alone):
        html.Span("x")
    standalone = alone.flask_app()
    print(f"{'per message':40} {'median us':>10}")
    print(f"{'embedded, login guard, cookie session':40} {per_message(host, 'htmxtrame_guarded', guarded, f'session={signed}'):10.1f}")
    print(f"{'server.start() app (no host)':40} {per_message(standalone, 'htmxtrame_alone', alone):10.1f}")
    print(f"{'reference: click hot path (bench/README)':40} {18.4:10.1f}")


if __name__ == "__main__":
    main()
