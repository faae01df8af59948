"""Error hierarchy of the engine. Delivery layers map these to transport errors (HTTP codes, Slack replies)."""


class RagqaError(Exception):
    """Base class for every error the engine raises on purpose."""


class ConfigError(RagqaError):
    """Settings are invalid; the message names the setting and the bad value."""


class InvalidQuery(RagqaError):
    """The caller's input is unusable (blank question, top_k out of range, ...)."""


class IndexNotReady(RagqaError):
    """No usable index is loaded (missing, or the engine has not been started)."""


class IndexMismatch(IndexNotReady):
    """The index on disk was built with other embedding/chunking settings than the ones configured."""


class IndexCorrupt(IndexNotReady):
    """Index files are missing or fail their checksum."""


class LLMUnavailable(RagqaError):
    """The configured LLM endpoint failed, timed out, or returned nothing usable."""


class Overloaded(RagqaError):
    """Too much work is queued; the caller should retry after ``retry_after_s`` seconds (HTTP 503)."""

    def __init__(self, message: str, retry_after_s: int = 1) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ServiceUnavailable(RagqaError):
    """A remote ragqa service could not be reached or failed."""
