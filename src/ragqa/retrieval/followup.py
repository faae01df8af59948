"""Make a follow-up question self-contained for retrieval: an LLM condense step when one is configured,
else (or when it fails) a deterministic rewrite.

"그 장비에 칩이 몇 개 들어가?" retrieves nothing useful alone; prefixing the previous question and the
names the previous answer mentioned ("화웨이 ... 초대형 AI 장비 ... CloudMatrix 384") does. Questions that
already stand alone (no pronoun or demonstrative, enough content words) are left untouched so history
never drags retrieval off-topic.
"""

from __future__ import annotations

import logging
import re

from ragqa.text.korean import KoreanTextProcessor
from ragqa.types import Turn

_KO_REFERRING = re.compile(r"(^|\s)(그|이|저|해당|그것|그거|이것|이거|저것|거기|여기|그곳|그들|그녀|그분|걔|위의|앞의)(\s|$|[은는이가을를의에도])")
_EN_REFERRING = re.compile(r"\b(it|its|they|them|their|that|this|these|those|there|he|she|his|her|the same)\b", re.I)
_MARKER = re.compile(r"\[\d+\]")
log = logging.getLogger(__name__)


_KO_DEMONSTRATIVE_NOUN = re.compile(r"(?:^|\s)(?:그|이|저|해당)\s+([가-힣A-Za-z]{2,})")


def _referred_nouns(question: str) -> list[str]:
    """Nouns after a demonstrative ("그 장비에" -> "장비"), particles trimmed."""
    out = []
    for m in _KO_DEMONSTRATIVE_NOUN.finditer(question):
        noun = re.sub(r"(에는|에서|에게|으로|은|는|이|가|을|를|의|에|도|로|와|과)$", "", m.group(1))
        if len(noun) >= 2:
            out.append(noun)
    return out


def refers_back(question: str) -> bool:
    """Whether the question points back at something said before ("그 장비에", "거기", "it", "that company")."""
    return bool(_KO_REFERRING.search(question) or _EN_REFERRING.search(question))


def is_follow_up(question: str, tokens: list[str]) -> bool:
    return refers_back(question) or len(tokens) <= 2


def condense_question(question: str, history: list[Turn], text: KoreanTextProcessor, max_carry: int = 4) -> str:
    if not history:
        return question
    tokens = text.tokenize(question)
    if not is_follow_up(question, tokens):
        return question
    prev_user = next((t.content for t in reversed(history) if t.role == "user"), "")
    prev_answer = _MARKER.sub(" ", next((t.content for t in reversed(history) if t.role == "assistant"), ""))
    have = set(tokens)
    carry: list[str] = []
    # First the words just before the noun the follow-up points at ("그 장비" -> "... Ascend 384 노드 실물 장비"
    # in the previous answer): that is what the demonstrative refers to. Then the answer's first words.
    focus = [prev_answer[max(0, m.start() - 40): m.start()] for noun in _referred_nouns(question)
             for m in re.finditer(re.escape(noun), prev_answer)]
    ordered = [list(reversed(text.tokenize(chunk))) for chunk in focus] + [text.tokenize(prev_answer)[:60]]
    for toks in ordered:  # nearest the noun first
        for tok in toks:
            if len(carry) >= max_carry:
                break
            if tok not in have and tok not in carry and (tok.isascii() or len(tok) > 1):
                carry.append(tok)
    parts = [prev_user.strip(), " ".join(carry), question.strip()]
    return " ".join(p for p in parts if p)


CONDENSE_PROMPT = (
    "Rewrite the last user question so that it can be understood without the conversation: replace "
    "pronouns and references (it, that device, 그, 그 장비, 해당 ...) with the names they refer to. Keep the "
    "question's language. Do not answer it. Reply with the rewritten question only, on one line.\n\n"
    "Conversation:\n{conversation}\n\nLast question: {question}\n\nStandalone question:"
)


def condense_with_llm(llm, question: str, history: list[Turn], deadline=None) -> str | None:
    """The LLM's standalone rewrite, or None when it fails or returns something unusable (empty, an
    answer rather than a question, far longer than the question)."""
    from ragqa.errors import LLMUnavailable

    convo = "\n".join(f"{t.role}: {_MARKER.sub('', t.content).strip()[:500]}" for t in history[-6:])
    prompt = CONDENSE_PROMPT.format(conversation=convo, question=question)
    try:
        done = llm.complete([{"role": "user", "content": prompt}], deadline=deadline, temperature=0.0, max_tokens=96)
    except LLMUnavailable as exc:
        log.warning("condensing the follow-up with the LLM failed (the rule-based rewrite is used): %s", exc)
        return None
    line = next((ln.strip() for ln in done.text.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^(standalone question|question|질문)\s*[:：]\s*", "", line, flags=re.I).strip().strip("\"'“”")
    if not line or len(line) > 3 * len(question) + 120 or _MARKER.search(line):
        return None
    return line
