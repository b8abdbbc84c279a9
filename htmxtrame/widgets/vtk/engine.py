"""The server-side renderer behind every VTK view.

One thread per process renders every view: VTK pipelines and OpenGL
contexts are not for concurrent use. Pointer input arrives on websocket
threads and only *queues* camera operations; the render thread applies
them, renders, encodes and hands the frame to every page subscribed to the
view. Requests coalesce: while a view renders, further input merges into one
pending request, so stale moves are dropped and the latest is always drawn.
The still frame that follows a drag re-encodes the last interactive frame's
pixels when they already are the still frame's size and nothing moved since,
instead of rendering the same picture again.
Rendering holds the server's state lock, the lock app code runs under
(listeners, handlers), so a callback changing the pipeline never races a render.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any

from . import camera
from .frames import Encoder, Frame

log = logging.getLogger("htmxtrame.vtk")

MAX_SIDE = 4096          # pixels per side of a rendered frame
# Pixels per frame: a 1440 x 800 CSS view at device pixel ratio 2 is 4.6 M; past
# 2560 x 1440 the frame shrinks (software OpenGL takes seconds for 8 M pixels,
# and one render thread serves every view).
MAX_PIXELS = 2560 * 1440
MAX_OPS = 64             # camera operations queued per view before merging harder
MAX_JOBS = 64            # calls (picks) waiting for the render thread; more are refused
STILL_DELAY = 0.25       # s after the last interactive frame before the full still one
DEFAULT_SIZE = (400, 300)
# What a request asks for, weakest first; requests waiting for the same view merge to the strongest.
INTERACTIVE, SETTLE, STILL = 0, 1, 2
KINDS = {"interactive": INTERACTIVE, "settle": SETTLE, "still": STILL}

_ids = itertools.count(1)
_adopted: weakref.WeakSet = weakref.WeakSet()  # windows whose OpenGL context the render thread made
views: dict[str, ViewRenderer] = {}  # id -> view, for the websocket (ids are per process)
_views_lock = threading.Lock()


def clamp(value: Any, low: float, high: float, default: float) -> float:
    """*value* as a finite float within [low, high]; *default* when it is not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return default
    return min(max(float(value), low), high)


