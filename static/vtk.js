// htmxtrame VTK views: show the frames the server renders, send pointer input back.
//
// Loaded by each view element (<div data-ht-vtk="v1">); runs once per page.
// One websocket (__htmxtrame/x/vtk) carries every view of the page: JSON up
// ({t: "sub"|"size"|"down"|"move"|"up"|"wheel"|"zoom"|"key"|"pick", v: id, ...}),
// binary frames down ([4-byte header length][JSON header][JPEG/PNG bytes]).
// At most two interactive messages per view are on their way before a frame
// comes back: one the server is rendering, one it starts on as soon as that
// frame is out (the server merges what arrives meanwhile). Newer moves replace
// the held one (wheel steps add up), so input never outruns the renderer and
// the last position is always drawn.
(() => {
  "use strict";
  if (window.htmxtrameVtk) return;

  const RETRY_MAX = 3000;   // ms between reconnects, at most
  const INFLIGHT_MS = 1000; // a frame that never comes frees the view after this
  const PIPELINE = 2;       // interactive messages sent per view before a frame must come back
  const views = new Map();  // id -> view record
  let socket = null;
  let retry = 250;

  function socketUrl() {
    const u = new URL("__htmxtrame/x/vtk", document.baseURI);
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    return u.href;
  }

  function raw(msg) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
  }

  function sizeMsg(view, t) {
    const r = view.el.getBoundingClientRect();
    return { t, v: view.id, w: Math.max(1, Math.round(r.width)), h: Math.max(1, Math.round(r.height)), dpr: window.devicePixelRatio || 1 };
  }

  function connect() {
    socket = new WebSocket(socketUrl());
    socket.binaryType = "arraybuffer";
    socket.onopen = () => {
      retry = 250;
      for (const view of views.values()) { view.inflight = 0; raw(sizeMsg(view, "sub")); }
    };
    socket.onmessage = e => (typeof e.data === "string" ? onText(e.data) : onFrame(e.data));
    socket.onclose = () => {
      socket = null;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, RETRY_MAX);
    };
  }

  function onText(text) {
    let msg;
    try { msg = JSON.parse(text); } catch (err) { return; }
    if (msg.select) { startBox(views.get(msg.v)); return; }
    if (!msg.error) return;
    console.warn("htmxtrame vtk:", msg.error.code, msg.error.message);
    const view = views.get(msg.v);
    if (view) release(view);
    document.dispatchEvent(new CustomEvent("htmxtrame:error", { detail: Object.assign({ view: msg.v }, msg.error) }));
  }

  function onFrame(buf) {
    const n = new DataView(buf).getUint32(0);
    const head = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 4, n)));
    const view = views.get(head.v);
    if (!view) return;
    const url = URL.createObjectURL(new Blob([new Uint8Array(buf, 4 + n)], { type: head.mime }));
    const old = view.url;
    view.url = url;
    view.img.onload = () => { if (old) URL.revokeObjectURL(old); };
    view.img.src = url;
    view.frames += 1;
    view.bytes += buf.byteLength - 4 - n;
    // What tests and page scripts can read: the frame number, its size, still or interactive.
    view.el.dataset.htVtkSeq = String(head.seq);
    view.el.dataset.htVtkSize = `${head.w}x${head.h}`;
    view.el.dataset.htVtkStill = String(!!head.still);
    view.el.dataset.htVtkAt = String(performance.now());
    view.el.dispatchEvent(new CustomEvent("htmxtrame:vtk-frame", { detail: head }));
    release(view);
  }

  // -- interactive messages in flight per view -------------------------------------
  // A frame reflects every input the server had when it began; what came later is
  // already waiting there and brings its own frame, so the page may send again.
  function release(view) {
    view.inflight = 0;
    clearTimeout(view.timer);
    const next = view.pending;
    view.pending = null;
    if (next) interactive(view, next);
  }

  function merge(old, msg) {
    if (!old || old.t !== msg.t) return msg;
    if (msg.t === "wheel") return { ...msg, dy: old.dy + msg.dy };
    if (msg.t === "zoom") return { ...msg, f: old.f * msg.f };
    return msg;  // a newer move replaces the stale one
  }

  function interactive(view, msg) {
    if (view.inflight >= PIPELINE) {
      // a different kind waiting goes first, so nothing is lost
      if (view.pending && view.pending.t !== msg.t) { raw(view.pending); view.pending = null; }
      view.pending = merge(view.pending, msg);
      return;
    }
    view.inflight += 1;
    raw(msg);
    clearTimeout(view.timer);
    view.timer = setTimeout(() => release(view), INFLIGHT_MS);
  }

  function flushPending(view) {
    if (view.pending) { raw(view.pending); view.pending = null; }
  }

  // -- pointer input -----------------------------------------------------------
  function position(view, e) {
    const r = view.el.getBoundingClientRect();
    return { x: Math.round(e.clientX - r.left), y: Math.round(e.clientY - r.top) };
  }

  function pinchDistance(view) {
    const [a, b] = [...view.pointers.values()];
    return Math.hypot(a.x - b.x, a.y - b.y) || 1;
  }

  // -- picking (trame-vtk's click / hover events; the server picks) --------------
  // Only on views whose element lists them (data-ht-pick="click hover"); a press
  // that moved more than a few pixels was a drag, not a click.
  const CLICK_SLOP = 4;     // CSS pixels
  const HOVER_MS = 100;     // at most one hover pick per view this often; the last position follows
  function picks(view, kind) { return (view.el.getAttribute("data-ht-pick") || "").split(" ").includes(kind); }
  function click(view, e) {
    const start = view.downAt;
    view.downAt = null;
    if (!start || !picks(view, "click")) return;
    const p = position(view, e);
    if (Math.abs(p.x - start.x) > CLICK_SLOP || Math.abs(p.y - start.y) > CLICK_SLOP) return;
    raw({ t: "pick", v: view.id, k: "click", x: p.x, y: p.y });
  }
  function hover(view, e) {
    if (!picks(view, "hover")) return;
    view.hoverAt = position(view, e);
    if (view.hoverTimer) return;
    const send = () => {
      view.hoverTimer = 0;
      if (!view.hoverAt) return;
      raw({ t: "pick", v: view.id, k: "hover", x: view.hoverAt.x, y: view.hoverAt.y });
      view.hoverAt = null;
      view.hoverTimer = setTimeout(send, HOVER_MS);
    };
    send();
  }

  // Box selection: the server says this drag selects; draw the rectangle until the release.
  function startBox(view) {
    if (!view || !view.downAt || view.boxEl) return;
    const box = document.createElement("div");
    box.className = "ht-vtk-box";
    box.style.cssText = "position:absolute;border:1px dashed #fff;outline:1px dashed #000;pointer-events:none;z-index:1";
    view.boxFrom = view.downAt;
    view.boxEl = box;
    view.el.appendChild(box);
    drawBox(view, view.last);
  }
  function drawBox(view, p) {
    if (!view.boxEl) return;
    const a = view.boxFrom;
    Object.assign(view.boxEl.style, {
      left: `${Math.min(a.x, p.x)}px`, top: `${Math.min(a.y, p.y)}px`,
      width: `${Math.abs(p.x - a.x)}px`, height: `${Math.abs(p.y - a.y)}px`,
    });
  }
  function endBox(view) {
    if (view.boxEl) { view.boxEl.remove(); view.boxEl = null; }
  }

  function attach(view) {
    const el = view.el;
    el.addEventListener("contextmenu", e => e.preventDefault());
    el.addEventListener("pointerdown", e => {
      e.preventDefault();
      el.focus({ preventScroll: true });
      try { el.setPointerCapture(e.pointerId); } catch (err) { /* synthetic pointer */ }
      const p = position(view, e);
      view.pointers.set(e.pointerId, p);
      if (view.pointers.size === 2) {  // a second finger: pinch zoom instead of rotating
        flushPending(view);
        raw({ t: "up", v: view.id });
        view.downAt = null;  // a pinch is no click
        view.pinch = pinchDistance(view);
        return;
      }
      if (view.pointers.size > 2) return;
      view.last = p;
      view.downAt = view.pointers.size === 1 && e.button === 0 ? p : null;
      raw({ t: "down", v: view.id, x: p.x, y: p.y, b: e.button, shift: e.shiftKey, ctrl: e.ctrlKey || e.metaKey });
    });
    el.addEventListener("pointermove", e => {
      if (!view.pointers.size) { hover(view, e); return; }
      if (!view.pointers.has(e.pointerId)) return;
      const p = position(view, e);
      view.pointers.set(e.pointerId, p);
      if (view.pointers.size === 2 && view.pinch) {
        const d = pinchDistance(view);
        interactive(view, { t: "zoom", v: view.id, f: d / view.pinch });
        view.pinch = d;
      } else if (view.pointers.size === 1 && (p.x !== view.last.x || p.y !== view.last.y)) {
        view.last = p;  // a move to the same pixel would render the same picture
        drawBox(view, p);
        interactive(view, { t: "move", v: view.id, x: p.x, y: p.y });
      }
    });
    const end = e => {
      if (!view.pointers.delete(e.pointerId)) return;
      flushPending(view);  // the last position counts
      if (view.pointers.size === 0) { view.pinch = 0; raw({ t: "up", v: view.id }); click(view, e); endBox(view); }
    };
    el.addEventListener("pointerup", end);
    el.addEventListener("pointercancel", end);
    el.addEventListener("wheel", e => {
      e.preventDefault();
      const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaMode === 2 ? e.deltaY * 300 : e.deltaY;
      interactive(view, { t: "wheel", v: view.id, dy });
    }, { passive: false });
    el.addEventListener("keydown", e => {
      if (e.key === "r" || e.key === "R") { e.preventDefault(); raw({ t: "key", v: view.id, key: "r" }); }
    });
    // Fill the container: a new size (or device pixel ratio) renders a new still frame.
    view.resize = new ResizeObserver(() => {
      cancelAnimationFrame(view.raf);
      view.raf = requestAnimationFrame(() => raw(sizeMsg(view, "size")));
    });
    view.resize.observe(el);
  }

  function register(el) {
    const id = el.getAttribute("data-ht-vtk");
    const known = views.get(id);
    if (known && known.el === el) return;
    if (known) forget(known);
    const view = {
      id, el, img: el.querySelector("img"), url: null, inflight: 0, pending: null, timer: 0, last: { x: NaN, y: NaN },
      pointers: new Map(), pinch: 0, frames: 0, bytes: 0, raf: 0, resize: null,
      downAt: null, hoverAt: null, hoverTimer: 0, boxEl: null, boxFrom: null,
    };
    views.set(id, view);
    attach(view);
    if (!socket) connect(); else raw(sizeMsg(view, "sub"));
  }

  function forget(view) {
    views.delete(view.id);
    if (view.resize) view.resize.disconnect();
    if (view.url) URL.revokeObjectURL(view.url);
    raw({ t: "unsub", v: view.id });
  }

  function scan() {
    for (const el of document.querySelectorAll("[data-ht-vtk]")) register(el);
    for (const view of [...views.values()]) if (!view.el.isConnected) forget(view);
  }

  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan); else scan();
  // A device pixel ratio change (zoom, another screen) does not resize the element.
  matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener?.("change", () => {
    for (const view of views.values()) raw(sizeMsg(view, "size"));
  });

  window.htmxtrameVtk = { views, get connected() { return !!socket && socket.readyState === 1; } };
})();
