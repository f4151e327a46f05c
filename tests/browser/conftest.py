import os

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body are
# still synchronous, so allow them. (The shared `browser` fixture lives in tests/conftest.py.)
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
