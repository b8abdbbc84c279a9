"""server.cli: trame's flags, apps' own flags, unknown flags, pytest's argv."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import uuid

import pytest

from htmxtrame.server import Server


def make() -> Server:
    return Server(f"cli-{uuid.uuid4().hex[:8]}")


def test_builtin_flags_and_defaults():
    args, rest = make().cli.parse_known_args([])
    assert (args.port, args.host, args.timeout, args.server, args.app, args.debug, args.banner) == (
        8080, "localhost", 300, False, False, False, False)
    args, _ = make().cli.parse_known_args(["-p", "0", "--host", "0.0.0.0", "--timeout", "0", "--server", "--debug"])
    assert (args.port, args.host, args.timeout, args.server, args.debug) == (0, "0.0.0.0", 0, True, True)


def test_app_flags_and_unknown_flags_pass_through():
    cli = make().cli
    cli.add_argument("--data", default="none")
    args, rest = cli.parse_known_args(["--data", "x.vtk", "--launcher-flag", "7"])
    assert args.data == "x.vtk" and rest == ["--launcher-flag", "7"]
    assert cli.parse_args(["--data", "y", "--other"]).data == "y"  # parse_args never aborts on unknown flags


def test_under_pytest_argv_is_not_read_but_trame_args_is(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["pytest", "-x", "--port", "1234"])
    monkeypatch.delenv("TRAME_ARGS", raising=False)
    assert make().cli.parse_known_args()[0].port == 8080
    monkeypatch.setenv("TRAME_ARGS", "--port 4321 --server")
    args = make().cli.parse_known_args()[0]
    assert args.port == 4321 and args.server


SCRIPT = textwrap.dedent("""
    from htmxtrame.app import get_server
    from htmxtrame.ui.html import DivLayout
    from htmxtrame.widgets import html
    server = get_server()
    server.cli.add_argument("--greeting", default="hi")
    args, _ = server.cli.parse_known_args()
    with DivLayout(server):
        html.Div(args.greeting)
    server.controller.on_server_ready.add(lambda **kw: (print("READY", args.greeting, args.port, flush=True), server.stop()))
    server.start()
""")


def test_a_script_reads_its_command_line_outside_pytest(tmp_path):
    script = tmp_path / "app.py"
    script.write_text(SCRIPT)
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTEST_CURRENT_TEST"}
    out = subprocess.run(
        [sys.executable, str(script), "--server", "--port", "0", "--host", "127.0.0.1", "--greeting", "yo", "--banner"],
        capture_output=True, text=True, timeout=30, env=env,
    )
    assert out.returncode == 0, out.stderr
    assert "READY yo 0" in out.stdout and "http://127.0.0.1:" in out.stdout


def test_app_flag_opens_the_desktop_window(tmp_path, monkeypatch):
    import os
    import stat

    marker = tmp_path / "opened"
    fake = tmp_path / "fake-browser"
    fake.write_text(f"#!{sys.executable}\nimport sys\nopen({str(marker)!r}, 'w').write(' '.join(sys.argv[1:]))\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("HTMXTRAME_BROWSER", str(fake))
    monkeypatch.setenv("TRAME_ARGS", "--app --port 0 --host 127.0.0.1 --timeout 0")
    server = make()
    server.start(show_connection_info=False)  # exec_mode "main" + --app → desktop; returns when the window closes
    assert f"--app=http://127.0.0.1:{server.port}/" in marker.read_text()
    assert not server.running
    assert os.environ["TRAME_ARGS"].startswith("--app")


CTRL_C_APP = textwrap.dedent("""
    import sys
    import threading
    from htmxtrame.app import get_server
    from htmxtrame.widgets import html
    from htmxtrame.ui.html import DivLayout
    server = get_server()
    with DivLayout(server):
        html.Div("hi")
    moment = sys.argv[1]

    def busy(**kw):  # a hook still at work (loading data, say) when the user gives up
        print("BUSY", flush=True)
        threading.Event().wait()  # until Ctrl-C

    if moment == "start-hook":
        server.controller.on_server_start.add(lambda s: busy())
    elif moment == "ready-hook":
        server.controller.on_server_ready.add(busy)
    server.controller.on_server_exited.add(lambda **kw: print("EXITED", flush=True))
    server.start()
    print("RETURNED", flush=True)
""")


@pytest.mark.parametrize("moment", ["start-hook", "ready-hook", "serving"])
def test_ctrl_c_stops_a_main_mode_server_cleanly(tmp_path, moment):
    """Ctrl-C while start() runs a hook, or while it serves: a clean stop, wherever it lands."""
    import os
    import signal
    import urllib.request

    script = tmp_path / "app.py"
    script.write_text(CTRL_C_APP)
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    proc = subprocess.Popen(
        [sys.executable, str(script), moment, "--server", "--port", "0", "--host", "127.0.0.1", "--timeout", "0",
         "--banner"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        # A runner started in the background (nohup, `cmd &` without job control)
        # ignores SIGINT, and a child would inherit that: give the app a terminal's Ctrl-C.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    seen = []
    try:
        for line in proc.stdout:  # blocks until the app reaches the moment
            seen.append(line)
            if moment != "serving" and "BUSY" in line:
                break
            if moment == "serving" and "http://127.0.0.1:" in line:
                url = line.split("Local:", 1)[1].strip()
                with urllib.request.urlopen(url, timeout=10) as resp:  # answered: the accept loop runs
                    assert b"hi" in resp.read()
                break
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
    finally:
        proc.kill()
    out = "".join(seen) + out
    assert proc.returncode == 0, out
    assert "EXITED" in out and "RETURNED" in out and "Traceback" not in out
    assert out.count("EXITED") == 1, out
