"""A trame app written against trame's own imports, with no htmxtrame in it.

    htmxtrame run apps/trame_counter.py --server --port 8080
    python -m htmxtrame apps/trame_counter.py

Covers trame.app, trame.ui.vuetify3, trame.widgets.html,
trame.widgets.vuetify3 and trame.decorators (a TrameApp class with
@change and @controller.set).
"""

from trame.app import get_server
from trame.decorators import TrameApp, change, controller
from trame.ui.vuetify3 import SinglePageLayout
from trame.widgets import html
from trame.widgets import vuetify3 as v3


@TrameApp()
class Counter:
    def __init__(self, server=None):
        self.server = get_server(server, client_type="vue3")
        self.server.cli.add_argument("--start", type=int, default=0, help="the counter's first value")
        args, _ = self.server.cli.parse_known_args()
        self.state.count = args.start
        self.state.trame__title = "trame counter"
        self._build_ui()

    @property
    def state(self):
        return self.server.state

    @controller.set("increment")
    def increment(self):
        self.state.count += 1

    @controller.set("reset")
    def reset(self):
        self.state.count = 0

    @change("count")
    def on_count(self, count, **kwargs):
        self.state.parity = "even" if count % 2 == 0 else "odd"
        print(f"count is now {count}", flush=True)

    def _build_ui(self):
        with SinglePageLayout(self.server) as layout:
            layout.title.set_text("trame counter")
            with layout.toolbar:
                v3.VSpacer()
                v3.VBtn(icon="mdi-refresh", click=self.ctrl.reset, aria_label="Reset")
            with layout.content:
                with v3.VContainer():
                    html.Div("Count: {{ count }} ({{ parity }})", id="count_text")
                    v3.VBtn("Add one", id="increment", color="primary", click=self.ctrl.increment)

    @property
    def ctrl(self):
        return self.server.controller


def main():
    app = Counter()
    app.server.start()


if __name__ == "__main__":
    main()
