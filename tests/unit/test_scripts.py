"""The CI helper scripts: every part runs even when one fails, with one summary line per part."""

import subprocess
import sys

from tests.conftest import REPO


def test_run_parts_runs_every_part_and_summarises_each():
    proc = subprocess.run(
        ["bash", str(REPO / "scripts" / "run-parts.sh"), "first=echo one; exit 3", "second=echo two",
         "third=false"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 1
    out = proc.stdout
    assert "one" in out and "two" in out  # the second part ran although the first failed
    summary = out.split("==== summary\n", 1)[1].splitlines()
    assert [line.split(":")[0] for line in summary] == ["part first", "part second", "part third"]
    assert "FAILED, exit 3" in summary[0] and ": ok (" in summary[1] and "FAILED, exit 1" in summary[2]


def test_run_parts_passes_when_all_parts_pass():
    proc = subprocess.run(["bash", str(REPO / "scripts" / "run-parts.sh"), "a=true", "b=true"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.count(": ok (") == 2


def test_install_script_rejects_an_unknown_torch_choice(tmp_path):
    proc = subprocess.run(["sh", str(REPO / "scripts" / "install.sh")], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "VENV": str(tmp_path / "venv"), "TORCH": "gpu"}, cwd=tmp_path)
    assert proc.returncode == 2
    assert "TORCH must be auto, cpu or skip, not 'gpu'" in proc.stderr


def test_fit_scripts_refuse_the_held_out_split():
    for script in ("fit_reranker.py", "fit_abstention.py", "tune_fusion.py", "tune_sentences.py"):
        proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / script), "--qa", "benchmarks/data/qa_heldout.jsonl"],
                              capture_output=True, text=True, timeout=120, cwd=REPO)
        assert proc.returncode == 2 and "held-out split is for reporting only" in proc.stderr, script
