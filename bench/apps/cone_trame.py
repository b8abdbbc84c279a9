"""trame's cone (remote rendering) for bench/vtk_cone.py: the reference side.

Run from bench/.venv-trame (pip install trame trame-vtk trame-vuetify vtk).
The pipeline and the view's quality settings are those of apps/cone.py.
"""

import os

os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")

import vtkmodules.vtkRenderingOpenGL2  # noqa: E402,F401
from trame.app import get_server  # noqa: E402
from trame.ui.vuetify3 import SinglePageLayout  # noqa: E402
from trame.widgets import vtk, vuetify3 as vuetify  # noqa: E402
from vtkmodules.vtkFiltersSources import vtkConeSource  # noqa: E402
from vtkmodules.vtkInteractionStyle import vtkInteractorStyleSwitch  # noqa: E402,F401
from vtkmodules.vtkRenderingCore import (  # noqa: E402
    vtkActor,
    vtkPolyDataMapper,
    vtkRenderer,
    vtkRenderWindow,
    vtkRenderWindowInteractor,
)

renderer = vtkRenderer()
renderWindow = vtkRenderWindow()
renderWindow.AddRenderer(renderer)
renderWindow.OffScreenRenderingOn()
renderWindowInteractor = vtkRenderWindowInteractor()
renderWindowInteractor.SetRenderWindow(renderWindow)
renderWindowInteractor.GetInteractorStyle().SetCurrentStyleToTrackballCamera()
cone_source = vtkConeSource()
mapper = vtkPolyDataMapper()
mapper.SetInputConnection(cone_source.GetOutputPort())
actor = vtkActor()
actor.SetMapper(mapper)
renderer.AddActor(actor)
renderer.ResetCamera()

server = get_server(client_type="vue3")
state, ctrl = server.state, server.controller


@state.change("resolution")
def update_resolution(resolution, **kwargs):
    cone_source.SetResolution(int(resolution))
    ctrl.view_update()


with SinglePageLayout(server) as layout:
    layout.title.set_text("Cone Application")
    with layout.toolbar:
        vuetify.VSpacer()
        vuetify.VSlider(v_model=("resolution", 6), min=3, max=60, step=1, hide_details=True,
                        density="compact", style="max-width: 300px")
    with layout.content:
        with vuetify.VContainer(fluid=True, classes="pa-0 fill-height"):
            view = vtk.VtkRemoteView(renderWindow, interactive_ratio=1, interactive_quality=60, still_quality=94)
            ctrl.view_update = view.update

if __name__ == "__main__":
    server.start()
