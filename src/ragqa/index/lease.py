"""Leases: a process serving a build says so on disk, and the builder's cleanup leaves that build alone.

A lease is a shared ``flock`` on ``builds/<id>/.leases/<pid>``. The kernel drops the lock when the
process exits, however it exits (``kill -9`` included), so a crashed server can never pin a build:
cleanup takes an exclusive non-blocking lock on each lease file, and one it gets belonged to a dead
process and is removed. ``flock`` (not ``fcntl``/``lockf`` record locks) because its locks belong to the
open file, so several engines in one process can hold the same build and closing one file does not
drop another's lock.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger(__name__)

LEASES = ".leases"
"""Directory inside a build holding one lease file per serving process (excluded from checksums)."""


class BuildLease:
    """A held lease on one build directory; :meth:`release` (or process exit) gives it up."""

    def __init__(self, build_dir: Path, fd: int | None) -> None:
        self.build_dir = build_dir
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    @classmethod
    def acquire(cls, build_dir: Path) -> BuildLease | None:
        """Lease ``build_dir``; ``None`` when the build is gone or being deleted right now.

        On a read-only index directory nothing can be written, and nothing can be cleaned either, so the
        build is served without a lease (logged once per load).
        """
        path = build_dir / LEASES / str(os.getpid())
        try:
            (build_dir / LEASES).mkdir(exist_ok=True)  # no parents: never re-create a deleted build
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cannot lease index build %s (%s); serving it unleased", build_dir, exc)
            return cls(build_dir, None)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:  # cleanup is checking this very file; the caller tries again later
            os.close(fd)
            return None
        if os.fstat(fd).st_nlink == 0:  # cleanup removed the file between our open and our lock
            os.close(fd)
            return None
        return cls(build_dir, fd)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            # Remove our file unless another engine of this process still holds it (then EX fails).
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            (self.build_dir / LEASES / str(os.getpid())).unlink(missing_ok=True)
        except OSError:
            pass
        finally:
            os.close(fd)

    def __repr__(self) -> str:
        return f"BuildLease({self.build_dir.name}, held={self.held})"


def holders(build_dir: Path) -> list[int]:
    """Pids holding a lease on ``build_dir``; lease files left by dead processes are removed on the way."""
    live = []
    leases = build_dir / LEASES
    if not leases.is_dir():
        return live
    for path in sorted(leases.iterdir()):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            live.append(int(path.name) if path.name.isdigit() else -1)
        else:
            log.info("removing the lease of dead process %s on index build %s", path.name, build_dir.name)
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)
    return live


def remove_unless_leased(build_dir: Path) -> bool:
    """Delete ``build_dir`` unless a live process leases it; True when it was deleted.

    Only builds that ``current`` no longer points to are ever passed here, and a server leases a build
    first and then checks that ``current`` still points to it, so a server racing this deletion gives
    up on the build instead of loading a half-deleted directory.
    """
    if holders(build_dir):
        return False
    shutil.rmtree(build_dir, ignore_errors=True)
    return True
