"""Follow-up retrieval on the written two-turn dialogues (same code as benchmarks/followup.py)."""

import importlib.util

import pytest

from ragqa import Turn
from tests.conftest import REPO

pytestmark = pytest.mark.integration


def _bench():
    spec = importlib.util.spec_from_file_location("followup", REPO / "benchmarks" / "followup.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_follow_up_dialogues(real_engine):
    fb = _bench()
    result = fb.run(real_engine, fb.load_dialogues(REPO / "benchmarks" / "data" / "followup_dialogues.jsonl"))
    s = result["summary"]
    assert s["dialogues"] == 12 and s["hit@5_with_history"] >= 0.9 and s["answer_correct_with_history"] >= 0.6


def test_the_issues_dialogue_retrieves_cloudmatrix(real_engine):
    first = "화웨이가 WAIC에서 공개한 초대형 AI 장비는 뭐야?"
    a1 = real_engine.ask(first)
    history = [Turn(role="user", content=first), Turn(role="assistant", content=a1.answer)]
    ans = real_engine.ask("그 장비에 칩이 몇 개 들어가?", history=history)
    assert any("910C 칩 384개" in p.text for p in ans.passages)
    assert not ans.abstained and "384" in ans.answer
    alone = real_engine.ask("그 장비에 칩이 몇 개 들어가?")
    assert alone.abstained  # without the history the question cannot be answered
