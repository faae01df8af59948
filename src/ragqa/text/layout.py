"""Where a sentence sits in its document's layout: a heading or a line of body text.

Hand-written because the cleaned documents are plain text (Markdown at most) with no structure a library could
read: a heading is known only by how it is written. Grammar, not fitted: a heading is a whole line of its own,
at most ``HEADING_MAX`` characters, that starts with no bullet mark and ends without a sentence ending (no final
punctuation, no 다/요) — "리창 총리, AI 국제 협력 구상 발표", "1. ‘AI 글로벌 거버넌스 행동계획’ 발표", or a table's
title followed by empty cells only ("중국의 대표적 AI 정책(2017~) | ||"). A table row with data (it holds "|") is not
a heading, and neither is a bulleted line ("- 민간 주도의 … 정책 필요"), however it ends. A document's first line is
its headline, often with its subheadline after it, so it may be twice as long ("중국, 글로벌 AI 협력에 연일 '러브콜'
미국, 규제 최소화·속도 최대화로 질주 실상은 화려한 외피뿐, 접점 없이 간극만 확인").
"""

from __future__ import annotations

import re

HEADING_MAX = 60
_BULLET_MARK = re.compile(r"^(?:[-–•·○●□■◦▪*※△]|!\[)")
# final punctuation or a closing quote ends a sentence; a closing bracket does not ("… AI 정책(2017~)" is a title)
_SENTENCE_END = re.compile(r"(?:[.!?。…\"”'’]|다|요)\s*$")
_SPACES = re.compile(r"\s*")


def is_heading(doc_text: str, start: int, end: int) -> bool:
    """Whether ``doc_text[start:end]`` (one sentence of the document) is a heading (module docstring)."""
    line_start = start == 0 or doc_text[start - 1] == "\n"
    newline = doc_text.find("\n", end)
    rest = doc_text[end:newline if newline >= 0 else len(doc_text)]
    line_end = not rest.strip(" \t|")  # the line ends here, or only empty table cells follow ("정책(2017~) | ||")
    text = doc_text[start:end].strip()
    # a document's first line (only spaces before it: read up to the first other character) is its headline
    limit = HEADING_MAX * 2 if _SPACES.fullmatch(doc_text, 0, start) else HEADING_MAX
    return (line_start and line_end and 0 < len(text) <= limit and "|" not in text
            and not _BULLET_MARK.match(text) and not _SENTENCE_END.search(text))


# A dateline: a line giving only where and when a document was published ("korean.shanghai.gov.cn| 2025-07-31",
# "Xinhua | 2025.07.28"): a site or source name and a date, no words of the text. Its date answers when the document
# was posted and its name where; it answers nothing else, however near a short line's embedding falls to a question.
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}\.?|(?:19|20)\d{2}년\s*\d{1,2}월\s*\d{1,2}일")
_DATELINE_REST = re.compile(r"[\w.:/-]+(?:\s+[\w.:/-]+){0,3}")
DATELINE_MAX = 60


def is_dateline(text: str) -> bool:
    """Whether ``text`` (one sentence, a line of its own) is a dateline (see above): a date and at most four words of
    Latin letters, digits and the marks of a web address, nothing else."""
    text = text.strip()
    if len(text) > DATELINE_MAX or len(_DATE.findall(text)) != 1:
        return False
    rest = _DATE.sub(" ", text).replace("|", " ").strip(" ,·-–—")
    return not rest or (not re.search("[가-힣]", rest) and bool(_DATELINE_REST.fullmatch(rest)))


# A question asking when or where a document was published ("언제 올라왔어", "어느 사이트에 게재됐어", "On which website
# was … published", "posted"): a dateline answers it.
_ASKS_PUBLICATION = re.compile(r"게재|게시|올라|올린|발행|작성(?:일|된|했|한)|사이트|포털|홈페이지|출처|매체|언론사|기사\s*날짜"
                               r"|\b(?:websites?|site|portal|posted|published|publication|dateline|source|outlet|dated|written)\b",
                               re.I)


def asks_publication(question: str) -> bool:
    """True when the question asks when or where a document was published (see above)."""
    return bool(_ASKS_PUBLICATION.search(question))


# A credit line: where a photo or the text itself came from, written as "출처: …" ("[사진 출처: 중국일보망(中國日報網)]",
# "원문 출처: 중국일보망, 상하이 국제 서비스 포털", "Source: Reuters", "Photo credit: Xinhua"). It answers a question asking a
# photo's or a text's source ("사진 출처가 어디로 표기돼 있어", "원문 출처로 적힌 곳들", "사진은 어느 매체가 제공한 거야",
# "what are the original sources of the story", "photo credit"), and is quoted first for it: its few words fall far
# from such a question in the embedding, behind the sentences about the photo's subject. Not a question about the
# source of a claim ("이 수치의 출처는"), which the sentence citing it answers. Layout, not fitted.
_CREDIT = re.compile(r"(?:(?:사진|이미지|그림|영상|원문|자료|기사)\s*)?(?:출처|제공)\s*[:：=]\s*([^\]\n]+)"
                     r"|\b(?:(?:photo|image|original)\s+)?(?:sources?|credits?|courtesy)\s*:\s*([^\]\n]+)", re.I)
