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
//      selection follow the server's attributes; a focused field follows the
//      server as a Vuetify field does (focus and echo, below).
//   4. Vuetify's keyboard: Esc closes dialogs, arrows move in lists and menus
//      (keyboard, below).
// It runs deferred, once the page is parsed (on a slow network, painted too): early.js,
// inlined in the page's <head>, opened the socket and kept the events that
// came before it; the glue adopts both.

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
  // The last message number seen and the boot mark of the scope that sent
  // it: a hello with either unknown to the server gets the whole page.
  let seq = 0, boot = "";
  let localValues = false;  // scopes: this page holds client-only values (a frame said "local")
  const queue = [];           // messages waiting for a connection
  const throttled = new Map(); // element id -> {msg, timer}

  function app() { return document.getElementById("ht-app"); }

  // Busy: <html class="ht-busy"> while sent input awaits the server's answer
  // for more than 100 ms (layouts show a progress bar; a quick answer never
  // flashes it, nor restyles the page); the answer to the last input sent,
  // or 3 s, clears it.
  let busyTimer = 0, busyShow = 0;
  function busy(on) {
    clearTimeout(busyTimer);
    if (!on) { clearTimeout(busyShow); busyShow = 0; document.documentElement.classList.remove("ht-busy"); return; }
    if (!busyShow) busyShow = setTimeout(() => document.documentElement.classList.add("ht-busy"), 100);
    busyTimer = setTimeout(() => busy(false), 3000);
  }

  function send(msg) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      if (msg.t === "ev") sent(msg);
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

  // ---- focus and echo ------------------------------------------------------
  // A field shows what the server holds, focused or not, as a Vuetify field
  // does — unless the user typed since the server last heard from it: then
  // their text wins and is on its way up. Every message is numbered (n); the
  // server tells this page, with the frame that holds what a message caused,
  // the number of the last one it handled (ack). A field whose own numbered
  // input is not acknowledged yet, or still held by the throttle, or typed
  // into without being sent (a lazy model), keeps the user's text; any other
  // field takes the server's value. So an async task writing the field while
  // it is focused shows through, another page's edit shows (and this page's
  // next keystroke starts from it), and a stale echo of our own typing never
  // replaces newer text.
  let serial = 0;
  let acked = 0;
  const unsent = new Map(); // data-ht id -> n of its latest value that went up
  const typedLocally = new Set(); // lazy fields typed into, not yet sent

  function sent(msg) {
    msg.n = ++serial;
    if ("value" in msg) unsent.set(msg.id, msg.n);
    typedLocally.delete(msg.id);
  }

  document.addEventListener("input", e => {
    const el = e.target;
    const id = el && el.getAttribute && el.getAttribute("data-ht");
    if (id && el.getAttribute("data-ht-model") === "change" && textLike(el)) typedLocally.add(id);
  }, true);

  function textLike(el) {
    return (el.tagName === "INPUT" && !["checkbox", "radio", "file"].includes(el.type)) || el.tagName === "TEXTAREA";
  }

  function userWins(id, el) {
    if (el.composing || typedLocally.has(id) || throttled.get(id)?.msg) return true;
    const n = unsent.get(id);
    if (n === undefined) return false;
    if (n <= acked) { unsent.delete(id); return false; }
    return true;
  }

  function looseNumber(v) {  // Vue's looseToNumber (parseFloat, else the text)
    const n = parseFloat(v);
    return isNaN(n) ? v : n;
  }

  function sameValue(el, mine, server) {
    const mods = el.getAttribute("data-ht-mod") || "";
    if (mods.includes("trim")) mine = mine.trim();
    if (mods.includes("number")) return String(looseNumber(mine)) === String(looseNumber(server));
    return mine === server;
  }

  function reconcile(el) {
    const id = el.getAttribute("data-ht");
    if (!id || !el.hasAttribute("data-ht-model") || userWins(id, el)) return;
    if (el.tagName === "SELECT") {
      for (const option of el.options) option.selected = option.hasAttribute("selected");
    } else if (textLike(el) || el.type === "range") {
      const server = el.tagName === "TEXTAREA" ? el.defaultValue : (el.getAttribute("value") ?? "");
      if (!sameValue(el, el.value, server)) el.value = server;
    }
  }

  // After each frame: the focused field, and fields left while their typing was in flight.
  function followServer() {
    const active = document.activeElement;
    if (active && active.hasAttribute && active.hasAttribute("data-ht-model")) reconcile(active);
    for (const id of [...unsent.keys(), ...typedLocally]) {
      for (const el of document.querySelectorAll(`[data-ht="${CSS.escape(id)}"]`)) if (el !== active) reconcile(el);
    }
  }

  // Leaving a field: what the throttle holds goes now, and if nothing of ours
  // is in flight the field shows the server's value (another page's edit).
  document.addEventListener("focusout", e => {
    const el = e.target;
    const id = el && el.getAttribute && el.getAttribute("data-ht");
    if (!id || !el.hasAttribute("data-ht-model")) return;
    const slot = throttled.get(id);
    if (slot && slot.msg) { send(slot.msg); slot.msg = null; }
    reconcile(el);
  }, true);
  document.addEventListener("compositionstart", e => { e.target.composing = true; }, true);
  document.addEventListener("compositionend", e => { e.target.composing = false; }, true);

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

  // An element as a handler reading $event.target.textContent (and the like) sees it:
  // a few properties, each string capped (data-ht-dom "t" / "c", decided by the server).
  const cap = (v, n) => (typeof v === "string" ? v.slice(0, n) : "");
  function snapshot(node) {
    if (!node || node.nodeType !== 1) return null;
    const s = { tagName: node.tagName, id: cap(node.id, 200), name: cap(node.getAttribute("name") || "", 200),
                className: cap(node.getAttribute("class") || "", 200), textContent: cap(node.textContent, 2000),
                innerText: cap(node.innerText ?? node.textContent, 2000), dataset: {} };
    if ("value" in node) { s.value = cap(String(node.value), 100000); s.checked = !!node.checked; }
    let n = 0;
    for (const k in node.dataset) {
      if (/^ht([A-Z]|$)/.test(k)) continue;  // htmxtrame's own data-ht-* attributes
      if (++n > 20) break;
      s.dataset[k.slice(0, 64)] = cap(node.dataset[k], 200);
    }
    return s;
  }

  function payload(e, target, dom, owner) {
    const p = { type: e.type };
    for (const k of ["key", "code", "clientX", "clientY", "offsetX", "offsetY", "button", "deltaY",
                     "altKey", "ctrlKey", "shiftKey", "metaKey"]) {
      if (k in e && typeof e[k] !== "object") p[k] = e[k];
    }
    if (dom.includes("t")) {
      p.target = snapshot(target);
    } else if (target && "value" in target) {
      p.target = { value: target.value, checked: !!target.checked, id: target.id || "", name: target.name || "" };
    }
    if (dom.includes("c")) p.currentTarget = snapshot(owner);
    if (dom.includes("p")) p.defaultPrevented = e.defaultPrevented;
    return p;
  }

  function domNeeds(el, type) {  // data-ht-dom="contextmenu:pt click:t"
    const spec = el.getAttribute("data-ht-dom");
    if (!spec) return "";
    for (const part of spec.split(" ")) if (part.startsWith(type + ":")) return part.slice(type.length + 1);
    return "";
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
      const msg = { t: "ev", id, ev: type };
      // the event's details only when a handler on the server reads $event
      if ((el.getAttribute("data-ht-ev") || "").split(" ").includes(type)) {
        const dom = handles ? domNeeds(el, type) : "";
        if (dom.includes("p")) e.preventDefault();  // the handler calls $event.preventDefault(): now, not later
        msg.event = payload(e, e.target, dom, el);
      }
      if (models && e.target.type === "file") { uploadThenSend(e.target, msg); return; }
      if (models) {
        // a popover's open state (a Vuetify menu's v_model) is a boolean; opening it because
        // the server said so (a truthy model, kept as it is) reports nothing, as Vuetify's
        if (type === "toggle" && (el.getAttribute("data-ht-open") === "true") === (e.newState === "open")) return;
        msg.value = type === "toggle" ? e.newState === "open" : valueOf(e.target, el);
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
  // What the user did before this script ran (early.js kept it): handled now,
  // in order, as if it had just happened (sent once the socket is open).
  const early = window.htmxtrameEarly;
  if (early) { window.htmxtrameEarly = null; for (const e of early.splice(0)) if (e.target.isConnected) onEvent(e); }

  // The server's attributes are the truth for properties morphing skips.
  function syncProperties(root) {
    for (const input of root.querySelectorAll("input[type=checkbox],input[type=radio]")) {
      const id = input.getAttribute("data-ht");
      if (id && userWins(id, input)) continue;  // a stale echo of a click still on its way
      input.checked = input.hasAttribute("checked");
    }
    for (const select of root.querySelectorAll("select")) {
      if (select === document.activeElement) continue;  // focus and echo decides
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

  // ---- keyboard ------------------------------------------------------------
  // Vuetify's keys where it has them: Esc closes the top dialog unless it is
  // persistent (menus are popovers: the browser closes them on Esc), arrows
  // move through list items, menu items and tabs, Enter/Space activate an
  // item that is not a native button, and focus goes into a dialog or menu
  // as it opens and back to what opened it as it closes.
  const ITEMS = {
    menu: ".v-list-item, [role=menuitem], [role=menuitemradio], [role=menuitemcheckbox], button, a[href]",
    list: ".v-list-item",
    tablist: "[role=tab]",
    toggle: "button",
    roving: "[data-ht-press]",
  };

  function focusable(el) {
    return !el.disabled && !el.closest("[inert], [disabled]") && el.getClientRects().length > 0 &&
      (el.tabIndex >= 0 || el.matches("a[href], button, input, select, textarea"));
  }

  // Roving focus (WAI-ARIA Authoring Practices): a tab list, a menu, a
  // chip group, a selectable list, a button toggle, a tree or a date grid is
  // ONE Tab stop. Its stop is the item that has the focus, else the selected
  // one, else the first; every other item gets tabindex=-1, and arrows (Home,
  // End) move the focus inside. The server renders the groups and their
  // items; this section keeps the tabindex right after every frame (a morph
  // puts the server's tabindex back) and as the focus moves. Radio groups are
  // native radios sharing a name: the browser already does all of this.
  // (a listbox popover, an autocomplete's menu, keeps the focus in its field: aria-activedescendant)
  const GROUP = "[data-ht-roving], [role=tablist], .v-menu[popover]:not([role=listbox]), .v-btn-toggle";
  const SELECTED = "[aria-selected=true], [aria-pressed=true], [aria-checked=true], [aria-current]:not([aria-current=false])";
  const kindOf = box => box.matches("[role=tablist]") ? "tablist" : box.matches(".v-menu") ? "menu"
    : box.matches(".v-btn-toggle") ? "toggle" : "roving";
  const usable = el => !el.disabled && el.getAttribute("aria-disabled") !== "true" && !el.closest("[inert]");

  function members(box) {
    return [...box.querySelectorAll(ITEMS[kindOf(box)])].filter(i => i.closest(GROUP) === box && !i.matches(".v-treeview-item__toggle, .v-treeview-item__select"));
  }

  function settleGroup(box) {
    const items = members(box);
    if (!items.length) return;
    const pool = items.filter(usable);  // no layout read here: this runs after every frame
    const stop = pool.find(i => i === document.activeElement) || pool.find(i => i.matches(SELECTED)) ||
      pool.find(i => i.matches(".v-date-picker-month__day--today")) || pool[0];
    for (const i of items) {
      const want = i === stop ? "0" : "-1";
      if (i.getAttribute("tabindex") !== want) i.setAttribute("tabindex", want);
    }
  }

  function settleStops(root) {
    for (const box of (root || document).querySelectorAll(GROUP)) settleGroup(box);
  }
  document.addEventListener("DOMContentLoaded", () => settleStops(document));
  document.addEventListener("htmxtrame:dirty", () => settleStops(document));
  document.addEventListener("focusin", e => {
    const box = e.target.closest && e.target.closest(GROUP);
    if (box && members(box).includes(e.target)) settleGroup(box);
  });
  document.addEventListener("focusout", e => {
    const box = e.target.closest && e.target.closest(GROUP);
    if (box && !(e.relatedTarget && box.contains(e.relatedTarget))) {
      queueMicrotask(() => { if (!box.contains(document.activeElement)) settleGroup(box); });
    }
  });

  function roving(e) {
    const el = e.target;
    if (!el.closest || el.matches("input, textarea, select")) return false;
    let box = el.closest(GROUP);
    if (box && kindOf(box) === "roving") return false;  // the items section moves in these (grids, trees)
    if (box && !members(box).includes(el.closest(ITEMS[kindOf(box)]))) box = null;
    box = box || el.closest(".v-list");  // a plain list: arrows move, every item stays a Tab stop
    if (!box) return false;
    const kind = box.matches(GROUP) ? kindOf(box) : "list";
    const vertical = box.getAttribute("aria-orientation") === "vertical";
    const keys = kind === "toggle" ? ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"]
      : kind === "tablist" && !vertical ? ["ArrowLeft", "ArrowRight"] : ["ArrowUp", "ArrowDown"];
    if (![...keys, "Home", "End"].includes(e.key)) return false;
    const pool = kind === "list" ? [...box.querySelectorAll(ITEMS.list)].filter(i => i.closest(".v-list") === box) : members(box);
    const items = pool.filter(i => usable(i) && i.getClientRects().length > 0);
    if (!items.length) return false;
    const at = items.indexOf(el.closest(ITEMS[kind]));
    const forward = e.key === "ArrowRight" || e.key === "ArrowDown";
    const next = e.key === "Home" ? 0 : e.key === "End" ? items.length - 1
      : forward ? (at + 1) % items.length : (at <= 0 ? items.length - 1 : at - 1);
    items[next].focus();
    return true;
  }

  function firstItem(menu) {
    return [...menu.querySelectorAll(ITEMS.menu)].find(i => usable(i) && i.getClientRects().length > 0);
  }

  // Tab in an open menu closes it and goes on from its button (the menu is one stop, entered with the arrows).
  function leaveMenu(e) {
    const menu = e.target.closest && e.target.closest(".v-menu[popover]");
    if (!menu || !menu.matches(":popover-open")) return;
    const opener = document.querySelector(`[popovertarget="${CSS.escape(menu.id)}"], [data-ht-menu="${CSS.escape(menu.id)}"]`);
    menu.hidePopover();
    if (opener) opener.focus({ preventScroll: true });
  }

  document.addEventListener("keydown", e => {
    if (e.defaultPrevented || e.isComposing) return;
    const el = e.target;
    if (e.key === "Escape") {
      if (document.querySelector(":popover-open")) return;  // the browser closes the open menu first
      const dialogs = document.querySelectorAll(".v-dialog");
      const scrim = dialogs.length && dialogs[dialogs.length - 1].querySelector(".v-overlay__scrim[data-ht-dismiss]");
      if (scrim) { e.preventDefault(); scrim.click(); }
      return;
    }
    // ArrowDown on a menu's button opens it onto its first item
    if (e.key === "ArrowDown" && el.matches && el.matches("[popovertarget]")) {
      const menu = document.getElementById(el.getAttribute("popovertarget"));
      if (menu && menu.matches(".v-menu[popover]")) {
        e.preventDefault();
        if (!menu.matches(":popover-open")) menu.showPopover();
        firstItem(menu)?.focus();
        return;
      }
    }
    if (roving(e)) { e.preventDefault(); return; }
    // Enter/Space on an item that is not a native control: a click, as on a button
    if ((e.key === "Enter" || e.key === " ") && el.matches &&
        el.matches(".v-list-item[tabindex], [role=tab][tabindex], [role=menuitem][tabindex], [role=option][tabindex]") &&
        !el.matches("a[href], button, input, select, textarea, [data-ht-press]")) {  // data-ht-press: the items section (Space on a tree row selects)
      e.preventDefault();
      el.click();
      return;
    }
    if (e.key === "Tab") { leaveMenu(e); trapInDialog(e); }
  });

  // Tab and Shift+Tab cycle inside the top dialog, as Vuetify's focus trap does.
  function trapInDialog(e) {
    const dialogs = document.querySelectorAll(".v-dialog");
    if (!dialogs.length) return;
    const box = dialogs[dialogs.length - 1].querySelector(".v-overlay__content");
    if (!box) return;
    const stops = [...box.querySelectorAll("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])")].filter(focusable);
    if (!stops.length) { e.preventDefault(); return; }
    const first = stops[0], last = stops[stops.length - 1];
    if (!box.contains(document.activeElement) || document.activeElement === box) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault(); first.focus();
    } else if (e.shiftKey && document.activeElement === first) {
      e.preventDefault(); last.focus();
    }
  }

  // Menus: focus goes back to the button that opened one when it closes
  // (Esc, a click on an item, a click outside) and focus was inside it.
  document.addEventListener("toggle", e => {
    const menu = e.target;
    if (!menu.matches || !menu.matches(".v-menu[popover]") || e.newState !== "closed") return;
    const inside = menu.contains(document.activeElement) || document.activeElement === document.body;
    const opener = document.querySelector(`[popovertarget="${CSS.escape(menu.id)}"]`);
    if (inside && opener) opener.focus({ preventScroll: true });
  }, true);

  // Dialogs are server-rendered while open: after each update, a dialog that
  // appeared takes the focus (its content box), and one that went gives it
  // back to the element that had it when the dialog opened.
  let openDialogs = [];
  const openedFrom = new WeakMap();

  function followDialogs() {
    const now = [...document.querySelectorAll(".v-dialog")];
    for (const d of now) {
      if (openDialogs.includes(d)) continue;
      const from = document.activeElement;
      if (from && from !== document.body && !d.contains(from)) {
        openedFrom.set(d, { el: from, ht: from.getAttribute("data-ht"), id: from.id });
      }
      // an [autofocus] field inside (a command palette's search) takes it, else the content box
      const box = d.querySelector("[autofocus]") || d.querySelector(".v-overlay__content");
      if (box && !d.contains(document.activeElement)) box.focus({ preventScroll: true });
    }
    for (const d of openDialogs) {
      if (d.isConnected || now.length) continue;
      const from = openedFrom.get(d);
      const lost = !document.activeElement || document.activeElement === document.body;
      if (!from || !lost) continue;
      const el = from.el.isConnected ? from.el
        : (from.id && document.getElementById(from.id)) || (from.ht && document.querySelector(`[data-ht="${CSS.escape(from.ht)}"]`));
      if (el) el.focus({ preventScroll: true });
    }
    openDialogs = now;
  }
  document.addEventListener("DOMContentLoaded", () => { openDialogs = [...document.querySelectorAll(".v-dialog")]; });

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

  // Live regions (issue 19): a screen reader announces a change inside a
  // live region it already knows, and often misses one inserted with its
  // text in it. So the flash list is there, empty and polite, from the start:
  // the host's (given aria-live when it has no role of its own) or ours.
  document.addEventListener("DOMContentLoaded", () => {
    const host = document.querySelector("[data-ht-flashes]");
    if (host) {
      if (!host.hasAttribute("aria-live") && !host.hasAttribute("role")) host.setAttribute("aria-live", "polite");
    } else if (document.getElementById("ht-app") && !document.getElementById("ht-flashes")) {
      const list = document.createElement("ul");
      list.id = "ht-flashes";
      list.setAttribute("role", "status");
      document.body.appendChild(list);
    }
  });

  // flash() in a handler: the host's flash list if the page has one
  // (an element with data-ht-flashes), else a box of our own.
  function showFlashes(items) {
    let list = document.querySelector("[data-ht-flashes]");
    if (!list) {
      list = document.getElementById("ht-flashes");
      if (!list) {
        list = document.createElement("ul");
        list.id = "ht-flashes";
        list.setAttribute("role", "status");
        document.body.appendChild(list);
      }
    }
    for (const item of items) {
      const li = document.createElement("li");
      li.className = `flash flash-${item.category}`;
      li.textContent = item.message;
      list.appendChild(li);
    }
    document.dispatchEvent(new CustomEvent("htmxtrame:flash", { detail: { messages: items } }));
  }

  function callRef(call) {
    if (call.download) { download(call.download); return; }
    if (call.flash) { showFlashes(call.flash); return; }
    const refs = document.querySelectorAll(`[data-ht-ref="${CSS.escape(call.ref)}"]`);
    if (!refs.length) {
      callFailed(call, `js_call: no element on this page has ref="${call.ref}" (calling ${call.method})`);
      return;
    }
    for (const ref of refs) {
      if (callServerMethod(ref, call)) continue;
      const el = callTarget(ref, call.method);
      const fn = el[call.method];
      if (typeof fn === "function") {
        try { fn.apply(el, call.args || []); } catch (err) { callFailed(call, `js_call: ${call.ref}.${call.method}() failed: ${err}`); }
      } else {
        callFailed(call, `js_call: the element with ref="${call.ref}" has no method ${call.method}`);
      }
    }
  }

  // -- tables and forms ------------------------------------------------------
  // A data table with an update_options handler renders its options
  // (data-ht-options) and the ones last reported (data-ht-emitted). Options
  // the page shows that nobody reported yet (first sight of the table, a
  // header click, a search typed elsewhere) go up once, as Vuetify emits
  // update:options on mount and on change; the server computes $event itself.
  const reportedOptions = new Map(); // table's data-ht id -> options text sent
  function watchTableOptions(root) {
    for (const table of root.querySelectorAll("[data-ht-options]")) {
      const id = table.getAttribute("data-ht");
      const now = table.getAttribute("data-ht-options");
      if (!id || now === table.getAttribute("data-ht-emitted") || reportedOptions.get(id) === now) continue;
      reportedOptions.set(id, now);
      send({ t: "ev", id, ev: "update_options", event: { type: "update_options" } });
    }
  }
  document.addEventListener("DOMContentLoaded", () => watchTableOptions(document));
  document.addEventListener("htmxtrame:dirty", () => watchTableOptions(document));

  // Methods a component runs on the server (a VForm's validate, reset and
  // resetValidation): server.js_call(ref, method) sends them as its events.
  function callServerMethod(el, call) {
    const id = el.getAttribute("data-ht");
    if (!id || !(el.getAttribute("data-ht-methods") || "").split(" ").includes(call.method)) return false;
    send({ t: "ev", id, ev: call.method, event: { type: call.method } });
    return true;
  }
  // A VForm's reset button resets it on the server (the browser's own reset
  // would put back the values the page was loaded with).
  document.addEventListener("reset", e => {
    if (e.target.matches && e.target.matches("form.v-form[data-ht]")) e.preventDefault();
  }, true);

  // A js_call that cannot run: the console always, the --debug box when the server runs with --debug.
  function callFailed(call, message) {
    console.error("htmxtrame:", message);
    const detail = { code: "js-call-failed", message };
    document.dispatchEvent(new CustomEvent("htmxtrame:error", { detail }));
    if (call.debug) showAppError(detail);
  }

  // App code failed on the server. With --debug (err.debug) the latest failure
  // stays where the developer is looking; otherwise (err.notice) a short
  // notice without details shows for a few seconds, like a Vuetify snackbar.
  // A click dismisses either; a notice never replaces a debug message.
  let noticeTimer = null;
  function showAppError(err) {
    let box = document.getElementById("ht-app-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "ht-app-error";
      box.setAttribute("role", "alert");
      box.title = "click to dismiss";
      box.hidden = true;
      box.addEventListener("click", () => { box.hidden = true; });
      document.body.appendChild(box);
    }
    const notice = !err.debug;
    if (notice && !box.hidden && !box.classList.contains("ht-notice")) return;
    clearTimeout(noticeTimer);
    box.classList.toggle("ht-notice", notice);
    box.textContent = err.message;
    box.hidden = false;
    if (notice) noticeTimer = setTimeout(() => { box.hidden = true; }, 6000);
  }

  // trame__favicon changed: point the tab's icon at it ("" restores the page's own).
  function setFavicon(href) {
    const link = document.querySelector('link[rel="icon"]');
    if (!link) return;
    if (link.dataset.htDefault === undefined) link.dataset.htDefault = link.getAttribute("href") || "";
    link.setAttribute("href", href || link.dataset.htDefault);
  }

  // trame__title changed. Inside a host's layout ("{% block title %}{% endblock %} | ACME",
  // transport/wrap.py) the app's root names the title it was given: the text
  // the host's template put around it stays, on every change and resync.
  let titleFrame;  // [before, after]
  function setTitle(text) {
    if (titleFrame === undefined) {
      const first = app() && app().getAttribute("data-ht-title");
      const at = first ? document.title.indexOf(first) : -1;
      titleFrame = at < 0 ? ["", ""] : [document.title.slice(0, at), document.title.slice(at + first.length)];
    }
    document.title = titleFrame[0] + text + titleFrame[1];
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
    if (!boot && app()) boot = app().getAttribute("data-ht-boot") || "";
    acked = serial;  // what went up on the old socket was handled or is lost: no echo is coming
    // After a drop, what the user did while away goes first, so the resync
    // the hello asks for already holds it (a resync rendered before it would
    // undo their typing). On the first connection the page is as rendered:
    // the hello goes first, so input made while the socket opened (a click,
    // a table reporting its options) is answered with its fragments, not
    // with the whole page again.
    const waiting = queue.splice(0);
    const first = !everConnected;
    everConnected = true;
    if (first) socket.send(JSON.stringify({ t: "hello", seq, boot }));
    for (const msg of waiting) send(msg);
    // Scopes: a page that shows client-only values of its own asks, on a
    // reconnect, for the whole layout (any seq the server never sent): its
    // new connection starts from the server's values, as trame's do.
    if (!first) socket.send(JSON.stringify({ t: "hello", seq: localValues ? -1 : seq, boot }));
    localValues = false;
  });
  let everConnected = false;

  // Login: the server closes a page's socket with 4401 once the host's
  // login check refuses it (logged out, session expired) and 4403 when the
  // user may no longer act. A socket that fails to open may be a refused
  // handshake (a browser never sees its status): ask the page's own URL
  // how the host answers now. A login redirect or a 401 sends the user to
  // log in, with next= back here; anything else keeps reconnecting.
  const LOGIN = 4401, FORBIDDEN = 4403;
  let checking = false;
  function toLogin(url) {
    const target = new URL(url, location.href);
    if (!target.searchParams.has("next")) target.searchParams.set("next", location.pathname + location.search);
    location.assign(target.href);
  }
  async function checkAccess(code) {
    const login = app() && app().getAttribute("data-ht-login");
    if (code === LOGIN && login) { toLogin(login); return; }
    if (checking) return;
    checking = true;
    let resp;
    try {
      resp = await fetch(location.href, { method: "HEAD", redirect: "manual", cache: "no-store", credentials: "same-origin" });
    } catch (err) {
      return; // the server is down: keep reconnecting
    } finally {
      checking = false;
    }
    if (resp.type === "opaqueredirect") location.reload(); // the host's guard redirects to its login page
    else if (resp.status === 401) { const to = login || resp.headers.get("Location"); if (to) toLogin(to); else location.reload(); }
    else if (code === LOGIN || code === FORBIDDEN || resp.status === 403) location.reload(); // the host's page says why
  }

  document.addEventListener("htmx:ws:close", e => {
    const code = e.detail && e.detail.code;
    socket = null;
    if (code === LOGIN || code === FORBIDDEN) {
      status("Signed out");
      checkAccess(code);
      return;
    }
    status("Reconnecting…");
    if (code === 1006) checkAccess(code);
  });

  // The page loaded only the Vuetify rules its layout can use
  // (transport/csssubset.py): a frame bringing a class of a family it
  // lacks adds the whole sheet, once, before that frame is swapped in.
  let subset;  // {link, have, all}; false without a subset or once the whole sheet is in
  function wholeSheetFor(data) {
    if (subset === undefined) {
      const link = document.querySelector("[data-ht-families]");
      subset = link ? { link, have: new Set(link.dataset.htFamilies.split(" ")), all: new Set(link.dataset.htAll.split(" ")) } : false;
    }
    if (!subset || typeof data !== "string" || !data.includes('class=\\"')) return;
    for (const m of data.matchAll(/class=\\"([^"\\]*)\\"/g)) {
      for (const c of m[1].split(" ")) {
        const fam = c.startsWith("v-") ? c.split("--")[0].split("__")[0] : c;
        if (!c || subset.have.has(fam) || !(c.startsWith("v-") || subset.all.has(c.split("-")[0]))) continue;
        const full = document.createElement("link");
        full.rel = "stylesheet";
        full.href = subset.link.dataset.htFull;
        subset.link.after(full);
        subset = false;
        return;
      }
    }
  }
  document.addEventListener("htmx:ws:before:message:incoming", e => wholeSheetFor(e.detail.message.data));

  // The widgets' own scripts this page did not load (transport/glue.py): the
  // first frame that brings one of those widgets loads its script.
  const glueTag = document.querySelector("script[data-ht-glue]");
  let later;
  try { later = glueTag ? JSON.parse(glueTag.dataset.htGlue) : {}; } catch (err) { later = {}; }
  function glueFor(data) {
    if (typeof data !== "string") return;
    for (const [name, [marker, url]] of Object.entries(later)) {
      if (!data.includes(marker) && !data.includes(marker.replaceAll('"', '\\"'))) continue;
      delete later[name];
      const script = document.createElement("script");
      script.src = url;
      document.head.appendChild(script);
    }
  }
  document.addEventListener("htmx:ws:before:message:incoming", e => glueFor(e.detail.message.data));

  document.addEventListener("htmx:ws:after:message:incoming", e => {
    if (e.detail.htSse) { wholeSheetFor(e.detail.message.data); glueFor(e.detail.message.data); }  // the HTTP fallback swaps before it says so
    let msg;
    try { msg = JSON.parse(e.detail.message.data); } catch (err) { return; }
    if (typeof msg.seq === "number") seq = msg.seq;
    if (typeof msg.boot === "string") boot = msg.boot;  // a whole page from a scope (or process) this page had not met
    if (msg.local) localValues = true;  // scopes: see the hello above
    if (typeof msg.ack === "number" && msg.ack > acked) acked = msg.ack;
    // Only the frame that answers the last input sent clears it: a frame the
    // server sends meanwhile (this page's trame__busy, another page's change) does not.
    if (acked >= serial) busy(false);
    if (msg.content !== undefined) { syncProperties(document); followDialogs(); }
    // The field this page typed into was not sent back (own_input.py), only
    // its text: the server's value of it, as the fragment would have said.
    for (const [fid, text] of Object.entries(msg.kept || {})) {
      const el = document.getElementById(fid);
      if (!el) continue;
      if (el.tagName === "TEXTAREA") el.defaultValue = text; else el.setAttribute("value", text);
    }
    followServer();
    if (typeof msg.title === "string") setTitle(msg.title);
    if (typeof msg.favicon === "string") setFavicon(msg.favicon);
    for (const call of msg.calls || []) callRef(call);
    for (const err of msg.errors || []) if (err.debug || err.notice) showAppError(err);
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

  // settled: every input sent has been answered and none waits in a throttle
  // (tests wait on it before acting on what the last keystroke re-renders).
  window.htmxtrame = {
    send, get seq() { return seq; }, get connected() { return !!socket && socket.readyState === 1; },
    get settled() { return acked >= serial && ![...throttled.values()].some(slot => slot.msg); },
  };
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
    if (e.defaultPrevented) return;  // the keyboard section above already handled it (one press, one click)
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
  if (!window.htmx) return;
  // Looked up when needed: the script runs in <head>, before the page's body exists.
  const app = () => document.getElementById("ht-app");
  const FALLBACK_AFTER = 2;       // websocket attempts that failed without ever opening
  const OPEN_TIMEOUT_MS = 5000;   // a websocket still connecting after this counts as blocked
  const POST_BATCH = 200;         // messages per POST at most (the server's cap)

  let mode = "websocket";
  let wsOpened = false, wsFailures = 0;
  let source = null, sid = null, posting = false, retry = 250, reconnecting = false;
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
  setTimeout(() => { if (!wsOpened && mode === "websocket" && app()) fallBack(); }, OPEN_TIMEOUT_MS);

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
    url.search = new URL(app().getAttribute("hx-ws:connect"), document.baseURI).search;  // ?ui=...
    source = new EventSource(url);
    source.addEventListener("ht-open", e => {  // the server's first event: this connection's id
      const info = JSON.parse(e.data);
      sid = info.sid;
      retry = 250;
      socket.readyState = 1;
      (app() || document).dispatchEvent(new CustomEvent("htmx:ws:after:connection",
        { bubbles: true, detail: { htSse: true, connection: { socket } } }));
      statusText("Connected over HTTP (websockets are blocked)");
      setTimeout(() => { if (socket.readyState === 1) statusText(""); }, 3000);
      pump();
    });
    let receiving = Promise.resolve();
    source.onmessage = e => { receiving = receiving.then(() => incoming(e.data)); };
    source.onerror = () => dropped();
    // The server ended the stream with a websocket close code (4401: log in again).
    source.addEventListener("ht-close", e => {
      let info = {};
      try { info = JSON.parse(e.data); } catch (err) { /* a plain drop */ }
      dropped(info.code);
    });
  }

  function dropped(code) {
    if (source) { source.close(); source = null; }
    if (reconnecting) return;
    reconnecting = true;
    socket.readyState = 3;
    sid = null;
    (app() || document).dispatchEvent(new CustomEvent("htmx:ws:close", { bubbles: true, detail: { htSse: true, code, reason: "closed" } }));
    statusText("Reconnecting over HTTP…");
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 3000);
  }

  async function incoming(data) {
    let msg = null;
    try { msg = JSON.parse(data); } catch (err) { /* the glue ignores it too */ }
    const root = app();
    if (msg && msg.content !== undefined && root) {
      let swap = root.getAttribute("hx-swap") || htmx.config.defaultSwap;
      if (!/(?:^|\s)swapEmpty/.test(swap)) swap += " swapEmpty:false";
      await htmx.swap({ sourceElement: root, target: root, swap, text: msg.content, transition: false });
    }
    (app() || document).dispatchEvent(new CustomEvent("htmx:ws:after:message:incoming",
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

// ---- menu activators: any element, activator="parent", open_on_hover (overlays.py) ----
(() => {
  "use strict";
  const HOVER_CLOSE_MS = 150;  // time to move the pointer from the activator onto the menu
  const timers = new WeakMap();
  const menuOf = el => document.getElementById(el.getAttribute("data-ht-menu") || "");

  function adoptParents(root) {
    for (const wrap of root.querySelectorAll(".v-menu-wrap[data-ht-activator=parent]")) {
      const parent = wrap.parentElement, menu = wrap.querySelector(".v-menu[popover]");
      if (!parent || !menu || parent.hasAttribute("data-ht-menu")) continue;
      parent.setAttribute("data-ht-menu", menu.id);
      parent.setAttribute("aria-haspopup", "menu");
      parent.style.setProperty("anchor-name", `--${menu.id}`);
      if (menu.hasAttribute("data-ht-hover")) parent.setAttribute("data-ht-hover", "");
    }
  }
  document.addEventListener("DOMContentLoaded", () => adoptParents(document));
  document.addEventListener("htmxtrame:dirty", () => adoptParents(document));

  function show(menu) { clearTimeout(timers.get(menu)); if (!menu.matches(":popover-open")) menu.showPopover(); }
  function hideSoon(menu) {
    clearTimeout(timers.get(menu));
    timers.set(menu, setTimeout(() => { if (menu.matches(":popover-open")) menu.hidePopover(); }, HOVER_CLOSE_MS));
  }

  document.addEventListener("click", e => {
    const el = e.target.closest && e.target.closest("[data-ht-menu]");
    if (!el || el.hasAttribute("popovertarget")) return;
    const menu = menuOf(el);
    if (!menu || menu.contains(e.target)) return;
    if (menu.matches(":popover-open")) menu.hidePopover(); else menu.showPopover();
  });
  document.addEventListener("keydown", e => {
    const el = e.target;
    if ((e.key !== "Enter" && e.key !== " ") || !el.matches || !el.matches("[data-ht-menu]:not(button, input, a[href])")) return;
    e.preventDefault();
    el.click();
  });
  document.addEventListener("pointerover", e => {
    const el = e.target.closest && e.target.closest("[data-ht-menu][data-ht-hover]");
    if (el) { const menu = menuOf(el); if (menu) show(menu); return; }
    const menu = e.target.closest && e.target.closest(".v-menu[data-ht-hover]");
    if (menu) clearTimeout(timers.get(menu));
  });
  document.addEventListener("pointerout", e => {
    const from = e.target.closest && (e.target.closest("[data-ht-menu][data-ht-hover]") || e.target.closest(".v-menu[data-ht-hover]"));
    if (!from || (e.relatedTarget && from.contains(e.relatedTarget))) return;
    const menu = from.matches(".v-menu") ? from : menuOf(from);
    if (menu) hideSoon(menu);
  });
})();

// vtail-b: a number field's arrow keys step it through its −/+ buttons, as
// Vuetify's VNumberInput; text typed but not committed goes first.
(function () {
  "use strict";
  document.addEventListener("keydown", e => {
    if (e.defaultPrevented || (e.key !== "ArrowUp" && e.key !== "ArrowDown") || e.altKey || e.ctrlKey || e.metaKey) return;
    const input = e.target;
    const field = input.matches && input.matches("input") && input.closest("[data-ht-spin]");
    if (!field) return;
    const btn = field.querySelector(`[data-ht-spin="${e.key === "ArrowUp" ? "up" : "down"}"]`);
    e.preventDefault();
    if (!btn || btn.disabled) return;
    if (input.value !== (input.getAttribute("value") ?? "")) input.dispatchEvent(new Event("change", { bubbles: true }));
    btn.click();
  });
})();
// ---- router: the page's route in its URL hash (htmxtrame/routes.py, widgets/router.py) ----
// The route is the part of the hash that starts with '/' ("#/bar/3"); no hash is "/"
// ("#section" stays an in-page anchor). The page tells the server its route when it
// connects (unless it is "/", the server's default) and whenever the hash changes (a
// link, Back/Forward, a typed URL); only this page re-renders. A RouterView showing
// another route than the hash names is hidden meanwhile: a page opened at #/foo never
// flashes the home route. The server's history moves ($router.back(), push) come as "nav".
(() => {
  "use strict";
  const MAX = 2048;  // routes.MAX_PATH
  function current() {
    const h = location.hash.slice(1);
    if (!h) return "/";
    return h.startsWith("/") && h.length <= MAX ? h : null;
  }
  // early.js made it, and hid the other routes before the first paint (unless a CSP refused it)
  let style = document.getElementById("ht-routes");
  if (!style) {
    style = document.createElement("style");
    style.id = "ht-routes";
    (document.head || document.documentElement).appendChild(style);
  }
  function hideOthers(route) {
    if (route === null) return;
    style.textContent = `[data-ht-route]:not([data-ht-route="${CSS.escape(route)}"]){visibility:hidden}`;
  }
  hideOthers(current());
  function tell() {
    const route = current();
    if (route === null || !window.htmxtrame) return;
    hideOthers(route);
    window.htmxtrame.send({ t: "route", path: route });
  }
  document.addEventListener("htmx:ws:after:connection", () => { if (current() !== "/") tell(); });
  window.addEventListener("hashchange", tell);
  document.addEventListener("htmx:ws:after:message:incoming", e => {
    const data = e.detail.message.data;
    if (typeof data !== "string" || !data.includes('"nav":')) return;
    let msg;
    try { msg = JSON.parse(data); } catch (err) { return; }
    for (const move of Array.isArray(msg.nav) ? msg.nav : []) {
      if (typeof move.go === "number") history.go(move.go);
      else if (typeof move.push === "string" && move.push !== current()) history.pushState(null, "", "#" + move.push);
      else if (typeof move.replace === "string") history.replaceState(null, "", "#" + move.replace);
      hideOthers(current());
    }
  });
})();

// ---- mixed checkboxes: a data table's group and "Select all" boxes (widgets/vuetify3/tables.py) ----
// HTML has no attribute for a checkbox's indeterminate state, only a DOM property: the server
// marks the box data-ht-mixed while some but not all of its rows are selected, and this sets the
// property (which browsers show as a dash and screen readers read as "mixed") after each render.
(() => {
  "use strict";
  const mix = () => {
    for (const box of document.querySelectorAll("input[data-ht-mixable]")) box.indeterminate = box.hasAttribute("data-ht-mixed");
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mix); else mix();
  document.addEventListener("htmxtrame:dirty", mix);
})();
