"""What the VTK view tests share: a cone in a render window, a page that collects frames."""

import threading


def cone_window():
    """A render window showing a cone: (window, renderer, cone source)."""
    from vtkmodules.vtkFiltersSources import vtkConeSource
    from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer, vtkRenderWindow

    source = vtkConeSource()
    mapper = vtkPolyDataMapper()
    mapper.SetInputConnection(source.GetOutputPort())
    actor = vtkActor()
    actor.SetMapper(mapper)
    renderer = vtkRenderer()
    renderer.AddActor(actor)
    renderer.ResetCamera()
    window = vtkRenderWindow()
    window.AddRenderer(renderer)
    return window, renderer, source


class Collector:
    """A page subscribed to a view: keeps the frames and errors it was sent."""

    def __init__(self) -> None:
        self.frames: list = []
        self.errors: list = []
        self.event = threading.Event()

    def offer(self, frame) -> None:
        self.frames.append(frame)
        self.event.set()

    def error(self, view, code, message) -> None:
        self.errors.append((view, code, message))
        self.event.set()

    def next_frame(self, timeout: float = 10, still: bool = False):
        """Wait for the next frame (the next still one, if *still*) sent after this call."""
        count = len(self.frames)
        pause = threading.Event()
        for _ in range(int(timeout * 100)):
            fresh = [f for f in self.frames[count:] if f.still or not still]
            if fresh:
                return fresh[0]
            pause.wait(0.01)
        raise AssertionError("no frame arrived")

    def wait(self, predicate, timeout: float = 10) -> None:
        """Wait until *predicate(self)* holds."""
        pause = threading.Event()
        for _ in range(int(timeout * 100)):
            if predicate(self):
                return
            pause.wait(0.01)
        raise AssertionError(f"condition not met: {len(self.frames)} frames, errors {self.errors}")
