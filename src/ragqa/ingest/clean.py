"""Cleaning: normalise whitespace and drop noise lines, never content.

Hand-written because the noise is specific to how Korean news and policy briefs reach us (scraped
tables reduced to pipes, empty image markers, page furniture of Korean news sites and report
portals); generic cleaners either keep it or drop real table rows that hold facts.
"""

from __future__ import annotations

import re
import unicodedata

from ragqa.text.layout import is_contents_entry, is_contents_heading

_SPACE_CHARS = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u3000\t\u2002\u2003\u2009\u200a\u0085"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_EMPTY_IMAGE = re.compile(r"!\[\s*\]\(\s*[^)]*\)")
_IMAGE_WITH_ALT = re.compile(r"!\[([^\]]+)\]\([^)]*\)")
_IMAGE_FILE_LINE = re.compile(r"^[\w\-.]+\.(?:jpe?g|png|gif|webp|bmp|svg)$", re.IGNORECASE)
_PIPES_ONLY = re.compile(r"^[|\s]*$")
_EDGE_PIPES = re.compile(r"^(?:\|\s*)+|(?:\s*\|)+$")
_MULTISPACE = re.compile(r" {2,}")
# Page furniture of news sites and report portals: bylines without content, share/summary widgets.
_FURNITURE = [
    re.compile(p)
    for p in (
        r"^(입력|수정|기사입력|최종수정|승인)(\s*[:：]?\s*[\d.:\- ]*)?$",
        r"^(해시태그|관련자료|관련기사|공유하기|인쇄|목록|스크랩|댓글)$",
        r"^AI\s*\d+자\s*요약.*$",
        r"^인공지능이 자동으로 요약.*번역한 내용입니다\.?$",
        r"^(share|print|related articles|advertisement)$",
    )
]


def normalize_whitespace(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH).translate(_SPACE_CHARS)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_line(line: str) -> str:
    line = _EMPTY_IMAGE.sub(" ", line)
    line = _IMAGE_WITH_ALT.sub(r"\1", line)
    line = _MULTISPACE.sub(" ", line).strip()
    if _PIPES_ONLY.match(line):
        return ""
    line = _EDGE_PIPES.sub("", line).strip()
    if _IMAGE_FILE_LINE.match(line) or any(p.match(line) for p in _FURNITURE):
        return ""
    return line


def clean_text(text: str) -> str:
    """Cleaned text: one paragraph per line, no blank-line runs, noise dropped. A table of contents (its
    heading, then entries ending in a page number) is kept, one entry per line, but moved to the end of the
    text: it answers "몇 쪽에 있어?" and names the figures and tables of a report, while the text around it reads
    on as if it were not there (the same chunks as without it). Its chunks hold nothing else
    (:func:`ragqa.text.layout.contents_breaks`), and retrieval reads them only for a question about pages, figures
    or contents (:func:`ragqa.retrieval.hybrid.asks_contents`): their headings would otherwise outrank the text
    they name."""
    body: list[str] = []
    contents: list[str] = []
    in_toc = False
    for raw in normalize_whitespace(text).split("\n"):
        line = clean_line(raw)
        if not line:
            continue
        if is_contents_heading(line):
            in_toc = True
            contents.append(line)
            continue
        if in_toc:
            if is_contents_entry(line):
                contents.append(line)
                continue
            in_toc = False
        body.append(line)
    return "\n".join(body + contents)
