// ---- grid dragging: trame.widgets.grid (htmxtrame/widgets/grid.py, grid_move.py) ----
// Loaded only by pages that show this widget (htmxtrame/transport/glue.py):
// the page's script tags, or the glue when a frame first brings one.
// An item (data-ht-grid-i) of a draggable grid (data-ht-grid: its columns, row
// height, margins, drag/resize) follows the pointer while dragged, or grows with
// it from its corner handle (data-ht-grid-resize); on drop the page sends the grid
// cell under the item's top left corner (or its new size in cells), and the server
// moves it, compacts the grid and re-renders it. Controls inside keep their clicks.
(() => {
  "use strict";
  const SLOP = 3;   // pixels the pointer travels before a press becomes a drag
  let drag = null;  // {item, grid, opts, resize, pointerId, x0, y0, w0, h0, moved}

  const optionsOf = grid => {
    try { return JSON.parse(grid.getAttribute("data-ht-grid")); } catch (err) { return null; }
  };

  document.addEventListener("pointerdown", e => {
    if (e.button !== 0 || !e.target.closest) return;
    const resize = !!e.target.closest("[data-ht-grid-resize]");
    if (!resize && e.target.closest("input, textarea, select, button, a[href], [contenteditable], [data-ht-float-handle]")) return;
    const item = e.target.closest("[data-ht-grid-i]");
    const grid = item && item.closest(".ht-grid-layout[data-ht-grid][data-ht]");
    const opts = grid && optionsOf(grid);
    if (!opts || !(resize ? opts.resize : opts.drag)) return;
    if (resize) e.preventDefault();
    drag = { item, grid, opts, resize, pointerId: e.pointerId, x0: e.clientX, y0: e.clientY,
             w0: item.offsetWidth, h0: item.offsetHeight, style: item.getAttribute("style"), moved: false };
  });
  document.addEventListener("pointermove", e => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const dx = e.clientX - drag.x0, dy = e.clientY - drag.y0;
    if (!drag.moved && Math.hypot(dx, dy) < SLOP) return;
    drag.moved = true;
    e.preventDefault();
    drag.item.setAttribute("data-ht-grid-busy", "");
    const s = drag.item.style;
    drag.item.classList.add("ht-grid-item--dragging");
    s.zIndex = "3";
    if (drag.resize) {
      s.width = `${Math.max(10, drag.w0 + dx)}px`;
      s.height = `${Math.max(10, drag.h0 + dy)}px`;
    } else {
      s.transform = `translate(${dx}px, ${dy}px)`;
    }
  });
  // After the drop: a re-render replaced the item's style with the server's (and dropped the
  // data-ht-grid-busy mark); when nothing changed, the style it had before the drag comes back.
  const settle = (item, style) => {
    if (!item.hasAttribute("data-ht-grid-busy")) return;
    item.removeAttribute("data-ht-grid-busy");
    item.classList.remove("ht-grid-item--dragging");
    if (style === null) item.removeAttribute("style"); else item.setAttribute("style", style);
  };
  const drop = e => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const { item, grid, opts, resize, moved, style } = drag;
    drag = null;
    if (!moved) return;
    const [mx, my] = opts.margin;
    const colW = (grid.clientWidth - mx * (opts.cols + 1)) / opts.cols;
    const r = item.getBoundingClientRect(), g = grid.getBoundingClientRect();
    const event = { i: item.getAttribute("data-ht-grid-i") };
    if (resize) {
      event.w = Math.min(opts.cols, Math.max(1, Math.round((r.width + mx) / (colW + mx))));
      event.h = Math.max(1, Math.round((r.height + my) / (opts.rowHeight + my)));
    } else {
      event.x = Math.max(0, Math.round((r.left - g.left - mx) / (colW + mx)));
      event.y = Math.max(0, Math.round((r.top - g.top - my) / (opts.rowHeight + my)));
    }
    document.addEventListener("htmxtrame:dirty", () => settle(item, style), { once: true });
    setTimeout(() => settle(item, style), 1000);
    window.htmxtrame.send({ t: "ev", id: grid.getAttribute("data-ht"), ev: "ht_grid_drop", event });
  };
  document.addEventListener("pointerup", drop);
  document.addEventListener("pointercancel", e => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    settle(drag.item, drag.style);
    drag = null;
  });

  // Keyboard moves: a focused item (a Tab stop) moves one cell with the arrow keys and grows or
  // shrinks by one with Shift+arrows. The page sends the cell as a drop would, so the server moves,
  // pushes and compacts exactly as for the pointer; once it has answered, the grid's live region
  // says where the item is (or that it could not move) and the item keeps the focus.
  const STEP = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  const cellOf = item => (item.getAttribute("data-ht-grid-cell") || "").split(" ").map(Number);
  const announce = (gridId, key, before) => {
    const grid = document.querySelector(`.ht-grid-layout[data-ht="${CSS.escape(gridId)}"]`);
    const item = grid && grid.querySelector(`[data-ht-grid-i="${CSS.escape(key)}"]`);
    const live = grid && grid.querySelector("[data-ht-grid-live]");
    if (!item || !live) return;
    const [x, y, w, h] = cellOf(item);
    const where = `column ${x + 1}, row ${y + 1}, ${w} wide, ${h} high`;
    live.textContent = item.getAttribute("data-ht-grid-cell") === before
      ? `Item ${key} cannot move there; it stays at ${where}.` : `Item ${key} is at ${where}.`;
    const active = document.activeElement;
    if (active !== item && (!active || active === document.body || !active.isConnected)) item.focus();
  };
  // Keys pressed while the server has not answered the last move wait for it (each move starts
  // from the cell the server gave), at most QUEUED of them per grid.
  const QUEUED = 8;
  const waiting = new Map();  // grid's data-ht id -> the key presses waiting for its answer
  const keyMove = (gridId, key, arrow, shift) => {
    const grid = document.querySelector(`.ht-grid-layout[data-ht="${CSS.escape(gridId)}"]`);
    const item = grid && grid.querySelector(`[data-ht-grid-i="${CSS.escape(key)}"]`);
    const opts = grid && optionsOf(grid);
    const [x, y, w, h] = item ? cellOf(item) : [];
    if (!opts || [x, y, w, h].some(n => !Number.isFinite(n))) return next(gridId);
    const step = STEP[arrow], before = item.getAttribute("data-ht-grid-cell");
    const event = shift ? { i: key, w: Math.min(opts.cols, Math.max(1, w + step[0])), h: Math.max(1, h + step[1]) }
      : { i: key, x: Math.max(0, Math.min(opts.cols - w, x + step[0])), y: Math.max(0, y + step[1]), step: true };
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      document.removeEventListener("htmxtrame:dirty", answered);
      announce(gridId, key, before);
      next(gridId);
    };
    const answered = () => { if (window.htmxtrame.settled) finish(); };
    document.addEventListener("htmxtrame:dirty", answered);
    setTimeout(finish, 1500);
    window.htmxtrame.send({ t: "ev", id: gridId, ev: "ht_grid_drop", event });
  };
  const next = gridId => {
    const queue = waiting.get(gridId);
    if (!queue || !queue.length) { waiting.delete(gridId); return; }
    const [key, arrow, shift] = queue.shift();
    keyMove(gridId, key, arrow, shift);
  };
  document.addEventListener("keydown", e => {
    const item = e.target;
    if (!STEP[e.key] || e.altKey || e.ctrlKey || e.metaKey || !item.hasAttribute || !item.hasAttribute("data-ht-grid-i")) return;
    const grid = item.closest(".ht-grid-layout[data-ht-grid][data-ht]");
    const opts = grid && optionsOf(grid);
    if (!opts || !(e.shiftKey ? opts.resize : opts.drag)) return;
    e.preventDefault();
    const gridId = grid.getAttribute("data-ht"), press = [item.getAttribute("data-ht-grid-i"), e.key, e.shiftKey];
    const queue = waiting.get(gridId);
    if (queue) { if (queue.length < QUEUED) queue.push(press); return; }
    waiting.set(gridId, []);
    keyMove(gridId, ...press);
  });
})();
