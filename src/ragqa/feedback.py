"""Durable store of answers given and the votes on them (SQLite under ``data.dir``).

Why by hand: a few rows per question need no ORM; SQLite in WAL mode survives crashes and concurrent
writers (the HTTP service and the Slack workers share one file), and a connection per call keeps it safe
across threads.

Bounded: past ``max_records`` votes or ``max_bytes`` of vote text the oldest votes are deleted in the same
transaction as the insert (SQLite reuses the freed pages, so the file stops growing), and answer records
are kept to ``max_records`` too. A running total in ``meta`` keeps the check cheap; the WAL is truncated
to ``WAL_LIMIT`` bytes after each checkpoint.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from contextlib import closing
from pathlib import Path

from ragqa.types import Answer, Feedback

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    answer_id TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    source TEXT NOT NULL,
    user TEXT NOT NULL,
    channel TEXT,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at REAL NOT NULL,
    answer_id TEXT,
    user TEXT NOT NULL,
    source TEXT NOT NULL,
    channel TEXT,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_vote ON feedback (answer_id, user) WHERE answer_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS claims (
    key TEXT PRIMARY KEY,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
"""
WAL_LIMIT = 1024 * 1024
_ROW_BYTES = ("length(CAST(question AS BLOB)) + length(CAST(answer AS BLOB)) + length(CAST(user AS BLOB))"
              " + COALESCE(length(CAST(channel AS BLOB)), 0)")


def _text_bytes(fb: Feedback) -> int:
    return sum(len(t.encode("utf-8", "replace")) for t in (fb.question, fb.answer, fb.user, fb.channel or ""))


