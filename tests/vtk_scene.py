"""A VTK scene the VTK view tests share: a cone in a render window."""


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
