"""Cleaning: normalise whitespace, drop noise lines (never content), rejoin hard-wrapped lines.

Hand-written because the noise is specific to how Korean news and policy briefs reach us (scraped
tables reduced to pipes, empty image markers, page furniture of Korean news sites and report
portals, text extracted from PDFs line by line); generic cleaners either keep it or drop real table rows
that hold facts, and none rejoins Korean words a line break cut in two.
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
        r"^[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]$",  # a page number: "- 3 -"
    )
]

# Hard-wrapped text (PDF extractions, plain-text exports): every line ends where the page's line ended, so a
# sentence, even a word ("필요 / 한 나이"), is cut by line breaks, and the sentence splitter would read each piece
# as a sentence. A document is read as hard-wrapped when its lines stop at one width: the 90th percentile of its
# line widths (in display columns, a Hangul syllable counting two) is at most _WRAP_COLUMNS, as on a printed
# page (a Korean A4 line holds about 40 syllables, an English one 70 to 90 characters), at least a tenth of its
# lines reach that width, and most of those end no sentence (they were cut). Text written one paragraph per
# line (Markdown, news pages) has no such width: the shipped corpus's paragraphs run to 180–600 columns. In a hard-wrapped document a line that reaches the width
# and ends no sentence is joined to the next, unless the next opens a block (a list marker, an indented
# paragraph). Layout, not fitted: the bound and the shares are properties of printed pages.
_WRAP_COLUMNS = 100
_WRAP_MIN_COLUMNS = 40  # narrower lines are a list or a table's cells, not a page's
_WRAP_MIN_LINES = 10
_WRAP_MIN_CUT = 5  # and at least this many of them, and half, end no sentence: they were cut
_WRAP_FULL = 0.85  # a line this close to the width ran to the margin
_WRAP_SHARE = 0.10  # of the lines, at least this many ran to the margin
_SENTENCE_END = re.compile(r"[.!?。！？…:;]$|[.!?。][\"'”’)\]」』]$")
# A list marker or a quote opens a block. Not "제5조" or "다.": after a line cut at the margin those go on with
# its sentence ("… 제44조제1항 / 제7조 중 …", "… 2,836명이 / 다.").
_BLOCK_START = re.compile(r"^(?:[-–—•·○●◦▪■□◆◇※*>#|]|\d{1,3}[.)](?:\s|$)|[①-⑳⑴-⒇]|\(\d{1,3}\))")


def _wide(ch: str) -> bool:
    """Whether ``ch`` takes two columns (Hangul syllables, CJK characters, full-width forms)."""
    return unicodedata.east_asian_width(ch) in "WF"


def _columns(line: str) -> int:
    return sum(2 if _wide(ch) else 1 for ch in line)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped document's lines stop at (display columns), or ``None`` when it is not one."""
    measured = [(line, _columns(line)) for line in map(str.strip, lines) if line]
    widths = sorted(w for _, w in measured)
    if len(widths) < _WRAP_MIN_LINES:
        return None
    width = widths[int(0.9 * (len(widths) - 1))]
    if not _WRAP_MIN_COLUMNS <= width <= _WRAP_COLUMNS:
        return None
    full = [line for line, w in measured if w >= _WRAP_FULL * width]
    cut = sum(1 for line in full if not _SENTENCE_END.search(line) and "|" not in line)
    return width if len(full) >= _WRAP_SHARE * len(widths) and cut >= max(_WRAP_MIN_CUT, len(full) / 2) else None


def _join(left: str, right: str) -> str:
    """Two pieces of a line a wrap cut: a space where either side kept one or a word ended, none inside a Hangul or
    CJK word ("필요" + "한 나이" -> "필요한 나이"; the extraction keeps a trailing space where a word ended)."""
    a, b = left.rstrip(), right.lstrip()
    if left == a and right == b and _wide(a[-1]) and _wide(b[0]):
        return a + b
    return f"{a} {b}"


def unwrap_lines(lines: list[str]) -> list[str]:
    """``lines`` with the hard wraps of a hard-wrapped document rejoined (see :data:`_WRAP_COLUMNS`); any other
    document's lines unchanged. Blank lines between the pieces of a wrapped paragraph are dropped with them; page
    numbers between them are furniture (dropped by :func:`clean_line`), so a sentence runs on across a page break."""
    width = _wrap_width(lines)
    if width is None:
        return lines
    indented = sum(1 for line in lines if line.startswith("  ")) > 0.5 * sum(1 for line in lines if line.strip())
    out: list[str] = []
    open_line = False  # the last line of ``out`` ran to the margin and ends no sentence
    for raw in lines:
        line = raw.replace("\f", "")
        if not line.strip() or not clean_line(line):  # a blank line or furniture: inside a wrapped paragraph, dropped
            if not open_line:
                out.append(line)
            continue
        row = "|" in line  # a table's row is never a wrapped sentence's piece
        starts_block = row or _BLOCK_START.match(line.strip()) or (not indented and line.startswith("  "))
        if open_line and not starts_block:
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
        open_line = (not row and _columns(line.strip()) >= _WRAP_FULL * width
                     and not _SENTENCE_END.search(out[-1].rstrip()))
    return out


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
    for raw in unwrap_lines(normalize_whitespace(text).split("\n")):
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
