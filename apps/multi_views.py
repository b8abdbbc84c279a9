"""trame's MultiViews example: a grid of 12 render windows, each interactive on its own.

    python apps/multi_views.py --server --port 8080
"""

import vtkmodules.vtkRenderingOpenGL2  # noqa: F401
from vtkmodules.vtkFiltersSources import (
    vtkConeSource,
    vtkCubeSource,
    vtkCylinderSource,
    vtkSphereSource,
)
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer, vtkRenderWindow

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html, vtk

SOURCES = [vtkConeSource, vtkSphereSource, vtkCubeSource, vtkCylinderSource]
COLORS = [(1, 0.4, 0.3), (0.3, 0.8, 0.4), (0.3, 0.5, 1), (1, 0.85, 0.2)]

server = get_server()
ctrl = server.controller


def make_window(i):
    source = SOURCES[i % len(SOURCES)]()
    mapper = vtkPolyDataMapper()
    mapper.SetInputConnection(source.GetOutputPort())
    actor = vtkActor()
    actor.SetMapper(mapper)
    actor.GetProperty().SetColor(*COLORS[(i // len(SOURCES)) % len(COLORS)])
    renderer = vtkRenderer()
    renderer.SetBackground(0.1, 0.1, 0.15)
    renderer.AddActor(actor)
    renderer.ResetCamera()
    window = vtkRenderWindow()
    window.AddRenderer(renderer)
    return window


with SinglePageLayout(server) as layout:
    layout.title.set_text("Multi views")
    layout.icon.click = ctrl.reset_cameras
    with layout.content:
        with html.Div(style="display:grid;grid-template-columns:repeat(4,1fr);grid-auto-rows:1fr;"
                            "gap:4px;height:100%;padding:4px;box-sizing:border-box"):
            for i in range(12):
                with html.Div(style="position:relative;min-height:0"):
                    view = vtk.VtkRemoteView(make_window(i), ref=f"view{i}", interactive_ratio=0.5)
                    ctrl.views_update.add(view.update)
                    ctrl.reset_cameras.add(view.reset_camera)

if __name__ == "__main__":
    server.start()
