from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """Every way data gets into the database: seed fixtures, backups, synthetic data, curators."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"

    def ready(self):
        from intake.backup import connect_signals

        connect_signals()  # restoring a backup never overwrites an existing account
