"""The Slack bot's per-user limit is the shared :class:`service.ratelimit.RateLimiter`."""

from service.ratelimit import RateLimiter

__all__ = ["RateLimiter"]
