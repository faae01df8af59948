"""Split an answer into statements with the ``[n]`` markers each one carries (ALCE's unit of citation).

Sentences come from the Korean-aware splitter (Kiwi); a fragment that is only markers (Kiwi sometimes
cuts ``문장이다. [1]`` after the full stop) belongs to the statement before it, and markers that open a
sentence are read as closing the previous one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ragqa.answer.citations import cited_ids
from ragqa.text.korean import KoreanTextProcessor

_MARKER = re.compile(r"\[(\d+)\]")
_LEADING = re.compile(r"^\s*((?:\[\d+\]\s*)+)")
_CONTENT = re.compile(r"[\w가-힣]")


@dataclass
class Statement:
    text: str  # without markers
    markers: list[int] = field(default_factory=list)


def split_statements(answer: str, text: KoreanTextProcessor) -> list[Statement]:
    out: list[Statement] = []
    for start, end in text.split_sentences(answer):
        raw = answer[start:end]
        lead = _LEADING.match(raw)
        if lead and out:
            out[-1].markers += [i for i in cited_ids(lead.group(1)) if i not in out[-1].markers]
            raw = raw[lead.end():]
        clean = re.sub(r"\s+", " ", _MARKER.sub(" ", raw)).strip()
        ids = cited_ids(raw)
        if not _CONTENT.search(clean):
            if out:
                out[-1].markers += [i for i in ids if i not in out[-1].markers]
            continue
        out.append(Statement(clean, ids))
    return out