class ViewRenderer:
    """A render window served to pages: its size, camera operations, frames and subscribers."""

    def __init__(
        self,
        window: Any,
        state: Any,
        interactive_ratio: float = 1.0,
        interactive_quality: int = 60,
        still_quality: int = 94,
        still_ratio: float = 1.0,
        interactive_multisamples: int | None = None,
    ) -> None:
        self.id = f"v{next(_ids)}"
        self.window = window
        self.state = state
        self.interactive_ratio = clamp(interactive_ratio, 0.1, 1.0, 1.0)
        self.interactive_quality = int(clamp(interactive_quality, 1, 100, 60))
        self.still_quality = int(clamp(still_quality, 1, 100, 94))
        self.still_ratio = clamp(still_ratio, 0.1, 1.0, 1.0)
        # Anti-aliasing samples while dragging (None: the window's own). Software OpenGL spends
        # most of a frame on multisampling, so 0 makes drag frames several times cheaper.
        self.interactive_multisamples = (
            None if interactive_multisamples is None else int(clamp(interactive_multisamples, 0, 16, 0))
        )
        self._still_samples: int | None = None  # the window's own samples while a drag uses others
        self.css_size: tuple[int, int] = DEFAULT_SIZE
        self.dpr = 1.0
        self.lock = threading.Lock()  # guards ops, subscribers, last_still, deadlines
        self.ops: list[tuple] = []
        self.subscribers: set[Any] = set()
        self.last_still: Frame | None = None
        self.seq = 0
        self.next_due: float | None = None  # when to render the next still (after interaction, animation)
        self.animation_period: float | None = None
        self.drags = 0  # pages dragging in this view now: the still frame waits for their release
        self.frames_rendered = 0  # frames sent out
        self.draws = 0            # of which VTK rendered (a settle frame may reuse pixels)
        self.waiters: list[Callable[[bytes], None]] = []  # capture_image() callers wanting PNG
        self._encoder: Encoder | None = None
        self._reusable = False  # the encoder holds pixels at still size with every queued op applied
        self.before_render: Callable[[], None] | None = None  # a declarative view syncs its pipeline
        # Called with each frame once it is out (render thread, no lock held): vtklocal's events.
        self.after_render: Callable[[Frame], None] | None = None
        try:
            window.SetOffScreenRendering(1)
        except Exception:  # noqa: BLE001 - a window type without the switch still renders
            pass
        # The element's pick callback (kind, CSS box x0, y0, x1, y1), run on the render thread;
        # None: no picking. ``selecting()``: a left drag draws a selection box now, not a rotation.
        self.on_pick: Callable[[str, tuple[float, float, float, float]], None] | None = None
        self.selecting: Callable[[], bool] | None = None
        with _views_lock:
            views[self.id] = self

    # -- requests (any thread) -------------------------------------------------
    def request(self, kind: str = "still") -> None:
        """Render a frame soon: ``"still"`` (full size and quality), ``"interactive"``, or
        ``"settle"`` (the still frame after interaction: the last pixels serve if nothing changed)."""
        ENGINE.request(self, kind)

    def queue(self, op: tuple) -> None:
        """Queue a camera operation (``("rotate", dx, dy, size)``, ``("zoom", f)``...)."""
        with self.lock:
            last = self.ops[-1] if self.ops else None
            if last is not None and last[0] == op[0] and op[0] in ("rotate", "pan"):
                self.ops[-1] = (op[0], last[1] + op[1], last[2] + op[2], op[3])  # merge a stale move
            elif last is not None and last[0] == op[0] == "zoom":
                self.ops[-1] = ("zoom", last[1] * op[1])
            elif len(self.ops) < MAX_OPS:
                self.ops.append(op)
            else:
                self.ops[-1] = op

    def set_size(self, width: Any, height: Any, dpr: Any = 1.0) -> bool:
        """The page shows the view at *width* × *height* CSS pixels; True if that changed."""
        size = (int(clamp(width, 1, MAX_SIDE, DEFAULT_SIZE[0])), int(clamp(height, 1, MAX_SIDE, DEFAULT_SIZE[1])))
        ratio = clamp(dpr, 0.5, 4.0, 1.0)
        with self.lock:
            changed = size != self.css_size or ratio != self.dpr
            self.css_size, self.dpr = size, ratio
        return changed

    def subscribe(self, sub: Any) -> Frame | None:
        """Send this view's frames to *sub*; returns the current frame, if any."""
        with self.lock:
            self.subscribers.add(sub)
            return self.last_still

    def unsubscribe(self, sub: Any) -> None:
        """Stop sending frames to *sub*."""
        with self.lock:
            self.subscribers.discard(sub)

    def capture(self, timeout: float = 5.0) -> bytes:
        """A PNG of the view as it is now (rendered fresh unless this thread holds the state lock)."""
        lock = getattr(self.state, "_lock", None)
        holding = lock is not None and getattr(lock, "_is_owned", lambda: False)()
        if not holding:
            done = threading.Event()
            box: list[bytes] = []

            def got(png: bytes) -> None:
                box.append(png)
                done.set()

            with self.lock:
                self.waiters.append(got)
            self.request("still")
            if done.wait(timeout) and box:
                return box[0]
            with self.lock:
                if got in self.waiters:
                    self.waiters.remove(got)
        # The render thread needs the lock this thread holds: hand back the last still frame.
        frame = self.last_still
        if frame is None:
            raise RuntimeError("the view has not rendered yet; call capture_image() outside a state callback")
        return frame.data

    def close(self) -> None:
        """Forget this view (its window stays the app's)."""
        with _views_lock:
            views.pop(self.id, None)
        with self.lock:
            self.subscribers.clear()

    # -- rendering (render thread only) ------------------------------------------
    def target_size(self, still: bool) -> tuple[int, int]:
        """Pixels to render: CSS size × device pixel ratio × ratio, bounded."""
        ratio = self.still_ratio if still else self.interactive_ratio
        w, h = self.css_size
        scale = self.dpr * ratio
        pw, ph = max(1, round(w * scale)), max(1, round(h * scale))
        if pw * ph > MAX_PIXELS:
            shrink = (MAX_PIXELS / (pw * ph)) ** 0.5
            pw, ph = max(1, int(pw * shrink)), max(1, int(ph * shrink))
        return min(pw, MAX_SIDE), min(ph, MAX_SIDE)

    def render(self, still: bool, kind: int | None = None) -> Frame:
        """Apply queued camera operations, render and encode one frame.

        *kind* ``SETTLE`` lets the frame reuse the pixels last read when they
        can be the still frame as they are."""
        kind = (STILL if still else INTERACTIVE) if kind is None else kind
        with self.lock:
            ops, self.ops = self.ops, []
            waiters, self.waiters = (self.waiters, []) if still else ([], self.waiters)
        size = self.target_size(still)
        reuse = kind == SETTLE and not ops and self._reusable and self._encoder is not None \
            and self._encoder.size == size
        if not reuse:
            self._draw(ops, size, interactive=not still)
        self._reusable = size == self.target_size(True) and (still or self.interactive_multisamples is None)
        encoder = self._encoder
        if encoder is None:
            raise RuntimeError("no pixels to encode")  # unreachable: _draw made the encoder
        # Encoding reads only the copied pixels: outside the lock, app code runs meanwhile.
        data, mime = encoder.encode(self.still_quality if still else self.interactive_quality)
        for waiter in waiters:
            waiter(data if mime == "image/png" else encoder.png_bytes())
        self.seq += 1
        self.frames_rendered += 1
        frame = Frame(self.id, self.seq, size[0], size[1], mime, still, data)
        with self.lock:
            if still:
                self.last_still = frame
            subs = list(self.subscribers)
        for sub in subs:
            sub.offer(frame)
        if self.after_render is not None:
            self.after_render(frame)
        return frame

    def _samples(self, interactive: bool) -> None:
        """Switch the window to the drag's anti-aliasing samples, or back to its own."""
        if self.interactive_multisamples is None:
            return
        if interactive and self._still_samples is None:
            self._still_samples = self.window.GetMultiSamples()
            self.window.SetMultiSamples(self.interactive_multisamples)
        elif not interactive and self._still_samples is not None:
            self.window.SetMultiSamples(self._still_samples)
            self._still_samples = None

    def _draw(self, ops: list[tuple], size: tuple[int, int], interactive: bool = False) -> None:
        """Render at *size* after *ops* and read the pixels (state lock held)."""
        with _state_lock(self.state):
            if self.before_render is not None:
                self.before_render()
            _adopt(self.window)
            renderer = camera.renderer_of(self.window)
            for op in ops:
                _apply(renderer, op)
            if tuple(self.window.GetSize()) != size:
                self.window.SetSize(*size)
            self._samples(interactive)
            self.window.Render()
            self.draws += 1
            if self._encoder is None:
                self._encoder = Encoder(self.window)
            self._encoder.read()


