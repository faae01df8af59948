"""`python benchmarks/fit_grounding.py --report-only` (the command the README's grounding figures come from)
reproduces, with the shipped model, exactly the figures committed in benchmarks/results/grounding_fit.json."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.integration


def test_report_only_reproduces_the_committed_figures(real_engine):
    proc = subprocess.run([sys.executable, "benchmarks/fit_grounding.py", "--report-only"], cwd=REPO,
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO / "src")})
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in proc.stdout.splitlines() if " {" in line}
    committed = json.loads((REPO / "benchmarks" / "results" / "grounding_fit.json").read_text(encoding="utf-8"))
    for split in ("tune", "heldout"):
        got = json.loads(lines[split])
        assert got == {k: v["correct"] for k, v in committed[split]["summary"].items()}, split
    held = committed["heldout"]["summary"]
    assert held["label=supported"]["correct"] >= 0.85 and held["label=unsupported"]["correct"] >= 0.5
