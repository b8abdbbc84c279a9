"""A PyVista app written against trame and PyVista's trame plugin, with no htmxtrame in it.

    htmxtrame run apps/trame_pyvista.py --server --port 8080

``pyvista.trame.ui.plotter_ui`` (which imports ``trame_pyvista``) resolves to
htmxtrame.widgets.pyvista under the import hook: the plotter renders on the
server and the toolbar's buttons (camera, edges, bounding box, ruler, axes,
parallel projection, screenshot) act there.
"""

import pyvista as pv
from pyvista.trame.ui import plotter_ui
from trame.app import get_server
from trame.ui.vuetify3 import SinglePageLayout

pv.OFF_SCREEN = True

server = get_server(client_type="vue3")
state, ctrl = server.state, server.controller
state.trame__title = "PyVista on htmxtrame"

plotter = pv.Plotter()
plotter.add_mesh(pv.ParametricRandomHills(random_seed=1), cmap="viridis")

with SinglePageLayout(server) as layout:
    layout.title.set_text("PyVista")
    layout.icon.click = ctrl.view_reset_camera
    with layout.content:
        view = plotter_ui(plotter)
        ctrl.view_update = view.update
        ctrl.view_reset_camera = view.reset_camera

if __name__ == "__main__":
    server.start()
