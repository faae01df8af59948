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

_PUNCT = re.compile(r"[\s'\"‘’“”`«»「」『』()\[\]{}<>|,.·・:;!?~\-–—/\\△▲▽○●◦□■▪•※*+]+")
# Parts of a gold answer that names several things: "A; B" or "A / B" (a multi-part question) or "A, B, C" (a
# list). A slash counts only with spaces round it: "AI+산업/금융" is one item.
_PARTS = re.compile(r"\s*;\s*|\s+/\s+|,\s+|\s*·\s*|、")


def norm_evidence(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).replace("|", " ")
    return re.sub(r"\s+", " ", t).strip().lower()


def norm_answer(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"\[\d+\]", " ", t)
    return _PUNCT.sub("", t)


def evidence_in(evidence: str, text: str) -> bool:
    return norm_evidence(evidence) in norm_evidence(text)


def _contains(hay: str, gold: str) -> bool:
    """The whole gold string, or every one of its parts in any order with any separators between them."""
    g = norm_answer(gold)
    if g and g in hay:
        return True
    parts = [norm_answer(p) for p in _PARTS.split(gold)]
    parts = [p for p in parts if p]
    return len(parts) > 1 and all(p in hay for p in parts)


def answer_matches(answer_text: str, gold: str, aliases: list[str]) -> bool:
    """True when the answer contains the gold answer or one of its aliases; for an answer naming several
    things (``A; B``, ``A, B, C``), when it contains each of them, in any order."""
    hay = norm_answer(answer_text)
    return any(_contains(hay, g) for g in [gold, *aliases])


def load_gold(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
