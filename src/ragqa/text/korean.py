"""Korean-aware sentence splitting and keyword tokenization, built on kiwipiepy.

Written by hand because llama-index's splitters and BM25 tokenizers are English-centric: they split
Korean on punctuation only (bullet lines without a final period become one giant sentence) and
tokenize on whitespace, so particles glue onto nouns (``화웨이가`` never matches ``화웨이``).
Kiwi's morphological analysis gives real sentence boundaries and particle-free stems.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# Content-bearing morpheme tags kept for keyword search: nouns, numerals, foreign words, hanja,
# roots and verb/adjective stems. Particles, endings and punctuation are dropped.
_KEEP_TAGS = {"NNG", "NNP", "NR", "SL", "SN", "SH", "XR", "VV", "VA", "MAG", "NP"}
_EN_STOP = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "or", "but", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "that", "this", "these", "those", "it", "its", "as", "into", "about", "than", "then", "there", "their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "me", "my", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "have", "has", "had", "not", "no", "yes", "so", "if", "any", "some", "such"]
)
_KO_STOP = frozenset(["뭐", "무엇", "어디", "누구", "언제", "어떻", "어떤", "몇", "것", "수", "등", "이", "그", "저", "하", "되", "있", "없", "대하", "위하", "통하", "관하", "말", "거"])
# Question words whose near-synonyms are looked up (:meth:`KoreanTextProcessor.related_terms`), and the tags a
# neighbour may have: common nouns, verb and adjective stems, roots. Proper nouns are left out on both sides:
# Kiwi's nearest neighbours of a name are other names of its kind (텐센트 → 화웨이 0.94, 중국 → 미국 0.74), not
# other ways of writing it.
_RELATED_TAGS = frozenset({"NNG", "VV", "VA", "XR"})
_RELATED_PER_WORD = 100  # neighbours read per word; the threshold, not this, decides which count
# words of one text looked up at most (each new word costs Kiwi a scan of its vocabulary, 1.4-2.5 ms): a
# question of the tuning, held-out and blind sets has at most 21 (median 6), a pasted page thousands
_RELATED_MAX_WORDS = 32
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LATIN = re.compile(r"[A-Za-z]")
_TABLE_ROW = re.compile(r"\S\s*\|\s*\S")


def has_final_consonant(syllable: str) -> bool:
    """Whether a Hangul ``syllable`` ends in a final consonant (받침), which decides the form of a particle or a
    copula after it: 이/가, 은/는, 을/를, 이야/야. False for anything that is not a Hangul syllable."""
    return len(syllable) == 1 and "가" <= syllable <= "힣" and (ord(syllable) - 0xAC00) % 28 != 0


# the last word of a text that ends as a Korean sentence or question does: a Hangul word ending in a final ending
# (…뭐야?, …몇 곳이야?, …열렸어?, …있음), then only closing punctuation or laughter
_KOREAN_ENDING = re.compile(r"[가-힣]*[어야요니나까지줘죠다냐래대해임음함듯고]\s*[?？!.~ㅋㅎㅠ]*\s*$")


def detect_language(text: str) -> str:
    """'ko' when Hangul makes up a fair share of the letters, or when the text ends as a Korean sentence does
    (a Korean-American's "Model-Chip 생태계 innovation alliance에 가입한 member company는 총 몇 곳이야?": its
    grammar is Korean, so is its answer, though most of its letters are Latin); else 'en' (the fallback language).
    "How much is it in US dollars, 대략?" stays English. Grammar, not fitted: on the project's question sets the
    ending changes the language of six questions, each labelled Korean by its author."""
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    if hangul == 0:
        return "en"
    return "ko" if hangul * 3 >= latin or _KOREAN_ENDING.search(text) else "en"


def normalize(text: str) -> str:
    """NFKC plus whitespace folding; used wherever text is compared, never to alter stored text."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


# Gyeongsang 누고 / 누꼬 for 누구, ending its clause ("CEO는 누고?"), not inside a word ("누고구마"): an interrogative
# wherever the question readers list theirs (:mod:`ragqa.answer.answer_type`, :mod:`ragqa.retrieval.parts`).
GYEONGSANG_WHO = r"(?<![가-힣])누[고꼬](?=\s*[?？,.!]|\s*$)"


# A name the asker split with a space ("알리 바바가 내놓은 …", "무어 스레드", "엔 플레임"), as speech recognition and
# hasty typing do: written whole when the corpus writes it whole and the piece after the space is no word the corpus
# writes (so "이 상하이 행사", "둘 다 중국", "국내 외골격" stay as written: 상하이, 중국 and 외골격 are words of their
# own). Grammar and the corpus's vocabulary, not fitted; hand-written, as no offline library rejoins a split name.
_SPLIT_PAIR = re.compile(r"(?<![가-힣\w])(?P<a>[가-힣]{1,4}) (?=(?P<b>[가-힣]+))")


