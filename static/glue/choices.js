// ---- choices: VAutocomplete / VCombobox (widgets/vuetify3/choices.py) ----
// Loaded only by pages that show this widget (htmxtrame/transport/glue.py):
// the page's script tags, or the glue when a frame first brings one.
// The field's input (role=combobox) owns the keyboard; the listbox popover
// opens on focus, typing or ArrowDown; arrows move aria-activedescendant,
// Enter clicks the active option (the server picks it), or in a combobox
// with none active commits the typed text (a change event); Esc and Tab
// close. The server re-renders the options as the text changes; the open
// state and the active option are put back after each frame.
(() => {
  "use strict";
  const BOX = "input[role=combobox][aria-controls]";
  const active = new Map(); // input id -> id of its active option
  const wanted = new Set();  // ids of inputs whose menu the user has open
  const isBox = el => !!(el && el.matches && el.matches(BOX));
  const listOf = input => document.getElementById(input.getAttribute("aria-controls"));
  const boxOf = list => document.querySelector(`[aria-controls="${CSS.escape(list.id)}"]`);
  const options = list => [...list.querySelectorAll("[role=option]")].filter(o => !o.hidden && o.getClientRects().length);

  function isOpen(input) { const l = listOf(input); return !!(l && l.matches(":popover-open")); }
  function open(input) {
    const list = listOf(input);
    if (!list || input.disabled || input.closest(".v-input--readonly, .v-input--disabled")) return;
    if (!list.matches(":popover-open")) list.showPopover();
    input.setAttribute("aria-expanded", "true");
    wanted.add(input.id);
  }
  function close(input) {
    const list = listOf(input);
    if (list && list.matches(":popover-open")) list.hidePopover();
    input.setAttribute("aria-expanded", "false");
    wanted.delete(input.id);
    mark(input, null);
  }
  function mark(input, option) {
    const list = listOf(input);
    if (list) for (const o of list.querySelectorAll(".v-list-item--focus")) o.classList.remove("v-list-item--focus");
    if (option) {
      option.classList.add("v-list-item--focus");
      input.setAttribute("aria-activedescendant", option.id);
      active.set(input.id, option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
      active.delete(input.id);
    }
  }

  document.addEventListener("focusin", e => { if (isBox(e.target)) open(e.target); });
  document.addEventListener("click", e => {
    if (isBox(e.target)) { open(e.target); return; }
    // a click anywhere on the field (its selection, the menu icon) goes to its input
    const field = e.target.closest && !e.target.closest("button") && e.target.closest(".v-autocomplete__field");
    const input = field && field.querySelector(BOX);
    if (input) { input.focus(); open(input); }
  });
  // Typed text filters on the server: arrows and Enter pressed before the
  // options for the text in the field arrived wait for them (else they would
  // act on the old list). The options say what they were filtered for.
  const typedAt = new Map(); // input id -> time of its keystroke whose options are not shown yet
  const waiting = [];        // [input, key] held back
  const current = input => {
    const body = listOf(input)?.querySelector("[data-ht-typed]");
    return !body || body.getAttribute("data-ht-typed") === input.value.trim();
  };
  document.addEventListener("input", e => {
    if (!isBox(e.target)) return;
    open(e.target);
    mark(e.target, null);
    typedAt.set(e.target.id, performance.now());
  });
  function answered() {
    for (const [id, at] of [...typedAt]) {
      const input = document.getElementById(id);
      if (!input || current(input) || performance.now() - at > 1500) typedAt.delete(id);  // 1.5 s: never wait forever
    }
    while (waiting.length && !typedAt.has(waiting[0][0].id)) {
      const [input, key] = waiting.shift();
      if (document.activeElement === input) onKey({ target: input, key, preventDefault() {}, stopPropagation() {} });
    }
  }
  setInterval(() => { if (typedAt.size) answered(); }, 250);
  document.addEventListener("focusout", e => { if (isBox(e.target)) close(e.target); });
  // a press on an option or a chip's close button keeps the focus in the field
  document.addEventListener("mousedown", e => {
    if (e.target.closest && e.target.closest(".v-autocomplete__menu [role=option], .v-autocomplete .v-chip__close")) e.preventDefault();
  }, true);
  // a single pick closes the menu
  document.addEventListener("click", e => {
    const option = e.target.closest && e.target.closest(".v-autocomplete__menu [role=option]");
    const list = option && option.closest("[role=listbox]");
    if (!list || list.getAttribute("aria-multiselectable") === "true" || option.matches(".v-autocomplete__more")) return;
    const input = boxOf(list);
    if (input) close(input);
  });

  document.addEventListener("keydown", e => {
    const input = e.target;
    if (!isBox(input) || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    if (typedAt.has(input.id)) answered();
    if (typedAt.has(input.id) && ["ArrowDown", "ArrowUp", "Enter"].includes(e.key)) {
      e.preventDefault();
      waiting.push([input, e.key]);
      return;
    }
    onKey(e);
  }, true);

  function onKey(e) {
    const input = e.target;
    const list = listOf(input);
    if (!list) return;
    const current = document.getElementById(input.getAttribute("aria-activedescendant") || "");
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const was = isOpen(input);
      open(input);
      const opts = options(list);
      if (!opts.length) return;
      const at = was && current ? opts.indexOf(current) : -1;
      const next = e.key === "ArrowDown" ? (at + 1) % opts.length : (at <= 0 ? opts.length - 1 : at - 1);
      mark(input, opts[next]);
    } else if (e.key === "Enter") {
      if (isOpen(input) && current && list.contains(current)) {
        e.preventDefault();
        current.click();
      } else if (input.closest(".v-combobox")) {
        e.preventDefault();
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (e.key === "Escape") {
      if (isOpen(input)) { e.preventDefault(); e.stopPropagation(); close(input); }
    } else if (e.key === "Tab") {
      close(input);
    }
  }

  // after a frame: the focused field's menu stays open and its active option marked
  document.addEventListener("htmxtrame:dirty", () => {
    const input = document.activeElement;
    if (isBox(input) && wanted.has(input.id)) {
      open(input);
      const id = active.get(input.id);
      const option = id && document.getElementById(id);
      if (option && listOf(input).contains(option)) mark(input, option);
      else if (id) mark(input, null);
    }
    answered();
  });
})();
