from tests.admin.conftest import curator, curator_client  # noqa: F401 (the admin tests' fixtures)
