#!/usr/bin/env bash
# Run trame-server's own test suite against htmxtrame through a names-only
# import shim (trame_server.X / trame.X -> htmxtrame.X) and print pass counts.
#
#   scripts/trame_server_suite.sh /path/to/trame-server-checkout [pytest args...]
#
# The checkout (or an sdist) must contain tests/. Nothing is fetched: get the
# sources yourself, e.g. `pip download --no-deps --no-binary :all: trame-server==3.14.0`.
# Needs pytest-asyncio in the venv (`.venv/bin/pip install pytest-asyncio`). tests/test_server.py
# imports wslink at the top: to run it, put wslink on SUITE_PYTHONPATH
# (`pip install --no-deps --target /tmp/wslink-pkg wslink; SUITE_PYTHONPATH=/tmp/wslink-pkg`).
# What is expected to fail, and why, is listed in docs/compat.md.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
src="${1:?usage: $0 /path/to/trame-server [pytest args...]}"
shift
[ -d "$src/tests" ] || { echo "no tests/ folder in $src" >&2; exit 2; }
py="${PYTHON:-$here/.venv/bin/python}"
"$py" -c "import pytest_asyncio" 2>/dev/null || { echo "pytest-asyncio missing: $py -m pip install pytest-asyncio" >&2; exit 2; }
cd "$src"
total_pass=0; total_run=0
for f in tests/test_*.py; do
  out="$(PYTHONPATH="$here/scripts/trame_shim:$here${SUITE_PYTHONPATH:+:$SUITE_PYTHONPATH}" "$py" -m pytest "$f" -q -p no:cacheprovider -p no:htmxtrame \
         -o asyncio_default_fixture_loop_scope=function "$@" 2>&1 | tail -n 1 || true)"
  passed="$(grep -o '[0-9]\+ passed' <<<"$out" | grep -o '[0-9]\+' || echo 0)"
  failed="$(grep -o '[0-9]\+ failed' <<<"$out" | grep -o '[0-9]\+' || echo 0)"
  errors="$(grep -o '[0-9]\+ error' <<<"$out" | grep -o '[0-9]\+' || echo 0)"
  printf '%-45s %3s passed %3s failed %3s errors\n' "$f" "$passed" "$failed" "$errors"
  total_pass=$((total_pass + passed)); total_run=$((total_run + passed + failed))
done
echo "total: $total_pass of $total_run collected tests pass"
