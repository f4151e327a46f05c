import datetime

import pytest

from actors.choices import ActorKind
from core.choices import ReviewStatus
from events.choices import Certainty, ReactionKind, Stance
from tests.api.conftest import slugs
from tests.factories import ActorFactory, CitationFactory, EventFactory, ReactionFactory, SourceFactory

pytestmark = pytest.mark.django_db
URL = "/api/reactions/"


@pytest.fixture
def three_reactions(nicaragua, el_salvador, honduras):
    return [
        ReactionFactory(slug="ni-severs", actor=nicaragua, kind=ReactionKind.SEVERED_TIES),
        ReactionFactory(slug="sv-abstains", actor=el_salvador, kind=ReactionKind.ABSTENTION,
                        stance=Stance.ABSTAINS),
        ReactionFactory(slug="hn-condemns", actor=honduras),
    ]


def test_reaction_carries_actor_event_and_citations_inline(api_client, nicaragua):
    source = SourceFactory(slug="ap-report", title="Nicaragua breaks ties", publisher="AP")
    reaction = ReactionFactory(slug="ni-severs", actor=nicaragua, kind=ReactionKind.SEVERED_TIES,
                               cameo_code="161")
    CitationFactory(source=source, reaction=reaction, excerpt="Nicaragua broke off relations.")

    body = api_client.get(f"{URL}ni-severs/").json()

    assert body["public_id"] == str(reaction.public_id)
    assert body["actor"] == {"slug": "nicaragua", "name": "Nicaragua", "kind": "state", "country": "NI",
                             "country_name": "Nicaragua"}
    assert body["event"] == {"slug": reaction.event.slug, "title": reaction.event.title,
                             "date": "2024-04-05", "date_precision": "day"}
    assert body["kind"] == "severed_ties"
    assert body["cameo_code"] == "161"
    assert body["cameo_label"] == "Reduce or break diplomatic relations"
    assert body["citations"] == [{"source": {"slug": "ap-report", "title": "Nicaragua breaks ties",
                                             "publisher": "AP", "kind": "news_report"},
                                  "excerpt": "Nicaragua broke off relations.", "excerpt_start": None,
                                  "excerpt_end": None, "verified": False}]
    for key in ("created_at", "updated_at", "date", "date_precision", "description", "stance",
                "certainty", "status"):
        assert key in body