_ASKS_CREDIT = re.compile(r"(?:사진|이미지|그림|영상|원문|원본|기사)\s*(?:의\s*)?(?:출처|제공처|크레디트|크레딧)"
                          r"|출처\s*(?:로|가|는|를|에)?\s*(?:적힌|적혀|적은|표기|표시|명시|밝힌|기재|달린|나온|붙은)"
                          r"|원문\s*제공|사진[^?.!]{0,20}(?:제공|찍은|촬영)"
                          r"|\b(?:photo|image|picture)\s+(?:credits?|sources?|courtesy)\b|\bcredited\b"
                          r"|\boriginal\s+sources?\b|\bsources?\s+(?:credited|listed|given|named)\b", re.I)


def credit_of(text: str) -> str | None:
    """What a credit line (see above) credits ("중국일보망(中國日報網)", "중국일보망, 상하이 국제 서비스 포털"), or None
    when ``text`` writes none."""
    m = _CREDIT.search(text)
    if m is None:
        return None
    credit = (m.group(1) or m.group(2)).strip(" .,")
    while credit.endswith(")") and credit.count(")") > credit.count("("):  # "(사진 출처: 신화)": the bracket closes
        credit = credit[:-1].rstrip(" .,")
    return credit or None


_PICTURE = re.compile(r"사진|이미지|그림|영상|\b(?:photo|image|picture|video)s?\b", re.I)


def credits_picture(text: str) -> bool:
    """Whether ``text`` (a question, or a credit line) speaks of a picture's source rather than the text's."""
    return bool(_PICTURE.search(text))


def asks_credit(question: str) -> bool:
    """True when the question asks where a photo or a text came from, as its credit line says (see above)."""
    return bool(_ASKS_CREDIT.search(question))


# A question about a headline, heading or subtitle ("러브콜 기사 소제목은 …", "기사 부제 보면", "According to the
# headline of …") is answered by a heading: retrieval reads the headings among its nearest sentences as a ranker of
# their own, and the answerer quotes a heading among its top candidates first. Grammar, not fitted.
_ASKS_HEADING = re.compile(r"소제목|부제|제목|헤드라인|표제(?!지)|\b(?:sub)?(?:headlines?|headings?|titles?)\b", re.I)


def asks_heading(question: str) -> bool:
    """True when the question asks about a headline, heading or title (see above)."""
    return bool(_ASKS_HEADING.search(question))


# Tables of contents ------------------------------------------------------------------------------------
# A heading ("목차", "차례", "Contents") and entries that end in a page number ("2. 중국의 AI 기술 자립 동향 3",
# "[그림 1] 생성형 AI 특허 출원 현황 2"), one per line as the cleaner leaves them.
_TOC_HEADINGS = {"목차", "차례", "contents", "table of contents"}
_TOC_ENTRY = re.compile(r"^.{1,80}?\s(\d{1,3})$")


def is_contents_heading(line: str) -> bool:
    return line.strip().lower() in _TOC_HEADINGS


def is_contents_entry(line: str) -> bool:
    return contents_page(line.strip()) is not None


def contents_page(line: str) -> re.Match[str] | None:
    """The match of ``line`` as an entry of a table of contents, its page number in group 1, or None."""
    return _TOC_ENTRY.match(line)


def contents_breaks(sentences: list[str]) -> set[int]:
    """Indexes of the sentences where a table of contents starts (its heading) and where the text after it
    resumes: a chunk never holds both contents and other text."""
    breaks: set[int] = set()
    i = 0
    while i < len(sentences):
        if is_contents_heading(sentences[i]):
            j = i + 1
            while j < len(sentences) and (is_contents_entry(sentences[j]) or is_contents_heading(sentences[j])):
                j += 1
            if j > i + 1:
                breaks.update((i, j))
            i = j
        else:
            i += 1
    return breaks


def is_contents(text: str) -> bool:
    """True for a chunk of a table of contents: every line a contents heading or an entry ending in a page
    number, two lines at least (the chunker keeps such a block apart, :func:`contents_breaks`)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 2 and all(is_contents_heading(line) or is_contents_entry(line) for line in lines)


# A document's list of references ("<참고자료>", "참고문헌", "References") and the lines under it: each entry is
# a line of its own ("(25.7.28,中国国际科技交流中心) 人工智能全球治理行动计划(全文)"), often in another language
# than the question and short enough to read as a heading. A question about the list ("참고자료에 실린 …",
# "in the brief's references") is answered by its entries. Layout, not fitted.
_REFERENCES_HEADING = re.compile(r"^[\W\d.]*(?:참고\s*자료|참고\s*문헌|인용\s*문헌|references|bibliography|works cited|sources)"
                                 r"[\W]*$", re.I)
_ASKS_REFERENCES = re.compile(r"참고\s*자료|참고\s*문헌|인용\s*(?:자료|문헌)|출처\s*목록|\breferences?\b|\bbibliograph"
                              r"|\bworks cited\b|\bsources? (?:cited|listed)\b", re.I)
REFERENCE_ENTRY_MAX = 200  # a longer line is body text: the list has ended


def is_references_heading(line: str) -> bool:
    """Whether ``line`` is the heading of a list of references (see above)."""
    return bool(_REFERENCES_HEADING.match(line.strip()))


def asks_references(question: str) -> bool:
    """Whether the question asks about a document's list of references (see above)."""
    return bool(_ASKS_REFERENCES.search(question))
