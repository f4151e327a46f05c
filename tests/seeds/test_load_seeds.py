"""`manage.py load_seeds`: idempotent, and never silently overwrites a curator's edit."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max

from actors.models import Actor, Role
from events.models import Event, EventActor, Reaction, Statement
from intake.seeding import DEFAULT_DIRECTORY
from sources.models import Citation, Source

pytestmark = pytest.mark.django_db

MODELS = [Source, Actor, Role, Event, EventActor, Reaction, Statement, Citation]
NICARAGUA = "nicaragua-severs-ties-with-ecuador"


def load(*args):
    out = StringIO()
    call_command("load_seeds", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        m.__name__: (m.objects.count(), m.history.count(),
                     m.objects.aggregate(Max("updated_at"))["updated_at__max"]
                     if hasattr(m, "updated_at") else None)
        for m in MODELS
    }


@pytest.fixture
def seeds_copy(tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(DEFAULT_DIRECTORY, target)
    return target


def test_loading_twice_changes_nothing(seeded):
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "events.reaction: 0 created, 0 updated, 19 unchanged, 0 kept curator edits" in output


def test_a_curators_edit_survives_a_reload_and_is_reported(seeded):
    reaction = Reaction.objects.get(slug=NICARAGUA)
    reaction.description = "Corrected by a curator."
    reaction.save()

    output = load()

    reaction.refresh_from_db()
    assert reaction.description == "Corrected by a curator."
    assert f"events.reaction {NICARAGUA}: kept curator edits (description)" in output
    assert "1 kept curator edits" in output


def test_overwrite_restores_the_fixture_values(seeded):
    reaction = Reaction.objects.get(slug=NICARAGUA)
    original = reaction.description
    reaction.description = "Corrected by a curator."
    reaction.save()

    load("--overwrite")

    reaction.refresh_from_db()
    assert reaction.description == original
    assert "kept curator edits (" not in load()


def test_a_removed_citation_counts_as_a_curators_edit(seeded):
    statement = Statement.objects.get(slug="noboa-could-not-allow-asylum")
    statement.citations.get().delete()

    output = load()

    assert not statement.citations.exists()
    assert "events.statement noboa-could-not-allow-asylum: kept curator edits (citations)" in output
    load("--overwrite")
    assert statement.citations.count() == 1


def test_a_changed_fixture_updates_records_nobody_edited(seeded, seeds_copy):
    path = seeds_copy / "reactions.yaml"
    text = path.read_text(encoding="utf-8")
    old = "Nicaragua broke off all diplomatic relations with Ecuador over the raid."
    path.write_text(text.replace(old, "Nicaragua cut all diplomatic relations with Ecuador."),
                    encoding="utf-8")

    output = load("--directory", str(seeds_copy))

    new = Reaction.objects.get(slug=NICARAGUA).description
    assert new == "Nicaragua cut all diplomatic relations with Ecuador."
    assert "events.reaction: 0 created, 1 updated, 18 unchanged" in output


def test_a_changed_fixture_does_not_replace_a_curators_edit(seeded, seeds_copy):
    Reaction.objects.filter(slug=NICARAGUA).update(stance="neutral")
    path = seeds_copy / "reactions.yaml"
    old = "Nicaragua broke off all diplomatic relations with Ecuador over the raid."
    path.write_text(path.read_text(encoding="utf-8").replace(old, "New fixture text."), encoding="utf-8")

    output = load("--directory", str(seeds_copy))

    reaction = Reaction.objects.get(slug=NICARAGUA)
    assert (reaction.stance, reaction.description) == ("neutral", old)
    assert f"{NICARAGUA}: kept curator edits (description, stance)" in output


def test_a_broken_fixture_names_file_and_record_and_loads_nothing(db, seeds_copy):
    path = seeds_copy / "reactions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: abstention", "kind: abstained"), encoding="utf-8")

    with pytest.raises(CommandError, match=r"reactions.yaml: el-salvador-abstains-in-oas-vote: kind"):
        load("--directory", str(seeds_copy))
    assert Actor.objects.count() == 0


def test_a_reaction_by_a_person_is_refused(db, seeds_copy):
    path = seeds_copy / "reactions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("actor: nicaragua", "actor: xiomara-castro"), encoding="utf-8")

    with pytest.raises(CommandError, match=rf"reactions.yaml: {NICARAGUA}: actor"):
        load("--directory", str(seeds_copy))


def test_a_record_without_citation_is_refused(db, seeds_copy):
    path = seeds_copy / "events.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  citations:", text.index("slug: oas-resolution-condemning-raid"))
    end = text.index("\n- slug:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")

    with pytest.raises(CommandError, match="events.yaml: oas-resolution-condemning-raid: needs at least one"):
        load("--directory", str(seeds_copy))
