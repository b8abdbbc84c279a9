"""The gallery's first-load weight: the page and every asset it references, as sent compressed.

    python bench/page_weight.py [apps/gallery.py]

Starts the app on a free port, fetches the page and each stylesheet, script,
image and icon it references with ``Accept-Encoding: gzip``, and prints the
bytes on the wire per file and in total (budget: 150 KB).
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 150 * 1024
_REFS = re.compile(r'<(?:link|script|img|source)\b[^>]*?\b(?:href|src)="([^"]+)"', re.I)


def start(script: str) -> tuple[subprocess.Popen, str]:
    """Run *script* with ``--server --port 0``; return the process and its URL."""
    proc = subprocess.Popen([sys.executable, str(ROOT / script), "--server", "--port", "0", "--timeout", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "PATH": ""})
    for line in proc.stdout:  # type: ignore[union-attr]
        m = re.search(r"(http://[\w.]+:\d+/)", line)
        if m:
            return proc, m.group(1)
    proc.kill()
    raise RuntimeError(f"{script} did not print its URL")


def fetch(url: str) -> tuple[int, int, str]:
    """(bytes on the wire, bytes decoded, content-encoding) of one GET."""
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        wire = resp.read()
        encoding = resp.headers.get("Content-Encoding", "")
    raw = gzip.decompress(wire) if encoding == "gzip" else wire
    return len(wire), len(raw), encoding or "identity"


def main(script: str = "apps/gallery.py") -> int:
    proc, url = start(script)
    try:
        req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            wire = resp.read()
            encoding = resp.headers.get("Content-Encoding", "")
        html = (gzip.decompress(wire) if encoding == "gzip" else wire).decode()
        rows = [("page " + url, len(wire), len(html.encode()), encoding or "identity")]
        for ref in dict.fromkeys(_REFS.findall(html)):
            if ref.startswith(("data:", "http:", "https:")) and not ref.startswith(url):
                continue
            rows.append((ref, *fetch(urljoin(url, ref.replace("&amp;", "&")))))
    finally:
        proc.terminate()
        proc.wait(10)
    total = sum(r[1] for r in rows)
    width = max(len(r[0]) for r in rows)
    for name, sent, raw, enc in rows:
        print(f"{name:<{width}}  {sent:>8,} B sent  {raw:>9,} B raw  {enc}")
    print(f"{'total':<{width}}  {total:>8,} B sent  ({total / 1024:.1f} KB of a {BUDGET // 1024} KB budget)")
    return 0 if total <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
