from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"

    def ready(self):
        # Statement quotes are placed in source texts: a text change must re-check them too.
        from events.quotes import revise_for_text
        from sources.services import register_text_dependent

        register_text_dependent(revise_for_text)
