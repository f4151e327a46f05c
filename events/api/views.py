from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf

from actors.choices import ActorKind
from core.api.renderers import RECORD_HEAD, RECORD_TAIL, csv_column
from core.api.stats import Dimension, StatsMixin, country_key
from core.api.views import RecordViewSet
from events.api.serializers import EventSerializer, ReactionSerializer, StatementSerializer
from events.cameo import CAMEO_CODES
from events.choices import ReactionKind, Stance
from events.filtersets import EventFilterSet, ReactionFilterSet, StatementFilterSet
from events.models import DataVersion, Event, Reaction, Statement
from events.plover.ontology import MODES, PloverType

PLOVER_CSV = [csv_column("plover_type"), csv_column("plover_mode"), csv_column("plover_contexts"),
              csv_column("plover_hand_coded")]
# A mode means something only with its type (withdraw: RETREAT's troops or SANCTION's diplomats), so
# modes are counted per type: key "SANCTION:withdraw".
PLOVER_MODE_LABELS = {f"{t}:{m}": f"{PloverType(t).label}: {m}" for t, modes in MODES.items() for m in modes}
PLOVER_STATS = {
    "plover_type": Dimension("The PLOVER event type (null: no PLOVER equivalent or no CAMEO code).",
                             NullIf(F("plover_type"), Value("")), dict(PloverType.choices),
                             none_label="No PLOVER type"),
    "plover_mode": Dimension("The PLOVER type and mode, as TYPE:mode (null: no mode).",
                             Case(When(~Q(plover_mode=""),
                                       then=Concat("plover_type", Value(":"), "plover_mode")),
                                  default=None, output_field=CharField()),
                             PLOVER_MODE_LABELS, none_label="No PLOVER mode"),
}


class EventViewSet(StatsMixin, RecordViewSet):
    """Events with their participants, parent event and citations. Detail by slug."""

    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    ordering_fields = {"date": "date", "title": "title", "updated_at": "updated_at"}
    csv_columns = [
        *RECORD_HEAD, csv_column("title"), csv_column("date"), csv_column("date_precision"),
        csv_column("place"), csv_column("country"), csv_column("cameo_code"), *PLOVER_CSV,
        csv_column("certainty"),
        csv_column("parent_slug", "parent.slug"), csv_column("description"),
        csv_column("participants"),  # role:actor-slug, from the row reader (events/querysets.py)
        csv_column("status"), csv_column("source_slugs"), *RECORD_TAIL,
    ]
    stats_dimensions = {
        "country": Dimension("The event's country (ISO 3166-1 alpha-2).", country_key("country"),
                             country=True, none_label="No country"),
        "cameo": Dimension("The event's CAMEO code.", NullIf(F("cameo_code"), Value("")), CAMEO_CODES),
        **PLOVER_STATS,
        "date": Dimension("The event's date, bucketed by `interval`."),
    }
    stats_data_version = DataVersion.current

    def get_queryset(self):
        return Event.objects.for_api().visible_to(self.request.user)


class StatementViewSet(StatsMixin, RecordViewSet):
    """Verbatim statements by people and bodies, with speaker, event and citations. Detail by slug."""

    serializer_class = StatementSerializer
    filterset_class = StatementFilterSet
    ordering_fields = {"date": "date", "speaker": "speaker__name", "updated_at": "updated_at"}
    csv_columns = [
        *RECORD_HEAD, csv_column("speaker_slug", "speaker.slug"), csv_column("speaker_name", "speaker.name"),
        csv_column("on_behalf_of_slug", "on_behalf_of.slug"),
        csv_column("on_behalf_of_name", "on_behalf_of.name"),
        # Whom the speaker speaks for, else the speaker's own country (as stats group_by=country).
        csv_column("country", lambda row: row["on_behalf_of__country"] or row["speaker__country"]),
        csv_column("event_slug", "event.slug"), csv_column("date"), csv_column("date_precision"),
        csv_column("quote"), csv_column("context"), csv_column("status"),
        csv_column("source_slugs"), *RECORD_TAIL,
    ]
    stats_dimensions = {
        "speaker": Dimension("The speaker (actor slug).", "speaker__slug", label_field="speaker__name"),
        "country": Dimension("The country the speaker speaks for, else the speaker's own country.",
                             Coalesce(country_key("on_behalf_of__country"), country_key("speaker__country")),
                             country=True, none_label="No country"),
        "date": Dimension("The statement's date, bucketed by `interval`."),
    }
    stats_data_version = DataVersion.current

    def get_queryset(self):
        return Statement.objects.for_api().visible_to(self.request.user)


class ReactionViewSet(StatsMixin, RecordViewSet):
    """How states and international organizations reacted to events, with citations. Detail by slug."""

    serializer_class = ReactionSerializer
    filterset_class = ReactionFilterSet
    ordering_fields = {"date": "date", "actor": "actor__name", "updated_at": "updated_at"}
    csv_columns = [
        *RECORD_HEAD, csv_column("actor_slug", "actor.slug"), csv_column("actor_name", "actor.name"),
        csv_column("actor_kind", "actor.kind"), csv_column("country", "actor.country"),
        csv_column("event_slug", "event.slug"), csv_column("kind"), csv_column("stance"), csv_column("date"),
        csv_column("date_precision"), csv_column("certainty"), csv_column("cameo_code"), *PLOVER_CSV,
        csv_column("description"), csv_column("status"), csv_column("source_slugs"),
        *RECORD_TAIL,
    ]
    stats_dimensions = {
        "stance": Dimension("The reaction's stance.", "stance", dict(Stance.choices)),
        "country": Dimension("The reacting actor's country (ISO 3166-1 alpha-2).",
                             country_key("actor__country"), country=True, none_label="No country"),
        "kind": Dimension("The kind of reaction.", "kind", dict(ReactionKind.choices)),
        "actor_kind": Dimension("The reacting actor's kind.", "actor__kind", dict(ActorKind.choices)),
        **PLOVER_STATS,
        "date": Dimension("The reaction's date, bucketed by `interval`."),
    }
    stats_data_version = DataVersion.current

    def get_queryset(self):
        return Reaction.objects.for_api().visible_to(self.request.user)
