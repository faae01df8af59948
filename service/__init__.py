"""Delivery layers over the ragqa engine (HTTP API; later the Slack bot). Uses only ``ragqa``'s public API."""
