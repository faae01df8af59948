"""Parse, repair and validate inline ``[n]`` citation markers.

Hand-written: LLMs (small ones especially) emit ``[1,2]``, ``[1-3]``, ``【1】``, ``[^2]``, ``[Passage 3]``
or numbers that name no passage. These are normalised to ``[n]`` markers naming real passages, out-of-range
or zero markers are dropped, and the citation list is rebuilt from the markers that remain, so that
every marker names a citation and every citation is named.
"""

from __future__ import annotations

import re

from ragqa.text.korean import normalize

_BRACKETS = str.maketrans({"【": "[", "】": "]", "［": "[", "］": "]", "〔": "[", "〕": "]", "⟦": "[", "⟧": "]"})
_GROUP = re.compile(
    r"\[\s*(?:\^|passage|passages|source|sources|doc|document|문서|출처|근거|자료)?\s*"
    r"(\d{1,9}(?:\s*(?:[,;、]|and|-|–|~)\s*(?:\^)?\s*\d{1,9})*)\s*\]",
    re.IGNORECASE,
)
_MARKER = re.compile(r"\[(\d+)\]")
_MARKS_WITH_SPACE = re.compile(r"\s*(?:\[\d+\])+")


def _expand(group: str) -> list[int]:
    ids: list[int] = []
    for part in re.split(r"\s*(?:[,;、]|and)\s*", group):
        part = part.replace("^", "").strip()
        m = re.fullmatch(r"(\d+)\s*[-–~]\s*(\d+)", part)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if 0 < a <= b and b - a < 20:
                ids.extend(range(a, b + 1))
            continue
        if part.isdigit():
            ids.append(int(part))
    return ids


def repair_markers(answer: str, n_passages: int) -> str:
    """Rewrite every citation-like group into ``[a][b]`` with only valid ids (1..n_passages)."""
    text = answer.translate(_BRACKETS)

    def fix(m: re.Match[str]) -> str:
        ids = []
        for i in _expand(m.group(1)):
            if 1 <= i <= n_passages and i not in ids:
                ids.append(i)
        return "".join(f"[{i}]" for i in ids)

    text = _GROUP.sub(fix, text)
    # whatever still looks like a marker but names no passage (e.g. [0012345678901]) goes too
    text = _MARKER.sub(lambda m: m.group(0) if 1 <= int(m.group(1)) <= n_passages else "", text)
    text = re.sub(r"(\[\d+\])(?:\s*\1)+", r"\1", text)
    text = re.sub(r"[ \t]+([.,!?。])", r"\1", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def cited_ids(answer: str) -> list[int]:
    """Ids of the markers in order of first appearance."""
    out: list[int] = []
    for m in _MARKER.finditer(answer):
        i = int(m.group(1))
        if i not in out:
            out.append(i)
    return out


def invalid_markers(answer: str, n_passages: int) -> list[str]:
    """Markers that do not name a passage (for validation and the evaluation)."""
    bad = [m.group(0) for m in _MARKER.finditer(answer) if not 1 <= int(m.group(1)) <= n_passages]
    bad += [m.group(0) for m in _GROUP.finditer(answer.translate(_BRACKETS)) if not _MARKER.fullmatch(m.group(0))]
    return bad


def strip_markers(text: str) -> str:
    return _MARKS_WITH_SPACE.sub("", text).strip()


def char_ngrams(text: str, n: int = 2) -> set[str]:
    t = normalize(text).replace(" ", "")
    return {t[i : i + n] for i in range(max(len(t) - n + 1, 0))}


def containment(statement: str, source: str, n: int = 2) -> float:
    """Share of the statement's character n-grams found in the source (language-agnostic support proxy)."""
    s = char_ngrams(statement, n)
    if not s:
        return 0.0
    return len(s & char_ngrams(source, n)) / len(s)
