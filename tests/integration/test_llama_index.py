"""ragqa's retriever inside a real LlamaIndex query engine, end to end over the shipped corpus."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration


def test_query_engine_answers_from_ragqa_passages(real_engine):
    from llama_index.core.llms import MockLLM
    from llama_index.core.query_engine import RetrieverQueryEngine

    from ragqa.integrations.llama_index import RagqaRetriever

    retriever = RagqaRetriever(real_engine, top_k=3)
    nodes = retriever.retrieve("화웨이가 WAIC 2025에서 공개한 초대형 AI 장비는 뭐야?")
    expected = real_engine.retrieve("화웨이가 WAIC 2025에서 공개한 초대형 AI 장비는 뭐야?", top_k=3)
    assert [n.node.id_ for n in nodes] == [p.chunk_id for p in expected.passages]
    assert [n.score for n in nodes] == [p.score for p in expected.passages]
    assert any("384" in n.node.get_content() for n in nodes)
    assert [n.node.metadata["ragqa_id"] for n in nodes] == [1, 2, 3]

    # MockLLM echoes the prompt it was given, so the response shows the query engine really put ragqa's
    # passages into the LLM's context.
    query_engine = RetrieverQueryEngine.from_args(retriever, llm=MockLLM(max_tokens=None))
    response = query_engine.query("화웨이가 WAIC 2025에서 공개한 초대형 AI 장비는 뭐야?")
    assert [n.node.id_ for n in response.source_nodes] == [p.chunk_id for p in expected.passages]
    assert expected.passages[0].text[:40] in str(response)


def test_importing_ragqa_does_not_import_llama_index():
    code = ("import sys, ragqa, ragqa.wiring, service.api.app; "
            "print(any(m.startswith('llama_index') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "False"
