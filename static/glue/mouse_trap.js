// ---- keyboard shortcuts: trame's MouseTrap (htmxtrame/widgets/mouse_trap.py) ----
// Loaded only by pages that show this widget (htmxtrame/transport/glue.py):
// the page's script tags, or the glue when a frame first brings one.
// An element marked data-ht-keys holds [{keys: ["mod+s", ...], event, stop}];
// a matching keydown (outside text fields, as Mousetrap) sends its event.
(() => {
  "use strict";
  const MAC = /Mac|iPhone|iPad/.test(navigator.platform || "");
  const NAMES = {
    esc: "escape", return: "enter", space: " ", spacebar: " ", up: "arrowup", down: "arrowdown",
    left: "arrowleft", right: "arrowright", del: "delete", ins: "insert", plus: "+",
  };

  function matches(combo, e) {
    const parts = combo === "+" ? ["+"] : combo.split("+");
    const key = parts.pop();
    const want = { ctrl: false, alt: false, shift: false, meta: false };
    for (const m of parts) {
      if (m === "mod") want[MAC ? "meta" : "ctrl"] = true;
      else if (m === "command" || m === "cmd") want.meta = true;
      else if (m === "option") want.alt = true;
      else if (m in want) want[m] = true;
      else return false;
    }
    if (e.ctrlKey !== want.ctrl || e.altKey !== want.alt || e.metaKey !== want.meta) return false;
    const name = NAMES[key] || key;
    if ((e.key || "").toLowerCase() !== name) return false;
    // a symbol such as "?" needs Shift to be typed at all: only letters, digits and named keys check it
    return (name.length === 1 && !/[a-z0-9]/.test(name)) || e.shiftKey === want.shift;
  }

  document.addEventListener("keydown", e => {
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName || ""))) return;
    for (const el of document.querySelectorAll("[data-ht-keys][data-ht]")) {
      let list;
      try { list = JSON.parse(el.getAttribute("data-ht-keys")); } catch (err) { continue; }
      for (const b of Array.isArray(list) ? list : []) {
        if (!Array.isArray(b.keys) || !b.keys.some(c => typeof c === "string" && matches(c, e))) continue;
        if (b.stop) { e.preventDefault(); e.stopPropagation(); }
        window.htmxtrame.send({ t: "ev", id: el.getAttribute("data-ht"), ev: b.event, event: { type: b.event, key: e.key } });
        return;
      }
    }
  }, true);
})();
