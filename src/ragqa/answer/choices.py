"""Multiple-choice questions: a quiz or exam item that lists its options ("다음 중 … 옳은 것은? ① 30건 이상
② 60건 이상 ③ 90건 이상 ④ 150건 이상", "Which of the following …? (a) … (b) … (c) …").

Such a question gives the answer's possible values, so the extractive answerer answers it by the option its best
sentences state (:func:`written_option`), and abstains when they state none: an option is evidence only where the
text writes it. The question may ask which option is *not* so ("옳지 않은 것은?", "Which is NOT …?"): then the answer
is the one option the sentences do not write while they write all the others.

Hand-written: neither llama-index nor any offline library parses enumerated options or matches them to Korean
sentences (a number by value, "90건 이상" in "90건이 넘는"; a phrase by its words less their endings,
"양안 디스플레이형이다" in "양안 디스플레이형 스마트 안경"). Grammar, nothing fitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ragqa.text.numbers import number_values

# The families of option markers, each in its order: circled digits, letters and digits in parentheses or before a
# closing parenthesis, and the Korean 가나다라.
_FAMILIES: tuple[tuple[str, ...], ...] = (
    tuple("①②③④⑤⑥⑦⑧⑨⑩"),
    *(tuple(f"({c})" for c in chars) for chars in ("abcdef", "ABCDEF", "123456", "가나다라마바")),
    *(tuple(f"{c})" for c in chars) for chars in ("abcdef", "ABCDEF", "123456", "가나다라마바")),
)
_BEFORE_MARKER = re.compile(r"(?:^|(?<=[\s?？:：.,;]))")


@dataclass(frozen=True)
class Option:
    marker: str  # as the question writes it: "③", "(b)", "2)"
    text: str  # what follows it, less separators: "90건 이상"


@dataclass(frozen=True)
class MultipleChoice:
    stem: str  # the question before its first option
    options: tuple[Option, ...]
    negative: bool  # asks which option is not so

    def lead(self, option: Option) -> str:
        return f"{option.marker} {option.text}"


# "옳지 않은 것은", "아닌 것은", "틀린 것", "해당하지 않는", "포함되지 않은", "거리가 먼 것", "Which is NOT", "except"
_NEGATIVE = re.compile(r"옳지\s*않은|맞지\s*않는|아닌\s*(?:것|건|곳|사람|기업|나라)|틀린\s*(?:것|건)|잘못된\s*(?:것|건)"
                       r"|해당(?:하|되)지\s*않|포함(?:되|하)지\s*않|(?:언급|제시|소개|명시)(?:되|하)지\s*않|거리가\s*먼"
                       r"|\bNOT\b|\bnot\s+(?:one\s+of|among|included|mentioned|listed|given|named|stated)\b|\bexcept\b"
                       r"|\bfalse\b")
# A stem asks to choose: it ends as a question or an instruction ("… 옳은 것은?", "… 고르시오.", "다음 중 …은",
# "Which …:") or says so ("다음 중", "which of the following", "choose").
_ASKS_TO_CHOOSE = re.compile(r"(?:[?？:：]|시오\.?|(?:것|곳|사람|기업|나라|이|가|은|는|을|를))$|다음\s*중|고르|"
                             r"\bwhich\s+of\s+the\s+following\b|\b(?:choose|select|pick)\b", re.I)
_SEPARATOR_END = re.compile(r"[\s,;/·]*(?:\bor\b|또는|혹은)?[\s,;/·]*$", re.I)


@lru_cache(maxsize=256)
def multiple_choice(question: str) -> MultipleChoice | None:
    """The options ``question`` lists, at least two markers of one family in order from its first (① ②, (a) (b),
    1) 2), 가) 나)), each written after a space or a question mark, after a stem that asks to choose
    (:data:`_ASKS_TO_CHOOSE`); or None."""
    for family in _FAMILIES:
        starts: list[tuple[int, int]] = []  # (start, end) of each marker found in order
        at = 0
        for marker in family:
            m = re.compile(_BEFORE_MARKER.pattern + re.escape(marker)).search(question, at)
            if m is None:
                break
            starts.append((m.start(), m.end()))
            at = m.end()
        if len(starts) < 2:
            continue
        options = []
        for k, (_, end) in enumerate(starts):
            stop = starts[k + 1][0] if k + 1 < len(starts) else len(question)
            text = _SEPARATOR_END.sub("", question[end:stop]).strip().rstrip("?？.")
            if not text:
                return None
            options.append(Option(family[k], text))
        stem = question[: starts[0][0]].strip()
        if not _ASKS_TO_CHOOSE.search(stem):  # "제3조 (1)항과 (2)항의 차이는?": numbered clauses, no options
            return None
        return MultipleChoice(stem, tuple(options), bool(_NEGATIVE.search(stem)))
    return None


_HANGUL_OR_HAN = re.compile(r"[가-힣\u4e00-\u9fff]")
_NAME = re.compile(r"^(?:[A-Z0-9][\w.+\-]*)(?:\s+[A-Z0-9][\w.+\-]*)*$")
# the endings a phrase option's words may carry that the sentence writing it need not ("공개이다", "연동된다",
# "위챗과"): copulas and verb endings, then one particle
_ENDING = re.compile(r"(?:이었다|였다|이다|된다|됐다|되었다|한다|했다|하였다|하는|되는|이며|이고|된|한|함|됨"
                     r"|을|를|이|가|은|는|과|와|의|에서|에|으로|로|도|만)$")
_WORD_SPLIT = re.compile(r"[\s·,/]+")


def checkable(option: Option) -> bool:
    """Whether the text can show an option: a number (by value), Korean or Chinese words, or a name in Latin letters.
    An English phrase ("a catalyst for economic growth") cannot be looked for in Korean sentences word by word."""
    return bool(number_values(option.text) or _HANGUL_OR_HAN.search(option.text) or _NAME.match(option.text))


def _words(text: str) -> list[str]:
    words = [_ENDING.sub("", w) for w in _WORD_SPLIT.split(text) if w]
    longer = [w for w in words if len(w) >= 2]
    return longer or [w for w in words if w]


def writes(sentence: str, option: Option) -> bool:
    """True when ``sentence`` writes ``option``: every number it gives, by value ("90건 이상" in "90건이 넘는",
    "10 billion yuan" in "100억 위안"); an option with no number, every word of two letters or more less its ending
    (spaces ignored; Latin letters case aside)."""
    values = number_values(option.text)
    if values:
        return values <= number_values(sentence)
    flat = re.sub(r"\s+", "", sentence).lower()
    return all(w.lower() in flat for w in _words(option.text))


def written_option(choice: MultipleChoice, sentences: list[str]) -> tuple[Option, int] | None:
    """The option the sentences (best first) answer ``choice`` with, and the index of the sentence that decides:

    - asked which is so: the option written by the first sentence that writes exactly one (a sentence writing
      several, a roster, decides nothing);
    - asked which is not so: the one option no sentence writes, when they write every other (the index is that
      of the first sentence writing another option, the quote that shows the rest).

    None when the sentences do not decide."""
    if choice.negative:
        written = {o for o in choice.options if any(writes(s, o) for s in sentences)}
        unwritten = [o for o in choice.options if o not in written]
        if len(unwritten) != 1:
            return None
        first = next(i for i, s in enumerate(sentences) if any(writes(s, o) for o in written))
        return unwritten[0], first
    for i, s in enumerate(sentences):
        found = [o for o in choice.options if writes(s, o)]
        if len(found) == 1:
            return found[0], i
    return None
