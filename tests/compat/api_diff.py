"""Compare htmxtrame's public API with the committed trame snapshot (tests/compat/trame_api.json).

A *difference* is keyed by the trame name it concerns:

* ``trame.assets.local`` — a whole module is missing;
* ``trame.widgets.client.JSEval`` — a name is missing, of another kind,
  or cannot be called the way trame's can;
* ``trame_server.core:Server.client_type`` — a class member likewise.

``docs/compat.md`` declares the deliberate ones in one table whose first
column holds backticked keys; ``prefix.{A,B,C}`` stands for several names.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "tests" / "compat" / "trame_api.json"
COMPAT_DOC = ROOT / "docs" / "compat.md"
TABLE_MARK = "<!-- api-differences -->"


def load_walker():
    """scripts/trame_api_snapshot.py as a module (it describes htmxtrame with ``htmxtrame=True``)."""
    spec = importlib.util.spec_from_file_location("trame_api_snapshot", ROOT / "scripts" / "trame_api_snapshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _split(params: list[str]) -> list[tuple[str, str, bool]]:
    out = []
    for p in params:
        kind, _, name = p.partition(":")
        out.append((kind, name.rstrip("="), name.endswith("=")))
    return out


def call_gap(theirs: list[str] | None, ours: list[str] | None) -> str | None:
    """Why a call trame accepts would fail here (None: every such call works).

    Checked: trame's positional parameters keep their place (a trame name
    starting with ``_`` is positional in practice and may be named
    otherwise here), every name trame accepts is accepted, ``*args`` /
    ``**kwargs`` are kept, and nothing is required here that trame lets
    callers leave out.
    """
    if theirs is None or ours is None:
        return None  # a builtin without an introspectable signature: nothing to compare
    t, o = _split(theirs), _split(ours)
    o_kinds = {k for k, _, _ in o}
    o_named = {n for k, n, _ in o if k in ("any", "kw")}
    o_pos = [n for k, n, _ in o if k in ("pos", "any")]
    t_pos = [(n, d) for k, n, d in t if k in ("pos", "any")]
    for i, (name, _) in enumerate(t_pos):
        if i >= len(o_pos):
            if "*" not in o_kinds:
                return f"positional parameter {name!r} (#{i + 1}) is not accepted"
            break
        if o_pos[i] != name and not name.startswith("_") and name not in ("self", "cls"):
            return f"positional parameter #{i + 1} is {o_pos[i]!r} here, {name!r} in trame"
    for kind, name, _ in t:
        if kind in ("any", "kw") and not name.startswith("_") and name not in o_named and "**" not in o_kinds:
            return f"keyword {name!r} is not accepted"
        if kind in ("*", "**") and kind not in o_kinds:
            return f"{kind}{name} is not accepted"
    t_required = {n for k, n, d in t if k in ("pos", "any", "kw") and not d}
    t_required_pos = len([1 for k, _, d in t if k in ("pos", "any") and not d])
    for i, (kind, name, has_default) in enumerate(o):
        if kind in ("*", "**") or has_default:
            continue
        if name not in t_required and i >= t_required_pos:
            return f"{name!r} is required here but optional or absent in trame"
    return None


_COMPATIBLE_KINDS = {("property", "attribute"), ("attribute", "property"), ("class", "function"),
                     ("function", "class")}


def _entry_gap(theirs: dict, ours: dict | None) -> str | None:
    if ours is None:
        return "missing"
    if theirs["kind"] != ours["kind"] and (theirs["kind"], ours["kind"]) not in _COMPATIBLE_KINDS:
        if {theirs["kind"], ours["kind"]} <= {"value", "attribute", "property"}:
            return None
        return f"a {ours['kind']} here, a {theirs['kind']} in trame"
    gap = call_gap(theirs.get("params"), ours.get("params"))
    return f"call: {gap}" if gap else None


def differences(theirs: dict, ours: dict) -> dict[str, str]:
    """Every difference between two snapshots, keyed as described above."""
    out: dict[str, str] = {}
    for module, names in theirs["modules"].items():
        mine = ours["modules"].get(module, {"error": "not walked"})
        if "error" in mine:
            out[module] = f"module missing ({mine['error']})"
            continue
        for name, entry in names.items():
            gap = _entry_gap(entry, mine.get(name))
            if gap:
                out[f"{module}.{name}"] = gap
    for klass, spec in theirs["classes"].items():
        mine = ours["classes"].get(klass, {"error": "not walked"})
        if "error" in mine:
            out[klass] = f"class missing ({mine['error']})"
            continue
        for name, entry in spec["members"].items():
            gap = _entry_gap(entry, mine["members"].get(name))
            if gap:
                out[f"{klass}.{name}"] = gap
    return out


def _expand(key: str) -> list[str]:
    m = re.fullmatch(r"(.*)\{([^}]*)\}(.*)", key)
    if not m:
        return [key]
    head, body, tail = m.groups()
    return [f"{head}{part.strip()}{tail}" for part in body.split(",") if part.strip()]


def declared(text: str) -> dict[str, str]:
    """Key → reason, from the table after TABLE_MARK in docs/compat.md."""
    if TABLE_MARK not in text:
        return {}
    out: dict[str, str] = {}
    for line in text.split(TABLE_MARK, 1)[1].splitlines():
        line = line.strip()
        if not line:
            if out:
                break  # the table ended
            continue
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) < 2 or not cells[-1]:
            continue
        for key in re.findall(r"`([^`]+)`", cells[0]):
            for name in _expand(key):
                out[name] = cells[-1]
    return out


def current() -> tuple[dict, dict]:
    """(trame snapshot, htmxtrame described the same way)."""
    theirs = json.loads(SNAPSHOT.read_text())
    ours = load_walker().snapshot(htmxtrame=True)
    return theirs, ours


if __name__ == "__main__":  # print the undeclared differences (and stale declarations)
    theirs, ours = current()
    found = differences(theirs, ours)
    known = declared(COMPAT_DOC.read_text())
    for key, why in sorted(found.items()):
        if key not in known:
            print(f"UNDECLARED {key}: {why}")
    for key in sorted(set(known) - set(found)):
        print(f"stale      {key}")
    print(f"{len(found)} differences, {len([k for k in found if k not in known])} undeclared")