def _adopt(window: Any) -> None:
    """Give *window* an OpenGL context made on the render thread (render thread only).

    Apps often call ``render_window.Render()`` at start-up, on the main
    thread: the context (and its vertex arrays) then belong to that thread.
    Drawing from the render thread still works, but VTK's hardware picking
    (``vtkPropPicker``, ``vtkHardwareSelector``, which pick handlers use)
    finds nothing there. Releasing the window's graphics resources once lets
    the next ``Render()`` make a fresh context on this thread.
    """
    try:
        if window in _adopted:
            return
        _adopted.add(window)
    except TypeError:  # not weakly referenceable (a stand-in window in tests): nothing to adopt
        return
    initialized = getattr(window, "GetInitialized", None)
    if initialized is not None and initialized():
        window.Finalize()


def _apply(renderer: Any, op: tuple) -> None:
    kind = op[0]
    if kind == "rotate":
        camera.rotate(renderer, op[1], op[2], op[3])
    elif kind == "pan":
        camera.pan(renderer, op[1], op[2], op[3])
    elif kind == "dolly":
        camera.drag_zoom(renderer, op[2], op[3])
    elif kind == "zoom":
        camera.zoom(renderer, op[1])
    elif kind == "reset":
        camera.reset(renderer)


class _state_lock:
    """``with _state_lock(state):`` holds the state's lock if it has one."""

    def __init__(self, state: Any) -> None:
        self.lock = getattr(state, "_lock", None)

    def __enter__(self) -> None:
        if self.lock is not None:
            self.lock.acquire()

    def __exit__(self, *exc: Any) -> None:
        if self.lock is not None:
            self.lock.release()


