"""Fixed sentences the bot says, in the asker's language (Korean or English)."""

from __future__ import annotations

TEXT = {
    "searching": {"en": ":mag: Searching the documents…", "ko": ":mag: 문서를 찾아보는 중…"},
    "sources": {"en": "Sources", "ko": "출처"},
    "not_found": {"en": "Not found in the documents", "ko": "문서에서 답을 찾지 못했습니다"},
    "truncated": {
        "en": ":scissors: Answer shortened to fit Slack ({n} characters left out).",
        "ko": ":scissors: Slack 길이 제한으로 답을 줄였습니다 ({n}자 생략).",
    },
    "degraded": {
        "en": "the language model was unavailable, so this quotes the documents directly",
        "ko": "언어 모델을 쓸 수 없어 문서를 그대로 인용했습니다",
    },
    "helpful": {"en": "Helpful", "ko": "도움됨"},
    "not_helpful": {"en": "Not helpful", "ko": "도움 안 됨"},
    "share": {"en": "Share to channel", "ko": "채널에 공유"},
    "you_asked": {"en": "You asked", "ko": "질문"},
    "shared_by": {"en": "<@{user}> shared an answer to", "ko": "<@{user}>님이 공유한 답변"},
    "error": {
        "en": ":warning: Sorry, something went wrong while answering. It has been logged; please try again.",
        "ko": ":warning: 죄송합니다. 답하는 중에 오류가 났습니다. 기록해 두었으니 다시 시도해 주세요.",
    },
    "not_ready": {
        "en": ":hourglass: The document index is still loading or unavailable; please try again in a minute.",
        "ko": ":hourglass: 문서 색인을 아직 불러오는 중이거나 쓸 수 없습니다. 잠시 후 다시 물어봐 주세요.",
    },
    "busy": {
        "en": ":hourglass: Too many questions are waiting right now; please ask again in {wait} s.",
        "ko": ":hourglass: 지금 기다리는 질문이 많습니다. {wait}초 뒤에 다시 물어봐 주세요.",
    },
    "invalid": {"en": ":warning: I can't answer that: {detail}", "ko": ":warning: 이 질문에는 답할 수 없습니다: {detail}"},
    "rate_limited": {
        "en": ":hourglass: You've asked {n} questions in the last {window} s. Please wait {wait} s and ask again.",
        "ko": ":hourglass: 최근 {window}초 동안 질문을 {n}번 하셨습니다. {wait}초 뒤에 다시 물어봐 주세요.",
    },
    "empty": {
        "en": "Ask me a question about the documents: mention me with it, or `/ask What did Huawei show at WAIC 2025?`",
        "ko": "문서에 대해 물어봐 주세요. 저를 멘션하거나 `/ask 화웨이가 WAIC에서 공개한 AI 장비는?` 처럼요.",
    },
    "thanks": {"en": "Thanks, your :{emoji}: was recorded.", "ko": "고맙습니다. :{emoji}: 의견을 기록했습니다."},
    "not_in_channel": {
        "en": "I can't post in this conversation. Invite me first (`/invite @ragqa`), then share again.",
        "ko": "이 대화에는 글을 올릴 수 없습니다. 먼저 저를 초대한 뒤(`/invite @ragqa`) 다시 공유해 주세요.",
    },
    "gone": {
        "en": "That answer is no longer available; please ask again.",
        "ko": "그 답변은 더 이상 남아 있지 않습니다. 다시 물어봐 주세요.",
    },
}


def say(key: str, lang: str, **kw) -> str:
    table = TEXT[key]
    return table.get(lang, table["en"]).format(**kw)
