from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """Every way data gets into the database: seed fixtures, backups, synthetic data, curators."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
