// htmxtrame's early script, inlined in the page's <head>; the glue
// (htmxtrame.bundle.js) loads deferred and takes over what this started.
//
// Why: the bundle used to run in <head>, so nothing of the body was parsed,
// styled or painted before ~40 KB of script had arrived and run; and the
// first frame then ran just as the first answer came in. Deferred, the page
// paints while the script loads. Two things must not wait for it:
//   1. the socket (below): it opens now, while the body is parsed and styled,
//      instead of when htmx connects after DOMContentLoaded.
//   2. what the user does meanwhile: a click on a button drawn before the
//      glue runs is kept (window.htmxtrameEarly) and handled by the glue once
//      it is there, so the click is answered, not lost.
// A strict Content-Security-Policy (script-src without this script's hash)
// refuses inline scripts: the page then works as before this existed, with
// htmx opening the socket itself (docs/security.md).
(() => {
  "use strict";
  // Events that carry what a user meant; kept in order, at most 100.
  const KEEP = ["click", "dblclick", "input", "change", "submit", "keydown", "toggle"];
  const kept = window.htmxtrameEarly = [];
  const keep = e => {
    if (window.htmxtrameEarly !== kept || kept.length >= 100) return;
    // a form the server handles must not be submitted by the browser meanwhile
    if (e.type === "submit" && e.target.closest && e.target.closest("[data-ht-on~=submit]")) e.preventDefault();
    kept.push(e);
  };
  for (const type of KEEP) document.addEventListener(type, keep, true);
})();

// Routes (#/foo): the page holds every route's content and only the current
// one may show, from the first paint on. The glue keeps this style current.
(() => {
  "use strict";
  const hash = location.hash.slice(1);
  const route = !hash ? "/" : hash.startsWith("/") && hash.length <= 2048 ? hash : null;  // routes.MAX_PATH
  if (route === null) return;
  const style = document.createElement("style");
  style.id = "ht-routes";
  style.textContent = `[data-ht-route]:not([data-ht-route="${CSS.escape(route)}"]){visibility:hidden}`;
  (document.head || document.documentElement).appendChild(style);
})();

// The socket (data-ht-ws names it) opens here, in <head>: by the time htmx
// connects, after the page is parsed, it is usually open. htmx's websocket extension
// gets this socket when it asks for that URL; what happened to it meanwhile
// (open, messages, close) is replayed to the extension's listeners, in order,
// before anything newer can arrive.
(() => {
  "use strict";
  const script = document.currentScript;
  const wanted = script && script.getAttribute("data-ht-ws");
  const Native = window.WebSocket;
  if (!wanted || !Native || Native.htAdopting) return;
  const target = new URL(wanted, location.href);  // resolved as the extension does (ignores <base>)
  target.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  const url = target.href;
  let early = null;
  try { early = new Native(url); } catch (err) { return; }
  const TYPES = ["open", "message", "error", "close"];
  const happened = [];
  const keep = e => happened.push(e);
  for (const type of TYPES) early.addEventListener(type, keep);
  const copy = e => e.type === "message" ? new MessageEvent("message", { data: e.data, origin: e.origin })
    : e.type === "close" ? new CloseEvent("close", { code: e.code, reason: e.reason, wasClean: e.wasClean })
    : new Event(e.type);
  function restore() { if (window.WebSocket === Adopting) window.WebSocket = Native; }
  function Adopting(u, protocols) {
    if (early && protocols === undefined && String(u) === url) {
      const socket = early;
      early = null;
      restore();
      for (const type of TYPES) socket.removeEventListener(type, keep);
      // The extension adds its listeners right after the constructor returns.
      queueMicrotask(() => { for (const e of happened.splice(0)) socket.dispatchEvent(copy(e)); });
      return socket;
    }
    return new Native(u, protocols);
  }
  Adopting.prototype = Native.prototype;
  Adopting.htAdopting = true;
  for (const k of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Adopting[k] = Native[k];
  window.WebSocket = Adopting;
  // No app root on this page (a host template with the assets only): let it go.
  // (With one, htmx adopts it as it starts, which may be just after "load".)
  window.addEventListener("load", () => {
    if (!early || document.querySelector("[hx-ws\\:connect], [data-hx-ws\\:connect]")) return;
    early.close(); early = null; restore();
  });
})();
