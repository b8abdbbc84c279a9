// htmxtrame glue: the little htmx does not do for a server-rendered trame app.
//
// htmx's websocket extension owns the connection and swaps the fragments the
// server pushes. This script adds three things:
//   1. input up: DOM events on elements the server marked (data-ht) become
//      {t:"ev", id, ev, value, event} messages. The page never sends code or
//      state keys, only "this element saw this event".
//   2. bookkeeping down: each message's seq/dirty/calls/title/favicon/error fields,
//      re-raised as DOM events (htmxtrame:dirty, htmxtrame:error) so page
//      scripts and tests can wait on them.
//   3. what morphing leaves out: checkbox/radio .checked and <select>
//      selection follow the server's attributes.
(() => {
  "use strict";

  const EVENTS = [
    "click", "dblclick", "contextmenu", "input", "change", "submit", "reset",
    "keydown", "keyup", "keypress", "focus", "blur", "mousedown", "mouseup",
    "mouseenter", "mouseleave", "pointerdown", "pointerup", "wheel",
    "dragstart", "dragend", "drop", "toggle",
  ];
  const THROTTLE_MS = 30;     // input events: at most one per element per 30 ms, last value always sent
  const QUEUE_LIMIT = 200;    // messages kept while disconnected

  let socket = null;
  let seq = 0;
  const queue = [];           // messages waiting for a connection
  const throttled = new Map(); // element id -> {msg, timer}

  function app() { return document.getElementById("ht-app"); }

  // Busy: <html class="ht-busy"> while sent input awaits the server's answer
  // (layouts show a progress bar); any message back, or 3 s, clears it.
  let busyTimer = 0;
  function busy(on) {
    document.documentElement.classList.toggle("ht-busy", on);
    clearTimeout(busyTimer);
    if (on) busyTimer = setTimeout(() => busy(false), 3000);
  }

  function send(msg) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(msg));
      busy(true);
      return;
    }
    // Disconnected: keep the latest message per element and event, so what
    // the user typed during a drop reaches the server once it is back.
    const i = queue.findIndex(m => m.id === msg.id && m.ev === msg.ev);
    if (i >= 0) queue.splice(i, 1);
    queue.push(msg);
    if (queue.length > QUEUE_LIMIT) queue.shift();
  }

  // Values of the focused input that went up and may still echo back.
  // htmx's morph never touches the focused input's value (so typing is not
  // clobbered by a stale echo); when the server sets a value nobody typed —
  // clearing a field after "Add" — it has to be applied here.
  const typed = new Map(); // element id -> {latest, seen: Set}

  function noteTyped(msg) {
    let entry = typed.get(msg.id);
    if (!entry) { entry = { latest: null, seen: new Set() }; typed.set(msg.id, entry); }
    entry.latest = msg.value;
    entry.seen.add(msg.value);
  }

  function followServerValue(content) {
    const el = document.activeElement;
    const id = el && el.getAttribute && el.getAttribute("data-ht");
    if (!id || !el.hasAttribute("data-ht-model") || !("value" in el) || el.type === "checkbox" || el.type === "radio") return;
    // Only a message that re-rendered this input says what the server holds;
    // after any other (a clock tick) its value attribute is still the one
    // from before the user typed, and applying it would eat their keystrokes.
    if (!content.includes(`data-ht="${id}"`)) return;
    const server = el.getAttribute("value") ?? (el.tagName === "TEXTAREA" ? el.defaultValue : null);
    const entry = typed.get(id);
    if (server === null || !entry) return;
    if (server === entry.latest) { entry.seen = new Set([server]); return; }  // caught up
    if (entry.seen.has(server) || throttled.get(id)?.msg) return;  // a stale echo, or more typing on its way
    if (el.value === entry.latest) {  // the server changed it on its own
      el.value = server;
      typed.delete(id);
    }
  }

  function sendThrottled(msg) {
    const slot = throttled.get(msg.id);
    if (slot) { slot.msg = msg; return; }
    send(msg);
    const entry = { msg: null, timer: 0 };
    entry.timer = setTimeout(() => {
      throttled.delete(msg.id);
      if (entry.msg) sendThrottled(entry.msg);
    }, THROTTLE_MS);
    throttled.set(msg.id, entry);
  }

  // Before any other event goes up, every input still held back by the
  // throttle goes first: typing then pressing Enter in a form (a submit on
  // the form, not the input) must reach the server in that order.
  function flushThrottled() {
    for (const slot of throttled.values()) {
      if (slot.msg) { send(slot.msg); slot.msg = null; }
    }
  }

  function valueOf(target, owner) {
    if (owner.hasAttribute("data-ht-value")) return owner.getAttribute("data-ht-value");
    if (!target || !("value" in target)) return null;
    if (target.type === "checkbox") return target.checked;
    if (target.tagName === "SELECT" && target.multiple) {
      return Array.from(target.selectedOptions, o => o.value);
    }
    return target.value;
  }

  function payload(e, target) {
    const p = { type: e.type };
    for (const k of ["key", "code", "clientX", "clientY", "offsetX", "offsetY", "button", "deltaY",
                     "altKey", "ctrlKey", "shiftKey", "metaKey"]) {
      if (k in e && typeof e[k] !== "object") p[k] = e[k];
    }
    if (target && "value" in target) {
      p.target = { value: target.value, checked: !!target.checked, id: target.id || "", name: target.name || "" };
    }
    return p;
  }

  function onEvent(e) {
    const type = e.type;
    for (let el = e.target; el && el.nodeType === 1; el = el.parentElement) {
      const id = el.getAttribute("data-ht");
      if (!id) continue;
      const models = el.getAttribute("data-ht-model") === type;
      const handles = (el.getAttribute("data-ht-on") || "").split(" ").includes(type);
      if (!models && !handles) continue;
      if (type === "submit") e.preventDefault();
      const msg = { t: "ev", id, ev: type, event: payload(e, e.target) };
      if (models && e.target.type === "file") { uploadThenSend(e.target, msg); return; }
      if (models) {
        // a popover's open state (a Vuetify menu's v_model) is a boolean
        msg.value = type === "toggle" ? e.newState === "open" : valueOf(e.target, el);
        if (typeof msg.value === "string") noteTyped(msg);
      }
      if (type === "input") {
        sendThrottled(msg);
      } else {
        flushThrottled();
        send(msg);
      }
      return; // the innermost element that handles the event takes it
    }
  }

  for (const type of EVENTS) document.addEventListener(type, onEvent, true);

  // The server's attributes are the truth for properties morphing skips.
  function syncProperties(root) {
    for (const input of root.querySelectorAll("input[type=checkbox],input[type=radio]")) {
      input.checked = input.hasAttribute("checked");
    }
    for (const select of root.querySelectorAll("select")) {
      if (select === document.activeElement) continue;
      for (const option of select.options) option.selected = option.hasAttribute("selected");
    }
    // popovers bound to state (Vuetify menus with v_model) open as the server says
    for (const pop of root.querySelectorAll("[popover][data-ht-open]")) {
      const open = pop.getAttribute("data-ht-open") === "true";
      if (pop.matches(":popover-open") !== open && pop.isConnected) open ? pop.showPopover() : pop.hidePopover();
    }
  }

  // A Vuetify menu closes when one of its items is clicked (close-on-content-click).
  document.addEventListener("click", e => {
    const menu = e.target.closest && e.target.closest(".v-menu[popover]:not(.v-menu--keep)");
    if (menu && e.target.closest("button, a, .v-list-item") && menu.matches(":popover-open")) menu.hidePopover();
  });
  document.addEventListener("DOMContentLoaded", () => syncProperties(document));

  // A file input's files go up over HTTP (the websocket caps frames); the
  // server answers a single-use token and the event carries only that.
  async function uploadThenSend(input, msg) {
    const form = new FormData();
    for (const file of input.files) {
      form.append("files", file, file.name);
      form.append("lastModified", String(file.lastModified || ""));
    }
    try {
      const resp = await fetch("__htmxtrame/upload", { method: "POST", body: form, credentials: "same-origin" });
      const answer = await resp.json().catch(() => ({ error: `upload failed (HTTP ${resp.status})` }));
      if (!resp.ok || !answer.token) throw new Error(answer.error || `upload failed (HTTP ${resp.status})`);
      msg.value = answer.token;
      send(msg);
    } catch (err) {
      const detail = { code: "upload-failed", message: String(err.message || err) };
      console.warn("htmxtrame:", detail.message);
      document.dispatchEvent(new CustomEvent("htmxtrame:error", { detail }));
    }
  }

  // A handler returned file content: fetch it through a one-time link.
  function download(info) {
    const a = document.createElement("a");
    a.href = `__htmxtrame/download/${encodeURIComponent(info.token)}`;
    a.download = info.name || "";
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // A widget's ref sits on its wrapper (VTextField's <div class="v-input">);
  // as Vuetify's components do, focus/blur/select and the methods a plain
  // element lacks (setSelectionRange, showPicker...) go to the control inside.
  // A form control or a custom element (a dash in its tag) gets the call itself.
  const CONTROL = "input, textarea, select, button";
  const FORWARDED = new Set(["focus", "blur", "select"]);
  function callTarget(el, method) {
    if (el.matches(CONTROL) || el.localName.includes("-")) return el;
    const inner = el.querySelector(CONTROL);
    if (inner && (FORWARDED.has(method) || typeof el[method] !== "function")) return inner;
    return el;
  }

  function callRef(call) {
    if (call.download) { download(call.download); return; }
    for (const ref of document.querySelectorAll(`[data-ht-ref="${CSS.escape(call.ref)}"]`)) {
      const el = callTarget(ref, call.method);
      const fn = el[call.method];
      if (typeof fn === "function") {
        try { fn.apply(el, call.args || []); } catch (err) { console.error("htmxtrame js_call", call, err); }
      } else {
        console.warn(`htmxtrame: ${call.ref} has no method ${call.method}`);
      }
    }
  }

  // --debug: the server marks failures of app code; show the latest where the
  // developer is looking. A click dismisses it.
  function showAppError(err) {
    let box = document.getElementById("ht-app-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "ht-app-error";
      box.setAttribute("role", "alert");
      box.title = "click to dismiss";
      box.addEventListener("click", () => { box.hidden = true; });
      document.body.appendChild(box);
    }
    box.textContent = err.message;
    box.hidden = false;
  }

  // trame__favicon changed: point the tab's icon at it ("" restores the page's own).
  function setFavicon(href) {
    const link = document.querySelector('link[rel="icon"]');
    if (!link) return;
    if (link.dataset.htDefault === undefined) link.dataset.htDefault = link.getAttribute("href") || "";
    link.setAttribute("href", href || link.dataset.htDefault);
  }

  function status(text) {
    const bar = document.getElementById("ht-status");
    if (!bar) return;
    bar.textContent = text || "";
    bar.hidden = !text;
    document.documentElement.classList.toggle("ht-disconnected", !!text);
  }

  document.addEventListener("htmx:ws:after:connection", e => {
    socket = e.detail.connection.socket;
    status("");
    if (!seq && app()) seq = Number(app().getAttribute("data-ht-seq") || 0);
    // What the user did while away goes first, so the resync the hello asks
    // for already holds it (a resync rendered before it would undo their typing).
    const waiting = queue.splice(0);
    for (const msg of waiting) send(msg);
    socket.send(JSON.stringify({ t: "hello", seq }));
  });

  document.addEventListener("htmx:ws:close", () => {
    socket = null;
    status("Reconnecting…");
  });

  document.addEventListener("htmx:ws:after:message:incoming", e => {
    let msg;
    try { msg = JSON.parse(e.detail.message.data); } catch (err) { return; }
    if (typeof msg.seq === "number") seq = msg.seq;
    busy(false);
    if (msg.content !== undefined) { syncProperties(document); followServerValue(msg.content); }
    if (typeof msg.title === "string") document.title = msg.title;
    if (typeof msg.favicon === "string") setFavicon(msg.favicon);
    for (const call of msg.calls || []) callRef(call);
    for (const err of msg.errors || []) if (err.debug) showAppError(err);
    if (msg.error) {
      console.warn("htmxtrame:", msg.error.code, msg.error.message);
      document.dispatchEvent(new CustomEvent("htmxtrame:error", { detail: msg.error }));
    }
    document.dispatchEvent(new CustomEvent("htmxtrame:dirty", { detail: { keys: msg.dirty || [], seq } }));
  });

  // Reconnect quickly after a server restart, and keep background tabs
  // connected (trame does): a hidden page must still receive pushes.
  htmx.config.ws = Object.assign(htmx.config.ws || {}, {
    reconnectDelay: 250,
    reconnectMaxDelay: 3000,
    pauseOnBackground: false,
  });

  window.htmxtrame = { send, get seq() { return seq; }, get connected() { return !!socket && socket.readyState === 1; } };
})();