def rejoin_split_names(text: str, tokenize: Callable[[str], list[str]], known: Callable[[str], bool]) -> str:
    """``text`` with each name split by a space written whole (see above): the two words joined give a term
    ``known`` (the corpus writes it) that begins with the first word and is none of the words' own terms, and
    no term of the second word is known."""
    cuts: list[int] = []  # the spaces to drop
    for m in _SPLIT_PAIR.finditer(text):
        a, b = m.group("a"), m.group("b")
        second = tokenize(b)
        if any(known(t) for t in second):
            continue
        own = set(tokenize(a)) | set(second)
        if any(t not in own and known(t) and t.startswith(a) and len(t) > len(a) for t in tokenize(a + b)):
            cuts.append(m.end() - 1)
    for cut in reversed(cuts):
        text = text[:cut] + text[cut + 1:]
    return text


# An acronym spoken letter by letter and transcribed in Hangul ("에이아이" for AI, "씨이오가" for CEO, "엘엘엠" for LLM),
# as speech recognition writes it: written in Latin letters when the corpus writes that acronym. Three syllables at
# least, so that everyday words made of letter names ("이유", "아이", "오이") stay as they are. The standard Korean
# readings of the letters; a word the corpus itself writes ("유엘에스 로보틱스") stays. Grammar, not fitted;
# hand-written, as no offline library reads a Hangul transcription of letter names back into Latin letters.
_LETTER_NAMES: dict[str, tuple[str, ...]] = {
    "에이": ("a",), "비": ("b",), "씨": ("c",), "시": ("c",), "디": ("d",), "이": ("e",), "에프": ("f",),
    "지": ("g", "z"), "쥐": ("g",), "에이치": ("h",), "에치": ("h",), "아이": ("i",), "제이": ("j",), "케이": ("k",),
    "엘": ("l",), "엠": ("m",), "엔": ("n",), "오": ("o",), "피": ("p",), "큐": ("q",), "알": ("r",), "에스": ("s",),
    "티": ("t",), "유": ("u",), "브이": ("v",), "더블유": ("w",), "엑스": ("x",), "와이": ("y",), "제트": ("z",),
}
_SPOKEN_WORD = re.compile(r"(?<![가-힣])[가-힣]{3,14}(?![가-힣])")
_PARTICLE_END = re.compile(r"(?:이|가|은|는|을|를|의|에서|에|으로|로|이랑|랑|와|과|도|만)$")


def _spelled(stem: str) -> list[str]:
    """Every way ``stem`` reads as a run of two or more letter names, in Latin letters ("씨이오" → ["ceo"])."""
    out: list[str] = []

    def walk(i: int, letters: str) -> None:
        if i == len(stem):
            if len(letters) >= 2:
                out.append(letters)
            return
        for name, options in _LETTER_NAMES.items():
            if stem.startswith(name, i):
                for letter in options:
                    walk(i + len(name), letters + letter)

    walk(0, "")
    return out


def latin_acronyms(text: str, known: Callable[[str], bool]) -> str:
    """``text`` with each acronym spoken letter by letter written in Latin capitals (see above), when ``known``
    (the corpus writes it, lower-cased as keyword terms are)."""
    def latin(m: re.Match[str]) -> str:
        word = m.group(0)
        if known(word):  # the corpus writes it in Hangul too ("유엘에스 로보틱스(ULS Robotics)")
            return word
        tries = [(word, "")]  # the whole word ("에이아이"), then without a particle ("씨이오가")
        if (particle := _PARTICLE_END.search(word)) is not None:
            tries.append((word[:particle.start()], particle.group(0)))
        for stem, tail in tries:
            if len(stem) < 3 or known(stem):
                continue
            for reading in _spelled(stem):
                if known(reading):
                    return reading.upper() + tail
        return word

    return _SPOKEN_WORD.sub(latin, text)


