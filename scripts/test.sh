#!/usr/bin/env bash
# Install (if needed) and run every test: unit, reliability and the
# Playwright e2e suite in real Chromium. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
exec .venv/bin/python -m pytest tests e2e -q "$@"
