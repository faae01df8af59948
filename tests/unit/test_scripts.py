"""The CI helper scripts: every part runs even when one fails, with one summary line per part."""

import json
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


def test_split_qa_reproduces_the_committed_splits(tmp_path, monkeypatch):
    """`python benchmarks/split_qa.py` rewrites the committed split files byte for byte; questions written after
    the split (qa_tune_extra.jsonl) join the tuning part only, and the held-out part is the first split's."""
    import shutil

    monkeypatch.syspath_prepend(str(REPO))
    from benchmarks import split_qa

    data = REPO / "benchmarks" / "data"
    for name in ("qa_questions.jsonl", "qa_tune_extra.jsonl", "followup_dialogues.jsonl"):
        if (data / name).exists():
            shutil.copy(data / name, tmp_path / name)
    monkeypatch.setattr(split_qa, "DATA", tmp_path)
    assert split_qa.main() == 0
    for name in ("qa_tune.jsonl", "qa_heldout.jsonl", "followup_tune.jsonl", "followup_heldout.jsonl"):
        assert (tmp_path / name).read_bytes() == (data / name).read_bytes(), name
    heldout = {json.loads(line)["id"] for line in (data / "qa_heldout.jsonl").read_text(encoding="utf-8").splitlines()}
    if (data / "qa_tune_extra.jsonl").exists():
        extra = {json.loads(line)["id"] for line in (data / "qa_tune_extra.jsonl").read_text(encoding="utf-8").splitlines()}
        tune = {json.loads(line)["id"] for line in (data / "qa_tune.jsonl").read_text(encoding="utf-8").splitlines()}
        assert extra <= tune and not extra & heldout


def test_the_abstention_threshold_rule_bounds_the_upper_end_of_false_abstention(monkeypatch):
    """fit_abstention.py keeps a threshold only when the 95% Wilson upper bound of its CV false abstention is
    within the target: 3 of 116 answerable questions (0.026) passes 0.08, 4 of 116 (0.034) does not, and the
    same 0.026 over a tenth of the questions does not."""
    monkeypatch.syspath_prepend(str(REPO))
    from benchmarks.fit_abstention import wilson_upper

    assert abs(wilson_upper(0.0, 116) - 3.8416 / (116 + 3.8416)) < 1e-9
    assert wilson_upper(3 / 116, 116) <= 0.08 < wilson_upper(4 / 116, 116)
    assert wilson_upper(3 / 116, 12) > 0.08
    assert wilson_upper(0.5, 0) == 1.0
