#!/usr/bin/env bash
# Install everything the suite needs (apt: Chromium; pip: pinned deps) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"
