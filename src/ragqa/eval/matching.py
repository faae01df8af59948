"""Matching of gold evidence and answers against passages and answer text.

Evidence is matched against passage *text* (never file names), after Unicode NFKC, whitespace folding and
dropping table pipes, because sources contain non-breaking spaces and scraped table borders.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

_PUNCT = re.compile(r"[\s'\"‘’“”`«»「」『』()\[\]{}<>|,.·・:;!?~\-–—/\\]+")


def norm_evidence(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).replace("|", " ")
    return re.sub(r"\s+", " ", t).strip().lower()


def norm_answer(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"\[\d+\]", " ", t)
    return _PUNCT.sub("", t)


def evidence_in(evidence: str, text: str) -> bool:
    return norm_evidence(evidence) in norm_evidence(text)


def answer_matches(answer_text: str, gold: str, aliases: list[str]) -> bool:
    hay = norm_answer(answer_text)
    return any(norm_answer(g) and norm_answer(g) in hay for g in [gold, *aliases])


def load_gold(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