class FeedbackStore:
    """Cheap to construct; the file and tables are created on first use."""

    def __init__(self, path: Path, max_records: int | None = None, max_bytes: int | None = None) -> None:
        self.path = Path(path)
        self.max_records = max_records
        self.max_bytes = max_bytes
        self._init_lock = threading.Lock()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            with self._init_lock:
                if not self._ready:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with closing(sqlite3.connect(self.path, timeout=10)) as con:
                        con.execute("PRAGMA journal_mode=WAL")
                        con.executescript(SCHEMA)
                        # Totals for a store written before they were kept: counted once.
                        con.execute("INSERT OR IGNORE INTO meta SELECT 'feedback_rows', COUNT(*) FROM feedback")
                        con.execute(f"INSERT OR IGNORE INTO meta SELECT 'feedback_bytes', COALESCE(SUM({_ROW_BYTES}), 0)"
                                    " FROM feedback")
                        con.commit()
                    self._ready = True
        con = sqlite3.connect(self.path, timeout=10)
        con.execute("PRAGMA busy_timeout=10000")
        con.execute(f"PRAGMA journal_size_limit={WAL_LIMIT}")
        return con

    def _prune_feedback(self, con: sqlite3.Connection) -> None:
        """Delete the oldest votes until both bounds hold (inside the caller's write transaction)."""
        totals = dict(con.execute("SELECT key, value FROM meta").fetchall())
        rows, size = totals["feedback_rows"], totals["feedback_bytes"]
        max_rows = rows if self.max_records is None else self.max_records
        max_size = size if self.max_bytes is None else self.max_bytes
        while rows > max_rows or size > max_size:
            batch = con.execute(f"SELECT id, {_ROW_BYTES} FROM feedback ORDER BY id LIMIT 256").fetchall()
            if not batch:  # totals out of step with the table (rows deleted by hand): recount
                rows, size = con.execute(f"SELECT COUNT(*), COALESCE(SUM({_ROW_BYTES}), 0) FROM feedback").fetchone()
                break
            cutoff = None
            for rid, nbytes in batch:
                if rows <= max_rows and size <= max_size:
                    break
                cutoff, rows, size = rid, rows - 1, size - nbytes
            con.execute("DELETE FROM feedback WHERE id <= ?", (cutoff,))
        con.execute("UPDATE meta SET value = ? WHERE key = 'feedback_rows'", (rows,))
        con.execute("UPDATE meta SET value = ? WHERE key = 'feedback_bytes'", (size,))

    def _prune_answers(self, con: sqlite3.Connection) -> None:
        if self.max_records is None:
            return
        con.execute("DELETE FROM answers WHERE rowid IN (SELECT rowid FROM answers ORDER BY rowid LIMIT "
                    "max(0, (SELECT COUNT(*) FROM answers) - ?))", (self.max_records,))

    def usage(self) -> dict[str, int]:
        """What the store holds: votes, their text bytes, answer records, and the file sizes on disk."""
        with closing(self._connect()) as con:
            totals = dict(con.execute("SELECT key, value FROM meta").fetchall())
            answers = con.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        files = {name: (self.path.parent / (self.path.name + suffix)).stat().st_size
                 for name, suffix in (("db_bytes", ""), ("wal_bytes", "-wal"))
                 if (self.path.parent / (self.path.name + suffix)).exists()}
        return {"feedback_rows": totals.get("feedback_rows", 0), "feedback_bytes": totals.get("feedback_bytes", 0),
                "answers": answers, **files}

    # -- answers -----------------------------------------------------------------------------------
    def save_answer(self, question: str, answer: Answer, *, source: str, user: str = "", channel: str | None = None) -> str:
        answer_id = uuid.uuid4().hex
        with closing(self._connect()) as con, con:
            con.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                (answer_id, time.time(), source, user, channel, question, answer.model_dump_json()),
            )
            self._prune_answers(con)
        return answer_id

    def get_answer(self, answer_id: str) -> tuple[str, Answer] | None:
        """(question, answer) or None when the id is unknown."""
        with closing(self._connect()) as con:
            row = con.execute("SELECT question, answer_json FROM answers WHERE answer_id = ?", (answer_id,)).fetchone()
        if row is None:
            return None
        return row[0], Answer.model_validate_json(row[1])

    # -- feedback ----------------------------------------------------------------------------------
    def record_feedback(self, fb: Feedback) -> bool:
        """Store a vote. A second vote by the same user on the same answer replaces the first.

        Returns True when this is the user's first vote on the answer (the oldest votes may be dropped to
        stay within the bounds)."""
        with closing(self._connect()) as con, con:
            if fb.answer_id is not None:
                cur = con.execute(
                    "UPDATE feedback SET vote = ?, created_at = ? WHERE answer_id = ? AND user = ?",
                    (fb.vote, time.time(), fb.answer_id, fb.user),
                )
                if cur.rowcount:
                    return False
            con.execute(
                "INSERT INTO feedback (created_at, answer_id, user, source, channel, vote, question, answer)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (time.time(), fb.answer_id, fb.user, fb.source, fb.channel, fb.vote, fb.question, fb.answer),
            )
            con.execute("UPDATE meta SET value = value + 1 WHERE key = 'feedback_rows'")
            con.execute("UPDATE meta SET value = value + ? WHERE key = 'feedback_bytes'", (_text_bytes(fb),))
            self._prune_feedback(con)
        return True

    def feedback(self) -> list[dict]:
        with closing(self._connect()) as con:
            con.row_factory = sqlite3.Row
            return [dict(r) for r in con.execute("SELECT * FROM feedback ORDER BY id")]

    def feedback_counts(self) -> dict[tuple[str, str], int]:
        """{(source, vote): count}."""
        with closing(self._connect()) as con:
            rows = con.execute("SELECT source, vote, COUNT(*) FROM feedback GROUP BY source, vote").fetchall()
        return {(s, v): n for s, v, n in rows}

    # -- once-only claims (e.g. Slack event ids) ---------------------------------------------------
    def claim(self, key: str, ttl_s: float = 86400.0) -> bool:
        """True the first time ``key`` is claimed (within ``ttl_s``), False on every later call.

        Atomic across threads and processes sharing the file."""
        now = time.time()
        with closing(self._connect()) as con, con:
            con.execute("DELETE FROM claims WHERE created_at < ?", (now - ttl_s,))
            cur = con.execute("INSERT OR IGNORE INTO claims VALUES (?, ?)", (key, now))
            return cur.rowcount == 1

