// ---- size observers: trame's SizeObserver (htmxtrame/widgets/size_observer.py) ----
// Loaded only by pages that show this widget (htmxtrame/transport/glue.py):
// the page's script tags, or the glue when a frame first brings one.
// Every element marked data-ht-size reports its box when it changes size
// (and once on each connection, so a restarted server hears it again). The
// server checks the numbers and writes them to the state key it names.
(() => {
  "use strict";
  const DEBOUNCE_MS = 60;
  const last = new WeakMap();     // element -> the size it last reported
  const timers = new Map();       // data-ht id -> pending report
  const watched = new Set();
  const observer = new ResizeObserver(entries => { for (const entry of entries) report(entry.target); });

  function report(el, force) {
    const id = el.getAttribute("data-ht");
    if (!id || !window.htmxtrame) return;
    const r = el.getBoundingClientRect();
    const pixelRatio = window.devicePixelRatio || 1;
    const key = `${Math.round(r.width)}x${Math.round(r.height)}@${pixelRatio}`;
    if (!force && last.get(el) === key) return;
    last.set(el, key);
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => {
      timers.delete(id);
      const size = r.toJSON();
      window.htmxtrame.send({ t: "ev", id, ev: "resize", event: { type: "resize", size, pixelRatio, dpi: 96 * pixelRatio } });
    }, DEBOUNCE_MS));
  }

  function scan() {
    for (const el of watched) if (!el.isConnected) { observer.unobserve(el); watched.delete(el); }
    for (const el of document.querySelectorAll("[data-ht-size][data-ht]")) {
      if (!watched.has(el)) { watched.add(el); observer.observe(el); }
    }
  }
  // a page that had one from the start runs this before DOMContentLoaded; a
  // frame that brought the first one loads it later (the observer's first
  // callback then reports each box)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan); else scan();
  document.addEventListener("htmxtrame:dirty", scan);
  document.addEventListener("htmx:ws:after:connection", () => {
    scan();
    for (const el of watched) report(el, true);
  });
})();
