"""Command line: ``ragqa ingest | serve | ask | retrieve``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ragqa.errors import ConfigError, RagqaError
from ragqa.settings import load_settings


def _engine(args, use_llm: bool = True):
    from ragqa.engine import Engine

    overrides = {}
    if getattr(args, "corpus", None):
        overrides["corpus"] = {"dir": Path(args.corpus)}
    if getattr(args, "index", None):
        overrides["index"] = {"dir": Path(args.index)}
    return Engine(load_settings(**overrides), use_configured_llm=use_llm)


def cmd_ingest(args) -> int:
    engine = _engine(args, use_llm=False)
    engine.embedder.load()
    engine.text.warm_up()
    report = engine.build(show_progress=not args.quiet, force=args.force)
    summary = {
        "index": str(report.build_dir),
        "skipped_unchanged": report.skipped,
        "documents": report.documents,
        "chunks": report.chunks,
        "sentences": report.sentences,
        "embedded": report.embedded,
        "reused_from_cache": report.reused,
        "seconds": round(report.seconds, 2),
        **{k: v for k, v in report.stats.items() if k.endswith("deduplicated")},
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        state = "unchanged corpus, nothing rebuilt" if report.skipped else "built"
        print(f"{state}: {report.documents} documents, {report.chunks} chunks, {report.sentences} sentences "
              f"({report.embedded} embedded, {report.reused} from cache) in {report.seconds:.1f}s -> {report.build_dir}")
    return 0


def cmd_serve(args) -> int:
    import uvicorn

    # The HTTP layer lives outside the engine package; import it only for this command.
    from service.api import create_app

    engine = _engine(args)
    build = "if-needed" if engine.settings.api.build_if_missing and not args.no_build else "never"
    engine.start(build=build, show_progress=True)
    uvicorn.run(create_app(engine), host=args.host, port=args.port, log_config=None, access_log=False)
    return 0


def cmd_slack(args) -> int:
    """Socket Mode bot. Answers in-process, or through a remote service when RAGQA_SLACK__API_URL is set."""
    # The Slack layer lives outside the engine package; import it only for this command.
    from ragqa.wiring import make_backend, make_feedback_store
    from service.metrics import ServiceMetrics
    from service.slack.app import create_slack_app
    from service.slack.socket_mode import socket_mode_handler

    engine = _engine(args)
    settings = engine.settings
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


def _print_passages(passages) -> None:
    for p in passages:
        print(f"[{p.id}] {p.title} ({p.doc_id}) score={p.score:.4f}")
        print("    " + p.text.replace("\n", "\n    ")[:600])


def cmd_ask(args) -> int:
    engine = _engine(args)
    engine.start()
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
    engine.start()
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
    p.add_argument("--force", action="store_true", help="rebuild even if the corpus is unchanged")
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

    p = sub.add_parser("ask", help="answer a question with numbered sources")
    p.add_argument("question")
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--mode", choices=["auto", "llm", "extractive"], default="auto")
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
