# syntax=docker/dockerfile:1
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    VENV=/app/.venv \
    TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu \
    RAGQA_CORPUS__DIR=/app/corpus \
    RAGQA_INDEX__DIR=/app/index \
    RAGQA_DATA__DIR=/app/data

WORKDIR /app
RUN groupadd --system --gid 10001 ragqa && useradd --system --uid 10001 --gid ragqa --home-dir /app --shell /usr/sbin/nologin ragqa

# Same install steps as the README's quick start (scripts/install.sh): CPU torch first, then ragqa.
COPY pyproject.toml README.md ./
COPY scripts/install.sh scripts/install.sh
COPY src/ src/
COPY service/ service/
RUN sh scripts/install.sh

COPY corpus/ corpus/
RUN mkdir -p index data && chown -R 10001:10001 /app/index /app/data
USER 10001:10001
# The index is built at image build time, so the container serves at once and needs no network.
RUN /app/.venv/bin/ragqa ingest --quiet

# Feedback, answer records and Slack event ids (SQLite); mount it to keep them across containers.
VOLUME ["/app/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/app/.venv/bin/python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
CMD ["/app/.venv/bin/uvicorn", "service.api.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
