"""Settings for the test suite: production settings with only what a test server needs relaxed.

Environment variables still win, so CI can point DATABASE_URL at PostgreSQL.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from config.settings import *  # noqa: E402,F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's default in-memory database: the live server that the browser tests start
    # answers the dashboard's parallel API calls from several threads, and an in-memory database
    # forces them all onto one shared connection, which deadlocked once earlier tests had used it.
    # With a file each thread has its own connection, as in production. Same speed here.
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"eventdb-test-{os.getpid()}.sqlite3"),
    }
