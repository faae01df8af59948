"""The related-term keyword search of Korean questions (:meth:`HybridRetriever.related_search`): a real BM25
index and Kiwi's real CoNg embeddings; the vector stores are fakes that find nothing, so every list seen is the
keyword index's."""

from pathlib import Path

import numpy as np

from ragqa.index.keyword import BM25Index
from ragqa.index.store import LoadedIndex
from ragqa.retrieval.hybrid import HybridRetriever
from ragqa.settings import RetrievalSettings

PASSAGES = ["그 단체는 국제 협력에서 중요한 역할을 한다.", "화웨이는 칩 384개를 장착했다.",
            "알리바바는 스마트 안경을 공개했다."]


class _Nothing:
    out_of_process = False

    def search(self, query, k):
        return np.zeros(0, np.int64), np.zeros(0, np.float32)

    def __len__(self):
        return 0


def _retriever(text_processor, **settings):
    keyword = BM25Index().build([text_processor.tokenize(p) for p in PASSAGES])
    index = LoadedIndex(path=Path("."), manifest={}, documents=[], chunks=[], chunk_vectors=_Nothing(),
                        sentence_vectors=_Nothing(), sentence_owner=np.zeros((0, 2), np.int64), sentence_tokens=[],
                        keyword=keyword)
    return HybridRetriever(index, embedder=None, text=text_processor, settings=RetrievalSettings(**settings))


def test_a_question_in_other_words_reaches_the_passage_through_a_related_term(text_processor):
    retriever = _retriever(text_processor)
    query = "어떤 구실을 맡고 있어?"
    tokens = text_processor.tokenize(query)
    assert retriever._index.keyword.search(tokens, 10)[0].tolist() == []  # its own words are not written
    assert retriever.related_search(query, tokens, 10) == [0]
    lists, _, _ = retriever.ranker_lists(query, np.ones(4, np.float32))
    assert lists["related"] == [0] and lists["keyword"] == []
    assert HybridRetriever.fuse(lists, 1.0, RetrievalSettings())[0].pos == 0


def test_the_threshold_and_the_weight_bound_the_search(text_processor):
    query = "어떤 구실을 맡고 있어?"
    tokens = text_processor.tokenize(query)
    assert _retriever(text_processor, related_threshold=0.99).related_search(query, tokens, 10) == []
    off = _retriever(text_processor, related_weight=0.0)
    assert off.related_search(query, tokens, 10) == []
    assert "related" not in off.ranker_lists(query, np.ones(4, np.float32))[0]


def test_english_questions_get_no_related_search(text_processor):
    lists, _, _ = _retriever(text_processor).ranker_lists("What role does it play?", np.ones(4, np.float32))
    assert "related" not in lists


def test_the_question_words_stay_in_the_widened_search(text_processor):
    """The widened search still finds what the question's own words find."""
    retriever = _retriever(text_processor)
    query = "화웨이는 어떤 구실을 맡고 있어?"
    found = retriever.related_search(query, text_processor.tokenize(query), 10)
    assert set(found) == {0, 1}  # 1 writes only the question's own 화웨이
