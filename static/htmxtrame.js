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

// ---- issue 14 components: keyboard, timers and scrolling for server-rendered widgets ----
// Self-contained: chip groups, item/list selection, tree views, date pickers,
// snackbars, slide groups and virtual scrollers are rendered on the server;
// this adds only what needs the browser (focus moves, a timer, a scroll
// position). Any state change still goes up as an ordinary element event.
(() => {
  "use strict";

  const NATIVE = "button, input, select, textarea, a[href]";

  function report(el, ev, extra) {
    const id = el.getAttribute("data-ht");
    if (id && window.htmxtrame) window.htmxtrame.send({ t: "ev", id, ev, event: Object.assign({ type: ev }, extra) });
  }

  // Enter/Space press a focusable item that is not a native control
  // (a chip of a chip group, a selectable list row, a tree row).
  function press(e, item) {
    if (item.matches(NATIVE)) return false;
    e.preventDefault();
    const box = e.key === " " && item.getAttribute("role") === "treeitem" && item.querySelector(".v-treeview-item__select");
    (box || item).click();
    return true;
  }

  // The nearest item above/below (a date picker's grid), by position on screen.
  function vertical(items, current, down) {
    const r = current.getBoundingClientRect(), x = r.left + r.width / 2;
    let best = null, gap = Infinity;
    for (const el of items) {
      const b = el.getBoundingClientRect();
      const dy = down ? b.top - r.top : r.top - b.top;
      if (dy > 1 && Math.abs(b.left + b.width / 2 - x) < r.width / 2 && dy < gap) { best = el; gap = dy; }
    }
    return best;
  }

  // Tree rows: right opens a closed node, left closes an open one or goes to the parent.
  function treeKey(e, row, items, at) {
    const expanded = row.getAttribute("aria-expanded");
    const toggle = row.querySelector(".v-treeview-item__toggle");
    if (e.key === "ArrowRight" && expanded === "false" && toggle) { toggle.click(); return null; }
    if (e.key === "ArrowLeft" && expanded === "true" && toggle) { toggle.click(); return null; }
    if (e.key === "ArrowRight") return items[at + 1] || null;
    const level = Number(row.getAttribute("aria-level") || 1);
    for (let i = at - 1; i >= 0; i--) if (Number(items[i].getAttribute("aria-level") || 1) < level) return items[i];
    return null;
  }

  // Arrow keys, Home and End move focus between the items of a group (roving focus).
  function move(e, item) {
    const group = item.closest("[data-ht-roving]");
    if (!group) return;
    const items = Array.from(group.querySelectorAll("[data-ht-press]")).filter(
      el => el.closest("[data-ht-roving]") === group && !el.disabled && el.getAttribute("aria-disabled") !== "true");
    const at = items.indexOf(item);
    if (at < 0) return;
    const grid = group.hasAttribute("data-ht-cols");
    let to;
    if (item.getAttribute("role") === "treeitem" && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
      e.preventDefault();
      to = treeKey(e, item, items, at);
    } else if (grid && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      to = vertical(items, item, e.key === "ArrowDown");
    } else {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
      to = step ? items[at + step] : e.key === "Home" ? items[0] : e.key === "End" ? items[items.length - 1] : undefined;
      if (to === undefined) return;
    }
    e.preventDefault();
    if (to) to.focus();
  }

  document.addEventListener("keydown", e => {
    const item = e.target.closest && e.target.closest("[data-ht-press]");
    if (!item || item !== e.target || e.altKey || e.ctrlKey || e.metaKey) return;
    if ((e.key === "Enter" || e.key === " ") && press(e, item)) return;
    move(e, item);
  });

  // A slide group's arrows scroll its row, no round trip.
  document.addEventListener("click", e => {
    const arrow = e.target.closest && e.target.closest("[data-ht-slide]");
    const box = arrow && arrow.parentElement.querySelector(".v-slide-group__container");
    if (box) box.scrollBy({ left: Number(arrow.getAttribute("data-ht-slide")) * box.clientWidth * 0.8, behavior: "smooth" });
  });

  // A snackbar closes itself after data-ht-timeout ms (paused while the
  // pointer is over it, as in Vuetify): the page reports a "timeout" event
  // and the server sets its v_model to false.
  const timers = new WeakSet();
  function armSnackbars() {
    for (const bar of document.querySelectorAll("[data-ht-timeout][data-ht]")) {
      if (timers.has(bar)) continue;
      timers.add(bar);
      let left = Number(bar.getAttribute("data-ht-timeout")), since = 0, timer = 0;
      if (!(left > 0)) continue;
      const run = () => { since = Date.now(); timer = setTimeout(() => { if (bar.isConnected) report(bar, "timeout", {}); }, left); };
      bar.addEventListener("pointerenter", () => { clearTimeout(timer); left -= Date.now() - since; bar.classList.add("v-snackbar--paused"); });
      bar.addEventListener("pointerleave", () => { bar.classList.remove("v-snackbar--paused"); run(); });
      run();
    }
  }

  // A slide group shows its arrows only when its row overflows.
  function fitSlideGroups() {
    for (const box of document.querySelectorAll(".v-slide-group__container")) {
      box.parentElement.classList.toggle("v-slide-group--fits", box.scrollWidth <= box.clientWidth + 1);
    }
  }
  window.addEventListener("resize", fitSlideGroups);

  // A virtual scroller renders a window of rows; near its edge the page
  // reports the scroll position and the server sends the window around it.
  const asked = new WeakMap(); // scroller -> the window start it asked to move away from
  function checkScroller(box) {
    const h = Number(box.getAttribute("data-ht-vs")) || 48;
    const start = Number(box.getAttribute("data-ht-vs-start")) || 0;
    const count = Number(box.getAttribute("data-ht-vs-count")) || 0;
    const total = Number(box.getAttribute("data-ht-vs-total")) || 0;
    const first = Math.floor(box.scrollTop / h), last = Math.floor((box.scrollTop + box.clientHeight) / h);
    const near = (start > 0 && first < start + 2) || (start + count < total && last > start + count - 3);
    if (!near || asked.get(box) === start) return;
    asked.set(box, start);
    report(box, "scroll", { scrollTop: box.scrollTop });
  }
  const scrolling = new WeakSet();
  document.addEventListener("scroll", e => {
    const box = e.target;
    if (!(box instanceof Element) || !box.hasAttribute("data-ht-vs") || scrolling.has(box)) return;
    scrolling.add(box);
    setTimeout(() => { scrolling.delete(box); checkScroller(box); }, 40);
  }, true);

  function refresh() {
    armSnackbars();
    fitSlideGroups();
    for (const box of document.querySelectorAll("[data-ht-vs]")) checkScroller(box);
  }
  document.addEventListener("DOMContentLoaded", refresh);
  document.addEventListener("htmxtrame:dirty", refresh);
})();
