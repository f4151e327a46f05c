from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The built-in page at ``/``: a template and a script that read only the public API."""

    name = "dashboard"
