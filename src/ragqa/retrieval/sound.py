"""The Korean corpus term an English name sounds like: "Baidu" → 바이두, "Huawei" → 화웨이, "Nvidia" → 엔비디아.

Korean text writes foreign names in Hangul (often without the Latin original), and the term bridge
(:mod:`ragqa.retrieval.bridge`) reaches a Korean term through the embedder's space, which knows the names of
large companies it saw in training but not "Baidu", "Hinton" or "Metax". This matcher romanises each Hangul term
syllable by syllable (Revised Romanization), folds both spellings to a rough sound key (f/p, v/b, c/k, l/r, the
vowel Korean adds after a final consonant dropped …) and takes the term whose key is most similar to the
word's (difflib's ratio), when it reaches ``threshold``. Words of fewer than four letters are left out: "say"
sounds like 사이.

Hand-written because no offline library transliterates Korean loanwords back to English (a transliteration model
would be a download). The threshold was chosen on the words of the English questions of the tuning split only:
from 0.87 up every word of theirs it reaches is the right term (baidu, huawei, nvidia, hinton, minimax and
iluvatar at 0.875, metrics → 매트릭스 …); at 0.86 "july", "said" and "body" reach unrelated words
(docs/quality-log.md, stop 35).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Sequence

_LEADS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
           "yu", "eu", "ui", "i"]
_TAILS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
          "ng", "t", "t", "k", "t", "p", "t"]
# spelling differences between an English name and its Hangul form read back, folded in this order
_FOLDS = (("ph", "f"), ("f", "p"), ("v", "b"), ("c", "k"), ("q", "k"), ("x", "ks"), ("z", "j"), ("w", "u"),
          ("y", "i"), ("th", "t"), ("eu", ""), ("eo", "o"), ("ae", "e"), ("l", "r"))
MIN_LETTERS = 4
THRESHOLD = 0.87


def romanize(term: str) -> str:
    """Hangul syllables in Revised Romanization (other characters lower-cased as they are)."""
    out = []
    for ch in term:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            out.append(_LEADS[code // 588] + _VOWELS[(code % 588) // 28] + _TAILS[code % 28])
        else:
            out.append(ch.lower())
    return "".join(out)


def sound_key(text: str) -> str:
    """A rough key of how ``text`` (Latin letters) sounds, equal for a name and its Hangul form read back."""
    key = text.lower()
    for a, b in _FOLDS:
        key = key.replace(a, b)
    return key


def _bigrams(key: str) -> set[str]:
    return {key[i:i + 2] for i in range(len(key) - 1)}


class SoundMatcher:
    """The Hangul terms of a corpus by their sound keys, searched through their letter pairs: only the terms
    sharing half of a word's pairs (two at least) are compared with it."""

    def __init__(self, terms: Sequence[str], threshold: float = THRESHOLD, rare: Callable[[str], bool] | None = None,
                 ) -> None:
        self.threshold = threshold
        self._terms = [t for t in terms if t and all("\uac00" <= ch <= "\ud7a3" for ch in t)
                       and (rare is None or rare(t))]
        self._keys = [sound_key(romanize(t)) for t in self._terms]
        self._by_pair: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(self._keys):
            for pair in _bigrams(key):
                self._by_pair[pair].append(i)

    def term_for(self, word: str) -> str | None:
        """The Hangul term ``word`` sounds like, or None (a word of fewer than four letters, or none close)."""
        if len(word) < MIN_LETTERS or not word.isascii() or not word.isalpha():
            return None
        key = sound_key(word)
        pairs = _bigrams(key)
        shared: dict[int, int] = defaultdict(int)
        for pair in pairs:
            for i in self._by_pair.get(pair, ()):
                shared[i] += 1
        enough = max(2, (len(pairs) + 1) // 2)  # a key that close shares at least half its letter pairs
        best, best_ratio = None, self.threshold
        for i in sorted(i for i, n in shared.items() if n >= enough):  # ties go to the more frequent term
            ratio = difflib.SequenceMatcher(None, key, self._keys[i]).ratio()
            if ratio > best_ratio or best is None and ratio >= best_ratio:
                best, best_ratio = i, ratio
        return self._terms[best] if best is not None else None
