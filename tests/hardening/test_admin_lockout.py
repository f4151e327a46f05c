"""The admin login locks out after repeated failures, per user and per address (finding 6 of the second
hardening round); django-axes does the counting. The browser side is tests/browser/test_admin_lockout.py."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "pw-curator-123"


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_user("curator", password=PASSWORD, is_staff=True)


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(curator, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "curator", "wrong").status_code == 200  # the login form again, with an error
    locked = sign_in(client, "curator", "wrong")
    assert locked.status_code == 429
    assert "Sign-in temporarily locked" in locked.content.decode()

    right = sign_in(client, "curator", PASSWORD)
    assert right.status_code == 429 and not signed_in(client)
    # Per user: another address is refused for this account too.
    assert sign_in(Client(), "curator", PASSWORD, address="198.51.100.4").status_code == 429


def test_an_address_guessing_many_accounts_is_locked_out_for_all_of_them(curator, settings):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"someone{n}", "guess", address="203.0.113.99")
    assert sign_in(client, "curator", PASSWORD, address="203.0.113.99").status_code == 429
    other = Client()
    assert sign_in(other, "curator", PASSWORD, address="192.0.2.77").status_code == 302 and signed_in(other)


def test_the_lockout_ends_by_itself_after_the_cool_off(curator, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "curator", "wrong")
    assert sign_in(client, "curator", PASSWORD).status_code == 429

    past = datetime.timedelta(minutes=1) + settings.AXES_COOLOFF_TIME
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= past
        attempt.save()
    assert sign_in(client, "curator", PASSWORD).status_code == 302 and signed_in(client)


@pytest.mark.parametrize("command, args", [("axes_reset_username", ["curator"]),
                                           ("axes_reset_ip", ["192.0.2.10"]), ("axes_reset", [])])
def test_an_administrator_unlocks_by_command(curator, settings, command, args):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "curator", "wrong")
    assert sign_in(client, "curator", PASSWORD).status_code == 429

    call_command(command, *args, verbosity=0)

    assert sign_in(client, "curator", PASSWORD).status_code == 302 and signed_in(client)


def test_settings_come_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = "from django.conf import settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
           "DJANGO_DEBUG": "1", "DATABASE_URL": "sqlite:////tmp/eventdb-never-opened.sqlite3",
           "ADMIN_LOGIN_FAILURE_LIMIT": "7", "ADMIN_LOGIN_LOCKOUT_MINUTES": "90"}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code],
                            cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("7 1:30:00")