def test_detail_is_addressed_by_slug_and_unknown_slug_is_json_404(api_client):
    ReactionFactory(slug="known")
    assert api_client.get(f"{URL}known/").status_code == 200
    response = api_client.get(f"{URL}unknown/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_anonymous_users_see_only_reviewed_reactions(api_client):
    ReactionFactory(slug="public")
    ReactionFactory(slug="secret", status=ReviewStatus.DRAFT)
    assert slugs(api_client.get(URL)) == ["public"]
    assert api_client.get(f"{URL}secret/").status_code == 404


def test_anonymous_asking_for_drafts_gets_400(api_client):
    ReactionFactory(slug="secret", status=ReviewStatus.DRAFT)
    for value in ("draft", "all"):
        response = api_client.get(URL, {"status": value})
        assert response.status_code == 400
        assert "status" in response.json()


def test_staff_see_reviewed_by_default_and_drafts_on_request(staff_client):
    ReactionFactory(slug="public")
    ReactionFactory(slug="secret", status=ReviewStatus.DRAFT)
    assert slugs(staff_client.get(URL)) == ["public"]
    assert slugs(staff_client.get(URL, {"status": "draft"})) == ["secret"]
    assert sorted(slugs(staff_client.get(URL, {"status": "all"}))) == ["public", "secret"]
    assert staff_client.get(f"{URL}secret/", {"status": "all"}).status_code == 200


def test_country_filter_accepts_iso2(api_client, three_reactions):
    assert slugs(api_client.get(URL, {"country": "NI"})) == ["ni-severs"]


def test_country_filter_accepts_iso3(api_client, three_reactions):
    assert slugs(api_client.get(URL, {"country": "SLV"})) == ["sv-abstains"]


def test_country_filter_accepts_english_name_in_any_case(api_client, three_reactions):
    assert slugs(api_client.get(URL, {"country": "hONDURAS"})) == ["hn-condemns"]
    assert slugs(api_client.get(URL, {"country": "el salvador"})) == ["sv-abstains"]


def test_country_filter_accepts_a_mixed_comma_separated_list(api_client, three_reactions):
    assert sorted(slugs(api_client.get(URL, {"country": "NI,SLV,honduras"}))) == [
        "hn-condemns", "ni-severs", "sv-abstains"]


def test_unknown_country_is_400_naming_parameter_and_value(api_client, three_reactions):
    response = api_client.get(URL, {"country": "NI,ZZ"})
    assert response.status_code == 400
    assert list(response.json()) == ["country"]
    assert "ZZ" in response.json()["country"][0]


def test_actor_filter_takes_one_or_several_slugs(api_client, three_reactions):
    assert slugs(api_client.get(URL, {"actor": "nicaragua"})) == ["ni-severs"]
    assert sorted(slugs(api_client.get(URL, {"actor": "nicaragua,honduras"}))) == ["hn-condemns", "ni-severs"]


def test_actor_kind_filter(api_client, nicaragua):
    oas = ActorFactory(slug="oas", name="Organization of American States", country="",
                       kind=ActorKind.INTERNATIONAL_ORGANIZATION)
    ReactionFactory(slug="oas-meeting", actor=oas)
    ReactionFactory(slug="ni-severs", actor=nicaragua)
    assert slugs(api_client.get(URL, {"actor_kind": "international_organization"})) == ["oas-meeting"]
    assert slugs(api_client.get(URL, {"actor_kind": "state"})) == ["ni-severs"]


def test_actor_kind_rejects_kinds_that_cannot_react(api_client):
    response = api_client.get(URL, {"actor_kind": "person"})
    assert response.status_code == 400
    assert "international_organization" in response.json()["actor_kind"][0]


def test_event_filter_by_slug(api_client):
    raid = EventFactory(slug="raid")
    ReactionFactory(slug="on-raid", event=raid)
    ReactionFactory(slug="elsewhere")
    assert slugs(api_client.get(URL, {"event": "raid"})) == ["on-raid"]


def test_kind_stance_and_certainty_filters(api_client, three_reactions):
    ReactionFactory(slug="rumour", certainty=Certainty.ALLEGED, stance=Stance.SUPPORTS)
    assert slugs(api_client.get(URL, {"kind": "abstention"})) == ["sv-abstains"]
    assert slugs(api_client.get(URL, {"stance": "supports"})) == ["rumour"]
    assert slugs(api_client.get(URL, {"certainty": "alleged"})) == ["rumour"]


def test_unknown_choice_is_400_listing_allowed_values(api_client):
    response = api_client.get(URL, {"stance": "angry"})
    assert response.status_code == 400
    message = response.json()["stance"][0]
    assert "angry" in message
    for allowed in Stance.values:
        assert allowed in message


def test_date_range_filters_are_inclusive(api_client):
    for day in (5, 6, 7):
        ReactionFactory(slug=f"day-{day}", date=datetime.date(2024, 4, day))
    assert slugs(api_client.get(URL, {"date_after": "2024-04-06"})) == ["day-6", "day-7"]
    assert slugs(api_client.get(URL, {"date_before": "2024-04-06"})) == ["day-5", "day-6"]
    assert slugs(api_client.get(URL, {"date_after": "2024-04-06", "date_before": "2024-04-06"})) == ["day-6"]


def test_malformed_date_is_400(api_client):
    response = api_client.get(URL, {"date_after": "6 April"})
    assert response.status_code == 400
    assert list(response.json()) == ["date_after"]


def test_source_filter_finds_reactions_citing_a_source_once_each(api_client):
    source = SourceFactory(slug="reuters-1")
    cited = ReactionFactory(slug="cited")
    CitationFactory(source=source, reaction=cited, excerpt="one")
    CitationFactory(source=source, reaction=cited, excerpt="two")
    CitationFactory(reaction=ReactionFactory(slug="other"))
    assert slugs(api_client.get(URL, {"source": "reuters-1"})) == ["cited"]


def test_q_ignores_accents_and_case_in_description(api_client, mexico):
    ReactionFactory(slug="mx", actor=mexico, description="Foreign Minister Alicia Bárcena announced it.")
    ReactionFactory(slug="other", description="Nothing here.")
    assert slugs(api_client.get(URL, {"q": "barcena"})) == ["mx"]
    assert slugs(api_client.get(URL, {"q": "BÁRCENA"})) == ["mx"]


def test_q_matches_actor_name_and_aliases(api_client, mexico):
    amlo_state = ActorFactory(slug="state-amlo", name="República", aliases=["López Obrador's government"])
    ReactionFactory(slug="mx", actor=mexico)
    ReactionFactory(slug="amlo", actor=amlo_state)
    ReactionFactory(slug="other")
    assert slugs(api_client.get(URL, {"q": "mexicanos"})) == ["mx"]
    assert slugs(api_client.get(URL, {"q": "lopez obrador"})) == ["amlo"]
    assert slugs(api_client.get(URL, {"q": "republica"})) == ["amlo"]


def test_ordering_by_date_descending_and_by_actor(api_client, nicaragua, honduras):
    ReactionFactory(slug="early", actor=nicaragua, date=datetime.date(2024, 4, 6))
    ReactionFactory(slug="late", actor=honduras, date=datetime.date(2024, 4, 9))
    assert slugs(api_client.get(URL, {"ordering": "-date"})) == ["late", "early"]
    assert slugs(api_client.get(URL, {"ordering": "actor"})) == ["late", "early"]


def test_bad_ordering_is_400_listing_allowed_fields(api_client):
    response = api_client.get(URL, {"ordering": "description"})
    assert response.status_code == 400
    assert "date" in response.json()["ordering"][0]


def test_default_order_is_date_then_id(api_client):
    ReactionFactory(slug="b", date=datetime.date(2024, 4, 7))
    ReactionFactory(slug="a1", date=datetime.date(2024, 4, 6))
    ReactionFactory(slug="a2", date=datetime.date(2024, 4, 6))
    assert slugs(api_client.get(URL)) == ["a1", "a2", "b"]
