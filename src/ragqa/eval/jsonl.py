"""Reading the evaluation's JSON Lines files (gold questions, responses) with line numbers in every error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ragqa.errors import InvalidQuery

M = TypeVar("M", bound=BaseModel)


def read_records(path: Path, model: type[M], what: str) -> Iterator[tuple[int, M]]:
    """(line number, validated record) for every non-blank line; ``model`` must have an ``id`` field,
    which must be unique. ``what`` names the file in errors ("gold file", "responses file")."""
    path = Path(path)
    if not path.is_file():
        raise InvalidQuery(f"{what} {path} does not exist")
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = model.model_validate(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InvalidQuery(f"{path}:{n}: not valid JSON ({exc.msg})") from None
            except ValidationError as exc:
                problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
                raise InvalidQuery(f"{path}:{n}: {problems}") from None
            if record.id in seen:
                raise InvalidQuery(f"{path}:{n}: duplicate id {record.id!r}")
            seen.add(record.id)
            yield n, record
