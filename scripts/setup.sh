#!/usr/bin/env bash
# Install what htmxtrame needs on a fresh machine, idempotently.
#   scripts/setup.sh          Python packages only (enough to run the demo)
#   scripts/setup.sh --test   also Chromium and redis-server (Debian packages), Node.js and axe-core (npm), for the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_install() {
  # Debian packages by name; `apt-get update` once, only when something is missing.
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

if [ "$want_test" = 1 ]; then
  # Playwright's own browser download cannot work here: we drive Debian's Chromium.
  [ -x /usr/bin/chromium ] || apt_install chromium
  # The expression differential test compares our evaluator with Node.js.
  command -v node >/dev/null 2>&1 || apt_install nodejs
  # VTK's wheel renders off-screen through EGL or OSMesa (htmxtrame.widgets.vtk picks one).
  apt_install libegl1 libosmesa6
  # Several worker processes share state through Redis (htmxtrame.backends.redis):
  # the tests start their own redis-server on a free port.
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  # The accessibility check (e2e/test_accessibility.py) injects axe-core into
  # the page: a pinned npm package in a project-local, git-ignored folder.
  AXE_VERSION=4.14.1
  if ! grep -qs "\"version\": \"$AXE_VERSION\"" .cache/node_modules/axe-core/package.json; then
    command -v npm >/dev/null 2>&1 || apt_install npm
    echo "setup: installing axe-core $AXE_VERSION into .cache/node_modules"
    mkdir -p .cache
    npm install --prefix .cache --no-save --no-audit --no-fund --loglevel=error "axe-core@$AXE_VERSION" >/dev/null
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
extra=""
[ "$want_test" = 1 ] && extra="[test,lint]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
