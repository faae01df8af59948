"""The web chat page served at ``GET /`` (one static HTML file, no build step)."""
