// ---- floating cards: trame's FloatCard (htmxtrame/widgets/float_card.py) ----
// Loaded only by pages that show this widget (htmxtrame/transport/glue.py):
// the page's script tags, or the glue when a frame first brings one.
// Dragging a card's handle with the pointer (or the arrow keys on the focused
// handle) moves the card in this page only, as trame's does: nothing goes to
// the server. After a frame re-renders the card, it goes back where the user
// left it, unless the server gave it a new location (its data-ht-float changed).
(() => {
  "use strict";
  const STEP = 10;             // pixels an arrow key moves the card (50 with Shift)
  const moved = new Map();     // card key -> {from: the server's location, left, top}
  let drag = null;             // {card, pointerId, dx, dy}

  const keyOf = card => card.getAttribute("data-ht") || card.id || "";
  const cardOf = target => {
    const handle = target && target.closest ? target.closest("[data-ht-float-handle]") : null;
    return handle ? handle.closest(".ht-float-card") : null;
  };
  const at = card => {
    const s = getComputedStyle(card);
    return [parseFloat(s.left) || 0, parseFloat(s.top) || 0];
  };

  function place(card, left, top) {
    card.style.left = `${left}px`;
    card.style.top = `${top}px`;
    moved.set(keyOf(card), { from: card.getAttribute("data-ht-float"), left, top });
  }

  document.addEventListener("pointerdown", e => {
    const card = cardOf(e.target);
    if (!card || e.button !== 0) return;
    e.preventDefault();  // no text selection while dragging
    const [left, top] = at(card);
    drag = { card, pointerId: e.pointerId, dx: left - e.clientX, dy: top - e.clientY };
    card.classList.add("ht-float-card--dragging");
  });
  document.addEventListener("pointermove", e => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    e.preventDefault();
    place(drag.card, e.clientX + drag.dx, e.clientY + drag.dy);
  });
  const stop = e => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    drag.card.classList.remove("ht-float-card--dragging");
    drag = null;
  };
  document.addEventListener("pointerup", stop);
  document.addEventListener("pointercancel", stop);

  document.addEventListener("keydown", e => {
    const card = cardOf(e.target);
    const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!card || !dir || e.ctrlKey || e.altKey || e.metaKey) return;
    e.preventDefault();
    const [left, top] = at(card);
    const step = e.shiftKey ? 5 * STEP : STEP;
    place(card, left + dir[0] * step, top + dir[1] * step);
  });

  document.addEventListener("htmxtrame:dirty", () => {
    const seen = new Set();
    for (const card of document.querySelectorAll(".ht-float-card")) {
      const key = keyOf(card), was = moved.get(key);
      seen.add(key);
      if (!was) continue;
      if (was.from !== card.getAttribute("data-ht-float")) { moved.delete(key); continue; }  // the server moved it
      card.style.left = `${was.left}px`;
      card.style.top = `${was.top}px`;
    }
    for (const key of moved.keys()) if (!seen.has(key)) moved.delete(key);
  });
})();
