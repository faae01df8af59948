"""ragqa's retrieval as a LlamaIndex retriever, for LlamaIndex query engines, chat engines and agents.

    from llama_index.core.query_engine import RetrieverQueryEngine
    from ragqa import build_engine, load_settings
    from ragqa.integrations.llama_index import RagqaRetriever

    engine = build_engine(load_settings()); engine.start()
    query_engine = RetrieverQueryEngine.from_args(RagqaRetriever(engine, top_k=5), llm=my_llm)
    print(query_engine.query("화웨이가 WAIC에서 공개한 장비는?"))

Each node is one retrieved passage: ``node.id_`` is its chunk id, ``node.text`` the passage text, the score
the fused (dense + sentence + BM25) score, and the metadata carry ``doc_id``, ``title`` and the passage
number ``ragqa_id`` that ragqa's own ``[n]`` citations use. This module is the only one that imports
``llama_index``; nothing on ragqa's own paths does, so start-up does not pay for it (about 0.7 s).
"""

from __future__ import annotations

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from ragqa.engine import Engine


class RagqaRetriever(BaseRetriever):
    """A LlamaIndex ``BaseRetriever`` over a started :class:`~ragqa.engine.Engine` (hybrid retrieval,
    Korean-aware keyword search, same ranking as ``/v1/retrieve``)."""

    def __init__(self, engine: Engine, top_k: int = 5, **kwargs) -> None:
        super().__init__(**kwargs)
        self._engine = engine
        self._top_k = top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        result = self._engine.retrieve(query_bundle.query_str, top_k=self._top_k)
        return [
            NodeWithScore(
                node=TextNode(id_=p.chunk_id, text=p.text,
                              metadata={"doc_id": p.doc_id, "title": p.title, "ragqa_id": p.id}),
                score=p.score,
            )
            for p in result.passages
        ]
