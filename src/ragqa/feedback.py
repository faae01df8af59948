"""Durable store of answers given and the votes on them (SQLite under ``data.dir``).

Why by hand: a few rows per question need no ORM; SQLite in WAL mode survives crashes and concurrent
writers (the HTTP service and the Slack workers share one file), and a connection per call keeps it safe
across threads.
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
"""


class FeedbackStore:
    """Cheap to construct; the file and tables are created on first use."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
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
                        con.commit()
                    self._ready = True
        con = sqlite3.connect(self.path, timeout=10)
        con.execute("PRAGMA busy_timeout=10000")
        return con

    # -- answers -----------------------------------------------------------------------------------
    def save_answer(self, question: str, answer: Answer, *, source: str, user: str = "", channel: str | None = None) -> str:
        answer_id = uuid.uuid4().hex
        with closing(self._connect()) as con, con:
            con.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                (answer_id, time.time(), source, user, channel, question, answer.model_dump_json()),
            )
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

        Returns True when this is the user's first vote on the answer."""
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

