"""Differential test: our evaluator against Node.js on the same expressions.

Every expression is evaluated by htmxtrame.expr and by node (tests/expr/node_eval.js,
one subprocess per batch) over the same state, then compared by typeof, String(v),
JSON.stringify(v) and Vue's display string — and, as rendered text, the text an
``html.Span("{{ expr }}")`` shows on our page against what Vue would show
(its toDisplayString).  Both sides must agree on whether an error is raised.  Known, deliberate disagreements are in ALLOWED_DIFFERENCES,
each with a reason documented in docs/expressions.md ("Differences from Node").
"""

from __future__ import annotations

import html as html_text
import json
import os
import re
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htmxtrame.expr import (
    Context, ExpressionError, compile_expr, compile_statement, to_display, to_js_string,
)
from htmxtrame.expr.jsjson import stringify
from htmxtrame.expr.jsvalues import UNDEFINED, num, typeof
from htmxtrame.render import Renderer
from htmxtrame.state import State
from htmxtrame.widgets import html

from .jsgen import STATE_JSON, HypothesisChooser, RandomChooser, gen_expr

NODE = shutil.which("node")
SCRIPT = Path(__file__).with_name("node_eval.js")

# Deliberate differences (see docs/expressions.md, "Differences from Node").
# expression -> reason
ALLOWED_DIFFERENCES: dict[str, str] = {
    '"😀".length': "strings are Python code points, JS counts UTF-16 code units (docs: Strings)",
    "({}).constructor": "prototype plumbing is never readable (docs: Deliberately left out)",
    "emptyObj.constructor": "prototype plumbing is never readable (docs: Deliberately left out)",
    "'x'.localeCompare === undefined": "localeCompare is not allow-listed: ICU collation (docs: Deliberately left out)",
    "(() => { const a = 1 })": "arrow block bodies are not supported (docs: Deliberately left out)",
    "[1, 2, 3].length = 0": "assignment only in event handlers, i.e. compile_statement (docs: Statements)",
    "[[1, 2], [3, 4]].map(([a, b]) => a + b)": "destructuring parameters are not supported (docs: Deliberately left out)",
    "text.x = 1": "setting a property on a primitive raises (strict-mode behaviour) instead of being ignored "
                  "(docs: Differences from Node)",
}

