"""User-facing fixed sentences, per answer language."""

ABSTAIN = {
    "ko": "제공된 문서에서는 이 질문에 대한 답을 찾을 수 없습니다.",
    "en": "The documents do not say; I could not find an answer to this question in them.",
}


def abstain_message(lang: str) -> str:
    return ABSTAIN.get(lang, ABSTAIN["en"])


def is_abstention_text(text: str) -> bool:
    t = text.strip().lower()
    return any(
        phrase in t
        for phrase in (
            "documents do not say",
            "documents don't say",
            "not in the documents",
            "문서에서는 이 질문에 대한 답을 찾을 수 없",
            "문서에 나와 있지 않",
            "문서에는 없",
            "찾을 수 없습니다",
        )
    )
