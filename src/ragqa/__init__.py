"""ragqa: retrieval-augmented question answering with validated inline citations.

The engine's public API is re-exported here; delivery layers (``service/``) import only from this module.
"""

from ragqa.client import AnswerBackend, LocalBackend, RemoteBackend
from ragqa.engine import Engine
from ragqa.errors import (
    ConfigError,
    IndexCorrupt,
    IndexMismatch,
    IndexNotReady,
    InvalidQuery,
    LLMUnavailable,
    Overloaded,
    RagqaError,
    ServiceUnavailable,
)
from ragqa.feedback import FeedbackStore
from ragqa.settings import Settings, load_settings
from ragqa.text.korean import detect_language
from ragqa.types import (
    FEEDBACK_SOURCES,
    MAX_ANSWER_CHARS,
    MAX_GENERATION_TOKENS,
    MAX_HISTORY_TURNS,
    MAX_QUERY_CHARS,
    MAX_TEMPERATURE,
    MAX_TURN_CHARS,
    MODES,
    Answer,
    AnswerMode,
    Citation,
    Feedback,
    FeedbackSource,
    Mode,
    Passage,
    RetrievalResult,
    Role,
    StreamEvent,
    Turn,
    Vote,
)
from ragqa.wiring import build_engine, make_backend, make_feedback_store

__version__ = "0.1.0"

__all__ = [
    "FEEDBACK_SOURCES",
    "FeedbackSource",
    "MAX_ANSWER_CHARS",
    "MAX_GENERATION_TOKENS",
    "MAX_HISTORY_TURNS",
    "MAX_QUERY_CHARS",
    "MAX_TEMPERATURE",
    "MAX_TURN_CHARS",
    "MODES",
    "AnswerMode",
    "Mode",
    "Role",
    "Vote",
    "build_engine",
    "Answer",
    "AnswerBackend",
    "Feedback",
    "FeedbackStore",
    "LocalBackend",
    "RemoteBackend",
    "ServiceUnavailable",
    "detect_language",
    "make_backend",
    "make_feedback_store",
    "Citation",
    "ConfigError",
    "Engine",
    "IndexCorrupt",
    "IndexMismatch",
    "IndexNotReady",
    "InvalidQuery",
    "LLMUnavailable",
    "Overloaded",
    "Passage",
    "RagqaError",
    "RetrievalResult",
    "Settings",
    "StreamEvent",
    "Turn",
    "load_settings",
]