HANDPICKED = [
    # trame-example-like
    "count * 2", "`Hello ${name}`", "`Count: ${count}`", "items.filter(x => x.done).length",
    "show && items.length", "show ? 'visible' : 'hidden'", "count > 5", "!show", "items.length > 0 && show",
    "items.map(i => i.text).join(', ')", "items.find(i => i.id === 2).text", "items.findIndex(i => !i.done)",
    "items.some(i => i.price > 5)", "items.every(i => i.id > 0)", "items.reduce((s, i) => s + i.price, 0)",
    "items.filter(i => i.done).map(i => i.text.toUpperCase())", "`${items.filter(i => !i.done).length} left`",
    "user.address.city", "user?.address?.zip", "user.tags.includes('a')", "nested.a.b.c * 10",
    "count % 2 === 0 ? 'even' : 'odd'", "Math.max(...nums)", "Math.min(...nums)", "nums.length",
    "`${(pi * 2).toFixed(2)} rad`", "name.length", "name.toLowerCase()", "name.split('').reverse().join('')",
    "count === 3", "count == '3'", "str * 2", "str + 1", "count + str", "String(count).padStart(4, '0')",
    "items[count - 1].text", "items[0]?.text ?? 'none'", "missing ?? 'default'", "missing || 'fallback'",
    "zero || 'zero is falsy'", "zero ?? 'zero is not nullish'", "nil ?? 42", "hidden ? 1 : 2",
    "items.map((item, i) => `${i + 1}. ${item.text}`)", "obj", "items", "user", "nums", "matrix",
    # arithmetic
    "1 + 2", "7 / 2", "4 / 2", "1 / 3", "2 ** 10", "2 ** -1", "(-2) ** 3", "2 ** 0.5", "10 % 3", "-10 % 3",
    "10 % -3", "5.5 % 2", "-4 % 2", "1 / 0", "-1 / 0", "0 / 0", "1 % 0", "0.1 + 0.2", "0.1 * 3", "1e21",
    "1e21 + 1", "1e-7", "1e-6", "123e-20", "2 ** 53", "2 ** 53 + 1", "9007199254740993", "big", "big + 1",
    "1e300 * 1e10", "-1e300 * 1e10", "0.000001", "0.0000001", "100 / 3", "-0", "0 * -1", "1 / -0",
    "Infinity - Infinity", "Infinity * 0", "5 - '2'", "'5' * '2'", "'a' - 1", "true + 1", "null + 1",
    "undefined + 1", "[] + []", "[] + {}", "({}) + []", "[1, 2] + [3]", "[1, [2, 3]] + ''", "'' + null",
    "'' + undefined", "1 + '1' - 1", "+'3'", "+''", "+' 12 '", "+'0x10'", "+'1e3'", "+'abc'", "+[]", "+[5]",
    "+[1, 2]", "+true", "+null", "+undefined", "-'5'", "~5", "~-1", "5 & 3", "5 | 3", "5 ^ 3", "1 << 31",
    "-8 >> 1", "-8 >>> 1", "2 ** 32 | 0", "0.1 * 0.2", "1.005 * 100", "3 * 1.1", "9.95 * 10",
    # comparison and equality
    "1 < 2", "'10' < '9'", "'10' < 9", "'a' < 'b'", "'B' < 'a'", "null == undefined", "null === undefined",
    "null == 0", "null >= 0", "undefined == 0", "NaN == NaN", "NaN === NaN", "'1' == 1", "'' == 0",
    "'0' == false", "[] == ''", "[] == 0", "[1] == 1", "[1, 2] == '1,2'", "true == 1", "true === 1",
    "1 === 1.0", "'abc' === 'abc'", "items === items", "[] == []", "({}) == '[object Object]'",
    "undefined < 1", "null < 1", "'abc' < 'abd'", "2 > '10'", "1 != '1'", "1 !== '1'", "'b' > 'a' > 'z'",
    # logic and conditionals
    "0 && 'x'", "1 && 'x'", "'' || 'y'", "null ?? undefined ?? 0", "!!''", "!!'0'", "!![]", "!!{}", "!NaN",
    "true ? false ? 1 : 2 : 3", "(1, 2, 3)", "typeof 1", "typeof 'a'", "typeof null", "typeof undefined",
    "typeof missing", "typeof items", "typeof (x => x)", "typeof Math", "typeof Math.max", "void 0",
    "'a' in obj", "'length' in items", "0 in items", "5 in items",
    # strings
    "'abc'.toUpperCase()", "text.trim()", "text.trimStart()", "text.trimEnd()", "'a-b-c'.split('-')",
    "'abc'.split('')", "'a,b,,c'.split(',')", "'abc'.split()", "'a b c'.split(' ', 2)", "'hello'.slice(1, 3)",
    "'hello'.slice(-3)", "'hello'.substring(3, 1)", "'hello'.substring(-1)", "'hello'.charAt(1)",
    "'hello'.charAt(10)", "'hello'.at(-1)", "'hello'[1]", "'hello'[10]", "'hello'.indexOf('l')",
    "'hello'.lastIndexOf('l')", "'hello'.indexOf('')", "'hello'.indexOf('', 10)", "'hello'.includes('ell')",
    "'hello'.startsWith('he')", "'hello'.endsWith('lo')", "'hello'.endsWith('l', 4)", "'ab'.repeat(3)",
    "'5'.padStart(3, '0')", "'5'.padEnd(4, 'ab')", "'abc'.padStart(2)", "'aaa'.replace('a', 'b')",
    "'aaa'.replaceAll('a', 'b')", "'abc'.replace('b', '[$&]')", "'abc'.replaceAll('', '-')",
    "'a'.concat('b', 1, null)", "'abc'.charCodeAt(0)", "'x'.localeCompare === undefined",
    "`multi ${'line'} ${`nested ${count}`}`", "`${[1, 2]}`", "`${{}}`", "`${null} ${undefined}`",
    "'\\u0041\\x42\\n'", "'it\\'s'", "\"dq\\\"\"", "'tab\\there'", "'é'.toUpperCase()", "'ß'.toUpperCase()",
    "String(null)", "String(undefined)", "String([1, [2, 3]])", "String({})", "String(-0)", "String(1e21)",
    "String(123456789012345680000)", "String(0.000001234)", "String(1.5e-7)", "String(-1e-7)",
    "String(2 ** 70)", "String(1 / 3)", "String(100)", "String(1e100)", "String(5e-324)",
    # numbers
    "(1.005).toFixed(2)", "(1.45).toFixed(1)", "(1.55).toFixed(1)", "(-1.5).toFixed(0)", "(2.5).toFixed(0)",
    "(0).toFixed(2)", "(-0.0001).toFixed(2)", "(1e21).toFixed(2)", "(123.456).toFixed(10)", "(0.5).toFixed()",
    "(123.456).toPrecision(4)", "(0.00001234).toPrecision(2)", "(123456).toPrecision(2)", "(1.5).toPrecision(1)",
    "(255).toString(16)", "(255).toString(2)", "(-255).toString(36)", "(0.5).toString(2)", "(3).toString()",
    "(1234567.891).toLocaleString()", "(-1234.5678).toLocaleString()", "(1.0005).toLocaleString()",
    "(0.0015).toLocaleString()", "(-0).toLocaleString()", "(-0.0001).toLocaleString()", "(999.9995).toLocaleString()",
    "(1e21).toLocaleString()", "(5e-324).toLocaleString()", "(1 / 0).toLocaleString()", "(0 / 0).toLocaleString()",
    "(1234.5).toLocaleString('en-US')", "count.toLocaleString()", "(2 ** 70).toLocaleString()",
    "Number('12px')", "Number('')", "Number(' 42 ')", "Number(null)", "Number(undefined)", "Number([])",
    "Number(['7'])", "Number(true)", "Number('0b101')", "Number('-0x1')", "Number('1_000')",
    "Number('Infinity')", "Number('inf')", "parseInt('12px')", "parseInt('  -42abc')", "parseInt('0x1F')",
    "parseInt('ff', 16)", "parseInt('101', 2)", "parseInt('z', 36)", "parseInt('')", "parseInt('9', 8)",
    "parseInt(0.0000005)", "parseInt('-0')", "parseFloat('3.14abc')", "parseFloat('.5')", "parseFloat('-.5e2x')",
    "parseFloat('Infinityx')", "parseFloat('x')", "isNaN('abc')", "isNaN('12')", "isFinite('12')",
    "isFinite(Infinity)", "Number.isInteger(5.0)", "Number.isInteger('5')", "Number.isFinite('5')",
    "Number.isNaN('x')", "Number.MAX_SAFE_INTEGER", "Number.EPSILON > 0",
    # Math
    "Math.round(2.5)", "Math.round(-2.5)", "Math.round(-2.6)", "Math.round(0.49999999999999994)",
    "Math.round(-0.4)", "Math.floor(-1.5)", "Math.ceil(-1.5)", "Math.ceil(-0.5)", "Math.trunc(-4.7)",
    "Math.sign(-3)", "Math.abs(-5.5)", "Math.max()", "Math.min()", "Math.max(1, 'a')", "Math.max(1, '3')",
    "Math.pow(2, 10)", "Math.sqrt(16)", "Math.sqrt(-1)", "Math.cbrt(27)", "Math.log(Math.E)", "Math.log10(1000)",
    "Math.log2(8)", "Math.log(0)", "Math.exp(0)", "Math.PI", "Math.hypot(3, 4)", "Math.atan2(1, 1)",
    "Math.floor(count / 2)", "Math.min(...empty)",
    # arrays
    "[1, 2, 3].map(x => x * 2)", "[3, 1, 10, 2].sort()", "[3, 1, 10, 2].sort((a, b) => a - b)",
    "words.slice().sort()", "[...words].sort((a, b) => a < b ? -1 : a > b ? 1 : 0)", "[1, 2, 3].reverse()",
    "[1, [2, [3, [4]]]].flat()", "[1, [2, [3, [4]]]].flat(Infinity)", "[[1, 2], [3]].flatMap(x => x)",
    "[1, 2, 3].indexOf(2)", "[1, 2, 3].indexOf('2')", "[NaN].includes(NaN)", "[NaN].indexOf(NaN)",
    "[1, 2, 3].lastIndexOf(3)", "[1, 2, 3].join()", "[null, undefined, 1].join('-')", "[1, 2, 3].slice(-2)",
    "[1, 2, 3].concat(4, [5, [6]])", "[1, 2, 3].at(-1)", "[1, 2, 3].reduce((a, b) => a + b)",
    "[].reduce((a, b) => a + b, 'init')", "[1, 2, 3].reduceRight((a, b) => a + b, '')",
    "[1, 2, 3].find(x => x > 5)", "[1, 2, 3].findLast(x => x < 3)", "[1, 2, 3].findLastIndex(x => x > 5)",
    "[3, 2, 1].map((x, i, arr) => arr.length - i)", "Array.isArray(items)", "Array.isArray('a')",
    "Array.from('abc')", "Array.from({length: 3}, (_, i) => i * i)", "Array.of(1, 2)", "Array(3).length",
    "Array(3)", "[, 1]", "[1, , 3].length", "[...'hi', ...[1, 2]]", "nums.filter(n => n > 0).length",
    "(() => { const a = 1 })", "[1, 2, 3].push(4)", "[1, 2, 3].pop()", "[1, 2, 3].shift()",
    "[1, 2, 3].unshift(0)", "[1, 2, 3, 4].splice(1, 2)", "[1, 2, 3].fill(0, 1)", "[1, 2].forEach(x => x)",
    "mixed.map(x => typeof x)", "mixed.join('|')", "mixed.sort()", "[undefined, 3, null, 1].sort()",
    "[10, 9, 1].sort().reverse()", "['b', 'a', 'C'].sort()", "[5, 1, 4].sort((a, b) => b - a)[0]",
    "[1, 2, 3].length = 0", "[[1, 2], [3, 4]].map(([a, b]) => a + b)",
    # objects and JSON
    "({a: 1, b: [1, 2]})", "({a: 1}).a", "({a: 1})['a']", "({'x-y': 2})['x-y']", "({[name]: 1})",
    "({count})", "({...user, name: 'Bob'}).name", "({...[1, 2]})", "({b: 1, a: 2, 1: 3})",
    "Object.keys(obj)", "Object.values(obj)", "Object.entries({a: 1, b: 2})", "Object.keys('ab')",
    "Object.assign({}, {a: 1}, {b: 2})", "Object.fromEntries([['a', 1], ['b', 2]])", "Object.keys(items)",
    "JSON.stringify(obj)", "JSON.stringify(items[0])", "JSON.stringify({a: undefined, b: () => 1, c: NaN})",
    "JSON.stringify([undefined, () => 1])", "JSON.stringify('he said \"hi\"\\n')", "JSON.stringify(undefined)",
    "JSON.stringify(null)", "JSON.stringify({a: [1, {b: 2}], c: 'x'}, null, 2)", "JSON.stringify([1, 2], null, '--')",
    "JSON.stringify({}, null, 2)", "JSON.stringify([], null, 2)", "JSON.stringify(1e21)", "JSON.stringify(-0)",
    "JSON.stringify('\\u0001é')", "JSON.parse('{\"a\": [1, 2.5, null]}')", "JSON.parse('1e2')",
    "JSON.parse('\"x\"')", "JSON.parse('{bad')", "JSON.parse('NaN')", "JSON.stringify(Math)",
    "obj[1]", "obj['2']", "obj.missing", "items[5]", "items['0'].id", "items[-1]", "items[1.5]",
    "user.tags[user.tags.length - 1]", "nested.a['b'].c", "matrix.map(r => r.join(' ')).join(' / ')",
    # errors on both sides
    "nil.x", "missing.x", "missing()", "count()", "items.nope()", "'abc'.nope()", "(1).toFixed(101)",
    "'a'.repeat(-1)", "[].reduce((a, b) => a)", "Symbol", "JSON.parse('')", "null[0]", "undefined.length",
    "items.map(5)", "Object.keys(null)", "'x' in 'xyz'", "count + ", "(1 + 2", "a ?? b || c", "-2 ** 2",
    # optional chaining
    "nil?.x", "nil?.x.y.z", "missing?.[0]", "missing?.()", "user?.name", "user.address?.city",
    "items?.[0]?.text", "items.nope?.()", "(nil?.x).y", "user?.tags?.length",
    # deliberate differences
    '"😀".length', "({}).constructor", "emptyObj.constructor",
]


