"""PLOVER coding on events and reactions: the default from CAMEO, hand coding, and the rules the
database and clean() enforce."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event, Reaction
from events.plover import plover_for_cameo
from events.plover.coding import any_context
from tests.factories import EventFactory, ReactionFactory

pytestmark = pytest.mark.django_db


def coding(record):
    record.refresh_from_db()
    return record.plover_type, record.plover_mode, record.plover_contexts


def test_a_new_reaction_is_coded_from_its_cameo_code():
    reaction = ReactionFactory(cameo_code="161")
    assert coding(reaction) == ("SANCTION", "withdraw", ["diplomatic"])
    assert reaction.plover_hand_coded is False


def test_a_new_event_is_coded_from_its_cameo_code():
    assert coding(EventFactory(cameo_code="115")) == ("ACCUSE", "allege", ["legal"])


def test_a_record_without_a_cameo_code_has_no_plover_coding():
    assert coding(ReactionFactory(cameo_code="")) == ("", "", [])


def test_changing_the_cameo_code_recodes_the_record():
    reaction = ReactionFactory(cameo_code="111")
    reaction.cameo_code = "161"
    reaction.save()
    assert coding(reaction) == ("SANCTION", "withdraw", ["diplomatic"])


def test_saving_only_the_cameo_code_still_writes_its_coding():
    reaction = ReactionFactory(cameo_code="111")
    reaction.cameo_code = "173"
    reaction.save(update_fields=["cameo_code"])
    assert coding(reaction) == ("COERCE", "arrest", ["legal"])


def test_a_hand_coding_survives_a_cameo_change():
    reaction = ReactionFactory(cameo_code="166")
    reaction.plover_mode, reaction.plover_hand_coded = "withdraw", True
    reaction.save()
    reaction.cameo_code = "111"
    reaction.full_clean()
    reaction.save()
    assert coding(reaction) == ("SANCTION", "withdraw", ["diplomatic"])


def test_clearing_hand_coded_returns_the_record_to_the_mapping():
    reaction = ReactionFactory(cameo_code="111", plover_hand_coded=True, plover_type="REJECT",
                               plover_mode="", plover_contexts=[])
    assert coding(reaction) == ("REJECT", "", [])
    reaction.plover_hand_coded = False
    reaction.save()
    assert coding(reaction) == ("ACCUSE", "disapprove", [])


def test_contexts_are_kept_once_each_in_the_manuals_order():
    reaction = ReactionFactory(plover_hand_coded=True, plover_type="ACCUSE",
                               plover_contexts=["legal", "diplomatic", "legal"])
    assert coding(reaction)[2] == ["diplomatic", "legal"]


@pytest.mark.parametrize("model_factory", [ReactionFactory, EventFactory])
def test_clean_refuses_a_mode_of_another_type_and_names_the_allowed_ones(model_factory):
    record = model_factory.build(plover_hand_coded=True, plover_type="SANCTION", plover_mode="visit")
    with pytest.raises(ValidationError) as error:
        record.clean()
    assert error.value.message_dict["plover_mode"] == [
        "'visit' is not a mode of SANCTION; its modes: convict, expel, withdraw, discontinue."]


def test_clean_refuses_an_unknown_context():
    reaction = ReactionFactory.build(plover_hand_coded=True, plover_type="ACCUSE",
                                     plover_contexts=["diplomacy"])
    with pytest.raises(ValidationError) as error:
        reaction.clean()
    assert "Unknown PLOVER context: diplomacy" in error.value.message_dict["plover_contexts"][0]


def test_full_clean_of_a_valid_hand_coding_passes():
    reaction = ReactionFactory(cameo_code="111")
    reaction.plover_hand_coded, reaction.plover_type, reaction.plover_mode = True, "SANCTION", "convict"
    reaction.plover_contexts = ["legal"]
    reaction.full_clean()


@pytest.mark.parametrize(("model", "factory"), [(Reaction, ReactionFactory), (Event, EventFactory)])
@pytest.mark.parametrize("values", [
    {"plover_type": "SANCTION", "plover_mode": "visit"},  # a mode of CONSULT
    {"plover_type": "AGREE", "plover_mode": "withdraw"},  # AGREE takes no mode
    {"plover_type": "", "plover_mode": "withdraw"},  # a mode needs a type
    {"plover_type": "FIGHT"},  # not one of the 16 types
    {"plover_contexts": ["diplomacy"]},  # not a context
    {"plover_contexts": ["legal", 7]},
    {"plover_contexts": {"legal": True}},
    {"plover_contexts": "legal"},
])
def test_the_database_refuses_an_invalid_coding_whatever_the_write(model, factory, values):
    record = factory(plover_hand_coded=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**values)


@pytest.mark.parametrize("contexts", [[], ["legal"], ["illegal_drugs", "human_rights", "future"]])
def test_the_database_accepts_lists_of_known_contexts(contexts):
    reaction = ReactionFactory(plover_hand_coded=True)
    Reaction.objects.filter(pk=reaction.pk).update(plover_contexts=contexts)
    assert coding(reaction)[2] == contexts


def test_the_data_migration_codes_existing_records_and_keeps_hand_codings():
    mapped = ReactionFactory(cameo_code="161")
    by_hand = ReactionFactory(cameo_code="161", plover_hand_coded=True, plover_type="ACCUSE", plover_mode="",
                              plover_contexts=[])
    event = EventFactory(cameo_code="075")
    # As they were before the migration: no coding at all.
    Reaction.objects.filter(pk=mapped.pk).update(plover_type="", plover_mode="", plover_contexts=[])
    Event.objects.filter(pk=event.pk).update(plover_type="", plover_mode="", plover_contexts=[])

    migration = importlib.import_module("events.migrations.0009_plover_code_existing_records")
    migration.code_existing(apps, None)

    assert coding(mapped) == ("SANCTION", "withdraw", ["diplomatic"])
    assert coding(by_hand) == ("ACCUSE", "", [])
    assert coding(event) == ("AID", "", ["asylum"])


def test_synthetic_records_carry_the_coding_save_would_give():
    from intake.synthetic import generate

    generate(300, seed=7, log=lambda *a: None)
    synthetic = [*Reaction.objects.filter(slug__startswith="syn-"),
                 *Event.objects.filter(slug__startswith="syn-")]
    assert synthetic
    for record in synthetic:
        expected = plover_for_cameo(record.cameo_code)
        assert (record.plover_type, record.plover_mode, record.plover_contexts, record.plover_hand_coded) == (
            expected.type, expected.mode, list(expected.contexts), False), record.slug
    types = {record.plover_type for record in synthetic}
    assert {"ACCUSE", "SANCTION", ""} <= types
    assert Reaction.objects.filter(any_context(["legal"]), slug__startswith="syn-").exists()
