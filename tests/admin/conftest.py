import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def curator(db, django_user_model):
    call_command("setup_curators", verbosity=0, stdout=io.StringIO())
    user = django_user_model.objects.create_user("curator", password="pw-curator-123", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    return user


@pytest.fixture
def curator_client(curator):
    client = Client()
    client.force_login(curator)
    return client
