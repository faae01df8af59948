#!/bin/sh
# Installs ragqa into a virtual environment. Used by the Makefile (quick start, tests, CI) and by the
# Dockerfile, so the tested install path is the shipped one.
#   VENV=.venv            where the environment goes
#   EXTRAS=dev,llm-test   optional extras of pyproject.toml
#   TORCH_INDEX_URL=...   index serving CPU wheels (https://download.pytorch.org/whl/cpu) on machines
#                         whose default index would give a CUDA build of torch
set -eu
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
EXTRAS=${EXTRAS:-}
TORCH_VERSION=2.13.0

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
PIP="$VENV/bin/python -m pip"
$PIP install --quiet --upgrade pip
# torch first, pinned to the CPU build: installed later as a dependency it would pull CUDA wheels.
if [ -n "${TORCH_INDEX_URL:-}" ]; then
  $PIP install --quiet "torch==$TORCH_VERSION" --index-url "$TORCH_INDEX_URL"
else
  $PIP install --quiet "torch==$TORCH_VERSION"
fi
if [ -n "$EXTRAS" ]; then
  $PIP install --quiet -e ".[$EXTRAS]"
else
  $PIP install --quiet -e .
fi
"$VENV/bin/python" -c "import torch, ragqa; print('ragqa', ragqa.__version__, 'torch', torch.__version__)"
