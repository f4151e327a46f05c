from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from actors.choices import REACTING_KINDS, ActorKind
from actors.querysets import ActorQuerySet, RoleQuerySet
from core.dates import DatePrecision, precision_constraint
from core.models import ReviewedRecord
from core.review import check_requirements
from core.text import fold


class Actor(ReviewedRecord):
    """A state, organization, body, party, group or person that acts or speaks in events.

    Reviewed like the claims that name it: the article intake creates actors as drafts, and anonymous
    users see an actor, and the records naming it, only once a curator has reviewed it.
    """

    # A person's roles show the organization they act for (core/review.py).
    review_requires = ("roles__organization",)

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=ActorKind.choices)
    country = CountryField(blank=True, help_text="ISO 3166-1 alpha-2. Required for a state.")
    aliases = models.JSONField(default=list, blank=True,
                               help_text='Other names and spellings the sources use, e.g. ["AMLO"].')
    description = models.TextField(blank=True)
    # Accent- and case-folded name and aliases, so search ignores both on every database.
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()
    objects = ActorQuerySet.as_manager()
    # In the deletions feed (core/sync.py) as type "actor", fourth in its list of types.
    sync_type, sync_order = "actor", 4

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["kind", "name"], name="actor_kind_name_idx"),
            models.Index(fields=["country", "kind"], name="actor_country_kind_idx"),
            models.Index(fields=["updated_at", "id"], name="actor_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(kind=ActorKind.STATE) | ~Q(country=""),
                                   name="actor_state_has_country",
                                   violation_error_message="A state must have a country."),
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_kind_valid"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def can_react(self) -> bool:
        return self.kind in REACTING_KINDS

    def clean(self):
        super().clean()
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError({"aliases": "Aliases must be a list of strings."})
        if self.pk and not self.can_react and self.reactions.exists():
            raise ValidationError({"kind": "This actor has reactions; only a state or an international "
                                           "organization can react."})

    def save(self, *args, **kwargs):
        # Derived from this row's own fields only.
        self.search_text = self.build_search_text(self.name, self.aliases)
        super().save(*args, **kwargs)

    @staticmethod
    def build_search_text(name: str, aliases: list[str]) -> str:
        return " | ".join(fold(n) for n in [name, *(aliases or [])])


class Role(models.Model):
    """A position a person holds for a body or state, with dates where the sources give them."""

    person = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles",
                               limit_choices_to={"kind": ActorKind.PERSON})
    title = models.CharField(max_length=200, help_text='e.g. "Secretary of Foreign Relations"')
    organization = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="members",
                                     help_text="The state or body the person acts for.")
    is_current = models.BooleanField(null=True, blank=True,
                                     help_text="Whether the sources describe the role as current "
                                               "(empty: they do not say).")
    start_date = models.DateField(null=True, blank=True)
    start_precision = models.CharField(max_length=10, choices=DatePrecision.choices,
                                       default=DatePrecision.UNKNOWN)
    end_date = models.DateField(null=True, blank=True)
    end_precision = models.CharField(max_length=10, choices=DatePrecision.choices,
                                     default=DatePrecision.UNKNOWN)

    history = HistoricalRecords()
    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["person__name", "title", "id"]
        indexes = [models.Index(fields=["organization", "title"], name="role_org_title_idx")]
        constraints = [
            models.UniqueConstraint(fields=["person", "title", "organization"], name="role_unique"),
            precision_constraint(date_field="start_date", precision_field="start_precision",
                                 name="role_start_precision_matches"),
            precision_constraint(date_field="end_date", precision_field="end_precision",
                                 name="role_end_precision_matches"),
        ]

    def __str__(self):
        prefix = "" if self.is_current is not False else "Former "
        return f"{self.person}: {prefix}{self.title}, {self.organization}"

    def clean(self):
        super().clean()
        if self.person_id and self.person.kind != ActorKind.PERSON:
            raise ValidationError({"person": "Only a person holds a role."})
        check_requirements(self)  # a reviewed person's role is at a reviewed organization
