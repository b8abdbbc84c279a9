"""Our scripts are served without comments and indentation, and still work the same."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from htmxtrame.transport import jsmin
from htmxtrame.transport.assets import static_dir


def test_comments_and_indentation_go_code_stays():
    src = (
        "// a comment\n"
        "const a = 1; /* inline */ const b = a / 2; // trailing\n"
        "    const re = /\\/\\*not a comment*\\//g, s = \"// not a comment\", t = `x ${a} // y`;\n"
        "/* a block\n   over lines */\n"
        "if (a) return /x[/]y/.test(s);\n"
    )
    out = jsmin.strip(src)
    assert "comment" not in out.replace("not a comment", "")
    assert "const a = 1;   const b = a / 2;" in out  # a block comment leaves a blank
    assert '/\\/\\*not a comment*\\//g' in out and '"// not a comment"' in out and "`x ${a} // y`" in out
    assert "return /x[/]y/.test(s);" in out
    assert all(line == line.strip() and line for line in out.splitlines())


def test_strings_and_templates_inside_a_placeholder_are_code_not_comments():
    src = 'const q = `[data-x="${a ? "}" : \'//\'}"] ${`in ${b}`}`; // gone\n'
    out = jsmin.strip(src)
    assert out.strip() == 'const q = `[data-x="${a ? "}" : \'//\'}"] ${`in ${b}`}`;'


@pytest.mark.parametrize("src", ["const s = `a\nb`;\n", "const s = 'a\\\nb';\n", "x = /* never closed\n"])
def test_what_it_cannot_vouch_for_is_served_as_written(src):
    with pytest.raises(jsmin.Unsupported):
        jsmin.strip(src)
    assert jsmin.minify(src) == src


@pytest.mark.skipif(not shutil.which("node"), reason="needs node to parse the result")
@pytest.mark.parametrize("name", ["htmxtrame.js", "vtk.js"])
def test_the_served_scripts_still_parse_and_are_smaller(name, tmp_path):
    src = (static_dir() / name).read_text()
    out = jsmin.strip(src)  # no fallback: the shipped scripts must minify
    assert len(out) < 0.8 * len(src)
    path = tmp_path / name
    path.write_text(out)
    subprocess.run(["node", "--check", str(path)], check=True, capture_output=True)