// ===== HTTP fallback and hot reload (transport/sse.py, hot_reload.py) =====
// Self-contained: it talks to the glue above only through the events htmx's
// websocket extension raises, so the glue cannot tell the transports apart.
//   * When the websocket never opens (a proxy refuses the upgrade), the page
//     switches to Server-Sent Events down and POST up: the same JSON
//     messages, in order, one POST in flight at a time. It then poses as the
//     extension: htmx:ws:after:connection with a socket-like object whose
//     send() posts, htmx:ws:after:message:incoming after swapping content,
//     htmx:ws:close when the stream drops (the glue shows "Reconnecting…",
//     and its hello on reconnect resyncs as over the websocket).
//   * <html data-ht-transport="websocket|sse"> and the status line say which
//     transport carries the page.
//   * Hot reload: a reload error stays on screen until the next good save
//     (state key trame__hot_reload counts the reloads).
(() => {
  "use strict";
  const app = document.getElementById("ht-app");
  if (!app || !window.htmx) return;
  const FALLBACK_AFTER = 2;       // websocket attempts that failed without ever opening
  const OPEN_TIMEOUT_MS = 5000;   // a websocket still connecting after this counts as blocked
  const POST_BATCH = 200;         // messages per POST at most (the server's cap)

  let mode = "websocket";
  let wsOpened = false, wsFailures = 0;
  let source = null, sid = null, epoch = null, posting = false, retry = 250, reconnecting = false;
  const outbox = [];              // message texts not yet accepted by the server

  function setTransport(name) {
    document.documentElement.dataset.htTransport = name;
    const bar = document.getElementById("ht-status");
    if (bar) bar.dataset.transport = name;
  }
  setTransport("websocket");

  function statusText(text) {  // the status line, without the glue's "disconnected" dimming
    const bar = document.getElementById("ht-status");
    if (!bar) return;
    bar.textContent = text;
    bar.hidden = !text;
  }

  // -- websocket watch: decide when to fall back --------------------------------
  document.addEventListener("htmx:ws:after:connection", e => {
    if (e.detail && e.detail.htSse) return;
    wsOpened = true;
    setTransport("websocket");
  });
  // Capture on window runs before the glue's listener on document: once on
  // SSE, the extension's own close events (its cancelled retries) must not
  // make the glue drop the SSE connection.
  window.addEventListener("htmx:ws:close", e => {
    if (e.detail && e.detail.htSse) return;
    if (mode === "sse") { e.stopPropagation(); return; }
    if (!wsOpened && ++wsFailures >= FALLBACK_AFTER) fallBack();
  }, true);
  document.addEventListener("htmx:ws:before:connection", e => {
    if (mode === "sse") e.detail.connection.cancelled = true;  // the extension stops for good
  });
  setTimeout(() => { if (!wsOpened && mode === "websocket") fallBack(); }, OPEN_TIMEOUT_MS);

  function fallBack() {
    if (mode === "sse" || typeof EventSource === "undefined") return;
    mode = "sse";
    console.info("htmxtrame: the websocket did not open; using HTTP (Server-Sent Events + POST)");
    setTransport("sse");
    connect();
  }

  // -- SSE down --------------------------------------------------------------------
  const socket = {
    readyState: 0,
    send(text) { outbox.push(text); pump(); },
  };

  function connect() {
    reconnecting = false;
    const url = new URL("__htmxtrame/sse", document.baseURI);
    url.search = new URL(app.getAttribute("hx-ws:connect"), document.baseURI).search;  // ?ui=...
    // The server process this page last talked to: a restarted one resyncs the page.
    if (epoch) url.searchParams.set("epoch", epoch);
    source = new EventSource(url);
    source.addEventListener("ht-open", e => {  // the server's first event: this connection's id
      const info = JSON.parse(e.data);
      sid = info.sid;
      epoch = info.epoch;
      retry = 250;
      socket.readyState = 1;
      app.dispatchEvent(new CustomEvent("htmx:ws:after:connection",
        { bubbles: true, detail: { htSse: true, connection: { socket } } }));
      statusText("Connected over HTTP (websockets are blocked)");
      setTimeout(() => { if (socket.readyState === 1) statusText(""); }, 3000);
      pump();
    });
    let receiving = Promise.resolve();
    source.onmessage = e => { receiving = receiving.then(() => incoming(e.data)); };
    source.onerror = () => dropped();
  }

  function dropped() {
    if (source) { source.close(); source = null; }
    if (reconnecting) return;
    reconnecting = true;
    socket.readyState = 3;
    sid = null;
    app.dispatchEvent(new CustomEvent("htmx:ws:close", { bubbles: true, detail: { htSse: true, reason: "closed" } }));
    statusText("Reconnecting over HTTP…");
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 3000);
  }

  async function incoming(data) {
    let msg = null;
    try { msg = JSON.parse(data); } catch (err) { /* the glue ignores it too */ }
    if (msg && msg.content !== undefined) {
      let swap = app.getAttribute("hx-swap") || htmx.config.defaultSwap;
      if (!/(?:^|\s)swapEmpty/.test(swap)) swap += " swapEmpty:false";
      await htmx.swap({ sourceElement: app, target: app, swap, text: msg.content, transition: false });
    }
    app.dispatchEvent(new CustomEvent("htmx:ws:after:message:incoming",
      { bubbles: true, detail: { htSse: true, message: { data } } }));
  }

  // -- POST up: one request in flight, so messages arrive in the order sent -------
  async function pump() {
    if (posting || !sid || !outbox.length) return;
    posting = true;
    const batch = outbox.slice(0, POST_BATCH);
    const to = sid;
    try {
      const resp = await fetch(`__htmxtrame/sse/${encodeURIComponent(to)}`, {
        method: "POST", body: JSON.stringify(batch), credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
      });
      if (resp.ok) {
        outbox.splice(0, batch.length);
      } else if (resp.status === 404 || resp.status === 410) {
        if (sid === to) { dropped(); }  // the server forgot this connection: reconnect, resend
      } else {
        outbox.splice(0, batch.length);  // refused (too big, bad origin): resending will not help
        const answer = await resp.json().catch(() => ({}));
        const detail = { code: "post-refused", message: answer.error || `HTTP ${resp.status}` };
        console.warn("htmxtrame:", detail.message);
        document.dispatchEvent(new CustomEvent("htmxtrame:error", { detail }));
      }
    } catch (err) {
      if (sid === to) dropped();  // the network is down: kept, sent after the reconnect
    } finally {
      posting = false;
    }
    if (outbox.length && sid) pump();
  }

  // -- hot reload ------------------------------------------------------------------
  document.addEventListener("htmxtrame:dirty", e => {
    if (!(e.detail.keys || []).includes("trame__hot_reload")) return;
    const box = document.getElementById("ht-app-error");
    if (box && box.textContent.startsWith("Hot reload failed")) box.hidden = true;
  });

  Object.defineProperty(window.htmxtrame || {}, "transport", { get: () => mode, configurable: true });
})();
