"""FastAPI delivery layer: ``create_app(engine=None, settings=None)``."""

from service.api.app import create_app

__all__ = ["create_app"]
