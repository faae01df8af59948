"""`python benchmarks/fit_grounding.py` (`make fit-grounding`, the command the README's grounding figures come
from) refits the shipped model from the tuning split and reproduces the committed figures.

Exact equality holds only on the CPU the model was fitted on: the embedder's similarities differ in their fifth
decimal between CPUs (glibc picks other vectorised math routines), which can move a borderline statement across
a cross-validation cut and so the chosen L2 strength or threshold. Measured at stop 23 on a second CPU: the same
CV figures (keep 0.901 / drop 0.663) reached with L2 0.1 and threshold 0.35 instead of 3.0 and 0.42, and the
split figures within 0.04 of the committed ones. So the test checks what must hold on any machine: the same
data, features and rule; the refit within ``TOLERANCE`` of the committed figures; and the committed held-out
figures above the README's floor."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.integration
TOLERANCE = 0.06  # per-group share of statements judged correctly, on groups of 81 to 225 statements
GROUPS = ("all", "label=supported", "label=unsupported")


def test_fit_reproduces_the_shipped_model_and_the_committed_figures(real_engine, tmp_path):
    model, report = tmp_path / "model.json", tmp_path / "fit.json"
    proc = subprocess.run([sys.executable, "benchmarks/fit_grounding.py", "--out", str(model), "--report", str(report)],
                          cwd=REPO, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO / "src")})
    assert proc.returncode == 0, proc.stderr[-2000:]
    shipped = json.loads((REPO / "src" / "ragqa" / "answer" / "grounding_model.json").read_text(encoding="utf-8"))
    refit = json.loads(model.read_text(encoding="utf-8"))
    assert refit["features"] == shipped["features"] and refit["embedder"] == shipped["embedder"]
    for key in ("fitted_on", "statements", "supported", "feature_set", "threshold_rule"):
        assert refit["meta"][key] == shipped["meta"][key], key
    assert refit["meta"]["cv_keep_supported"] >= 0.9  # the rule's floor on kept supported statements
    assert abs(refit["meta"]["cv_drop_unsupported"] - shipped["meta"]["cv_drop_unsupported"]) <= TOLERANCE
    committed = json.loads((REPO / "benchmarks" / "results" / "grounding_fit.json").read_text(encoding="utf-8"))
    fitted = json.loads(report.read_text(encoding="utf-8"))
    for split in ("tune", "heldout"):
        for group in GROUPS:
            new, old = fitted[split]["summary"][group], committed[split]["summary"][group]
            assert new["n"] == old["n"], (split, group)
            assert abs(new["correct"] - old["correct"]) <= TOLERANCE, (split, group, new, old)
    held = committed["heldout"]["summary"]
    assert held["label=supported"]["correct"] >= 0.85 and held["label=unsupported"]["correct"] >= 0.5
