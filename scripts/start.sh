#!/usr/bin/env bash
# Install (first run only does real work) and start the app: offline, embedded model, no token.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python app.py "$@"