class Engine:
    """The render thread: one pending request per view, served in turn."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._pending: dict[ViewRenderer, int] = {}  # view -> INTERACTIVE, SETTLE or STILL
        self._jobs: deque[Callable[[], None]] = deque()  # calls to make on the render thread (picks)
        self._thread: threading.Thread | None = None
        self.busy: ViewRenderer | None = None

    def request(self, view: ViewRenderer, kind: str) -> None:
        """Ask for a frame of *view*; merges with a request already waiting."""
        level = KINDS.get(kind, STILL)
        with self._cond:
            self._pending[view] = max(self._pending.get(view, INTERACTIVE), level)
            if level == INTERACTIVE and not view.drags:
                view.next_due = time.monotonic() + STILL_DELAY  # the full frame once wheeling pauses
            self._start()
            self._cond.notify()

    def call(self, fn: Callable[[], None]) -> bool:
        """Run *fn* on the render thread, where VTK's OpenGL context lives (a pick renders).

        Returns False (and drops *fn*) when ``MAX_JOBS`` calls already wait.
        """
        with self._cond:
            if len(self._jobs) >= MAX_JOBS:
                return False
            self._jobs.append(fn)
            self._start()
            self._cond.notify()
        return True

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="htmxtrame-vtk-render", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Re-check deadlines (animation started)."""
        with self._cond:
            self._cond.notify()

    def _next(self) -> tuple[ViewRenderer, int] | Callable[[], None]:
        with self._cond:
            while True:
                if self._jobs:
                    return self._jobs.popleft()
                now = time.monotonic()
                nearest = None
                with _views_lock:
                    live = list(views.values())
                for view in live:
                    due = view.next_due
                    if due is None:
                        continue
                    if due <= now:
                        view.next_due = None
                        level = SETTLE
                        if view.animation_period is not None:
                            view.next_due = now + view.animation_period
                            level = STILL
                        self._pending[view] = max(self._pending.get(view, INTERACTIVE), level)
                    elif nearest is None or due < nearest:
                        nearest = due
                if self._pending:
                    view = next(iter(self._pending))
                    return view, self._pending.pop(view)
                self._cond.wait(None if nearest is None else max(nearest - now, 0.001))

    def _run(self) -> None:
        while True:
            job = self._next()
            if not isinstance(job, tuple):
                try:
                    job()
                except Exception:  # noqa: BLE001 - a failed call must not stop every view
                    log.exception("a call on the VTK render thread failed")
                continue
            view, kind = job
            self.busy = view
            try:
                view.render(kind != INTERACTIVE, kind)
            except Exception as exc:  # noqa: BLE001 - one broken pipeline must not stop every view
                log.exception("rendering VTK view %s failed", view.id)
                with view.lock:
                    subs = list(view.subscribers)
                why = f"the server could not render this view: {type(exc).__name__}: {exc}"
                for sub in subs:
                    sub.error(view.id, "render-failed", why)
            finally:
                self.busy = None


ENGINE = Engine()