STATEMENTS = [
    "count += 1", "count++", "++count", "count--; count", "count = count * 2 + 1", "count **= 2",
    "count /= 2", "count %= 2", "count -= '1'", "count += '1'", "name += '!'", "show = !show", "hidden ||= 'x'",
    "show &&= 0", "nil ??= 5", "zero ??= 5", "zero ||= 5", "missing = 1; missing + 1", "a = b = 4; a + b",
    "items[0].done = !items[0].done", "items[1].text = items[1].text.toUpperCase()", "items[count - 1].price *= 2",
    "items.push({id: 4, text: 'new', done: false})", "items.pop()", "items.shift(); items.length",
    "items.unshift(1, 2)", "items.splice(1, 1)", "items.reverse()", "nums.sort()", "nums.sort((a, b) => b - a)",
    "words.sort()", "items.forEach(i => i.done = true)", "items.forEach((i, n) => i.id = n * 10)",
    "items = items.filter(i => !i.done)", "nums[5] = 1", "nums.length = 2", "nums[nums.length] = 'end'",
    "user.address.city = 'Rome'; user.address", "user['age'] += 1", "user.tags.push('c'); user.tags.join()",
    "obj.z = 1; Object.keys(obj)", "obj[3] = 'three'; obj", "nested.a.b.c++", "nested.a.b.c--",
    "--nested.a.b.c", "count = 1, name = 'x'", "matrix[0][1] = 9; matrix", "count = str * 2", "count += 0.1",
    "empty.push(...nums)", "emptyObj.k = [1]; emptyObj", "items.map(i => i.price = i.price * 2)",
    "user.name = null; user", "nil.x = 1", "missing.x = 1", "text.x = 1", "count = undefined; count",
    "count = 'a'; count++", "items[0] = undefined; items.length", ";;count = 2;;",
    "items.at(-1).done = false", "nums.fill(0)", "nums.splice(1, 0, 'x', 'y')",
]


