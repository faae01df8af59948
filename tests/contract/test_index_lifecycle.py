"""Index lifecycle: live swaps in a running engine, leases that keep served builds on disk (and die with
their process), repair of a corrupt index without --force, cleanup of leftovers of killed builds."""

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ragqa import load_settings
from ragqa.index.builder import build_index, index_status
from ragqa.index.lease import LEASES, BuildLease, holders
from ragqa.index.store import CURRENT
from ragqa.wiring import build_engine, make_index_backends
from tests.conftest import REPO, HashEmbedder, reaped


def settings_for(tmp_path: Path, corpus: Path, **index):
    return load_settings(
        corpus={"dir": corpus},
        index={"dir": tmp_path / "index", **index},
        data={"dir": tmp_path / "data"},
        chunking={"target_chars": 80, "max_chars": 200, "overlap_sentences": 1},
        answer={"abstain_dense": 0.2},
    )


def rebuild(settings, text_processor, corpus: Path, n: int) -> Path:
    """Change the corpus (a new fact numbered ``n``) and build; returns the new build directory."""
    (corpus / "news" / "extra.md").write_text(f"라마 농장의 개체 수는 {n}마리이다. 농장은 {n}년에 세워졌다.",
                                              encoding="utf-8")
    report = build_index(settings, HashEmbedder(), text_processor, make_index_backends(settings))
    assert not report.skipped
    return report.build_dir


def engine_for(settings, text_processor, start: bool = True, watch: bool = False):
    engine = build_engine(settings, embedder=HashEmbedder(), text=text_processor, llm=None)
    if start:
        engine.start(build="if-needed", watch=watch)
    return engine


def top_text(engine, query: str) -> str:
    return " ".join(p.text for p in engine.retrieve(query, top_k=3).passages)


def test_new_build_is_served_without_restart_and_requests_in_flight_keep_theirs(tmp_path, tiny_corpus,
                                                                                text_processor):
    settings = settings_for(tmp_path, tiny_corpus)
    first = rebuild(settings, text_processor, tiny_corpus, 101)
    engine = engine_for(settings, text_processor)
    assert engine.status()["build"] == first.name and "101마리" in top_text(engine, "라마 농장 개체 수")
    in_flight = engine.prepare("라마 농장의 개체 수는?", top_k=3)

    second = rebuild(settings, text_processor, tiny_corpus, 202)
    assert engine.status()["build"] == first.name  # nothing changes until the engine looks
    assert engine.refresh() is True
    assert engine.status()["build"] == second.name and engine.status()["reload_error"] is None
    assert "202마리" in top_text(engine, "라마 농장 개체 수")
    # the question prepared before the swap is answered from the build it was retrieved from
    assert in_flight.index.path == first
    answer = engine.extractive.answer(in_flight)
    assert "101마리" in answer.answer and "202" not in answer.answer
    assert engine.refresh() is False  # same build: nothing to do


def test_watcher_thread_picks_up_new_builds_and_stops_on_close(tmp_path, tiny_corpus, text_processor):
    settings = settings_for(tmp_path, tiny_corpus, reload_interval_s=0.05)
    rebuild(settings, text_processor, tiny_corpus, 1)
    engine = engine_for(settings, text_processor, watch=True)
    watcher = engine._watcher
    assert watcher is not None and watcher.is_alive()
    second = rebuild(settings, text_processor, tiny_corpus, 2)
    deadline = time.monotonic() + 10
    while engine.status()["build"] != second.name:
        assert time.monotonic() < deadline, "the watcher never loaded the new build"
        time.sleep(0.02)
    assert "2마리" in top_text(engine, "라마 농장 개체 수")
    engine.close()
    assert not watcher.is_alive()
    assert holders(second) == []  # close gives the lease up
    third = rebuild(settings, text_processor, tiny_corpus, 3)
    time.sleep(0.3)
    assert engine.status()["build"] == second.name and third.exists()


def test_watcher_makes_an_engine_started_before_the_first_ingest_ready(tmp_path, tiny_corpus, text_processor):
    settings = settings_for(tmp_path, tiny_corpus, reload_interval_s=0.05)
    engine = engine_for(settings, text_processor, start=False)
    with pytest.raises(Exception, match="ragqa ingest"):
        engine.start(build="never")
    assert not engine.ready
    build = rebuild(settings, text_processor, tiny_corpus, 7)
    deadline = time.monotonic() + 10
    while not engine.ready:
        assert time.monotonic() < deadline, "the watcher never loaded the first build"
        time.sleep(0.02)
    assert engine.status()["build"] == build.name
    engine.close()


