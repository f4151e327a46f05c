import pytest

from .directory import directory as make_directory


@pytest.fixture(scope="session")
def directory():
    return make_directory()
