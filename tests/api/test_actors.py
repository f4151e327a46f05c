import pytest

from actors.choices import ActorKind
from tests.api.conftest import slugs
from tests.factories import ActorFactory, PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db
URL = "/api/actors/"


def test_actor_carries_aliases_country_and_roles_with_organization(api_client, mexico):
    person = PersonFactory(slug="barcena", name="Alicia Bárcena", aliases=["Bárcena"])
    RoleFactory(person=person, organization=mexico, title="Secretary of Foreign Relations", is_current=True)

    body = api_client.get(f"{URL}barcena/").json()
    assert body["aliases"] == ["Bárcena"]
    assert body["roles"] == [{
        "title": "Secretary of Foreign Relations",
        "organization": {"slug": "mexico", "name": "Mexico", "kind": "state", "country": "MX",
                         "country_name": "Mexico"},
        "is_current": True, "start_date": None, "start_precision": "unknown", "end_date": None,
        "end_precision": "unknown"}]
    mexico_body = api_client.get(f"{URL}mexico/").json()
    assert (mexico_body["country"], mexico_body["country_name"]) == ("MX", "Mexico")
    assert mexico_body["public_id"] == str(mexico.public_id)


def test_kind_and_country_filters(api_client, mexico, nicaragua):
    PersonFactory(slug="someone")
    assert slugs(api_client.get(URL, {"kind": "person"})) == ["someone"]
    assert slugs(api_client.get(URL, {"country": "mex,NI"})) == ["mexico", "nicaragua"]
    assert api_client.get(URL, {"kind": "planet"}).status_code == 400


def test_q_matches_names_and_aliases_ignoring_accents(api_client):
    ActorFactory(slug="amlo", name="Andrés Manuel López Obrador", kind=ActorKind.PERSON, country="",
                 aliases=["AMLO"])
    ActorFactory(slug="other", name="Someone Else")
    assert slugs(api_client.get(URL, {"q": "lopez obrador"})) == ["amlo"]
    assert slugs(api_client.get(URL, {"q": "amlo"})) == ["amlo"]


def test_ordering_by_name_descending(api_client, mexico, nicaragua):
    assert slugs(api_client.get(URL, {"ordering": "-name"})) == ["nicaragua", "mexico"]
    assert api_client.get(URL, {"ordering": "country"}).status_code == 400
