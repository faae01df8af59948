"""The hybrid retriever overlaps the three searches of one retrieval when every store searches in another
process (Milvus: ``out_of_process``), and runs them one after the other in the caller's thread otherwise; the
lists it fuses are the same either way (fake stores that sleep and record their thread)."""

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from ragqa.index.store import LoadedIndex
from ragqa.retrieval.hybrid import HybridRetriever, searches_overlap
from ragqa.settings import RetrievalSettings

DELAY = 0.2


class _Store:
    def __init__(self, ids, out_of_process, seen, fail=False):
        self.ids, self.out_of_process, self.seen, self.fail = ids, out_of_process, seen, fail

    def search(self, query, k):
        self.seen.append(threading.current_thread().name)
        time.sleep(DELAY)
        if self.fail:
            raise RuntimeError("milvus went away")
        ids = np.array(self.ids[:k], dtype=np.int64)
        return ids, np.linspace(1, 0, len(ids)).astype(np.float32)

    def __len__(self):
        return len(self.ids)


class _Keyword(_Store):
    def idf(self, token):
        return 1.0

    def doc_freq(self, token):
        return 1


class _Text:
    def tokenize(self, text):
        return text.split()


def _retriever(out_of_process=(True, True, True), fail=False):
    seen = {"chunk": [], "sentence": [], "keyword": []}
    chunks = _Store([3, 1, 2, 0], out_of_process[0], seen["chunk"])
    sentences = _Store([7, 0, 5, 6, 1], out_of_process[1], seen["sentence"], fail=fail)
    keyword = _Keyword([2, 3], out_of_process[2], seen["keyword"])
    owner = np.array([(i // 2, i % 2) for i in range(8)], dtype=np.int64)  # 2 sentences per chunk
    index = LoadedIndex(path=Path("."), manifest={}, documents=[], chunks=[], chunk_vectors=chunks,
                        sentence_vectors=sentences, sentence_owner=owner, sentence_tokens=[], keyword=keyword)
    return HybridRetriever(index, embedder=None, text=_Text(), settings=RetrievalSettings()), index, seen


def test_out_of_process_stores_are_searched_at_once_with_the_same_lists():
    overlapped, index, seen = _retriever()
    assert searches_overlap(index)
    t0 = time.perf_counter()
    lists, tokens, share = overlapped.ranker_lists("llama farm", np.ones(4, np.float32))
    elapsed = time.perf_counter() - t0
    assert elapsed < 2.2 * DELAY, elapsed  # one after the other: 3 x DELAY
    assert seen["chunk"][0].startswith("ragqa-search") and seen["sentence"][0].startswith("ragqa-search")
    assert seen["keyword"] == [threading.current_thread().name]  # BM25 in the caller meanwhile

    sequential, index2, seen2 = _retriever(out_of_process=(True, True, False))
    assert not searches_overlap(index2)
    t0 = time.perf_counter()
    assert sequential.ranker_lists("llama farm", np.ones(4, np.float32)) == (lists, tokens, share)
    assert time.perf_counter() - t0 >= 3 * DELAY
    assert {name for names in seen2.values() for name in names} == {threading.current_thread().name}
    assert lists == {"dense": [3, 1, 2, 0], "sentence": [3, 0, 2], "keyword": [2, 3]} and share == 1.0


def test_a_failed_search_in_the_pool_reaches_the_caller():
    retriever, _, _ = _retriever(fail=True)
    with pytest.raises(RuntimeError, match="milvus went away"):
        retriever.ranker_lists("llama", np.ones(4, np.float32))


@pytest.mark.parametrize("query, expected", [
    ("참고문헌은 몇 쪽부터야?", True), ("[그림 3]은 뭘 보여줘?", True), ("목차에 뭐가 있어?", True),
    ("〈표 1〉에 나온 정책은?", True), ("On which page is Figure 2?", True), ("What is in table 1?", True),
    ("중국의 AI 정책은 어떻게 바뀌었어?", False), ("발표 자료 몇 장이야?", False), ("그는 두 차례 방문했다", False),
    ("Which companies exhibited robots?", False),
])
def test_questions_about_pages_figures_or_contents(query, expected):
    from ragqa.retrieval.hybrid import asks_contents

    assert asks_contents(query) is expected
