"""Running trame apps unchanged: the import hook and the ``htmxtrame`` command."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """*code* in a fresh interpreter (import hooks and sys.modules stay out of this process)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout,
        cwd=cwd or ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_trame_names_are_htmxtrame_modules_with_their_own_spec():
    out = run_python("""
        from htmxtrame.compat import importer
        importer.install()
        import htmxtrame.app, htmxtrame.widgets.vuetify3, htmxtrame.widgets.vuetify2, htmxtrame.ui.vuetify3
        import trame.app
        from trame.widgets import html, vuetify, vuetify3, client
        from trame.ui.vuetify3 import SinglePageLayout
        from trame.ui.html import DivLayout
        from trame.decorators import TrameApp, change, controller, hot_reload, trigger, life_cycle
        from trame_server.core import Server
        from trame_server.state import State
        from trame_server.utils.asynchronous import create_task
        from trame_server.utils import asynchronous
        from trame_server.utils.hot_reload import hot_reload as hr
        from trame_client.widgets.core import AbstractElement
        from trame_vuetify.widgets.vuetify3 import VBtn
        import trame_vuetify.ui.vuetify3
        assert trame.app is htmxtrame.app
        assert vuetify3 is htmxtrame.widgets.vuetify3
        assert SinglePageLayout is htmxtrame.ui.vuetify3.SinglePageLayout
        # Vuetify 2 names for trame's `vuetify` module (client_type="vue2" apps)
        assert vuetify.VBtn.__module__ == "htmxtrame.widgets.vuetify2"
        # the real spec stays: Flask's find_package and importlib.reload read it
        assert trame.app.__spec__.name == "htmxtrame.app"
        assert trame.app.__name__ == "htmxtrame.app"
        import importlib.util, flask.helpers
        assert flask.helpers.get_root_path("htmxtrame.app")
        print("ok")
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_plugin_packages_own_paths_resolve_to_the_same_widgets():
    # trame's plugins live in packages of their own (trame-router,
    # trame-components, trame-matplotlib); apps import them by those names too.
    out = run_python("""
        from htmxtrame.compat import importer
        importer.install()
        from trame_router.ui.router import RouterViewLayout
        from trame_router.widgets import router
        from trame_components.widgets import trame as tc
        from trame.widgets import router as r2, trame as tc2
        assert router is r2 and tc is tc2
        import htmxtrame.ui.router
        assert RouterViewLayout is htmxtrame.ui.router.RouterViewLayout
        print("ok")
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_trame_vtk_serializer_switches_are_accepted():
    # trame-vtk's MultiFilter / ColorByComponent examples flip these before building their views.
    out = run_python("""
        from htmxtrame.compat import importer
        importer.install()
        from trame_vtk.modules.vtk.serializers import configure_serializer, encode_lut, skip_light
        configure_serializer(encode_lut=True, skip_light=True)
        encode_lut(True)
        skip_light(False)
        import trame_vtk.modules.vtk.serializers as s
        print(s.__spec__.name)
        from trame_vtk.modules.vtk.serializers.utils import reference_id  # picking's object ids
        print(reference_id(None))
    """)
    assert out.returncode == 0, out.stderr
    name, none_id = out.stdout.strip().splitlines()
    assert name == "htmxtrame.compat.trame_vtk.modules.vtk.serializers"
    assert none_id == "0x0"


@pytest.mark.parametrize("stmt, missing, hint", [
    ("from trame.widgets import plotly", "trame.widgets.plotly", "Use instead"),
    ("import trame.widgets.vega", "trame.widgets.vega", "SVG"),
    ("from trame.ui import nothing_here", "trame.ui.nothing_here", "Available beside it: core, html"),
    ("import trame.tools.serve", "trame.tools", "htmxtrame run"),
])
def test_a_name_htmxtrame_lacks_fails_at_import_naming_it_and_what_to_use(stmt, missing, hint):
    out = run_python(f"""
        from htmxtrame.compat import importer
        importer.install()
        try:
            {stmt}
        except ImportError as exc:
            print(type(exc).__name__, exc)
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("MissingTrameModule"), out.stdout
    assert f"'{missing}'" in out.stdout and hint in out.stdout


def test_a_missing_widget_class_is_pythons_own_error():
    out = run_python("""
        from htmxtrame.compat import importer
        importer.install()
        try:
            from trame.widgets.vuetify3 import VNoSuchWidget
        except ImportError as exc:
            print(exc)
    """)
    assert "cannot import name 'VNoSuchWidget'" in out.stdout


def test_without_the_hook_trame_is_not_importable_here():
    out = run_python("import trame.app")
    assert out.returncode != 0 and "No module named 'trame'" in out.stderr


def test_uninstall_forgets_the_aliases():
    out = run_python("""
        from htmxtrame.compat import importer
        importer.install()
        import trame.app
        importer.uninstall()
        import sys
        assert "trame.app" not in sys.modules and not importer.installed()
        try:
            import trame.app
        except ModuleNotFoundError:
            print("gone")
    """)
    assert out.stdout.strip() == "gone", out.stderr


def test_the_command_runs_the_file_as_main_with_its_arguments(tmp_path):
    (tmp_path / "mod.py").write_text("VALUE = 'from the app folder'\n")
    (tmp_path / "app.py").write_text(textwrap.dedent("""
        import sys
        from trame.app import get_server
        from mod import VALUE
        server = get_server()
        server.cli.add_argument("--greeting")
        args, _ = server.cli.parse_known_args()
        print(__name__, sys.argv[1:], args.greeting, VALUE, type(server).__module__)
    """))
    script = str(tmp_path / "app.py")
    out = run_python(f"from htmxtrame.command import main; main(['run', {script!r}, '--greeting', 'hi'])")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "__main__ ['--greeting', 'hi'] hi from the app folder htmxtrame.server"


def test_the_command_gives_the_app_an_absolute_file_path_as_python_does(tmp_path):
    # `python app.py` sets __main__.__file__ absolute (Python >= 3.9); trame's
    # examples rely on it (`Path(__file__).parent.parent.with_name("data")`).
    (tmp_path / "app.py").write_text(textwrap.dedent("""
        import sys
        from pathlib import Path
        print(Path(__file__).is_absolute(), Path(__file__).parent.name, Path(sys.argv[0]).name)
    """))
    out = run_python("from htmxtrame.command import main; main(['run', 'app.py'])", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", tmp_path.name, "app.py"]


def test_the_command_without_a_file_prints_usage_and_fails():
    out = subprocess.run([sys.executable, "-m", "htmxtrame"], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2 and "usage: htmxtrame run APP.py" in out.stdout
    out = subprocess.run([sys.executable, "-m", "htmxtrame", "run", "nope.py"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2 and "no such file: nope.py" in out.stderr


def test_a_vue2_trame_app_gets_vuetify2_names(tmp_path):
    (tmp_path / "app.py").write_text(textwrap.dedent("""
        from trame.app import get_server
        from trame.ui.vuetify import SinglePageLayout
        from trame.widgets import vuetify

        server = get_server(client_type="vue2")
        with SinglePageLayout(server) as layout:
            layout.title.set_text("v2 app")
            with layout.toolbar:
                vuetify.VSpacer()
                vuetify.VSwitch(v_model=("dark", False), hide_details=True, dense=True)
            with layout.content:
                with vuetify.VContainer(fluid=True):
                    vuetify.VSubheader("Settings")
                    vuetify.VTextField(v_model=("name", ""), label="Name", outlined=True, dense=True)
        server.state.ready()
        body = server.scope_for_request().renderer("main").render_page_body()
        assert "v-text-field" in body and "v-input--density-compact" in body, body
        assert "v-input--variant-outlined" in body, body  # outlined=True: a v2 prop name
        print("rendered")
    """))
    out = run_python(f"from htmxtrame.command import main; main(['run', {str(tmp_path / 'app.py')!r}])")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "rendered"
