"""`python benchmarks/fit_grounding.py` (`make fit-grounding`, the command the README's grounding figures come
from) reproduces the shipped model and the committed figures exactly: the model is refitted from the tuning
split into a temporary file and compared with src/ragqa/answer/grounding_model.json, and its tuning/held-out
report with benchmarks/results/grounding_fit.json."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.integration


def test_fit_reproduces_the_shipped_model_and_the_committed_figures(real_engine, tmp_path):
    model, report = tmp_path / "model.json", tmp_path / "fit.json"
    proc = subprocess.run([sys.executable, "benchmarks/fit_grounding.py", "--out", str(model), "--report", str(report)],
                          cwd=REPO, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO / "src")})
    assert proc.returncode == 0, proc.stderr[-2000:]
    shipped = json.loads((REPO / "src" / "ragqa" / "answer" / "grounding_model.json").read_text(encoding="utf-8"))
    assert json.loads(model.read_text(encoding="utf-8")) == shipped
    committed = json.loads((REPO / "benchmarks" / "results" / "grounding_fit.json").read_text(encoding="utf-8"))
    fitted = json.loads(report.read_text(encoding="utf-8"))
    for split in ("tune", "heldout"):
        assert fitted[split]["summary"] == committed[split]["summary"], split
    held = committed["heldout"]["summary"]
    assert held["label=supported"]["correct"] >= 0.85 and held["label=unsupported"]["correct"] >= 0.5
