"""Run a folder of trame apps, unchanged, on htmxtrame and drive each in Chromium.

    python scripts/port_examples.py /tmp/trame-examples            # every *.py that imports trame
    python scripts/port_examples.py DIR --mode rename               # rewrite the imports instead
    python scripts/port_examples.py DIR --only core_features --markdown

For each app: start it (``--mode run``: ``python -m htmxtrame run app.py``,
the import hook; ``--mode rename``: a copy with ``trame`` → ``htmxtrame`` in
its import lines, written beside it and run as ``python app.py``), wait until it serves, open it in
headless Chromium and check that the page loads without a server error,
shows something, and that operating its first button, slider, checkbox or
text field changes what the page shows; then read the server's output for
tracebacks. Prints one line per app and a summary (``--markdown``: a table
for ``docs/compat.md``). This script ships no trame code: point it at a
checkout of the apps you want to check.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
IMPORT_RE = re.compile(r"^(\s*)(from|import)\s+(trame(?:_server|_client|_vuetify)?)\b", re.M)
BANNER_RE = re.compile(r"https?://[\w.\-]+:(\d+)/")
# A server line that means something went wrong (a warning is not a failure).
ERROR_RE = re.compile(r"^(Traceback|\w*Error\b|.*\bERROR\b|Exception in)", re.M)
NOTICE = "Something went wrong on the server"
# What a person would operate first, in document order: a control the server
# listens to, else any control.
# (Not a size observer, which reports by itself, nor a file chooser.)
BOUND = ", ".join(f"[data-ht-{kind}]:not([data-ht-size]):not([type=file]):visible" for kind in ("on", "model"))
CONTROLS = (
    "button:visible, [role=button]:visible, input[type=range]:visible, [role=slider]:visible, "
    "input[type=checkbox]:visible, input[type=text]:visible, input:not([type]):visible, "
    "textarea:visible, select:visible"
)

TYPED = tuple(f"input:{t}" for t in ("text", "number", "email", "search", "password", "tel", "url")) + ("textarea",)
KIND_JS = (
    "e => e.tagName.toLowerCase() + (e.type ? ':' + e.type : '')"
    " + (e.getAttribute('role') ? '@' + e.getAttribute('role') : '')"
)
SNAPSHOT_JS = """() => {
  const b = document.body;
  if (!b) return '';
  const vals = [...document.querySelectorAll('input,textarea,select')]
    .map(e => e.type + '=' + (e.type === 'checkbox' ? e.checked : e.value));
  const imgs = [...document.querySelectorAll('img,canvas,svg')].map(e => e.getAttribute('src') || e.outerHTML.length);
  return b.innerText + '\\u0001' + vals.join('|') + '\\u0001' + imgs.join('|') + '\\u0001' + b.innerHTML;
}"""


@dataclass
class Result:
    """What happened to one app."""

    app: str
    status: str = "pass"
    cause: str = ""
    interaction: str = ""
    log: list[str] = field(default_factory=list)

    def fail(self, status: str, cause: str) -> Result:
        if self.status == "pass":
            self.status, self.cause = status, cause
        return self


def uses_trame(path: Path) -> bool:
    """True for a Python file that imports trame and starts a server."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return False
    return bool(IMPORT_RE.search(text)) and ("get_server" in text or "TrameApp" in text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def renamed_copy(app: Path) -> Path:
    """A copy of *app* beside it whose import lines say htmxtrame instead of trame.

    Beside the original, so the app's relative paths (``Path(__file__).parent
    / "data"``) still reach its files; :func:`run_one` removes it afterwards.
    """
    dest = app.with_name(f"_htmxtrame_port_{app.name}")
    text = app.read_text(errors="replace")
    dest.write_text(IMPORT_RE.sub(lambda m: f"{m[1]}{m[2]} {_rename(m[3])}", text))
    return dest


def _rename(name: str) -> str:
    return "htmxtrame" if name in ("trame", "trame_server", "trame_client", "trame_vuetify") else name


class App:
    """One app process; its output collected on a thread."""

    def __init__(self, script: Path, mode: str, port: int, python: str, pythonpath: str) -> None:
        base = [python, "-m", "htmxtrame", "run", str(script)] if mode == "run" else [python, str(script)]
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": pythonpath, "MPLBACKEND": "Agg"}
        env.pop("PYTEST_CURRENT_TEST", None)
        self.proc = subprocess.Popen(
            [*base, "--server", "--port", str(port), "--timeout", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            text=True, env=env, cwd=script.parent, start_new_session=True,
        )
        self.lines: list[str] = []
        self.port = port
        self._banner = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:  # type: ignore[union-attr]
            self.lines.append(line.rstrip("\n"))
            m = BANNER_RE.search(line)
            if m and not self._banner.is_set():
                self.port = int(m.group(1))
                self._banner.set()

    def wait_serving(self, timeout: float) -> bool:
        """True once something answers on the app's port (or the banner's)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return True
            except OSError:
                time.sleep(0.2)
        return False

    def output(self) -> str:
        return "\n".join(self.lines)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 15)  # the app's own process group (started above)
                self.proc.wait(5)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                os.killpg(self.proc.pid, 9)
                self.proc.wait(5)


def last_error(text: str) -> str:
    """The most telling line of a traceback (its last non-indented line)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    for i in range(len(lines) - 1, -1, -1):
        if re.match(r"^[\w.]+(Error|Exception|Exit)\b", lines[i]) or lines[i].startswith("htmxtrame."):
            return lines[i][:300]
    m = ERROR_RE.search(text)
    return (m.group(0) if m else (lines[-1] if lines else "exited"))[:300]


def _right_click_only(control) -> bool:
    events = (control.get_attribute("data-ht-on") or "").split()
    return "contextmenu" in events and "click" not in events


def drive(page, url: str, result: Result, settle: float) -> None:
    """Load the page, look at it, operate its first control."""
    errors: list[str] = []
    downloads: list[str] = []
    page.on("download", lambda d: downloads.append(d.suggested_filename))
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    resp = page.goto(url, wait_until="load", timeout=30000)
    if resp is None or resp.status >= 400:
        result.fail("load", f"HTTP {resp.status if resp else '?'} for the page")
        return
    try:  # connected: the glue script marks the body once the websocket is up
        page.wait_for_function("() => window.htmxtrame && window.htmxtrame.connected", timeout=10000)
    except Exception:
        pass
    page.wait_for_timeout(settle * 1000)
    text = page.evaluate("() => document.body ? document.body.innerText : ''")
    visuals = page.evaluate("() => document.querySelectorAll('img,canvas,svg,input,button').length")
    connected = page.evaluate("() => !!(window.htmxtrame && window.htmxtrame.connected)")
    if not connected:
        result.fail("no-socket", "the page's websocket never connected")
    elif not text.strip() and not visuals:
        result.interaction = "empty page"  # an empty layout (life-cycle demos): connected, nothing to show
    if NOTICE in text:
        result.fail("server-error", "the page shows the server error notice")
    controls = page.locator(BOUND)
    bound = controls.count() > 0
    if not bound:
        controls = page.locator(CONTROLS)
    if controls.count() == 0:
        result.interaction = result.interaction or "no control"
    else:
        # An already selected tab or option would change nothing: take the next one.
        control = next((c for c in controls.all()[:8] if c.get_attribute("aria-selected") != "true"), controls.first)
        before = page.evaluate(SNAPSHOT_JS)
        kind = control.evaluate(KIND_JS)
        try:
            if "range" in kind or "slider" in kind:
                control.focus()
                for _ in range(3):
                    page.keyboard.press("ArrowRight")
            elif kind.startswith(TYPED) or kind == "input":
                control.fill("42", timeout=3000)
                control.press("Enter")
            elif kind.startswith("select"):
                opts = control.locator("option")
                if opts.count() > 1:
                    control.select_option(index=1)
            elif _right_click_only(control):
                # it listens for right-clicks alone (a context menu): right-click a piece of its
                # text, as a person looking for that menu would (its items follow its header)
                leaves = control.locator("xpath=.//*[normalize-space(text())]")
                (leaves.last if leaves.count() else control).click(button="right", timeout=3000)
                kind += " (right-click)"
            else:
                control.click(timeout=3000, force=kind.startswith("input"))
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            result.interaction = f"{kind}: could not operate ({str(exc).splitlines()[0][:80]})"
        else:
            changed = False
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                page.wait_for_timeout(150)
                if downloads or page.evaluate(SNAPSHOT_JS) != before:
                    changed = True
                    break
            what = f"downloaded {downloads[0]}" if downloads else "changed" if changed else "no visible change"
            result.interaction = f"{kind}: {what}"
            if not changed and bound:
                # The server listens to it, yet nothing on the page moved.
                result.fail("inert", f"operating its first bound control ({kind}) changed nothing on the page")
        text = page.evaluate("() => document.body ? document.body.innerText : ''")
        if NOTICE in text:
            result.fail("server-error", "the server error notice after operating " + kind)
    real = [e for e in errors if "favicon" not in e]
    if real:
        result.fail("page-error", real[0][:200])


def run_one(script: Path, label: str, args: argparse.Namespace, browser) -> Result:
    result = Result(label)
    target = renamed_copy(script) if args.mode == "rename" else script
    app = App(target, args.mode, free_port(), args.python, str(args.pythonpath))
    try:
        if not app.wait_serving(40):
            out = app.output()
            return result.fail("start", last_error(out) if out.strip() else "did not start serving")
        page = browser.new_page()
        try:
            drive(page, f"http://localhost:{app.port}/", result, args.settle)
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            result.fail("load", str(exc).splitlines()[0][:200])
        finally:
            page.close()
        time.sleep(0.3)
        out = app.output()
        if ERROR_RE.search(out):
            result.fail("server-log", last_error(out))
    finally:
        app.stop()
        result.log = app.lines
        if target != script:
            target.unlink(missing_ok=True)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--mode", choices=("run", "rename"), default="run")
    p.add_argument("--only", action="append", default=[], help="substring of the app path (repeatable)")
    p.add_argument("--skip", action="append", default=[], help="substring of the app path to leave out")
    p.add_argument("--python", default=sys.executable)
    p.add_argument("--pythonpath", type=Path, default=ROOT, help="where htmxtrame is imported from (another checkout)")
    p.add_argument("--settle", type=float, default=0.5, help="seconds to let the page settle after load")
    p.add_argument("--markdown", action="store_true", help="print a results table")
    p.add_argument("--logs", type=Path, help="folder to write each app's server output to")
    args = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    apps = sorted(a for a in args.folder.rglob("*.py") if uses_trame(a) and not a.name.startswith("_htmxtrame_port_"))
    apps = [a for a in apps if (not args.only or any(o in str(a) for o in args.only))
            and not any(s in str(a) for s in args.skip)]
    results: list[Result] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        for app in apps:
            label = str(app.relative_to(args.folder))
            r = run_one(app, label, args, browser)
            results.append(r)
            print(f"{r.status:12} {label}  [{r.interaction}] {r.cause}", flush=True)
            if args.logs:
                out = args.logs / (label.replace("/", "__") + ".log")
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text("\n".join(r.log))
        browser.close()
    passed = sum(r.status == "pass" for r in results)
    print(f"\n{passed} of {len(results)} pass ({args.mode})")
    if args.markdown:
        print("\n| example | status | interaction | cause |\n|---|---|---|---|")
        for r in results:
            print(f"| `{r.app}` | {r.status} | {r.interaction} | {r.cause.replace('|', '/')} |")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
