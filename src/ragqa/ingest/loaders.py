"""Document loaders keyed by file suffix. Unknown types are skipped with a warning naming the file."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

log = logging.getLogger(__name__)


@dataclass
class RawDocument:
    doc_id: str
    path: str
    text: str
    metadata: dict[str, str] = field(default_factory=dict)


def doc_id_for(rel_path: Path) -> str:
    """Stable id from the path inside the corpus: ``news/a.md`` -> ``news/a``."""
    return rel_path.with_suffix("").as_posix()


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter between leading ``---`` lines; returns (metadata, body)."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                raise ValueError(f"invalid front matter: {exc}") from exc
            if not isinstance(meta, dict):
                raise ValueError("front matter must be a mapping")
            clean = {str(k): "" if v is None else str(v) for k, v in meta.items()}
            return clean, "\n".join(lines[i + 1 :])
    return {}, text


def load_text(path: Path) -> tuple[dict[str, str], str]:
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    return split_front_matter(raw.replace("\r\n", "\n").replace("\r", "\n"))


def load_html(path: Path) -> tuple[dict[str, str], str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    meta: dict[str, str] = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for m in soup.find_all("meta"):
        name = (m.get("name") or m.get("property") or "").lower()
        if name in ("author", "date", "description", "og:site_name") and m.get("content"):
            meta[name.replace("og:site_name", "source")] = m["content"].strip()
    html_tag = soup.find("html")
    if html_tag is not None and html_tag.get("lang"):
        meta["language"] = html_tag["lang"]
    for tag in soup(["script", "style", "nav", "footer", "header", "noscript", "template", "aside"]):
        tag.decompose()
    body = soup.body or soup
    return meta, body.get_text("\n")


LOADERS: dict[str, Callable[[Path], tuple[dict[str, str], str]]] = {
    ".txt": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".html": load_html,
    ".htm": load_html,
}


def walk_corpus(corpus_dir: Path) -> list[tuple[str, Path, os.stat_result]]:
    """(relative path, path, stat) of every regular file under ``corpus_dir`` but hidden ones, in path order
    (as sorting the paths orders them). One ``os.walk`` and one stat per file: at 10^4 files this is what
    an incremental ingest spends finding out what changed."""
    out = []
    for root, dirs, files in os.walk(corpus_dir, followlinks=True):  # as Path.rglob did
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel_root = os.path.relpath(root, corpus_dir)
        for name in files:
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            try:
                st = os.stat(full)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                out.append((name if rel_root == "." else f"{rel_root}/{name}", Path(full), st))
    out.sort(key=lambda entry: entry[0].split("/"))
    return out


def corpus_entries(corpus_dir: Path) -> list[tuple[str, Path, os.stat_result]]:
    """:func:`walk_corpus` restricted to the files an ingest loads (READMEs skipped); warns about files of
    other types."""
    return loadable(walk_corpus(corpus_dir))


def loadable(entries: list[tuple[str, Path, os.stat_result]]) -> list[tuple[str, Path, os.stat_result]]:
    """The entries of :func:`walk_corpus` an ingest loads (see :func:`corpus_entries`)."""
    out = []
    for rel, path, st in entries:
        if path.name.upper().startswith("README"):
            continue
        if path.suffix.lower() not in LOADERS:
            log.warning("skipping %s: unsupported file type %r", rel, path.suffix or "(none)")
            continue
        out.append((rel, path, st))
    return out


def corpus_paths(corpus_dir: Path) -> list[Path]:
    """Every loadable file under ``corpus_dir`` in path order (hidden files and READMEs skipped); warn about
    files of other types."""
    return [path for _, path, _ in corpus_entries(corpus_dir)]


def load_document(corpus_dir: Path, path: Path) -> RawDocument | None:
    """Load one file of :func:`corpus_paths`; ``None`` (with a warning) when it cannot be read."""
    rel = path.relative_to(corpus_dir)
    try:
        meta, text = LOADERS[path.suffix.lower()](path)
    except (OSError, ValueError) as exc:
        log.warning("skipping %s: %s", rel.as_posix(), exc)
        return None
    return RawDocument(doc_id=doc_id_for(rel), path=rel.as_posix(), text=text, metadata=meta)


def iter_documents(corpus_dir: Path) -> Iterator[RawDocument]:
    """Yield every loadable document under ``corpus_dir`` in path order; warn about the rest."""
    for path in corpus_paths(corpus_dir):
        raw = load_document(corpus_dir, path)
        if raw is not None:
            yield raw
