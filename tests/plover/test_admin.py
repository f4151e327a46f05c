"""Curating PLOVER in the admin: an invalid mode is refused, a change is hand coding that CAMEO edits
keep, and the page says where the coding comes from."""

import pytest
from django.urls import reverse

from events.models import Reaction
from tests.factories import ReactionFactory

pytestmark = pytest.mark.django_db


def _change_url(reaction):
    return reverse("admin:events_reaction_change", args=[reaction.pk])


def _form(reaction, **overrides):
    """The change form as the page shows it for ``reaction`` (no citations), with ``overrides``."""
    data = {
        "slug": reaction.slug, "actor": reaction.actor_id, "event": reaction.event_id, "kind": reaction.kind,
        "stance": reaction.stance, "description": reaction.description, "date": reaction.date.isoformat(),
        "date_precision": reaction.date_precision, "cameo_code": reaction.cameo_code,
        "certainty": reaction.certainty, "plover_type": reaction.plover_type,
        "plover_mode": reaction.plover_mode, "plover_contexts": list(reaction.plover_contexts),
        "citations-TOTAL_FORMS": "0", "citations-INITIAL_FORMS": "0", "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
    }
    if reaction.plover_hand_coded:
        data["plover_hand_coded"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _coding(reaction):
    reaction.refresh_from_db()
    return reaction.plover_type, reaction.plover_mode, reaction.plover_contexts, reaction.plover_hand_coded


def test_an_invalid_mode_for_the_type_is_a_form_error_and_nothing_changes(curator_client):
    reaction = ReactionFactory(cameo_code="161")
    response = curator_client.post(_change_url(reaction), _form(reaction, plover_mode="visit"))
    assert response.status_code == 200
    message = "&#x27;visit&#x27; is not a mode of SANCTION; its modes: convict, expel, withdraw, discontinue."
    assert message in response.content.decode()
    assert _coding(reaction) == ("SANCTION", "withdraw", ["diplomatic"], False)


def test_an_unknown_context_is_a_form_error(curator_client):
    reaction = ReactionFactory(cameo_code="161")
    response = curator_client.post(_change_url(reaction), _form(reaction, plover_contexts=["diplomacy"]))
    assert response.status_code == 200
    message = "Select a valid choice. diplomacy is not one of the available choices."
    assert message in response.content.decode()


def test_changing_the_coding_marks_it_coded_by_hand_and_a_cameo_edit_keeps_it(curator_client):
    reaction = ReactionFactory(cameo_code="166")  # expel or withdraw: the mapping says expel
    response = curator_client.post(_change_url(reaction), _form(reaction, plover_mode="withdraw"))
    assert response.status_code == 302
    assert _coding(reaction) == ("SANCTION", "withdraw", ["diplomatic"], True)

    response = curator_client.post(_change_url(reaction), _form(reaction, cameo_code="111"))
    assert response.status_code == 302
    assert _coding(reaction) == ("SANCTION", "withdraw", ["diplomatic"], True)
    assert reaction.cameo_code == "111"


def test_a_record_not_coded_by_hand_follows_its_new_cameo_code(curator_client):
    reaction = ReactionFactory(cameo_code="111")
    response = curator_client.post(_change_url(reaction), _form(reaction, cameo_code="161"))
    assert response.status_code == 302
    assert _coding(reaction) == ("SANCTION", "withdraw", ["diplomatic"], False)


def test_clearing_coded_by_hand_returns_the_record_to_the_mapping(curator_client):
    reaction = ReactionFactory(cameo_code="111", plover_hand_coded=True, plover_type="REJECT", plover_mode="",
                               plover_contexts=[])
    response = curator_client.post(_change_url(reaction), _form(reaction, plover_hand_coded=None))
    assert response.status_code == 302
    assert _coding(reaction) == ("ACCUSE", "disapprove", [], False)


def test_the_change_form_shows_where_the_coding_comes_from_and_narrows_modes(curator_client):
    reaction = ReactionFactory(cameo_code="166")
    page = curator_client.get(_change_url(reaction)).content.decode()
    assert "CAMEO 166 → SANCTION / expel / diplomatic. Applied on save (not coded by hand)." in page
    assert "data-plover-modes" in page and "events/plover_mode.js" in page

    Reaction.objects.filter(pk=reaction.pk).update(plover_hand_coded=True)
    page = curator_client.get(_change_url(reaction)).content.decode()
    assert "Coded by hand: the mapping does not apply." in page


def test_the_changelist_filters_by_plover_type_and_shows_hand_coding(curator_client):
    sanction = ReactionFactory(cameo_code="161", description="Severed ties.")
    ReactionFactory(cameo_code="111", description="Condemned it.")
    by_hand = ReactionFactory(cameo_code="111", plover_hand_coded=True, plover_type="SANCTION",
                              plover_mode="convict", plover_contexts=[], description="Convicted.")
    changelist = reverse("admin:events_reaction_changelist")
    response = curator_client.get(changelist, {"plover_type__exact": "SANCTION"})
    assert set(response.context["cl"].result_list) == {sanction, by_hand}
    page = response.content.decode()
    assert "SANCTION / withdraw" in page and "SANCTION / convict (by hand)" in page
    response = curator_client.get(changelist, {"plover_hand_coded__exact": "1"})
    assert list(response.context["cl"].result_list) == [by_hand]
