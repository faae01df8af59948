"""Numbers by value, however the text writes them: with Korean scale words (``7만``, ``1조 2천억``), English ones
(``60 billion``), grouped digits (``70,000``), number words (``five``) or month names (``July``). Hand-written:
no offline library reads Korean scale words. Read by the grounding check of LLM answers and by the extractive
answerer (a number a question gives that the corpus writes in another form, "70,000 square metres" for "7만㎡")."""

from __future__ import annotations

import re

_KO_SCALE = {"십": 10.0, "백": 1e2, "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12}
_EN_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
             "fifty": 50, "hundred": 100}
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], start=1)}
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"(\s*[십백천만억조]+)?(\s*(?:hundred|thousand|million|billion|trillion)s?\b)?", re.I)
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", re.I)
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b", re.I)


def number_values(text: str) -> set[float]:
    """The values of the numbers in ``text``: ``1조 2천억`` gives 10¹², 2·10¹¹ and their sum 1.2·10¹²;
    ``60 billion`` 6·10¹⁰; ``2025년`` 2025; ``July`` 7; ``five`` 5. A digit glued to a letter (``H100``,
    ``A2``) is a name, not a number."""
    out: set[float] = set()
    previous: tuple[int, float, float] | None = None  # (end, value, scale) of the last scaled number
    for m in _NUMBER.finditer(text):
        base = float(m.group(1).replace(",", ""))
        scale = 1.0
        for ch in (m.group(2) or "").strip():
            scale *= _KO_SCALE[ch]
        word = (m.group(3) or "").strip().lower().rstrip("s")
        if word:
            scale *= _EN_SCALE[word]
        value = base * scale
        out.add(value)
        if previous is not None and m.start() - previous[0] <= 2 and 1.0 < scale < previous[2]:
            out.add(previous[1] + value)  # 1조 2천억: one amount written in two parts
        previous = (m.end(), value, scale) if scale > 1.0 else None
    out.update(float(_EN_WORDS[w.lower()]) for w in _WORD_NUMBER.findall(text))
    out.update(float(_MONTHS[w.lower()]) for w in _MONTH.findall(text) if w.lower() != "may" or "May " in text)
    return out
