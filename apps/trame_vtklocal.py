"""A trame-vtklocal app (modelled on trame's validation/issues/101.py), with no htmxtrame in it.

    htmxtrame run apps/trame_vtklocal.py --server --port 8080

``trame.widgets.vtklocal`` resolves to htmxtrame.widgets.vtklocal under the
import hook: the render window (a cone and a scalar bar widget) renders on
the server instead of in VTK.wasm; drag to turn it, wheel to zoom.
"""

import vtkmodules.vtkRenderingOpenGL2  # noqa: F401
from trame.app import TrameApp
from trame.decorators import change
from trame.ui.vuetify3 import VAppLayout
from trame.widgets import html, vtklocal
from trame.widgets import vuetify3 as v3
from vtkmodules.vtkCommonColor import vtkNamedColors
from vtkmodules.vtkFiltersSources import vtkConeSource
from vtkmodules.vtkInteractionStyle import vtkInteractorStyleSwitch  # noqa: F401
from vtkmodules.vtkInteractionWidgets import vtkScalarBarWidget
from vtkmodules.vtkRenderingAnnotation import vtkScalarBarActor
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkColorTransferFunction,
    vtkPolyDataMapper,
    vtkRenderer,
    vtkRenderWindow,
    vtkRenderWindowInteractor,
)


class App(TrameApp):
    def __init__(self, server=None):
        super().__init__(server)
        self.state.trame__title = "vtklocal on htmxtrame"
        self._setup_vtk()
        self._build_ui()

    def _setup_vtk(self):
        renderer = vtkRenderer()
        renderer.SetBackground(0.1, 0.2, 0.4)
        self.render_window = vtkRenderWindow()
        self.render_window.AddRenderer(renderer)
        interactor = vtkRenderWindowInteractor()
        interactor.SetRenderWindow(self.render_window)
        interactor.GetInteractorStyle().SetCurrentStyleToTrackballCamera()

        self.cone = vtkConeSource()
        mapper = vtkPolyDataMapper()
        mapper.SetInputConnection(self.cone.GetOutputPort())
        actor = vtkActor()
        actor.SetMapper(mapper)
        renderer.AddActor(actor)
        renderer.ResetCamera()

        colors = vtkNamedColors()
        lut = vtkColorTransferFunction()
        lut.AddRGBPoint(0.0, *colors.GetColor3d("blue"))
        lut.AddRGBPoint(1.0, *colors.GetColor3d("red"))
        bar = vtkScalarBarActor()
        bar.SetTitle("Scalar Bar")
        bar.SetNumberOfLabels(4)
        bar.SetLookupTable(lut)
        self.widget = vtkScalarBarWidget()
        self.widget.SetInteractor(interactor)
        self.widget.SetScalarBarActor(bar)
        self.widget.On()

    @change("resolution")
    def _on_resolution(self, resolution, **_):
        self.cone.SetResolution(int(resolution))
        self.ctx.view.update_throttle()

    def _on_updated(self):
        self.state.updates = (self.state.updates or 0) + 1

    def _build_ui(self):
        with VAppLayout(self.server, full_height=True) as self.ui:
            with html.Div(style="display:flex;gap:1rem;align-items:center;padding:0 1rem"):
                v3.VSlider(v_model=("resolution", 6), min=3, max=60, step=1, label="Resolution",
                           hide_details=True, style="max-width:20rem")
                v3.VBtn("Reset camera", click=self.ctrl.view_reset_camera)
                html.Span("updates: {{ updates }}", id="updates")
            with html.Div(style="position:relative;height:calc(100vh - 4rem)"):
                view = vtklocal.LocalView(self.render_window, ctx_name="view", throttle_rate=20,
                                          cache_size=("cache", 0), updated=(self._on_updated,))
                self.ctx.view.register_vtk_object(self.widget)
                self.ctrl.view_reset_camera = view.reset_camera
        self.state.updates = 0


if __name__ == "__main__":
    App().server.start()
