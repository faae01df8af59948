"""Command line: ``ragqa ingest | serve | ask | retrieve``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ragqa.errors import ConfigError, RagqaError
from ragqa.settings import load_settings
from ragqa.types import MODES


def _engine(args, use_llm: bool = True):
    from ragqa.wiring import build_engine

    overrides = {}
    if getattr(args, "corpus", None):
        overrides["corpus"] = {"dir": Path(args.corpus)}
    if getattr(args, "index", None):
        overrides["index"] = {"dir": Path(args.index)}
    settings = load_settings(**overrides)
    return build_engine(settings) if use_llm else build_engine(settings, llm=None)


def cmd_ingest(args) -> int:
    engine = _engine(args, use_llm=False)
    engine.embedder.load()
    engine.text.warm_up()
    try:
        report = engine.build(show_progress=not args.quiet, force=args.force, serve=False)
    finally:
        engine.close()
    summary = {
        "index": str(report.build_dir),
        "mode": report.mode,
        "skipped_unchanged": report.skipped,
        "documents": report.documents,
        "documents_added": report.changes.get("added", 0),
        "documents_changed": report.changes.get("changed", 0),
        "documents_removed": report.changes.get("removed", 0),
        "documents_unchanged": report.changes.get("unchanged", 0),
        "chunks": report.chunks,
        "chunks_embedded": report.chunks_embedded,
        "chunks_reused": report.chunks_reused,
        "sentences": report.sentences,
        "embedded": report.embedded,
        "reused_from_cache": report.reused,
        "segments": report.segments,
        "seconds": round(report.seconds, 2),
        "timings": report.timings,
        **{k: v for k, v in report.stats.items() if k.endswith("deduplicated")},
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    elif report.skipped:
        print(f"unchanged corpus, nothing rebuilt: {report.documents} documents, {report.chunks} chunks, "
              f"{report.sentences} sentences -> {report.build_dir}")
    else:
        c = report.changes
        print(f"built ({report.mode}): {report.documents} documents ({c.get('added', 0)} added, "
              f"{c.get('changed', 0)} changed, {c.get('removed', 0)} removed, {c.get('unchanged', 0)} unchanged), "
              f"{report.chunks} chunks ({report.chunks_embedded} embedded, {report.chunks_reused} reused), "
              f"{report.sentences} sentences; {report.embedded} texts embedded, {report.reused} from cache; "
              f"{report.seconds:.1f}s -> {report.build_dir}")
    return 0


def cmd_serve(args) -> int:
    import uvicorn

    # The HTTP layer lives outside the engine package; import it only for this command.
    from service.api import create_app

    engine = _engine(args)
    build = "if-needed" if engine.settings.api.build_if_missing and not args.no_build else "never"
    # The server listens at once (/healthz answers); the engine loads (and builds if needed) behind /readyz.
    grace = engine.settings.api.shutdown_grace_s
    try:
        uvicorn.run(create_app(engine, build=build), host=args.host, port=args.port, log_config=None,
                    access_log=False, timeout_graceful_shutdown=grace)
    finally:
        engine.close()
    _abandon_stuck_threads(grace)
    return 0


def _abandon_stuck_threads(grace: float) -> None:
    """After the graceful period, worker threads may still be blocked in an LLM call for clients that are gone
    (a blocking socket read cannot be interrupted from outside). Exiting must not wait for them: log, flush
    and leave. Stores are SQLite transactions, so nothing half-written survives."""
    import os
    import threading

    stuck = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    for t in stuck:
        t.join(timeout=1.0 / max(1, len(stuck)))
    stuck = [t for t in stuck if t.is_alive()]
    if stuck:
        logging.getLogger("ragqa").warning("exiting with %d request(s) still waiting on the LLM after the %.0f s "
                                           "grace period", len(stuck), grace)
        logging.shutdown()
        os._exit(0)


def cmd_slack(args) -> int:
    """Socket Mode bot. Answers in-process, or through a remote service when RAGQA_SLACK__API_URL is set."""
    # The Slack layer lives outside the engine package; import it only for this command.
    from ragqa.wiring import make_backend, make_feedback_store
    from service.logs import configure_logging
    from service.metrics import ServiceMetrics
    from service.slack.app import create_slack_app
    from service.slack.socket_mode import socket_mode_handler

    engine = _engine(args)
    settings = engine.settings
    configure_logging(settings.api.log_level)
    if settings.slack.app_token is None or settings.slack.bot_token is None:
        raise ConfigError("`ragqa slack` needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode); for HTTP mode set "
                          "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET and run `ragqa serve`")
    store = make_feedback_store(settings)
    if settings.slack.api_url:
        backend = make_backend(settings, store=store)
    else:
        build = "if-needed" if settings.api.build_if_missing and not args.no_build else "never"
        engine.start(build=build, show_progress=True)
        backend = make_backend(settings, engine=engine, store=store)
    app = create_slack_app(settings, backend, store, ServiceMetrics(store))
    print(f"ragqa Slack bot: Socket Mode, answering {backend.name}"
          + (f" via {settings.slack.api_url}" if settings.slack.api_url else ""), flush=True)
    socket_mode_handler(app, settings).start()
    return 0


def _judges(args):
    from ragqa.eval.judges import LexicalJudge, LLMJudge, NLIJudge

    answer_judge = None
    if args.judge_url:
        if not args.judge_model:
            raise ConfigError("--judge-url needs --judge-model (the model name the endpoint serves)")
        answer_judge = LLMJudge(args.judge_url, args.judge_model, api_key=args.judge_api_key)
    if args.judge == "lexical":
        return LexicalJudge(args.judge_threshold), answer_judge
    if args.judge == "nli":
        if not args.nli_model:
            raise ConfigError("--judge nli needs --nli-model PATH (a local sentence-transformers NLI cross-encoder)")
        return NLIJudge(args.nli_model), answer_judge
    if answer_judge is None:
        raise ConfigError("--judge llm needs --judge-url and --judge-model")
    return answer_judge, answer_judge


def cmd_eval(args) -> int:
    from ragqa.eval import compare as cmp
    from ragqa.eval.evaluate import LOWER_IS_BETTER, check_thresholds, evaluate, parse_thresholds
    from ragqa.eval.gold import load_questions
    from ragqa.eval.report import HEADLINE, write
    from ragqa.eval.runner import FileSource, HttpSource, InProcessSource
    from ragqa.text.korean import KoreanTextProcessor

    if args.compare:
        if args.compare[0] != "compare" or len(args.compare) != 3:
            raise ConfigError("usage: ragqa eval compare RUN_A RUN_B (run directories or results.json files)")
        print(cmp.render(cmp.compare(cmp.load_run(Path(args.compare[1])), cmp.load_run(Path(args.compare[2])))))
        return 0
    if args.qa is None:
        raise ConfigError("ragqa eval needs --qa FILE (gold questions, JSON Lines)")
    questions = load_questions(args.qa)
    judge, answer_judge = _judges(args)
    metric_names = set(HEADLINE) | {
        "retrieval_hit@1", "retrieval_hit@3", "retrieval_hit@10", "retrieval_recall@5", "retrieval_recall@10",
        "ndcg@10", "evidence_in_budget", "multi_doc_coverage", "abstention_precision", "answer_accuracy_judge",
        "error_rate",
    }
    under = parse_thresholds(args.fail_under, metric_names - LOWER_IS_BETTER)
    over = parse_thresholds(args.fail_over, metric_names)
    text = KoreanTextProcessor()
    if args.responses:
        source = FileSource(args.responses)
        unknown = source.ids - {q.id for q in questions}
        if unknown:
            print(f"warning: {len(unknown)} response id(s) not in the gold file ignored: {sorted(unknown)[:5]}",
                  file=sys.stderr)
    elif args.url:
        source = HttpSource(args.url, top_k=args.top_k, mode=args.mode, api_key=args.api_key)
        source.check()
    else:
        engine = _engine(args)
        engine.start(build="if-needed", show_progress=not args.quiet, watch=False)
        text = engine.text
        source = InProcessSource(engine, top_k=args.top_k, mode=args.mode)
    text.warm_up()
    config = {"qa": str(args.qa), "mode": args.mode, "top_k": args.top_k,
              "fail_under": under, "fail_over": over}
    result = evaluate(questions, source, judge, text, budget=args.budget, answer_judge=answer_judge,
                      progress=not args.quiet, config=config)
    paths = write(result, Path(args.out))
    width = max(len(k) for k in result["summary"])
    for k, v in result["summary"].items():
        print(f"{k:<{width}}  {'n/a' if v is None else f'{v:.3f}'}")
    print(f"judge: {result['judge']}")
    print("wrote " + ", ".join(str(p) for p in paths.values()))
    failures = check_thresholds(result["summary"], under, over)
    for f in failures:
        print(f"FAIL: {f}", file=sys.stderr)
    return 1 if failures else 0


def _print_passages(passages) -> None:
    for p in passages:
        print(f"[{p.id}] {p.title} ({p.doc_id}) score={p.score:.4f}")
        print("    " + p.text.replace("\n", "\n    ")[:600])


def cmd_ask(args) -> int:
    engine = _engine(args)
    engine.start(watch=False)
    ans = engine.ask(args.question, top_k=args.top_k, mode=args.mode)
    if args.json:
        print(ans.model_dump_json(indent=2))
        return 0
    print(ans.answer)
    flags = [ans.mode] + (["degraded"] if ans.degraded else []) + (["abstained"] if ans.abstained else [])
    print(f"\n({', '.join(flags)}; {ans.timings_ms['total']:.0f} ms)")
    if ans.citations:
        print("\nSources:")
        for c in ans.citations:
            print(f"[{c.id}] {c.title} ({c.doc_id})")
            if c.quote:
                print(f"    “{c.quote}”")
    return 0


def cmd_retrieve(args) -> int:
    engine = _engine(args, use_llm=False)
    engine.start(watch=False)
    res = engine.retrieve(args.query, top_k=args.top_k)
    if args.json:
        print(res.model_dump_json(indent=2))
    else:
        _print_passages(res.passages)
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="ragqa", description="Cited question answering over a document corpus.")
    ap.add_argument("--corpus", help="corpus directory (default: RAGQA_CORPUS__DIR or ./corpus)")
    ap.add_argument("--index", help="index directory (default: RAGQA_INDEX__DIR or ./index)")
    ap.add_argument("-v", "--verbose", action="store_true")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="build or refresh the index from the corpus")
    p.add_argument("--force", action="store_true",
                   help="full rebuild (default: incremental, only changed documents are re-processed)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("serve", help="run the HTTP API (builds the index first if missing or stale)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-build", action="store_true", help="never build; fail readiness if the index is unusable")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("slack", help="run the Slack bot in Socket Mode (no public URL needed)")
    p.add_argument("--no-build", action="store_true", help="never build; fail if the index is unusable")
    p.set_defaults(func=cmd_slack)

    p = sub.add_parser(
        "eval", help="score answers and citations on a gold question set (or: eval compare RUN_A RUN_B)",
        description="Score retrieval, answers and citations on a gold QA file; exit 1 when a threshold is missed.",
    )
    p.add_argument("compare", nargs="*", metavar="compare RUN_A RUN_B", help="compare two earlier runs")
    p.add_argument("--qa", type=Path, help="gold questions (JSON Lines; format in the README)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--url", help="evaluate a running service, e.g. http://127.0.0.1:8000")
    where.add_argument("--in-process", action="store_true", help="evaluate the engine in this process (default)")
    where.add_argument("--responses", type=Path, help="score answers produced elsewhere (JSONL: /v1/ask + id)")
    p.add_argument("--api-key", help="bearer key for --url")
    p.add_argument("--mode", choices=MODES, default="auto")
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--budget", type=int, default=1200, help="characters of retrieved text for evidence_in_budget")
    p.add_argument("--out", default="eval-results", help="directory for results.json, report.md, report.html")
    p.add_argument("--fail-under", nargs="+", action="extend", metavar="METRIC=VALUE",
                   help="exit 1 when a summary metric is below VALUE (or not measurable)")
    p.add_argument("--fail-over", nargs="+", action="extend", metavar="METRIC=VALUE",
                   help="exit 1 when a summary metric is above VALUE (for false_abstention, error_rate)")
    p.add_argument("--judge", choices=["lexical", "nli", "llm"], default="lexical", help="citation support judge")
    p.add_argument("--judge-threshold", type=float, default=0.7, help="lexical judge: character-bigram overlap")
    p.add_argument("--nli-model", help="local path of a sentence-transformers NLI cross-encoder (--judge nli)")
    p.add_argument("--judge-url", help="OpenAI-compatible endpoint for the LLM judge (also grades answers)")
    p.add_argument("--judge-model", help="model name at --judge-url")
    p.add_argument("--judge-api-key", help="key for --judge-url")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("ask", help="answer a question with numbered sources")
    p.add_argument("question")
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--mode", choices=MODES, default="auto")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("retrieve", help="show the passages retrieved for a query")
    p.add_argument("query")
    p.add_argument("--top-k", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_retrieve)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except RagqaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
