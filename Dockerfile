# csto-timeline: the web app and the ingest CLI, installed from uv.lock.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    DATABASE_URL=sqlite:////data/timeline.db \
    HOST=0.0.0.0 \
    PORT=8000

WORKDIR /app
# Share cards (app/share_card.py) shape Arabic with Pillow's libraqm, which loads FriBiDi, and
# draw it in Debian's Noto fonts.
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      fonts-noto-core libfribidi0 \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv==0.13.9

COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project

COPY app ./app
COPY migrations ./migrations
COPY alembic.ini ./
COPY templates ./templates
COPY static ./static
COPY seeds ./seeds
RUN uv sync --frozen --no-dev

RUN useradd --create-home --uid 10001 timeline && mkdir -p /data && chown timeline /data
USER timeline
VOLUME ["/data"]
EXPOSE 8000

CMD ["sh", "-c", "/app/.venv/bin/csto-timeline migrate && /app/.venv/bin/csto-timeline ingest /app/seeds && exec /app/.venv/bin/csto-timeline serve --host \"$HOST\" --port \"$PORT\""]