def run_node(exprs: list[str], statements: bool = False) -> list[dict]:
    """Evaluate a batch in one node process."""
    payload = json.dumps({"state": json.loads(STATE_JSON), "exprs": exprs, "statements": statements})
    proc = subprocess.run([NODE, str(SCRIPT)], input=payload, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _fresh_state() -> dict:
    return json.loads(STATE_JSON, parse_int=lambda t: num(int(t)), parse_float=lambda t: num(float(t)))


def rendered_text(source: str) -> str | None:
    """The text ``html.Span("{{ source }}")`` shows on a page rendered by
    htmxtrame (tags stripped, entities decoded); None where the template
    cannot hold the expression (it contains ``{{``/``}}``, as Vue's could not)."""
    if "{{" in source or "}}" in source:
        return None
    state = State(ready=True)
    state.update(_fresh_state())
    state.flush()
    page = Renderer(state, html.Span("{{ " + source + " }}")).render_page_body()
    return html_text.unescape(re.sub(r"<[^>]*>", "", page))


def run_ours(source: str, statements: bool = False) -> dict:
    state = _fresh_state()
    ctx = Context(lambda k: state[k], assign=state.__setitem__)
    try:
        value = (compile_statement if statements else compile_expr)(source).evaluate(ctx)
    except ExpressionError as e:
        return {"ok": False, "error": str(e)}
    try:
        js = stringify(value)
        js = None if js is UNDEFINED else js
    except ExpressionError:
        js = "!TypeError"
    out = {"ok": True, "type": typeof(value), "str": to_js_string(value), "json": js, "display": to_display(value)}
    if statements:
        out["state"] = stringify(state)
    else:
        out["rendered"] = rendered_text(source)
    return out


def _comparable(result: dict) -> dict:
    if not result["ok"]:
        return {"ok": False}
    out = dict(result)
    if "rendered" in out and out["rendered"] is None:
        del out["rendered"]  # not expressible in a {{ }} template
    if out["type"] == "function":  # function source text is not reproduced
        out["str"] = out["display"] = out["rendered"] = "<function>"
    return out


RENDERED: set[str] = set()  # expressions whose page text was compared (for the summary line)


def compare(exprs: list[str], statements: bool = False) -> tuple[int, list[str]]:
    """Return (agreements, report lines for unexpected disagreements)."""
    if NODE is None:
        if os.environ.get("CI"):
            pytest.fail("node is required for the differential test in CI")
        pytest.skip("node is not installed")
    theirs = run_node(exprs, statements)
    agree, problems = 0, []
    for src, their in zip(exprs, theirs):
        ours = run_ours(src, statements)
        if their["ok"] and not statements and ours.get("rendered") is not None:
            their = {**their, "rendered": their["display"]}  # the text Vue puts on the page
            RENDERED.add(src)
        if _comparable(ours) == _comparable(their):
            agree += 1
        elif src not in ALLOWED_DIFFERENCES:
            problems.append(f"{src!r}\n    node: {their}\n    ours: {ours}")
    return agree, problems


def generated(seed: int, n: int) -> list[str]:
    """*n* distinct generated expressions, none of them already hand-picked."""
    ch = RandomChooser(seed)
    out: dict[str, None] = {}
    while len(out) < n:
        source = gen_expr(ch)
        if source not in HANDPICKED:
            out[source] = None
    return list(out)


def test_differential_against_node() -> None:
    exprs = HANDPICKED + generated(20240601, 400)
    assert len(set(exprs)) == len(exprs) >= 300
    agree, problems = compare(exprs)
    print(f"\ndifferential: {len(exprs)} expressions, {agree} agree, "
          f"{len(exprs) - agree - len(problems)} documented differences, {len(problems)} unexpected; "
          f"{len(RENDERED & set(exprs))} also compared as the text a {{{{ }}}} shows on the page")
    assert not problems, f"{len(problems)} disagreements with node:\n" + "\n".join(problems)
    assert agree + len(ALLOWED_DIFFERENCES) >= len(exprs)


def test_statements_differential_against_node() -> None:
    """Event-handler code: same result value and same state afterwards."""
    agree, problems = compare(STATEMENTS, statements=True)
    print(f"\nstatements: {len(STATEMENTS)} handlers, {agree} agree")
    assert not problems, f"{len(problems)} disagreements with node:\n" + "\n".join(problems)


SYNTAX_TOKENS = ["a", "b", "1", "2.5", "'s'", "(", ")", "[", "]", "{", "}", ",", "?", ":", "?.", ".", "x", "=>",
                 "+", "-", "*", "**", "!", "~", "typeof", "void", "in", "&&", "||", "??", "==", "===", "<", ">>>",
                 "...", "`t${a}`", "++", "--", "=", "+=", ";", "c.d", "null", "true", ".5", "of", "new", "this"]
# Node accepts these but we reject them on purpose (docs: Deliberately left out / Statements).
DELIBERATE_REJECTIONS = ("only allowed in event handlers", "not supported")


def test_syntax_agrees_with_node() -> None:
    """Random token soup: we never accept what Node rejects, and we reject
    what Node accepts only for documented reasons."""
    rng = random.Random(7)
    sources = sorted({" ".join(rng.choice(SYNTAX_TOKENS) for _ in range(rng.randint(1, 7))) for _ in range(3000)})
    if NODE is None:
        compare([])  # skips or fails like the other differential tests
    theirs = run_node(sources)
    problems = []
    for src, their in zip(sources, theirs):
        try:
            compile_expr(src)
            ours = None
        except ExpressionError as e:
            ours = e.message
        node_rejects = not their["ok"] and their["error"].startswith("SyntaxError")
        if ours is None and node_rejects:
            problems.append(f"accepted {src!r}; node: {their['error']}")
        elif ours is not None and not node_rejects and not any(r in ours for r in DELIBERATE_REJECTIONS):
            problems.append(f"rejected {src!r}: {ours}")
    print(f"\nsyntax: {len(sources)} token sequences compared")
    assert not problems, "\n".join(problems)


@settings(derandomize=True, max_examples=8, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_differential_hypothesis(data: st.DataObject) -> None:
    ch = HypothesisChooser(data)
    exprs = [gen_expr(ch) for _ in range(25)]
    _, problems = compare(exprs)
    assert not problems, "\n".join(problems)
