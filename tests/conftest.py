import pytest
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters live in the cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_user("staff", password="pw-staff-123", is_staff=True)
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def seeded(db):
    """The real seed data built from the five articles, loaded the way a user loads it."""
    call_command("load_seeds", verbosity=0)
