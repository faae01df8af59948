"""ragqa: retrieval-augmented question answering with validated inline citations.

The engine's public API is re-exported here; delivery layers (``service/``) import only from this module.
"""

from ragqa.engine import Engine
from ragqa.errors import (
    ConfigError,
    IndexCorrupt,
    IndexMismatch,
    IndexNotReady,
    InvalidQuery,
    LLMUnavailable,
    RagqaError,
)
from ragqa.settings import Settings, load_settings
from ragqa.types import Answer, Citation, Passage, RetrievalResult, StreamEvent, Turn

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "Citation",
    "ConfigError",
    "Engine",
    "IndexCorrupt",
    "IndexMismatch",
    "IndexNotReady",
    "InvalidQuery",
    "LLMUnavailable",
    "Passage",
    "RagqaError",
    "RetrievalResult",
    "Settings",
    "StreamEvent",
    "Turn",
    "load_settings",
]
