"""Seed records come out coded; a curator's hand coding survives CAMEO edits and seed reloads; after
a mapping change, recode_plover updates exactly the records that follow the mapping."""

import io

import pytest
from django.core.management import call_command

from events.models import Event, Reaction
from events.plover import mapping
from events.plover.mapping import PloverCoding
from intake.seeding import load_seeds

STAFF = "mexico-withdraws-embassy-staff"  # CAMEO 166: the mapping says SANCTION / expel


def _coding(slug, model=Reaction):
    record = model.objects.get(slug=slug)
    return record.plover_type, record.plover_mode, record.plover_contexts, record.plover_hand_coded


def _hand_code_withdraw():
    """What a curator does: Mexico withdrew its own staff, so the mode is withdraw, not expel."""
    record = Reaction.objects.get(slug=STAFF)
    record.plover_mode, record.plover_hand_coded = "withdraw", True
    record.full_clean()
    record.save()


def test_seed_records_are_coded_from_their_cameo_codes(seeded):
    assert _coding("mexico-severs-ties-with-ecuador") == ("SANCTION", "withdraw", ["diplomatic"], False)
    assert _coding("nicaragua-severs-ties-with-ecuador") == ("SANCTION", "withdraw", ["diplomatic"], False)
    assert _coding("mexico-takes-ecuador-to-icj") == ("ACCUSE", "allege", ["legal"], False)
    assert _coding(STAFF) == ("SANCTION", "expel", ["diplomatic"], False)
    assert _coding("el-salvador-abstains-in-oas-vote") == ("", "", [], False)
    assert _coding("raid-on-mexican-embassy-quito", Event) == ("COERCE", "arrest", ["legal"], False)


def test_a_hand_coding_survives_a_seed_reload(seeded):
    _hand_code_withdraw()
    summary = load_seeds()
    assert summary.counts["events.reaction"]["unchanged"] == Reaction.objects.count()
    assert _coding(STAFF) == ("SANCTION", "withdraw", ["diplomatic"], True)


def test_a_hand_coding_survives_a_cameo_edit_and_the_reloads_after_it(seeded):
    _hand_code_withdraw()
    record = Reaction.objects.get(slug=STAFF)
    record.cameo_code = "161"
    record.full_clean()
    record.save()
    assert _coding(STAFF) == ("SANCTION", "withdraw", ["diplomatic"], True)

    summary = load_seeds()  # the CAMEO edit is a curator's edit: kept
    assert ("events.reaction", STAFF, ["cameo_code"]) in summary.kept
    assert _coding(STAFF) == ("SANCTION", "withdraw", ["diplomatic"], True)

    load_seeds(overwrite=True)  # the fixture's CAMEO code comes back; it has no PLOVER values to impose
    assert Reaction.objects.get(slug=STAFF).cameo_code == "166"
    assert _coding(STAFF) == ("SANCTION", "withdraw", ["diplomatic"], True)


def test_recode_after_a_mapping_change_updates_only_records_that_follow_the_mapping(seeded, monkeypatch):
    _hand_code_withdraw()
    table = dict(mapping.load_table())
    table["166"] = PloverCoding("SANCTION", "discontinue", ("diplomatic",))  # a curator's new row
    monkeypatch.setattr(mapping, "load_table", lambda: table)
    before = Reaction.objects.get(slug="mexico-severs-ties-with-ecuador").updated_at

    out = io.StringIO()
    call_command("recode_plover", "--dry-run", stdout=out)
    assert "events.reaction: 0 would change" in out.getvalue()  # the only 166 reaction is hand-coded
    Event.objects.filter(slug="mexico-breaks-diplomatic-relations").update(cameo_code="166")
    call_command("recode_plover", stdout=out)
    assert "events.event: 1 changed" in out.getvalue()

    assert _coding("mexico-breaks-diplomatic-relations", Event) == ("SANCTION", "discontinue", ["diplomatic"],
                                                                     False)
    assert _coding(STAFF) == ("SANCTION", "withdraw", ["diplomatic"], True)
    assert Reaction.objects.get(slug="mexico-severs-ties-with-ecuador").updated_at == before


@pytest.mark.django_db
def test_recode_on_an_up_to_date_database_changes_nothing(seeded):
    out = io.StringIO()
    call_command("recode_plover", stdout=out)
    assert out.getvalue().splitlines() == ["events.event: 0 changed", "events.reaction: 0 changed"]
