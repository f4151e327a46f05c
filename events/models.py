from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from actors.choices import REACTING_KINDS
from core.dates import precision_constraint
from core.models import DatedMixin, ReviewedRecord, offsets_constraint
from core.review import check_requirements
from core.text import fold
from events.cameo import CAMEO_CODES
from events.choices import ActorRole, Certainty, ReactionKind, Stance
from events.plover.coding import PloverCoded, plover_constraints
from events.querysets import EventQuerySet, ReactionQuerySet, StatementQuerySet

cameo_validator = RegexValidator(r"^\d{2,4}$", "A CAMEO code is 2 to 4 digits, e.g. 111 or 0213.")


def validate_cameo(value: str):
    cameo_validator(value)
    if value not in CAMEO_CODES:
        raise ValidationError(f"{value} is not a CAMEO event code known to this database.")


class Event(ReviewedRecord, DatedMixin, PloverCoded):
    """Something that happened: the raid, a transfer, a court filing, a vote."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    place = models.CharField(max_length=200, blank=True, help_text="City or site, e.g. Quito.")
    country = CountryField(blank=True)
    description = models.TextField(help_text="In the curator's own words.")
    cameo_code = models.CharField(max_length=4, blank=True, validators=[validate_cameo],
                                  help_text="CAMEO event code where one fits.")
    certainty = models.CharField(max_length=10, choices=Certainty.choices, default=Certainty.REPORTED)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", help_text="The main event this one relates to.")
    actors = models.ManyToManyField("actors.Actor", through="EventActor", related_name="events")
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = EventQuerySet.as_manager()
    # In the deletions feed (core/sync.py) as type "event", third in its list of types.
    sync_type, sync_order = "event", 3
    # What the API shows with an event; reviewed only while these are (core/review.py).
    review_requires = ("parent", "participants__actor")

    class Meta:
        ordering = ["date", "title", "id"]
        indexes = [
            models.Index(fields=["status", "date", "id"], name="event_status_date_idx"),
            models.Index(fields=["country", "date"], name="event_country_date_idx"),
            models.Index(fields=["cameo_code"], name="event_cameo_idx"),
            models.Index(fields=["updated_at", "id"], name="event_updated_idx"),
        ]
        constraints = [
            precision_constraint(date_field="date", precision_field="date_precision",
                                 name="event_date_precision_matches"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="event_not_own_parent"),
            *plover_constraints("event"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.description} {self.place}")
        kwargs["update_fields"] = self.prepare_plover(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "An event cannot be its own parent."})
        self.clean_plover()


class EventActor(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    actor = models.ForeignKey("actors.Actor", on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=12, choices=ActorRole.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "role", "actor__name", "id"]
        indexes = [models.Index(fields=["actor", "role"], name="eventactor_actor_role_idx")]
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="eventactor_unique"),
        ]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        check_requirements(self)  # a reviewed event's participants are reviewed actors


class Statement(ReviewedRecord, DatedMixin):
    """A verbatim quote by a person or body, about an event."""

    slug = models.SlugField(max_length=200, unique=True)
    speaker = models.ForeignKey("actors.Actor", on_delete=models.PROTECT, related_name="statements")
    on_behalf_of = models.ForeignKey("actors.Actor", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="statements_made_for",
                                     help_text="The state or organization the speaker speaks for.")
    quote = models.TextField(help_text="Verbatim, as the source prints it, without the quote marks.")
    context = models.TextField(blank=True, help_text="Where and how it was said, in your own words.")
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="statements")
    # Where the quote stands: text[quote_start:quote_end] of quote_source's archived text, a source the
    # statement cites. Set by events.quotes.place_quote; all empty while no cited source has a text.
    quote_source = models.ForeignKey("sources.Source", null=True, blank=True, editable=False,
                                     on_delete=models.PROTECT, related_name="placed_quotes",
                                     help_text="The cited source whose archived text holds the quote; "
                                               "empty when unverified.")
    quote_start = models.PositiveIntegerField(null=True, blank=True, editable=False,
                                              help_text="Offset of the quote in quote_source's text.")
    quote_end = models.PositiveIntegerField(null=True, blank=True, editable=False,
                                            help_text="Offset just past the quote.")
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = StatementQuerySet.as_manager()
    sync_type, sync_order = "statement", 2
    review_requires = ("speaker", "on_behalf_of", "event")

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["status", "date", "id"], name="statement_status_date_idx"),
            models.Index(fields=["speaker", "date"], name="statement_speaker_date_idx"),
            models.Index(fields=["event", "date"], name="statement_event_date_idx"),
            models.Index(fields=["updated_at", "id"], name="statement_updated_idx"),
        ]
        constraints = [
            precision_constraint(date_field="date", precision_field="date_precision",
                                 name="statement_date_precision_matches"),
            models.CheckConstraint(condition=~Q(quote=""), name="statement_quote_not_empty"),
            offsets_constraint("quote_start", "quote_end", "statement_quote_offsets_valid", "quote",
                               "quote_source"),
        ]

    def __str__(self):
        short = self.quote if len(self.quote) <= 60 else self.quote[:57] + "..."
        return f"{self.speaker}: “{short}”"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.quote} {self.context}")
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)


class Reaction(ReviewedRecord, DatedMixin, PloverCoded):
    """How a state or international organization responded to an event."""

    slug = models.SlugField(max_length=200, unique=True)
    actor = models.ForeignKey("actors.Actor", on_delete=models.PROTECT, related_name="reactions")
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="reactions")
    kind = models.CharField(max_length=30, choices=ReactionKind.choices)
    stance = models.CharField(max_length=10, choices=Stance.choices)
    description = models.TextField(help_text="In the curator's own words.")
    cameo_code = models.CharField(max_length=4, blank=True, validators=[validate_cameo])
    certainty = models.CharField(max_length=10, choices=Certainty.choices, default=Certainty.REPORTED,
                                 help_text="'alleged' when one outlet claims it without proof.")
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = ReactionQuerySet.as_manager()
    sync_type, sync_order = "reaction", 1
    review_requires = ("actor", "event")

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["status", "date", "id"], name="reaction_status_date_idx"),
            # Country and actor filters: actor_id IN (...) AND status = ... ORDER BY date, id is an
            # index-only scan of this index plus a top-N sort (0.3 ms for a small country at 1M rows).
            models.Index(fields=["actor", "status", "date", "id"], name="reaction_actor_status_date_idx"),
            models.Index(fields=["event", "date"], name="reaction_event_date_idx"),
            models.Index(fields=["kind", "date"], name="reaction_kind_date_idx"),
            models.Index(fields=["stance", "date"], name="reaction_stance_date_idx"),
            # PLOVER filters (EXPLAIN at 200k synthetic reactions, bench/): without them a type or mode
            # few records have is a full scan (~90 ms); with them an index-only scan in (date, id)
            # order (<1 ms) that also serves stats by type. Modes: only rows that have one. Contexts
            # have a GIN index on PostgreSQL (migration events.0010).
            models.Index(fields=["plover_type", "status", "date", "id"], name="reaction_plover_type_idx"),
            models.Index(fields=["plover_mode", "status", "date", "id"], name="reaction_plover_mode_idx",
                         condition=~Q(plover_mode="")),
            models.Index(fields=["updated_at", "id"], name="reaction_updated_idx"),
        ]
        constraints = [
            precision_constraint(date_field="date", precision_field="date_precision",
                                 name="reaction_date_precision_matches"),
            models.CheckConstraint(condition=Q(kind__in=ReactionKind.values), name="reaction_kind_valid"),
            models.CheckConstraint(condition=Q(stance__in=Stance.values), name="reaction_stance_valid"),
            models.CheckConstraint(condition=Q(certainty__in=Certainty.values),
                                   name="reaction_certainty_valid"),
            *plover_constraints("reaction"),
        ]
        # "A reaction's actor is a state or an international organization" spans two tables, so it
        # is enforced by database triggers (migration events.0002) as well as by clean().

    def __str__(self):
        return f"{self.actor}: {self.get_kind_display()} ({self.event})"

    def save(self, *args, **kwargs):
        self.search_text = fold(self.description)
        kwargs["update_fields"] = self.prepare_plover(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        if self.actor_id and self.actor.kind not in REACTING_KINDS:
            raise ValidationError({"actor": "A reaction's actor must be a state or an international "
                                            "organization."})
        self.clean_plover()


class DataVersion(models.Model):
    """A number that changes whenever data that stats answers depend on changes (one row, id 1).

    Database triggers (migration events.0006) bump it on every write to reactions, statements, events,
    event participants, actors, sources and citations, whoever makes the write: the ORM, the admin, a
    bulk COPY or raw SQL. Stats answers are cached under the version they were computed at
    (core/api/stats.py), so a change makes every older cached answer unreachable.
    """

    id = models.SmallIntegerField(primary_key=True, default=1, editable=False)
    value = models.BigIntegerField(help_text="Bumped by database triggers; never set it from Python.")

    class Meta:
        ordering = ["id"]
        indexes = []  # one row, read by primary key
        constraints = [models.CheckConstraint(condition=Q(id=1), name="dataversion_single_row")]

    def __str__(self):
        return f"data version {self.value}"

    @classmethod
    def current(cls) -> int | None:
        """The current version, or None when the row is missing (a flushed database before its next write)."""
        return cls.objects.filter(pk=1).values_list("value", flat=True).first()
