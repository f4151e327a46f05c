"""In a real browser, the admin's mode list follows the chosen PLOVER type."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import ReactionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-curator-123"


def _modes(page):
    return page.eval_on_selector("#id_plover_mode", "s => Array.from(s.options).map(o => o.value)")


def test_the_mode_list_offers_only_the_chosen_types_modes(live_server, browser, django_user_model):
    call_command("setup_curators", verbosity=0, stdout=io.StringIO())
    curator = django_user_model.objects.create_user("curator", password=PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name="curator"))
    reaction = ReactionFactory(cameo_code="161")

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    page.goto(f"{live_server.url}/admin/events/reaction/{reaction.pk}/change/")

    assert _modes(page) == ["", "convict", "expel", "withdraw", "discontinue"]
    assert page.input_value("#id_plover_mode") == "withdraw"
    page.select_option("#id_plover_type", "CONSULT")
    assert _modes(page) == ["", "visit", "third-party", "multilateral", "phone"]
    assert page.input_value("#id_plover_mode") == ""  # withdraw is no CONSULT mode
    page.select_option("#id_plover_type", "AGREE")
    assert _modes(page) == [""] and page.is_disabled("#id_plover_mode")
    context.close()
