// Reference evaluator for tests/expr/test_differential.py.
// stdin: {"state": {...}, "exprs": ["count * 2", ...], "statements": false}
// With "statements": true each source runs as event-handler code (its value is
// the completion value of the last statement) and the result also carries
// "state": the state as JSON afterwards.
// stdout: one result per expression:
//   {"ok": true, "type": typeof v, "str": String(v), "json": JSON.stringify(v) ?? null, "display": toDisplayString(v)}
//   {"ok": false, "error": "TypeError: ..."}
// Names resolve like a Vue template: globals from an allow-list, everything
// else from the state object (missing -> undefined, never ReferenceError).
"use strict";

process.env.TZ = "UTC";  // the server's Dates are in UTC (docs/expressions.md, Date)
const GLOBALS = new Set(["Math", "JSON", "Number", "String", "Boolean", "Object", "Array", "Date",
  "parseInt", "parseFloat", "isNaN", "isFinite", "Infinity", "NaN", "undefined"]);

function toDisplayString(val) {  // Vue 3 @vue/shared toDisplayString for plain data
  if (val == null) return "";
  if (Array.isArray(val) || (typeof val === "object" && val.toString === Object.prototype.toString)) {
    return JSON.stringify(val, null, 2);
  }
  return String(val);
}

function scope(state) {
  return new Proxy(state, {
    has: (target, key) => typeof key === "string" && !GLOBALS.has(key) && key !== "eval" && !key.startsWith("__"),
    get: (target, key) => (key === Symbol.unscopables ? undefined : target[key]),
  });
}

function run(source, stateJson, statements) {
  let fn;
  try {
    // Sloppy-mode Function so that `with` is available, as in Vue's runtime compiler.
    fn = statements
      ? new Function("__scope", "__src", "with (__scope) { return eval(__src); }")
      : new Function("__scope", "with (__scope) { return (\n" + source + "\n); }");
  } catch (e) {
    return { ok: false, error: String(e) };
  }
  const state = JSON.parse(stateJson);
  try {
    const v = fn(scope(state), source);
    let json = null;
    try { json = JSON.stringify(v); } catch (e) { json = "!" + e.name; }
    const out = { ok: true, type: typeof v, str: String(v), json: json === undefined ? null : json, display: toDisplayString(v) };
    if (statements) out.state = JSON.stringify(state);
    return out;
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { state, exprs, statements } = JSON.parse(input);
  const stateJson = JSON.stringify(state);
  process.stdout.write(JSON.stringify(exprs.map((src) => run(src, stateJson, !!statements))));
});
