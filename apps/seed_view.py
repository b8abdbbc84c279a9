"""The user guide's "Calling JavaScript methods" example: a VtkView and a reset button.

``server.js_call(ref="vtkView", method="resetCamera", args=[])`` reaches the
view, which renders on the server; the second button does the same with the
expression form ``$refs.vtkView.resetCamera()``.

    python apps/seed_view.py --server --port 8080
"""

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import vtk, vuetify3 as vuetify

server = get_server()
state, ctrl = server.state, server.controller


def reset_camera():
    server.js_call(ref="vtkView", method="resetCamera", args=[])


with SinglePageLayout(server) as layout:
    layout.title.set_text("Seed view")
    with layout.toolbar:
        vuetify.VSpacer()
        vuetify.VBtn("Reset camera", click=reset_camera, id="reset_camera")
        vuetify.VBtn("Reset ($refs)", click="$refs.vtkView.resetCamera()", id="reset_refs")
    with layout.content:
        with vuetify.VContainer(fluid=True, classes="pa-0 fill-height"):
            with vtk.VtkView(ref="vtkView", background=[0.1, 0.2, 0.4]):
                with vtk.VtkGeometryRepresentation(property=("{ color: [1, 0.8, 0.2] }",)):
                    vtk.VtkAlgorithm(vtk_class="vtkSphereSource", state=("{ thetaResolution: 24, phiResolution: 24 }",))

if __name__ == "__main__":
    server.start()
