# The event database API: gunicorn behind your HTTPS proxy. Build: docker build -t eventdb .
# Run: docker run -e DJANGO_SECRET_KEY=... -e DJANGO_ALLOWED_HOSTS=events.example.org \
#        -e DATABASE_URL=postgres://user:pass@db:5432/eventdb -p 8000:8000 eventdb
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000 \
    DATABASE_URL=sqlite:////app/data/db.sqlite3

WORKDIR /app

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir /app/data \
    && chown app:app /app/data

# Dependencies come from pyproject.toml (pinned there).
COPY pyproject.toml ./
COPY config ./config
COPY core ./core
COPY actors ./actors
COPY events ./events
COPY sources ./sources
COPY intake ./intake
COPY dashboard ./dashboard
RUN pip install --no-cache-dir .

COPY manage.py ./
COPY bin ./bin
COPY seeds ./seeds

# Hashed, compressed static files for whitenoise, collected once at build time. The secret key is a
# build-time dummy: it signs nothing and is not in the running container's environment.
RUN DJANGO_SECRET_KEY=build-time-dummy-key-not-used-at-runtime DJANGO_STATIC_MANIFEST=1 \
    python manage.py collectstatic --noinput

USER 10001:10001
EXPOSE 8000
VOLUME ["/app/data"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', timeout=4)"]

CMD ["bin/start"]
