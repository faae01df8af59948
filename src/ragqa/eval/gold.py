"""Gold question files (JSON Lines), validated with line numbers in every error.

Format (one object per line): ``id``, ``question``, ``lang``, ``type``, ``answer``, ``answer_aliases``,
``gold: [{doc, evidence}]``. ``evidence`` is an exact substring of a source document; it is matched against
passage *text* after normalisation, never by ``doc`` (file names change when a corpus is re-chunked or
renamed; ``doc`` only groups evidence by document for multi-document coverage). ``type: unanswerable``
questions have no gold evidence and should be abstained on.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ragqa.errors import InvalidQuery
from ragqa.eval.jsonl import read_records


class GoldEvidence(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    doc: str = ""
    evidence: str = Field(min_length=1)


class GoldQuestion(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    lang: str = "ko"
    type: str = "factoid"
    answer: str = ""
    answer_aliases: list[str] = Field(default_factory=list)
    gold: list[GoldEvidence] = Field(default_factory=list)

    @property
    def unanswerable(self) -> bool:
        return self.type == "unanswerable"


def load_questions(path: Path) -> list[GoldQuestion]:
    questions: list[GoldQuestion] = []
    for n, q in read_records(path, GoldQuestion, "gold file"):
        if not q.unanswerable and not q.gold:
            raise InvalidQuery(f"{path}:{n}: question {q.id!r} has no gold evidence and is not 'unanswerable'")
        questions.append(q)
    if not questions:
        raise InvalidQuery(f"gold file {path} holds no questions")
    return questions
