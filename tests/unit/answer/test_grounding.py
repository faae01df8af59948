"""The grounding check's parts: number values across languages, the streamed-sentence cut, the shipped model
file and the labelled statement set it is fitted on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ragqa.answer.grounding import (
    FEATURES,
    GroundingModel,
    is_english,
    missing_numbers,
    number_values,
    render,
)
from ragqa.answer.llm import complete_prefix

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(("text", "values"), [
    ("1조 위안을 투자한다", {1e12}),
    ("1 trillion yuan", {1e12}),
    ("600억 위안", {6e10}),
    ("60 billion yuan", {6e10}),
    ("1조 2천억 원", {1e12, 2e11, 1.2e12}),
    ("1,200여 명", {1200.0}),
    ("2025년 7월 26일", {2025.0, 7.0, 26.0}),
    ("on July 26th, 2025", {7.0, 26.0, 2025.0}),
    ("30% 증가", {30.0}),
    ("five partners", {5.0}),
    ("H100 칩과 A2 모델", set()),  # a digit glued to a name is part of the name
    ("GPT-4와 3.5배", {4.0, 3.5}),
])
def test_number_values(text, values):
    assert number_values(text) == values


def test_a_changed_number_is_missing_and_a_rendered_one_is_not():
    passage = number_values("화웨이는 칩 384개를 장착한 클라우드매트릭스 384를 2025년 7월에 공개했다.")
    assert missing_numbers(number_values("CloudMatrix 384 carries 384 chips."), passage) == 0
    assert missing_numbers(number_values("클라우드매트릭스 384에는 칩 500개가 들어간다."), passage) == 1
    assert missing_numbers(number_values("It was shown in July 2025."), passage) == 0
    assert missing_numbers(number_values("WAIC 2026에서"), passage, number_values("WAIC 2026 때는?")) == 0


def test_language_of_a_statement():
    assert is_english("Huawei unveiled CloudMatrix 384 at WAIC.")
    assert not is_english("화웨이는 WAIC에서 CloudMatrix 384를 공개했다.")


def test_render_puts_markers_before_the_full_stop():
    assert render("화웨이는 장비를 공개했다.", [1, 3]) == "화웨이는 장비를 공개했다 [1][3]."
    assert render("no stop", [2]) == "no stop [2]"
    assert render("그대로.", []) == "그대로."


@pytest.mark.parametrize(("buffer", "cut"), [
    ("첫 문장이다. 둘째", len("첫 문장이다.")),
    ("첫 문장이다 [1]. 둘", len("첫 문장이다 [1].")),
    ("첫 문장이다. [1] 둘", len("첫 문장이다. [1]")),  # the marker written after the stop stays with its sentence
    ("첫 문장이다. [1", 0),  # a marker still arriving
    ("첫 문장이다.", 0),  # the end may still get a marker
    ("줄 하나\n줄 둘", len("줄 하나\n")),
    ("아직 문장 중간", 0),
])
def test_complete_prefix_of_a_streamed_answer(buffer, cut):
    assert complete_prefix(buffer) == cut


def test_shipped_model_is_valid_and_documented():
    model = GroundingModel.load()
    assert model is not None, "src/ragqa/answer/grounding_model.json is missing: run make fit-grounding"
    assert set(model.weights) <= set(FEATURES) and len(model.weights) >= 5 and 0 < model.threshold < 1
    assert model.meta["fitted_on"].endswith("split=tune")
    assert model.embedder.get("model") and model.embedder.get("dim"), model.embedder
    strong = {"dense": 0.95, "dense_chunk": 0.9, "lexical": 1.0, "bigram": 1.0, "numbers_missing": 0,
              "has_numbers": 1, "lang_en": 0}
    assert model.probability(strong) > model.threshold
    assert model.probability({**strong, "numbers_missing": 2}) < model.probability(strong)


def test_statement_set_is_well_formed():
    """Evidence spans are exact substrings of the corpus; every statement's split is its question's split."""
    data = ROOT / "benchmarks" / "data"
    rows = [json.loads(line) for line in (data / "grounding.jsonl").read_text(encoding="utf-8").splitlines()]
    questions = {split: {json.loads(line)["id"]: json.loads(line)
                         for line in (data / f"qa_{split}.jsonl").read_text(encoding="utf-8").splitlines()}
                 for split in ("tune", "heldout")}
    docs = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.md")}
    assert len(rows) >= 300 and len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["label"] in ("supported", "unsupported") and r["lang"] in ("ko", "en"), r["id"]
        q = questions[r["split"]][r["qa_id"]]
        assert q["question"] == r["question"] and q["type"] != "unanswerable", r["id"]
        assert all(e in docs[r["doc"]] for e in r["evidence"]), r["id"]
    assert sum(r["label"] == "unsupported" for r in rows) >= 100
    assert sum(r["split"] == "heldout" for r in rows) >= 0.4 * len(rows)