class KoreanTextProcessor:
    """Sentence splitting and keyword tokens for Korean (and mixed Korean/English) text.

    The Kiwi model is loaded lazily on first use and reused; call :meth:`warm_up` at start-up to pay
    its one-off cost (about a second) before the first request.

    Kiwi is built without its multi-word dictionary (``load_multi_dict=False``): that dictionary (12 MB of
    multi-word proper nouns) took 0.4 s to load and made the first analysis 1 s slower (Kiwi holds the GIL
    meanwhile, so start-up waited for it), while its only effect on keyword tokens is to keep names such as
    "제프리 힌턴" or "자연어 처리" as one token: split, "힌턴" alone also matches. On the corpus and all 1,900
    question and answer texts of benchmarks/data and dev_qa, 6 texts tokenise differently and no sentence
    boundary moves; every answer, rank and citation of the tuning, held-out and dev evaluations is the
    same (README "Start-up"). ``name`` changed with it, so an index built with the dictionary is rebuilt.
    """

    name = "kiwi-morph-v2"

    def __init__(self) -> None:
        self._kiwi = None
        self._lock = threading.Lock()

    def _get(self):
        if self._kiwi is None:
            with self._lock:
                if self._kiwi is None:
                    from kiwipiepy import Kiwi

                    kiwi = Kiwi(load_multi_dict=False, model_type="cong")  # CoNg: also gives related_terms
                    kiwi.split_into_sents("워밍업 문장입니다. 두 번째 문장.")
                    self._kiwi = kiwi
        return self._kiwi

    def warm_up(self) -> None:
        self._get()

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans (start, end) over ``text``; line breaks always end a sentence.

        Table rows (cells separated by ``|``) are kept whole: splitting a row scatters its cells.
        """
        spans: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            start = pos
            pos += len(line) + 1
            if not line.strip():
                continue
            lead = len(line) - len(line.lstrip())
            trail = len(line.rstrip())
            if _TABLE_ROW.search(line) or len(line.strip()) < 20:
                spans.append((start + lead, start + trail))
                continue
            for sent in self._get().split_into_sents(line):
                s, e = sent.start, sent.end
                seg = line[s:e]
                s += len(seg) - len(seg.lstrip())
                e -= len(seg) - len(seg.rstrip())
                if e > s:
                    spans.append((start + s, start + e))
        return _merge_fragments(text, spans)

    def tokenize(self, text: str, *, cache: bool = True) -> list[str]:
        """Keyword tokens: content morphemes, lower-cased, stop words removed. ``cache=False`` for one-off texts
        (the shipped glossary's entries, read at each index load) that would push questions out of the caches."""
        return _tokenize_cached(self, text) if cache else self._keep(_analyse(self, text))

    def _tokenize(self, text: str) -> list[str]:
        return self._keep(_morphemes(self, text))

    @staticmethod
    def _keep(morphemes: tuple[tuple[str, str], ...]) -> list[str]:
        out: list[str] = []
        for form, tag in morphemes:
            if tag not in _KEEP_TAGS:
                continue
            form = form.lower()
            if tag == "SL" and form in _EN_STOP:
                continue
            if form in _KO_STOP:
                continue
            out.append(form)
        return out

    def tokenize_many(self, texts: list[str]) -> list[list[str]]:
        return [self.tokenize(t) for t in texts]

    def topic_split(self, text: str) -> tuple[str, str] | None:
        """``text`` cut at its last auxiliary particle 도, 은 or 는 (Kiwi's tag JX): (what it marks, with all before
        it; what follows it), or None when it has none. "인플레임도 미국 제재를 받은 회사야?" → ("인플레임", " 미국 제재를
        받은 회사야?"). Kiwi tells the particle from the ending of a verb that modifies a noun ("받은 회사"), which a
        pattern cannot."""
        marks = [t for t in self._get().tokenize(text) if t.tag == "JX" and t.form in ("도", "은", "는")]
        if not marks:
            return None
        m = marks[-1]
        return text[:m.start], text[m.start + m.len:]

    def opening_name(self, text: str) -> str | None:
        """The proper noun ``text`` opens with as its subject or topic (Kiwi's tags NNP or SL, then JKS or JX):
        "텐센트가 내놓은 … 전략, 언제부터 시행한대?" → 텐센트; None for "원문이 …" (a common noun) or "그 회사는 …".
        The value such a question asks for is that name's (:func:`ragqa.answer.extractive.owner_missing`)."""
        aliased = _ALIASED_OPENING.match(text.lstrip())
        if aliased:  # "프리테크(Freetech)는 …": a word given its Latin name is a proper noun, whatever Kiwi tags it
            return aliased.group(1)
        morphemes = _morphemes(self, text.lstrip())
        if len(morphemes) >= 2 and morphemes[0][1] in ("NNP", "SL") and morphemes[1][1] in ("JKS", "JX") \
                and len(morphemes[0][0]) >= 2:
            return morphemes[0][0]
        return None

    def noun_phrase(self, text: str) -> bool:
        """True when ``text`` is a noun phrase, as a search-box query is ("아시아그룹 본사 위치", "상하이에서 열린 대회
        날짜"): it ends in a noun (Kiwi's NN*, NR, SN or SL) and has no sentence or clause ending (EF, EC), and no
        subject or topic particle (JKS, JX: "…날짜에 해당하는 것은? ① 7월 27일 …" is a sentence with its options).
        A clause that only modifies a noun ("열린 대회") keeps it a noun phrase. Read by
        :func:`ragqa.answer.answer_type.keyword_question`."""
        tags = [tag for _, tag in _morphemes(self, text) if not tag.startswith(("S", "W")) or tag in ("SL", "SN")]
        return bool(tags) and tags[-1].startswith(("NN", "NR", "SN", "SL")) and not any(
            t.startswith(("EF", "EC", "JKS", "JX")) for t in tags)

    def related_terms(self, text: str, known: Callable[[str], bool]) -> dict[str, float]:
        """Terms ``known`` accepts (the keyword index's vocabulary) that Kiwi's own language model puts near the
        content words of ``text``: ``{term: cosine similarity}``, the best over the words of ``text``; its own
        keyword tokens left out. "어떤 구실을 맡게 돼" finds 역할 (0.70) and 수행 (0.61); "처음 열렸어" finds
        최초 (0.60).

        Hand-written because no offline synonym source for Korean exists here: the morpheme embeddings of
        Kiwi's CoNg model (``model_type="cong"``, shipped in kiwipiepy-model, the model Kiwi already loads) are
        read through ``Kiwi.most_similar_morphemes``. Its neighbours are related words, not all of them
        synonyms (올해 → 지난해), so the retriever searches them as one ranker among the others, never in place
        of the question's own words (:mod:`ragqa.retrieval.hybrid`)."""
        own = set(self.tokenize(text))
        out: dict[str, float] = {}
        for tok in _content_morphemes(self, text)[:_RELATED_MAX_WORDS]:
            for term, score in _neighbours(self, *tok):
                if term not in own and score > out.get(term, -1.0) and known(term):
                    out[term] = score
        return out


# a Korean name opening a question with its Latin name in brackets, then a subject or topic particle
_ALIASED_OPENING = re.compile(r"^([가-힣]{2,})\s*\([A-Za-z][\w .&'-]*\)\s*(?:은|는|이|가)(?![가-힣])")


@lru_cache(maxsize=4096)
def _morphemes(proc: KoreanTextProcessor, text: str) -> tuple[tuple[str, str], ...]:
    """Kiwi's (form, tag) of each morpheme of ``text``: one analysis serves a question's keyword tokens and the
    words :meth:`KoreanTextProcessor.related_terms` looks up."""
    return _analyse(proc, text)


def _analyse(proc: KoreanTextProcessor, text: str) -> tuple[tuple[str, str], ...]:
    return tuple((t.form, t.tag) for t in proc._get().tokenize(unicodedata.normalize("NFKC", text)))


def _content_morphemes(proc: KoreanTextProcessor, text: str) -> tuple[tuple[str, str], ...]:
    """(form, tag) of each content morpheme of ``text`` that :meth:`KoreanTextProcessor.related_terms` looks up."""
    return tuple(dict.fromkeys(m for m in _morphemes(proc, text) if m[1] in _RELATED_TAGS))


@lru_cache(maxsize=8192)
def _neighbours(proc: KoreanTextProcessor, form: str, tag: str) -> tuple[tuple[str, float], ...]:
    """The nearest morphemes of (form, tag) in Kiwi's CoNg embeddings, as (lower-cased form, similarity), proper
    nouns and one-letter forms left out (1.4-2.5 ms a word uncached, measured here; hence the cache)."""
    try:
        similar = proc._get().most_similar_morphemes((form, tag), top_n=_RELATED_PER_WORD)
    except Exception:  # a form the model does not know, or one it cannot tell apart by tag alone
        return ()
    return tuple((s.form.lower(), float(s.score)) for s in similar
                 if s.tag in _RELATED_TAGS and len(s.form) > 1)


@lru_cache(maxsize=4096)
def _tokenize_cached(proc: KoreanTextProcessor, text: str) -> list[str]:
    return proc._tokenize(text)


def _merge_fragments(text: str, spans: list[tuple[int, int]], min_len: int = 8) -> list[tuple[int, int]]:
    """Glue tiny fragments (a stray '*' or closing quote) onto the previous sentence of the same line."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and e - s < min_len and "\n" not in text[merged[-1][1] : s]:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged
