"""The VTK views' websocket: pointer input up (JSON), frames down (binary).

One socket per page carries every view on it (``__htmxtrame/x/vtk``). The
page subscribes to views by id with its CSS size and device pixel ratio, and
sends pointer events; the server answers with frames. Frames go out on a
sender thread per page that keeps only the newest frame per view, so a slow
page skips frames instead of queueing them and slows no one else.

Every message is checked: unknown view ids are refused with an error
message, numbers are clamped, sizes bounded, and more than
``MAX_MESSAGES_PER_SECOND`` are dropped.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

from simple_websocket import ConnectionClosed

from . import engine
from .camera import wheel_zoom_factor
from .engine import MAX_SIDE, ViewRenderer, clamp
from .frames import Frame

log = logging.getLogger("htmxtrame.vtk")

MAX_MESSAGE = 1024               # bytes of one input message
MAX_MESSAGES_PER_SECOND = 400    # a pointer moves at most a few hundred times a second
MAX_VIEWS_PER_PAGE = 256
MAX_COORD = 10 * MAX_SIDE
KINDS = frozenset({"sub", "unsub", "size", "down", "move", "up", "wheel", "zoom", "key", "pick"})
PICKS = frozenset({"click", "hover"})


class Connection:
    """One page's VTK socket: its subscriptions, drags and outgoing frames."""

    def __init__(self, ws: Any, state: Any) -> None:
        self.ws = ws
        self.state = state
        self.views: dict[str, ViewRenderer] = {}
        self.drags: dict[str, tuple[str, float, float]] = {}  # view id -> (mode, last x, last y)
        self.boxes: dict[str, tuple[float, float, float, float]] = {}  # view id -> selection box being drawn
        self._cond = threading.Condition()
        self._frames: dict[str, Frame] = {}
        self._texts: list[str] = []
        self._open = True
        self._tokens = float(MAX_MESSAGES_PER_SECOND)
        self._stamp = time.monotonic()
        self._reported = 0.0
        self.frames_sent = 0
        self._sender = threading.Thread(target=self._send_loop, name="htmxtrame-vtk-send", daemon=True)
        self._sender.start()

    # -- down -------------------------------------------------------------------
    def offer(self, frame: Frame) -> None:
        """Send *frame* when the socket is free; replaces an unsent older frame of the view."""
        with self._cond:
            self._frames.pop(frame.view, None)
            self._frames[frame.view] = frame
            self._cond.notify()

    def error(self, view: str | None, code: str, message: str) -> None:
        """Tell the page something it sent was refused (or a render failed)."""
        self.tell({"v": view, "error": {"code": code, "message": message}})

    def tell(self, message: dict) -> None:
        """Send the page a small JSON message (an error, or that a drag draws a selection box)."""
        text = json.dumps(message)
        with self._cond:
            if len(self._texts) < 16:
                self._texts.append(text)
                self._cond.notify()

    def _send_loop(self) -> None:
        while True:
            with self._cond:
                while self._open and not self._frames and not self._texts:
                    self._cond.wait()
                if not self._open:
                    return
                texts, self._texts = self._texts, []
                frames = list(self._frames.values())
                self._frames.clear()
            try:
                for text in texts:
                    self.ws.send(text)
                for frame in frames:
                    self.ws.send(frame.message)
                    self.frames_sent += 1
            except Exception:  # noqa: BLE001 - the page went away; the receive loop ends too
                self.close()
                return

    def close(self) -> None:
        """Stop sending; forget every subscription."""
        with self._cond:
            self._open = False
            self._cond.notify()
        for view in list(self.views.values()):
            if self._end_drag(view):  # a page that left mid-drag: show the still frame
                view.request("settle")
            view.unsubscribe(self)
        self.views.clear()

    # -- up ---------------------------------------------------------------------
    def allow(self) -> bool:
        """Token bucket: MAX_MESSAGES_PER_SECOND, bursts of twice that."""
        now = time.monotonic()
        self._tokens = min(2.0 * MAX_MESSAGES_PER_SECOND, self._tokens + (now - self._stamp) * MAX_MESSAGES_PER_SECOND)
        self._stamp = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        if now - self._reported > 1.0:
            self._reported = now
            self.error(None, "rate-limited", f"more than {MAX_MESSAGES_PER_SECOND} view messages a second; dropped")
        return False

    def handle(self, raw: Any) -> None:
        """Apply one message from the page (refusing what does not fit)."""
        if not isinstance(raw, str) or len(raw) > MAX_MESSAGE:
            self.error(None, "bad-message", f"view messages are JSON text of at most {MAX_MESSAGE} bytes")
            return
        try:
            msg = json.loads(raw)
        except ValueError:
            self.error(None, "bad-message", "a view message must be JSON")
            return
        if not isinstance(msg, dict) or msg.get("t") not in KINDS or not isinstance(msg.get("v"), str):
            self.error(None, "bad-message",
                       "a view message is {t: sub|size|down|move|up|wheel|zoom|key|pick, v: view id, ...}")
            return
        vid = msg["v"][:64]
        view = self.views.get(vid)
        if msg["t"] == "sub":
            self._subscribe(vid, msg)
        elif view is None:
            self.error(vid, "unknown-view", f"no view {vid!r} is subscribed on this page; reload the page")
        else:
            getattr(self, "_on_" + msg["t"])(view, msg)

    def _subscribe(self, vid: str, msg: dict) -> None:
        view = engine.views.get(vid)
        if view is None or view.state is not self.state:
            self.error(vid, "unknown-view", f"this server has no view {vid!r}; reload the page if the layout changed")
            return
        if vid not in self.views and len(self.views) >= MAX_VIEWS_PER_PAGE:
            self.error(vid, "too-many-views", f"at most {MAX_VIEWS_PER_PAGE} views per page")
            return
        self.views[vid] = view
        changed = view.set_size(msg.get("w"), msg.get("h"), msg.get("dpr", 1))
        current = view.subscribe(self)
        if current is not None:
            self.offer(current)  # a late page sees the picture at once
        if changed or current is None or (current.width, current.height) != view.target_size(True):
            view.request("still")

    def _on_unsub(self, view: ViewRenderer, msg: dict) -> None:
        if self._end_drag(view):
            view.request("settle")
        view.unsubscribe(self)
        self.views.pop(view.id, None)

    def _on_size(self, view: ViewRenderer, msg: dict) -> None:
        if view.set_size(msg.get("w"), msg.get("h"), msg.get("dpr", 1)):
            view.request("still")

    def _on_down(self, view: ViewRenderer, msg: dict) -> None:
        button = int(clamp(msg.get("b"), 0, 2, 0))
        shift, ctrl = msg.get("shift") is True, msg.get("ctrl") is True
        if button == 0 and not shift and not ctrl and view.selecting is not None and view.selecting():
            mode = "select"  # trame-vtk's box selection: the drag draws a box, the camera stays
        elif button == 1 or (button == 0 and shift):
            mode = "pan"
        elif button == 2 or (button == 0 and ctrl):
            mode = "dolly"
        else:
            mode = "rotate"
        if view.id not in self.drags:
            with view.lock:
                view.drags += 1
        x, y = _coord(msg.get("x")), _coord(msg.get("y"))
        self.drags[view.id] = (mode, x, y)
        if mode == "select":
            self.boxes[view.id] = (x, y, x, y)
            self.tell({"v": view.id, "select": True})  # the page draws the box while the drag lasts

    def _on_move(self, view: ViewRenderer, msg: dict) -> None:
        drag = self.drags.get(view.id)
        if drag is None:
            return  # hovering: nothing to render
        mode, x0, y0 = drag
        x, y = _coord(msg.get("x"), x0), _coord(msg.get("y"), y0)
        self.drags[view.id] = (mode, x, y)
        box = self.boxes.get(view.id)
        if box is not None:
            self.boxes[view.id] = (box[0], box[1], x, y)
            return
        view.queue((mode, x - x0, y - y0, view.css_size))
        view.request("interactive")

    def _on_up(self, view: ViewRenderer, msg: dict) -> None:
        box, pick = self.boxes.pop(view.id, None), view.on_pick
        if self._end_drag(view):
            view.request("settle")
        if box is not None and pick is not None and (abs(box[2] - box[0]) > 1 or abs(box[3] - box[1]) > 1):
            if not engine.ENGINE.call(lambda: pick("select", box)):
                self.error(view.id, "busy", "too many picks are waiting; this selection was dropped")

    def _end_drag(self, view: ViewRenderer) -> bool:
        self.boxes.pop(view.id, None)
        if self.drags.pop(view.id, None) is None:
            return False
        with view.lock:
            view.drags = max(0, view.drags - 1)
        return True

    def _on_wheel(self, view: ViewRenderer, msg: dict) -> None:
        view.queue(("zoom", wheel_zoom_factor(clamp(msg.get("dy"), -1000, 1000, 0))))
        view.request("interactive")

    def _on_zoom(self, view: ViewRenderer, msg: dict) -> None:
        view.queue(("zoom", clamp(msg.get("f"), 0.5, 2.0, 1.0)))
        view.request("interactive")

    def _on_pick(self, view: ViewRenderer, msg: dict) -> None:
        # A click (no drag) or a hover at CSS (x, y): the view picks there on the render thread.
        kind, pick = msg.get("k"), view.on_pick
        if kind not in PICKS or pick is None:
            self.error(view.id, "bad-message", "a pick is {t: pick, k: click|hover, x, y} on a view with picking")
            return
        x, y = clamp(msg.get("x"), 0, MAX_SIDE, 0), clamp(msg.get("y"), 0, MAX_SIDE, 0)
        if not engine.ENGINE.call(lambda: pick(kind, (x, y, x, y))):
            self.error(view.id, "busy", "too many picks are waiting; this one was dropped")

    def _on_key(self, view: ViewRenderer, msg: dict) -> None:
        if msg.get("key") in ("r", "R"):
            view.queue(("reset",))
            view.request("still")


def _coord(value: Any, default: float = 0.0) -> float:
    return clamp(value, -MAX_COORD, MAX_COORD, default)


def serve(server: Any, ws: Any) -> None:
    """Run one page's VTK socket until it closes."""
    conn = Connection(ws, server.state)
    try:
        while True:
            try:
                raw = ws.receive(timeout=1.0)
            except ConnectionClosed:
                return
            if raw is None:
                if not ws.connected:
                    return
                continue
            if conn.allow():
                try:
                    conn.handle(raw)
                except Exception:  # noqa: BLE001 - a bug must not end the page's views
                    log.exception("handling a VTK view message failed")
                    conn.error(None, "server-error", "the server failed to handle this view message; see its log")
    finally:
        conn.close()
