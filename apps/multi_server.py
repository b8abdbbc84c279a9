"""Two servers in one process, as trame's multi-server example: messages go from one to the other.

Run ``python apps/multi_server.py`` and open both URLs it prints. Each
server is started with ``exec_mode="task"`` from plain module code, then one
event loop runs both (``loop.run_until_complete(asyncio.gather(...))``).
The ports are 8081 and 8082 unless ``--port-a``/``--port-b`` say otherwise
(0: any free port).
"""

import asyncio

from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html

server_a = get_server("multi_a")
server_b = get_server("multi_b")
server_a.cli.add_argument("--port-a", type=int, default=8081)
server_a.cli.add_argument("--port-b", type=int, default=8082)
args, _ = server_a.cli.parse_known_args()

server_a.state.update({"trame__title": "Server A", "draft": "", "inbox": []})
server_b.state.update({"trame__title": "Server B", "draft": "", "inbox": []})


def deliver(source, target, label):
    """Send *source*'s draft to *target*'s inbox."""
    text = source.state.draft
    if not text:
        return
    with target.state:
        target.state.inbox = [*target.state.inbox, f"{label}: {text}"]
    source.state.draft = ""


server_a.controller.send = lambda: deliver(server_a, server_b, "from A")
server_b.controller.send = lambda: deliver(server_b, server_a, "from B")

for server, name, other in ((server_a, "A", "B"), (server_b, "B", "A")):
    with DivLayout(server):
        html.H1(f"Server {name}")
        html.Input(v_model=("draft",), id="draft", aria_label=f"Message to server {other}")
        html.Button(f"Send to {other}", id="send", click=server.controller.send)
        with html.Ul(id="inbox"):
            html.Li("{{ message }}", v_for="message in inbox", key="message")

task_a = server_a.start(exec_mode="task", port=args.port_a, open_browser=False, timeout=0)
task_b = server_b.start(exec_mode="task", port=args.port_b, open_browser=False, timeout=0)

if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    loop.run_until_complete(asyncio.gather(task_a, task_b))
