#!/usr/bin/env bash
# Install (if needed) and run the demo app: trame's slider example.
# Extra arguments go to the app, e.g. scripts/demo.sh --server --port 8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python apps/slider.py "$@"
