from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared plumbing; an app only so that it can own templates (the admin's review confirmation).
    It has no concrete model and no migration."""

    name = "core"
    verbose_name = "Shared plumbing"
