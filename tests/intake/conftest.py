import pytest
from django.test import Client

from .admin_setup import make_curator
from .directory import directory as make_directory


@pytest.fixture(scope="session")
def directory():
    return make_directory()


@pytest.fixture
def curator(django_user_model):
    """A member of the curators group (``setup_curators``), as the admin tests log in."""
    return make_curator(django_user_model)


@pytest.fixture
def curator_client(curator):
    client = Client()
    client.force_login(curator)
    return client
