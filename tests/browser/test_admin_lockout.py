"""In a real browser: the admin login locks an account after repeated wrong passwords, says so plainly,
refuses even the right password, and opens again once an administrator runs axes_reset_username."""

from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PASSWORD = "pw-curator-123"


def submit_login(page, base, username, password):
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def test_repeated_wrong_passwords_lock_the_admin_login_until_an_administrator_unlocks_it(
        live_server, browser, django_user_model, settings):
    django_user_model.objects.create_user("curator", password=PASSWORD, is_staff=True)
    page = browser.new_context().new_page()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        submit_login(page, live_server.url, "curator", "not-the-password")
        assert "Please enter the correct username and password" in page.inner_text("#content")
    submit_login(page, live_server.url, "curator", "not-the-password")
    assert "Sign-in temporarily locked" in page.inner_text("h1")

    submit_login(page, live_server.url, "curator", PASSWORD)
    message = page.inner_text("#content")
    assert "Sign-in temporarily locked" in message
    assert "axes_reset_username curator" in message
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin_login_locked.png"), full_page=True)
    page.goto(f"{live_server.url}/admin/")
    assert "/admin/login/" in page.url  # not signed in

    call_command("axes_reset_username", "curator", verbosity=0)

    submit_login(page, live_server.url, "curator", PASSWORD)
    page.wait_for_selector("#site-name")
    assert "Site administration" in page.content()