def test_a_new_build_that_fails_to_load_is_logged_and_the_old_one_keeps_serving(tmp_path, tiny_corpus,
                                                                                 text_processor, caplog):
    settings = settings_for(tmp_path, tiny_corpus)
    good = rebuild(settings, text_processor, tiny_corpus, 5)
    engine = engine_for(settings, text_processor)
    # a build with another embedder: refused by the manifest check
    other = build_engine(settings, embedder=HashEmbedder(model="hash-other"), text=text_processor, llm=None)
    mismatched = other.build(force=True).build_dir
    with caplog.at_level(logging.ERROR, logger="ragqa.engine"):
        assert engine.refresh() is False
    assert mismatched.name in caplog.text and "hash-other" in caplog.text
    status = engine.status()
    assert status["build"] == good.name and "hash-other" in status["reload_error"]
    assert "5마리" in top_text(engine, "라마 농장 개체 수")
    assert engine.refresh() is False  # the refused build is not retried on every tick
    # a damaged build: refused by the checksums
    damaged = rebuild(settings, text_processor, tiny_corpus, 6)
    with open(damaged / "chunks.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"tampered": true}\n')
    assert engine.refresh() is False
    assert "chunks.jsonl" in engine.status()["reload_error"] and engine.status()["build"] == good.name
    fixed = rebuild(settings, text_processor, tiny_corpus, 8)
    assert engine.refresh() is True
    assert engine.status()["build"] == fixed.name and engine.status()["reload_error"] is None


def test_a_build_in_use_is_not_deleted_and_is_once_released(tmp_path, tiny_corpus, text_processor):
    settings = settings_for(tmp_path, tiny_corpus, keep_builds=1)
    served = rebuild(settings, text_processor, tiny_corpus, 1)
    engine = engine_for(settings, text_processor)
    assert holders(served) == [os.getpid()]
    # a second engine loads the leased build with checksums on: lease files are not part of the build
    engine_for(settings, text_processor).close()
    assert holders(served) == [os.getpid()]  # closing one engine of this process keeps the other's lease

    unserved = rebuild(settings, text_processor, tiny_corpus, 2)
    newest = rebuild(settings, text_processor, tiny_corpus, 3)
    assert served.exists() and newest.exists()  # leased: kept beyond keep_builds=1
    assert not unserved.exists()  # never served: removed
    assert "1마리" in top_text(engine, "라마 농장 개체 수")

    assert engine.refresh() is True  # the engine moves on and releases its old build
    assert holders(served) == [] and holders(newest) == [os.getpid()]
    rebuild(settings, text_processor, tiny_corpus, 4)
    assert not served.exists() and newest.exists()


HOLD_LEASE = """
import sys, time
from pathlib import Path
from ragqa.index.lease import BuildLease
lease = BuildLease.acquire(Path(sys.argv[1]))
print("held" if lease is not None and lease.held else "not held", flush=True)
time.sleep(120)
"""


def test_lease_of_a_killed_process_does_not_block_cleanup(tmp_path, tiny_corpus, text_processor):
    settings = settings_for(tmp_path, tiny_corpus, keep_builds=1)
    leased = rebuild(settings, text_processor, tiny_corpus, 1)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    child = subprocess.Popen([sys.executable, "-c", HOLD_LEASE, str(leased)], stdout=subprocess.PIPE, text=True,
                             env=env)
    with reaped(child):
        assert child.stdout.readline().strip() == "held"
        assert holders(leased) == [child.pid]
        rebuild(settings, text_processor, tiny_corpus, 2)
        assert leased.exists()  # a live lease keeps it
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    assert (leased / LEASES / str(child.pid)).exists()  # the dead process left its lease file behind
    rebuild(settings, text_processor, tiny_corpus, 3)
    assert not leased.exists()


def test_lease_is_refused_on_a_deleted_build(tmp_path):
    gone = tmp_path / "builds" / "20200101T000000000000Z"
    assert BuildLease.acquire(gone) is None and not gone.exists()  # and not re-created


def test_corrupt_index_is_rebuilt_without_force(tiny_engine, tiny_settings, text_processor, caplog):
    backends = make_index_backends(tiny_settings)
    before = (tiny_settings.index.dir / CURRENT).resolve()
    with open(before / "chunks.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"tampered": true}\n')
    assert index_status(tiny_settings, HashEmbedder(), text_processor, backends) == "corrupt"
    with caplog.at_level(logging.WARNING, logger="ragqa.index.builder"):
        report = build_index(tiny_settings, HashEmbedder(), text_processor, backends)
    assert not report.skipped and report.build_dir != before
    assert "corrupt" in caplog.text and "chunks.jsonl" in caplog.text
    assert (tiny_settings.index.dir / CURRENT).resolve() == report.build_dir
    assert index_status(tiny_settings, HashEmbedder(), text_processor, backends) == "fresh"
    assert tiny_engine.refresh() is True


def test_unreadable_manifest_is_corrupt_not_stale(tiny_engine, tiny_settings, text_processor):
    (tiny_settings.index.dir / CURRENT / "manifest.json").write_text("{", encoding="utf-8")
    assert index_status(tiny_settings, HashEmbedder(), text_processor, make_index_backends(tiny_settings)) == "corrupt"


def test_leftovers_of_killed_builds_are_cleaned_at_the_next_ingest(tiny_engine, tiny_settings, text_processor,
                                                                  caplog):
    index_dir = tiny_settings.index.dir
    builds = index_dir / "builds"
    probe = builds / ".probe-999999"
    probe.mkdir()
    os.symlink("../20200101T000000000000Z", probe / CURRENT)
    tmp = builds / ".tmp-20200101T000000000000Z-999999"
    tmp.mkdir()
    (tmp / "chunks.jsonl").write_text("{}\n", encoding="utf-8")
    link = index_dir / f".{CURRENT}.999999.tmp"
    os.symlink("builds/nothing", link)
    with caplog.at_level(logging.WARNING, logger="ragqa.index.builder"):
        report = build_index(tiny_settings, HashEmbedder(), text_processor, make_index_backends(tiny_settings))
    assert report.skipped  # nothing to rebuild, and still cleaned
    assert not probe.exists() and not tmp.exists() and not link.is_symlink()
    assert ".probe-999999" in caplog.text and ".tmp-20200101T000000000000Z-999999" in caplog.text
