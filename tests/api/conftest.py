import pytest

from tests.factories import ActorFactory


def slugs(response):
    """The slugs of a list response, in order."""
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def nicaragua(db):
    return ActorFactory(name="Nicaragua", slug="nicaragua", country="NI")


@pytest.fixture
def el_salvador(db):
    return ActorFactory(name="El Salvador", slug="el-salvador", country="SV")


@pytest.fixture
def honduras(db):
    return ActorFactory(name="Honduras", slug="honduras", country="HN")


@pytest.fixture
def mexico(db):
    return ActorFactory(name="Mexico", slug="mexico", country="MX", aliases=["Estados Unidos Mexicanos"])
