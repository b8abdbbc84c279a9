"""Picking on a 3D view: click a shape to select it, hover to see its name.

A cone (left) and a sphere (right), rendered on the server. With "click" in
the picking modes a click picks the shape under the pointer and paints it
red; with "hover" the shape under the pointer is named; "Box select" makes a
drag draw a box and names the shapes inside it. The view is
trame-vtk's ``VtkRemoteView`` (the click handler picks with VTK from the
pixel position, as trame's remote picking example does), or with
``PICK_VIEW=local`` a ``VtkLocalView`` (the event names the picked actor by
its ``get_scene_object_id``).

    pip install htmxtrame[vtk]
    python apps/vtk_picking.py --server --port 8080
"""

import os

import vtkmodules.vtkRenderingOpenGL2  # noqa: F401 - the OpenGL render window
from vtkmodules.vtkFiltersSources import vtkConeSource, vtkSphereSource
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkPropPicker, vtkRenderer, vtkRenderWindow

from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.widgets import html, vtk

LOCAL = os.environ.get("PICK_VIEW") == "local"
server = get_server()
state = server.state

renderer = vtkRenderer()
window = vtkRenderWindow()
window.AddRenderer(renderer)
actors = {}
for name, source, x in (("Cone", vtkConeSource(), -1.0), ("Sphere", vtkSphereSource(), 1.0)):
    mapper = vtkPolyDataMapper()
    mapper.SetInputConnection(source.GetOutputPort())
    actor = vtkActor()
    actor.SetMapper(mapper)
    actor.SetPosition(x, 0, 0)
    renderer.AddActor(actor)
    actors[name] = actor
renderer.ResetCamera()
picker = vtkPropPicker()

state.picked = "nothing"
state.clicks = 0
state.selected = "nothing"
state.hovered = "nothing"
ctrl = server.controller


def name_of(actor):
    return next((name for name, a in actors.items() if a is actor), None)


def picked_name(event):
    """The shape named by a pick event: local events carry its id, remote ones a position."""
    if event is None:
        return None
    if event.get("mode") == "local":
        return ids.get(event.get("remoteId"))
    position = event["position"]
    picker.Pick(position["x"], position["y"], 0, renderer)
    return name_of(picker.GetActor())


def on_click(event):
    name = picked_name(event)
    state.picked = name or "nothing"
    state.clicks += 1
    for key, actor in actors.items():
        actor.GetProperty().SetColor((1, 0.2, 0.2) if key == name else (1, 1, 1))
    ctrl.view_update()


def on_select(event):
    """A box drawn in select mode: the shapes inside it."""
    if event.get("mode") == "local":
        names = [ids.get(i) for i in event.get("remoteIds", [])]
    else:
        from vtkmodules.vtkCommonDataModel import vtkDataObject
        from vtkmodules.vtkRenderingCore import vtkHardwareSelector

        x0, x1, y0, y1 = event["selection"]
        selector = vtkHardwareSelector()
        selector.SetRenderer(renderer)
        selector.SetFieldAssociation(vtkDataObject.FIELD_ASSOCIATION_CELLS)
        selector.SetActorPassOnly(True)
        selector.SetArea(x0, y0, x1, y1)
        found = selector.Select()
        names = [name_of(found.GetNode(i).GetProperties().Get(found.GetNode(i).PROP()))
                 for i in range(found.GetNumberOfNodes())]
    state.selected = ", ".join(sorted(n for n in names if n)) or "nothing"


def on_hover(event):
    state.hovered = picked_name(event) or "nothing"


with DivLayout(server) as layout:
    layout.root.style = "width: 100vw; height: 100vh; margin: 0"
    with html.Div(style="height: 24px"):
        html.Span("Picked: {{ picked }} ({{ clicks }} clicks) | Hover: {{ hovered }}", id="picked")
        html.Span(" | Selected: {{ selected }} ", id="selected")
        html.Button("Box select", id="box", click="picking_modes = ['select']")
        html.Button("Click and hover", id="pick", click="picking_modes = ['click', 'hover']")
        html.Span(" | Mode: {{ picking_modes.join(', ') }}", id="mode")
    with html.Div(style="position: absolute; top: 30px; bottom: 0; left: 0; right: 0"):
        view = (vtk.VtkLocalView if LOCAL else vtk.VtkRemoteView)(
            window, picking_modes=("picking_modes", ["click", "hover"]),
            click=(on_click, "[$event]"), hover=(on_hover, "[$event]"), select=(on_select, "[$event]"),
        )
        ctrl.view_update = view.update
ids = {view.get_scene_object_id(actor): name for name, actor in actors.items()}

if __name__ == "__main__":
    server.start()
